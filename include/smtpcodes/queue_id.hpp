/**
 * @file queue_id.hpp
 * @brief The queue id in the final reply to DATA or BDAT LAST: the receiving server's name for
 *        the message it accepted ("250 2.0.0 Ok: queued as 4Xf3K2DDF9"), found as a view into
 *        the reply, with the MTA format it matched. The formats, their sources and examples are
 *        listed in docs/queue_id.md.
 *
 * Includes reply.hpp (for the `reply_view` overload). Everything here is constexpr, never
 * allocates and never throws.
 *
 * Each format is matched the way its MTA writes it: the marker words in the MTA's own case,
 * and the id checked against the MTA's own alphabet and length, so that an ordinary word is
 * not taken for an id. When nothing specific matches, two common phrasings ("queued as X",
 * "id=X") are tried as `generic`; a generic id must contain a digit. No answer is preferred to
 * a wrong one.
 */
#ifndef SMTPCODES_QUEUE_ID_HPP
#define SMTPCODES_QUEUE_ID_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "reply.hpp"

namespace smtpcodes {

/// The MTA whose reply format a queue id was found in.
enum class queue_id_format : std::uint8_t {
  none,        ///< No queue id found.
  postfix,     ///< "Ok: queued as 4Xf3K2DDF9" (short hex id or long base-52 id).
  exim,        ///< "OK id=1rAbCd-000Xyz-Q1" (6-6-2, or 6-11-4 since Exim 4.97).
  sendmail,    ///< "u9HNIfV5021447 Message accepted for delivery".
  exchange,    ///< "[InternalId=…] Queued mail for delivery" (Exchange, Microsoft 365).
  gmail,       ///< "OK  1653776100 r33-2002…sm1847208oap.43 - gsmtp".
  amazon_ses,  ///< "Ok 0100018c…-…-000000".
  haraka,      ///< "Message Queued (4F1C…-….1)".
  stalwart,    ///< "Message queued for delivery.": recognised, but Stalwart sends no id.
  opensmtpd,   ///< "1a2b3c4d Message accepted for delivery" (8 lower-case hex digits).
  generic,     ///< "queued as X" or "id=X" from a server not recognised above.
};

/// The enumerator's name, e.g. "postfix"; "unknown" for a value outside the enum.
[[nodiscard]] constexpr std::string_view to_string(queue_id_format f) noexcept {
  switch (f) {
    case queue_id_format::none:
      return "none";
    case queue_id_format::postfix:
      return "postfix";
    case queue_id_format::exim:
      return "exim";
    case queue_id_format::sendmail:
      return "sendmail";
    case queue_id_format::exchange:
      return "exchange";
    case queue_id_format::gmail:
      return "gmail";
    case queue_id_format::amazon_ses:
      return "amazon_ses";
    case queue_id_format::haraka:
      return "haraka";
    case queue_id_format::stalwart:
      return "stalwart";
    case queue_id_format::opensmtpd:
      return "opensmtpd";
    case queue_id_format::generic:
      return "generic";
  }
  return "unknown";
}

/**
 * The result of `find_queue_id`. `id` is a view into the text searched (valid as long as that
 * text); it is empty when nothing was found, and also for `stalwart`, whose reply is recognised
 * but carries no id (an empty view that still points inside the text).
 */
struct queue_id_match {
  std::string_view id{};
  queue_id_format format = queue_id_format::none;

  /// True when `id` is not empty.
  [[nodiscard]] constexpr bool has_id() const noexcept { return !id.empty(); }
  /// True when a format was recognised (`stalwart` may be recognised with no id).
  [[nodiscard]] constexpr bool recognised() const noexcept {
    return format != queue_id_format::none;
  }
};

namespace detail {

/// A reply line with its code, separator and enhanced status code skipped.
struct qid_line {
  std::string_view text;  ///< What the MTA wrote after "250 2.0.0 ".
  std::size_t next;       ///< Where the next line starts (input size at the end).
};

constexpr bool qid_is_code(std::string_view s) noexcept {
  return s.size() >= 3 && is_digit(s[0]) && is_digit(s[1]) && is_digit(s[2]) &&
         (s.size() == 3 || s[3] == ' ' || s[3] == '-');
}

/// Length of "d.ddd.ddd" followed by a space or the end (RFC 3463 §2), or 0.
constexpr std::size_t qid_enhanced_length(std::string_view s) noexcept {
  std::size_t i = 0;
  if (s.empty() || !is_digit(s[0])) return 0;
  i = 1;
  for (int part = 0; part < 2; ++part) {
    if (i >= s.size() || s[i] != '.') return 0;
    ++i;
    const std::size_t start = i;
    while (i < s.size() && is_digit(s[i]) && i - start < 3) ++i;
    if (i == start) return 0;
  }
  if (i < s.size() && s[i] != ' ') return 0;
  return i;
}

/// The line starting at `at`: its text after "250 " / "250-" (when the line has a code) and
/// after an enhanced status code and the spaces around it.
constexpr qid_line qid_line_at(std::string_view all, std::size_t at) noexcept {
  std::size_t end = find_char(all, '\n', at);
  const std::size_t next = end == std::string_view::npos ? all.size() : end + 1;
  if (end == std::string_view::npos) end = all.size();
  std::string_view line = all.substr(at, end - at);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (qid_is_code(line)) line.remove_prefix(line.size() == 3 ? 3 : 4);
  const std::size_t e = qid_enhanced_length(line);
  if (e != 0) line.remove_prefix(e);
  while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return {line, next};
}

/// Longest token looked at: every id format here is shorter (generic ids at most 128), so a
/// longer run is no id, and bounding the walk keeps a text of many "id=" linear.
inline constexpr std::size_t qid_max_token = 256;

/// The run of octets from s[i] up to a space, tab or the end, cut at `qid_max_token` + 1.
constexpr std::string_view qid_token(std::string_view s, std::size_t i) noexcept {
  std::size_t j = i;
  while (j < s.size() && s[j] != ' ' && s[j] != '\t' && j - i <= qid_max_token) ++j;
  return s.substr(i, j - i);
}

constexpr bool qid_all(std::string_view s, bool (*pred)(char)) noexcept {
  for (const char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

constexpr bool qid_lower_hex(char c) noexcept {
  return is_digit(c) || (c >= 'a' && c <= 'f');
}

/// Postfix's "safe" alphabet: digits and letters but the vowels AEIOUaeiou, 52 characters
/// (Postfix src/global/mail_queue.h, the long queue id comment).
constexpr bool qid_postfix_safe(char c) noexcept {
  if (is_digit(c)) return true;
  if (!is_alpha(c)) return false;
  switch (to_lower_ascii(c)) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
      return false;
    default:
      return true;
  }
}

/// Postfix src/global/mail_queue.h. Short ids: the microseconds as 5 upper-case hex digits,
/// then the inode number in upper-case hex (6 to 21 digits in all). Long ids
/// (enable_long_queue_ids): seconds (6 or more) and microseconds (exactly 4) in base 52, the
/// separator 'z', then the inode number in base 51 (the alphabet without 'z').
constexpr bool is_postfix_queue_id(std::string_view id) noexcept {
  if (id.size() >= 6 && id.size() <= 21 && qid_all(id, is_hex_upper)) return true;
  if (id.size() < 12 || id.size() > 40 || !qid_all(id, qid_postfix_safe)) return false;
  const std::size_t z = id.rfind('z');
  return z != std::string_view::npos && z >= 10 && z + 1 < id.size();
}

/// Exim's message id (spec.txt "Message identification", exim_id_update(8)): groups of base-62
/// digits (base 36, upper case, on case-insensitive file systems) joined by '-': 6-6-2 (16
/// characters) up to 4.96, 6-11-4 (23 characters) since 4.97.
constexpr bool is_exim_queue_id(std::string_view id) noexcept {
  std::size_t second = 0;
  std::size_t third = 0;
  if (id.size() == 16) {
    second = 6;
    third = 2;
  } else if (id.size() == 23) {
    second = 11;
    third = 4;
  } else {
    return false;
  }
  for (std::size_t i = 0; i < id.size(); ++i) {
    const bool dash = i == 6 || i == 7 + second;
    if (dash ? id[i] != '-' : !is_alnum_ascii(id[i])) return false;
  }
  return id.size() == 6 + 1 + second + 1 + third;
}

/// Sendmail's base-60 alphabet: digits, A-Z, a-x (sendmail/queue.c, QueueIdChars).
constexpr bool qid_sendmail_char(char c) noexcept {
  return is_digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'x');
}

/// Sendmail's queue id (sendmail/queue.c, assign_queueid): year, month, day, hour, minute,
/// second and a sequence, one base-60 character each, then the process id in decimal ("%05d")
/// in 8.11, the source read. Later releases write two sequence characters and "%06d", as in the
/// ids they log ("u9HNIfV5021447"): 7 or 8 base-60 characters, then 5 or more digits.
constexpr bool is_sendmail_queue_id(std::string_view id) noexcept {
  if (id.size() < 12 || id.size() > 20) return false;
  for (std::size_t prefix = 7; prefix <= 8; ++prefix) {
    if (id.size() - prefix < 5) continue;
    if (qid_all(id.substr(0, prefix), qid_sendmail_char) && qid_all(id.substr(prefix), is_digit))
      return true;
  }
  return false;
}

/// OpenSMTPD's message id: the upper 32 bits of the envelope id as "%08x" (usr.sbin/smtpd/
/// smtp_session.c, the reply to IMSG_SMTP_MESSAGE_COMMIT).
constexpr bool is_opensmtpd_queue_id(std::string_view id) noexcept {
  return id.size() == 8 && qid_all(id, qid_lower_hex);
}

/// A run of hex digits of one length, in lower case only or in either case.
constexpr bool qid_hex_run(std::string_view s, std::size_t at, std::size_t n,
                           bool lower_only) noexcept {
  if (at + n > s.size()) return false;
  for (std::size_t i = at; i < at + n; ++i) {
    if (lower_only ? !qid_lower_hex(s[i]) : !is_hex(s[i])) return false;
  }
  return true;
}

/// An RFC 9562 UUID's 8-4-4-4-12 hex groups at s[at]; true when all are there.
constexpr bool qid_uuid_at(std::string_view s, std::size_t at, bool lower_only) noexcept {
  constexpr std::size_t groups[] = {8, 4, 4, 4, 12};
  for (std::size_t g = 0; g < 5; ++g) {
    if (!qid_hex_run(s, at, groups[g], lower_only)) return false;
    at += groups[g];
    if (g < 4) {
      if (at >= s.size() || s[at] != '-') return false;
      ++at;
    }
  }
  return true;
}

/// Amazon SES's message id: 16 lower-case hex digits, a lower-case UUID and a six-digit
/// counter, joined by '-' (61 characters).
constexpr bool is_amazon_ses_queue_id(std::string_view id) noexcept {
  if (id.size() != 16 + 1 + 36 + 1 + 6) return false;
  return qid_hex_run(id, 0, 16, true) && id[16] == '-' && qid_uuid_at(id, 17, true) &&
         id[53] == '-' && qid_all(id.substr(54), is_digit);
}

/// Haraka's transaction uuid: the connection's UUID, '.', and the transaction's number from 1.
constexpr bool is_haraka_queue_id(std::string_view id) noexcept {
  if (id.size() < 38 || id.size() > 36 + 1 + 10 || id[36] != '.') return false;
  return qid_uuid_at(id, 0, false) && qid_all(id.substr(37), is_digit);
}

/// Gmail's trailing token: letters, digits, '-' and '.', ending in '.' and digits, as in
/// "i3si9508927obz.16" or "r33-20020a056870582100b000f169cbbb32sm1847208oap.43".
constexpr bool is_gmail_queue_id(std::string_view id) noexcept {
  if (id.size() < 6 || id.size() > 100) return false;
  for (const char c : id) {
    if (!is_alnum_ascii(c) && c != '-' && c != '.') return false;
  }
  const std::size_t dot = id.rfind('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < id.size() &&
         qid_all(id.substr(dot + 1), is_digit);
}

constexpr bool qid_generic_char(char c) noexcept {
  switch (c) {
    case '-':
    case '.':
    case '_':
    case '@':
    case '+':
    case ':':
    case '/':
    case '=':
      return true;
    default:
      return is_alnum_ascii(c);
  }
}

/// A generic id: 3 to 128 letters, digits and "-._@+:/=", at least one a digit.
constexpr bool is_generic_queue_id(std::string_view id) noexcept {
  if (id.size() < 3 || id.size() > 128 || !qid_all(id, qid_generic_char)) return false;
  for (const char c : id) {
    if (is_digit(c)) return true;
  }
  return false;
}

/// A token as generic patterns take it: without <angle brackets> and trailing ".,;)".
constexpr std::string_view qid_trim_generic(std::string_view t) noexcept {
  while (!t.empty() && (t.back() == '.' || t.back() == ',' || t.back() == ';' || t.back() == ')'))
    t.remove_suffix(1);
  if (t.size() >= 2 && t.front() == '<' && t.back() == '>') t = t.substr(1, t.size() - 2);
  return t;
}

/// ASCII case-insensitive search.
constexpr std::size_t qid_ifind(std::string_view s, std::string_view needle,
                                std::size_t from = 0) noexcept {
  if (needle.size() > s.size()) return std::string_view::npos;
  for (std::size_t i = from; i + needle.size() <= s.size(); ++i) {
    if (iequals(s.substr(i, needle.size()), needle)) return i;
  }
  return std::string_view::npos;
}

constexpr bool qid_starts_with(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && s.substr(0, p.size()) == p;
}

constexpr bool qid_ends_with(std::string_view s, std::string_view p) noexcept {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

/// One line's text tried against one format; an empty match when it does not fit.
constexpr queue_id_match qid_match_line(std::string_view t, queue_id_format f) noexcept {
  using F = queue_id_format;
  switch (f) {
    case F::postfix: {
      // Postfix src/smtpd/smtpd.c (and src/qmqpd/qmqpd.c, which mirrors it): "250 2.0.0 Ok:
      // queued as <queue_id>" after DATA and BDAT LAST.
      constexpr std::string_view marker = "Ok: queued as ";
      if (!qid_starts_with(t, marker)) break;
      const std::string_view id = qid_token(t, marker.size());
      if (is_postfix_queue_id(id)) return {id, f};
      break;
    }
    case F::exim: {
      // Exim src/src/receive.c: "250 OK id=%s" (with CHUNKING, after a "250- N byte chunk"
      // line).
      constexpr std::string_view marker = "OK id=";
      if (!qid_starts_with(t, marker)) break;
      const std::string_view id = qid_token(t, marker.size());
      if (is_exim_queue_id(id)) return {id, f};
      break;
    }
    case F::sendmail:
    case F::opensmtpd: {
      // Sendmail srvrsmtp.c: "250 2.0.0 %s Message accepted for delivery"; OpenSMTPD
      // smtp_session.c: "250 2.0.0 %08x Message accepted for delivery" (older releases put a
      // ':' after the enhanced code, or none).
      constexpr std::string_view marker = " Message accepted for delivery";
      const std::size_t at = t.find(marker);
      if (at == std::string_view::npos || at == 0) break;
      std::size_t start = at;
      while (start > 0 && t[start - 1] != ' ') --start;
      const std::string_view id = t.substr(start, at - start);
      if (f == F::sendmail ? is_sendmail_queue_id(id) : is_opensmtpd_queue_id(id)) return {id, f};
      break;
    }
    case F::exchange: {
      // Exchange / Microsoft 365: "250 2.6.0 <message-id> [InternalId=N, Hostname=H] … Queued
      // mail for delivery". learn.microsoft.com "Use Telnet to test SMTP communication on
      // Exchange servers" shows "250 2.6.0 <GUID> Queued mail for delivery"; the bracketed part
      // is as Exchange 2010+ and Exchange Online send it (seen in relay logs). The InternalId is
      // the transport's id for the queued item; without one (Exchange 2007, Outlook.com), the
      // Message-ID in <> is the only id given.
      const std::size_t q = t.find("Queued mail for delivery");
      if (q == std::string_view::npos) break;
      const std::string_view before = t.substr(0, q);
      constexpr std::string_view internal = "[InternalId=";
      const std::size_t i = before.find(internal);
      if (i != std::string_view::npos) {
        std::size_t j = i + internal.size();
        const std::size_t start = j;
        while (j < before.size() && is_digit(before[j]) && j - start < 20) ++j;
        if (j > start && j < before.size() && (before[j] == ',' || before[j] == ']'))
          return {before.substr(start, j - start), f};
        break;
      }
      const std::size_t lt = find_char(before, '<');
      if (lt == std::string_view::npos) break;
      const std::size_t gt = find_char(before, '>', lt);
      if (gt == std::string_view::npos || gt == lt + 1) break;
      const std::string_view id = before.substr(lt + 1, gt - lt - 1);
      if (find_char(id, '@') != std::string_view::npos &&
          find_char(id, ' ') == std::string_view::npos)
        return {id, f};
      break;
    }
    case F::gmail: {
      // Google's SMTP servers: "250 2.0.0 OK  <unix seconds> <id> - gsmtp" (one or two spaces
      // after OK). No published source: the shape of the replies Gmail sends and relays log.
      constexpr std::string_view tail = " - gsmtp";
      if (!qid_starts_with(t, "OK ") || !qid_ends_with(t, tail)) break;
      std::size_t i = 3;
      while (i < t.size() && t[i] == ' ') ++i;
      const std::string_view seconds = qid_token(t, i);
      if (seconds.size() < 9 || seconds.size() > 11 || !qid_all(seconds, is_digit)) break;
      i += seconds.size();
      if (i >= t.size() || t[i] != ' ') break;
      ++i;
      const std::string_view id = qid_token(t, i);
      if (i + id.size() + tail.size() == t.size() && is_gmail_queue_id(id)) return {id, f};
      break;
    }
    case F::amazon_ses: {
      // Amazon SES SMTP interface: "250 Ok <message id>", the id SES reports in its events
      // (as relays log it: "status=sent (250 Ok 010001…-000000)"; no AWS page quotes it).
      if (!qid_starts_with(t, "Ok ")) break;
      const std::string_view id = qid_token(t, 3);
      if (is_amazon_ses_queue_id(id)) return {id, f};
      break;
    }
    case F::haraka: {
      // Haraka connection.js (github.com/haraka/Haraka, queue_respond and queue_ok_respond):
      // "250 Message Queued (<transaction uuid>)" when the queue hook gives no text of its own.
      constexpr std::string_view marker = "Message Queued (";
      const std::size_t at = t.find(marker);
      if (at == std::string_view::npos) break;
      const std::size_t start = at + marker.size();
      const std::size_t close = find_char(t, ')', start);
      if (close == std::string_view::npos) break;
      const std::string_view id = t.substr(start, close - start);
      if (is_haraka_queue_id(id)) return {id, f};
      break;
    }
    case F::stalwart: {
      // Stalwart crates/smtp/src/inbound/data.rs: "250 2.0.0 Message queued for delivery." and
      // nothing more: the id is only in the Received header Stalwart adds ("id <hex>").
      if (t == "Message queued for delivery.") return {t.substr(0, 0), f};
      break;
    }
    case F::generic: {
      const std::size_t q = qid_ifind(t, "queued as ");
      if (q != std::string_view::npos) {
        const std::string_view id = qid_trim_generic(qid_token(t, q + 10));
        if (is_generic_queue_id(id)) return {id, f};
      }
      for (std::size_t at = qid_ifind(t, "id="); at != std::string_view::npos;
           at = qid_ifind(t, "id=", at + 1)) {
        if (at > 0 && (is_alnum_ascii(t[at - 1]) || t[at - 1] == '-' || t[at - 1] == '_'))
          continue;  // "msgid=", "uuid=", "sess-id=": not this pattern
        const std::string_view id = qid_trim_generic(qid_token(t, at + 3));
        if (is_generic_queue_id(id)) return {id, f};
      }
      break;
    }
    case F::none:
      break;
  }
  return {};
}

}  // namespace detail

/**
 * Finds the queue id in the final reply to DATA or BDAT LAST.
 *
 * `reply_text` is the whole reply ("250-…" and "250 …" lines, CRLF or LF between them, the
 * last line's ending optional) or only its text ("2.0.0 Ok: queued as …"). A line that starts
 * with three digits followed by a space, a '-' or its end is taken to start with a reply code;
 * when the first line's code is not 2yz, the reply has no queue id. An enhanced status code
 * after the reply code is skipped.
 *
 * The formats are tried in the order of `queue_id_format` (the MTA-specific ones on every line
 * first, `generic` last), each against every line. Returns the first match; `id` is a view into
 * `reply_text`, valid as long as it is. Returns `format == none` and an empty `id` (pointing at
 * the start of `reply_text`) when nothing matches.
 */
[[nodiscard]] constexpr queue_id_match find_queue_id(std::string_view reply_text) noexcept {
  using F = queue_id_format;
  const queue_id_match nothing{reply_text.substr(0, 0), F::none};  // empty, inside the input
  if (detail::qid_is_code(reply_text) && reply_text[0] != '2') return nothing;
  constexpr F order[] = {F::postfix,    F::exim,   F::sendmail, F::exchange,  F::gmail,
                         F::amazon_ses, F::haraka, F::stalwart, F::opensmtpd, F::generic};
  for (const F f : order) {
    for (std::size_t at = 0; at < reply_text.size();) {
      const detail::qid_line line = detail::qid_line_at(reply_text, at);
      const queue_id_match m = detail::qid_match_line(line.text, f);
      if (m.recognised()) return m;
      at = line.next;
    }
  }
  return nothing;
}

/**
 * Finds the queue id in a parsed reply (see `find_queue_id(std::string_view)`): a reply whose
 * code is not 2yz has none. `id` is a view into `reply.raw()`, that is into the buffer the
 * parser was fed, valid as long as those bytes are.
 */
[[nodiscard]] constexpr queue_id_match find_queue_id(const reply_view& reply) noexcept {
  if (!reply.code().is_positive_completion()) return {reply.raw().substr(0, 0), {}};
  return find_queue_id(reply.raw());
}

}  // namespace smtpcodes

#endif  // SMTPCODES_QUEUE_ID_HPP
