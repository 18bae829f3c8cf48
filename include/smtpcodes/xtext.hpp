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
#include <limits>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "error.hpp"
#include "result.hpp"

namespace smtpcodes {

namespace detail {

/// xtext (RFC 3461 §4): xchar = %d33-42 / %d44-60 / %d62-126; hexchar = "+" 2HEXDIG (upper).
/// Returns the offset of the first bad octet, or npos when valid. UTF-8 allowed with `utf8`.
[[nodiscard]] constexpr std::size_t check_xtext(std::string_view s, bool utf8) noexcept {
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

/// An octet `encode_xtext` writes as itself: printable ASCII except "+" and "=" (RFC 3461 §4).
[[nodiscard]] constexpr bool is_plain_xtext_octet(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u >= 33 && u <= 126 && c != '+' && c != '=';
}

/// Octets the xtext encoding of `raw` takes, or SIZE_MAX when that does not fit a size_t.
[[nodiscard]] constexpr std::size_t xtext_encoded_size(std::string_view raw) noexcept {
  constexpr std::size_t most = std::numeric_limits<std::size_t>::max();
  std::size_t n = 0;
  for (const char c : raw) {
    const std::size_t step = is_plain_xtext_octet(c) ? 1 : 3;
    if (n > most - step) return most;
    n += step;
  }
  return n;
}

/// True when `encoded` is exactly what `encode_xtext` writes for `raw`.
[[nodiscard]] constexpr bool is_xtext_encoding_of(std::string_view encoded,
                                                  std::string_view raw) noexcept {
  constexpr char digits[] = "0123456789ABCDEF";
  std::size_t i = 0;
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (is_plain_xtext_octet(c)) {
      if (i >= encoded.size() || encoded[i] != c) return false;
      ++i;
    } else {
      if (encoded.size() - i < 3 || encoded[i] != '+' || encoded[i + 1] != digits[u >> 4] ||
          encoded[i + 2] != digits[u & 15])
        return false;
      i += 3;
    }
  }
  return i == encoded.size();
}

/// The index in `raw` of the octet whose encoding holds octet `at` of its xtext encoding
/// (`raw.size()` when `at` is past the end).
[[nodiscard]] constexpr std::size_t xtext_raw_index(std::string_view raw, std::size_t at) noexcept {
  std::size_t w = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    w += is_plain_xtext_octet(raw[i]) ? 1 : 3;
    if (at < w) return i;
  }
  return raw.size();
}

}  // namespace detail

/**
 * Decodes xtext (RFC 3461 §4: "+XX" for octets outside printable ASCII, "+" and "=") into
 * `out`; UTF-8 sequences (allowed in values under SMTPUTF8, RFC 6531 §3.3) are copied as
 * they are. Decoded text is never longer than the input.
 * Errors: `bad_xtext` (`offset`: the bad octet in `text`), `output_too_small` (`size`: the
 * capacity needed). Nothing is written unless the whole text is valid and fits.
 */
[[nodiscard]] constexpr write_result decode_xtext(std::string_view text, char* out,
                                                  std::size_t capacity) noexcept {
  const std::size_t bad = detail::check_xtext(text, true);
  if (bad != std::string_view::npos) return {errc::bad_xtext, 0, bad, 0};
  std::size_t needed = text.size();  // each valid "+XX" decodes to one octet
  for (const char c : text) {
    if (c == '+') needed -= 2;
  }
  if (needed > capacity) return {errc::output_too_small, needed, 0, 0};
  auto hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size(); ++w) {
    if (text[i] == '+' && text.size() - i >= 3) {  // always, once checked: said for the compiler
      out[w] = static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 3;
    } else {
      out[w] = text[i++];
    }
  }
  return {errc{}, w, 0, 0};
}

/// Octets `encode_xtext` needs at most for `n` input octets: 3 * n, or SIZE_MAX when 3 * n
/// does not fit a size_t (no input that large exists, so SIZE_MAX always suffices).
[[nodiscard]] constexpr std::size_t max_xtext_size(std::size_t n) noexcept {
  return n > std::numeric_limits<std::size_t>::max() / 3 ? std::numeric_limits<std::size_t>::max()
                                                         : 3 * n;
}

/**
 * Encodes octets as xtext (RFC 3461 §4): printable ASCII except "+" and "=" stays, everything
 * else (space, controls, CR, LF, 8-bit) becomes "+XX" (upper-case hex).
 * Fails with `output_too_small` only (`size`: the capacity needed); nothing is written then.
 */
[[nodiscard]] constexpr write_result encode_xtext(std::string_view raw, char* out,
                                                  std::size_t capacity) noexcept {
  const std::size_t needed = detail::xtext_encoded_size(raw);
  if (needed > capacity) return {errc::output_too_small, needed, 0, 0};
  constexpr char digits[] = "0123456789ABCDEF";
  std::size_t w = 0;
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (detail::is_plain_xtext_octet(c)) {
      out[w++] = c;
    } else {
      out[w++] = '+';
      out[w++] = digits[u >> 4];
      out[w++] = digits[u & 15];
    }
  }
  return {errc{}, w, 0, 0};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_XTEXT_HPP
