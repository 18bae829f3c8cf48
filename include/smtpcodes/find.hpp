/**
 * @file find.hpp
 * @brief Finds an SMTP reply in free text a person pasted: a bare code ("550", "5.1.1"), a reply
 *        line, a multi-line reply (LF or CRLF), a DSN field (RFC 3464), an MTA log line or a
 *        bounce body (Postfix, Exim, Sendmail, Exchange / Microsoft 365, Gmail). `find_reply`
 *        gives the basic code, the enhanced code (RFC 3463), the command the reply answered when
 *        the text says so, and the server's text, as views into the text.
 *
 * Includes reply_code.hpp, enhanced_status.hpp, error.hpp, limits.hpp and detail/ascii.hpp, not
 * the text tables. Everything here is constexpr, never allocates and never throws.
 *
 * Rules (the order in which a reply is looked for):
 *  1. After a marker, matched without regard to case: "said:", "refused to talk to me:",
 *     "returned '", "error from remote mail server after <command>...:", "reason:",
 *     "Diagnostic-Code: <type>;", "smtp;", "Status:", "#" (Exchange), "stat=" (also after one
 *     word and ": ", as in "stat=Deferred: 451 ..."), "dsn=", "The response from the remote
 *     server was:", "The response was:", "The error that the other server returned was:",
 *     "Reported error:". Spaces and line breaks after the marker are skipped. A marker followed
 *     by a basic code wins over everything else (the first in the text); a marker followed by an
 *     enhanced code alone ranks last but one.
 *  2. Without a marker, a basic code counts only when it stands alone: three digits of RFC 5321
 *     §4.2's grammar (2-5, 0-5, 0-9), not preceded by a letter, digit, '.', '-', ':', '/', '=' or
 *     an 8-bit octet, and followed by SP, '-' or the line end (so IP addresses, dates, times,
 *     ports, longer numbers and codes inside words are not codes). In order of preference: a
 *     code at the start of a line (after spaces, '>' or '<' quoting and an "S: " prefix); a code
 *     anywhere followed by an enhanced code of the same class ("... 550 5.1.1 ..."); a code
 *     after ": ". A bare code followed by a unit ("552 bytes", "421 seconds", "250 messages")
 *     is a quantity, not a code. An enhanced code alone counts at the start of a line.
 *  3. The enhanced code is the one right after the basic code (RFC 2034 §4). When its class
 *     disagrees with the basic code's first digit (RFC 3463 §2), the basic code wins: `enhanced`
 *     stays empty and the disagreeing code is in `mismatched_enhanced`. When the reply carries
 *     no enhanced code but a separate field does ("Status: 5.1.1", "dsn=5.1.1") with the same
 *     class, `enhanced` is taken from that field (outside `match`).
 *  4. Multi-line replies: a first line "550-..." continues over the lines that start with the
 *     same code (leading spaces skipped) up to one with SP or nothing after the code. The code
 *     and `text` come from the first line (views cannot join lines); `match` spans every line.
 *  5. `text` ends at the line end, before " (in reply to ...)", before the closing quote when
 *     the reply starts after a quote ("returned '550 ...'"; a quote between letters does not
 *     close), before Exchange's "##", before a ')' that closes a '(' opened before the
 *     reply on its line, and without trailing spaces. After "dsn=", the text is Sendmail's
 *     "stat=" value when it follows. A single-line reply with no text takes the next line when
 *     it is indented and holds no code (a bounce that wrapped the reply); `match` then ends
 *     there.
 *  6. The command: the first hint on or after the line holding the reply, else the first
 *     anywhere: "in reply to <command>", "after <command>" (Exim; "end of data" is DATA,
 *     "initial connection" CONNECT), "while sending <command>", "for <command> command",
 *     "refused to talk to me" and "connect to" (CONNECT). Otherwise `answered_command::none`.
 */
#ifndef SMTPCODES_FIND_HPP
#define SMTPCODES_FIND_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/// The command a found reply answered, as the text around it says. `connect` is the greeting
/// (the reply to opening the connection, RFC 5321 §3.1).
enum class answered_command : std::uint8_t {
  none = 0,  ///< The text does not say.
  connect,
  helo,
  ehlo,
  lhlo,
  starttls,
  auth,
  mail,
  rcpt,
  data,  ///< DATA, or the end of the message data (the reply after "." CRLF).
  bdat,
  rset,
  vrfy,
  expn,
  etrn,
  noop,
  quit,
};

/// The upper-case name ("RCPT", "CONNECT"); empty for `none`.
[[nodiscard]] constexpr std::string_view to_string(answered_command c) noexcept {
  switch (c) {
    case answered_command::none:
      return {};
    case answered_command::connect:
      return "CONNECT";
    case answered_command::helo:
      return "HELO";
    case answered_command::ehlo:
      return "EHLO";
    case answered_command::lhlo:
      return "LHLO";
    case answered_command::starttls:
      return "STARTTLS";
    case answered_command::auth:
      return "AUTH";
    case answered_command::mail:
      return "MAIL";
    case answered_command::rcpt:
      return "RCPT";
    case answered_command::data:
      return "DATA";
    case answered_command::bdat:
      return "BDAT";
    case answered_command::rset:
      return "RSET";
    case answered_command::vrfy:
      return "VRFY";
    case answered_command::expn:
      return "EXPN";
    case answered_command::etrn:
      return "ETRN";
    case answered_command::noop:
      return "NOOP";
    case answered_command::quit:
      return "QUIT";
  }
  return {};
}

/**
 * A reply found in free text. Every view lies inside the text given to `find_reply` (an empty
 * view points at the position it would have started) and lives as long as that text.
 */
struct [[nodiscard]] found_reply {
  bool found = false;                       ///< A basic or an enhanced code was found.
  std::optional<reply_code> code;           ///< The basic code, when there is one.
  std::optional<enhanced_status> enhanced;  ///< The enhanced code, when its class agrees.
  std::optional<enhanced_status> mismatched_enhanced;  ///< An enhanced code of another class.
  answered_command command = answered_command::none;   ///< What the reply answered (rule 6).
  std::string_view text;       ///< The server's text on the reply's first line (rule 5).
  std::string_view match;      ///< The reply: from its first code to the end of its last line.
  std::string_view marker;     ///< The marker it followed ("said:"), empty when found bare.
  std::size_t line_count = 0;  ///< Reply lines (each with the code) in `match`; 0 if none.
  errc error = errc::bad_reply_code;  ///< `errc{}` when found, else `bad_reply_code`.
  std::size_t offset = 0;  ///< Octet offset of `match` in the text; the text's size if none.

  [[nodiscard]] constexpr bool ok() const noexcept { return found; }
  [[nodiscard]] constexpr bool failed() const noexcept { return !found; }
};

namespace detail {

// ---- characters ---------------------------------------------------------------------------

constexpr bool find_space(char c) noexcept {
  return c == ' ' || c == '\t';
}
constexpr bool find_break(char c) noexcept {
  return c == '\r' || c == '\n';
}

/// `text` holds `word` at `pos`, without regard to ASCII case (`word` is lower case).
constexpr bool find_at(std::string_view text, std::size_t pos, std::string_view word) noexcept {
  return pos <= text.size() && text.size() - pos >= word.size() &&
         iequals(text.substr(pos, word.size()), word);
}

/// Position of the first CR or LF at or after `pos`, or the text's size.
constexpr std::size_t find_line_end(std::string_view text, std::size_t pos) noexcept {
  while (pos < text.size() && !find_break(text[pos])) ++pos;
  return pos;
}

/// Start of the line holding `pos`.
constexpr std::size_t find_line_start(std::string_view text, std::size_t pos) noexcept {
  while (pos > 0 && !find_break(text[pos - 1])) --pos;
  return pos;
}

/// Start of the next line after the line end at `pos` (CRLF, LF or CR).
constexpr std::size_t find_next_line(std::string_view text, std::size_t pos) noexcept {
  if (pos < text.size() && text[pos] == '\r') ++pos;
  if (pos < text.size() && text[pos] == '\n') ++pos;
  return pos;
}

constexpr std::size_t find_skip_blank(std::string_view text, std::size_t pos) noexcept {
  while (pos < text.size() && (find_space(text[pos]) || find_break(text[pos]))) ++pos;
  return pos;
}

constexpr std::size_t find_skip_spaces(std::string_view text, std::size_t pos) noexcept {
  while (pos < text.size() && find_space(text[pos])) ++pos;
  return pos;
}

/// Rule 2: a bare code may not follow these (numbers, words, addresses, times, key=value).
constexpr bool find_glued_before(char c) noexcept {
  return is_digit(c) || is_alpha(c) || c == '.' || c == '-' || c == ':' || c == '/' || c == '=' ||
         c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

// ---- codes --------------------------------------------------------------------------------

/// A basic code at `pos` followed by SP, '-' or the line end; 0 when there is none.
constexpr std::uint16_t find_basic_at(std::string_view text, std::size_t pos) noexcept {
  if (pos > text.size() || text.size() - pos < 3) return 0;
  const auto code = parse_reply_code(text.substr(pos, 3));
  if (!code) return 0;
  if (pos + 3 < text.size()) {
    const char c = text[pos + 3];
    if (c != ' ' && c != '-' && !find_break(c)) return 0;
  }
  return code->value();
}

/// An enhanced code at `pos` followed by a space, the line end or ",;)'\""; its length or 0.
constexpr std::size_t find_enhanced_at(std::string_view text, std::size_t pos,
                                       enhanced_status& out) noexcept {
  if (pos > text.size()) return 0;
  if (pos > 0 && (is_digit(text[pos - 1]) || text[pos - 1] == '.')) return 0;
  const std::size_t n = parse_status_prefix(text.substr(pos), out);
  if (n == 0) return 0;
  if (pos + n < text.size()) {
    const char c = text[pos + n];
    if (!find_space(c) && !find_break(c) && c != ',' && c != ';' && c != ')' && c != '\'' &&
        c != '"')
      return 0;
  }
  return n;
}

/// Words after a bare number that make it a quantity ("552 bytes"), lower case. Only words that
/// do not start a server's text ("554 Message refused" is a reply).
inline constexpr std::string_view find_units[] = {
    "bytes", "byte", "octets",  "kb",    "mb",   "gb",       "ms",       "seconds", "secs",
    "sec",   "mins", "minutes", "hours", "days", "messages", "attempts", "retries", "percent"};

constexpr bool find_unit_after(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size() || text[pos] != ' ') return false;
  ++pos;
  for (const std::string_view unit : find_units) {
    if (!find_at(text, pos, unit)) continue;
    const std::size_t end = pos + unit.size();
    if (end == text.size() || !is_alpha(text[end])) return true;
  }
  return false;
}

// ---- commands -----------------------------------------------------------------------------

struct find_phrase {
  std::string_view words;  // lower case
  answered_command command;
};

inline constexpr find_phrase find_command_words[] = {
    {"end of data", answered_command::data},
    {"initial connection", answered_command::connect},
    {"initial greeting", answered_command::connect},
    {"greeting", answered_command::connect},
    {"connect", answered_command::connect},
    {"rcpt", answered_command::rcpt},
    {"mail", answered_command::mail},
    {"data", answered_command::data},
    {"bdat", answered_command::bdat},
    {"ehlo", answered_command::ehlo},
    {"helo", answered_command::helo},
    {"lhlo", answered_command::lhlo},
    {"starttls", answered_command::starttls},
    {"auth", answered_command::auth},
    {"rset", answered_command::rset},
    {"vrfy", answered_command::vrfy},
    {"expn", answered_command::expn},
    {"etrn", answered_command::etrn},
    {"noop", answered_command::noop},
    {"quit", answered_command::quit},
};

/// The command named at `pos` (after spaces and an optional "pipelined "), or none.
constexpr answered_command find_command_at(std::string_view text, std::size_t pos) noexcept {
  pos = find_skip_blank(text, pos);
  if (find_at(text, pos, "pipelined ")) pos = find_skip_blank(text, pos + 10);
  for (const find_phrase& p : find_command_words) {
    if (!find_at(text, pos, p.words)) continue;
    const std::size_t end = pos + p.words.size();
    if (end == text.size() || !(is_alpha(text[end]) || is_digit(text[end]))) return p.command;
  }
  return answered_command::none;
}

/// Phrases whose next words name the command (`fixed` none), or that name it themselves.
inline constexpr find_phrase find_command_hints[] = {
    {"in reply to ", answered_command::none},
    {"after ", answered_command::none},
    {"while sending ", answered_command::none},
    {"for ", answered_command::none},
    {"refused to talk to me", answered_command::connect},
    {"connect to ", answered_command::connect},
};

/// `find_at` for a phrase a log may have wrapped across lines: each space in `word` matches a
/// run of spaces, tabs and line breaks. The position after the match, or npos.
constexpr std::size_t find_wrapped_at(std::string_view text, std::size_t pos,
                                      std::string_view word) noexcept {
  for (const char w : word) {
    if (w == ' ') {
      if (pos >= text.size() || !(find_space(text[pos]) || find_break(text[pos])))
        return std::string_view::npos;
      pos = find_skip_blank(text, pos);
    } else {
      if (pos >= text.size() || to_lower_ascii(text[pos]) != w) return std::string_view::npos;
      ++pos;
    }
  }
  return pos;
}

/// The command the first hint at or after `from` names.
constexpr answered_command find_command_hint(std::string_view text, std::size_t from) noexcept {
  for (std::size_t i = from; i < text.size(); ++i) {
    if (i > 0 && is_alpha(text[i - 1])) continue;
    for (const find_phrase& h : find_command_hints) {
      const std::size_t at = find_wrapped_at(text, i, h.words);
      if (at == std::string_view::npos) continue;
      if (h.command != answered_command::none) return h.command;
      const answered_command c = find_command_at(text, at);
      if (c == answered_command::none) continue;
      // "for RCPT TO command": only with the word "command" after it, "for" is too common.
      if (h.words == "for ") {
        std::size_t j = at;
        while (j < text.size() && j - at < 40 && !find_break(text[j]) && text[j] != ',') {
          if (find_at(text, j, " command")) return c;
          ++j;
        }
        continue;
      }
      return c;
    }
  }
  return answered_command::none;
}

// ---- markers ------------------------------------------------------------------------------

enum class find_kind : std::uint8_t {
  code,        // the code follows (after spaces and line breaks)
  colon_code,  // a command, then the code after the next ": "
  diagnostic,  // "<type>;" then the code
  hash,        // Exchange "#550 5.1.1 ... ##": the code right after '#'
  stat,        // Sendmail stat=: a code, or one word and ": " then a code
  dsn,         // enhanced code; the text is a following ", stat=" value
  quote,       // the code follows; the text ends before the closing quote
};

struct find_marker {
  std::string_view words;  // lower case
  find_kind kind;
};

inline constexpr find_marker find_markers[] = {
    {"said:", find_kind::code},
    {"refused to talk to me:", find_kind::code},
    {"returned '", find_kind::quote},
    {"error from remote mail server after ", find_kind::colon_code},
    {"error from remote server after ", find_kind::colon_code},
    {"reason:", find_kind::code},
    {"diagnostic-code:", find_kind::diagnostic},
    {"smtp;", find_kind::code},
    {"status:", find_kind::code},
    {"#", find_kind::hash},
    {"stat=", find_kind::stat},
    {"dsn=", find_kind::dsn},
    {"the response from the remote server was:", find_kind::code},
    {"the response was:", find_kind::code},
    {"reported error:", find_kind::code},
    {"the error that the other server returned was:", find_kind::code},
};

// ---- candidates ---------------------------------------------------------------------------

/// Ranks, best first (rule 1 and 2).
enum : unsigned {
  rank_marker_code = 0,
  rank_line_code = 1,
  rank_strong_code = 2,
  rank_colon_code = 3,
  rank_marker_enhanced = 4,
  rank_line_enhanced = 5,
  rank_none = 6,
};

struct find_candidate {
  unsigned rank = rank_none;
  std::uint16_t code = 0;  // 0: none
  enhanced_status enhanced{};
  bool has_enhanced = false;
  bool mismatched = false;
  std::size_t start = 0;  // first code octet
  std::size_t text_start = 0;
  std::size_t text_end = 0;
  std::size_t match_end = 0;
  std::size_t lines = 0;
  std::size_t marker_start = 0;
  std::size_t marker_size = 0;
};

/// Where a line's text ends under rule 5, for text in [from, end) of a line starting at `line`.
constexpr std::size_t find_text_end(std::string_view text, std::size_t line, std::size_t from,
                                    std::size_t end, char quote) noexcept {
  for (std::size_t i = from; i < end; ++i) {
    if (find_at(text, i, "(in reply to ") || find_at(text, i, "##")) {
      end = i;
      break;
    }
  }
  if (quote != 0) {
    // The closing quote: the last one on the line not between two letters ("recipient's").
    for (std::size_t i = end; i > from; --i) {
      if (text[i - 1] != quote) continue;
      if (i - 1 > from && i < text.size() && is_alpha(text[i - 2]) && is_alpha(text[i])) continue;
      end = i - 1;
      break;
    }
  }
  int depth = 0;  // '(' opened before the reply on its line
  for (std::size_t i = line; i < from; ++i) {
    if (text[i] == '(') ++depth;
    if (text[i] == ')' && depth > 0) --depth;
  }
  int balance = 0;  // ')' minus '(' inside the text
  for (std::size_t i = from; i < end; ++i) {
    if (text[i] == '(') --balance;
    if (text[i] == ')') ++balance;
  }
  while (end > from) {
    const char c = text[end - 1];
    if (find_space(c)) {
      --end;
    } else if (c == ')' && depth > 0 && balance > 0) {
      --end;
      --depth;
      --balance;
    } else {
      break;
    }
  }
  return end;
}

/// Reads a reply (a basic code, or with `enhanced_alone` an enhanced code) at `pos`. Costs
/// nothing but a few octets when there is no code there, else the reply's lines.
constexpr find_candidate find_read(std::string_view text, std::size_t pos, find_kind kind,
                                   bool enhanced_alone) noexcept {
  find_candidate c;
  std::size_t p = pos;
  const std::uint16_t code = find_basic_at(text, pos);
  bool continued = false;
  if (code != 0) {
    c.code = code;
    p = pos + 3;
    if (p < text.size() && !find_break(text[p])) {
      continued = text[p] == '-';
      ++p;
      const std::size_t n = find_enhanced_at(text, p, c.enhanced);
      if (n != 0 && (p + n == text.size() || find_space(text[p + n]) || find_break(text[p + n]))) {
        if (c.enhanced.matches(reply_code(code))) {
          c.has_enhanced = true;
        } else {
          c.mismatched = true;
        }
        p += n;
      }
    }
  } else {
    if (!enhanced_alone) return c;
    const std::size_t n = find_enhanced_at(text, pos, c.enhanced);
    if (n == 0) return c;
    c.has_enhanced = true;
    p = pos + n;
  }
  const std::size_t line = find_line_start(text, pos);
  const std::size_t line_end = find_line_end(text, pos);
  // A reply in quotes ("returned '550 ...'", "answered \"550 ...\"") ends at the closing one.
  char quote = kind == find_kind::quote ? '\'' : '\0';
  if (pos > line && (text[pos - 1] == '\'' || text[pos - 1] == '"')) quote = text[pos - 1];
  c.rank = 0;  // found; the caller sets the rank
  c.start = pos;
  c.lines = 1;
  if (kind == find_kind::dsn) {
    // Sendmail: "dsn=5.1.1, stat=User unknown": the text is the stat= value.
    std::size_t q = p;
    if (q < line_end && text[q] == ',') ++q;
    q = find_skip_spaces(text, q);
    if (code == 0 && find_at(text, q, "stat=")) {
      c.text_start = q + 5;
      c.text_end = find_text_end(text, line, c.text_start, line_end, quote);
    } else {
      c.text_start = c.text_end = p;
    }
    c.match_end = c.text_end;
    return c;
  }
  c.text_start = find_skip_spaces(text, p);
  if (c.text_start > line_end) c.text_start = line_end;
  c.text_end = find_text_end(text, line, c.text_start, line_end, quote);
  c.match_end = c.text_end > p ? c.text_end : p;
  // Rule 4: "550-" lines continue up to the line with "550 " or "550" alone.
  std::size_t end = line_end;
  while (continued && end < text.size()) {
    const std::size_t next = find_next_line(text, end);
    const std::size_t at = find_skip_spaces(text, next);
    if (find_basic_at(text, at) != code) break;
    const std::size_t next_end = find_line_end(text, at);
    continued = at + 3 < next_end && text[at + 3] == '-';
    c.match_end = find_text_end(text, next, at + 3, next_end, quote);
    if (c.match_end < at + 3) c.match_end = at + 3;
    ++c.lines;
    end = next_end;
  }
  // A bounce that wraps the reply ("said: 550 5.1.1\n    <bob@example.com>: ..."): with no
  // text on a single line, the text is the next line when it is indented and holds no code.
  if (c.lines == 1 && c.text_start == c.text_end && line_end < text.size()) {
    const std::size_t next = find_next_line(text, line_end);
    const std::size_t at = find_skip_spaces(text, next);
    const std::size_t next_end = find_line_end(text, at);
    enhanced_status ignored;
    if (at > next && at < next_end && find_basic_at(text, at) == 0 &&
        find_enhanced_at(text, at, ignored) == 0) {
      const std::size_t wrapped_end = find_text_end(text, next, at, next_end, quote);
      if (wrapped_end > at) {
        c.text_start = at;
        c.text_end = c.match_end = wrapped_end;
      }
    }
  }
  return c;
}

/// Where the code a marker at `pos` introduces would start; false when the marker has none.
constexpr bool find_marker_target(std::string_view text, std::size_t pos, const find_marker& m,
                                  std::size_t& out) noexcept {
  std::size_t p = pos + m.words.size();
  switch (m.kind) {
    case find_kind::hash:
      if (pos > 0) {
        const char b = text[pos - 1];
        if (!find_space(b) && !find_break(b) && b != '\'' && b != '<' && b != '(') return false;
      }
      break;
    case find_kind::colon_code: {
      // "after RCPT TO:<bob@example.com>: 550": the first ": " (or ':' and a line break)
      // followed by a code, within one reply line's length.
      for (std::size_t i = p; i < text.size() && i - p < reply_line_limit; ++i) {
        if (text[i] != ':') continue;
        const std::size_t at = find_skip_blank(text, i + 1);
        if (at != i + 1 && find_basic_at(text, at) != 0) {
          out = at;
          return true;
        }
      }
      return false;
    }
    case find_kind::diagnostic:
      // "Diagnostic-Code: smtp; 550 ...": skip the type (RFC 3464 §2.3.6), a short atom.
      for (std::size_t i = p; i < text.size() && i - p < 32 && !find_break(text[i]); ++i) {
        if (text[i] == ';') {
          p = i + 1;
          break;
        }
      }
      p = find_skip_blank(text, p);
      break;
    case find_kind::stat:
      // Sendmail: "stat=Deferred: 451 4.3.0 ...": one word and ": " may come first.
      if (find_basic_at(text, p) == 0) {
        std::size_t i = p;
        while (i < text.size() && i - p < 32 && is_alpha(text[i])) ++i;
        if (i != p && find_at(text, i, ": ")) p = find_skip_spaces(text, i + 1);
      }
      break;
    default:
      p = find_skip_blank(text, p);
      break;
  }
  out = p;
  return true;
}

/// Rule 2: a candidate at the start of the line at `line`; with `codes` false, only an
/// enhanced code alone.
constexpr find_candidate find_line_candidate(std::string_view text, std::size_t line,
                                             bool codes) noexcept {
  std::size_t p = line;
  while (p < text.size() && (find_space(text[p]) || text[p] == '>' || text[p] == '<')) ++p;
  if (find_at(text, p, "s: ")) p += 3;
  if (find_basic_at(text, p) != 0 && (!codes || find_unit_after(text, p + 3))) {
    return find_candidate{};
  }
  find_candidate c = find_read(text, p, find_kind::code, true);
  if (c.rank == rank_none) return c;
  c.rank = c.code != 0 ? rank_line_code : rank_line_enhanced;
  return c;
}

/// Rule 2: the rank a bare code in the middle of a line at `pos` would have, rank_none if none.
constexpr unsigned find_inline_rank(std::string_view text, std::size_t pos) noexcept {
  if (pos > 0 && find_glued_before(text[pos - 1])) return rank_none;
  const std::uint16_t code = find_basic_at(text, pos);
  if (code == 0 || find_unit_after(text, pos + 3)) return rank_none;
  if (pos + 3 < text.size() && !find_break(text[pos + 3])) {
    enhanced_status e;
    const std::size_t n = find_enhanced_at(text, pos + 4, e);
    const std::size_t end = pos + 4 + n;
    if (n != 0 && e.matches(reply_code(code)) &&
        (end == text.size() || find_space(text[end]) || find_break(text[end])))
      return rank_strong_code;
  }
  if (pos >= 2 && text[pos - 1] == ' ' && text[pos - 2] == ':') return rank_colon_code;
  return rank_none;
}

}  // namespace detail

/**
 * Finds the reply in `text` (any octets; a log line, a bounce, a DSN, a pasted reply) under the
 * rules in this file's comment. Returns `found == false` (`error == errc::bad_reply_code`,
 * `offset == text.size()`, empty views at the text's end) when there is no code. Linear in the
 * text's size times the number of markers; every view lies inside `text`. To find the next
 * reply, search again after `offset + match.size()`.
 */
[[nodiscard]] constexpr found_reply find_reply(std::string_view text) noexcept {
  using namespace detail;
  find_candidate best;
  find_candidate enhanced_field;  // the best enhanced-only candidate, for rule 3
  auto consider = [&](const find_candidate& c) {
    if (c.rank == rank_none) return;
    if (c.code == 0 && c.has_enhanced && c.rank < enhanced_field.rank) enhanced_field = c;
    if (c.rank < best.rank) best = c;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (best.rank == rank_marker_code && enhanced_field.rank <= rank_marker_enhanced) break;
    // Each kind of candidate is read in full only while it could still improve the result,
    // so the search stays linear in the text's size.
    if (i == 0 || find_break(text[i - 1])) {
      if (best.rank > rank_line_code) {
        consider(find_line_candidate(text, i, true));
      } else if (enhanced_field.rank > rank_line_enhanced) {
        consider(find_line_candidate(text, i, false));
      }
    }
    const char lower = to_lower_ascii(text[i]);
    for (const find_marker& m : find_markers) {
      if (m.words[0] != lower || !find_at(text, i, m.words)) continue;
      if (is_alpha(m.words[0]) && i > 0 && is_alpha(text[i - 1])) continue;
      std::size_t at = 0;
      if (!find_marker_target(text, i, m, at)) continue;
      const bool code_here = find_basic_at(text, at) != 0;
      if (code_here ? best.rank == rank_marker_code : enhanced_field.rank <= rank_marker_enhanced)
        continue;
      find_candidate c = find_read(text, at, m.kind, m.kind != find_kind::stat);
      if (c.rank == rank_none) continue;
      c.rank = c.code != 0 ? rank_marker_code : rank_marker_enhanced;
      c.marker_start = i;
      c.marker_size = m.words.size();
      consider(c);
    }
    if (best.rank > rank_strong_code && is_digit(text[i])) {
      const unsigned rank = find_inline_rank(text, i);
      if (rank < best.rank) {
        find_candidate c = find_read(text, i, find_kind::code, false);
        c.rank = rank;
        consider(c);
      }
    }
  }
  if (best.rank == rank_none) {
    return found_reply{false,
                       std::nullopt,
                       std::nullopt,
                       std::nullopt,
                       answered_command::none,
                       text.substr(text.size()),
                       text.substr(text.size()),
                       text.substr(text.size()),
                       0,
                       errc::bad_reply_code,
                       text.size()};
  }
  bool has_enhanced = best.has_enhanced;
  enhanced_status enhanced = best.enhanced;
  if (best.code != 0 && !best.has_enhanced && !best.mismatched && enhanced_field.has_enhanced &&
      enhanced_field.enhanced.matches(reply_code(best.code))) {
    has_enhanced = true;
    enhanced = enhanced_field.enhanced;
  }
  const std::size_t anchor = best.marker_size != 0 ? best.marker_start : best.start;
  answered_command command = find_command_hint(text, find_line_start(text, anchor));
  if (command == answered_command::none) command = find_command_hint(text, 0);
  return found_reply{
      true,
      best.code != 0 ? std::optional<reply_code>(reply_code(best.code)) : std::nullopt,
      has_enhanced ? std::optional<enhanced_status>(enhanced) : std::nullopt,
      best.mismatched ? std::optional<enhanced_status>(best.enhanced) : std::nullopt,
      command,
      text.substr(best.text_start, best.text_end - best.text_start),
      text.substr(best.start, best.match_end - best.start),
      text.substr(best.marker_size != 0 ? best.marker_start : best.start, best.marker_size),
      best.lines,
      errc{},
      best.start};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_FIND_HPP
