/**
 * @file reply.hpp
 * @brief SMTP replies: an incremental, zero-allocation parser for single- and multi-line replies
 *        (RFC 5321 §4.2, §4.2.1) with enhanced status codes (RFC 2034, RFC 3463), a view to walk
 *        a complete reply's lines, and a writer that frames replies into a caller buffer.
 *
 * Includes line.hpp, reply_code.hpp and enhanced_status.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_REPLY_HPP
#define SMTPCODES_REPLY_HPP

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "line.hpp"
#include "reply_code.hpp"
#include "result.hpp"

namespace smtpcodes {

/**
 * Limits and leniencies of the reply parser. The defaults are strict.
 */
struct reply_options {
  /// Longest reply line, counting CRLF (RFC 5321 §4.5.3.1.5: 512).
  std::size_t max_line_length = reply_line_limit;
  /// Most lines in one reply. RFC 5321 sets no bound; a bound keeps a hostile server from
  /// holding the client's buffer forever. 100 is far above any real EHLO reply.
  std::size_t max_lines = 100;
  /// Accept a bare LF as a line ending. Risk: client and server may disagree on line
  /// boundaries; only for servers known to send LF.
  bool accept_bare_lf = false;
  /// Accept octets 0x80-0xFF in reply text (servers with SMTPUTF8, RFC 6531, may send UTF-8).
  bool allow_8bit = false;
  /// Accept a line whose code is followed directly by text ("250OK") as a final line, as some
  /// old servers send. Risk: "250OK" could also be a truncated continuation line.
  bool accept_missing_separator = false;
  /// Accept lines of one reply that carry different (or missing) enhanced status codes; the
  /// first code found is kept. Risk: the reply's enhanced code may not describe every line.
  bool accept_inconsistent_enhanced_status = false;
};

/// One line of a reply: the text after the code and separator, and whether it ends the reply.
struct reply_line {
  std::string_view text;  ///< After "250-" or "250 "; empty for a bare "250".
  bool is_final = false;
};

/**
 * A complete reply, as views into the caller's buffer: valid until the caller changes or moves
 * those bytes. `raw` is the whole reply including line endings.
 */
class reply_view {
 public:
  constexpr reply_view() noexcept = default;
  /// `enhanced` is meaningful only when `has_enhanced`.
  constexpr reply_view(reply_code code, enhanced_status enhanced, bool has_enhanced,
                       std::string_view raw, std::size_t line_count) noexcept
      : code_(code),
        enhanced_(enhanced),
        has_enhanced_(has_enhanced),
        raw_(raw),
        line_count_(line_count) {}

  /// The reply code every line carries.
  constexpr reply_code code() const noexcept { return code_; }
  /// The enhanced status code, when the lines carry one whose class matches the code.
  constexpr std::optional<enhanced_status> enhanced() const noexcept {
    return has_enhanced_ ? std::optional<enhanced_status>(enhanced_) : std::nullopt;
  }
  /// The reply's bytes, line endings included.
  constexpr std::string_view raw() const noexcept { return raw_; }
  /// Number of lines (at least 1).
  constexpr std::size_t line_count() const noexcept { return line_count_; }

  /// Walks the lines in order; each step finds the next line end.
  class iterator {
   public:
    constexpr iterator() noexcept = default;
    constexpr explicit iterator(std::string_view rest) noexcept : rest_(rest) { load(); }
    constexpr const reply_line& operator*() const noexcept { return current_; }
    constexpr const reply_line* operator->() const noexcept { return &current_; }
    constexpr iterator& operator++() noexcept {
      rest_.remove_prefix(length_);
      load();
      return *this;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.rest_.size() == b.rest_.size();
    }
    friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    constexpr void load() noexcept {
      if (rest_.empty()) return;
      std::size_t end = rest_.find('\n');
      length_ = end == std::string_view::npos ? rest_.size() : end + 1;
      std::string_view content =
          rest_.substr(0, end == std::string_view::npos ? rest_.size() : end);
      if (!content.empty() && content.back() == '\r') content.remove_suffix(1);
      current_.is_final = length_ == rest_.size();
      if (content.size() > 3 && (content[3] == ' ' || content[3] == '-')) {
        current_.text = content.substr(4);
      } else {
        // A bare "250": empty text that still points into the reply, just after the code.
        current_.text = content.substr(content.size() < 3 ? content.size() : 3);
      }
    }
    std::string_view rest_{};
    std::size_t length_ = 0;
    reply_line current_{};
  };

  constexpr iterator begin() const noexcept { return iterator(raw_); }
  constexpr iterator end() const noexcept { return iterator(raw_.substr(raw_.size())); }

  /// A line's text with the enhanced status code and the space after it removed (when the reply
  /// has one), e.g. "Relaying denied" for "550 5.7.1 Relaying denied".
  constexpr std::string_view message(const reply_line& line) const noexcept {
    if (!has_enhanced_) return line.text;
    const auto m = match_enhanced_status(line.text);
    if (!m) return line.text;
    std::string_view rest = line.text.substr(m->length);
    if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    return rest;
  }

 private:
  reply_code code_{};
  enhanced_status enhanced_{};
  bool has_enhanced_ = false;
  std::string_view raw_{};
  std::size_t line_count_ = 0;
};

/**
 * Incremental reply parser.
 *
 * Feed it the bytes from the start of the current reply (keep unconsumed bytes and feed them
 * again with more appended; lines already checked are not checked again). When the final line
 * arrives it returns `complete` with `consumed` = the reply's size; `reply()` then describes
 * it. The next `feed` starts a new reply, so pipelined replies come out one by one: drop
 * `consumed` bytes and feed the rest. Errors (with the offset from the start of the reply) are
 * sticky until `reset()`.
 */
class reply_parser {
 public:
  constexpr reply_parser() noexcept = default;
  constexpr explicit reply_parser(const reply_options& options) noexcept
      : options_(options), line_options_(line_options_from(options)) {}

  parse_result feed(std::string_view input) noexcept {
    if (error_.failed()) return error_;
    if (complete_) start_next();
    const char* const p = input.data();
    const std::size_t n = input.size();
    std::size_t offset = offset_;
    std::size_t resume = scanned_;
    while (true) {
      const line_scan scan = scan_line(p + offset, n - offset, resume, line_options_);
      if (scan.status != parse_status::complete) {
        if (scan.status == parse_status::error) return fail(scan.error, offset + scan.end);
        offset_ = offset;
        scanned_ = scan.end;
        return parse_result::more();
      }
      const parse_result checked = check_line(std::string_view(p + offset, scan.end), offset);
      if (checked.failed()) return checked;
      offset += scan.end + scan.ending;
      resume = 0;
      if (final_seen_) {
        offset_ = offset;
        scanned_ = 0;
        complete_ = true;
        raw_ = std::string_view(p, offset);
        return parse_result::done(offset);
      }
    }
  }

  /// At end of input: `complete` if nothing of a reply is pending, else `unterminated_line`.
  parse_result finish(std::string_view rest) noexcept {
    if (error_.failed()) return error_;
    if (complete_) start_next();
    if (rest.empty()) return parse_result::done(0);
    return fail(errc::unterminated_line, rest.size());
  }

  /// The last complete reply; see `reply_view` for how long its views live.
  constexpr reply_view reply() const noexcept {
    return reply_view(code_, enhanced_, has_enhanced_, raw_, lines_);
  }

  /// Starts over: forgets any partial reply and any error.
  void reset() noexcept {
    start_next();
    error_ = {};
  }

  constexpr const reply_options& options() const noexcept { return options_; }

 private:
  static constexpr line_options line_options_from(const reply_options& o) noexcept {
    line_options l;
    l.max_length = o.max_line_length;
    l.accept_bare_lf = o.accept_bare_lf;
    l.allow_8bit = o.allow_8bit;
    return l;
  }

  void start_next() noexcept {
    scanned_ = 0;
    offset_ = 0;
    lines_ = 0;
    code_ = reply_code();
    enhanced_ = enhanced_status{};
    has_enhanced_ = false;
    final_seen_ = false;
    complete_ = false;
    raw_ = {};
  }

  parse_result fail(errc e, std::size_t offset) noexcept {
    error_ = parse_result::fail(e, offset);
    return error_;
  }

  /// RFC 5321 §4.2: Reply-line = *( Reply-code "-" [ textstring ] CRLF )
  ///                             Reply-code [ SP textstring ] CRLF
  parse_result check_line(std::string_view line, std::size_t start) noexcept {
    // Hot path: plain integers rather than std::optional temporaries.
    if (line.size() < 3) return fail(errc::bad_reply_code, start);
    const unsigned d0 = static_cast<unsigned char>(line[0]) - '0';
    const unsigned d1 = static_cast<unsigned char>(line[1]) - '0';
    const unsigned d2 = static_cast<unsigned char>(line[2]) - '0';
    if (d0 < 2 || d0 > 5 || d1 > 5 || d2 > 9) return fail(errc::bad_reply_code, start);
    const reply_code code(static_cast<std::uint16_t>(d0 * 100 + d1 * 10 + d2));
    if (lines_ > 0 && code != code_) return fail(errc::inconsistent_reply_code, start);
    if (lines_ == options_.max_lines) return fail(errc::too_many_reply_lines, start);
    std::string_view text;
    bool final_line = true;
    if (line.size() > 3) {
      if (line[3] == ' ' || line[3] == '-') {
        final_line = line[3] == ' ';
        text = std::string_view(line.data() + 4, line.size() - 4);
      } else if (options_.accept_missing_separator) {
        text = std::string_view(line.data() + 3, line.size() - 3);
      } else {
        return fail(errc::bad_reply_separator, start + 3);
      }
    }
    // RFC 2034 §4 / RFC 3463 §2: take an enhanced code only when its class matches the reply's.
    enhanced_status status{};
    bool has_status = false;
    if (!text.empty() && static_cast<unsigned>(text[0] - '0') == d0) {
      const std::size_t n = detail::parse_status_prefix(text, status);
      has_status = n != 0 && (n == text.size() || text[n] == ' ');
    }
    if (lines_ == 0) {
      enhanced_ = status;
      has_enhanced_ = has_status;
    } else if (has_status != has_enhanced_ || (has_status && status != enhanced_)) {
      if (!options_.accept_inconsistent_enhanced_status)
        return fail(errc::inconsistent_enhanced_status, start + (line.size() > 3 ? 4 : 3));
      if (!has_enhanced_ && has_status) {
        enhanced_ = status;
        has_enhanced_ = true;
      }
    }
    code_ = code;
    ++lines_;
    final_seen_ = final_line;
    return parse_result::more();
  }

  reply_options options_{};
  line_options line_options_{line_options_from(reply_options{})};
  std::size_t offset_ = 0;   // bytes of complete lines of the current reply
  std::size_t scanned_ = 0;  // where to resume scanning the current partial line
  std::size_t lines_ = 0;
  reply_code code_{};
  enhanced_status enhanced_{};
  bool has_enhanced_ = false;
  bool final_seen_ = false;
  bool complete_ = false;
  std::string_view raw_{};
  parse_result error_{};
};

// ---------------------------------------------------------------------------------------------
// Writer

/// What the reply writer accepts. Strict by default.
struct reply_writer_options {
  /// Longest line written, counting CRLF (RFC 5321 §4.5.3.1.5).
  std::size_t max_line_length = reply_line_limit;
  /// Allow octets 0x80-0xFF in the text (only towards SMTPUTF8 clients, RFC 6531).
  bool allow_8bit = false;
};

/// Result of a write: on success `size` octets were written; on `output_too_small`, `size` is
/// the capacity needed; on other errors, `line` and `offset` locate the bad text.
struct write_result {
  errc error{};
  std::size_t size = 0;
  std::size_t line = 0;
  std::size_t offset = 0;
  constexpr bool ok() const noexcept { return error == errc{}; }
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
      if (c == '\r' || c == '\n') return {errc::line_break_in_text, 0, i, j};
      if (c != '\t' && detail::is_special_octet(c, options.allow_8bit))
        return {errc::invalid_octet, 0, i, j};
    }
    if (line_length(i) > options.max_line_length) return {errc::line_too_long, 0, i, 0};
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

#endif  // SMTPCODES_REPLY_HPP
