/**
 * @file enhanced_status.hpp
 * @brief Enhanced mail system status codes (RFC 3463 `class.subject.detail`, sent in replies per
 *        RFC 2034): the `enhanced_status` value type, a strict parser, the matcher for the start
 *        of a reply's text, and `to_text`. No texts: the IANA registry tables and `explain` are in
 *        enhanced_status_info.hpp, so that the parsers, which include this header, do not pay for
 *        compiling them.
 *
 * Includes config.hpp and reply_code.hpp (for `reply_code`). Everything here is constexpr, never
 * allocates and never throws.
 */
#ifndef SMTPCODES_ENHANCED_STATUS_HPP
#define SMTPCODES_ENHANCED_STATUS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/**
 * An enhanced status code such as 5.7.1. `klass` is 2 (success), 4 (persistent transient
 * failure) or 5 (permanent failure); `subject` and `detail` are 0 to 999 (RFC 3463 §2).
 * Build one with `parse_enhanced_status` or `match_enhanced_status` to have it checked.
 */
struct enhanced_status {
  std::uint8_t klass = 0;
  std::uint16_t subject = 0;
  std::uint16_t detail = 0;

  /// True for class 2, 4 or 5 with subject and detail below 1000.
  [[nodiscard]] constexpr bool is_well_formed() const noexcept {
    return (klass == 2 || klass == 4 || klass == 5) && subject <= 999 && detail <= 999;
  }
  [[nodiscard]] constexpr bool is_success() const noexcept { return klass == 2; }
  [[nodiscard]] constexpr bool is_transient() const noexcept { return klass == 4; }
  [[nodiscard]] constexpr bool is_permanent() const noexcept { return klass == 5; }

  /// True when the class digit agrees with the first digit of a basic reply code, the rule for
  /// taking an enhanced code from a reply (RFC 3463 §2, RFC 2034 §4).
  [[nodiscard]] constexpr bool matches(reply_code code) const noexcept {
    return code.value() / 100U == klass;
  }

  [[nodiscard]] friend constexpr bool operator==(const enhanced_status& a,
                                                 const enhanced_status& b) noexcept {
    return a.klass == b.klass && a.subject == b.subject && a.detail == b.detail;
  }
  [[nodiscard]] friend constexpr bool operator!=(const enhanced_status& a,
                                                 const enhanced_status& b) noexcept {
    return !(a == b);
  }
  [[nodiscard]] friend constexpr bool operator<(const enhanced_status& a,
                                                const enhanced_status& b) noexcept {
    if (a.klass != b.klass) return a.klass < b.klass;
    if (a.subject != b.subject) return a.subject < b.subject;
    return a.detail < b.detail;
  }
};

/// An enhanced code found at the start of a reply's text, and how many characters it spans.
struct enhanced_status_match {
  enhanced_status code;
  std::size_t length = 0;
};

namespace detail {

/// Reads 1 to 3 digits at `pos`, with no leading zero unless the number is "0" (RFC 3463 §2:
/// subject = "0" / ("1"-"9" *2digit)). Returns the number of digits read, 0 on failure.
[[nodiscard]] constexpr std::size_t parse_status_number(std::string_view text, std::size_t pos,
                                                        std::uint16_t& out) noexcept {
  std::size_t n = 0;
  unsigned value = 0;
  while (pos + n < text.size() && n < 4 && text[pos + n] >= '0' && text[pos + n] <= '9') {
    value = value * 10U + static_cast<unsigned>(text[pos + n] - '0');
    ++n;
  }
  if (n == 0 || n > 3) return 0;
  if (n > 1 && text[pos] == '0') return 0;
  out = static_cast<std::uint16_t>(value);
  return n;
}

/// Parses `class.subject.detail` at the start of `text`; 0 when there is none.
SMTPCODES_GCC_ARRAY_BOUNDS_OFF  // text[5] only when text.size() > 5
    [[nodiscard]] constexpr std::size_t
    parse_status_prefix(std::string_view text, enhanced_status& out) noexcept {
  if (text.size() < 5) return 0;
  const char k = text[0];
  if (k != '2' && k != '4' && k != '5') return 0;
  if (text[1] != '.') return 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  // The common shape, one-digit subject and detail ("2.1.5", "5.7.1"), without the loops: a
  // fifth of the reply parser's time went to them.
  if (digit(text[2]) && text[3] == '.' && digit(text[4]) && (text.size() == 5 || !digit(text[5]))) {
    out = enhanced_status{static_cast<std::uint8_t>(k - '0'),
                          static_cast<std::uint16_t>(text[2] - '0'),
                          static_cast<std::uint16_t>(text[4] - '0')};
    return 5;
  }
  std::uint16_t subject = 0;
  const std::size_t s = parse_status_number(text, 2, subject);
  if (s == 0) return 0;
  std::size_t pos = 2 + s;
  if (pos >= text.size() || text[pos] != '.') return 0;
  ++pos;
  std::uint16_t detail_number = 0;
  const std::size_t d = parse_status_number(text, pos, detail_number);
  if (d == 0) return 0;
  out = enhanced_status{static_cast<std::uint8_t>(k - '0'), subject, detail_number};
  return pos + d;
}
SMTPCODES_GCC_ARRAY_BOUNDS_ON

}  // namespace detail

/**
 * Parses text that is exactly an enhanced status code ("5.7.1", "2.0.0", "4.7.29").
 * Refused: other classes ("3.0.0"), leading zeros ("5.01.1"), more than three digits, missing
 * parts, anything before or after.
 */
[[nodiscard]] constexpr std::optional<enhanced_status> parse_enhanced_status(
    std::string_view text) noexcept {
  enhanced_status code;
  const std::size_t n = detail::parse_status_prefix(text, code);
  if (n == 0 || n != text.size()) return std::nullopt;
  return code;
}

/**
 * Finds the enhanced status code at the start of a reply line's text (the part after
 * "250 " or "250-"), as RFC 2034 §4 places it. The code must be followed by a space or end the
 * text; "5.7.1blocked" and "5.7.1:" are not codes. Leading spaces are not skipped. Whether the
 * class agrees with the reply code is for the caller to check (`enhanced_status::matches`).
 */
[[nodiscard]] constexpr std::optional<enhanced_status_match> match_enhanced_status(
    std::string_view reply_text) noexcept {
  enhanced_status code;
  const std::size_t n = detail::parse_status_prefix(reply_text, code);
  if (n == 0) return std::nullopt;
  if (n < reply_text.size() && reply_text[n] != ' ') return std::nullopt;
  return enhanced_status_match{code, n};
}

/// Text form of a code, in a fixed buffer (no allocation): "5.7.1".
struct enhanced_status_text {
  char data[12] = {};
  std::size_t size = 0;
  [[nodiscard]] constexpr std::string_view view() const noexcept {
    return std::string_view(data, size);
  }
};

/// Formats a well-formed code as "class.subject.detail".
[[nodiscard]] constexpr enhanced_status_text to_text(const enhanced_status& code) noexcept {
  enhanced_status_text out;
  auto put_number = [&out](unsigned value) {
    char digits[3] = {};
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10U);
      value /= 10U;
    } while (value != 0 && n < 3);
    while (n > 0) out.data[out.size++] = digits[--n];
  };
  put_number(code.klass);
  out.data[out.size++] = '.';
  put_number(code.subject);
  out.data[out.size++] = '.';
  put_number(code.detail);
  return out;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_ENHANCED_STATUS_HPP
