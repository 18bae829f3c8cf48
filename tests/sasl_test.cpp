// Tests for sasl.hpp: base64 (RFC 4648 §10 vectors, strict decoding with offsets, round trips
// of every length), the server's PLAIN parser (RFC 4616 §2), and the client: the mechanism
// names and the chooser, and the stepper for every mechanism with the published examples
// (RFC 2195 CRAM-MD5, RFC 7677 §3 SCRAM-SHA-256, RFC 7628 §4.1 OAUTHBEARER, Google's XOAUTH2),
// error challenges, every failure with its reason and offset, buffers too small, and constexpr
// use. The hashes come from tests/support/hash.hpp, checked first against RFC 1321, FIPS 180-2,
// RFC 4231, RFC 2202 and RFC 7914 vectors. The header comes first to prove it is
// self-contained.
#include <doctest/doctest.h>

#include <cstring>
#include <random>
#include <smtpcodes/sasl.hpp>
#include <string>
#include <string_view>

#include "support/hash.hpp"

using smtpcodes::base64_decode;
using smtpcodes::base64_encode;
using smtpcodes::errc;
using smtpcodes::parse_plain_response;
using namespace std::string_view_literals;

namespace {

std::string encode(std::string_view in) {
  std::string out(smtpcodes::base64_encoded_size(in.size()), '\0');
  const auto r = base64_encode(in, out.data(), out.size());
  REQUIRE(r.ok());
  out.resize(r.size);
  return out;
}

smtpcodes::write_result decode(std::string_view in, std::string& out) {
  out.assign(smtpcodes::base64_decoded_size_max(in.size()), '\0');
  const auto r = base64_decode(in, out.data(), out.size());
  if (r.ok()) out.resize(r.size);
  return r;
}

}  // namespace

TEST_CASE("base64: the RFC 4648 §10 vectors, both ways") {
  const std::pair<std::string_view, std::string_view> vectors[] = {
      {""sv, ""sv},
      {"f"sv, "Zg=="sv},
      {"fo"sv, "Zm8="sv},
      {"foo"sv, "Zm9v"sv},
      {"foob"sv, "Zm9vYg=="sv},
      {"fooba"sv, "Zm9vYmE="sv},
      {"foobar"sv, "Zm9vYmFy"sv},
  };
  for (const auto& vector : vectors) {
    // Not a structured binding: clang before C++20 cannot capture one in CAPTURE's lambda.
    const std::string_view plain = vector.first;
    const std::string_view coded = vector.second;
    CAPTURE(plain);
    CHECK(encode(plain) == coded);
    std::string out;
    CHECK(decode(coded, out).ok());
    CHECK(out == plain);
  }
}

TEST_CASE("base64: every length and octet value round-trips") {
  std::mt19937 rng(4648);
  for (std::size_t n = 0; n < 300; ++n) {
    std::string s(n, '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    const std::string coded = encode(s);
    CHECK(coded.size() == smtpcodes::base64_encoded_size(n));
    std::string back;
    REQUIRE(decode(coded, back).ok());
    CHECK(back == s);
  }
}

TEST_CASE("base64: strict decoding names the offending octet") {
  std::string out;
  CHECK(decode("Zm9", out).offset == 3);        // short last group
  CHECK(decode("Zm9v Yg==", out).offset == 4);  // white space
  CHECK(decode("Zm9vYg=", out).offset == 7);    // padding cut short
  CHECK(decode("Zg=a", out).offset == 2);       // "=" before the end
  CHECK(decode("Z===", out).failed());          // three pads
  CHECK(decode("Zh==", out).offset == 1);       // unused bits not zero (RFC 4648 §3.5)
  CHECK(decode("Zm9=", out).offset == 2);
  CHECK(decode("Zm\r\n", out).offset == 2);
  CHECK(decode("Zm9v", out).ok());
  char small[2];
  const auto r = base64_decode("Zm9v", small, sizeof small);
  CHECK(r.error == errc::output_too_small);
  CHECK(r.size == 3);
  char tiny[3];
  CHECK(base64_encode("ab", tiny, sizeof tiny).error == errc::output_too_small);
}

TEST_CASE("PLAIN: authzid, authcid and password (RFC 4616 §2)") {
  const auto r = parse_plain_response("\0tim\0tanstaaftanstaaf"sv);
  REQUIRE(r.ok());
  CHECK(r.credentials.authzid.empty());
  CHECK(r.credentials.authcid == "tim");
  CHECK(r.credentials.password == "tanstaaftanstaaf");
  const auto z = parse_plain_response("Ursel\0Kurt\0xipj3plmq"sv);
  REQUIRE(z.ok());
  CHECK(z.credentials.authzid == "Ursel");
  CHECK(parse_plain_response("tim"sv).part == 1);
  CHECK(parse_plain_response("\0tim"sv).part == 2);
  CHECK(parse_plain_response("\0\0pw"sv).part == 1);
  CHECK(parse_plain_response("\0tim\0"sv).part == 2);
  CHECK(parse_plain_response("\0tim\0p\0w"sv).offset == 6);
  const std::string long_user = std::string(1, '\0') + std::string(256, 'u') + '\0' + "pw";
  CHECK(parse_plain_response(long_user).failed());
  const std::string max_user = std::string(1, '\0') + std::string(255, 'u') + '\0' + "pw";
  CHECK(parse_plain_response(max_user).ok());
}

static_assert(smtpcodes::base64_encoded_size(4) == 8);
static_assert(smtpcodes::base64_decoded_size_max(8) == 6);
static_assert(parse_plain_response("\0u\0p"sv).credentials.password == "p");

// ---- the test hashes, against their published vectors ------------------------------------------

namespace {

template <class H>
std::string hex_digest(std::string_view data) {
  char d[H::digest_size] = {};
  test_hash::digest<H>(data, d);
  return std::string(test_hash::to_hex(d).view());
}

template <class H>
std::string hex_hmac(std::string_view key, std::string_view text) {
  char d[H::digest_size] = {};
  test_hash::hmac<H>(key, text, d);
  return std::string(test_hash::to_hex(d).view());
}

}  // namespace

TEST_CASE("test support: MD5 gives the RFC 1321 §A.5 digests") {
  using test_hash::md5;
  CHECK(hex_digest<md5>("") == "d41d8cd98f00b204e9800998ecf8427e");
  CHECK(hex_digest<md5>("a") == "0cc175b9c0f1b6a831c399e269772661");
  CHECK(hex_digest<md5>("abc") == "900150983cd24fb0d6963f7d28e17f72");
  CHECK(hex_digest<md5>("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
  CHECK(hex_digest<md5>("abcdefghijklmnopqrstuvwxyz") == "c3fcd3d76192e4007dfb496cca67e13b");
  CHECK(hex_digest<md5>("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") ==
        "d174ab98d277d9f5a5611c2c9f419d9f");
  CHECK(hex_digest<md5>("1234567890123456789012345678901234567890123456789012345678901234567890"
                        "1234567890") == "57edf4a22be3c955ac49da2e2107b67a");
}

TEST_CASE("test support: SHA-256 gives the FIPS 180-2 Appendix B digests") {
  using test_hash::sha256;
  CHECK(hex_digest<sha256>("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex_digest<sha256>("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(hex_digest<sha256>(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  CHECK(hex_digest<sha256>("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("test support: HMAC-SHA-256 gives the RFC 4231 §4 values") {
  using test_hash::sha256;
  CHECK(hex_hmac<sha256>(std::string(20, '\x0b'), "Hi There") ==
        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");  // case 1
  CHECK(hex_hmac<sha256>("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");  // case 2
  CHECK(hex_hmac<sha256>(std::string(20, '\xaa'), std::string(50, '\xdd')) ==
        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");  // case 3
  CHECK(hex_hmac<sha256>(std::string(131, '\xaa'),
                         "Test Using Larger Than Block-Size Key - Hash Key First") ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");  // case 6
  CHECK(hex_hmac<sha256>(std::string(131, '\xaa'),
                         "This is a test using a larger than block-size key and a larger than "
                         "block-size data. The key needs to be hashed before being used by the "
                         "HMAC algorithm.") ==
        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");  // case 7
}

TEST_CASE("test support: HMAC-MD5 gives the RFC 2202 §2 values") {
  using test_hash::md5;
  CHECK(hex_hmac<md5>(std::string(16, '\x0b'), "Hi There") == "9294727a3638bb1c13f48ef8158bfc9d");
  CHECK(hex_hmac<md5>("Jefe", "what do ya want for nothing?") ==
        "750c783e6ab0b503eaa86e310a5db738");
  CHECK(hex_hmac<md5>(std::string(16, '\xaa'), std::string(50, '\xdd')) ==
        "56be34521d144c88dbb8c733f0e8b3f6");
  CHECK(hex_hmac<md5>(std::string(80, '\xaa'),
                      "Test Using Larger Than Block-Size Key - Hash Key First") ==
        "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd");
}

// ---- the SASL client ---------------------------------------------------------------------------

using smtpcodes::sasl_client;
using smtpcodes::sasl_credentials;
using smtpcodes::sasl_failure;
using smtpcodes::sasl_mechanism;
using smtpcodes::sasl_result;
using smtpcodes::sasl_status;

namespace {

constexpr smtpcodes::sasl_crypto test_crypto{nullptr, &test_hash::hmac_md5_hook,
                                             &test_hash::hmac_sha256_hook, &test_hash::sha256_hook};

/// A buffer and the text of the last step written to it.
struct wire {
  char out[2048];
  std::string text(const sasl_result& r) const { return r.ok() ? std::string(out, r.size) : "!"; }
};

std::string b64(std::string_view raw) {
  std::string out(smtpcodes::base64_encoded_size(raw.size()), '\0');
  REQUIRE(base64_encode(raw, out.data(), out.size()).ok());
  return out;
}

/// The step must fail with `why` at `offset`.
void check_failure(const sasl_result& r, sasl_failure why, std::size_t offset,
                   errc e = errc::bad_argument) {
  CHECK(r.failed());
  CHECK(r.status == sasl_status::failed);
  CHECK(r.reason == why);
  CHECK(r.error == e);
  CHECK(r.offset == offset);
}

// RFC 7677 §3.
constexpr std::string_view rfc7677_server_first =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view rfc7677_client_final =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view rfc7677_server_final = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

sasl_credentials rfc7677_user() {
  sasl_credentials c;
  c.username = "user";
  c.password = "pencil";
  c.client_nonce = "rOprNGfwEbeRWgbNEkqO";
  return c;
}

}  // namespace

TEST_CASE("mechanism names: to_string and a case-insensitive parse") {
  for (const auto m : {sasl_mechanism::plain, sasl_mechanism::login, sasl_mechanism::xoauth2,
                       sasl_mechanism::oauthbearer, sasl_mechanism::external,
                       sasl_mechanism::cram_md5, sasl_mechanism::scram_sha_256}) {
    CAPTURE(to_string(m));
    CHECK(smtpcodes::parse_sasl_mechanism(to_string(m)) == m);
  }
  CHECK(to_string(sasl_mechanism::cram_md5) == "CRAM-MD5");
  CHECK(to_string(sasl_mechanism::scram_sha_256) == "SCRAM-SHA-256");
  CHECK(smtpcodes::parse_sasl_mechanism("xOAuth2") == sasl_mechanism::xoauth2);
  CHECK(smtpcodes::parse_sasl_mechanism("cram-md5") == sasl_mechanism::cram_md5);
  CHECK(!smtpcodes::parse_sasl_mechanism("SCRAM-SHA-256-PLUS"));
  CHECK(!smtpcodes::parse_sasl_mechanism("SCRAM-SHA-1"));
  CHECK(!smtpcodes::parse_sasl_mechanism("PLAIN "));
  CHECK(!smtpcodes::parse_sasl_mechanism(""));
  CHECK(to_string(static_cast<sasl_mechanism>(99)).empty());
  CHECK(to_string(sasl_failure::server_signature_mismatch) == "server_signature_mismatch");
}

TEST_CASE("the chooser: the caller's order, cleartext secrets only on an encrypted channel") {
  using smtpcodes::choose_sasl_mechanism;
  using smtpcodes::sasl_choice_options;
  const sasl_mechanism prefer[] = {sasl_mechanism::scram_sha_256, sasl_mechanism::cram_md5,
                                   sasl_mechanism::plain, sasl_mechanism::login};
  const sasl_choice_options tls{true, false};
  // The caller's preference decides, not the server's order.
  CHECK(choose_sasl_mechanism("PLAIN LOGIN CRAM-MD5 SCRAM-SHA-256", prefer, tls) ==
        sasl_mechanism::scram_sha_256);
  CHECK(choose_sasl_mechanism("LOGIN PLAIN", prefer, tls) == sasl_mechanism::plain);
  CHECK(choose_sasl_mechanism("plain cram-md5", prefer, tls) == sasl_mechanism::cram_md5);
  // Not encrypted: PLAIN and LOGIN are passed over (the default), unless allowed.
  CHECK(!choose_sasl_mechanism("PLAIN LOGIN", prefer));
  CHECK(choose_sasl_mechanism("PLAIN CRAM-MD5", prefer) == sasl_mechanism::cram_md5);
  CHECK(choose_sasl_mechanism("LOGIN PLAIN", prefer, sasl_choice_options{false, true}) ==
        sasl_mechanism::plain);
  // Bearer tokens are treated like passwords.
  const sasl_mechanism oauth[] = {sasl_mechanism::oauthbearer, sasl_mechanism::xoauth2};
  CHECK(!choose_sasl_mechanism("XOAUTH2 OAUTHBEARER", oauth));
  CHECK(choose_sasl_mechanism("XOAUTH2 OAUTHBEARER", oauth, tls) == sasl_mechanism::oauthbearer);
  CHECK(choose_sasl_mechanism("XOAUTH2", oauth, tls) == sasl_mechanism::xoauth2);
  // Whole words only, extra spaces skipped, nothing offered, nothing allowed.
  CHECK(!choose_sasl_mechanism("SCRAM-SHA-256-PLUS", prefer, tls));
  CHECK(!choose_sasl_mechanism("XPLAIN PLAINX", prefer, tls));
  CHECK(choose_sasl_mechanism("  GSSAPI   PLAIN  ", prefer, tls) == sasl_mechanism::plain);
  CHECK(!choose_sasl_mechanism("", prefer, tls));
  CHECK(!choose_sasl_mechanism("PLAIN", nullptr, 0, tls));
  CHECK(smtpcodes::sasl_sends_secret_in_clear(sasl_mechanism::login));
  CHECK(!smtpcodes::sasl_sends_secret_in_clear(sasl_mechanism::external));
}

TEST_CASE("PLAIN: authzid NUL authcid NUL passwd (RFC 4616 §2)") {
  wire w;
  sasl_credentials c;
  c.username = "tim";
  c.password = "tanstaaftanstaaf";
  {
    sasl_client s(sasl_mechanism::plain, c);
    CHECK(s.has_initial_response());
    CHECK(!s.accepts_success());
    const auto r = s.initial_response(w.out, sizeof w.out);
    CHECK(r.status == sasl_status::done);
    CHECK(w.text(r) == "\0tim\0tanstaaftanstaaf"sv);
    CHECK(b64(w.text(r)) == "AHRpbQB0YW5zdGFhZnRhbnN0YWFm");
    CHECK(s.accepts_success());
    // The server parser reads back what the client wrote.
    const std::string message = w.text(r);
    const auto back = parse_plain_response(message);
    CHECK(back.credentials.authcid == "tim");
    // PLAIN has no second step.
    check_failure(s.respond("", w.out, sizeof w.out), sasl_failure::unexpected_challenge, 0);
    CHECK(s.failed());
    CHECK(!s.accepts_success());
  }
  {
    // Without an initial response: the server's empty 334 asks for it.
    c.authzid = "Ursel";
    sasl_client s(sasl_mechanism::plain, c);
    const auto r = s.respond("", w.out, sizeof w.out);
    CHECK(r.is_done());
    CHECK(w.text(r) == "Ursel\0tim\0tanstaaftanstaaf"sv);
    sasl_client t(sasl_mechanism::plain, c);
    check_failure(t.respond("hello", w.out, sizeof w.out), sasl_failure::bad_challenge, 0);
    // Sticky, also for initial_response.
    check_failure(t.initial_response(w.out, sizeof w.out), sasl_failure::bad_challenge, 0);
    t.reset();
    CHECK(t.initial_response(w.out, sizeof w.out).ok());
  }
  c.authzid = {};
  auto fails = [&](const sasl_credentials& bad, sasl_failure why, std::size_t offset) {
    sasl_client s(sasl_mechanism::plain, bad);
    check_failure(s.initial_response(w.out, sizeof w.out), why, offset);
  };
  sasl_credentials bad = c;
  bad.username = "ti\0m"sv;
  fails(bad, sasl_failure::bad_username, 2);
  bad = c;
  bad.username = {};
  fails(bad, sasl_failure::bad_username, 0);
  bad = c;
  bad.password = {};
  fails(bad, sasl_failure::bad_password, 0);
  bad = c;
  bad.password = "pass\0"sv;
  fails(bad, sasl_failure::bad_password, 4);
  bad = c;
  bad.authzid = "\0"sv;
  fails(bad, sasl_failure::bad_authzid, 0);
}

TEST_CASE("LOGIN: the user name to the first 334, the password to the second, by count") {
  wire w;
  sasl_credentials c;
  c.username = "tim";
  c.password = "tanstaaftanstaaf";
  sasl_client s(sasl_mechanism::login, c);
  CHECK(!s.has_initial_response());
  // The prompts are ignored: even a server that asks for the password first gets the name.
  auto r = s.respond("Password:", w.out, sizeof w.out);
  CHECK(r.status == sasl_status::respond);
  CHECK(w.text(r) == "tim");
  CHECK(!s.accepts_success());
  r = s.respond("Username:", w.out, sizeof w.out);
  CHECK(r.status == sasl_status::done);
  CHECK(w.text(r) == "tanstaaftanstaaf");
  CHECK(s.accepts_success());
  check_failure(s.respond("Again:", w.out, sizeof w.out), sasl_failure::unexpected_challenge, 0);

  sasl_client t(sasl_mechanism::login, c);
  check_failure(t.initial_response(w.out, sizeof w.out), sasl_failure::no_initial_response, 0);
  sasl_credentials bad = c;
  bad.password = {};
  sasl_client u(sasl_mechanism::login, bad);
  // Checked before the user name goes out.
  check_failure(u.respond("VXNlcm5hbWU6", w.out, sizeof w.out), sasl_failure::bad_password, 0);
}

TEST_CASE("CRAM-MD5: the RFC 2195 §2 example") {
  wire w;
  sasl_credentials c;
  c.username = "tim";
  c.password = "tanstaaftanstaaf";
  sasl_client s(sasl_mechanism::cram_md5, c, test_crypto);
  CHECK(!s.has_initial_response());
  const auto r = s.respond("<1896.697170952@postoffice.reston.mci.net>", w.out, sizeof w.out);
  CHECK(r.status == sasl_status::done);
  CHECK(w.text(r) == "tim b913a602c7eda7a495b4e6e7334d3890");
  // The base64 the RFC shows on the wire.
  CHECK(b64(w.text(r)) == "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw");
  CHECK(s.accepts_success());
  check_failure(s.respond("<x@y>", w.out, sizeof w.out), sasl_failure::unexpected_challenge, 0);

  sasl_client no_hooks(sasl_mechanism::cram_md5, c);
  check_failure(no_hooks.respond("<1@x>", w.out, sizeof w.out), sasl_failure::missing_crypto, 0);
  sasl_client empty(sasl_mechanism::cram_md5, c, test_crypto);
  check_failure(empty.respond("", w.out, sizeof w.out), sasl_failure::bad_challenge, 0);
  sasl_client first(sasl_mechanism::cram_md5, c, test_crypto);
  check_failure(first.initial_response(w.out, sizeof w.out), sasl_failure::no_initial_response, 0);
}

TEST_CASE("XOAUTH2: Google's example bytes, and the empty answer to an error challenge") {
  wire w;
  sasl_credentials c;
  c.username = "someuser@example.com";
  c.token = "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg";
  sasl_client s(sasl_mechanism::xoauth2, c);
  CHECK(s.has_initial_response());
  const auto r = s.initial_response(w.out, sizeof w.out);
  CHECK(r.status == sasl_status::respond);
  CHECK(w.text(r) ==
        "user=someuser@example.com\x01"
        "auth=Bearer ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"
        "\x01\x01");
  CHECK(b64(w.text(r)) ==
        "dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52"
        "YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==");
  CHECK(s.accepts_success());  // a 235 now is success
  const std::string json =
      R"({"status":"401","schemes":"bearer mac","scope":"https://mail.google.com/"})";
  const auto e = s.respond(json, w.out, sizeof w.out);
  CHECK(e.status == sasl_status::done);
  CHECK(e.size == 0);  // the empty response
  CHECK(e.server_error == json);
  CHECK(e.server_error.data() == json.data());  // a view into the challenge
  CHECK(s.server_reported_error());
  CHECK(!s.accepts_success());
  check_failure(s.respond("", w.out, sizeof w.out), sasl_failure::unexpected_challenge, 0);

  sasl_credentials bad = c;
  bad.token = "ya29 x";
  sasl_client t(sasl_mechanism::xoauth2, bad);
  check_failure(t.initial_response(w.out, sizeof w.out), sasl_failure::bad_token, 4);
  bad = c;
  bad.username = "some\x01user";
  sasl_client u(sasl_mechanism::xoauth2, bad);
  check_failure(u.initial_response(w.out, sizeof w.out), sasl_failure::bad_username, 4);
  bad = c;
  bad.token = {};
  sasl_client v(sasl_mechanism::xoauth2, bad);
  check_failure(v.initial_response(w.out, sizeof w.out), sasl_failure::bad_token, 0);
}

TEST_CASE("OAUTHBEARER: the RFC 7628 §4.1 example, and %x01 after an error (§3.2.3)") {
  wire w;
  sasl_credentials c;
  c.authzid = "user@example.com";
  c.host = "server.example.com";
  c.port = "143";
  c.token = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
  sasl_client s(sasl_mechanism::oauthbearer, c);
  const auto r = s.initial_response(w.out, sizeof w.out);
  CHECK(r.status == sasl_status::respond);
  CHECK(w.text(r) ==
        "n,a=user@example.com,\x01host=server.example.com\x01port=143\x01"
        "auth=Bearer vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==\x01\x01");
  CHECK(b64(w.text(r)) ==
        "bixhPXVzZXJAZXhhbXBsZS5jb20sAWhvc3Q9c2VydmVyLmV4YW1wbGUuY29tAXBvcnQ9MTQzAWF1dGg9QmVhcmVy"
        "IHZGOWRmdDRxbVRjMk52YjNSbGNrQmhiSFJoZG1semRHRXVZMjl0Q2c9PQEB");
  // RFC 7628 §4.3's error challenge: the client answers with a single %x01 ("AQ==").
  const std::string json =
      R"({"status":"invalid_token","scope":"example_scope",)"
      R"("openid-configuration":"https://example.com/.well-known/openid-configuration"})";
  const auto e = s.respond(json, w.out, sizeof w.out);
  CHECK(e.status == sasl_status::done);
  CHECK(w.text(e) == "\x01");
  CHECK(b64(w.text(e)) == "AQ==");
  CHECK(e.server_error == json);
  CHECK(!s.accepts_success());

  // No host or port: those pairs are left out; the user name stands in for a missing authzid
  // and is escaped as a saslname (RFC 5801 §4).
  sasl_credentials d;
  d.username = "a,b=c@example.com";
  d.token = "t0k";
  sasl_client t(sasl_mechanism::oauthbearer, d);
  const auto u = t.initial_response(w.out, sizeof w.out);
  CHECK(w.text(u) ==
        "n,a=a=2Cb=3Dc@example.com,\x01"
        "auth=Bearer t0k\x01\x01");
  d.username = {};
  sasl_client anon(sasl_mechanism::oauthbearer, d);
  const auto a = anon.respond("", w.out, sizeof w.out);  // after the server's empty 334
  CHECK(w.text(a) ==
        "n,,\x01"
        "auth=Bearer t0k\x01\x01");

  auto fails = [&](const sasl_credentials& bad, sasl_failure why, std::size_t offset) {
    sasl_client x(sasl_mechanism::oauthbearer, bad);
    check_failure(x.initial_response(w.out, sizeof w.out), why, offset);
  };
  sasl_credentials bad = c;
  bad.port = "14a";
  fails(bad, sasl_failure::bad_port, 2);
  bad.port = "99999";
  fails(bad, sasl_failure::bad_port, 0);
  bad.port = "123456";
  fails(bad, sasl_failure::bad_port, 5);
  bad = c;
  bad.host = "server\x01.example.com";
  fails(bad, sasl_failure::bad_host, 6);
  bad = c;
  bad.authzid = "user\x01";
  fails(bad, sasl_failure::bad_authzid, 4);
  bad = c;
  bad.token = "abc=d";
  fails(bad, sasl_failure::bad_token, 4);
}

TEST_CASE("EXTERNAL: the authzid or nothing (RFC 4422 Appendix A)") {
  wire w;
  sasl_credentials c;
  sasl_client s(sasl_mechanism::external, c);
  const auto r = s.initial_response(w.out, sizeof w.out);
  CHECK(r.is_done());
  CHECK(r.size == 0);  // the session sends "AUTH EXTERNAL =" (RFC 4954 §4)
  CHECK(s.accepts_success());
  c.authzid = "admin@example.com";
  sasl_client t(sasl_mechanism::external, c);
  const auto u = t.respond("", w.out, sizeof w.out);
  CHECK(w.text(u) == "admin@example.com");
  sasl_client v(sasl_mechanism::external, c);
  check_failure(v.respond("x", w.out, sizeof w.out), sasl_failure::bad_challenge, 0);
  c.authzid = "ad\0min"sv;
  sasl_client n(sasl_mechanism::external, c);
  check_failure(n.initial_response(w.out, sizeof w.out), sasl_failure::bad_authzid, 2);
}

TEST_CASE("SCRAM-SHA-256: PBKDF2 gives the RFC 7914 §11 value") {
  char out[32] = {};
  smtpcodes::detail::scram_hi(test_crypto, "passwd", "salt", 1, out);
  CHECK(test_hash::to_hex(out).view() ==
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc");
}

TEST_CASE("SCRAM-SHA-256: the RFC 7677 §3 exchange, and the server's signature checked") {
  wire w;
  const sasl_credentials c = rfc7677_user();
  sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto);
  auto r = s.initial_response(w.out, sizeof w.out);
  CHECK(r.status == sasl_status::respond);
  CHECK(w.text(r) == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
  r = s.respond(rfc7677_server_first, w.out, sizeof w.out);
  CHECK(r.status == sasl_status::respond);
  CHECK(w.text(r) == rfc7677_client_final);
  // The server has not proved itself yet: a 235 now would not be success.
  CHECK(!s.accepts_success());
  CHECK(!s.server_verified());
  r = s.respond(rfc7677_server_final, w.out, sizeof w.out);
  CHECK(r.status == sasl_status::done);
  CHECK(r.size == 0);  // answered with an empty response, then 235
  CHECK(s.server_verified());
  CHECK(s.accepts_success());
  check_failure(s.respond("", w.out, sizeof w.out), sasl_failure::unexpected_challenge, 0);

  // A server-final with one octet changed: the server is not who it claims.
  for (std::size_t i = 2; i + 1 < rfc7677_server_final.size(); i += 7) {
    std::string tampered(rfc7677_server_final);
    tampered[i] = tampered[i] == 'A' ? 'B' : 'A';
    sasl_client t(sasl_mechanism::scram_sha_256, c, test_crypto);
    REQUIRE(t.initial_response(w.out, sizeof w.out).ok());
    REQUIRE(t.respond(rfc7677_server_first, w.out, sizeof w.out).ok());
    CAPTURE(tampered);
    const auto bad = t.respond(tampered, w.out, sizeof w.out);
    CHECK(bad.failed());
    CHECK((bad.reason == sasl_failure::server_signature_mismatch ||
           bad.reason == sasl_failure::bad_challenge));
    CHECK(!t.accepts_success());
    CHECK(!t.server_verified());
    if (i == 2) {
      CHECK(bad.reason == sasl_failure::server_signature_mismatch);
      CHECK(bad.offset == 2);
      // Further responses keep failing the same way.
      check_failure(t.respond(rfc7677_server_final, w.out, sizeof w.out),
                    sasl_failure::server_signature_mismatch, 2);
      t.reset();
      CHECK(!t.failed());
    }
  }
}

TEST_CASE("SCRAM-SHA-256: the server-final's other forms") {
  wire w;
  const sasl_credentials c = rfc7677_user();
  smtpcodes::sasl_client_options fast;
  fast.scram_min_iterations = 1;
  auto after_first = [&](std::string_view server_first) {
    sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto, fast);
    REQUIRE(s.initial_response(w.out, sizeof w.out).ok());
    REQUIRE(s.respond(server_first, w.out, sizeof w.out).ok());
    return s;
  };
  const std::string sf = "r=rOprNGfwEbeRWgbNEkqOxyz,s=c2FsdA==,i=1";
  {
    auto s = after_first(sf);
    const std::string final_text = "e=invalid-proof";
    const auto r = s.respond(final_text, w.out, sizeof w.out);
    check_failure(r, sasl_failure::server_error, 2);
    CHECK(r.server_error == "invalid-proof");
    CHECK(r.server_error.data() == final_text.data() + 2);
  }
  {
    auto s = after_first(sf);
    check_failure(s.respond("x=1", w.out, sizeof w.out), sasl_failure::bad_challenge, 0);
  }
  {
    auto s = after_first(sf);  // not 32 octets
    check_failure(s.respond("v=c2FsdA==", w.out, sizeof w.out), sasl_failure::bad_challenge, 2);
  }
  {
    auto s = after_first(sf);  // not base64
    check_failure(s.respond("v=6rri*RBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=", w.out, sizeof w.out),
                  sasl_failure::bad_challenge, 6);
  }
}

TEST_CASE("SCRAM-SHA-256: authzid, saslname escaping, extensions (RFC 5802 §5.1, §7)") {
  wire w;
  smtpcodes::sasl_client_options fast;
  fast.scram_min_iterations = 1;
  sasl_credentials c;
  c.authzid = "admin";
  c.username = "user";
  c.password = "pencil";
  c.client_nonce = "abc";
  {
    sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto, fast);
    auto r = s.initial_response(w.out, sizeof w.out);
    CHECK(w.text(r) == "n,a=admin,n=user,r=abc");
    r = s.respond("r=abcdef,s=c2FsdA==,i=1", w.out, sizeof w.out);
    // c= carries the whole gs2-header, base64("n,a=admin,"); "biws" is only for "n,,".
    CHECK(w.text(r) ==
          "c=bixhPWFkbWluLA==,r=abcdef,p=0LT935TKEuU+sWzHu1Cv80/akrRaddkMuKyCfwONyvI=");
    r = s.respond("v=V3VtpZfetvlItHdSAsTk3uYbIfkQMR7Fr66uqoBseLg=", w.out, sizeof w.out);
    CHECK(r.is_done());
  }
  {
    // An unknown extension after the iteration count is ignored (and kept in the AuthMessage).
    c.authzid = {};
    sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto, fast);
    REQUIRE(s.initial_response(w.out, sizeof w.out).ok());
    auto r = s.respond("r=abcdef,s=c2FsdA==,i=1,x=ext", w.out, sizeof w.out);
    CHECK(w.text(r) == "c=biws,r=abcdef,p=TbB5Q9xVCab9fUOdEd1hRR/SItOteaXMjdodOHs1dug=");
    r = s.respond("v=SfIsLE1nwSq4CHb42QcHISp6LQorVxfHiEE6iWL1IAc=,y=more", w.out, sizeof w.out);
    CHECK(r.is_done());
  }
  {
    c.username = "us=er,x";
    sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto, fast);
    CHECK(w.text(s.initial_response(w.out, sizeof w.out)) == "n,,n=us=3Der=2Cx,r=abc");
  }
}

TEST_CASE("SCRAM-SHA-256: a bad server-first fails with its reason and offset") {
  wire w;
  const sasl_credentials c = rfc7677_user();
  auto first_fails = [&](std::string_view server_first, sasl_failure why, std::size_t offset,
                         errc e = errc::bad_argument) {
    CAPTURE(server_first);
    sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto);
    REQUIRE(s.initial_response(w.out, sizeof w.out).ok());
    check_failure(s.respond(server_first, w.out, sizeof w.out), why, offset, e);
    CHECK(!s.accepts_success());
  };
  const std::string ours = "r=rOprNGfwEbeRWgbNEkqO";
  // RFC 5802 §5.1: a mandatory extension the client does not know.
  first_fails("m=ext," + ours + "x,s=c2FsdA==,i=4096", sasl_failure::bad_challenge, 0);
  first_fails("s=c2FsdA==,i=4096", sasl_failure::bad_challenge, 0);
  first_fails(ours + "x", sasl_failure::bad_challenge, 23);
  first_fails("r=rOprNGfwEbeRWgbNEkqP1,s=c2FsdA==,i=4096", sasl_failure::nonce_mismatch, 2);
  first_fails(ours + ",s=c2FsdA==,i=4096", sasl_failure::nonce_mismatch, 2);  // adds nothing
  first_fails(ours + "x y,s=c2FsdA==,i=4096", sasl_failure::bad_challenge, 23);
  first_fails(ours + "x,i=4096", sasl_failure::bad_challenge, 24);
  first_fails(ours + "x,s=,i=4096", sasl_failure::bad_challenge, 26);
  first_fails(ours + "x,s=c2F!dA==,i=4096", sasl_failure::bad_challenge, 29);
  first_fails(ours + "x,s=c2FsdA==", sasl_failure::bad_challenge, 34);
  first_fails(ours + "x,s=c2FsdA==,n=4096", sasl_failure::bad_challenge, 35);
  first_fails(ours + "x,s=c2FsdA==,i=", sasl_failure::bad_challenge, 37);
  first_fails(ours + "x,s=c2FsdA==,i=0", sasl_failure::bad_challenge, 37);
  first_fails(ours + "x,s=c2FsdA==,i=04096", sasl_failure::bad_challenge, 37);
  first_fails(ours + "x,s=c2FsdA==,i=12345678901", sasl_failure::bad_challenge, 47);
  first_fails(ours + "x,s=c2FsdA==,i=4096x", sasl_failure::bad_challenge, 41);
  first_fails(ours + "x,s=c2FsdA==,i=4096,", sasl_failure::bad_challenge, 42);
  first_fails(ours + "x,s=c2FsdA==,i=4096,1=2", sasl_failure::bad_challenge, 42);
  first_fails(ours + "x,s=c2FsdA==,i=4096,a=", sasl_failure::bad_challenge, 44);
  // RFC 7677 §4: fewer than 4096 iterations are refused by default; so are more than the cap.
  first_fails(ours + "x,s=c2FsdA==,i=4095", sasl_failure::iteration_count_out_of_range, 37);
  first_fails(ours + "x,s=c2FsdA==,i=4294967295", sasl_failure::iteration_count_out_of_range, 37);
  // Too long to keep: an error, not a truncation.
  first_fails(ours + std::string(1100, 'x') + ",s=c2FsdA==,i=4096", sasl_failure::state_too_long, 0,
              errc::scratch_too_small);
  first_fails(ours + "x,s=" + std::string(200, 'A') + ",i=4096", sasl_failure::state_too_long, 26,
              errc::scratch_too_small);
}

TEST_CASE("SCRAM-SHA-256: bad credentials and missing hooks fail before anything is sent") {
  wire w;
  auto fails = [&](const sasl_credentials& c, const smtpcodes::sasl_crypto& crypto,
                   sasl_failure why, std::size_t offset) {
    sasl_client s(sasl_mechanism::scram_sha_256, c, crypto);
    check_failure(s.initial_response(w.out, sizeof w.out), why, offset);
  };
  sasl_credentials c = rfc7677_user();
  fails(c, {}, sasl_failure::missing_crypto, 0);
  smtpcodes::sasl_crypto half = test_crypto;
  half.sha256 = nullptr;
  fails(c, half, sasl_failure::missing_crypto, 0);
  c.client_nonce = {};
  fails(c, test_crypto, sasl_failure::bad_client_nonce, 0);
  c.client_nonce = "abc,def";
  fails(c, test_crypto, sasl_failure::bad_client_nonce, 3);
  c.client_nonce = "abc def";
  fails(c, test_crypto, sasl_failure::bad_client_nonce, 3);
  c = rfc7677_user();
  c.username = "us\0er"sv;
  fails(c, test_crypto, sasl_failure::bad_username, 2);
  c = rfc7677_user();
  c.password = {};
  fails(c, test_crypto, sasl_failure::bad_password, 0);
  c = rfc7677_user();
  const std::string long_name(400, ',');  // 1200 octets once escaped
  c.username = long_name;
  sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto);
  check_failure(s.initial_response(w.out, sizeof w.out), sasl_failure::state_too_long, 0,
                errc::scratch_too_small);
}

TEST_CASE("a buffer too small: nothing written, the size that would do, and no harm done") {
  sasl_credentials c = rfc7677_user();
  c.token = "t0k";
  smtpcodes::sasl_client_options fast;
  fast.scram_min_iterations = 1;
  struct step {
    sasl_mechanism mechanism;
    std::string_view challenge;  // empty: the initial response
    std::size_t need;
  };
  const step steps[] = {
      {sasl_mechanism::plain, {}, 12},         {sasl_mechanism::xoauth2, {}, 27},
      {sasl_mechanism::oauthbearer, {}, 27},   {sasl_mechanism::cram_md5, "<1@x>", 37},
      {sasl_mechanism::login, "Username:", 4}, {sasl_mechanism::scram_sha_256, {}, 32},
  };
  for (const step& st : steps) {
    CAPTURE(to_string(st.mechanism));
    sasl_client s(st.mechanism, c, test_crypto, fast);
    char out[64];
    std::memset(out, '#', sizeof out);
    auto go = [&](std::size_t capacity) {
      return st.challenge.empty() ? s.initial_response(out, capacity)
                                  : s.respond(st.challenge, out, capacity);
    };
    const auto r = go(st.need - 1);
    check_failure(r, sasl_failure::output_too_small, 0, errc::output_too_small);
    CHECK(r.size == st.need);
    CHECK(std::string_view(out, sizeof out) == std::string(sizeof out, '#'));
    CHECK(!s.failed());  // not sticky: call again with room
    const auto ok = go(st.need);
    CHECK(ok.ok());
    CHECK(ok.size == st.need);
  }
  // The SCRAM client-final, and the OAUTHBEARER %x01, with no room.
  wire w;
  sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto, fast);
  REQUIRE(s.initial_response(w.out, sizeof w.out).ok());
  const auto small = s.respond("r=rOprNGfwEbeRWgbNEkqOxyz,s=c2FsdA==,i=1", w.out, 20);
  CHECK(small.error == errc::output_too_small);
  CHECK(small.size == 79);
  const auto full = s.respond("r=rOprNGfwEbeRWgbNEkqOxyz,s=c2FsdA==,i=1", w.out, small.size);
  CHECK(full.ok());
  CHECK(full.size == 79);
  sasl_client o(sasl_mechanism::oauthbearer, c);
  REQUIRE(o.initial_response(w.out, sizeof w.out).ok());
  CHECK(o.respond("{}", nullptr, 0).error == errc::output_too_small);
  CHECK(o.respond("{}", w.out, 1).size == 1);
}

// ---- constexpr ---------------------------------------------------------------------------------

namespace {

constexpr sasl_credentials tim{{}, "tim", "tanstaaftanstaaf", {}, {}, {}, {}};

constexpr bool plain_at_compile_time() {
  sasl_client s(sasl_mechanism::plain, tim);
  char out[32] = {};
  const auto r = s.initial_response(out, sizeof out);
  return r.is_done() && std::string_view(out, r.size) == "\0tim\0tanstaaftanstaaf"sv;
}

constexpr bool login_at_compile_time() {
  sasl_client s(sasl_mechanism::login, tim);
  char out[32] = {};
  const auto a = s.respond("Username:", out, sizeof out);
  if (std::string_view(out, a.size) != "tim") return false;
  const auto b = s.respond("Password:", out, sizeof out);
  return b.is_done() && std::string_view(out, b.size) == "tanstaaftanstaaf" && s.accepts_success();
}

constexpr bool cram_md5_at_compile_time() {
  sasl_client s(sasl_mechanism::cram_md5, tim, test_crypto);
  char out[64] = {};
  const auto r = s.respond("<1896.697170952@postoffice.reston.mci.net>", out, sizeof out);
  return std::string_view(out, r.size) == "tim b913a602c7eda7a495b4e6e7334d3890";
}

constexpr bool scram_at_compile_time() {
  smtpcodes::sasl_client_options fast{};
  fast.scram_min_iterations = 1;
  const sasl_credentials c{"admin", "user", "pencil", {}, {}, {}, "abc"};
  sasl_client s(sasl_mechanism::scram_sha_256, c, test_crypto, fast);
  char out[128] = {};
  if (s.initial_response(out, sizeof out).failed()) return false;
  const auto r = s.respond("r=abcdef,s=c2FsdA==,i=1", out, sizeof out);
  if (std::string_view(out, r.size) !=
      "c=bixhPWFkbWluLA==,r=abcdef,p=0LT935TKEuU+sWzHu1Cv80/akrRaddkMuKyCfwONyvI=")
    return false;
  return s.respond("v=V3VtpZfetvlItHdSAsTk3uYbIfkQMR7Fr66uqoBseLg=", out, sizeof out).is_done() &&
         s.server_verified();
}

constexpr sasl_mechanism prefer[] = {sasl_mechanism::scram_sha_256, sasl_mechanism::plain};

}  // namespace

static_assert(plain_at_compile_time());
static_assert(login_at_compile_time());
static_assert(cram_md5_at_compile_time());
static_assert(scram_at_compile_time());
static_assert(smtpcodes::parse_sasl_mechanism("scram-sha-256") == sasl_mechanism::scram_sha_256);
static_assert(smtpcodes::choose_sasl_mechanism("PLAIN SCRAM-SHA-256", prefer) ==
              sasl_mechanism::scram_sha_256);
static_assert(!smtpcodes::choose_sasl_mechanism("PLAIN LOGIN", prefer));
static_assert(smtpcodes::choose_sasl_mechanism("PLAIN LOGIN", prefer, {true, false}) ==
              sasl_mechanism::plain);
