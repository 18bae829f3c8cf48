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
#include "limits.hpp"
#include "result.hpp"

namespace smtpcodes {

namespace detail {
/// The smallest line limit: one octet and CRLF. A `max_line_length` of 1 or 2 behaves like this.
inline constexpr std::size_t min_line_limit = 3;

/// The most octets a line may hold before its CR LF under `max_line_length` (1 and 2 act as
/// 3); with no limit, the `n` octets the input holds.
constexpr std::size_t max_line_content(std::size_t max_line_length, std::size_t n) noexcept {
  if (max_line_length == no_limit) return n;
  return (max_line_length < min_line_limit ? min_line_limit : max_line_length) - 2;
}
}  // namespace detail

/**
 * What a line may contain and how it may end. The defaults are strict: CRLF only, printable
 * ASCII plus SP and HT, at most 512 octets counting CRLF.
 */
struct line_options {
  /// Longest line accepted, in octets counting the CRLF (RFC 5321 §4.5.3.1: `command_line_limit`,
  /// `reply_line_limit`, `text_line_limit`). `no_limit` (0) means no limit: the caller's buffer
  /// is then the only bound. Values 1 and 2 behave like 3 (one octet and CRLF).
  std::size_t max_line_length = reply_line_limit;
  /// Accepts a bare LF as a line ending, relaxing RFC 5321 §2.3.8 (lines end with CRLF). Risk:
  /// peers that disagree on where a line ends can be made to see different commands (the root
  /// of SMTP smuggling); Postfix and Sendmail now reject bare LF. Use only towards known-broken
  /// peers. A flag, not the codec's `line_ending_policy`: this parser returns views into the input,
  /// so there is nothing to normalise into.
  bool accept_bare_lf = false;
  /// Accepts a CR not followed by LF as an ordinary octet of the line, relaxing RFC 5321 §2.3.8
  /// (CR only as part of CRLF). Risk: a peer that splits lines on CR sees a different line
  /// structure. A flag, not the codec's `line_ending_policy`: this parser returns views into the
  /// input, so there is nothing to normalise into.
  bool accept_bare_cr = false;
  /// Accepts octets 0x80-0xFF (UTF-8 text, RFC 6531 SMTPUTF8), relaxing the US-ASCII commands
  /// and replies of RFC 5321 §2.4. Risk: a 7-bit peer may mangle them, and 8-bit octets where none
  /// belong usually mean a broken server or a desynchronised stream.
  bool accept_8bit = false;
};

namespace detail {

/// What `scan_line` found.
struct [[nodiscard]] line_scan {
  parse_status status = parse_status::need_more;
  errc error{};            ///< On error.
  std::size_t end = 0;     ///< On complete: length of the line without its ending.
                           ///< On need_more: where to resume. On error: the offset.
  std::size_t ending = 0;  ///< On complete: 2 for CRLF, 1 for an accepted bare LF.
};

/**
 * The line-ending scan shared by every parser: looks for the end of the line that starts at
 * `p` (n octets available), resuming at `from` (an earlier need_more's `end`; past `n` is
 * `input_shrank`). Reads nothing outside [p, p + n), and nothing past the line limit.
 * Pure: no state, no allocation.
 */
[[nodiscard]] inline line_scan scan_line(const char* p, std::size_t n, std::size_t from,
                                         const line_options& options) noexcept {
  // A resume point past the input means the caller fed fewer octets than before: nothing to
  // read there (reading on would run off the end of what we were given).
  if (from > n) return {parse_status::error, errc::input_shrank, n, 0};
  const bool bounded = options.max_line_length != no_limit;
  const std::size_t limit =
      options.max_line_length < min_line_limit ? min_line_limit : options.max_line_length;
  const std::size_t max_content = max_line_content(options.max_line_length, n);
  // The window holds the longest legal line with its CRLF; nothing past it is read.
  const std::size_t window = !bounded || n < limit ? n : limit;
  std::size_t pos = from;
  while (true) {
    pos += find_special(p + pos, window - pos, options.accept_8bit);
    if (pos >= window) break;
    const unsigned char c = static_cast<unsigned char>(p[pos]);
    if (c == '\r') {
      if (pos + 1 >= n) return {parse_status::need_more, errc{}, pos, 0};  // wait for the next
      if (p[pos + 1] == '\n') {
        if (pos > max_content) return {parse_status::error, errc::line_too_long, max_content, 0};
        return {parse_status::complete, errc{}, pos, 2};
      }
      if (!options.accept_bare_cr) return {parse_status::error, errc::bare_cr, pos, 0};
      ++pos;
    } else if (c == '\n') {
      if (!options.accept_bare_lf) return {parse_status::error, errc::bare_lf, pos, 0};
      if (pos > max_content) return {parse_status::error, errc::line_too_long, max_content, 0};
      return {parse_status::complete, errc{}, pos, 1};
    } else if (c == '\t' || (c >= 0x80 && options.accept_8bit)) {
      ++pos;
    } else {
      return {parse_status::error, errc::invalid_octet, pos, 0};
    }
  }
  if (bounded && window == limit) {
    return {parse_status::error, errc::line_too_long, max_content, 0};
  }
  return {parse_status::need_more, errc{}, pos, 0};
}

}  // namespace detail

/**
 * Splits a byte stream into lines without copying.
 *
 * Zero-copy contract: the caller owns the buffer. Each `feed(input)` gets the bytes not yet
 * consumed, starting at the start of the current line; on `need_more`, keep them and feed them
 * again with more appended (the reader remembers how far it has looked, so a growing buffer is
 * never rescanned); on `complete`, `line()` is the line without its ending and the caller drops
 * `consumed` bytes. Feeding fewer octets than a `need_more` was given (the pending bytes must be
 * fed whole each time, unlike the DATA codec, which takes only new bytes) is `input_shrank`.
 * Errors are sticky until `reset()`.
 */
class line_reader {
 public:
  constexpr line_reader() noexcept = default;
  constexpr explicit line_reader(const line_options& options) noexcept : options_(options) {}

  /**
   * Looks for the end of the current line in `input`. Never examines more than the limit allows,
   * so an endless line fails with `line_too_long` at the first octet past the limit.
   * Errors: `bare_lf`, `bare_cr`, `invalid_octet`, `line_too_long`, each with its offset;
   * `input_shrank` (offset: `input.size()`) when `input` is shorter than what an earlier
   * `need_more` was given. Nothing outside `input` is read.
   */
  parse_result feed(std::string_view input) noexcept {
    if (error_.failed()) return error_;
    line_ = {};
    ending_length_ = 0;
    if (input.size() < seen_) return fail(errc::input_shrank, input.size());
    const detail::line_scan scan =
        detail::scan_line(input.data(), input.size(), scanned_, options_);
    if (scan.status == parse_status::error) return fail(scan.error, scan.end);
    if (scan.status == parse_status::need_more) {
      scanned_ = scan.end;
      seen_ = input.size();
      return parse_result::more();
    }
    line_ = input.substr(0, scan.end);
    ending_length_ = scan.ending;
    scanned_ = 0;
    seen_ = 0;
    return parse_result::done(scan.end + scan.ending);
  }

  /**
   * Frames every complete line in `input` and calls `on_line(std::string_view line)` for each,
   * without its ending, in order: the lines, errors and offsets of calling `feed` until it stops
   * returning `complete`, in one call. A server reading pipelined commands frames them faster
   * this way (README, "Commands"): lines of printable ASCII ending in CR LF are found from
   * 64-octet masks of special octets (inputs of 64 octets or more), one count of trailing zeros
   * per line; a line with anything else special in it (HT, 8-bit, a bare CR or LF, a line too
   * long) goes through `feed`, so every error and every option means the same.
   *
   * `input` starts where `feed`'s would: at the pending line. Returns `complete` with `consumed`
   * = the octets of every line reported (drop them, keep the rest, a partial line),
   * `need_more` when no line completed, or the error, its offset counted from the start of
   * `input` (the lines before it were reported). `on_line` must not throw or call this reader;
   * its views point into `input`. `line()` is not the last line afterwards: take what you need
   * in `on_line`.
   */
  template <class OnLine>
  parse_result feed_each(std::string_view input, OnLine&& on_line) noexcept {
    std::size_t used = 0;
    while (true) {
      // No partial line pending: the block path may start here.
      if (!error_.failed() && seen_ == 0) {
        used += take_plain_lines(input.data() + used, input.size() - used, on_line);
      }
      const parse_result r = feed(input.substr(used));
      if (r.failed()) return parse_result::fail(r.error, used + r.offset);
      if (!r.is_complete()) return used == 0 ? parse_result::more() : parse_result::done(used);
      on_line(line_);
      used += r.consumed;
    }
  }

  /**
   * Call at end of input with the bytes still unconsumed: none means a clean end (`complete`,
   * consumed 0); any means the stream stopped inside a line (`unterminated_line` at their end).
   * Fewer bytes than the last `need_more` was given is `input_shrank`, as for `feed`.
   */
  parse_result finish(std::string_view rest) noexcept {
    if (error_.failed()) return error_;
    if (rest.size() < seen_) return fail(errc::input_shrank, rest.size());
    if (rest.empty()) return parse_result::done(0);
    return fail(errc::unterminated_line, rest.size());
  }

  /// The line the last `feed` completed, without its ending; empty when the last `feed` did not
  /// return `complete`. Points into the input given to that `feed`; valid until the caller
  /// changes or moves those bytes.
  [[nodiscard]] constexpr std::string_view line() const noexcept { return line_; }

  /// Octets of the last line's ending: 2 for CRLF, 1 for a bare LF accepted by option.
  [[nodiscard]] constexpr std::size_t ending_length() const noexcept { return ending_length_; }

  /// Forgets any partial line and any error.
  constexpr void reset() noexcept {
    scanned_ = 0;
    seen_ = 0;
    line_ = {};
    ending_length_ = 0;
    error_ = {};
  }

  [[nodiscard]] constexpr const line_options& options() const noexcept { return options_; }

 private:
  parse_result fail(errc e, std::size_t offset) noexcept {
    line_ = {};
    ending_length_ = 0;
    error_ = parse_result::fail(e, offset);
    return error_;
  }

  /**
   * The block path of `feed_each`: reports, from the start of [p, p + n), every line that ends
   * in CR LF with no other special octet and within the limit, and returns the octets taken. It
   * stops at the first line it cannot settle, which `feed` then frames; so it decides nothing
   * `scan_line` would decide otherwise. It writes no state: it runs only with nothing pending,
   * and leaves nothing pending.
   */
  template <class OnLine>
  SMTPCODES_NOINLINE std::size_t take_plain_lines(const char* p, std::size_t n,
                                                  OnLine& on_line) noexcept {
    if (n < detail::mask_block_width) return 0;
    const std::size_t max_content = detail::max_line_content(options_.max_line_length, n);
    detail::special_walk scan(p, n);
    std::size_t line = 0;
    std::size_t end = 0;
    while (scan.line_end(line, 0, max_content, end)) {
      on_line(std::string_view(p + line, end - line));
      line = end + 2;
      scan.pass();
    }
    return line;
  }

  line_options options_{};
  std::size_t scanned_ = 0;  // where to resume scanning the current line
  std::size_t seen_ = 0;     // octets the last need_more was given: the least the next feed gets
  std::string_view line_{};
  std::size_t ending_length_ = 0;
  parse_result error_{};
};

}  // namespace smtpcodes

#endif  // SMTPCODES_LINE_HPP
