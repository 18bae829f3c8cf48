/**
 * @file detail/ascii.hpp
 * @brief Character classes and case-insensitive comparison for the SMTP grammars, and UTF-8
 *        well-formedness for SMTPUTF8. Private to smtpcodes; constexpr, no tables to allocate.
 *        At run time, runs of printable octets are skipped 16 at a time with SSE2 if targeted.
 */
#ifndef SMTPCODES_DETAIL_ASCII_HPP
#define SMTPCODES_DETAIL_ASCII_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../config.hpp"
#include "scan.hpp"

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

/// Character classes as bits of a 256-entry table: one load per test.
enum char_class : unsigned char {
  class_atext = 1,        ///< RFC 5322 atext: ALPHA / DIGIT / "!#$%&'*+-/=?^_`{|}~"
  class_ldh = 2,          ///< ALPHA / DIGIT / "-" (domain labels, keywords)
  class_esmtp_value = 4,  ///< RFC 5321 esmtp-value octets: %d33-60 / %d62-126
  class_xchar = 8,        ///< RFC 3461 xchar: %d33-42 / %d44-60 / %d62-126 (not "+" or "=")
};

struct char_table {
  unsigned char bits[256];
};

// Written out rather than computed: every translation unit that includes this header would
// otherwise run the computation in the constant evaluator (45-60 ms with clang++).
// tests/constexpr_test.cpp derives each entry from the grammar and fails on any difference.
inline constexpr char_table char_classes = {{
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0x00
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0x10
    0,  13, 12, 13, 13, 13, 13, 13, 12, 12, 13, 5,  12, 15, 12, 13,  // 0x20
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 12, 12, 12, 1,  12, 13,  // 0x30
    12, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  // 0x40
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 12, 12, 12, 13, 13,  // 0x50
    13, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15,  // 0x60
    15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 15, 13, 13, 13, 13, 0,   // 0x70
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0x80
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0x90
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0xA0
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0xB0
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0xC0
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0xD0
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0xE0
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,   // 0xF0
}};

constexpr bool has_class(char c, char_class k) noexcept {
  return (char_classes.bits[static_cast<unsigned char>(c)] & k) != 0;
}

/// RFC 5322 atext.
constexpr bool is_atext(char c) noexcept {
  return has_class(c, class_atext);
}

#if SMTPCODES_HAS_SSE2
/// `skip_class` for a class of printable ASCII (33-126) but `x` and `y`, when n >= 16: whole
/// blocks only, the last one ending at n and overlapping the one before, so nothing outside
/// [p, p + n) is read and no octet is left to a byte loop.
inline std::size_t skip_printable_sse2(const char* p, std::size_t i, std::size_t n, char x,
                                       char y) noexcept {
  const sse2::vec space = sse2::splat(' ');
  const sse2::vec del = sse2::splat(0x7F);
  const sse2::vec not_x = sse2::splat(x);
  const sse2::vec not_y = sse2::splat(y);
  while (true) {
    const std::size_t at = i + 16 <= n ? i : n - 16;
    const sse2::vec v = sse2::load(p + at);
    // Signed compares: controls and octets 0x80 and up (negative) are all below the space.
    const sse2::vec outside = sse2::either(
        sse2::either(sse2::gt(space, v), sse2::eq(v, space)),
        sse2::either(sse2::eq(v, del), sse2::either(sse2::eq(v, not_x), sse2::eq(v, not_y))));
    const unsigned mask = sse2::movemask(outside) >> (i - at);
    if (mask != 0) return i + count_trailing_zeros(mask);
    if (at + 16 == n) return n;
    i = at + 16;
  }
}

#endif

/// The end of the run of `k` octets starting at s[i]: the scanners' inner loop. Parameter values
/// and xtext make the long runs, worth SSE2; the rest are short, a table load per octet (four
/// at a time while four remain).
SMTPCODES_ALWAYS_INLINE constexpr std::size_t skip_class(std::string_view s, std::size_t i,
                                                         char_class k) noexcept {
#if SMTPCODES_HAS_SSE2
  if ((k == class_esmtp_value || k == class_xchar) && !SMTPCODES_IS_CONSTANT_EVALUATED() &&
      s.size() >= 16)
    return skip_printable_sse2(s.data(), i, s.size(), '=', k == class_xchar ? '+' : '=');
#endif
  // Said once, so that `s.size() - i` cannot wrap: g++ -O3 would otherwise see an index before
  // the string and warn (-Warray-bounds).
  if (i >= s.size()) return i;
  for (; s.size() - i >= 4; i += 4) {
    if (!has_class(s[i], k)) return i;
    if (!has_class(s[i + 1], k)) return i + 1;
    if (!has_class(s[i + 2], k)) return i + 2;
    if (!has_class(s[i + 3], k)) return i + 3;
  }
  while (i < s.size() && has_class(s[i], k)) ++i;
  return i;
}

/// The first `c` at or after s[i], or npos. A plain loop: the strings searched are a few
/// octets long, where calling memchr (std::string_view::find) costs more than it saves.
constexpr std::size_t find_char(std::string_view s, char c, std::size_t i = 0) noexcept {
  for (; i < s.size(); ++i) {
    if (s[i] == c) return i;
  }
  return std::string_view::npos;
}

/// Reads 1 to `max_digits` decimal digits (the whole of `s`) into `out`; false for anything
/// else, including a value that does not fit in 64 bits.
constexpr bool parse_uint(std::string_view s, std::size_t max_digits, std::uint64_t& out) noexcept {
  if (s.empty() || s.size() > max_digits) return false;
  constexpr std::uint64_t max = ~std::uint64_t{0};
  std::uint64_t v = 0;
  for (const char c : s) {
    if (!is_digit(c)) return false;
    const auto d = static_cast<std::uint64_t>(c - '0');
    if (v > (max - d) / 10) return false;
    v = v * 10 + d;
  }
  out = v;
  return true;
}

constexpr char to_lower_ascii(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
constexpr char to_upper_ascii(char c) noexcept {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

/// ASCII case-insensitive equality.
constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    // Equal, or one letter in both cases: those differ in bit 0x20 only.
    const int diff = a[i] ^ b[i];
    if (diff != 0 && (diff != 0x20 || !is_alpha(a[i]))) return false;
  }
  return true;
}

/// Octets p[0, N) as one integer, p[0] in the low octet: a word to compare at once. One load
/// at run time on little-endian hosts; octet by octet at compile time and elsewhere.
template <std::size_t N>
constexpr std::uint64_t octets_word(const char* p) noexcept {
  static_assert(N >= 1 && N <= 8, "one word holds 1 to 8 octets");
  std::uint64_t w = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!SMTPCODES_IS_CONSTANT_EVALUATED()) {
    __builtin_memcpy(&w, p, N);
    return w;
  }
#endif
  for (std::size_t i = 0; i < N; ++i)
    w |= std::uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return w;
}

/// Not constexpr: reached only when a `folded_word` is built from a word of another size, which
/// makes that constant expression fail to compile.
inline void folded_word_size_mismatch() noexcept {}

/// An N-octet word (letters in either case, digits, punctuation; N up to 16) ready for
/// `iequals_prefix`: its octets with letters lowered, and the case bit (0x20) of each letter.
/// From a literal, N is deduced (`constexpr folded_word from{"FROM:"}`).
template <std::size_t N>
struct folded_word {
  static_assert(N >= 1 && N <= 16, "a folded word holds 1 to 16 octets");
  static constexpr std::size_t size = N;
  std::uint64_t lowered[2] = {0, 0};
  std::uint64_t case_bits[2] = {0, 0};

  constexpr explicit folded_word(std::string_view word) noexcept {
    if (word.size() != N) folded_word_size_mismatch();
    for (std::size_t i = 0; i < N && i < word.size(); ++i) {
      const std::uint64_t bit = is_alpha(word[i]) ? 0x20 : 0;
      const auto u = std::uint64_t{static_cast<unsigned char>(word[i])};
      lowered[i / 8] |= (u | bit) << (8 * (i % 8));
      case_bits[i / 8] |= bit << (8 * (i % 8));
    }
  }
  template <std::size_t M>
  constexpr explicit folded_word(const char (&word)[M]) noexcept
      : folded_word(std::string_view(word, M - 1)) {}
};
template <std::size_t M>
folded_word(const char (&)[M]) -> folded_word<M - 1>;

/// True when `s` starts with the word folded into `w`, ignoring ASCII case: a word of s OR-ed
/// with the case bits equals the lowered word exactly when each letter matches in either case
/// (c | 0x20 is a lower-case letter only for that letter's two cases) and every other octet
/// matches as it is. Two compares where `iequals` tests octet by octet.
template <std::size_t N>
constexpr bool iequals_prefix(std::string_view s, const folded_word<N>& w) noexcept {
  if (s.size() < N) return false;
  constexpr std::size_t low = N < 8 ? N : 8;
  if ((octets_word<low>(s.data()) | w.case_bits[0]) != w.lowered[0]) return false;
  if constexpr (N > 8) {
    return (octets_word<N - 8>(s.data() + 8) | w.case_bits[1]) == w.lowered[1];
  } else {
    return true;
  }
}

/// `iequals` with a folded word.
template <std::size_t N>
constexpr bool iequals_folded(std::string_view s, const folded_word<N>& w) noexcept {
  return s.size() == N && iequals_prefix(s, w);
}

/// True when the space-separated `list` (an EHLO parameter text such as AUTH's mechanisms)
/// holds `word`, ignoring ASCII case. Empty words (two spaces in a row) are skipped.
[[nodiscard]] constexpr bool list_has_word(std::string_view list, std::string_view word) noexcept {
  std::size_t i = 0;
  while (i < list.size()) {
    std::size_t j = list.find(' ', i);
    if (j == std::string_view::npos) j = list.size();
    if (j > i && iequals(list.substr(i, j - i), word)) return true;
    i = j + 1;
  }
  return false;
}

/// Writes the decimal digits of `v` to `out` (room for 20, `max_uint64_digits`); returns how
/// many.
constexpr std::size_t format_uint(char* out, std::uint64_t v) noexcept {
  char digits[20] = {};
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  for (std::size_t i = 0; i < n; ++i) out[i] = digits[n - 1 - i];
  return n;
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
