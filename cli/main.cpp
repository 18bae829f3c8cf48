// smtpcodes: explain and compare SMTP reply codes and enhanced status codes from the shell, and
// parse captured SMTP streams. Built on the public headers only. Exit status: 0 success, 1 a
// protocol error in parsed input, 2 bad usage, bad input or an unreadable file.
#include <unistd.h>

#include <exception>
#include <initializer_list>
#include <iostream>
#include <optional>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "args.hpp"
#include "bounce.hpp"
#include "help.hpp"
#include "input.hpp"
#include "mbox.hpp"
#include "messages.hpp"
#include "output.hpp"
#include "session.hpp"

namespace {

using smtpcodes_cli::fail;
using smtpcodes_cli::fill;
using smtpcodes_cli::json_writer;
using smtpcodes_cli::option_spec;
using smtpcodes_cli::parsed_options;
using smtpcodes_cli::printable;
using smtpcodes_cli::quoted;
using smtpcodes_cli::read_input;

/// The width text output wraps at; run() sets it from the terminal.
std::size_t text_width = 80;

/// The language of the output (--lang, else the environment); run() sets it.
const smtpcodes_cli::language* output_language = &smtpcodes_cli::languages[5];

/// The library's texts in the output language.
const smtpcodes::catalog& texts() {
  return *output_language->catalog;
}

/// The tool's own labels and headings in the output language.
const smtpcodes_cli::messages& words() {
  return *output_language->words;
}

/// `label` followed by ": " as the language writes it (French puts a space before the colon,
/// Chinese uses the fullwidth colon).
std::string with_colon(std::string_view label) {
  return std::string(label) + std::string(smtpcodes_cli::colon(*output_language));
}

/// The end of a sentence in the output language (messages.hpp).
std::string_view full_stop() {
  return smtpcodes_cli::full_stop(*output_language);
}

/// The semicolon between two phrases in the output language (messages.hpp).
std::string_view semicolon() {
  return smtpcodes_cli::semicolon(*output_language);
}

/// Between two sentences: the full stop and a space; in Chinese "。" alone.
std::string sentence_break() {
  return std::string(full_stop()) + (output_language->tag == "zh" ? "" : " ");
}

/// `text` in parentheses after a title: " (text)", in Chinese fullwidth "（text）".
std::string in_parens(std::string_view text) {
  return smtpcodes_cli::in_parens(*output_language, text);
}

/// A header line's lead: two spaces, `label`, then spaces up to `column` (display columns), at
/// least one.
std::string label_lead(std::string_view label, std::size_t column) {
  std::string lead = "  " + std::string(label);
  const std::size_t used = 2 + smtpcodes_cli::display_width(label);
  lead.append(used < column ? column - used : 1, ' ');
  return lead;
}

/// The column after the widest of `labels` and a space: where a block of header lines puts
/// its values (13 or 14 in English, wider in a language whose labels are longer).
std::size_t label_column(std::initializer_list<std::string_view> labels) {
  std::size_t widest = 0;
  for (const std::string_view l : labels) {
    const std::size_t w = smtpcodes_cli::display_width(l);
    if (w > widest) widest = w;
  }
  return 2 + widest + 1;
}

/// A code's status in the output language (text output; JSON keeps smtpcodes::to_string's).
std::string_view status_word(smtpcodes::code_status s) {
  switch (s) {
    case smtpcodes::code_status::current:
      return words().current;
    case smtpcodes::code_status::obsolete:
      return words().obsolete;
    case smtpcodes::code_status::historic:
      return words().historic;
    case smtpcodes::code_status::registry_only:
      return words().registry_only;
    case smtpcodes::code_status::unregistered:
      break;
  }
  return words().unregistered;
}

/// An enhanced-status explanation with the texts of its class, subject and detail entries in
/// the output language (catalog.hpp's localize), and its own notes, for an unregistered detail
/// or one that contradicts its class, in that language (English until the language has them).
/// Not copyable: the explanation points into the object.
class localized_enhanced {
 public:
  explicit localized_enhanced(const smtpcodes::enhanced_status_explanation& e)
      : e_(e), klass_(smtpcodes::localize(*e.klass, texts())) {
    e_.klass = &klass_;
    e_.notes = smtpcodes::enhanced_notes_of(texts());
    if (e.subject != nullptr) {
      subject_ = smtpcodes::localize(*e.subject, texts());
      e_.subject = &subject_;
    }
    if (e.detail != nullptr) {
      detail_ = smtpcodes::localize(*e.detail, texts());
      e_.detail = &detail_;
    }
  }
  localized_enhanced(const localized_enhanced&) = delete;
  localized_enhanced& operator=(const localized_enhanced&) = delete;
  const smtpcodes::enhanced_status_explanation& operator*() const { return e_; }
  const smtpcodes::enhanced_status_explanation* operator->() const { return &e_; }

 private:
  smtpcodes::enhanced_status_explanation e_;
  smtpcodes::enhanced_class_info klass_;
  smtpcodes::enhanced_subject_info subject_{};
  smtpcodes::enhanced_detail_info detail_{};
};

/// `text` wrapped at text_width, indented by `indent`, continuation lines by `indent + hang`.
void wrap(std::ostream& os, std::string_view text, std::size_t indent, std::size_t hang = 0) {
  smtpcodes_cli::print_wrapped(os, text, indent, hang, text_width);
}

/// `lead` as written, then `text` wrapped at text_width, continuation lines indented by `hang`.
void wrap_after(std::ostream& os, std::string_view lead, std::string_view text, std::size_t hang) {
  smtpcodes_cli::print_labelled(os, lead, text, hang, text_width);
}

smtpcodes::reply_code parse_basic_or_fail(std::string_view text) {
  if (const auto code = smtpcodes::parse_reply_code(text)) return *code;
  if (text.size() == 3 && text.find_first_not_of("0123456789") == std::string_view::npos)
    fail(quoted(text) + std::string(words().bad_digits));
  fail(quoted(text) + std::string(words().not_reply_code));
}

// ---- basic reply codes ----

/// `raw` (an `explain(code)` result) in the output language: a registered code's texts, or an
/// unregistered code's texts built from its class and category (catalog.hpp's explain).
smtpcodes::reply_code_info localized(const smtpcodes::reply_code_info& raw) {
  if (raw.status != smtpcodes::code_status::unregistered) return smtpcodes::localize(raw, texts());
  return smtpcodes::explain(raw.as_code(), texts()).value_or(raw);
}

void write_reply_json(json_writer& j, const smtpcodes::reply_code_info& raw) {
  const smtpcodes::reply_code_info info = localized(raw);
  const smtpcodes::reply_code code = info.as_code();
  j.begin_object();
  j.field("kind", "reply_code");
  j.field("code", static_cast<long long>(info.code));
  j.field("name", info.name);
  j.field("class", static_cast<long long>(info.code / 100));
  j.field("class_name", smtpcodes::class_name(code.klass(), texts()));
  j.field("category", static_cast<long long>((info.code / 10) % 10));
  j.field("category_name", smtpcodes::category_name(code.category(), texts()));
  j.field("registered", info.status != smtpcodes::code_status::unregistered);
  j.field("status", smtpcodes::to_string(info.status));
  j.field("commands", info.commands);
  j.field("description", info.description);
  j.field("when", info.when);
  j.field("fix", info.fix);
  j.field("rfcs", info.rfcs);
  j.key("usages").begin_array();
  for (const auto& raw_usage : smtpcodes::usages(code)) {
    const smtpcodes::reply_code_usage usage = smtpcodes::localize(raw_usage, texts());
    j.begin_object();
    j.field("context", usage.context);
    j.field("meaning", usage.meaning);
    j.field("rfc", usage.rfc);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

// The class and category names (Permanent Negative Completion, mail system) are the output
// language's (catalog.hpp's class_name and category_name).
void print_reply_header(std::ostream& os, const smtpcodes::reply_code_info& info) {
  const smtpcodes::reply_code code = info.as_code();
  const smtpcodes_cli::messages& w = words();
  const std::size_t column =
      label_column({w.klass, w.category, w.status, w.replies_to, w.defined_in});
  wrap_after(os, std::to_string(info.code) + "  ", info.name, 5);
  wrap_after(os, label_lead(w.klass, column) + std::to_string(info.code / 100) + "yz ",
             smtpcodes::class_name(code.klass(), texts()), column);
  wrap_after(os,
             label_lead(w.category, column) + "x" + std::to_string((info.code / 10) % 10) + "z ",
             smtpcodes::category_name(code.category(), texts()), column);
  wrap_after(os, label_lead(w.status, column), status_word(info.status), column);
  wrap_after(os, label_lead(w.replies_to, column), info.commands, column);
  wrap_after(os, label_lead(w.defined_in, column), info.rfcs, column);
}

void print_section(std::ostream& os, std::string_view title, std::string_view text) {
  os << '\n' << title << '\n';
  wrap(os, text, 2);
}

void print_reply(std::ostream& os, const smtpcodes::reply_code_info& raw) {
  const smtpcodes::reply_code_info info = localized(raw);
  print_reply_header(os, info);
  print_section(os, words().what_it_means, info.description);
  print_section(os, words().when_you_see_it, info.when);
  print_section(os, words().how_to_fix_it, info.fix);
  const auto uses = smtpcodes::usages(info.as_code());
  if (!uses.empty()) {
    os << '\n' << words().in_specific_commands << '\n';
    for (const auto& raw_usage : uses) {
      const smtpcodes::reply_code_usage usage = smtpcodes::localize(raw_usage, texts());
      std::string line =
          with_colon(usage.context) + std::string(usage.meaning) + in_parens(usage.rfc);
      wrap(os, line, 2, 2);
    }
  }
}

// ---- enhanced status codes ----

/// The registry's basic-code list as an array of strings: ["451", "550"], ["5XX"], ["Any"].
void write_basic_codes_json(json_writer& j, std::string_view list) {
  j.begin_array();
  while (!list.empty()) {
    const std::size_t comma = list.find(", ");
    j.value(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 2);
  }
  j.end_array();
}

void write_enhanced_json(json_writer& j, const smtpcodes::enhanced_status_explanation& raw) {
  const localized_enhanced localized(raw);
  const smtpcodes::enhanced_status_explanation& e = *localized;
  j.begin_object();
  j.field("kind", "enhanced_status");
  j.field("code", smtpcodes::to_text(e.code).view());
  j.field("class", static_cast<long long>(e.code.klass));
  j.field("class_name", e.klass->label);
  j.field("subject", static_cast<long long>(e.code.subject));
  j.key("subject_name");
  if (e.subject != nullptr) {
    j.value(e.subject->label);
  } else {
    j.null();
  }
  j.field("detail", static_cast<long long>(e.code.detail));
  j.field("registered", e.is_registered());
  j.field("name", e.label());
  j.field("description", e.description());
  j.field("when", e.when());
  j.field("fix", e.fix());
  j.field("rfcs", e.rfc());
  j.key("basic_codes");
  write_basic_codes_json(j, e.basic_codes());
  j.end_object();
}

/// The column of the enhanced-code header lines (print_enhanced, print_provider).
std::size_t enhanced_column() {
  const smtpcodes_cli::messages& w = words();
  return label_column({w.klass, w.subject, w.registered, w.basic_codes, w.defined_in});
}

void print_enhanced(std::ostream& os, const smtpcodes::enhanced_status_explanation& raw) {
  const localized_enhanced localized(raw);
  const smtpcodes::enhanced_status_explanation& e = *localized;
  const smtpcodes_cli::messages& w = words();
  const std::size_t column = enhanced_column();
  const std::string code(smtpcodes::to_text(e.code).view());
  wrap_after(os, code + "  ", e.label(), code.size() + 2);
  wrap_after(os, label_lead(w.klass, column) + std::to_string(e.code.klass) + ".X.X ",
             e.klass->label, column);
  wrap_after(os, label_lead(w.subject, column) + "X." + std::to_string(e.code.subject) + ".X ",
             e.subject != nullptr ? e.subject->label : w.unregistered_subject, column);
  wrap_after(os, label_lead(w.registered, column), e.is_registered() ? w.yes : w.no, column);
  if (!e.basic_codes().empty())
    wrap_after(os, label_lead(w.basic_codes, column), e.basic_codes(), column);
  wrap_after(os, label_lead(w.defined_in, column), e.rfc(), column);
  print_section(os, w.what_it_means, e.description());
  if (e.subject != nullptr && e.detail != nullptr)
    print_section(os, w.subject_heading, e.subject->description);
  print_section(os, w.when_you_see_it, e.when());
  print_section(os, w.how_to_fix_it, e.fix());
}

/// A registry entry without a class ("X.7.1"), for `list --enhanced --json`.
void write_detail_json(json_writer& j, const smtpcodes::enhanced_detail_info& raw) {
  const smtpcodes::enhanced_detail_info d = smtpcodes::localize(raw, texts());
  j.begin_object();
  j.field("kind", "enhanced_status");
  j.field("code", "X." + std::to_string(d.subject) + "." + std::to_string(d.detail));
  j.key("class").null();
  j.key("class_name").null();
  j.field("subject", static_cast<long long>(d.subject));
  j.field("subject_name",
          smtpcodes::localize(*smtpcodes::lookup_enhanced_subject(d.subject), texts()).label);
  j.field("detail", static_cast<long long>(d.detail));
  j.field("registered", true);
  j.field("name", d.label);
  j.field("description", d.description);
  j.field("when", d.when);
  j.field("fix", d.fix);
  j.field("rfcs", d.rfc);
  j.key("basic_codes");
  write_basic_codes_json(j, d.basic_codes);
  j.end_object();
}

/// A provider's own meaning of a code or token (providers.hpp), for --json.
void write_provider_json(json_writer& j, const smtpcodes::provider_code_info& raw) {
  const smtpcodes::provider_code_info p = smtpcodes::localize(raw, texts());
  const smtpcodes::bounce_reason_info& r = smtpcodes::reason_info(p.reason);
  j.begin_object();
  j.field("kind", "provider_code");
  j.field("code", p.code);
  j.field("provider", smtpcodes::provider_id(p.who));
  j.field("provider_name", smtpcodes::to_string(p.who));
  j.field("meaning", p.meaning);
  j.field("fix", p.fix);
  j.field("reason", r.name);
  j.field("hard_bounce", r.hard);
  j.field("url", p.url);
  j.end_object();
}

// A provider's meaning and fix and the labels are the output language's (catalog.hpp's
// localize; English where the language has no provider table yet).
void print_provider(std::ostream& os, const smtpcodes::provider_code_info& raw) {
  const smtpcodes::provider_code_info p = smtpcodes::localize(raw, texts());
  const smtpcodes::bounce_reason_info& r = smtpcodes::reason_info(p.reason);
  const smtpcodes_cli::messages& w = words();
  const std::size_t column = enhanced_column();
  wrap_after(os, std::string(p.code) + "  ",
             std::string(smtpcodes::to_string(p.who)) + " " + std::string(w.provider_specific),
             p.code.size() + 2);
  wrap_after(os, label_lead(w.reason, column),
             std::string(r.name) + ", " + std::string(r.hard ? w.hard_bounce : w.soft_bounce),
             column);
  wrap_after(os, label_lead(w.source, column), p.url, column);
  print_section(os, w.what_it_means, p.meaning);
  print_section(os, w.how_to_fix_it, p.fix);
}

void print_list_line(std::string_view id, std::string_view label) {
  std::string padded(id);
  padded.resize(padded.size() < 8 ? 8 : padded.size() + 1, ' ');
  wrap_after(std::cout, padded, label, padded.size());
}

// ---- commands ----

// ---- explain: a bare code, or a reply found in pasted text ----

/// Whether `text` (spaces and line breaks around it removed) is written as one bare code:
/// digits and dots only ("550", "5.7.1", also malformed ones such as "999" or "5.01.1"). Those
/// keep explain's per-code output and messages; anything else is searched with find_reply.
bool is_bare_code(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos &&
         text.find_first_of("0123456789") != std::string_view::npos;
}

/// `text` without the spaces, tabs and line breaks around it.
std::string_view trim_blank(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return text.substr(0, 0);
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

/// The pasted text quoted for a message: its first 60 octets and "..." when longer.
std::string quoted_excerpt(std::string_view text) {
  constexpr std::size_t most = 60;
  if (text.size() <= most) return quoted(text);
  std::size_t cut = most;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return quoted(text.substr(0, cut)) + "...";
}

/// The advice for the found pair, or nullptr (the table needs the enhanced code).
const smtpcodes::common_reply* common_for(const smtpcodes::found_reply& f) {
  if (!f.enhanced) return nullptr;
  return smtpcodes::find_common_reply(f.code ? *f.code : smtpcodes::reply_code(0), *f.enhanced);
}

void write_found_json(json_writer& j, const smtpcodes::found_reply& f) {
  const std::string_view command = smtpcodes::to_string(f.command);
  j.begin_object();
  j.field("kind", "reply");
  j.key("code");
  if (f.code) {
    j.value(static_cast<long long>(f.code->value()));
  } else {
    j.null();
  }
  j.key("enhanced");
  if (f.enhanced) {
    j.value(smtpcodes::to_text(*f.enhanced).view());
  } else {
    j.null();
  }
  j.key("mismatched_enhanced");
  if (f.mismatched_enhanced) {
    j.value(smtpcodes::to_text(*f.mismatched_enhanced).view());
  } else {
    j.null();
  }
  j.key("command");
  if (!command.empty()) {
    j.value(command);
  } else {
    j.null();
  }
  j.field("text", f.text);
  j.field("match", f.match);
  j.key("marker");
  if (!f.marker.empty()) {
    j.value(f.marker);
  } else {
    j.null();
  }
  j.field("lines", static_cast<long long>(f.line_count));
  j.field("offset", static_cast<long long>(f.offset));
  j.key("reply_code");
  if (f.code) {
    write_reply_json(j, *smtpcodes::explain(*f.code));
  } else {
    j.null();
  }
  j.key("enhanced_status");
  if (f.enhanced) {
    write_enhanced_json(j, *smtpcodes::explain(*f.enhanced));
  } else {
    j.null();
  }
  const smtpcodes::classification verdict = smtpcodes::classify(f);
  j.field("reason", smtpcodes::to_string(verdict.reason));
  j.field("hard_bounce", verdict.hard);
  j.key("provider");
  if (verdict.who != smtpcodes::provider::none) {
    j.value(smtpcodes::provider_id(verdict.who));
  } else {
    j.null();
  }
  j.field("retry", smtpcodes::to_string(verdict.retry));
  j.field("fix", verdict.fix);
  j.key("provider_code");
  if (verdict.provider_entry != nullptr) {
    write_provider_json(j, *verdict.provider_entry);
  } else {
    j.null();
  }
  j.key("common");
  if (const smtpcodes::common_reply* c = common_for(f)) {
    j.begin_object();
    j.field("title", c->title);
    j.field("who", smtpcodes::to_string(c->who));
    j.field("check_first", c->check_first);
    j.field("retry", smtpcodes::to_string(c->retry));
    j.field("retry_when", c->retry_when);
    j.field("rfc", c->rfc);
    j.end_object();
  } else {
    j.null();
  }
  j.end_object();
}

// The reply's labels are the output language's and so are the codes' texts (the caller
// localizes `info` and `e`), the bounce reason's description and fix, the provider's meaning and
// fix and the advice of the common replies (catalog.hpp's localize and to_string; English where
// the language has no such table).
void print_found(std::ostream& os, const smtpcodes::found_reply& f,
                 const smtpcodes::reply_code_info* info,
                 const smtpcodes::enhanced_status_explanation* e) {
  const smtpcodes_cli::messages& w = words();
  const std::size_t column =
      label_column({w.code, w.enhanced, w.answers, w.server_said, w.provider, w.meaning, w.source,
                    w.retry, w.fix, w.who_acts, w.check_first});
  const std::string_view command = smtpcodes::to_string(f.command);
  std::string lead;
  if (f.code) lead = std::to_string(f.code->value());
  if (f.enhanced)
    lead += (lead.empty() ? "" : " ") + std::string(smtpcodes::to_text(*f.enhanced).view());
  if (lead.empty() && f.mismatched_enhanced)
    lead = std::string(smtpcodes::to_text(*f.mismatched_enhanced).view());
  std::string title = info ? std::string(info->name) : e ? std::string(e->label()) : "";
  if (!command.empty()) title += in_parens(std::string(w.answering) + " " + std::string(command));
  wrap_after(os, lead + "  ", title, 5);
  if (info)
    wrap_after(os, label_lead(w.code, column) + std::to_string(info->code) + " ",
               std::string(info->name) + std::string(semicolon()) +
                   std::string(smtpcodes::class_name(info->as_code().klass(), texts())),
               column);
  if (e)
    wrap_after(
        os, label_lead(w.enhanced, column) + std::string(smtpcodes::to_text(e->code).view()) + " ",
        e->label(), column);
  if (f.mismatched_enhanced)
    wrap_after(os,
               label_lead(w.enhanced, column) +
                   std::string(smtpcodes::to_text(*f.mismatched_enhanced).view()) + " ",
               w.ignored_enhanced, column);
  wrap_after(os, label_lead(w.answers, column),
             command.empty() ? std::string(w.no_command) : std::string(command), column);
  wrap_after(os, label_lead(w.server_said, column),
             f.text.empty() ? std::string(w.no_text) : printable(f.text), column);
  if (f.line_count > 1) {
    // The server's lines as pasted (made safe), not wrapped: they are the data being shown.
    std::string_view rest = f.match;
    while (!rest.empty()) {
      const std::size_t end = rest.find_first_of("\r\n");
      os << "    | " << printable(rest.substr(0, end)) << '\n';
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + (rest.compare(end, 2, "\r\n") == 0 ? 2 : 1));
    }
  }
  os << '\n' << w.what_it_means << '\n';
  if (info) wrap(os, with_colon(std::to_string(info->code)) + std::string(info->description), 2, 2);
  if (e)
    wrap(
        os,
        with_colon(std::string(smtpcodes::to_text(e->code).view())) + std::string(e->description()),
        2, 2);
  const smtpcodes::classification verdict = smtpcodes::classify(f);
  const smtpcodes::bounce_reason_info reason = smtpcodes::localize(*verdict.info, texts());
  os << '\n' << w.bounce_reason << '\n';
  wrap(os,
       std::string(reason.name) + in_parens(verdict.hard ? w.hard : w.soft) + with_colon("") +
           std::string(reason.description),
       2, 2);
  if (verdict.who != smtpcodes::provider::none)
    wrap_after(os, label_lead(w.provider, column), smtpcodes::to_string(verdict.who), column);
  const smtpcodes::provider_code_info* entry = verdict.provider_entry;
  const smtpcodes::provider_code_info provider =
      entry != nullptr ? smtpcodes::localize(*entry, texts()) : smtpcodes::provider_code_info{};
  if (entry != nullptr) {
    wrap_after(os, label_lead(w.meaning, column), provider.meaning, column);
    wrap_after(os, label_lead(w.source, column), entry->url, column);
  }
  wrap_after(os, label_lead(w.retry, column), smtpcodes_cli::retry_word(w, verdict.retry), column);
  // The classification's fix is the provider's when one matched (and has one), else the
  // reason's: the same text in the language.
  wrap_after(
      os, label_lead(w.fix, column),
      entry != nullptr && verdict.fix.data() == entry->fix.data() ? provider.fix : reason.fix,
      column);
  os << '\n' << w.what_to_do << '\n';
  if (const smtpcodes::common_reply* raw_common = common_for(f)) {
    const smtpcodes::common_reply c = smtpcodes::localize(*raw_common, texts());
    wrap(os, std::string(c.title) + in_parens(c.rfc), 2, 2);
    wrap_after(os, label_lead(w.who_acts, column), smtpcodes::to_string(c.who, texts()), column);
    wrap_after(os, label_lead(w.check_first, column), c.check_first, column);
    wrap_after(os, label_lead(w.retry, column),
               with_colon(smtpcodes::to_string(c.retry, texts())) + std::string(c.retry_when),
               column);
    os << '\n';
  }
  if (info) wrap(os, with_colon(std::to_string(info->code)) + std::string(info->fix), 2, 2);
  if (e)
    wrap(os, with_colon(std::string(smtpcodes::to_text(e->code).view())) + std::string(e->fix()), 2,
         2);
}

/// `explain 550` / `explain 5.7.1`: today's per-code output (kind reply_code / enhanced_status).
int explain_bare_code(std::string_view text, bool json) {
  if (text.find('.') != std::string_view::npos) {
    const auto status = smtpcodes::parse_enhanced_status(text);
    if (!status) fail(quoted(text) + std::string(words().not_enhanced_code));
    const auto e = smtpcodes::explain(*status);
    // A code a single provider defines (5.7.606): its meaning first, marked provider-specific;
    // the registry's reading of its digits follows.
    const smtpcodes::provider_code_info* p =
        e->is_registered() ? nullptr : smtpcodes::lookup_provider_code(text);
    if (json) {
      json_writer j;
      if (p != nullptr) {
        write_provider_json(j, *p);
      } else {
        write_enhanced_json(j, *e);
      }
      std::cout << j.str() << '\n';
    } else {
      if (p != nullptr) {
        print_provider(std::cout, *p);
        std::cout << '\n' << words().from_its_digits << '\n';
      }
      print_enhanced(std::cout, *e);
    }
    return 0;
  }
  const smtpcodes::reply_code code = parse_basic_or_fail(text);
  const auto info = smtpcodes::explain(code);
  if (json) {
    json_writer j;
    write_reply_json(j, *info);
    std::cout << j.str() << '\n';
  } else {
    print_reply(std::cout, *info);
  }
  return 0;
}

int cmd_explain(const parsed_options& o) {
  const auto& args = o.operands;
  const bool json = o.has("--json");
  const smtpcodes_cli::messages& w = words();
  if (args.size() > 1) fail(fill(w.explain_takes_one, {{"count", std::to_string(args.size())}}));
  const bool from_stdin = args.empty() || args[0] == "-";
  if (args.empty() && isatty(STDIN_FILENO) == 1) fail(std::string(w.explain_needs_code));
  const std::string input = from_stdin ? read_input("-", w) : std::string(args[0]);
  const std::string_view trimmed = trim_blank(input);
  if (trimmed.empty()) fail(std::string(from_stdin ? w.explain_empty_stdin : w.explain_empty_text));
  if (is_bare_code(trimmed)) return explain_bare_code(trimmed, json);
  if (const smtpcodes::provider_code_info* p = smtpcodes::lookup_provider_code(trimmed)) {
    if (json) {
      json_writer j;
      write_provider_json(j, *p);
      std::cout << j.str() << '\n';
    } else {
      print_provider(std::cout, *p);
    }
    return 0;
  }
  const smtpcodes::found_reply found = smtpcodes::find_reply(input);
  if (found.failed()) fail(fill(w.no_reply_code, {{"excerpt", quoted_excerpt(trimmed)}}));
  if (json) {
    json_writer j;
    write_found_json(j, found);
    std::cout << j.str() << '\n';
  } else {
    // Both explain() calls answer for every code find_reply returns (well-formed ones).
    const auto info = found.code ? smtpcodes::explain(*found.code, texts()) : std::nullopt;
    std::optional<localized_enhanced> e;
    if (found.enhanced) e.emplace(*smtpcodes::explain(*found.enhanced));
    print_found(std::cout, found, info ? &*info : nullptr, e ? &**e : nullptr);
  }
  return 0;
}

int cmd_compare(const parsed_options& o) {
  const auto& args = o.operands;
  if (args.size() != 2)
    fail(fill(words().compare_needs_two, {{"count", std::to_string(args.size())}}));
  auto parse = [](std::string_view text) -> smtpcodes::code_ref {
    if (text.find('.') == std::string_view::npos) return parse_basic_or_fail(text);
    const auto status = smtpcodes::parse_enhanced_status(text);
    if (!status) fail(quoted(text) + std::string(words().not_enhanced_code));
    return *status;
  };
  const smtpcodes::code_ref a = parse(args[0]);
  const smtpcodes::code_ref b = parse(args[1]);
  const auto c = smtpcodes::compare(a, b, texts());
  const std::string ta(c->first.text.view());
  const std::string tb(c->second.text.view());
  if (o.has("--json")) {
    json_writer j;
    j.begin_object();
    for (const auto* side : {&c->first, &c->second}) {
      j.key(side == &c->first ? "first" : "second");
      if (side->code.is_reply())
        write_reply_json(j, side->reply);
      else
        write_enhanced_json(j, side->enhanced);
    }
    j.key("kind").begin_object();
    j.field("first", smtpcodes::to_string(c->first.kind()));
    j.field("second", smtpcodes::to_string(c->second.kind()));
    j.end_object();
    j.field("same_code", c->same_code);
    j.field("same_class", c->same_class);
    j.field("same_category", c->same_category);
    j.field("relation", c->relation.view());
    j.key("next_step").begin_object();
    for (const auto* side : {&c->first, &c->second}) {
      j.key(side == &c->first ? "first" : "second").begin_object();
      j.field("step", smtpcodes::to_string(side->next));
      j.field("text", side->next_text);
      j.end_object();
    }
    j.end_object();
    j.key("differences").begin_array();
    for (const auto& d : c->differences()) {
      j.begin_object();
      j.field("aspect", d.aspect);
      j.field("first", d.first);
      j.field("second", d.second);
      j.end_object();
    }
    j.end_array();
    j.end_object();
    std::cout << j.str() << '\n';
    return 0;
  }
  // The codes' names and explanations, the relation, the next steps and the differences are
  // the output language's (catalog.hpp's compare; English where the language has no compare
  // tables yet).
  std::ostream& os = std::cout;
  const smtpcodes_cli::messages& w = words();
  auto name_of = [](const auto& side) {
    if (side.code.is_reply()) return std::string(smtpcodes::localize(side.reply, texts()).name);
    const localized_enhanced e(side.enhanced);
    return std::string(e->label());
  };
  const std::string vs = " " + std::string(w.versus) + " ";
  wrap(os, with_colon(ta + vs + tb) + name_of(c->first) + vs + name_of(c->second), 0, 2);
  os << '\n';
  wrap(os, c->relation.view(), 0);
  if (c->same_code) {
    os << '\n' << with_colon(w.same_code) << w.yes << '\n';
  } else {
    os << '\n'
       << with_colon(w.same_class) << (c->same_class ? w.yes : w.no) << "    "
       << with_colon(w.same_category) << (c->same_category ? w.yes : w.no) << '\n';
  }
  os << '\n' << w.next_step << '\n';
  for (const auto* side : {&c->first, &c->second}) {
    wrap(os,
         with_colon(side->text.view()) + with_colon(smtpcodes::to_string(side->next, texts())) +
             std::string(side->next_text) + std::string(full_stop()),
         2, 4);
    if (c->same_code) break;
  }
  if (!c->differences().empty()) {
    os << '\n' << w.how_they_differ << '\n';
    for (const auto& d : c->differences()) {
      wrap(os, d.aspect, 2, 2);
      wrap(os, with_colon(ta) + std::string(d.first), 4, 5);
      wrap(os, with_colon(tb) + std::string(d.second), 4, 5);
    }
  }
  for (const auto* side : {&c->first, &c->second}) {
    os << "\n----\n";
    if (side->code.is_reply())
      print_reply(os, side->reply);
    else
      print_enhanced(os, side->enhanced);
    if (c->same_code) break;
  }
  return 0;
}

int cmd_list(const parsed_options& o) {
  if (!o.operands.empty())
    fail(fill(words().list_no_arguments, {{"argument", quoted(o.operands[0])}}));
  const bool json = o.has("--json");
  const bool enhanced = o.has("--enhanced");
  const std::string_view klass = o.value("--class", "");
  const int only_class = klass.empty() ? 0 : klass[0] - '0';
  if (enhanced && only_class == 3) fail(std::string(words().no_enhanced_class_3));
  json_writer j;
  if (json) j.begin_array();
  if (enhanced) {
    for (const auto& d : smtpcodes::registered_enhanced_statuses()) {
      if (only_class != 0) {
        const smtpcodes::enhanced_status code{static_cast<std::uint8_t>(only_class), d.subject,
                                              d.detail};
        if (json) {
          write_enhanced_json(j, *smtpcodes::explain(code));
        } else {
          print_list_line(smtpcodes::to_text(code).view(), smtpcodes::localize(d, texts()).label);
        }
      } else if (json) {
        write_detail_json(j, d);
      } else {
        print_list_line("X." + std::to_string(d.subject) + "." + std::to_string(d.detail),
                        smtpcodes::localize(d, texts()).label);
      }
    }
  } else {
    for (const auto& info : smtpcodes::registered_reply_codes()) {
      if (only_class != 0 && info.code / 100 != only_class) continue;
      if (json) {
        write_reply_json(j, info);
      } else {
        std::string tag = info.status == smtpcodes::code_status::current
                              ? std::string()
                              : in_parens(status_word(info.status));
        wrap_after(std::cout, std::to_string(info.code) + "  ",
                   std::string(smtpcodes::name(info.as_code(), texts())) + tag, 5);
      }
    }
  }
  if (json) {
    j.end_array();
    std::cout << j.str() << '\n';
  }
  return 0;
}

/// The input of a stream command: its one optional FILE operand, or stdin.
std::string stream_input(const std::vector<std::string_view>& files, std::string_view command) {
  if (files.size() > 1)
    fail(fill(words().takes_one_file,
              {{"command", command}, {"count", std::to_string(files.size())}}));
  return read_input(files.empty() ? std::string_view() : files[0], words());
}

/// "smtpcodes: WHAT: NAME at byte N (description)", a protocol error's line on stderr, in the
/// output language (the error's name as it is).
void print_protocol_error(std::string_view what, smtpcodes::errc error, std::size_t offset) {
  std::cerr << "smtpcodes: "
            << fill(words().protocol_error, {{"what", what},
                                             {"error", smtpcodes::to_string(error)},
                                             {"offset", std::to_string(offset)},
                                             {"text", smtpcodes::describe(error, texts())}})
            << '\n';
}

/// A protocol error in a parsed stream: with --json the last JSON line on stdout, else one
/// "smtpcodes: COMMAND: NAME at byte N (description)" line on stderr.
void report_protocol_error(std::string_view command, smtpcodes::errc error, std::size_t offset,
                           bool json) {
  if (json) {
    json_writer j;
    j.begin_object();
    j.field("error", smtpcodes::to_string(error));
    j.field("offset", static_cast<long long>(offset));
    j.end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout.flush();
    print_protocol_error(command, error, offset);
  }
}

/// Whether `--bare-lf normalize` was given (replies, commands; the default is reject).
bool normalize_bare_lf(const parsed_options& o) {
  return o.value("--bare-lf", "reject") == "normalize";
}

void print_reply_json(const smtpcodes::reply_view& reply, std::size_t start, std::size_t final) {
  const auto info = smtpcodes::explain(reply.code(), texts());
  json_writer j;
  j.begin_object();
  j.field("code", static_cast<long long>(reply.code().value()));
  j.key("enhanced");
  if (reply.enhanced()) {
    j.value(smtpcodes::to_text(*reply.enhanced()).view());
  } else {
    j.null();
  }
  j.key("lines").begin_array();
  for (const auto& line : reply) j.value(line.text);
  j.end_array();
  j.field("start", static_cast<long long>(start));
  j.field("final", static_cast<long long>(final));
  j.field("name", info->name);
  j.field("fix", info->fix);
  j.key("enhanced_fix");
  if (reply.enhanced()) {
    j.value(localized_enhanced(*smtpcodes::explain(*reply.enhanced()))->fix());
  } else {
    j.null();
  }
  j.end_object();
  std::cout << j.str() << '\n';
}

void print_reply_text(const smtpcodes::reply_view& reply, std::size_t number, std::size_t start,
                      std::size_t final) {
  const auto info = smtpcodes::explain(reply.code(), texts());
  const smtpcodes_cli::messages& w = words();
  std::string lead = "#" + std::to_string(number) + "  " + std::string(w.bytes) + " " +
                     std::to_string(start) + "-" + std::to_string(final) + "  " +
                     std::to_string(reply.code().value());
  if (reply.enhanced()) lead += " " + std::string(smtpcodes::to_text(*reply.enhanced()).view());
  lead += "  " + std::to_string(reply.line_count()) + " " +
          std::string(smtpcodes_cli::lines_word(*output_language, reply.line_count())) + "  ";
  wrap_after(std::cout, lead, info->name, 4);
  // The server's lines as sent (made safe), not wrapped: they are the data being shown.
  for (const auto& line : reply) std::cout << "    | " << printable(line.text) << '\n';
  wrap(std::cout, info->description, 4);
  wrap(std::cout, with_colon(w.what_to_do) + std::string(info->fix), 4, 2);
  if (reply.enhanced()) {
    const localized_enhanced e(*smtpcodes::explain(*reply.enhanced()));
    wrap(std::cout,
         with_colon(smtpcodes::to_text(e->code).view()) + std::string(e->label()) +
             sentence_break() + std::string(e->description()),
         4, 2);
    wrap(std::cout, with_colon(w.what_to_do) + std::string(e->fix()), 4, 2);
  }
  std::cout << '\n';
}

int cmd_replies(const parsed_options& o) {
  const bool json = o.has("--json");
  smtpcodes::reply_options options;
  options.accept_8bit = o.has("--accept-8bit");
  options.accept_bare_lf = normalize_bare_lf(o);
  const std::string input = stream_input(o.operands, "replies");
  smtpcodes::reply_parser parser(options);
  std::string_view rest = input;
  std::size_t base = 0;
  std::size_t number = 0;
  while (true) {
    const auto r = parser.feed(rest);
    if (r.failed()) {
      report_protocol_error("replies", r.error, base + r.offset, json);
      return 1;
    }
    if (r.needs_more()) {
      const auto end = parser.finish(rest);
      if (end.failed()) {
        report_protocol_error("replies", end.error, base + end.offset, json);
        return 1;
      }
      return 0;
    }
    ++number;
    if (json) {
      print_reply_json(parser.reply(), base, base + r.consumed);
    } else {
      print_reply_text(parser.reply(), number, base, base + r.consumed);
    }
    rest.remove_prefix(r.consumed);
    base += r.consumed;
  }
}

int cmd_commands(const parsed_options& o) {
  const bool json = o.has("--json");
  const bool normalize = normalize_bare_lf(o);
  const std::string input = stream_input(o.operands, "commands");
  smtpcodes::line_options framing;
  framing.max_line_length = smtpcodes::command_line_limit;
  framing.accept_8bit = true;  // parse_command decides whether 8-bit is allowed (SMTPUTF8)
  framing.accept_bare_lf = normalize;
  smtpcodes::line_reader reader(framing);
  smtpcodes::dot_decoder_options data_options;
  data_options.bare_line_endings =
      normalize ? smtpcodes::line_ending_policy::normalize : smtpcodes::line_ending_policy::reject;
  smtpcodes::command_options options;
  // Credentials are masked unless --no-redact: AUTH initial responses and the lines presumed to
  // answer 334 challenges (only the client side is known: redact.hpp's client-only rule).
  const bool redact = !o.has("--no-redact");
  smtpcodes::client_redactor redactor;
  std::string redacted;
  std::string_view rest = input;
  std::size_t base = 0;
  std::size_t number = 0;
  std::string scratch;
  auto error = [&](smtpcodes::errc e, std::size_t at) {
    report_protocol_error("commands", e, at, json);
    return 1;
  };
  // A line taken for a SASL response: not a command, shown (masked unless it says nothing).
  auto sasl_response = [&](std::string_view text, bool masked) {
    if (json) {
      json_writer j;
      j.begin_object();
      j.field("kind", "sasl_response");
      j.field("text", text);
      j.field("redacted", masked);
      j.field("offset", static_cast<long long>(base));
      j.end_object();
      std::cout << j.str() << '\n';
    } else {
      const smtpcodes_cli::messages& w = words();
      std::cout << "#" << number << " @" << base << "  ";
      if (text.empty()) {
        std::cout << w.sasl_empty << '\n';
      } else {
        std::cout << printable(text) << "  " << (masked ? w.sasl_redacted : w.sasl_shown) << '\n';
      }
    }
  };
  auto content = [&](const char* kind, std::size_t octets, std::size_t message_octets) {
    if (json) {
      json_writer j;
      j.begin_object();
      j.field("data", static_cast<long long>(octets));
      j.field("kind", kind);
      j.field("message_octets", static_cast<long long>(message_octets));
      j.field("offset", static_cast<long long>(base));
      j.end_object();
      std::cout << j.str() << '\n';
    } else {
      std::cout << "     @" << base << "  "
                << fill(words().content_octets, {{"kind", kind},
                                                 {"octets", std::to_string(octets)},
                                                 {"message", std::to_string(message_octets)}})
                << '\n';
    }
  };
  while (true) {
    const auto r = reader.feed(rest);
    if (r.failed()) return error(r.error, base + r.offset);
    if (r.needs_more()) {
      if (!rest.empty()) return error(smtpcodes::errc::unterminated_line, base + rest.size());
      return 0;
    }
    const std::string_view line = reader.line();
    smtpcodes::redact_result masking;
    masking.text = line;
    if (redact) {
      redacted.resize(smtpcodes::redacted_size_max(line.size()));
      masking = redactor.redact(line, &redacted[0], redacted.size());
      if (masking.failed()) return error(masking.error, base + masking.offset);
      if (masking.kind == smtpcodes::redacted_kind::sasl_response) {
        ++number;
        sasl_response(masking.text, masking.masked);
        rest.remove_prefix(r.consumed);
        base += r.consumed;
        continue;
      }
    }
    const auto parsed = smtpcodes::parse_command(line, options);
    if (!parsed.ok()) return error(parsed.error, base + parsed.offset);
    const smtpcodes::command& c = parsed.cmd;
    ++number;
    const bool has_path =
        c.verb == smtpcodes::command_verb::mail || c.verb == smtpcodes::command_verb::rcpt;
    std::string verb = c.verb == smtpcodes::command_verb::unknown
                           ? std::string(c.verb_text)
                           : std::string(smtpcodes::to_string(c.verb));
    std::string_view argument = c.argument;
    if (masking.masked) {
      // The redacted line is the line's first `kept` octets, then the mask: show the verb and
      // the argument from it, never from the line.
      const std::size_t kept = masking.text.size() - smtpcodes::redaction_mask.size();
      const std::size_t argument_at =
          c.argument.empty() ? line.size()
                             : static_cast<std::size_t>(c.argument.data() - line.data());
      if (c.verb_text.size() > kept) {
        verb = std::string(masking.text);
        argument = {};
      } else {
        argument = argument_at <= masking.text.size() ? masking.text.substr(argument_at)
                                                      : std::string_view();
      }
    }
    if (json) {
      json_writer j;
      j.begin_object();
      j.field("verb", verb);
      j.field("known", c.verb != smtpcodes::command_verb::unknown);
      j.field("argument", argument);
      if (masking.masked) j.field("redacted", true);
      if (has_path) {
        j.field("path", c.path.mailbox);
        j.key("params").begin_object();
        for (const auto& p : c.params()) {
          j.key(p.keyword);
          if (p.has_value) {
            j.value(p.value);
          } else {
            j.value(true);
          }
        }
        j.end_object();
      }
      j.field("offset", static_cast<long long>(base));
      j.end_object();
      std::cout << j.str() << '\n';
    } else {
      std::cout << "#" << number << " @" << base << "  " << printable(verb);
      if (has_path) {
        std::cout << "  <" << printable(c.path.mailbox) << ">";
        for (const auto& p : c.params()) {
          std::cout << "  " << printable(p.keyword) << (p.has_value ? "=" : "")
                    << printable(p.value);
        }
      } else if (!argument.empty()) {
        std::cout << "  " << printable(argument);
      }
      if (c.verb == smtpcodes::command_verb::unknown) std::cout << "  " << words().unknown_verb;
      if (masking.masked) std::cout << "  " << words().redacted;
      std::cout << '\n';
    }
    rest.remove_prefix(r.consumed);
    base += r.consumed;
    // Track SMTPUTF8 for the transaction's RCPT commands (RFC 6531 §3.4).
    if (c.verb == smtpcodes::command_verb::mail) options.smtputf8 = c.values.smtputf8;
    if (c.verb == smtpcodes::command_verb::rset || c.verb == smtpcodes::command_verb::ehlo ||
        c.verb == smtpcodes::command_verb::helo || c.verb == smtpcodes::command_verb::lhlo)
      options.smtputf8 = false;
    if (c.verb == smtpcodes::command_verb::data) {
      // Assumes the server answered 354: the message follows, up to CRLF.CRLF.
      smtpcodes::dot_decoder decoder(data_options);
      scratch.resize(decoder.max_decoded_size(rest.size()));
      const auto d = decoder.decode(rest, &scratch[0], scratch.size());
      if (d.failed()) return error(d.error, base + d.offset);
      if (!d.is_complete()) return error(smtpcodes::errc::unterminated_data, base + rest.size());
      content("DATA", d.consumed, d.produced);
      rest.remove_prefix(d.consumed);
      base += d.consumed;
      options.smtputf8 = false;
    } else if (c.verb == smtpcodes::command_verb::bdat) {
      smtpcodes::bdat_chunk chunk(c.chunk_size, c.last);
      const std::size_t n = chunk.take(rest.size());
      if (!chunk.is_complete())
        return error(smtpcodes::errc::unterminated_data, base + rest.size());
      content(c.last ? "BDAT LAST" : "BDAT", n, n);
      rest.remove_prefix(n);
      base += n;
      if (c.last) options.smtputf8 = false;
    }
  }
}

int cmd_session(const parsed_options& o) {
  if (!o.operands.empty()) fail(std::string(words().session_no_operands));
  if (!o.has("--client") || !o.has("--server")) fail(std::string(words().session_needs_both));
  const std::string_view client_path = o.value("--client", "");
  const std::string_view server_path = o.value("--server", "");
  if (client_path == "-" && server_path == "-") fail(std::string(words().one_stdin));
  const std::string client = smtpcodes_cli::read_input(client_path, words());
  const std::string server = smtpcodes_cli::read_input(server_path, words());
  const bool json = o.has("--json");
  const smtpcodes_cli::session_analysis a =
      smtpcodes_cli::analyse_session(client, server, o.has("--lmtp"));
  for (const smtpcodes_cli::session_step& s : a.steps) {
    if (json) {
      json_writer j;
      j.begin_object();
      j.field("command", s.verb);
      j.field("offset", static_cast<long long>(s.offset));
      j.key("reply");
      if (s.reply < 0) {
        j.null();
      } else {
        j.value(static_cast<long long>(s.reply));
      }
      j.field("reply_offset", static_cast<long long>(s.reply_offset));
      j.key("violation");
      if (s.violation.empty()) {
        j.null();
      } else {
        j.value(s.violation);
      }
      if (!s.argument.empty()) j.field("argument", s.argument);
      if (s.has_data_reply) {
        j.key("data_reply");
        if (o.has("--lmtp")) {
          j.begin_array();
          for (const int code : s.data_replies) j.value(static_cast<long long>(code));
          j.end_array();
        } else if (s.data_replies.empty()) {
          j.null();
        } else {
          j.value(static_cast<long long>(s.data_replies[0]));
        }
      }
      j.end_object();
      std::cout << j.str() << '\n';
      continue;
    }
    // The verb, codes, offsets and violation names as they are; the words in the language.
    const smtpcodes_cli::messages& w = words();
    std::cout << "@" << s.offset << "  " << (s.unsolicited ? w.unsolicited : printable(s.verb));
    if (s.sasl_response)
      std::cout << " <" << w.sasl_answer << ">";
    else if (!s.argument.empty())
      std::cout << " <" << printable(s.argument) << ">";
    if (s.reply >= 0) {
      std::cout << "  -> " << s.reply << " " << printable(s.reply_text) << "  "
                << fill(w.reply_at, {{"offset", std::to_string(s.reply_offset)}});
    } else {
      std::cout << "  -> " << w.no_reply;
    }
    if (s.has_data_reply) {
      std::cout << "\n      " << fill(w.content_size, {{"count", std::to_string(s.content_octets)}})
                << " -> ";
      if (s.data_replies.empty()) std::cout << w.no_reply;
      for (std::size_t k = 0; k < s.data_replies.size(); ++k)
        std::cout << (k ? w.list_comma : "") << s.data_replies[k];
      const bool delivered = !s.data_replies.empty() && s.data_replies[0] / 100 == 2;
      if (!o.has("--lmtp")) std::cout << "  " << (delivered ? w.accepted : w.not_accepted);
    }
    if (s.verb == "RCPT" && s.reply >= 0)
      std::cout << "  " << (s.reply / 100 == 2 ? w.recipient_accepted : w.recipient_refused);
    if (!s.violation.empty())
      std::cout << "\n      "
                << fill(s.violation_in_server ? w.violation_in_server : w.violation_in_client,
                        {{"violation", s.violation},
                         {"offset", std::to_string(s.violation_offset)}});
    std::cout << '\n';
  }
  if (!json) {
    if (a.tls_started) std::cout << words().rest_is_tls << '\n';
    std::cout << smtpcodes_cli::violations_text(*output_language, a.violations) << '\n';
  }
  return a.violations == 0 ? 0 : 1;
}

int cmd_dot(const parsed_options& o) {
  const auto& args = o.operands;
  if (args.empty() || (args[0] != "encode" && args[0] != "decode"))
    fail(std::string(words().dot_needs_mode));
  const bool encoding = args[0] == "encode";
  const char* what = encoding ? "dot encode" : "dot decode";
  const std::string_view bare = o.value("--bare-lf", "reject");
  const smtpcodes::line_ending_policy policy =
      bare == "normalize" ? smtpcodes::line_ending_policy::normalize
      : bare == "pass"    ? smtpcodes::line_ending_policy::pass
                          : smtpcodes::line_ending_policy::reject;
  const std::string input =
      stream_input(std::vector<std::string_view>(args.begin() + 1, args.end()), what);
  auto protocol_error = [&](smtpcodes::errc e, std::size_t at) {
    print_protocol_error(what, e, at);
    return 1;
  };
  std::string out;
  if (encoding) {
    smtpcodes::dot_encoder encoder(smtpcodes::dot_encoder_options{policy});
    out.resize(smtpcodes::dot_encoder::max_encoded_size(input.size()) +
               smtpcodes::dot_encoder::max_finish_size);
    const auto r = encoder.encode(input, &out[0], out.size());
    if (r.failed()) return protocol_error(r.error, r.offset);
    const auto f = encoder.finish(&out[r.produced], out.size() - r.produced);
    if (f.failed()) return protocol_error(f.error, input.size());
    out.resize(r.produced + f.produced);
    std::cout.write(out.data(), static_cast<std::streamsize>(out.size()));
    return 0;
  }
  smtpcodes::dot_decoder_options options;
  options.bare_line_endings = policy;
  smtpcodes::dot_decoder decoder(options);
  out.resize(decoder.max_decoded_size(input.size()));
  const auto r = decoder.decode(input, &out[0], out.size());
  std::cout.write(out.data(), static_cast<std::streamsize>(r.produced));
  std::cout.flush();
  if (r.failed()) return protocol_error(r.error, r.offset);
  if (r.needs_more()) return protocol_error(smtpcodes::errc::unterminated_data, input.size());
  std::cerr << "smtpcodes: "
            << fill(words().dot_trailing, {{"what", what},
                                           {"offset", std::to_string(r.consumed)},
                                           {"count", std::to_string(input.size() - r.consumed)}})
            << '\n';
  return 0;
}

// ---- bounce: the recipients of bounce messages, each with its reason ----

int cmd_bounce(const parsed_options& o) {
  const bool json = o.has("--json");
  std::vector<std::string_view> files = o.operands;
  if (files.empty()) files.push_back("-");
  int status = 0;
  for (const std::string_view file : files) {
    const std::string input = read_input(file, words());
    const std::string name = file == "-" ? std::string("-") : std::string(file);
    const std::vector<smtpcodes_cli::mbox_message> messages = smtpcodes_cli::split_mbox(input);
    for (const smtpcodes_cli::mbox_message& m : messages) {
      // Decoded parts are never longer than their encoded text, so the message's size will do.
      std::vector<char> scratch(m.text.size() + 1);
      const smtpcodes::dsn_result d = smtpcodes::parse_dsn(m.text, scratch.data(), scratch.size());
      if (d.failed()) {
        status = 1;
        const std::size_t at = m.offset + d.offset;
        if (json) {
          json_writer j;
          j.begin_object();
          j.field("file", name);
          j.field("error", smtpcodes::to_string(d.error));
          j.field("offset", static_cast<long long>(at));
          j.end_object();
          std::cout << j.str() << '\n';
        } else {
          std::cout.flush();
          print_protocol_error(with_colon("bounce") + name, d.error, at);
        }
        continue;
      }
      if (!json) {
        std::string head = name;
        const smtpcodes_cli::messages& w = words();
        if (messages.size() > 1)
          head += " " + std::string(w.at_byte) + " " + std::to_string(m.offset);
        head = with_colon(head) + std::string(smtpcodes::to_string(d.kind));
        if (!d.reporting_mta.value.empty())
          head += " " + std::string(w.from) + " " + printable(d.reporting_mta.value);
        std::cout << head << '\n';
      }
      (void)smtpcodes::for_each_bounced_recipient(d, [&](const smtpcodes::bounced_recipient& r) {
        if (json) {
          smtpcodes_cli::write_bounce_json(std::cout, name, r);
        } else {
          smtpcodes_cli::print_bounce_text(std::cout, r, text_width, *output_language);
        }
      });
    }
  }
  return status;
}

int cmd_help(const parsed_options& o);

/// One command of the tool: its name, help, options and what runs it.
struct command_spec {
  std::string_view name;
  std::string_view smtpcodes_cli::help_texts::*help;  ///< its help, in each language
  std::vector<option_spec> options;
  int (*run)(const parsed_options&);
};

/// --lang: one of the languages the tool speaks (messages.hpp).
option_spec lang_option() {
  option_spec spec{"--lang", {}};
  for (const auto& l : smtpcodes_cli::languages) spec.choices.push_back(l.tag);
  return spec;
}

const std::vector<command_spec>& commands() {
  static const std::vector<command_spec> table = {
      {"explain",
       &smtpcodes_cli::help_texts::explain,
       {{"--json", {}}, lang_option()},
       cmd_explain},
      {"compare",
       &smtpcodes_cli::help_texts::compare,
       {{"--json", {}}, lang_option()},
       cmd_compare},
      {"list",
       &smtpcodes_cli::help_texts::list,
       {{"--json", {}}, {"--enhanced", {}}, {"--class", {"2", "3", "4", "5"}}, lang_option()},
       cmd_list},
      {"replies",
       &smtpcodes_cli::help_texts::replies,
       {{"--json", {}},
        {"--accept-8bit", {}},
        {"--bare-lf", {"reject", "normalize"}},
        lang_option()},
       cmd_replies},
      {"commands",
       &smtpcodes_cli::help_texts::commands,
       {{"--json", {}}, {"--bare-lf", {"reject", "normalize"}}, {"--no-redact", {}}, lang_option()},
       cmd_commands},
      {"session",
       &smtpcodes_cli::help_texts::session,
       {{"--client", {}, true},
        {"--server", {}, true},
        {"--lmtp", {}},
        {"--json", {}},
        lang_option()},
       cmd_session},
      {"bounce", &smtpcodes_cli::help_texts::bounce, {{"--json", {}}, lang_option()}, cmd_bounce},
      {"dot",
       &smtpcodes_cli::help_texts::dot,
       {{"--bare-lf", {"reject", "normalize", "pass"}}, lang_option()},
       cmd_dot},
      {"help", &smtpcodes_cli::help_texts::help, {lang_option()}, cmd_help},
  };
  return table;
}

const command_spec* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

int cmd_help(const parsed_options& o) {
  if (o.operands.empty()) {
    std::cout << output_language->help->overview;
    return 0;
  }
  if (o.operands.size() > 1)
    fail(fill(words().help_takes_one, {{"count", std::to_string(o.operands.size())}}));
  const command_spec* c = find_command(o.operands[0]);
  if (c == nullptr) fail(fill(words().unknown_command, {{"command", quoted(o.operands[0])}}));
  std::cout << output_language->help->*c->help;
  return 0;
}

/// The language the first valid --lang in `args` names ("--lang xx" or "--lang=xx"; none after
/// "--"), or nullptr.
const smtpcodes_cli::language* lang_asked(const std::vector<std::string_view>& args) {
  for (std::size_t i = 0; i < args.size() && args[i] != "--"; ++i) {
    std::string_view tag;
    if (args[i].substr(0, 7) == "--lang=")
      tag = args[i].substr(7);
    else if (args[i] == "--lang" && i + 1 < args.size())
      tag = args[i + 1];
    else
      continue;
    if (const smtpcodes_cli::language* l = smtpcodes_cli::find_language(tag)) return l;
  }
  return nullptr;
}

/// Whether `command` takes --lang.
bool takes_lang(const command_spec& command) {
  for (const option_spec& o : command.options)
    if (o.name == "--lang") return true;
  return false;
}

int run(int argc, char** argv) {
  const std::vector<std::string_view> all(argv + 1, argv + argc);
  // The language of the messages from the start, so that the usage errors found before the
  // options are parsed are in it too: a valid --lang, else LC_ALL, LC_MESSAGES, LANG; once the
  // command is known, the environment alone for a command that takes no --lang (every command
  // takes it today; one added without it would refuse it in the environment's language). An
  // invalid --lang is refused in the environment's language.
  const smtpcodes_cli::language* asked = lang_asked(all);
  output_language = asked != nullptr ? asked : &smtpcodes_cli::language_from_environment();
  // Before the command: only --help, --version and --json (kept for the command).
  std::size_t i = 0;
  std::vector<std::string_view> args;
  for (; i < all.size() && smtpcodes_cli::looks_like_option(all[i]); ++i) {
    if (all[i] == "--help" || all[i] == "-h") {
      std::cout << output_language->help->overview;
      return 0;
    }
    if (all[i] == "--version") {
      std::cout << "smtpcodes " << SMTPCODES_VERSION_STRING << '\n';
      return 0;
    }
    // --lang before the command is kept for it too, with its value when that is separate.
    const bool lang = all[i] == "--lang";
    if (all[i] != "--json" && !lang && all[i].substr(0, 7) != "--lang=")
      fail(fill(words().unknown_option, {{"option", quoted(all[i])}}));
    args.push_back(all[i]);
    if (lang && i + 1 < all.size()) args.push_back(all[++i]);
  }
  if (i == all.size()) fail(std::string(words().missing_command));
  const command_spec* command = find_command(all[i]);
  if (command == nullptr) fail(fill(words().unknown_command, {{"command", quoted(all[i])}}));
  if (!takes_lang(*command)) output_language = &smtpcodes_cli::language_from_environment();
  for (++i; i < all.size(); ++i) {
    if (all[i] == "--") {
      args.insert(args.end(), all.begin() + static_cast<std::ptrdiff_t>(i), all.end());
      break;
    }
    if (all[i] == "--help" || all[i] == "-h") {
      std::cout << output_language->help->*command->help;
      return 0;
    }
    args.push_back(all[i]);
  }
  text_width = smtpcodes_cli::terminal_width();
  const parsed_options options =
      smtpcodes_cli::parse_options(args, command->options, command->name, words());
  // --lang, else LC_ALL, LC_MESSAGES, LANG; parse_options has refused an unknown --lang.
  output_language = options.has("--lang")
                        ? smtpcodes_cli::find_language(options.value("--lang", ""))
                        : &smtpcodes_cli::language_from_environment();
  return command->run(options);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const smtpcodes_cli::usage_error& e) {
    std::cerr << "smtpcodes: " << e.message << '\n';
  } catch (const std::exception& e) {
    std::cerr << "smtpcodes: " << e.what() << '\n';
  }
  return 2;
}
