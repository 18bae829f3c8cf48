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

#include "messages.hpp"
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

/// A recipient's lines in the output language `l`: its labels and punctuation, the reason's
/// description and fix and the provider's meaning and fix from its catalog (catalog.hpp's
/// localize).
inline void print_bounce_text(std::ostream& os, const smtpcodes::bounced_recipient& row,
                              std::size_t width, const language& l) {
  const messages& w = *l.words;
  const smtpcodes::catalog& language = *l.catalog;
  std::string head = row.recipient.empty() ? std::string(w.no_recipient) : printable(row.recipient);
  if (!row.action_text.empty()) head += "  " + printable(row.action_text);
  if (row.status) head += "  " + std::string(smtpcodes::to_text(*row.status).view());
  if (row.reply.code) head += "  " + std::to_string(row.reply.code->value());
  if (row.reply.command != smtpcodes::answered_command::none)
    head += in_parens(
        l, std::string(w.answering) + " " + std::string(smtpcodes::to_string(row.reply.command)));
  print_labelled(os, "  ", head, 4, width);
  // The labels' column: 16 in English, wider when a language's labels are longer.
  std::size_t widest = 0;
  for (const std::string_view l :
       {w.reason, w.diagnostic, w.remote_mta, w.provider, w.meaning, w.retry, w.to_do, w.see}) {
    if (display_width(l) > widest) widest = display_width(l);
  }
  const std::size_t column = 4 + widest + 2 > 16 ? 4 + widest + 2 : 16;
  auto lead = [column](std::string_view label) {
    std::string out = "    " + std::string(label);
    const std::size_t used = 4 + display_width(label);
    out.append(used < column ? column - used : 1, ' ');
    return out;
  };
  const smtpcodes::bounce_reason_info& raw = *row.verdict.info;
  const smtpcodes::bounce_reason_info info = smtpcodes::localize(raw, language);
  const smtpcodes::provider_code_info* entry = row.verdict.provider_entry;
  const smtpcodes::provider_code_info provider =
      entry != nullptr ? smtpcodes::localize(*entry, language) : smtpcodes::provider_code_info{};
  print_labelled(os, lead(w.reason),
                 std::string(info.name) + std::string(comma(l)) +
                     std::string(row.verdict.hard ? w.hard : w.soft) + std::string(colon(l)) +
                     std::string(info.description),
                 column, width);
  if (!row.diagnostic.empty())
    print_labelled(os, lead(w.diagnostic), printable(unfold(row.diagnostic)), column, width);
  if (!row.remote_mta.empty())
    print_labelled(os, lead(w.remote_mta), printable(row.remote_mta), column, width);
  if (row.verdict.who != smtpcodes::provider::none)
    print_labelled(os, lead(w.provider), smtpcodes::to_string(row.verdict.who), column, width);
  if (entry != nullptr) print_labelled(os, lead(w.meaning), provider.meaning, column, width);
  print_labelled(os, lead(w.retry), retry_word(w, row.verdict.retry), column, width);
  // The verdict's fix is the provider's or the reason's: the same text in the language.
  std::string_view fix = row.verdict.fix;
  if (entry != nullptr && fix.data() == entry->fix.data())
    fix = provider.fix;
  else if (fix.data() == raw.fix.data())
    fix = info.fix;
  print_labelled(os, lead(w.to_do), fix, column, width);
  if (entry != nullptr) print_labelled(os, lead(w.see), entry->url, column, width);
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_BOUNCE_HPP
