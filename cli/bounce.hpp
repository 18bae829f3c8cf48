// How `smtpcodes bounce` prints one recipient of a bounce (smtpcodes/bounce.hpp's
// bounced_recipient): a JSON Lines object, or an indented block of text.
#ifndef SMTPCODES_CLI_BOUNCE_HPP
#define SMTPCODES_CLI_BOUNCE_HPP

#include <iostream>
#include <optional>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "output.hpp"

namespace smtpcodes_cli {

/// A folded field value (RFC 5322 §2.2.3) on one line: each line break and the white space
/// around it become one space. The library keeps values as written; a person reads them joined.
inline std::string unfold(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\r' || v[i] == '\n') {
      while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
      while (i + 1 < v.size() &&
             (v[i + 1] == '\r' || v[i + 1] == '\n' || v[i + 1] == ' ' || v[i + 1] == '\t'))
        ++i;
      out += ' ';
      continue;
    }
    out += v[i];
  }
  return out;
}

inline void null_or(json_writer& j, std::string_view key, std::string_view value) {
  j.key(key);
  if (value.empty()) {
    j.null();
  } else {
    j.value(value);
  }
}

inline void write_bounce_json(std::ostream& os, std::string_view file,
                              const smtpcodes::bounced_recipient& row) {
  json_writer j;
  j.begin_object();
  j.field("file", file);
  null_or(j, "recipient", unfold(row.recipient));
  null_or(j, "action", row.action_text);
  j.key("status");
  if (row.status) {
    j.value(smtpcodes::to_text(*row.status).view());
  } else {
    j.null();
  }
  j.key("reply_code");
  if (row.reply.code) {
    j.value(static_cast<long long>(row.reply.code->value()));
  } else {
    j.null();
  }
  null_or(j, "command", smtpcodes::to_string(row.reply.command));
  null_or(j, "diagnostic", unfold(row.diagnostic));
  null_or(j, "remote_mta", row.remote_mta);
  j.field("reason", smtpcodes::to_string(row.verdict.reason));
  j.field("hard_bounce", row.verdict.hard);
  null_or(j, "provider", smtpcodes::provider_id(row.verdict.who));
  j.field("fix", row.verdict.fix);
  j.end_object();
  os << j.str() << '\n';
}

inline void print_bounce_text(std::ostream& os, const smtpcodes::bounced_recipient& row,
                              std::size_t width) {
  std::string head =
      row.recipient.empty() ? std::string("(recipient not named)") : printable(row.recipient);
  if (!row.action_text.empty()) head += "  " + printable(row.action_text);
  if (row.status) head += "  " + std::string(smtpcodes::to_text(*row.status).view());
  if (row.reply.code) head += "  " + std::to_string(row.reply.code->value());
  if (row.reply.command != smtpcodes::answered_command::none)
    head += " (answering " + std::string(smtpcodes::to_string(row.reply.command)) + ")";
  print_labelled(os, "  ", head, 4, width);
  const smtpcodes::bounce_reason_info& info = *row.verdict.info;
  print_labelled(os, "    reason      ",
                 std::string(info.name) + (row.verdict.hard ? ", hard bounce" : ", soft") + ": " +
                     std::string(info.description),
                 16, width);
  if (!row.diagnostic.empty())
    print_labelled(os, "    diagnostic  ", printable(unfold(row.diagnostic)), 16, width);
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
