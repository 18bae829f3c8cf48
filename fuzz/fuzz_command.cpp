// Fuzzes parse_command on every line the line reader frames, and checks that what the writers
// produce from a parsed MAIL/RCPT parses back to the same path.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::command_options o;
  o.smtputf8 = in.flag(0);
  o.accept_long_local_part = in.flag(1);
  o.accept_space_before_path = in.flag(2);
  o.max_line_length = in.flag(3) ? 1000 : 512;
  // The whole input as one line (CR/LF inside must be refused, never crash)...
  const auto whole = smtpcodes::parse_command(in.data, o);
  if (!whole.ok()) check(whole.offset <= in.data.size());
  // ...and line by line, as a server reads.
  smtpcodes::line_reader reader(smtpcodes::line_options{o.max_line_length, false, false, true});
  std::string_view rest = in.data;
  while (true) {
    const auto r = reader.feed(rest);
    if (!r.is_complete()) break;
    const auto c = smtpcodes::parse_command(reader.line(), o);
    if (!c.ok()) {
      check(c.offset <= reader.line().size());
    } else if ((c.cmd.verb == smtpcodes::command_verb::mail ||
                c.cmd.verb == smtpcodes::command_verb::rcpt) &&
               !c.cmd.path.is_postmaster) {
      for (const auto& param : c.cmd.params()) check(!param.keyword.empty());
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
