// Fuzzes the command writers with random intents: each writer either refuses or writes a line
// that parse_command reads back as exactly the intent (verb, path, parameters in order with
// their values, AUTH's mechanism and response, BDAT's size). Refusals write nothing, or clear
// what they wrote; part/offset stay inside the inputs.
//
// Input: 4 header octets, then fields separated by 0x1F.
//   [0] bits 0-1: 0 MAIL, 1 RCPT (field 0: mailbox; fields 1..: "KEYWORD[=VALUE]"),
//                 2 write_command (verb: [2] % 19; field 0: argument),
//                 3 AUTH (field 0: mechanism, field 1: response; [2] bit 0: send_response) or,
//                   with bit 7, BDAT (size: the octets of field 0, last: [2] bit 0);
//       bit 2 smtputf8, bit 3 accept_long_local_part, bit 4 max_line_length 1000 (else 512,
//       or 0 with bit 5 and bit 4), bit 5 accept_space_before_path, bit 6 max_parameters 3.
//   [1] capacity: [1] * 5 octets (255: 4096).  [2..3] which parameters are xtext (bit i).
#include <smtpcodes.hpp>

#include "fuzz_writer_common.hpp"

namespace {

using smtpcodes::command_verb;

void check_path_command(const fuzz_intent& in, const smtpcodes::command_options& o,
                        std::size_t capacity) {
  const command_verb verb = (in.header[0] & 1) == 0 ? command_verb::mail : command_verb::rcpt;
  const std::string_view mailbox = in.field(0);
  const unsigned xtext_mask = in.header[2] | (in.header[3] << 8);
  std::vector<smtpcodes::esmtp_param_to_write> params;
  for (std::size_t i = 1; i < in.fields.size(); ++i) {
    const std::string_view f = in.fields[i];
    const std::size_t eq = f.find('=');
    smtpcodes::esmtp_param_to_write p;
    p.keyword = f.substr(0, eq);
    p.has_value = eq != std::string_view::npos;
    p.raw_value = p.has_value ? f.substr(eq + 1) : std::string_view();
    p.xtext = ((xtext_mask >> ((i - 1) % 16)) & 1U) != 0;
    params.push_back(p);
  }
  auto write = [&](fuzz_output& out) {
    return smtpcodes::write_path_command(out.data.get(), out.capacity, verb, mailbox, params.data(),
                                         params.size(), o);
  };
  fuzz_output out(capacity);
  const auto r = write(out);
  check_write_shape(r, out, 1 + params.size(), [&](std::size_t part) {
    if (part == 0) return mailbox.size();
    const auto& p = params[part - 1];
    return p.keyword.size() + (p.has_value ? 1 + p.raw_value.size() : 0);
  });
  if (r.error == smtpcodes::errc::output_too_small) {  // the size given is the size needed
    fuzz_output exact(r.size);
    check(write(exact).error != smtpcodes::errc::output_too_small);
    return;
  }
  if (!r.ok()) return;
  const auto parsed = smtpcodes::parse_command(out.view(r.size - 2), o);
  check(parsed.ok() && parsed.cmd.verb == verb);
  check(parsed.cmd.path.text.size() == mailbox.size() + 2);
  check(parsed.cmd.path.text.substr(1, mailbox.size()) == mailbox);
  check(out.contains(parsed.cmd.path.text) && out.contains(parsed.cmd.path.mailbox));
  std::size_t k = 0;
  for (const auto& got : parsed.cmd.params()) {
    check(k < params.size());
    const auto& want = params[k++];
    check(out.contains(got.keyword) && out.contains(got.value));
    check(got.keyword == want.keyword && got.has_value == want.has_value);
    if (!want.xtext) {
      check(got.value == want.raw_value);
      continue;
    }
    std::unique_ptr<char[]> raw(new char[got.value.size() + 1]);
    const auto d = smtpcodes::decode_xtext(got.value, raw.get(), got.value.size());
    check(d.ok() && std::string_view(raw.get(), d.size) == want.raw_value);
  }
  check(k == params.size());
}

void check_command(const fuzz_intent& in, const smtpcodes::command_options& o,
                   std::size_t capacity) {
  const auto verb = static_cast<command_verb>(in.header[2] % 19);
  const std::string_view argument = in.field(0);
  fuzz_output out(capacity);
  const auto r = smtpcodes::write_command(out.data.get(), capacity, verb, argument, o);
  check_write_shape(r, out, 1, [&](std::size_t) { return argument.size(); });
  if (!r.ok()) return;
  check(verb != command_verb::mail && verb != command_verb::rcpt && verb != command_verb::auth &&
        verb != command_verb::bdat && verb != command_verb::unknown);
  const auto parsed = smtpcodes::parse_command(out.view(r.size - 2), o);
  check(parsed.ok() && parsed.cmd.verb == verb && parsed.cmd.argument == argument);
  check(out.contains(parsed.cmd.argument) && out.contains(parsed.cmd.target));
}

void check_auth(const fuzz_intent& in, const smtpcodes::command_options& o, std::size_t capacity) {
  const std::string_view mechanism = in.field(0);
  const std::string_view response = in.field(1);
  const bool send = (in.header[2] & 1) != 0;
  fuzz_output out(capacity);
  const auto r = smtpcodes::write_auth(out.data.get(), capacity, mechanism, response, send, o);
  check_write_shape(
      r, out, 2, [&](std::size_t part) { return part == 0 ? mechanism.size() : response.size(); });
  if (!r.ok()) return;
  const auto parsed = smtpcodes::parse_command(out.view(r.size - 2), o);
  check(parsed.ok() && parsed.cmd.verb == command_verb::auth);
  check(parsed.cmd.target == mechanism);
  check(parsed.cmd.has_initial_response == (send || !response.empty()));
  check(parsed.cmd.initial_response == response);
  check(out.contains(parsed.cmd.target) && out.contains(parsed.cmd.initial_response));
}

void check_bdat(const fuzz_intent& in, const smtpcodes::command_options& o, std::size_t capacity) {
  std::uint64_t size = 0;
  for (const char c : in.field(0).substr(0, 8)) size = size << 8 | static_cast<unsigned char>(c);
  const bool last = (in.header[2] & 1) != 0;
  fuzz_output out(capacity);
  const auto r = smtpcodes::write_bdat(out.data.get(), capacity, size, last, o);
  check_write_shape(r, out, 1, [&](std::size_t) { return std::size_t{20 + 5}; });
  if (!r.ok()) {
    // Only room and length can stop BDAT.
    check(r.error == smtpcodes::errc::output_too_small ||
          r.error == smtpcodes::errc::line_too_long);
    return;
  }
  const auto parsed = smtpcodes::parse_command(out.view(r.size - 2), o);
  check(parsed.ok() && parsed.cmd.verb == command_verb::bdat);
  check(parsed.cmd.chunk_size == size && parsed.cmd.last == last);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_intent in(p, n, 4);
  const std::uint8_t flags = in.header[0];
  smtpcodes::command_options o;
  o.smtputf8 = (flags & 4) != 0;
  o.accept_long_local_part = (flags & 8) != 0;
  o.max_line_length = (flags & 16) != 0 ? ((flags & 32) != 0 ? 0 : 1000) : 512;
  o.accept_space_before_path = (flags & 32) != 0;
  if ((flags & 64) != 0) o.max_parameters = 3;
  const std::size_t capacity = in.header[1] == 255 ? 4096 : in.header[1] * 5U;
  switch (flags & 3) {
    case 0:
    case 1:
      check_path_command(in, o, capacity);
      break;
    case 2:
      check_command(in, o, capacity);
      break;
    default:
      if ((flags & 128) != 0) {
        check_bdat(in, o, capacity);
      } else {
        check_auth(in, o, capacity);
      }
      break;
  }
  return 0;
}
