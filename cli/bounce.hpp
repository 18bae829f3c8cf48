// `smtpcodes bounce [FILE...]`: reads bounce messages (.eml files or mboxes, stdin by default)
// and prints each recipient with its action, status, reply, bounce reason, hard or soft, and
// what to do. RFC 3464 reports are read with parse_dsn; bounces without a report part through
// find_reply on their text; ARF reports are `feedback`, automatic replies `vacation`.
#ifndef SMTPCODES_CLI_BOUNCE_HPP
#define SMTPCODES_CLI_BOUNCE_HPP

#include <iostream>
#include <optional>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "mbox.hpp"
#include "output.hpp"

namespace smtpcodes_cli {

/// One line of the bounce report: a recipient and everything known about it.
struct bounce_row {
  std::string_view recipient;  ///< Empty when the message does not say.
  std::string_view action;     ///< "failed", "delayed"...; empty when not a DSN.
  std::optional<smtpcodes::enhanced_status> status;
  std::optional<smtpcodes::reply_code> reply_code;
  smtpcodes::answered_command command = smtpcodes::answered_command::none;
  std::string_view diagnostic;  ///< The Diagnostic-Code value, or the reply found in the text.
  std::string_view remote_mta;
  smtpcodes::classification verdict;
};

/// The address a bounce without a report names before its reply: the last "<a@b>" or bare
/// "a@b" token before `before` in `text` (Postfix writes "<a@b>: host ... said:", Exim the
/// address on its own line above the reply). Empty when there is none.
inline std::string_view address_before(std::string_view text, std::size_t before) {
  if (before > text.size()) before = text.size();
  std::size_t at = text.rfind('@', before == 0 ? 0 : before - 1);
  while (at != std::string_view::npos) {
    auto is_addr = [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '-' || c == '_' || c == '+' || c == '=' || c == '\'';
    };
    std::size_t start = at;
    while (start > 0 && is_addr(text[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < text.size() && is_addr(text[end])) ++end;
    while (end > at + 1 && text[end - 1] == '.') --end;  // a sentence's full stop
    if (start < at && end > at + 1 && text.substr(at + 1, end - at - 1).find('.') !=
                                          std::string_view::npos)
      return text.substr(start, end - start);
    if (at == 0) break;
    at = text.rfind('@', at - 1);
  }
  return {};
}

/// `enhanced` is the remote server's own enhanced code when its reply carried one: MTAs often
/// report a generic Status (Exim writes 5.0.0 for every failure) beside the real reply.
inline smtpcodes::classification classify_row(const bounce_row& row, std::string_view text,
                                              std::optional<smtpcodes::enhanced_status> enhanced =
                                                  std::nullopt) {
  smtpcodes::classify_input in;
  in.code = row.reply_code;
  in.enhanced = enhanced ? enhanced : row.status;
  // A Status of another class than the reply (5.0.0 beside a 452 given up on) is not the
  // reply's enhanced code (RFC 3463 §2); classify from the reply alone.
  if (in.code && in.enhanced && !in.enhanced->matches(*in.code)) in.enhanced.reset();
  in.text = text;
  in.command = row.command;
  in.remote_host = row.remote_mta;
  return smtpcodes::classify(in);
}

/// The rows of one parsed message (see the file comment for each kind).
inline std::vector<bounce_row> bounce_rows(const smtpcodes::dsn_result& d) {
  std::vector<bounce_row> rows;
  using smtpcodes::message_kind;
  if (d.kind == message_kind::dsn) {
    for (const smtpcodes::dsn_recipient& r : d.recipients()) {
      bounce_row row;
      row.recipient = r.final_recipient.value.empty() ? r.original_recipient.value
                                                      : r.final_recipient.value;
      row.action = r.action_text;
      row.status = r.status;
      row.remote_mta = r.remote_mta.value;
      row.diagnostic = r.diagnostic_code.value;
      // Without a Diagnostic-Code, the report's human part is the only text that says why
      // (Exim: "retry timeout exceeded"); with several recipients it may speak of any of them.
      std::string_view text =
          r.diagnostic_code.present ? r.diagnostic_code.value : d.human_text;
      if (r.reply.found) {
        row.reply_code = r.reply.code;
        row.command = r.reply.command;
        if (!row.status) row.status = r.reply.enhanced;
        text = r.reply.text;
      }
      if (r.action == smtpcodes::dsn_action::delivered ||
          r.action == smtpcodes::dsn_action::relayed ||
          r.action == smtpcodes::dsn_action::expanded) {
        row.verdict = smtpcodes::classify_as(smtpcodes::bounce_reason::delivered);
      } else {
        row.verdict = classify_row(row, text, r.reply.found ? r.reply.enhanced : std::nullopt);
        // A delayed recipient is still being tried (RFC 3464 §2.3.3): never a hard bounce.
        if (r.action == smtpcodes::dsn_action::delayed) row.verdict.hard = false;
      }
      rows.push_back(row);
    }
    return rows;
  }
  bounce_row row;
  if (d.kind == message_kind::feedback_report) {
    row.recipient = d.feedback.original_rcpt_to;
    row.verdict = smtpcodes::classify_as(smtpcodes::bounce_reason::feedback);
  } else if (d.kind == message_kind::auto_reply) {
    row.recipient = d.from;
    row.verdict = smtpcodes::classify_as(smtpcodes::bounce_reason::vacation);
  } else {
    const smtpcodes::found_reply f = smtpcodes::find_reply(d.human_text);
    if (f.found) {
      row.recipient = address_before(d.human_text, f.offset);
      row.reply_code = f.code;
      row.status = f.enhanced;
      row.command = f.command;
      row.diagnostic = f.match;
      row.verdict = classify_row(row, f.text);
    } else {
      row.verdict = classify_row(row, d.human_text);
    }
  }
  rows.push_back(row);
  return rows;
}

inline void null_or(json_writer& j, std::string_view key, std::string_view value) {
  j.key(key);
  if (value.empty()) {
    j.null();
  } else {
    j.value(value);
  }
}

inline void write_bounce_json(std::ostream& os, std::string_view file, const bounce_row& row) {
  json_writer j;
  j.begin_object();
  j.field("file", file);
  null_or(j, "recipient", row.recipient);
  null_or(j, "action", row.action);
  j.key("status");
  if (row.status) {
    j.value(smtpcodes::to_text(*row.status).view());
  } else {
    j.null();
  }
  j.key("reply_code");
  if (row.reply_code) {
    j.value(static_cast<long long>(row.reply_code->value()));
  } else {
    j.null();
  }
  null_or(j, "command", smtpcodes::to_string(row.command));
  null_or(j, "diagnostic", row.diagnostic);
  null_or(j, "remote_mta", row.remote_mta);
  j.field("reason", smtpcodes::to_string(row.verdict.reason));
  j.field("hard_bounce", row.verdict.hard);
  null_or(j, "provider", smtpcodes::provider_id(row.verdict.who));
  j.field("fix", row.verdict.fix);
  j.end_object();
  os << j.str() << '\n';
}

inline void print_bounce_text(std::ostream& os, const bounce_row& row, std::size_t width) {
  std::string head = row.recipient.empty() ? std::string("(recipient not named)")
                                           : printable(row.recipient);
  if (!row.action.empty()) head += "  " + printable(row.action);
  if (row.status) head += "  " + std::string(smtpcodes::to_text(*row.status).view());
  if (row.reply_code) head += "  " + std::to_string(row.reply_code->value());
  if (row.command != smtpcodes::answered_command::none)
    head += " (answering " + std::string(smtpcodes::to_string(row.command)) + ")";
  print_labelled(os, "  ", head, 4, width);
  const smtpcodes::bounce_reason_info& info = *row.verdict.info;
  print_labelled(os, "    reason      ",
                 std::string(info.name) + (row.verdict.hard ? ", hard bounce" : ", soft") + ": " +
                     std::string(info.description),
                 16, width);
  if (!row.diagnostic.empty())
    print_labelled(os, "    diagnostic  ", printable(row.diagnostic), 16, width);
  if (!row.remote_mta.empty())
    print_labelled(os, "    remote MTA  ", printable(row.remote_mta), 16, width);
  if (row.verdict.who != smtpcodes::provider::none)
    print_labelled(os, "    provider    ", smtpcodes::to_string(row.verdict.who), 16, width);
  if (row.verdict.provider_entry != nullptr)
    print_labelled(os, "    meaning     ", row.verdict.provider_entry->meaning, 16, width);
  print_labelled(os, "    retry       ", smtpcodes::to_string(row.verdict.retry), 16, width);
  print_labelled(os, "    what to do  ", row.verdict.fix, 16, width);
  if (row.verdict.provider_entry != nullptr)
    print_labelled(os, "    see         ", row.verdict.provider_entry->url, 16, width);
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_BOUNCE_HPP
