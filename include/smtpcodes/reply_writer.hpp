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
#include <limits>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "detail/scan.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "reply_code.hpp"
#include "result.hpp"

namespace smtpcodes {

/// What the reply writer accepts. Strict by default; each limit mirrors `reply_options`, so
/// what the writer writes with the defaults the reply parser reads with its defaults.
struct reply_writer_options {
  /// Longest line written, counting CRLF (RFC 5321 §4.5.3.1.5: 512); 0 for no limit.
  std::size_t max_line_length = reply_line_limit;
  /// Most lines in one reply; 0 for no limit. RFC 5321 sets none; the default is the reply
  /// parser's `max_lines`, which a longer reply would exceed.
  std::size_t max_lines = 100;
  /// Accept octets 0x80-0xFF in the text (UTF-8 towards SMTPUTF8 clients, RFC 6531), beyond
  /// RFC 5321 §4.2's textstring (HT, SP, printable US-ASCII). Risk: a client that did not ask
  /// for SMTPUTF8 may refuse the reply or show it garbled. The reply parser reads such text with
  /// its own 8-bit option.
  bool accept_8bit = false;
};

/**
 * Writes a reply with `count` lines of text into `out` (capacity `capacity`): every line but the
 * last as "CODE-", the last as "CODE ", each followed by "ESC " when `enhanced` is given, then
 * the text and CRLF. With no lines, writes "CODE" (plus " ESC") and CRLF. What it writes, the
 * reply parser reads back as exactly this code, this enhanced code (or none) and these texts.
 *
 * An enhanced code goes in `enhanced`, never in the text: without `enhanced`, a text that
 * starts with what the parser takes as an enhanced code (one of the reply's class, followed by
 * SP or the end, RFC 2034 §4) is refused, since the reply would then carry a code the caller
 * did not give, or carry it on some lines only (which the parser refuses).
 *
 * Nothing is written unless the whole reply is valid and fits. `part` is the line's index;
 * `offset` the octet in its text (errors about `code` and `enhanced` are part 0, offset 0).
 * Errors: `bad_argument` (malformed code; enhanced code malformed, on a 3yz reply or of another
 * class; a text starting with an enhanced code when `enhanced` is not given), `line_break_in_text`
 * (CR or LF in a text), `invalid_octet` (other control octets but HT, or 8-bit without
 * `accept_8bit`), `line_too_long` (offset: the first octet past the limit),
 * `too_many_reply_lines` (part: the first line over `max_lines`), `output_too_small` (`size`:
 * the capacity needed).
 */
[[nodiscard]] constexpr write_result write_reply(
    char* out, std::size_t capacity, reply_code code, std::optional<enhanced_status> enhanced,
    const std::string_view* lines, std::size_t count,
    const reply_writer_options& options = {}) noexcept {
  if (!code.is_well_formed()) return {errc::bad_argument, 0, 0, 0};
  if (enhanced && (!enhanced->is_well_formed() || !enhanced->matches(code)))
    return {errc::bad_argument, 0, 0, 0};
  const std::size_t n = count == 0 ? 1 : count;
  if (options.max_lines != no_limit && n > options.max_lines)
    return {errc::too_many_reply_lines, 0, 0, options.max_lines};
  const enhanced_status_text status_text = enhanced ? to_text(*enhanced) : enhanced_status_text{};
  constexpr std::size_t code_digits = 3;
  constexpr std::size_t crlf = 2;
  auto text_of = [&](std::size_t i) { return count == 0 ? std::string_view() : lines[i]; };
  // "250" + separator unless a bare final "250" + "5.7.1" + " " before any text + text + CRLF.
  auto has_separator = [&](std::size_t i) { return !text_of(i).empty() || enhanced || i + 1 < n; };
  auto prefix_length = [&](std::size_t i) {
    return code_digits + (has_separator(i) ? 1 : 0) +
           (enhanced ? status_text.size + (text_of(i).empty() ? 0 : 1) : 0);
  };
  const std::size_t limit = options.max_line_length == no_limit
                                ? std::numeric_limits<std::size_t>::max()
                                : options.max_line_length;
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view text = text_of(i);
    for (std::size_t j = 0; j < text.size(); ++j) {
      const unsigned char c = static_cast<unsigned char>(text[j]);
      if (c == '\r' || c == '\n') return {errc::line_break_in_text, 0, j, i};
      if (c != '\t' && detail::is_special_octet(c, options.accept_8bit))
        return {errc::invalid_octet, 0, j, i};
    }
    if (!enhanced) {  // what the reply parser would read as this line's enhanced code
      const auto found = match_enhanced_status(text);
      if (found && found->code.matches(code)) return {errc::bad_argument, 0, 0, i};
    }
    const std::size_t prefix = prefix_length(i);
    const bool prefix_fits = limit >= crlf + prefix;
    const std::size_t room = prefix_fits ? limit - crlf - prefix : 0;  // text octets that fit
    if (!prefix_fits || text.size() > room) return {errc::line_too_long, 0, room, i};
    const std::size_t line = prefix + text.size() + crlf;
    total = total > std::numeric_limits<std::size_t>::max() - line
                ? std::numeric_limits<std::size_t>::max()
                : total + line;
  }
  if (total > capacity) return {errc::output_too_small, total, 0, 0};
  std::size_t w = 0;
  auto put = [&](std::string_view s) {
    for (const char c : s) out[w++] = c;
  };
  const char digits[code_digits] = {static_cast<char>('0' + code.value() / 100),
                                    static_cast<char>('0' + code.value() / 10 % 10),
                                    static_cast<char>('0' + code.value() % 10)};
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view text = text_of(i);
    put(std::string_view(digits, code_digits));
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
[[nodiscard]] constexpr write_result write_reply(
    char* out, std::size_t capacity, reply_code code, std::optional<enhanced_status> enhanced,
    std::initializer_list<std::string_view> lines,
    const reply_writer_options& options = {}) noexcept {
  return write_reply(out, capacity, code, enhanced, lines.begin(), lines.size(), options);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_WRITER_HPP
