/**
 * @file line.hpp
 * @brief Incremental, zero-copy CRLF line framing with length limits and a strict line-ending
 *        policy (RFC 5321 §2.3.8, §4.5.3.1).
 *
 * Includes result.hpp and detail/scan.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_LINE_HPP
#define SMTPCODES_LINE_HPP

#include <cstddef>
#include <string_view>

#include "config.hpp"
#include "detail/scan.hpp"
#include "error.hpp"
#include "result.hpp"

namespace smtpcodes {

/// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets, counting CRLF.
inline constexpr std::size_t command_line_limit = 512;
/// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, counting CRLF.
inline constexpr std::size_t reply_line_limit = 512;
/// RFC 5321 §4.5.3.1.6: a text line (message data) is at most 1000 octets, counting CRLF.
inline constexpr std::size_t text_line_limit = 1000;

/**
 * What a line may contain and how it may end. The defaults are strict: CRLF only, printable
 * ASCII plus SP and HT, at most 512 octets counting CRLF.
 */
struct line_options {
  /// Longest line accepted, in octets counting the CRLF. Values below 3 behave like 3.
  std::size_t max_length = reply_line_limit;
  /// Accept a bare LF as a line ending. Risk: peers that disagree on where a line ends can be
  /// made to see different commands (the root of SMTP smuggling); Postfix and Sendmail now
  /// reject bare LF. Use only towards known-broken peers.
  bool accept_bare_lf = false;
  /// Accept a CR that is not followed by LF as an ordinary octet of the line. Risk: a peer that
  /// splits lines on CR sees a different line structure.
  bool accept_bare_cr = false;
  /// Accept octets 0x80-0xFF (UTF-8 text, RFC 6531 SMTPUTF8). Off by default: RFC 5321 text is
  /// 7-bit, and 8-bit octets in replies usually mean a broken server or a desynchronised
  /// stream.
  bool allow_8bit = false;
};

/**
 * Splits a byte stream into lines without copying.
 *
 * Zero-copy contract: the caller owns the buffer. Each `feed(input)` gets the bytes not yet
 * consumed, starting at the start of the current line; on `need_more`, keep them and feed them
 * again with more appended (the reader remembers how far it has looked, so a growing buffer is
 * never rescanned); on `complete`, `line()` is the line without its ending and the caller drops
 * `consumed` bytes. Errors are sticky until `reset()`.
 */
class line_reader {
 public:
  constexpr line_reader() noexcept = default;
  constexpr explicit line_reader(const line_options& options) noexcept : options_(options) {}

  /**
   * Looks for the end of the current line in `input`. Never examines more than the limit allows,
   * so an endless line fails with `line_too_long` at the first octet past the limit.
   * Errors: `bare_lf`, `bare_cr`, `invalid_octet`, `line_too_long`, each with its offset.
   */
  parse_result feed(std::string_view input) noexcept {
    if (error_.failed()) return error_;
    const char* p = input.data();
    const std::size_t n = input.size();
    const std::size_t limit = options_.max_length < 3 ? 3 : options_.max_length;
    const std::size_t max_content = limit - 2;
    // The window holds the longest legal line with its CRLF; nothing past it is read.
    const std::size_t window = n < limit ? n : limit;
    std::size_t pos = scanned_;
    while (true) {
      pos += detail::find_special(p + pos, window - pos, options_.allow_8bit);
      if (pos >= window) break;
      const unsigned char c = static_cast<unsigned char>(p[pos]);
      if (c == '\r') {
        if (pos + 1 >= n) {
          scanned_ = pos;  // wait for the octet after CR
          return parse_result::more();
        }
        if (p[pos + 1] == '\n') return end_line(input, pos, 2, max_content);
        if (!options_.accept_bare_cr) return fail(errc::bare_cr, pos);
        ++pos;
      } else if (c == '\n') {
        if (!options_.accept_bare_lf) return fail(errc::bare_lf, pos);
        return end_line(input, pos, 1, max_content);
      } else if (c == '\t' || (c >= 0x80 && options_.allow_8bit)) {
        ++pos;
      } else {
        return fail(errc::invalid_octet, pos);
      }
    }
    if (window == limit) return fail(errc::line_too_long, max_content);
    scanned_ = pos;
    return parse_result::more();
  }

  /**
   * Call at end of input with the bytes still unconsumed: none means a clean end (`complete`,
   * consumed 0); any means the stream stopped inside a line (`unterminated_line` at their end).
   */
  parse_result finish(std::string_view rest) noexcept {
    if (error_.failed()) return error_;
    if (rest.empty()) return parse_result::done(0);
    return fail(errc::unterminated_line, rest.size());
  }

  /// The last complete line without its ending. Points into the input given to `feed`; valid
  /// until the caller changes or moves those bytes.
  constexpr std::string_view line() const noexcept { return line_; }

  /// Octets of the last line's ending: 2 for CRLF, 1 for a bare LF accepted by option.
  constexpr std::size_t ending_length() const noexcept { return ending_length_; }

  /// Forgets any partial line and any error.
  constexpr void reset() noexcept {
    scanned_ = 0;
    line_ = {};
    ending_length_ = 0;
    error_ = {};
  }

  constexpr const line_options& options() const noexcept { return options_; }

 private:
  parse_result end_line(std::string_view input, std::size_t end, std::size_t ending,
                        std::size_t max_content) noexcept {
    if (end > max_content) return fail(errc::line_too_long, max_content);
    line_ = input.substr(0, end);
    ending_length_ = ending;
    scanned_ = 0;
    return parse_result::done(end + ending);
  }

  parse_result fail(errc e, std::size_t offset) noexcept {
    error_ = parse_result::fail(e, offset);
    return error_;
  }

  line_options options_{};
  std::size_t scanned_ = 0;
  std::string_view line_{};
  std::size_t ending_length_ = 0;
  parse_result error_{};
};

}  // namespace smtpcodes

#endif  // SMTPCODES_LINE_HPP
