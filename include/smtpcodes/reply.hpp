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
#include <cstdint>
#include <cstring>
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

  /**
   * Parses every complete reply in `input` and calls `on_reply(const reply_view&)` for each, in
   * order: the replies, errors and offsets of calling `feed` until it stops returning
   * `complete`, in one call. Pipelined replies (a client reading a socket) go 1.3-2.1x faster
   * this way (README, "Replies"): plain lines are checked from 64-octet masks (inputs of 64
   * octets or more) with the state in registers, and anything else (a partial reply, a
   * leniency, an error) goes through
   * `feed`, so every error and every option means the same.
   *
   * `input` starts where `feed`'s would: at the pending reply. Returns `complete` with
   * `consumed` = the octets of every reply reported (drop them, keep the rest, which is a partial
   * reply), `need_more` when no reply completed, or the error, its offset counted from the start
   * of `input` (the replies before it were reported). `on_reply` must not throw or call this
   * parser; its views live as `reply()`'s would. `reply()` is not the last reply afterwards
   * (the parser has moved on to the partial one): take what you need in `on_reply`.
   */
  template <class OnReply>
  parse_result feed_each(std::string_view input, OnReply&& on_reply) noexcept {
    std::size_t used = 0;
    while (true) {
      // Nothing pending (a reply just completed, or none begun): the block path may start here.
      if (!error_.failed() && (complete_ || seen_ == 0)) {
        used += take_plain_replies(input.data() + used, input.size() - used, on_reply);
      }
      const parse_result r = feed(input.substr(used));
      if (r.failed()) return parse_result::fail(r.error, used + r.offset);
      if (!r.is_complete()) return used == 0 ? parse_result::more() : parse_result::done(used);
      on_reply(reply());
      used += r.consumed;
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

  /// The first k (at most 8) octets of a word loaded from memory, in memory order whatever the
  /// byte order: ones[8 - k .. 16 - k) holds k 0xFF octets and then zeros.
  static std::uint64_t octet_prefix_mask(std::size_t k) noexcept {
    static constexpr unsigned char ones[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    std::uint64_t m;
    std::memcpy(&m, ones + 8 - k, sizeof m);
    return m;
  }
  static std::uint64_t load_word(const char* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }

  /// The enhanced code at the start of the first line's text `t` (`length` octets, then the
  /// CR), as `check_line` takes it: its length, or 0. `room`: t[0..6) may be read.
  SMTPCODES_ALWAYS_INLINE static std::size_t first_line_status(const char* t, std::size_t length,
                                                               bool room,
                                                               enhanced_status& status) noexcept {
    auto digit = [](char c) { return static_cast<unsigned char>(c) - unsigned{'0'} <= 9; };
    if (room && t[1] == '.' && digit(t[2]) && t[3] == '.' && digit(t[4]) &&
        ((t[5] == ' ') | (t[5] == '\r'))) {
      // The common shape, "2.1.5", without the general parse.
      status = enhanced_status{static_cast<std::uint8_t>(t[0] - '0'),
                               static_cast<std::uint16_t>(t[2] - '0'),
                               static_cast<std::uint16_t>(t[4] - '0')};
      return 5;
    }
    const std::size_t k = detail::parse_status_prefix(std::string_view(t, length), status);
    return k != 0 && (k == length || t[k] == ' ') ? k : 0;
  }

  /**
   * The block path of `feed_each`: takes, from the start of [p, p + n), every whole reply whose
   * lines are plain under the strict rules (CR LF endings, no special octet but them, a valid code
   * on the first line, each continuation line repeating the first line's code and enhanced code
   * octet for octet, within the limits), reports each and returns the octets taken. It stops at
   * the first reply it cannot settle (partial, erroneous, or needing a leniency), which `feed`
   * then parses; so this path decides nothing `check_line` would decide otherwise.
   */
  template <class OnReply>
  SMTPCODES_NOINLINE std::size_t take_plain_replies(const char* p, std::size_t n,
                                                    OnReply& on_reply) noexcept {
    constexpr std::size_t width = detail::mask_block_width;
    constexpr std::size_t code_length = detail::reply_code_length;
    if (n < width) return 0;
    const std::size_t max_content = detail::max_line_content(options_.max_line_length, n);
    const std::size_t max_lines = options_.max_lines == no_limit ? n : options_.max_lines;
    detail::special_walk scan(p, n);
    std::size_t line = 0;   // start of the line being checked
    std::size_t taken = 0;  // end of the last reply taken
    while (true) {
      const std::size_t first = line;
      std::size_t end = 0;
      if (!scan.line_end(line, 3, max_content, end)) break;
      // RFC 5321 §4.2: Reply-code = %x32-35 %x30-35 %x30-39, then SP, "-" or the line's end.
      const unsigned d0 = static_cast<unsigned char>(p[line]) - unsigned{'0'};
      const unsigned d1 = static_cast<unsigned char>(p[line + 1]) - unsigned{'0'};
      const unsigned d2 = static_cast<unsigned char>(p[line + 2]) - unsigned{'0'};
      char separator = p[line + code_length];
      bool final_line = separator != '-';
      if ((d0 - 2 > 3) | (d1 > 5) | (d2 > 9) |
          (final_line & (separator != ' ') & (separator != '\r')))
        break;
      const reply_code code(static_cast<std::uint16_t>(d0 * 100 + d1 * 10 + d2));
      // RFC 2034 §4: an enhanced code of the reply's class, then SP or the line's end.
      enhanced_status status{};
      std::size_t status_length = 0;  // octets of the enhanced code; 0: none
      if (end - line > code_length + 1 &&
          static_cast<unsigned char>(p[line + 4]) - unsigned{'0'} == d0) {
        status_length = first_line_status(p + line + 4, end - line - 4, n - line >= 10, status);
      }
      std::size_t lines = 1;
      line = end + 2;
      scan.pass();
      if (!final_line) {
        // A continuation line must repeat the code and these octets: the enhanced code and the
        // SP or CR after it, compared as two masked words (built only for multi-line replies).
        const std::size_t repeat = status_length + 1;
        const std::uint64_t low_mask = octet_prefix_mask(repeat < 8 ? repeat : 8);
        const std::uint64_t high_mask = octet_prefix_mask(repeat > 8 ? repeat - 8 : 0);
        // Loads reach 20 octets from a line's start; closer to the end of the input, `feed`
        // decides.
        const bool room = n - first >= 20;
        const std::uint64_t low = room ? load_word(p + first + 4) & low_mask : 0;
        const std::uint64_t high = room ? load_word(p + first + 12) & high_mask : 0;
        bool plain = true;
        while (!final_line) {
          if (!scan.line_end(line, 3, max_content, end)) {
            plain = false;
            break;
          }
          separator = p[line + code_length];
          final_line = separator != '-';
          bool ok = std::memcmp(p + line, p + first, code_length) == 0 &&
                    !(final_line & (separator != ' ') & (separator != '\r')) &&
                    ++lines <= max_lines;
          if (status_length != 0) {
            ok = ok && n - line >= 20 && (load_word(p + line + 4) & low_mask) == low &&
                 (load_word(p + line + 12) & high_mask) == high;
          } else {
            // A code where the first line had none: `check_line` decides.
            ok = ok && !(end - line > code_length + 1 &&
                         static_cast<unsigned char>(p[line + 4]) - unsigned{'0'} == d0);
          }
          if (!ok) {
            plain = false;
            break;
          }
          line = end + 2;
          scan.pass();
        }
        if (!plain) break;
      }
      on_reply(reply_view(code, status, status_length != 0,
                          std::string_view(p + first, line - first), lines));
      taken = line;
    }
    // No parser state to update: this path starts only with nothing pending, and `feed`, which
    // always runs next, starts its reply afresh from that state too.
    return taken;
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
