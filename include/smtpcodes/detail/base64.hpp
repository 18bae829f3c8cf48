/**
 * @file detail/base64.hpp
 * @brief The one base64 check (RFC 4648 §4, as RFC 4954 §4 requires of AUTH) that the command
 *        parser, the AUTH writer and the SASL decoder share. Private to smtpcodes.
 */
#ifndef SMTPCODES_DETAIL_BASE64_HPP
#define SMTPCODES_DETAIL_BASE64_HPP

#include <cstddef>
#include <string_view>

namespace smtpcodes::detail {

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

/// The "=" octets that pad `s` (RFC 4648 §4: at most two, at the very end).
[[nodiscard]] constexpr std::size_t base64_padding(std::string_view s) noexcept {
  std::size_t pad = 0;
  while (pad < 2 && pad < s.size() && s[s.size() - 1 - pad] == '=') ++pad;
  return pad;
}

/// Where `s` stops being base64 of whole 4-octet groups with "=" only as the padding of the
/// last one: the first octet outside the alphabet (a misplaced "=" included), else `s.size()`
/// for an empty input or a short last group, else npos. It does not check the bits the padding
/// leaves unused (`base64_decode` does, RFC 4648 §3.5).
[[nodiscard]] constexpr std::size_t find_base64_problem(std::string_view s) noexcept {
  const std::size_t data = s.size() - base64_padding(s);
  for (std::size_t i = 0; i < data; ++i) {
    if (base64_value(s[i]) == 64) return i;
  }
  return s.empty() || s.size() % 4 != 0 ? s.size() : std::string_view::npos;
}

}  // namespace smtpcodes::detail

#endif  // SMTPCODES_DETAIL_BASE64_HPP
