/**
 * @file bounce.hpp
 * @brief Reads what a bounce says about each recipient: the recipients of a parsed message
 *        (dsn.hpp), each with its action, status, the remote server's reply and its bounce
 *        reason (classify.hpp). What `smtpcodes bounce` prints.
 *
 * The rules, for a DSN recipient (RFC 3464 §2.3):
 *  - The reply is Diagnostic-Code's text read by find_reply. Its enhanced code, when it has
 *    one, is the one classified: MTAs often report a generic Status beside the real reply
 *    (Exim writes 5.0.0 for every failure). A Status of another class than the reply (5.0.0
 *    beside a 452 the MTA gave up on) is not the reply's enhanced code (RFC 3463 §2).
 *  - Without a Diagnostic-Code, the report's human-readable part is the text classified
 *    (Exim says "retry timeout exceeded" only there); with several recipients it may speak of
 *    any of them.
 *  - Action delivered, relayed or expanded is `delivered`; Action delayed is never a hard
 *    bounce (the MTA is still trying, §2.3.3).
 * For the other kinds: a message that is no bounce is `undefined`; an abuse report (RFC 5965) is
 * `feedback` for its Original-Rcpt-To; an automatic reply (RFC 3834) is `vacation` for its From; a
 * bounce without a report part is searched with find_reply, and the recipient is the last address
 * written before the reply (Postfix writes "<a@b>: host ... said:", Exim the address on its own
 * line above it).
 *
 * Includes dsn.hpp and classify.hpp. constexpr, no allocation, no exceptions; every view lies
 * inside the message or the scratch given to parse_dsn.
 */
#ifndef SMTPCODES_BOUNCE_HPP
#define SMTPCODES_BOUNCE_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include "classify.hpp"
#include "config.hpp"
#include "dsn.hpp"
#include "find.hpp"

namespace smtpcodes {

/// One recipient of a bounce and what happened to it.
struct bounced_recipient {
  std::string_view recipient;  ///< The address; empty when the message does not name it.
  dsn_action action = dsn_action::unknown;  ///< `unknown` when not a DSN.
  std::string_view action_text;             ///< The Action value as written.
  std::optional<enhanced_status> status;    ///< Status, else the reply's enhanced code.
  found_reply reply;            ///< The remote server's reply, when the bounce quotes one.
  std::string_view diagnostic;  ///< Diagnostic-Code's value, or the reply found in the text.
  std::string_view remote_mta;  ///< Remote-MTA's value.
  classification verdict;
};

namespace detail {

constexpr bool bounce_address_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == '+' || c == '=' || c == '\'';
}

/// The last "local@domain.tld" token that starts before `before`; empty when there is none.
constexpr std::string_view bounce_address_before(std::string_view text,
                                                 std::size_t before) noexcept {
  if (before > text.size()) before = text.size();
  std::size_t at = before;
  while (at > 0) {
    --at;
    if (text[at] != '@') continue;
    std::size_t start = at;
    while (start > 0 && bounce_address_char(text[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < text.size() && bounce_address_char(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop
    const std::string_view domain = text.substr(at + 1, end - at - 1);
    if (start < at && domain.find('.') != std::string_view::npos)
      return text.substr(start, end - start);
  }
  return text.substr(0, 0);
}

/// "<a@b>" as "a@b" (RFC 5965's Original-Rcpt-To is often written with the brackets).
constexpr std::string_view bounce_unbracket(std::string_view v) noexcept {
  if (v.size() >= 2 && v.front() == '<' && v.back() == '>') return v.substr(1, v.size() - 2);
  return v;
}

constexpr classification bounce_classify(std::optional<reply_code> code,
                                         std::optional<enhanced_status> enhanced,
                                         std::string_view text, answered_command command,
                                         std::string_view remote_host,
                                         classify_rules rules) noexcept {
  classify_input in;
  in.code = code;
  in.enhanced = enhanced;  // classify drops it when its class disagrees with the code
  in.text = text;
  in.command = command;
  in.remote_host = remote_host;
  return classify(in, rules);
}

}  // namespace detail

/**
 * What `dsn` says about one of its recipients (an element of `dsn.recipients()`), under the
 * rules of the file comment; the caller's `rules` are consulted first.
 */
[[nodiscard]] constexpr bounced_recipient read_recipient(const dsn_result& dsn,
                                                         const dsn_recipient& r,
                                                         classify_rules rules = {}) noexcept {
  bounced_recipient out;
  out.recipient =
      r.final_recipient.value.empty() ? r.original_recipient.value : r.final_recipient.value;
  out.action = r.action;
  out.action_text = r.action_text;
  out.status = r.status;
  out.reply = r.reply;
  out.diagnostic = r.diagnostic_code.value;
  out.remote_mta = r.remote_mta.value;
  if (r.action == dsn_action::delivered || r.action == dsn_action::relayed ||
      r.action == dsn_action::expanded) {
    out.verdict = classify_as(bounce_reason::delivered);
    return out;
  }
  std::optional<enhanced_status> enhanced = r.status;
  std::optional<reply_code> code;
  answered_command command = answered_command::none;
  std::string_view text = r.diagnostic_code.present ? r.diagnostic_code.value : dsn.human_text;
  if (r.reply.found) {
    code = r.reply.code;
    command = r.reply.command;
    if (r.reply.enhanced) enhanced = r.reply.enhanced;
    if (!out.status) out.status = r.reply.enhanced;
    text = r.reply.line_count > 1 ? r.reply.match : r.reply.text;
  }
  out.verdict = detail::bounce_classify(code, enhanced, text, command, out.remote_mta, rules);
  if (r.action == dsn_action::delayed) out.verdict.hard = false;
  return out;
}

/**
 * What a message that holds no delivery-status part says (`dsn.kind` is not `dsn`): the one
 * recipient of an abuse report, an automatic reply or a bounce without a report, under the
 * rules of the file comment. A message that is `not_a_bounce` is `undefined`, unread: a
 * code-like number in an ordinary message ("ticket 5.1.1") says nothing about an address.
 */
[[nodiscard]] constexpr bounced_recipient read_message(const dsn_result& dsn,
                                                       classify_rules rules = {}) noexcept {
  bounced_recipient out;
  if (dsn.kind == message_kind::not_a_bounce) {
    out.recipient = dsn.human_text.substr(0, 0);
    out.verdict = classify_as(bounce_reason::undefined);
    return out;
  }
  if (dsn.kind == message_kind::feedback_report) {
    out.recipient = detail::bounce_unbracket(dsn.feedback.original_rcpt_to);
    out.verdict = classify_as(bounce_reason::feedback);
    return out;
  }
  if (dsn.kind == message_kind::auto_reply) {
    out.recipient = dsn.from;
    out.verdict = classify_as(bounce_reason::vacation);
    return out;
  }
  out.reply = find_reply(dsn.human_text);
  if (out.reply.found) {
    out.recipient = detail::bounce_address_before(dsn.human_text, out.reply.offset);
    out.status = out.reply.enhanced;
    out.diagnostic = out.reply.match;
    out.verdict = detail::bounce_classify(
        out.reply.code, out.reply.enhanced,
        out.reply.line_count > 1 ? out.reply.match : out.reply.text, out.reply.command, {}, rules);
  } else {
    out.recipient = dsn.human_text.substr(0, 0);
    out.verdict = detail::bounce_classify(std::nullopt, std::nullopt, dsn.human_text,
                                          answered_command::none, {}, rules);
  }
  return out;
}

/**
 * Calls `f(const bounced_recipient&)` for each recipient of a parsed message: every group of
 * a DSN, else the one `read_message` gives. Returns how many calls were made.
 */
template <typename F>
constexpr std::size_t for_each_bounced_recipient(const dsn_result& dsn, F&& f,
                                                 classify_rules rules = {}) noexcept {
  if (dsn.kind != message_kind::dsn) {
    f(read_message(dsn, rules));
    return 1;
  }
  std::size_t n = 0;
  for (const dsn_recipient& r : dsn.recipients()) {
    f(read_recipient(dsn, r, rules));
    ++n;
  }
  return n;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_BOUNCE_HPP
