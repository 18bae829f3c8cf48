/**
 * @file sasl.hpp
 * @brief SASL for SMTP AUTH (RFC 4954): base64 into caller buffers (RFC 4648 §4) and the
 *        server side's decoding of PLAIN (RFC 4616) responses.
 *
 * Sessions layer: includes result.hpp, error.hpp, limits.hpp and detail/ascii.hpp. Everything
 * here is constexpr, never allocates and never throws; every view a result holds lies inside
 * the input given.
 */
#ifndef SMTPCODES_SASL_HPP
#define SMTPCODES_SASL_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
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

namespace detail {
inline constexpr char base64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of a base64 octet, or 64 for any other octet (including '=').
[[nodiscard]] constexpr unsigned base64_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return static_cast<unsigned>(c - 'A');
  if (c >= 'a' && c <= 'z') return static_cast<unsigned>(c - 'a' + 26);
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0' + 52);
  if (c == '+') return 62;
  if (c == '/') return 63;
  return 64;
}
}  // namespace detail

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
  if (in.size() % 4 != 0) {
    // Point at the first octet that is not base64 if there is one, else at the short end.
    for (std::size_t k = 0; k < in.size(); ++k) {
      if (detail::base64_value(in[k]) == 64 && in[k] != '=') return {errc::bad_argument, 0, k, 0};
    }
    return {errc::bad_argument, 0, in.size(), 0};
  }
  std::size_t pad = 0;
  if (!in.empty() && in[in.size() - 1] == '=') pad = in[in.size() - 2] == '=' ? 2 : 1;
  for (std::size_t k = 0; k + pad < in.size(); ++k) {
    if (detail::base64_value(in[k]) == 64) return {errc::bad_argument, 0, k, 0};
  }
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

}  // namespace smtpcodes

#endif  // SMTPCODES_SASL_HPP
