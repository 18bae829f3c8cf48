// Tests for sasl.hpp: base64 (RFC 4648 §10 vectors, strict decoding with offsets, round trips
// of every length) and the server's PLAIN parser (RFC 4616 §2). The header comes first to prove
// it is self-contained.
#include <doctest/doctest.h>

#include <random>
#include <smtpcodes/sasl.hpp>
#include <string>
#include <string_view>

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
  for (const auto& [plain, coded] : vectors) {
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
