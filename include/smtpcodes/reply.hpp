/**
 * @file reply.hpp
 * @brief SMTP replies: an incremental, zero-allocation parser for single- and multi-line replies
 *        (RFC 5321 §4.2, §4.2.1) with enhanced status codes (RFC 2034, RFC 3463), a view to walk
 *        a complete reply's lines. The writer is in reply_writer.hpp.
 *
 * Includes line.hpp, reply_code.hpp and enhanced_status.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_REPLY_HPP
#define SMTPCODES_REPLY_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "line.hpp"
#include "reply_code.hpp"
#include "result.hpp"

namespace smtpcodes {

namespace detail {
/// Default `reply_options::max_lines`. RFC 5321 sets no bound on the lines of a reply; this one
/// is far above any real EHLO reply (about 20 lines).
inline constexpr std::size_t default_max_reply_lines = 100;
/// Octets of a reply code (RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39).
inline constexpr std::size_t reply_code_length = 3;
}  // namespace detail

/**
 * Limits and leniencies of the reply parser. The defaults are strict.
 */
struct reply_options {
  /// Longest reply line, counting CRLF (RFC 5321 §4.5.3.1.5: 512). `no_limit` (0) means no
  /// limit; 1 and 2 behave like 3.
  std::size_t max_line_length = reply_line_limit;
  /// Most lines in one reply. RFC 5321 sets no bound; a bound keeps a hostile server from
  /// holding the client's buffer forever. `no_limit` (0) means no limit.
  std::size_t max_lines = detail::default_max_reply_lines;
  /// Accepts a bare LF as a line ending, relaxing RFC 5321 §2.3.8 (lines end with CRLF). Risk:
  /// client and server may disagree on line boundaries; only for servers known to send LF. A flag,
  /// not the codec's `line_ending_policy`: this parser returns views into the input, so there is
  /// nothing to normalise into.
  bool accept_bare_lf = false;
  /// Accepts octets 0x80-0xFF in reply text (servers with SMTPUTF8, RFC 6531, may send UTF-8),
  /// relaxing the 7-bit textstring of RFC 5321 §4.2. Risk: 8-bit octets where none belong
  /// usually mean a broken server or a desynchronised stream.
  bool accept_8bit = false;
  /// Accepts a line whose code is followed directly by text ("250OK") as a final line, as some
  /// old servers send, relaxing Reply-line of RFC 5321 §4.2 (SP or "-" after the code). Risk:
  /// "250OK" could also be a truncated continuation line.
  bool accept_missing_separator = false;
  /// Accepts lines of one reply that carry different (or missing) enhanced status codes; the
  /// first code found is kept. Relaxes RFC 2034 §4 (every line carries the same code). Risk:
  /// the reply's enhanced code may not describe every line.
  bool accept_inconsistent_enhanced_status = false;
  /// Accepts a CR not followed by LF as an ordinary octet of reply text, relaxing RFC 5321
  /// §2.3.8 (CR only as part of CRLF). Risk: a peer that splits lines on CR sees a different
  /// line structure. A flag, not the codec's `line_ending_policy`: this parser returns views into
  /// the input, so there is nothing to normalise into.
  bool accept_bare_cr = false;
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
  [[nodiscard]] constexpr reply_code code() const noexcept { return code_; }
  /// The enhanced status code, when the lines carry one whose class matches the code.
  [[nodiscard]] constexpr std::optional<enhanced_status> enhanced() const noexcept {
    return has_enhanced_ ? std::optional<enhanced_status>(enhanced_) : std::nullopt;
  }
  /// The reply's bytes, line endings included.
  [[nodiscard]] constexpr std::string_view raw() const noexcept { return raw_; }
  /// Number of lines (at least 1).
  [[nodiscard]] constexpr std::size_t line_count() const noexcept { return line_count_; }

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
      constexpr std::size_t code_length = detail::reply_code_length;
      if (content.size() > code_length &&
          (content[code_length] == ' ' || content[code_length] == '-')) {
        current_.text = content.substr(code_length + 1);
      } else {
        // A bare "250": empty text that still points into the reply, just after the code.
        current_.text = content.substr(content.size() < code_length ? content.size() : code_length);
      }
    }
    std::string_view rest_{};
    std::size_t length_ = 0;
    reply_line current_{};
  };

  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator(raw_); }
  [[nodiscard]] constexpr iterator end() const noexcept {
    return iterator(raw_.substr(raw_.size()));
  }

  /// A line's text with the enhanced status code and the space after it removed (when the reply
  /// has one), e.g. "Relaying denied" for "550 5.7.1 Relaying denied".
  [[nodiscard]] constexpr std::string_view message(const reply_line& line) const noexcept {
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
 * `consumed` bytes and feed the rest. While a reply is pending, every `feed` must get at least
 * the octets the previous one got (the whole pending buffer, unlike the DATA codec, which takes
 * only new bytes); fewer is `input_shrank` at `input.size()`, and nothing outside `input` is
 * read. Errors (with the offset from the start of the reply) are sticky until `reset()`.
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
    if (n < seen_) return fail(errc::input_shrank, n);
    std::size_t offset = offset_;
    std::size_t resume = scanned_;
    while (true) {
      const detail::line_scan scan =
          detail::scan_line(p + offset, n - offset, resume, line_options_);
      if (scan.status != parse_status::complete) {
        if (scan.status == parse_status::error) return fail(scan.error, offset + scan.end);
        offset_ = offset;
        scanned_ = scan.end;
        seen_ = n;
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

  /// At end of input, with the bytes still unconsumed: `complete` if nothing of a reply is
  /// pending, else `unterminated_line`; fewer bytes than the last `need_more` got: `input_shrank`.
  parse_result finish(std::string_view rest) noexcept {
    if (error_.failed()) return error_;
    if (complete_) start_next();
    if (rest.size() < seen_) return fail(errc::input_shrank, rest.size());
    if (rest.empty()) return parse_result::done(0);
    return fail(errc::unterminated_line, rest.size());
  }

  /// The last complete reply; see `reply_view` for how long its views live.
  [[nodiscard]] constexpr reply_view reply() const noexcept {
    return reply_view(code_, enhanced_, has_enhanced_, raw_, lines_);
  }

  /// Starts over: forgets any partial reply and any error.
  void reset() noexcept {
    start_next();
    error_ = {};
  }

  [[nodiscard]] constexpr const reply_options& options() const noexcept { return options_; }

 private:
  static constexpr line_options line_options_from(const reply_options& o) noexcept {
    line_options l;
    l.max_line_length = o.max_line_length;
    l.accept_bare_lf = o.accept_bare_lf;
    l.accept_bare_cr = o.accept_bare_cr;
    l.accept_8bit = o.accept_8bit;
    return l;
  }

  void start_next() noexcept {
    scanned_ = 0;
    seen_ = 0;
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
    constexpr std::size_t code_length = detail::reply_code_length;
    if (line.size() < code_length) return fail(errc::bad_reply_code, start);
    const unsigned d0 = static_cast<unsigned char>(line[0]) - '0';
    const unsigned d1 = static_cast<unsigned char>(line[1]) - '0';
    const unsigned d2 = static_cast<unsigned char>(line[2]) - '0';
    if (d0 < 2 || d0 > 5 || d1 > 5 || d2 > 9) return fail(errc::bad_reply_code, start);  // §4.2
    const reply_code code(static_cast<std::uint16_t>(d0 * 100 + d1 * 10 + d2));
    if (lines_ > 0 && code != code_) return fail(errc::inconsistent_reply_code, start);
    if (options_.max_lines != no_limit && lines_ == options_.max_lines)
      return fail(errc::too_many_reply_lines, start);
    std::string_view text;
    bool final_line = true;
    if (line.size() > code_length) {
      const char separator = line[code_length];
      if (separator == ' ' || separator == '-') {
        final_line = separator == ' ';
        text = line.substr(code_length + 1);
      } else if (options_.accept_missing_separator) {
        text = line.substr(code_length);
      } else {
        return fail(errc::bad_reply_separator, start + code_length);
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
        return fail(errc::inconsistent_enhanced_status,
                    start + code_length + (line.size() > code_length ? 1 : 0));
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
  std::size_t seen_ = 0;     // octets the last need_more was given: the least the next feed gets
  std::size_t lines_ = 0;
  reply_code code_{};
  enhanced_status enhanced_{};
  bool has_enhanced_ = false;
  bool final_seen_ = false;
  bool complete_ = false;
  std::string_view raw_{};
  parse_result error_{};
};

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_HPP
