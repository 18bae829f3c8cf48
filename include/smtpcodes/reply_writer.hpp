/**
 * @file reply_writer.hpp
 * @brief The server side of replies: frames a reply (RFC 5321 §4.2, §4.2.1; enhanced codes per
 *        RFC 2034) into a caller buffer, refusing anything the reply parser would refuse.
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_REPLY_WRITER_HPP
#define SMTPCODES_REPLY_WRITER_HPP

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "detail/scan.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "line.hpp"
#include "reply_code.hpp"
#include "result.hpp"

namespace smtpcodes {

/// What the reply writer accepts. Strict by default.
struct reply_writer_options {
  /// Longest line written, counting CRLF (RFC 5321 §4.5.3.1.5).
  std::size_t max_line_length = reply_line_limit;
  /// Allow octets 0x80-0xFF in the text (only towards SMTPUTF8 clients, RFC 6531).
  bool allow_8bit = false;
};

/**
 * Writes a reply with `count` lines of text into `out` (capacity `capacity`): every line but the
 * last as "CODE-", the last as "CODE ", each followed by "ESC " when `enhanced` is given, then
 * the text and CRLF. With no lines, writes "CODE" (plus " ESC") and CRLF. Nothing is written
 * unless the whole reply is valid and fits.
 * Errors: `bad_argument` (malformed code; enhanced code on a 3yz reply or with another class),
 * `line_break_in_text` (CR or LF in a text), `invalid_octet` (other control octets, or 8-bit
 * when not allowed), `line_too_long`, `output_too_small`.
 */
constexpr write_result write_reply(char* out, std::size_t capacity, reply_code code,
                                   std::optional<enhanced_status> enhanced,
                                   const std::string_view* lines, std::size_t count,
                                   const reply_writer_options& options = {}) noexcept {
  if (!code.is_well_formed()) return {errc::bad_argument, 0, 0, 0};
  if (enhanced && (!enhanced->is_well_formed() || !enhanced->matches(code)))
    return {errc::bad_argument, 0, 0, 0};
  const enhanced_status_text status_text = enhanced ? to_text(*enhanced) : enhanced_status_text{};
  const std::size_t n = count == 0 ? 1 : count;
  auto text_of = [&](std::size_t i) { return count == 0 ? std::string_view() : lines[i]; };
  // "250" + separator unless a bare final "250" + "5.7.1" + " " before any text + text + CRLF.
  auto has_separator = [&](std::size_t i) { return !text_of(i).empty() || enhanced || i + 1 < n; };
  auto line_length = [&](std::size_t i) {
    const std::size_t text = text_of(i).size();
    return 3 + (has_separator(i) ? 1 : 0) +
           (enhanced ? status_text.size + (text != 0 ? 1 : 0) : 0) + text + 2;
  };
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view text = text_of(i);
    for (std::size_t j = 0; j < text.size(); ++j) {
      const unsigned char c = static_cast<unsigned char>(text[j]);
      if (c == '\r' || c == '\n') return {errc::line_break_in_text, 0, j, i};
      if (c != '\t' && detail::is_special_octet(c, options.allow_8bit))
        return {errc::invalid_octet, 0, j, i};
    }
    if (line_length(i) > options.max_line_length) return {errc::line_too_long, 0, 0, i};
    total += line_length(i);
  }
  if (total > capacity) return {errc::output_too_small, total, 0, 0};
  std::size_t w = 0;
  auto put = [&](std::string_view s) {
    for (const char c : s) out[w++] = c;
  };
  const char digits[3] = {static_cast<char>('0' + code.value() / 100),
                          static_cast<char>('0' + code.value() / 10 % 10),
                          static_cast<char>('0' + code.value() % 10)};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view text = text_of(i);
    put(std::string_view(digits, 3));
    if (has_separator(i)) out[w++] = i + 1 == n ? ' ' : '-';
    if (enhanced) {
      put(status_text.view());
      if (!text.empty()) out[w++] = ' ';
    }
    put(text);
    put("\r\n");
  }
  return {errc{}, w, 0, 0};
}

/// `write_reply` for a list of lines: `write_reply(buf, sizeof buf, code, status, {"a", "b"})`.
constexpr write_result write_reply(char* out, std::size_t capacity, reply_code code,
                                   std::optional<enhanced_status> enhanced,
                                   std::initializer_list<std::string_view> lines,
                                   const reply_writer_options& options = {}) noexcept {
  return write_reply(out, capacity, code, enhanced, lines.begin(), lines.size(), options);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_WRITER_HPP
