/**
 * @file sasl.hpp
 * @brief SASL for SMTP AUTH (RFC 4954): base64 into caller buffers (RFC 4648 §4), the server
 *        side's decoding of PLAIN (RFC 4616) responses, and the client side: choosing a
 *        mechanism from the EHLO AUTH line and stepping PLAIN, LOGIN, XOAUTH2, OAUTHBEARER,
 *        EXTERNAL, CRAM-MD5 and SCRAM-SHA-256 through their challenges.
 *
 * Sessions layer: includes config.hpp, error.hpp, result.hpp, detail/ascii.hpp and
 * detail/base64.hpp. Everything here is constexpr, never allocates, never throws and does no I/O;
 * the client's hashes (HMAC-MD5, HMAC-SHA-256, SHA-256) come from hooks the caller supplies, so
 * there is no crypto dependency. Every view a result holds lies inside the input given.
 */
#ifndef SMTPCODES_SASL_HPP
#define SMTPCODES_SASL_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/base64.hpp"
#include "error.hpp"
#include "result.hpp"

namespace smtpcodes {

// ---- base64 (RFC 4648 §4) --------------------------------------------------------------------

/// Octets `base64_encode` writes for `n` input octets: 4 for every 3, rounded up.
[[nodiscard]] constexpr std::size_t base64_encoded_size(std::size_t n) noexcept {
  return n / 3 > (static_cast<std::size_t>(-1) - 4) / 4 ? static_cast<std::size_t>(-1)
                                                        : (n + 2) / 3 * 4;
}

/// At most the octets `base64_decode` writes for `n` input octets (the exact size is smaller by
/// the padding).
[[nodiscard]] constexpr std::size_t base64_decoded_size_max(std::size_t n) noexcept {
  return n / 4 * 3;
}

/**
 * Writes the base64 form of `in` (RFC 4648 §4, with padding, no line breaks) to `out`.
 * Errors: `output_too_small` (size: the capacity that would do); nothing is written then.
 */
[[nodiscard]] constexpr write_result base64_encode(std::string_view in, char* out,
                                                   std::size_t capacity) noexcept {
  const std::size_t need = base64_encoded_size(in.size());
  if (need > capacity) return {errc::output_too_small, need, 0, 0};
  std::size_t o = 0;
  std::size_t i = 0;
  auto octet = [&](std::size_t k) { return static_cast<unsigned char>(in[k]); };
  for (; i + 3 <= in.size(); i += 3) {
    const unsigned v = (octet(i) << 16) | (octet(i + 1) << 8) | octet(i + 2);
    out[o++] = detail::base64_alphabet[(v >> 18) & 63];
    out[o++] = detail::base64_alphabet[(v >> 12) & 63];
    out[o++] = detail::base64_alphabet[(v >> 6) & 63];
    out[o++] = detail::base64_alphabet[v & 63];
  }
  if (i < in.size()) {
    const bool two = i + 2 == in.size();
    const unsigned v = (octet(i) << 16) | (two ? octet(i + 1) << 8 : 0U);
    out[o++] = detail::base64_alphabet[(v >> 18) & 63];
    out[o++] = detail::base64_alphabet[(v >> 12) & 63];
    out[o++] = two ? detail::base64_alphabet[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return {errc{}, o, 0, 0};
}

/**
 * Decodes base64 `in` into `out`, strictly (RFC 4648 §4, as RFC 4954 §4 requires of AUTH):
 * whole 4-octet groups, "=" only as the padding of the last group, no white space, and the
 * bits the padding leaves unused are zero (§3.5: anything else is not the canonical encoding
 * of any octets). An empty input decodes to nothing. Errors: `bad_argument` with `offset` the
 * first octet that breaks the rules (the input's size for a short last group);
 * `output_too_small` (size: the capacity that would do). Nothing is written on error.
 */
[[nodiscard]] constexpr write_result base64_decode(std::string_view in, char* out,
                                                   std::size_t capacity) noexcept {
  if (in.empty()) return {errc{}, 0, 0, 0};
  const std::size_t bad = detail::find_base64_problem(in);
  if (bad != std::string_view::npos) return {errc::bad_argument, 0, bad, 0};
  const std::size_t pad = detail::base64_padding(in);
  if (pad != 0) {
    // The unused bits of the last group must be zero (RFC 4648 §3.5).
    const unsigned last = detail::base64_value(in[in.size() - pad - 1]);
    if ((pad == 2 && (last & 15U) != 0) || (pad == 1 && (last & 3U) != 0))
      return {errc::bad_argument, 0, in.size() - pad - 1, 0};
  }
  const std::size_t size = in.size() / 4 * 3 - pad;
  if (size > capacity) return {errc::output_too_small, size, 0, 0};
  std::size_t o = 0;
  for (std::size_t k = 0; k < in.size(); k += 4) {
    const unsigned a = detail::base64_value(in[k]);
    const unsigned b = detail::base64_value(in[k + 1]);
    const unsigned c = in[k + 2] == '=' ? 0U : detail::base64_value(in[k + 2]);
    const unsigned d = in[k + 3] == '=' ? 0U : detail::base64_value(in[k + 3]);
    const unsigned v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = static_cast<char>((v >> 16) & 0xFF);
    if (o < size) out[o++] = static_cast<char>((v >> 8) & 0xFF);
    if (o < size) out[o++] = static_cast<char>(v & 0xFF);
  }
  return {errc{}, o, 0, 0};
}

// ---- PLAIN, server side (RFC 4616) ------------------------------------------------------------

/// RFC 4616 §2: a server must accept each of authzid, authcid and passwd up to this many
/// octets; this library accepts exactly that much and no more.
inline constexpr std::size_t sasl_plain_field_limit = 255;

/// The three fields of a decoded PLAIN response (views into the decoded octets).
struct plain_credentials {
  std::string_view authzid;  ///< Who to act as; empty: the same as authcid.
  std::string_view authcid;  ///< Who is authenticating (the user name).
  std::string_view password;
};

/// Result of `parse_plain_response`: on failure `error` is `bad_argument` and `offset` points
/// at the offending octet of the decoded message; `part` names the field (0 authzid,
/// 1 authcid, 2 passwd).
struct [[nodiscard]] plain_result {
  plain_credentials credentials;
  errc error{};
  std::size_t offset = 0;
  std::size_t part = 0;

  [[nodiscard]] constexpr bool ok() const noexcept { return error == errc{}; }
  [[nodiscard]] constexpr bool failed() const noexcept { return error != errc{}; }
};

/**
 * Splits a decoded PLAIN message, `[authzid] NUL authcid NUL passwd` (RFC 4616 §2): exactly two
 * NULs; authcid and passwd not empty; each field at most `sasl_plain_field_limit` octets. The
 * fields are UTF-8 in the RFC; this parser checks only the framing and leaves the text to the
 * caller's account database. Views point into `decoded`.
 */
[[nodiscard]] constexpr plain_result parse_plain_response(std::string_view decoded) noexcept {
  plain_result r;
  const std::size_t first = decoded.find('\0');
  if (first == std::string_view::npos) return {{}, errc::bad_argument, decoded.size(), 1};
  const std::size_t second = decoded.find('\0', first + 1);
  if (second == std::string_view::npos) return {{}, errc::bad_argument, decoded.size(), 2};
  const std::size_t third = decoded.find('\0', second + 1);
  if (third != std::string_view::npos) return {{}, errc::bad_argument, third, 2};
  r.credentials.authzid = decoded.substr(0, first);
  r.credentials.authcid = decoded.substr(first + 1, second - first - 1);
  r.credentials.password = decoded.substr(second + 1);
  if (r.credentials.authzid.size() > sasl_plain_field_limit)
    return {{}, errc::bad_argument, sasl_plain_field_limit, 0};
  if (r.credentials.authcid.empty()) return {{}, errc::bad_argument, first + 1, 1};
  if (r.credentials.authcid.size() > sasl_plain_field_limit)
    return {{}, errc::bad_argument, first + 1 + sasl_plain_field_limit, 1};
  if (r.credentials.password.empty()) return {{}, errc::bad_argument, second + 1, 2};
  if (r.credentials.password.size() > sasl_plain_field_limit)
    return {{}, errc::bad_argument, second + 1 + sasl_plain_field_limit, 2};
  return r;
}

// ---- SASL client: mechanisms and the choice (RFC 4954 §4, RFC 4422 §3.1) ---------------------

/// The mechanisms `sasl_client` speaks. Values are only ever appended.
enum class sasl_mechanism : std::uint8_t {
  plain,          ///< RFC 4616: authzid, user name and password in one message.
  login,          ///< draft-murchison-sasl-login-00: user name, then password (obsolete, common).
  xoauth2,        ///< Google's (and Microsoft's) OAuth 2.0 bearer token mechanism; not an RFC.
  oauthbearer,    ///< RFC 7628: OAuth 2.0 bearer token in a GS2 framing.
  external,       ///< RFC 4422 Appendix A: identity from outside SASL (a TLS client certificate).
  cram_md5,       ///< RFC 2195: HMAC-MD5 of the server's challenge keyed by the password.
  scram_sha_256,  ///< RFC 7677 and RFC 5802: salted challenge-response, mutual authentication.
};

/// The registered mechanism name ("PLAIN", ..., "SCRAM-SHA-256"); empty for values not in
/// the enum.
[[nodiscard]] constexpr std::string_view to_string(sasl_mechanism m) noexcept {
  switch (m) {
    case sasl_mechanism::plain:
      return "PLAIN";
    case sasl_mechanism::login:
      return "LOGIN";
    case sasl_mechanism::xoauth2:
      return "XOAUTH2";
    case sasl_mechanism::oauthbearer:
      return "OAUTHBEARER";
    case sasl_mechanism::external:
      return "EXTERNAL";
    case sasl_mechanism::cram_md5:
      return "CRAM-MD5";
    case sasl_mechanism::scram_sha_256:
      return "SCRAM-SHA-256";
  }
  return {};
}

namespace detail {
inline constexpr sasl_mechanism sasl_mechanisms[] = {
    sasl_mechanism::plain,        sasl_mechanism::login,    sasl_mechanism::xoauth2,
    sasl_mechanism::oauthbearer,  sasl_mechanism::external, sasl_mechanism::cram_md5,
    sasl_mechanism::scram_sha_256};

}  // namespace detail

/// The mechanism named `name`, case-insensitively (RFC 4422 §3.1 names are upper case, but
/// RFC 4954 §3 servers are not all careful); `std::nullopt` for any other name, including
/// near misses such as "SCRAM-SHA-256-PLUS".
[[nodiscard]] constexpr std::optional<sasl_mechanism> parse_sasl_mechanism(
    std::string_view name) noexcept {
  for (const sasl_mechanism m : detail::sasl_mechanisms) {
    if (detail::iequals(name, to_string(m))) return m;
  }
  return std::nullopt;
}

/// True for the mechanisms that send a reusable secret that anyone who reads the channel can
/// replay: the password (PLAIN, RFC 4616 §6; LOGIN, draft-murchison-sasl-login-00 §1) or a
/// bearer token (XOAUTH2, OAUTHBEARER; RFC 6750 §5.3: bearer tokens travel only under TLS).
/// CRAM-MD5 and SCRAM send no password, EXTERNAL no secret at all.
[[nodiscard]] constexpr bool sasl_sends_secret_in_clear(sasl_mechanism m) noexcept {
  return m == sasl_mechanism::plain || m == sasl_mechanism::login || m == sasl_mechanism::xoauth2 ||
         m == sasl_mechanism::oauthbearer;
}

/// How `choose_sasl_mechanism` treats the mechanisms that send a secret in the clear.
struct sasl_choice_options {
  /// The caller's word that the channel is encrypted and the server authenticated: STARTTLS
  /// completed (RFC 3207) or implicit TLS (RFC 8314). The library cannot know it. Default
  /// false, so that forgetting to say it fails safe.
  bool channel_encrypted = false;
  /// Lets PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER be chosen although `channel_encrypted` is
  /// false. Risk: whoever can read the connection (or strips STARTTLS from the EHLO reply, a
  /// downgrade no SMTP client notices by itself) gets the password or token and can reuse it.
  /// Only for loopback or a network the caller trusts.
  bool allow_cleartext_secrets = false;
};

/**
 * Chooses the mechanism for AUTH: the first of `allowed` (the caller's preference order,
 * `allowed_count` entries) that `offered` lists, where `offered` is the AUTH parameter text of
 * the EHLO reply (`ehlo_capabilities::parameters(extension::auth)`, e.g. "PLAIN LOGIN XOAUTH2"),
 * compared case-insensitively word by word. Mechanisms for which `sasl_sends_secret_in_clear`
 * holds are skipped unless `options.channel_encrypted` or `options.allow_cleartext_secrets`.
 * Result: the mechanism, or `std::nullopt` when none qualifies. `allowed` may be null when
 * `allowed_count` is 0.
 */
[[nodiscard]] constexpr std::optional<sasl_mechanism> choose_sasl_mechanism(
    std::string_view offered, const sasl_mechanism* allowed, std::size_t allowed_count,
    sasl_choice_options options = {}) noexcept {
  for (std::size_t k = 0; k < allowed_count; ++k) {
    const sasl_mechanism m = allowed[k];
    if (sasl_sends_secret_in_clear(m) && !options.channel_encrypted &&
        !options.allow_cleartext_secrets)
      continue;
    const std::string_view name = to_string(m);
    if (!name.empty() && detail::list_has_word(offered, name)) return m;
  }
  return std::nullopt;
}

/// `choose_sasl_mechanism` over an array of allowed mechanisms, in preference order.
template <std::size_t N>
[[nodiscard]] constexpr std::optional<sasl_mechanism> choose_sasl_mechanism(
    std::string_view offered, const sasl_mechanism (&allowed)[N],
    sasl_choice_options options = {}) noexcept {
  return choose_sasl_mechanism(offered, allowed, N, options);
}

// ---- SASL client: credentials, crypto hooks, results -----------------------------------------

/**
 * What the client authenticates with. Every member is a view the caller keeps alive for as long
 * as the `sasl_client` built from it. Text is used as given: normalizing a password (SASLprep,
 * RFC 4013, which SCRAM asks for in RFC 5802 §2.2 and PLAIN in RFC 4616 §2) or a user name is
 * the caller's business; the stepper only refuses octets that would break a mechanism's framing.
 */
struct sasl_credentials {
  /// Whom to act as; empty: the user name itself. PLAIN, EXTERNAL, SCRAM, OAUTHBEARER.
  std::string_view authzid;
  /// Who authenticates (the authcid). All but EXTERNAL.
  std::string_view username;
  /// PLAIN, LOGIN, CRAM-MD5, SCRAM-SHA-256.
  std::string_view password;
  /// The OAuth 2.0 access token (RFC 6750 §2.1 b64token). XOAUTH2, OAUTHBEARER.
  std::string_view token;
  /// OAUTHBEARER's optional "host" and "port" kvpairs (RFC 7628 §3.1): the server's name and
  /// decimal port as the client dialled them. Empty: the pair is left out.
  std::string_view host;
  std::string_view port;
  /// SCRAM's client nonce (RFC 5802 §5.1 "r="): fresh for every exchange, from a CSPRNG,
  /// printable ASCII but ",". 24 or more random octets in base64 are a good choice.
  std::string_view client_nonce;
};

/**
 * The hashes the stepper needs, supplied by the caller (OpenSSL, a platform API, ...), so the
 * library carries no crypto. Each hook gets `context` as its first argument and writes exactly
 * the digest size to `out`, which never overlaps `key` or `message`. The hooks must not fail.
 * CRAM-MD5 needs `hmac_md5`; SCRAM-SHA-256 needs `hmac_sha256` and `sha256` (PBKDF2, RFC 5802
 * §2.2 Hi(), is computed here from `hmac_sha256`). The other mechanisms need none.
 * Hooks that are constexpr functions let SCRAM and CRAM-MD5 run at compile time.
 */
struct sasl_crypto {
  void* context = nullptr;
  /// HMAC-MD5 (RFC 2104): 16 octets.
  void (*hmac_md5)(void* context, std::string_view key, std::string_view message,
                   char* out) noexcept = nullptr;
  /// HMAC-SHA-256 (RFC 2104, FIPS 180-2): 32 octets.
  void (*hmac_sha256)(void* context, std::string_view key, std::string_view message,
                      char* out) noexcept = nullptr;
  /// SHA-256 (FIPS 180-2): 32 octets.
  void (*sha256)(void* context, std::string_view message, char* out) noexcept = nullptr;
};

/// Limits of the stepper's SCRAM exchange.
struct sasl_client_options {
  /// The fewest PBKDF2 iterations accepted from the server. RFC 7677 §4: the count SHOULD be
  /// at least 4096. Lowering it is a leniency. Risk: a server (or someone posing as it) that
  /// names a small count gets a proof whose password is cheap to guess offline.
  std::uint32_t scram_min_iterations = 4096;
  /// The most iterations the client will spend. A hostile server could otherwise name 2^32 - 1
  /// and pin the client's CPU. Raise it if your server's count is higher.
  std::uint32_t scram_max_iterations = 1000000;
};

/// SCRAM state kept between steps: the client-first-message-bare, then the whole AuthMessage
/// (client-first-bare "," server-first "," client-final-without-proof, RFC 5802 §3). A longer
/// exchange is refused with `errc::scratch_too_small` (`sasl_failure::state_too_long`), never cut.
inline constexpr std::size_t sasl_scram_state_limit = 1024;
/// The longest SCRAM salt kept, in decoded octets (RFC 5802 §5.1 "s=").
inline constexpr std::size_t sasl_scram_salt_limit = 128;

/// What a step tells the session to do.
enum class sasl_status : std::uint8_t {
  /// Send the response (base64-encoded, RFC 4954 §4) and read the reply: 235, 535, or another
  /// 334 challenge for `respond`.
  respond,
  /// Send the response: it is the mechanism's last. Another 334 is a protocol error; for
  /// SCRAM-SHA-256 the server has proved it knows the password (RFC 5802 §3).
  done,
  /// Send nothing of this step; answer a pending 334 with "*" to cancel (RFC 4954 §4). See
  /// `error`, `reason`, `offset`.
  failed,
};

/// Why a step failed, finer than `errc`.
enum class sasl_failure : std::uint8_t {
  none,
  output_too_small,     ///< errc::output_too_small; `size` is the capacity that would do.
  no_initial_response,  ///< `initial_response` for LOGIN or CRAM-MD5, or after the first step.
  bad_authzid,          ///< A credential breaks the mechanism's framing or is missing;
  bad_username,         ///< `offset` is the octet inside that credential.
  bad_password,
  bad_token,
  bad_host,
  bad_port,
  bad_client_nonce,
  missing_crypto,                ///< A hook the mechanism needs is null.
  unexpected_challenge,          ///< A 334 after the mechanism's last response.
  bad_challenge,                 ///< The challenge breaks the mechanism's grammar at `offset`.
  nonce_mismatch,                ///< SCRAM: the nonce does not extend ours (RFC 5802 §5.1).
  iteration_count_out_of_range,  ///< SCRAM: outside `sasl_client_options`.
  server_error,                  ///< SCRAM: the server-final is "e=" (RFC 5802 §7).
  server_signature_mismatch,     ///< SCRAM: wrong "v=": the server is not who it claims.
  state_too_long,  ///< errc::scratch_too_small: SCRAM state over `sasl_scram_state_limit`.
};

/// The enumerator's name, e.g. "server_signature_mismatch"; "unknown" for other values.
[[nodiscard]] constexpr std::string_view to_string(sasl_failure f) noexcept {
  switch (f) {
    case sasl_failure::none:
      return "none";
    case sasl_failure::output_too_small:
      return "output_too_small";
    case sasl_failure::no_initial_response:
      return "no_initial_response";
    case sasl_failure::bad_authzid:
      return "bad_authzid";
    case sasl_failure::bad_username:
      return "bad_username";
    case sasl_failure::bad_password:
      return "bad_password";
    case sasl_failure::bad_token:
      return "bad_token";
    case sasl_failure::bad_host:
      return "bad_host";
    case sasl_failure::bad_port:
      return "bad_port";
    case sasl_failure::bad_client_nonce:
      return "bad_client_nonce";
    case sasl_failure::missing_crypto:
      return "missing_crypto";
    case sasl_failure::unexpected_challenge:
      return "unexpected_challenge";
    case sasl_failure::bad_challenge:
      return "bad_challenge";
    case sasl_failure::nonce_mismatch:
      return "nonce_mismatch";
    case sasl_failure::iteration_count_out_of_range:
      return "iteration_count_out_of_range";
    case sasl_failure::server_error:
      return "server_error";
    case sasl_failure::server_signature_mismatch:
      return "server_signature_mismatch";
    case sasl_failure::state_too_long:
      return "state_too_long";
  }
  return "unknown";
}

/**
 * Result of one step. `size`: on `respond` and `done`, the octets of the RAW response written
 * to the caller's buffer (the session base64-encodes them; 0 is an empty response: "=" on the
 * AUTH line, an empty line after a 334, RFC 4954 §4); on `errc::output_too_small`, the
 * capacity that would do. On failure, `error` is `bad_argument` (credentials, challenges,
 * SCRAM's checks), `output_too_small` or `scratch_too_small`; `reason` says which; `offset` is
 * the octet in the decoded challenge (or, for `bad_*` credential reasons, in that credential).
 * `server_error`: the server's error text when it reported one (the OAuth JSON of an XOAUTH2 or
 * OAUTHBEARER error challenge, SCRAM's "e=" value), a view into the challenge given to
 * `respond`; empty otherwise.
 */
struct [[nodiscard]] sasl_result {
  sasl_status status = sasl_status::failed;
  std::size_t size = 0;
  errc error{};
  std::size_t offset = 0;
  sasl_failure reason = sasl_failure::none;
  std::string_view server_error;

  [[nodiscard]] constexpr bool ok() const noexcept { return status != sasl_status::failed; }
  [[nodiscard]] constexpr bool failed() const noexcept { return status == sasl_status::failed; }
  [[nodiscard]] constexpr bool is_done() const noexcept { return status == sasl_status::done; }
};

namespace detail {

/// Counts octets, and writes them too when `out` is set: each message is measured first and
/// written only once it is known to fit.
struct sasl_sink {
  char* out = nullptr;
  std::size_t size = 0;
  constexpr void put(char c) noexcept {
    if (out != nullptr) out[size] = c;
    ++size;
  }
  constexpr void put(std::string_view s) noexcept {
    for (const char c : s) put(c);
  }
};

/// Streams base64 (RFC 4648 §4, padded) into a sink.
struct sasl_base64_sink {
  sasl_sink* to = nullptr;
  unsigned bits = 0;
  unsigned count = 0;
  constexpr void put(char c) noexcept {
    bits = (bits << 8) | static_cast<unsigned char>(c);
    if (++count == 3) {
      for (unsigned k = 0; k < 4; ++k) to->put(base64_alphabet[(bits >> (18 - 6 * k)) & 63]);
      bits = 0;
      count = 0;
    }
  }
  constexpr void put(std::string_view s) noexcept {
    for (const char c : s) put(c);
  }
  constexpr void finish() noexcept {
    if (count == 0) return;
    const unsigned v = bits << (count == 1 ? 16 : 8);
    to->put(base64_alphabet[(v >> 18) & 63]);
    to->put(base64_alphabet[(v >> 12) & 63]);
    to->put(count == 2 ? base64_alphabet[(v >> 6) & 63] : '=');
    to->put('=');
    count = 0;
  }
};

/// RFC 5802 §5.1 saslname (also GS2's, RFC 5801 §4): "=" as "=3D", "," as "=2C".
template <class Sink>
constexpr void put_saslname(Sink& s, std::string_view name) noexcept {
  for (const char c : name) {
    if (c == '=') {
      s.put("=3D");
    } else if (c == ',') {
      s.put("=2C");
    } else {
      s.put(c);
    }
  }
}

/// The GS2 header without channel binding (RFC 5801 §4, RFC 5802 §7): "n," ["a=" saslname] ",".
/// "n": the client does not support channel binding, so it is not asked about -PLUS variants.
template <class Sink>
constexpr void put_gs2_header(Sink& s, std::string_view authzid) noexcept {
  s.put("n,");
  if (!authzid.empty()) {
    s.put("a=");
    put_saslname(s, authzid);
  }
  s.put(',');
}

inline constexpr std::size_t sasl_npos = std::string_view::npos;

/// The first NUL in `s`, or npos.
[[nodiscard]] constexpr std::size_t sasl_first_nul(std::string_view s) noexcept {
  return s.find('\0');
}

/// The first C0 control octet or DEL in `s`, or npos.
[[nodiscard]] constexpr std::size_t sasl_first_control(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto o = static_cast<unsigned char>(s[i]);
    if (o < 0x20 || o == 0x7F) return i;
  }
  return sasl_npos;
}

/// RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
/// The first octet that breaks it (0 for an empty token), or npos.
[[nodiscard]] constexpr std::size_t sasl_first_not_b64token(std::string_view s) noexcept {
  std::size_t i = 0;
  while (i < s.size() && (is_alnum_ascii(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == '_' ||
                          s[i] == '~' || s[i] == '+' || s[i] == '/'))
    ++i;
  if (i == 0) return 0;
  while (i < s.size() && s[i] == '=') ++i;
  return i == s.size() ? sasl_npos : i;
}

/// RFC 7628 §3.1: value = *(VCHAR / SP / HTAB / CR / LF). The first other octet, or npos.
[[nodiscard]] constexpr std::size_t sasl_first_not_kvvalue(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto o = static_cast<unsigned char>(s[i]);
    if (!((o >= 0x21 && o <= 0x7E) || o == ' ' || o == '\t' || o == '\r' || o == '\n')) return i;
  }
  return sasl_npos;
}

/// RFC 5802 §7: printable = %x21-2B / %x2D-7E (printable ASCII but ","). First other, or npos.
[[nodiscard]] constexpr std::size_t sasl_first_not_printable(std::string_view s) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto o = static_cast<unsigned char>(s[i]);
    if (o < 0x21 || o > 0x7E || o == ',') return i;
  }
  return sasl_npos;
}

/// RFC 5802 §7 extensions after position `at` of a server message: *("," ALPHA "=" 1*value-char)
/// with value-char any octet but NUL and ",". The first octet that breaks it, or npos.
[[nodiscard]] constexpr std::size_t sasl_first_bad_extension(std::string_view s,
                                                             std::size_t at) noexcept {
  while (at < s.size()) {
    if (s[at] != ',') return at;
    if (at + 1 >= s.size() || !is_alpha(s[at + 1])) return at + 1;
    if (at + 2 >= s.size() || s[at + 2] != '=') return at + 2;
    std::size_t end = at + 3;
    while (end < s.size() && s[end] != ',' && s[end] != '\0') ++end;
    if (end == at + 3 || (end < s.size() && s[end] == '\0')) return end;
    at = end;
  }
  return sasl_npos;
}

/// Equal contents in time that depends only on the size, so a signature check leaks nothing.
[[nodiscard]] constexpr bool sasl_equal_constant_time(const char* a, const char* b,
                                                      std::size_t n) noexcept {
  unsigned diff = 0;
  for (std::size_t i = 0; i < n; ++i)
    diff |=
        static_cast<unsigned>(static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]));
  return diff == 0;
}

/// Overwrites secrets before they go out of scope. A compiler may elide these stores; they
/// are a courtesy, not a guarantee.
constexpr void sasl_wipe(char* p, std::size_t n) noexcept {
  for (std::size_t i = 0; i < n; ++i) p[i] = 0;
}

/**
 * RFC 5802 §2.2: Hi(str, salt, i) = U1 ^ U2 ^ ... ^ Ui with U1 = HMAC(str, salt || INT(1)) and
 * Uk = HMAC(str, Uk-1): PBKDF2 (RFC 8018 §5.2) with HMAC-SHA-256 and one 32-octet block,
 * written to `out`. Preconditions: `crypto.hmac_sha256` set, `salt` at most
 * `sasl_scram_salt_limit` octets, `iterations` at least 1.
 */
constexpr void scram_hi(const sasl_crypto& crypto, std::string_view password, std::string_view salt,
                        std::uint32_t iterations, char* out) noexcept {
  constexpr std::size_t n = 32;
  char block[sasl_scram_salt_limit + 4] = {};
  for (std::size_t i = 0; i < salt.size(); ++i) block[i] = salt[i];
  block[salt.size() + 3] = 1;  // INT(1): four octets, big-endian
  char u[2][n] = {};
  crypto.hmac_sha256(crypto.context, password, std::string_view(block, salt.size() + 4), u[0]);
  for (std::size_t k = 0; k < n; ++k) out[k] = u[0][k];
  for (std::uint32_t i = 1; i < iterations; ++i) {
    // Two buffers in turn, so a hook's output never overlaps its input.
    const char* prev = u[(i - 1) % 2];
    char* next = u[i % 2];
    crypto.hmac_sha256(crypto.context, password, std::string_view(prev, n), next);
    for (std::size_t k = 0; k < n; ++k) out[k] = static_cast<char>(out[k] ^ next[k]);
  }
  sasl_wipe(u[0], n);
  sasl_wipe(u[1], n);
}

}  // namespace detail

// ---- SASL client: the stepper ----------------------------------------------------------------

/**
 * One client-side SASL exchange (RFC 4954 §4) for one mechanism, with no I/O: the session
 * sends "AUTH <mechanism>" with `initial_response` (when `has_initial_response` and the line
 * fits), then feeds each 334 challenge, base64-decoded, to `respond`, and sends back what it
 * writes, base64-encoded. Responses go into the caller's buffers; SCRAM's state between steps
 * lives in fixed arrays here (about 1.1 KB). Never allocates, never throws.
 *
 * Failures are sticky: every later call returns the same failure, until `reset`. The one
 * exception is `errc::output_too_small`, after which nothing has changed: call again with a
 * larger buffer. The credentials and the crypto context are held by view and pointer: they
 * must outlive the stepper.
 *
 * A 235 reply ends the exchange; take it as success only when `accepts_success()` (for SCRAM,
 * only after the server's signature checked out). RFC 4954 §4 has no "additional data with
 * success": a server sends SCRAM's server-final in a 334, which `respond` checks and answers
 * with an empty response.
 */
class sasl_client {
 public:
  /// A stepper for `mechanism` with the caller's credentials, hooks and limits (all kept).
  constexpr sasl_client(sasl_mechanism mechanism, const sasl_credentials& credentials,
                        const sasl_crypto& crypto = {},
                        const sasl_client_options& options = {}) noexcept
      : mechanism_(mechanism), credentials_(credentials), crypto_(crypto), options_(options) {}

  [[nodiscard]] constexpr sasl_mechanism mechanism() const noexcept { return mechanism_; }

  /// True when the mechanism's client speaks first ("client-first" in RFC 4422 §5's terms):
  /// all but LOGIN and CRAM-MD5, whose first message answers the server's challenge.
  [[nodiscard]] constexpr bool has_initial_response() const noexcept {
    return mechanism_ != sasl_mechanism::login && mechanism_ != sasl_mechanism::cram_md5;
  }

  /**
   * Writes the initial response (raw) to `out` (`capacity` octets; may be null when 0), for the
   * AUTH command line. Call it only for a response you will send; if the AUTH line would grow
   * too long for it (RFC 4954 §4: then the client MUST NOT send it there), `reset` and let
   * `respond` answer the server's empty 334 instead. A `size` of 0 (EXTERNAL without authzid)
   * goes on the line as "=" (RFC 4954 §4). Errors: `no_initial_response` (LOGIN, CRAM-MD5, or
   * not the first step), the credential reasons, `missing_crypto`, `state_too_long`,
   * `output_too_small`.
   */
  [[nodiscard]] constexpr sasl_result initial_response(char* out, std::size_t capacity) noexcept {
    if (phase_ == phase::failed) return sticky();
    if (!has_initial_response() || sent_ != 0)
      return fail(errc::bad_argument, sasl_failure::no_initial_response, 0);
    return first_message(out, capacity);
  }

  /**
   * Answers one 334 challenge, `challenge` being its base64-decoded text, writing the raw
   * response to `out` (`capacity` octets; may be null when 0). By mechanism:
   * - PLAIN, EXTERNAL, XOAUTH2, OAUTHBEARER, SCRAM with no initial response sent: the
   *   challenge must be empty (RFC 4954 §4: "334 " with no data asks for it); the
   *   initial response is written.
   * - LOGIN: the user name to the first challenge, the password to the second, by count; the
   *   prompts ("Username:", "Password:") are ignored, as draft-murchison-sasl-login-00 §2 says.
   * - CRAM-MD5: user name, SP, lowercase hex HMAC-MD5 of the challenge keyed by the password
   *   (RFC 2195 §2).
   * - XOAUTH2 after the initial response: the challenge is the server's JSON error; the answer
   *   is empty (Google's XOAUTH2 protocol page), then the server sends 535.
   * - OAUTHBEARER after the initial response: likewise, but the answer is the single octet
   *   %x01 (RFC 7628 §3.2.3: "The client MUST then send either an additional client response
   *   consisting of a single %x01 (control A) character ... or a SASL abort message").
   * - SCRAM-SHA-256: the server-first is answered with the client-final (RFC 5802 §3, §7);
   *   the server-final's "v=" is checked against the expected ServerSignature and answered
   *   with an empty response (`done`); a mismatch or "e=" fails.
   * Views in the result point into `challenge`.
   */
  [[nodiscard]] constexpr sasl_result respond(std::string_view challenge, char* out,
                                              std::size_t capacity) noexcept {
    if (phase_ == phase::failed) return sticky();
    if (phase_ == phase::done)
      return fail(errc::bad_argument, sasl_failure::unexpected_challenge, 0);
    switch (mechanism_) {
      case sasl_mechanism::login:
        return login_step(out, capacity);
      case sasl_mechanism::cram_md5:
        return cram_md5_step(challenge, out, capacity);
      case sasl_mechanism::plain:
      case sasl_mechanism::external:
      case sasl_mechanism::xoauth2:
      case sasl_mechanism::oauthbearer:
      case sasl_mechanism::scram_sha_256:
        break;
    }
    if (sent_ == 0) {
      // RFC 4954 §4: without an initial response the server sends "334 ", a challenge with
      // no data; these mechanisms have no server data to begin with.
      if (!challenge.empty()) return fail(errc::bad_argument, sasl_failure::bad_challenge, 0);
      return first_message(out, capacity);
    }
    if (mechanism_ == sasl_mechanism::xoauth2 || mechanism_ == sasl_mechanism::oauthbearer)
      return oauth_error_step(challenge, out, capacity);
    if (mechanism_ == sasl_mechanism::scram_sha_256)
      return sent_ == 1 ? scram_client_final(challenge, out, capacity) : scram_verify(challenge);
    return fail(errc::bad_argument, sasl_failure::unexpected_challenge, 0);
  }

  /// True when a 235 reply now means success: the mechanism sent what it needed to, the server
  /// reported no error, and, for SCRAM-SHA-256, the server's signature was verified (a 235
  /// before that is a server that has not proved itself: treat it as a failure).
  [[nodiscard]] constexpr bool accepts_success() const noexcept {
    if (phase_ == phase::failed || server_error_) return false;
    if (mechanism_ == sasl_mechanism::xoauth2 || mechanism_ == sasl_mechanism::oauthbearer)
      return sent_ >= 1;
    return phase_ == phase::done;
  }
  /// True after the mechanism's last response (`sasl_status::done`).
  [[nodiscard]] constexpr bool is_done() const noexcept { return phase_ == phase::done; }
  /// True after a failure (sticky until `reset`).
  [[nodiscard]] constexpr bool failed() const noexcept { return phase_ == phase::failed; }
  /// SCRAM-SHA-256: true once the server-final's signature matched. False for the others.
  [[nodiscard]] constexpr bool server_verified() const noexcept { return verified_; }
  /// XOAUTH2 and OAUTHBEARER: true once the server answered with an error challenge.
  [[nodiscard]] constexpr bool server_reported_error() const noexcept { return server_error_; }

  /// Back to the first step with the same mechanism, credentials, hooks and options.
  constexpr void reset() noexcept {
    phase_ = phase::start;
    sent_ = 0;
    server_error_ = false;
    verified_ = false;
    error_ = errc{};
    reason_ = sasl_failure::none;
    error_offset_ = 0;
    state_size_ = 0;
    detail::sasl_wipe(server_signature_, sizeof server_signature_);
  }

 private:
  enum class phase : std::uint8_t { start, talking, done, failed };
  static constexpr std::size_t sha256_size = 32;

  constexpr sasl_result fail(errc e, sasl_failure why, std::size_t offset,
                             std::string_view server_error = {}) noexcept {
    phase_ = phase::failed;
    error_ = e;
    reason_ = why;
    error_offset_ = offset;
    return {sasl_status::failed, 0, e, offset, why, server_error};
  }
  [[nodiscard]] constexpr sasl_result sticky() const noexcept {
    return {sasl_status::failed, 0, error_, error_offset_, reason_, {}};
  }
  [[nodiscard]] static constexpr sasl_result too_small(std::size_t need) noexcept {
    return {
        sasl_status::failed, need, errc::output_too_small, 0, sasl_failure::output_too_small, {}};
  }

  /// Measures `emit`'s message, then writes it if it fits; on success the step counts as sent
  /// and the phase moves to `done` or `talking` as `status` says.
  template <class Emit>
  constexpr sasl_result write(Emit&& emit, char* out, std::size_t capacity, sasl_status status,
                              std::string_view server_error = {}) noexcept {
    detail::sasl_sink measure;
    emit(measure);
    if (measure.size > capacity) return too_small(measure.size);
    detail::sasl_sink sink{out, 0};
    emit(sink);
    ++sent_;
    phase_ = status == sasl_status::done ? phase::done : phase::talking;
    return {status, sink.size, errc{}, 0, sasl_failure::none, server_error};
  }

  /// The client's first message for the client-first mechanisms.
  constexpr sasl_result first_message(char* out, std::size_t capacity) noexcept {
    const sasl_credentials& c = credentials_;
    std::size_t at = 0;
    switch (mechanism_) {
      case sasl_mechanism::plain:
        // RFC 4616 §2: message = [authzid] UTF8NUL authcid UTF8NUL passwd, each free of NUL,
        // authcid and passwd not empty.
        if ((at = detail::sasl_first_nul(c.authzid)) != detail::sasl_npos)
          return fail(errc::bad_argument, sasl_failure::bad_authzid, at);
        if (c.username.empty()) return fail(errc::bad_argument, sasl_failure::bad_username, 0);
        if ((at = detail::sasl_first_nul(c.username)) != detail::sasl_npos)
          return fail(errc::bad_argument, sasl_failure::bad_username, at);
        if (c.password.empty()) return fail(errc::bad_argument, sasl_failure::bad_password, 0);
        if ((at = detail::sasl_first_nul(c.password)) != detail::sasl_npos)
          return fail(errc::bad_argument, sasl_failure::bad_password, at);
        return write(
            [&](auto& s) {
              s.put(c.authzid);
              s.put('\0');
              s.put(c.username);
              s.put('\0');
              s.put(c.password);
            },
            out, capacity, sasl_status::done);
      case sasl_mechanism::external:
        // RFC 4422 Appendix A.1: the initial response is the authzid, possibly empty.
        if ((at = detail::sasl_first_nul(c.authzid)) != detail::sasl_npos)
          return fail(errc::bad_argument, sasl_failure::bad_authzid, at);
        return write([&](auto& s) { s.put(c.authzid); }, out, capacity, sasl_status::done);
      case sasl_mechanism::xoauth2:
        // Google's format: "user=" {User} ^A "auth=Bearer " {Access Token} ^A ^A.
        if (c.username.empty()) return fail(errc::bad_argument, sasl_failure::bad_username, 0);
        if ((at = detail::sasl_first_control(c.username)) != detail::sasl_npos)
          return fail(errc::bad_argument, sasl_failure::bad_username, at);
        if ((at = detail::sasl_first_not_b64token(c.token)) != detail::sasl_npos)
          return fail(errc::bad_argument, sasl_failure::bad_token, at);
        return write(
            [&](auto& s) {
              s.put("user=");
              s.put(c.username);
              s.put(
                  "\x01"
                  "auth=Bearer ");
              s.put(c.token);
              s.put("\x01\x01");
            },
            out, capacity, sasl_status::respond);
      case sasl_mechanism::oauthbearer:
        return oauthbearer_first(out, capacity);
      case sasl_mechanism::scram_sha_256:
        return scram_client_first(out, capacity);
      case sasl_mechanism::login:
      case sasl_mechanism::cram_md5:
        break;
    }
    return fail(errc::bad_argument, sasl_failure::no_initial_response, 0);
  }

  /// RFC 7628 §3.1: client-resp = gs2-header kvsep *kvpair kvsep, kvpair = key "=" value kvsep,
  /// with the pairs host, port and auth ("Bearer" SP token, RFC 6750 §2.1); kvsep is %x01.
  /// The gs2 authzid is the authzid, else the user name (servers map the token's owner to it,
  /// as in the RFC's own example, §4.1), else left out.
  constexpr sasl_result oauthbearer_first(char* out, std::size_t capacity) noexcept {
    const sasl_credentials& c = credentials_;
    const bool own = !c.authzid.empty();
    const std::string_view who = own ? c.authzid : c.username;
    const sasl_failure who_failure = own ? sasl_failure::bad_authzid : sasl_failure::bad_username;
    std::size_t at = 0;
    // saslname forbids NUL (RFC 5801 §4); a control octet would confuse the kvsep framing.
    if ((at = detail::sasl_first_control(who)) != detail::sasl_npos)
      return fail(errc::bad_argument, who_failure, at);
    if ((at = detail::sasl_first_not_kvvalue(c.host)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_host, at);
    if (!c.port.empty()) {
      // A decimal TCP port: 1 to 5 digits, at most 65535.
      std::uint64_t port = 0;
      for (std::size_t i = 0; i < c.port.size(); ++i) {
        if (!detail::is_digit(c.port[i]) || i >= 5)
          return fail(errc::bad_argument, sasl_failure::bad_port, i);
        port = port * 10 + static_cast<std::uint64_t>(c.port[i] - '0');
      }
      if (port > 65535) return fail(errc::bad_argument, sasl_failure::bad_port, 0);
    }
    if ((at = detail::sasl_first_not_b64token(c.token)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_token, at);
    return write(
        [&](auto& s) {
          detail::put_gs2_header(s, who);
          s.put('\x01');
          if (!c.host.empty()) {
            s.put("host=");
            s.put(c.host);
            s.put('\x01');
          }
          if (!c.port.empty()) {
            s.put("port=");
            s.put(c.port);
            s.put('\x01');
          }
          s.put("auth=Bearer ");
          s.put(c.token);
          s.put("\x01\x01");
        },
        out, capacity, sasl_status::respond);
  }

  /// XOAUTH2 and OAUTHBEARER: any challenge after the initial response carries the server's
  /// error (JSON, RFC 7628 §3.2.2); answer so the server can finish with 535.
  constexpr sasl_result oauth_error_step(std::string_view challenge, char* out,
                                         std::size_t capacity) noexcept {
    const bool bearer = mechanism_ == sasl_mechanism::oauthbearer;
    const sasl_result r = write(
        [&](auto& s) {
          if (bearer) s.put('\x01');  // RFC 7628 §3.2.3
        },
        out, capacity, sasl_status::done, challenge);
    if (r.ok()) server_error_ = true;
    return r;
  }

  /// LOGIN, draft-murchison-sasl-login-00 §2: the first challenge gets the user name, the
  /// second the password, whatever their text says.
  constexpr sasl_result login_step(char* out, std::size_t capacity) noexcept {
    const sasl_credentials& c = credentials_;
    if (sent_ == 0) {
      // Both are checked before anything is sent.
      std::size_t at = 0;
      if (c.username.empty()) return fail(errc::bad_argument, sasl_failure::bad_username, 0);
      if ((at = detail::sasl_first_nul(c.username)) != detail::sasl_npos)
        return fail(errc::bad_argument, sasl_failure::bad_username, at);
      if (c.password.empty()) return fail(errc::bad_argument, sasl_failure::bad_password, 0);
      if ((at = detail::sasl_first_nul(c.password)) != detail::sasl_npos)
        return fail(errc::bad_argument, sasl_failure::bad_password, at);
      return write([&](auto& s) { s.put(c.username); }, out, capacity, sasl_status::respond);
    }
    return write([&](auto& s) { s.put(c.password); }, out, capacity, sasl_status::done);
  }

  /// CRAM-MD5, RFC 2195 §2: user name SP 32 lowercase hex digits of HMAC-MD5(password,
  /// challenge); the challenge is the server's msg-id, never empty.
  constexpr sasl_result cram_md5_step(std::string_view challenge, char* out,
                                      std::size_t capacity) noexcept {
    const sasl_credentials& c = credentials_;
    if (detail::is_null_function(crypto_.hmac_md5))
      return fail(errc::bad_argument, sasl_failure::missing_crypto, 0);
    if (challenge.empty()) return fail(errc::bad_argument, sasl_failure::bad_challenge, 0);
    std::size_t at = 0;
    if (c.username.empty()) return fail(errc::bad_argument, sasl_failure::bad_username, 0);
    if ((at = detail::sasl_first_nul(c.username)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_username, at);
    if (c.password.empty()) return fail(errc::bad_argument, sasl_failure::bad_password, 0);
    const std::size_t need = c.username.size() + 1 + 32;
    if (need > capacity) return too_small(need);
    char digest[16] = {};
    crypto_.hmac_md5(crypto_.context, c.password, challenge, digest);
    const sasl_result r = write(
        [&](auto& s) {
          constexpr char hex[] = "0123456789abcdef";
          s.put(c.username);
          s.put(' ');
          for (const char d : digest) {
            s.put(hex[static_cast<unsigned char>(d) >> 4]);
            s.put(hex[static_cast<unsigned char>(d) & 15]);
          }
        },
        out, capacity, sasl_status::done);
    detail::sasl_wipe(digest, sizeof digest);
    return r;
  }

  /// SCRAM client-first-message, RFC 5802 §7: gs2-header client-first-message-bare, the bare
  /// part being "n=" saslname ",r=" c-nonce; the bare part is kept for the AuthMessage.
  constexpr sasl_result scram_client_first(char* out, std::size_t capacity) noexcept {
    const sasl_credentials& c = credentials_;
    if (detail::is_null_function(crypto_.hmac_sha256) || detail::is_null_function(crypto_.sha256))
      return fail(errc::bad_argument, sasl_failure::missing_crypto, 0);
    std::size_t at = 0;
    if ((at = detail::sasl_first_nul(c.authzid)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_authzid, at);
    if (c.username.empty()) return fail(errc::bad_argument, sasl_failure::bad_username, 0);
    if ((at = detail::sasl_first_nul(c.username)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_username, at);
    if (c.password.empty()) return fail(errc::bad_argument, sasl_failure::bad_password, 0);
    if (c.client_nonce.empty()) return fail(errc::bad_argument, sasl_failure::bad_client_nonce, 0);
    if ((at = detail::sasl_first_not_printable(c.client_nonce)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_client_nonce, at);
    auto bare = [&](auto& s) {
      s.put("n=");
      detail::put_saslname(s, c.username);
      s.put(",r=");
      s.put(c.client_nonce);
    };
    detail::sasl_sink measure;
    bare(measure);
    if (measure.size > sasl_scram_state_limit)
      return fail(errc::scratch_too_small, sasl_failure::state_too_long, 0);
    const sasl_result r = write(
        [&](auto& s) {
          detail::put_gs2_header(s, c.authzid);
          bare(s);
        },
        out, capacity, sasl_status::respond);
    if (r.ok()) {
      detail::sasl_sink keep{state_, 0};
      bare(keep);
      state_size_ = keep.size;
    }
    return r;
  }

  /// Reads the server-first-message (RFC 5802 §7: [reserved-mext ","] nonce "," salt ","
  /// iteration-count ["," extensions]) and answers with the client-final-message:
  /// "c=" base64(gs2-header) ",r=" nonce ",p=" base64(ClientProof), where ClientProof =
  /// ClientKey XOR HMAC(StoredKey, AuthMessage) (RFC 5802 §3). Keeps the ServerSignature.
  constexpr sasl_result scram_client_final(std::string_view sf, char* out,
                                           std::size_t capacity) noexcept {
    const sasl_credentials& c = credentials_;
    // RFC 5802 §5.1: "m" is reserved for mandatory extensions; a client that does not know
    // one must fail.
    if (sf.substr(0, 2) == "m=") return fail(errc::bad_argument, sasl_failure::bad_challenge, 0);
    if (sf.substr(0, 2) != "r=") return fail(errc::bad_argument, sasl_failure::bad_challenge, 0);
    const std::size_t nonce_end = sf.find(',', 2);
    if (nonce_end == std::string_view::npos)
      return fail(errc::bad_argument, sasl_failure::bad_challenge, sf.size());
    const std::string_view nonce = sf.substr(2, nonce_end - 2);
    std::size_t at = detail::sasl_first_not_printable(nonce);
    if (at != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_challenge, 2 + at);
    // The server's nonce extends ours (RFC 5802 §5.1); one that adds nothing is refused too,
    // since it would make the exchange replayable.
    if (nonce.size() <= c.client_nonce.size() ||
        nonce.substr(0, c.client_nonce.size()) != c.client_nonce)
      return fail(errc::bad_argument, sasl_failure::nonce_mismatch, 2);
    std::size_t pos = nonce_end + 1;
    if (sf.substr(pos, 2) != "s=")
      return fail(errc::bad_argument, sasl_failure::bad_challenge, pos);
    pos += 2;
    const std::size_t salt_end = sf.find(',', pos);
    if (salt_end == std::string_view::npos)
      return fail(errc::bad_argument, sasl_failure::bad_challenge, sf.size());
    const std::string_view salt64 = sf.substr(pos, salt_end - pos);
    if (salt64.empty()) return fail(errc::bad_argument, sasl_failure::bad_challenge, pos);
    if (base64_decoded_size_max(salt64.size()) > sasl_scram_salt_limit)
      return fail(errc::scratch_too_small, sasl_failure::state_too_long, pos);
    char salt[sasl_scram_salt_limit] = {};
    const write_result decoded = base64_decode(salt64, salt, sizeof salt);
    if (decoded.failed())
      return fail(errc::bad_argument, sasl_failure::bad_challenge, pos + decoded.offset);
    pos = salt_end + 1;
    if (sf.substr(pos, 2) != "i=")
      return fail(errc::bad_argument, sasl_failure::bad_challenge, pos);
    pos += 2;
    // posit-number = %x31-39 *DIGIT; more than ten digits cannot fit 32 bits.
    const std::size_t digits_at = pos;
    std::uint64_t iterations = 0;
    while (pos < sf.size() && detail::is_digit(sf[pos])) {
      if (pos == digits_at && sf[pos] == '0')
        return fail(errc::bad_argument, sasl_failure::bad_challenge, pos);
      if (pos - digits_at >= 10) return fail(errc::bad_argument, sasl_failure::bad_challenge, pos);
      iterations = iterations * 10 + static_cast<std::uint64_t>(sf[pos] - '0');
      ++pos;
    }
    if (pos == digits_at) return fail(errc::bad_argument, sasl_failure::bad_challenge, pos);
    if ((at = detail::sasl_first_bad_extension(sf, pos)) != detail::sasl_npos)
      return fail(errc::bad_argument, sasl_failure::bad_challenge, at);
    if (iterations < options_.scram_min_iterations || iterations > options_.scram_max_iterations)
      return fail(errc::bad_argument, sasl_failure::iteration_count_out_of_range, digits_at);

    // client-final-message-without-proof = "c=" base64(gs2-header) ",r=" nonce. Without an
    // authzid the gs2-header is "n,,", whose base64 is "biws".
    auto without_proof = [&](auto& s) {
      s.put("c=");
      detail::sasl_base64_sink b64{&s, 0, 0};
      detail::put_gs2_header(b64, c.authzid);
      b64.finish();
      s.put(",r=");
      s.put(nonce);
    };
    detail::sasl_sink measure;
    without_proof(measure);
    const std::size_t auth_size = state_size_ + 1 + sf.size() + 1 + measure.size;
    if (auth_size > sasl_scram_state_limit)
      return fail(errc::scratch_too_small, sasl_failure::state_too_long, 0);
    const std::size_t need = measure.size + 3 + base64_encoded_size(sha256_size);
    if (need > capacity) return too_small(need);

    // AuthMessage = client-first-message-bare "," server-first-message ","
    //               client-final-message-without-proof (RFC 5802 §3).
    detail::sasl_sink auth{state_, state_size_};
    auth.put(',');
    auth.put(sf);
    auth.put(',');
    without_proof(auth);
    state_size_ = auth.size;
    const std::string_view auth_message(state_, state_size_);

    char salted[sha256_size] = {};
    detail::scram_hi(crypto_, c.password, std::string_view(salt, decoded.size),
                     static_cast<std::uint32_t>(iterations), salted);
    const std::string_view salted_view(salted, sha256_size);
    char client_key[sha256_size] = {};
    crypto_.hmac_sha256(crypto_.context, salted_view, "Client Key", client_key);
    char stored_key[sha256_size] = {};
    crypto_.sha256(crypto_.context, std::string_view(client_key, sha256_size), stored_key);
    char proof[sha256_size] = {};
    crypto_.hmac_sha256(crypto_.context, std::string_view(stored_key, sha256_size), auth_message,
                        proof);
    for (std::size_t k = 0; k < sha256_size; ++k)
      proof[k] = static_cast<char>(proof[k] ^ client_key[k]);
    char server_key[sha256_size] = {};
    crypto_.hmac_sha256(crypto_.context, salted_view, "Server Key", server_key);
    crypto_.hmac_sha256(crypto_.context, std::string_view(server_key, sha256_size), auth_message,
                        server_signature_);
    detail::sasl_wipe(salted, sha256_size);
    detail::sasl_wipe(client_key, sha256_size);
    detail::sasl_wipe(stored_key, sha256_size);
    detail::sasl_wipe(server_key, sha256_size);

    const sasl_result r = write(
        [&](auto& s) {
          without_proof(s);
          s.put(",p=");
          detail::sasl_base64_sink b64{&s, 0, 0};
          b64.put(std::string_view(proof, sha256_size));
          b64.finish();
        },
        out, capacity, sasl_status::respond);
    detail::sasl_wipe(proof, sha256_size);
    return r;
  }

  /// The server-final-message, RFC 5802 §7: (server-error / verifier) ["," extensions], with
  /// server-error = "e=" value and verifier = "v=" base64(ServerSignature). A matching
  /// signature proves the server knows the password (or its ServerKey): answered with an empty
  /// response, the exchange is `done`.
  constexpr sasl_result scram_verify(std::string_view sf) noexcept {
    std::size_t end = sf.find(',');
    if (end == std::string_view::npos) end = sf.size();
    if (sf.substr(0, 2) == "e=")
      return fail(errc::bad_argument, sasl_failure::server_error, 2, sf.substr(2, end - 2));
    if (sf.substr(0, 2) != "v=") return fail(errc::bad_argument, sasl_failure::bad_challenge, 0);
    std::size_t at = detail::sasl_first_bad_extension(sf, end);
    if (at != detail::sasl_npos) return fail(errc::bad_argument, sasl_failure::bad_challenge, at);
    char signature[sha256_size] = {};
    const write_result decoded = base64_decode(sf.substr(2, end - 2), signature, sizeof signature);
    if (decoded.error == errc::output_too_small || (decoded.ok() && decoded.size != sha256_size))
      return fail(errc::bad_argument, sasl_failure::bad_challenge, 2);
    if (decoded.failed())
      return fail(errc::bad_argument, sasl_failure::bad_challenge, 2 + decoded.offset);
    if (!detail::sasl_equal_constant_time(signature, server_signature_, sha256_size))
      return fail(errc::bad_argument, sasl_failure::server_signature_mismatch, 2);
    verified_ = true;
    ++sent_;
    phase_ = phase::done;
    return {sasl_status::done, 0, errc{}, 0, sasl_failure::none, {}};
  }

  sasl_mechanism mechanism_;
  sasl_credentials credentials_;
  sasl_crypto crypto_;
  sasl_client_options options_;
  phase phase_ = phase::start;
  std::uint8_t sent_ = 0;  // responses produced so far, the initial one included
  bool server_error_ = false;
  bool verified_ = false;
  errc error_{};
  sasl_failure reason_ = sasl_failure::none;
  std::size_t error_offset_ = 0;
  std::size_t state_size_ = 0;  // SCRAM: octets of state_ in use
  char state_[sasl_scram_state_limit] = {};
  char server_signature_[sha256_size] = {};
};

}  // namespace smtpcodes

#endif  // SMTPCODES_SASL_HPP
