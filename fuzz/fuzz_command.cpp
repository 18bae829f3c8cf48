// Fuzzes parse_command on the whole input and on every line the line reader frames. Checks that
// every view of every result (verb, argument, target, the path's views, the parameter text, the
// initial response, each parameter's keyword and value) lies inside the line, on success and on
// error, that error offsets are inside the line, and that what the writers produce from a parsed
// MAIL/RCPT parses back to the same path.
#include <cstdint>
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

namespace {

// Empty, or inside `line` (compared as integers: pointers into different objects are not
// ordered by the language).
bool inside(std::string_view line, std::string_view v) {
  if (v.empty()) return true;
  const auto begin = reinterpret_cast<std::uintptr_t>(line.data());
  const auto at = reinterpret_cast<std::uintptr_t>(v.data());
  return at >= begin && v.size() <= line.size() && at - begin <= line.size() - v.size();
}

void check_result(std::string_view line, const smtpcodes::command_result& r) {
  if (r.failed()) check(r.offset <= line.size());
  check(r.ok() != r.failed());
  const smtpcodes::command& c = r.cmd;
  check(inside(line, c.verb_text));
  check(inside(line, c.argument));
  check(inside(line, c.target));
  check(inside(line, c.path.text));
  check(inside(line, c.path.mailbox));
  check(inside(line, c.path.local_part));
  check(inside(line, c.path.domain));
  check(inside(line, c.parameter_text));
  check(inside(line, c.initial_response));
  for (const auto& p : c.params()) {
    check(inside(line, p.keyword));
    check(inside(line, p.value));
  }
  check(inside(line, c.envid()));
  check(inside(line, c.auth_mailbox()));
  check(inside(line, c.hold_until()));
  check(inside(line, c.orcpt_type()));
  check(inside(line, c.orcpt()));
  check(inside(line, c.rrvs()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::command_options o;
  o.smtputf8 = in.flag(0);
  o.accept_long_local_part = in.flag(1);
  o.accept_space_before_path = in.flag(2);
  o.max_line_length = in.flag(3) ? 1000 : 512;
  o.accept_helo_address_literal = in.flag(4);
  if (in.flag(5)) o.max_parameters = smtpcodes::no_limit;
  // The whole input as one line (CR/LF inside must be refused, never crash)...
  check_result(in.data, smtpcodes::parse_command(in.data, o));
  // ...and line by line, as a server reads.
  smtpcodes::line_reader reader(smtpcodes::line_options{o.max_line_length, false, false, true});
  std::string_view rest = in.data;
  while (true) {
    const auto r = reader.feed(rest);
    if (!r.is_complete()) break;
    const std::string_view line = reader.line();
    const auto c = smtpcodes::parse_command(line, o);
    check_result(line, c);
    if (c.ok() &&
        (c.cmd.verb == smtpcodes::command_verb::mail ||
         c.cmd.verb == smtpcodes::command_verb::rcpt) &&
        !c.cmd.path.is_postmaster) {
      for (const auto& param : c.cmd.params()) check(!param.keyword.empty());
      // 8-bit in a MAIL path only with SMTPUTF8 as a parameter or in the transaction.
      if (c.cmd.verb == smtpcodes::command_verb::mail && !o.smtputf8 && !c.cmd.values.smtputf8) {
        for (const char ch : c.cmd.path.text) check(static_cast<unsigned char>(ch) < 0x80);
      }
      char out[2048];
      smtpcodes::command_options wide = o;
      wide.max_line_length = sizeof out;
      wide.smtputf8 = o.smtputf8 || c.cmd.values.smtputf8;
      const auto w = smtpcodes::write_path_command(out, sizeof out, c.cmd.verb, c.cmd.path.mailbox,
                                                   nullptr, 0, wide);
      if (w.ok()) {
        const auto again = smtpcodes::parse_command(std::string_view(out, w.size - 2), wide);
        check(again.ok() && again.cmd.path.mailbox == c.cmd.path.mailbox);
      }
      char decoded[600];
      (void)smtpcodes::decode_xtext(c.cmd.envid(), decoded, sizeof decoded);
    }
    rest.remove_prefix(r.consumed);
  }
  return 0;
}
