// smtpcodes: explain and compare SMTP reply codes and enhanced status codes from the shell.
// Built on the public headers only. Exit status: 0 success, 2 bad usage or bad input.
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "output.hpp"

namespace {

using smtpcodes_cli::json_writer;
using smtpcodes_cli::print_wrapped;
using smtpcodes_cli::printable;

constexpr std::string_view usage_text =
    R"(smtpcodes - explain SMTP reply codes and enhanced status codes

Usage:
  smtpcodes explain CODE [--json]      explain a reply code (550) or an enhanced
                                       status code (5.7.1)
  smtpcodes compare A B [--json]       compare two reply codes (235 354): classes,
                                       meanings, when each applies, how they differ
  smtpcodes list [--class N] [--json]  list every registered reply code, or only
                                       class N (2, 3, 4 or 5)
  smtpcodes list --enhanced [--class N] [--json]
                                       list the registered enhanced status codes
                                       (with --class, as N.subject.detail)
  smtpcodes replies [FILE] [--accept-8bit] [--json]
                                       parse a server-to-client byte stream (stdin
                                       by default) and print each reply with its
                                       code, enhanced code, lines and explanation;
                                       exit status 1 on a protocol error;
                                       --accept-8bit accepts octets 0x80-0xFF in
                                       reply text (SMTPUTF8 servers, RFC 6531)
  smtpcodes commands [FILE] [--json]   parse a client-to-server byte stream (stdin
                                       by default): each command with its path and
                                       parameters; DATA and BDAT contents shown as
                                       byte counts; exit status 1 on an error
  smtpcodes dot encode [FILE] [--bare-lf reject|normalize|pass]
                                       dot-stuff a message (stdin by default) and
                                       write it with its CRLF.CRLF terminator
  smtpcodes dot decode [FILE] [--bare-lf reject|normalize|pass]
                                       un-stuff DATA octets up to CRLF.CRLF; bytes
                                       after the terminator are reported on stderr
  smtpcodes --help                     this text
  smtpcodes --version                  the library version

Options:
  --json   print one JSON object (explain, compare) or one JSON array (list)
           instead of text laid out for a terminal; the field names are stable.

A reply code is three digits: the first 2-5, the second 0-5 (RFC 5321 4.2).
An enhanced status code is class.subject.detail with class 2, 4 or 5 and
subject and detail of 1 to 3 digits without leading zeros (RFC 3463).

With --json, commands prints one object per command: verb, argument, path and
params (MAIL and RCPT), offset; DATA and BDAT contents as {"data": OCTETS, ...};
an error as {"error": NAME, "offset": N}.

With --json, replies prints one object per line: code, enhanced (or null),
lines (the texts), start and final (byte offsets of the reply's first octet and
just past its last); a protocol error prints {"error": NAME, "offset": N}.

--bare-lf sets what happens to a CR or LF that is not part of CRLF: reject
(default: error with its offset), normalize (turn it into CRLF; it never ends
data), pass (keep it as content; dangerous when relaying: SMTP smuggling).

Input text is printed safely: with --json every string is valid UTF-8 (each
ill-formed UTF-8 sequence becomes U+FFFD; control characters are \u00XX); as
text, control characters and ill-formed UTF-8 are shown as \xHH per octet.

Exit status: 0 on success, 1 on a protocol error in parsed input, 2 on a usage
error or a code that is not valid.
)";

/// Thrown inside the tool only, for a one-line message and exit status 2.
struct usage_error {
  std::string message;
};

[[noreturn]] void fail(std::string message) {
  throw usage_error{std::move(message)};
}

/// An argument quoted for a message on the terminal: controls and ill-formed UTF-8 as \xHH.
std::string quoted(std::string_view s) {
  return "'" + printable(s) + "'";
}

smtpcodes::reply_code parse_basic_or_fail(std::string_view text) {
  if (const auto code = smtpcodes::parse_reply_code(text)) return *code;
  if (text.size() == 3 && text.find_first_not_of("0123456789") == std::string_view::npos)
    fail(quoted(text) +
         " is not a valid SMTP reply code: the first digit must be 2-5 and the second 0-5");
  fail(quoted(text) + " is not a reply code: expected three digits such as 550");
}

// ---- basic reply codes ----

void write_reply_json(json_writer& j, const smtpcodes::reply_code_info& info) {
  const smtpcodes::reply_code code = info.as_code();
  j.begin_object();
  j.field("kind", "reply_code");
  j.field("code", static_cast<long long>(info.code));
  j.field("name", info.name);
  j.field("class", static_cast<long long>(info.code / 100));
  j.field("class_name", smtpcodes::to_string(code.klass()));
  j.field("category", static_cast<long long>((info.code / 10) % 10));
  j.field("category_name", smtpcodes::to_string(code.category()));
  j.field("registered", info.status != smtpcodes::code_status::unregistered);
  j.field("status", smtpcodes::to_string(info.status));
  j.field("commands", info.commands);
  j.field("description", info.description);
  j.field("when", info.when);
  j.field("fix", info.fix);
  j.field("rfcs", info.rfcs);
  j.key("usages").begin_array();
  for (const auto& usage : smtpcodes::usages(code)) {
    j.begin_object();
    j.field("context", usage.context);
    j.field("meaning", usage.meaning);
    j.field("rfc", usage.rfc);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

void print_reply_header(std::ostream& os, const smtpcodes::reply_code_info& info) {
  const smtpcodes::reply_code code = info.as_code();
  os << info.code << "  " << info.name << '\n';
  os << "  class      " << info.code / 100 << "yz " << smtpcodes::to_string(code.klass()) << '\n';
  os << "  category   x" << (info.code / 10) % 10 << "z " << smtpcodes::to_string(code.category())
     << '\n';
  os << "  status     " << smtpcodes::to_string(info.status) << '\n';
  os << "  replies to " << info.commands << '\n';
  os << "  defined in " << info.rfcs << '\n';
}

void print_section(std::ostream& os, std::string_view title, std::string_view text) {
  os << '\n' << title << '\n';
  print_wrapped(os, text, 2);
}

void print_reply(std::ostream& os, const smtpcodes::reply_code_info& info) {
  print_reply_header(os, info);
  print_section(os, "What it means", info.description);
  print_section(os, "When you see it", info.when);
  print_section(os, "How to fix it", info.fix);
  const auto uses = smtpcodes::usages(info.as_code());
  if (!uses.empty()) {
    os << "\nIn specific commands\n";
    for (const auto& usage : uses) {
      std::string line = std::string(usage.context) + ": " + std::string(usage.meaning) + " (" +
                         std::string(usage.rfc) + ")";
      print_wrapped(os, line, 2, 2);
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

void write_enhanced_json(json_writer& j, const smtpcodes::enhanced_status_explanation& e) {
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

void print_enhanced(std::ostream& os, const smtpcodes::enhanced_status_explanation& e) {
  os << smtpcodes::to_text(e.code).view() << "  " << e.label() << '\n';
  os << "  class       " << int{e.code.klass} << ".X.X " << e.klass->label << '\n';
  os << "  subject     X." << e.code.subject << ".X "
     << (e.subject != nullptr ? e.subject->label : std::string_view("(unregistered subject)"))
     << '\n';
  os << "  registered  " << (e.is_registered() ? "yes" : "no") << '\n';
  if (!e.basic_codes().empty()) os << "  basic codes " << e.basic_codes() << '\n';
  os << "  defined in  " << e.rfc() << '\n';
  print_section(os, "What it means", e.description());
  if (e.subject != nullptr && e.detail != nullptr)
    print_section(os, "Subject", e.subject->description);
  print_section(os, "When you see it", e.when());
  print_section(os, "How to fix it", e.fix());
}

/// A registry entry without a class ("X.7.1"), for `list --enhanced --json`.
void write_detail_json(json_writer& j, const smtpcodes::enhanced_detail_info& d) {
  j.begin_object();
  j.field("kind", "enhanced_status");
  j.field("code", "X." + std::to_string(d.subject) + "." + std::to_string(d.detail));
  j.key("class").null();
  j.key("class_name").null();
  j.field("subject", static_cast<long long>(d.subject));
  j.field("subject_name", smtpcodes::lookup_enhanced_subject(d.subject)->label);
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

void print_list_line(std::string_view id, std::string_view label) {
  std::string padded(id);
  padded.resize(padded.size() < 8 ? 8 : padded.size() + 1, ' ');
  std::cout << padded << label << '\n';
}

// ---- commands ----

int cmd_explain(const std::vector<std::string_view>& args, bool json) {
  if (args.empty()) fail("explain needs a code, e.g. 'smtpcodes explain 550' or 'explain 5.7.1'");
  if (args.size() > 1) fail("explain takes one code, got " + std::to_string(args.size()));
  const std::string_view text = args[0];
  if (text.find('.') != std::string_view::npos) {
    const auto status = smtpcodes::parse_enhanced_status(text);
    if (!status)
      fail(quoted(text) +
           " is not an enhanced status code: expected class.subject.detail such as 5.7.1 "
           "(class 2, 4 or 5; 1-3 digits each, no leading zeros)");
    const auto e = smtpcodes::explain(*status);
    if (json) {
      json_writer j;
      write_enhanced_json(j, *e);
      std::cout << j.str() << '\n';
    } else {
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

int cmd_compare(const std::vector<std::string_view>& args, bool json) {
  if (args.size() != 2)
    fail("compare needs two reply codes, e.g. 'smtpcodes compare 235 354' (got " +
         std::to_string(args.size()) + ")");
  const smtpcodes::reply_code a = parse_basic_or_fail(args[0]);
  const smtpcodes::reply_code b = parse_basic_or_fail(args[1]);
  const auto c = smtpcodes::compare(a, b);
  if (json) {
    json_writer j;
    j.begin_object();
    j.key("first");
    write_reply_json(j, c->first);
    j.key("second");
    write_reply_json(j, c->second);
    j.field("same_class", c->same_class);
    j.field("same_category", c->same_category);
    j.field("relation", c->relation);
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
  std::ostream& os = std::cout;
  os << a.value() << " vs " << b.value() << ": " << c->first.name << " vs " << c->second.name
     << "\n\n";
  print_wrapped(os, c->relation, 0);
  os << "\nSame class: " << (c->same_class ? "yes" : "no")
     << "    Same category: " << (c->same_category ? "yes" : "no") << '\n';
  if (!c->differences().empty()) {
    os << "\nHow they differ\n";
    for (const auto& d : c->differences()) {
      os << "  " << d.aspect << '\n';
      print_wrapped(os, std::to_string(a.value()) + ": " + std::string(d.first), 4, 5);
      print_wrapped(os, std::to_string(b.value()) + ": " + std::string(d.second), 4, 5);
    }
  }
  for (const auto* info : {&c->first, &c->second}) {
    os << "\n----\n";
    print_reply(os, *info);
  }
  return 0;
}

int cmd_list(const std::vector<std::string_view>& args, bool json) {
  int only_class = 0;
  bool enhanced = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--enhanced") {
      enhanced = true;
    } else if (args[i] == "--class") {
      if (i + 1 >= args.size()) fail("--class needs a digit: 2, 3, 4 or 5");
      const std::string_view v = args[++i];
      if (v.size() != 1 || v[0] < '2' || v[0] > '5')
        fail("--class takes 2, 3, 4 or 5, not " + quoted(v));
      only_class = v[0] - '0';
    } else {
      fail("list does not take " + quoted(args[i]));
    }
  }
  if (enhanced && only_class == 3) fail("enhanced status codes have no class 3 (only 2, 4, 5)");
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
          print_list_line(smtpcodes::to_text(code).view(), d.label);
        }
      } else if (json) {
        write_detail_json(j, d);
      } else {
        print_list_line("X." + std::to_string(d.subject) + "." + std::to_string(d.detail), d.label);
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
                              : " (" + std::string(smtpcodes::to_string(info.status)) + ")";
        std::cout << info.code << "  " << info.name << tag << '\n';
      }
    }
  }
  if (json) {
    j.end_array();
    std::cout << j.str() << '\n';
  }
  return 0;
}

std::string read_input(const std::vector<std::string_view>& args, std::string_view command) {
  if (args.size() > 1) fail(std::string(command) + " takes at most one FILE");
  if (args.empty() || args[0] == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::ifstream in{std::string(args[0]), std::ios::binary};
  if (!in) fail("cannot read " + quoted(args[0]));
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void report_protocol_error(const smtpcodes::parse_result& r, std::size_t base, bool json) {
  if (json) {
    json_writer j;
    j.begin_object();
    j.field("error", smtpcodes::to_string(r.error));
    j.field("offset", static_cast<long long>(base + r.offset));
    j.end_object();
    std::cout << j.str() << '\n';
  } else {
    std::cout << "error: " << smtpcodes::to_string(r.error) << " at byte " << base + r.offset
              << " (" << smtpcodes::describe(r.error) << ")\n";
  }
}

int cmd_replies(const std::vector<std::string_view>& all_args, bool json) {
  smtpcodes::reply_options options;
  std::vector<std::string_view> files;
  for (const std::string_view arg : all_args) {
    if (arg == "--accept-8bit") {
      options.accept_8bit = true;
    } else {
      files.push_back(arg);
    }
  }
  const std::string input = read_input(files, "replies");
  smtpcodes::reply_parser parser(options);
  std::string_view rest = input;
  std::size_t base = 0;
  std::size_t number = 0;
  while (true) {
    const auto r = parser.feed(rest);
    if (r.failed()) {
      report_protocol_error(r, base, json);
      return 1;
    }
    if (r.needs_more()) {
      const auto end = parser.finish(rest);
      if (end.failed()) {
        report_protocol_error(end, base, json);
        return 1;
      }
      return 0;
    }
    const auto& reply = parser.reply();
    ++number;
    if (json) {
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
      j.field("start", static_cast<long long>(base));
      j.field("final", static_cast<long long>(base + r.consumed));
      j.field("name", smtpcodes::explain(reply.code())->name);
      j.end_object();
      std::cout << j.str() << '\n';
    } else {
      const auto info = smtpcodes::explain(reply.code());
      std::cout << "#" << number << "  bytes " << base << "-" << base + r.consumed << "  "
                << reply.code().value();
      if (reply.enhanced()) std::cout << ' ' << smtpcodes::to_text(*reply.enhanced()).view();
      std::cout << "  " << reply.line_count() << (reply.line_count() == 1 ? " line" : " lines")
                << "  " << info->name << '\n';
      for (const auto& line : reply) std::cout << "    | " << printable(line.text) << '\n';
      print_wrapped(std::cout, info->description, 4);
      if (reply.enhanced()) {
        const auto e = smtpcodes::explain(*reply.enhanced());
        print_wrapped(std::cout,
                      std::string(smtpcodes::to_text(e->code).view()) + ": " +
                          std::string(e->label()) + ". " + std::string(e->description()),
                      4, 2);
      }
      std::cout << '\n';
    }
    rest.remove_prefix(r.consumed);
    base += r.consumed;
  }
}

int cmd_commands(const std::vector<std::string_view>& args, bool json) {
  const std::string input = read_input(args, "commands");
  smtpcodes::line_options framing;
  framing.max_line_length = smtpcodes::command_line_limit;
  framing.accept_8bit = true;  // parse_command decides whether 8-bit is allowed (SMTPUTF8)
  smtpcodes::line_reader reader(framing);
  smtpcodes::command_options options;
  std::string_view rest = input;
  std::size_t base = 0;
  std::size_t number = 0;
  std::string scratch;
  auto error = [&](smtpcodes::errc e, std::size_t at) {
    report_protocol_error(smtpcodes::parse_result::fail(e, 0), at, json);
    return 1;
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
      std::cout << "     @" << base << "  (" << kind << ": " << octets << " octets on the wire, "
                << message_octets << " in the message)\n";
    }
  };
  while (true) {
    const auto r = reader.feed(rest);
    if (r.failed()) return error(r.error, base + r.offset);
    if (r.needs_more()) {
      if (!rest.empty()) return error(smtpcodes::errc::unterminated_line, base + rest.size());
      return 0;
    }
    const auto parsed = smtpcodes::parse_command(reader.line(), options);
    if (!parsed.ok()) return error(parsed.error, base + parsed.offset);
    const smtpcodes::command& c = parsed.cmd;
    ++number;
    const bool has_path =
        c.verb == smtpcodes::command_verb::mail || c.verb == smtpcodes::command_verb::rcpt;
    const std::string verb = c.verb == smtpcodes::command_verb::unknown
                                 ? std::string(c.verb_text)
                                 : std::string(smtpcodes::to_string(c.verb));
    if (json) {
      json_writer j;
      j.begin_object();
      j.field("verb", verb);
      j.field("known", c.verb != smtpcodes::command_verb::unknown);
      j.field("argument", c.argument);
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
      } else if (!c.argument.empty()) {
        std::cout << "  " << printable(c.argument);
      }
      if (c.verb == smtpcodes::command_verb::unknown) std::cout << "  (unknown command)";
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
      smtpcodes::dot_decoder decoder;
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

int cmd_dot(const std::vector<std::string_view>& all_args) {
  if (all_args.empty() || (all_args[0] != "encode" && all_args[0] != "decode"))
    fail("dot needs 'encode' or 'decode', e.g. 'smtpcodes dot decode message.eml'");
  const bool encoding = all_args[0] == "encode";
  smtpcodes::line_ending_policy policy = smtpcodes::line_ending_policy::reject;
  std::vector<std::string_view> files;
  for (std::size_t i = 1; i < all_args.size(); ++i) {
    if (all_args[i] == "--bare-lf") {
      if (i + 1 >= all_args.size()) fail("--bare-lf needs reject, normalize or pass");
      const std::string_view v = all_args[++i];
      if (v == "reject") {
        policy = smtpcodes::line_ending_policy::reject;
      } else if (v == "normalize") {
        policy = smtpcodes::line_ending_policy::normalize;
      } else if (v == "pass") {
        policy = smtpcodes::line_ending_policy::pass;
      } else {
        fail("--bare-lf takes reject, normalize or pass, not " + quoted(v));
      }
    } else {
      files.push_back(all_args[i]);
    }
  }
  const std::string input = read_input(files, encoding ? "dot encode" : "dot decode");
  const char* what = encoding ? "dot encode" : "dot decode";
  auto protocol_error = [&](smtpcodes::errc e, std::size_t at) {
    std::cerr << "smtpcodes: " << what << ": " << smtpcodes::to_string(e) << " at byte " << at
              << " (" << smtpcodes::describe(e) << ")\n";
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
  smtpcodes::dot_decoder decoder(smtpcodes::dot_decoder_options{policy, 0, 0});
  out.resize(decoder.max_decoded_size(input.size()));
  const auto r = decoder.decode(input, &out[0], out.size());
  std::cout.write(out.data(), static_cast<std::streamsize>(r.produced));
  std::cout.flush();
  if (r.failed()) return protocol_error(r.error, r.offset);
  if (r.needs_more()) return protocol_error(smtpcodes::errc::unterminated_data, input.size());
  std::cerr << "smtpcodes: dot decode: end of data at byte " << r.consumed << "; "
            << input.size() - r.consumed << " trailing bytes not decoded\n";
  return 0;
}

int run(int argc, char** argv) {
  std::vector<std::string_view> args;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << usage_text;
      return 0;
    } else if (arg == "--version") {
      std::cout << "smtpcodes " << SMTPCODES_VERSION_STRING << '\n';
      return 0;
    } else {
      args.push_back(arg);
    }
  }
  if (args.empty()) fail("missing command; try 'smtpcodes --help'");
  const std::string_view command = args.front();
  args.erase(args.begin());
  if (command == "explain") return cmd_explain(args, json);
  if (command == "compare") return cmd_compare(args, json);
  if (command == "list") return cmd_list(args, json);
  if (command == "replies") return cmd_replies(args, json);
  if (command == "dot") return cmd_dot(args);
  if (command == "commands") return cmd_commands(args, json);
  if (command == "help") {
    std::cout << usage_text;
    return 0;
  }
  fail("unknown command " + quoted(command) + "; try 'smtpcodes --help'");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const usage_error& e) {
    std::cerr << "smtpcodes: " << e.message << '\n';
    return 2;
  }
}
