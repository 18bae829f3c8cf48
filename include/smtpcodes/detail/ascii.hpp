/**
 * @file detail/ascii.hpp
 * @brief Character classes and case-insensitive comparison for the SMTP grammars, and UTF-8
 *        well-formedness for SMTPUTF8. Private to smtpcodes; constexpr, no tables to allocate.
 */
#ifndef SMTPCODES_DETAIL_ASCII_HPP
#define SMTPCODES_DETAIL_ASCII_HPP

#include <cstddef>
#include <string_view>

#include "../config.hpp"

namespace smtpcodes {
namespace detail {

constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr bool is_alpha(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}
constexpr bool is_alnum_ascii(char c) noexcept {
  return is_digit(c) || is_alpha(c);
}
constexpr bool is_hex_upper(char c) noexcept {
  return is_digit(c) || (c >= 'A' && c <= 'F');
}
constexpr bool is_hex(char c) noexcept {
  return is_hex_upper(c) || (c >= 'a' && c <= 'f');
}

/// Character classes as bits of a 256-entry table, built at compile time: one load per test.
enum char_class : unsigned char {
  class_atext = 1,        ///< RFC 5322 atext: ALPHA / DIGIT / "!#$%&'*+-/=?^_`{|}~"
  class_ldh = 2,          ///< ALPHA / DIGIT / "-" (domain labels, keywords)
  class_esmtp_value = 4,  ///< RFC 5321 esmtp-value octets: %d33-60 / %d62-126
};

struct char_table {
  unsigned char bits[256];
};

constexpr char_table make_char_table() noexcept {
  char_table t{};
  for (int c = 0; c < 256; ++c) {
    unsigned char b = 0;
    const bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    const std::string_view specials = "!#$%&'*+-/=?^_`{|}~";
    if (alnum || specials.find(static_cast<char>(c)) != std::string_view::npos) b |= class_atext;
    if (alnum || c == '-') b |= class_ldh;
    if (c >= 33 && c <= 126 && c != '=') b |= class_esmtp_value;
    t.bits[c] = b;
  }
  return t;
}

inline constexpr char_table char_classes = make_char_table();

constexpr bool has_class(char c, char_class k) noexcept {
  return (char_classes.bits[static_cast<unsigned char>(c)] & k) != 0;
}

/// RFC 5322 atext.
constexpr bool is_atext(char c) noexcept {
  return has_class(c, class_atext);
}

constexpr char to_upper_ascii(char c) noexcept {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// ASCII case-insensitive equality.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_upper_ascii(a[i]) != to_upper_ascii(b[i])) return false;
  }
  return true;
}

/**
 * Length of the well-formed UTF-8 sequence starting at s[i] whose first octet is >= 0x80
 * (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF), or 0.
 */
constexpr std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  std::size_t n = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(1) < lo || b(1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k) {
    if (b(k) < 0x80 || b(k) > 0xBF) return 0;
  }
  return n;
}

}  // namespace detail
}  // namespace smtpcodes

#endif  // SMTPCODES_DETAIL_ASCII_HPP
