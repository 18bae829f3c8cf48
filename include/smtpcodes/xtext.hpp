/**
 * @file xtext.hpp
 * @brief xtext (RFC 3461 §4): checking, decoding and encoding into caller buffers.
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_XTEXT_HPP
#define SMTPCODES_XTEXT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "error.hpp"
#include "result.hpp"

namespace smtpcodes {

namespace detail {

/// xtext (RFC 3461 §4): xchar = %d33-42 / %d44-60 / %d62-126; hexchar = "+" 2HEXDIG (upper).
/// Returns the offset of the first bad octet, or npos when valid. UTF-8 allowed with `utf8`.
constexpr std::size_t check_xtext(std::string_view s, bool utf8) noexcept {
  std::size_t i = 0;
  while (true) {
    i = skip_class(s, i, class_xchar);
    if (i == s.size()) return std::string_view::npos;
    const auto u = static_cast<unsigned char>(s[i]);
    if (s[i] == '+') {
      if (i + 2 >= s.size() || !is_hex_upper(s[i + 1]) || !is_hex_upper(s[i + 2])) return i;
      i += 3;
    } else if (u >= 0x80 && utf8) {
      const std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) return i;
      i += n;
    } else {  // below 33, "=", DEL, or 8-bit without `utf8`
      return i;
    }
  }
}

}  // namespace detail

/**
 * Decodes xtext (RFC 3461 §4: "+XX" for octets outside printable ASCII, "+" and "=") into
 * `out`. Decoded text is never longer than the input. Errors: `bad_xtext` (offset of the bad
 * octet), `output_too_small`.
 */
constexpr write_result decode_xtext(std::string_view text, char* out,
                                    std::size_t capacity) noexcept {
  const std::size_t bad = detail::check_xtext(text, true);
  if (bad != std::string_view::npos) return {errc::bad_xtext, 0, bad};
  auto hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size(); ++w) {
    if (w >= capacity) return {errc::output_too_small, w, 0};
    if (text[i] == '+') {
      out[w] = static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 3;
    } else {
      out[w] = text[i++];
    }
  }
  return {errc{}, w, 0};
}

/// Octets `encode_xtext` needs at most for `n` input octets.
constexpr std::size_t max_xtext_size(std::size_t n) noexcept {
  return 3 * n;
}

/// Encodes octets as xtext: printable ASCII except "+" and "=" stays, everything else (space,
/// controls, CR, LF, 8-bit) becomes "+XX". Fails with `output_too_small` only.
constexpr write_result encode_xtext(std::string_view raw, char* out,
                                    std::size_t capacity) noexcept {
  constexpr char digits[] = "0123456789ABCDEF";
  std::size_t w = 0;
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = u >= 33 && u <= 126 && c != '+' && c != '=';
    if (w + (plain ? 1 : 3) > capacity) return {errc::output_too_small, w, 0};
    if (plain) {
      out[w++] = c;
    } else {
      out[w++] = '+';
      out[w++] = digits[u >> 4];
      out[w++] = digits[u & 15];
    }
  }
  return {errc{}, w, 0};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_XTEXT_HPP
