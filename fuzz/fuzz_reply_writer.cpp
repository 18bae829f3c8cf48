// Round trip of write_reply: for a random intent (code, enhanced code, lines, options) the
// writer either refuses, writing nothing, or writes a reply that reply_parser (its defaults,
// with the writer's limits and 8-bit option mirrored) reads back as exactly that code, that
// enhanced code (or none) and those texts, in one reply that takes every octet written.
//
// Input: 7 header octets, then the lines separated by 0x1F (no octet after the header: no
// lines).
//   [0] bit 0: an enhanced code is given; bit 1: accept_8bit; bits 2-3: max_line_length 512,
//       64, 1000 or 0 (no limit); bit 4: max_lines 3 (else 100).
//   [1..2] code: 100 + (([1] << 8 | [2]) % 500), so malformed codes come up too.
//   [3..5] enhanced code: class [3] % 6 (the code's class with bit 7 of [3]), subject [4] * 4,
//       detail [5].
//   [6] capacity: [6] * 8 octets (255: 8192).
#include <smtpcodes.hpp>

#include "fuzz_writer_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_intent in(p, n, 7);
  const std::uint8_t flags = in.header[0];
  smtpcodes::reply_writer_options o;
  o.accept_8bit = (flags & 2) != 0;
  constexpr std::size_t lengths[] = {512, 64, 1000, 0};
  o.max_line_length = lengths[(flags >> 2) & 3];
  o.max_lines = (flags & 16) != 0 ? 3 : 100;
  const smtpcodes::reply_code code(
      static_cast<std::uint16_t>(100 + ((in.header[1] << 8 | in.header[2]) % 500)));
  std::optional<smtpcodes::enhanced_status> enhanced;
  if ((flags & 1) != 0) {
    const auto klass = static_cast<std::uint8_t>((in.header[3] & 128) != 0 ? code.value() / 100
                                                                           : in.header[3] % 6);
    enhanced = smtpcodes::enhanced_status{klass, static_cast<std::uint16_t>(in.header[4] * 4),
                                          in.header[5]};
  }
  const std::size_t capacity = in.header[6] == 255 ? 8192 : in.header[6] * 8U;
  const std::vector<std::string_view>& lines = in.fields;
  auto write = [&](fuzz_output& out) {
    return smtpcodes::write_reply(out.data.get(), out.capacity, code, enhanced, lines.data(),
                                  lines.size(), o);
  };
  fuzz_output out(capacity);
  const auto r = write(out);
  const std::size_t count = lines.empty() ? 1 : lines.size();
  auto text_of = [&](std::size_t i) { return lines.empty() ? std::string_view() : lines[i]; };
  if (r.failed()) {
    check(out.untouched_from(0));  // the reply writer writes nothing on any refusal
    if (r.error == smtpcodes::errc::output_too_small) {
      check(r.size > capacity);
      fuzz_output exact(r.size);  // the size given is the size needed, and it then fits
      const auto again = write(exact);
      check(again.ok() && again.size == r.size);
    } else {
      check(r.size == 0 && r.part < count && r.offset <= text_of(r.part).size());
    }
    return 0;
  }
  check(r.size <= capacity && out.untouched_from(r.size));
  smtpcodes::reply_options parse;
  parse.accept_8bit = o.accept_8bit;
  parse.max_line_length = o.max_line_length == 0 ? r.size : o.max_line_length;
  parse.max_lines = o.max_lines;
  smtpcodes::reply_parser parser(parse);
  const std::string_view written = out.view(r.size);
  const auto parsed = parser.feed(written);
  check(parsed.is_complete() && parsed.consumed == r.size);
  const smtpcodes::reply_view reply = parser.reply();
  check(reply.code() == code && reply.raw() == written && out.contains(reply.raw()));
  check(reply.enhanced().has_value() == enhanced.has_value());
  if (enhanced) check(*reply.enhanced() == *enhanced);
  check(reply.line_count() == count);
  std::size_t i = 0;
  for (const auto& line : reply) {
    check(i < count && out.contains(line.text));
    check(line.is_final == (i + 1 == count));
    const std::string_view text = reply.message(line);
    check(out.contains(text) && text == text_of(i));
    ++i;
  }
  check(i == count);
  // The defaults agree too, whenever the writer's options are the defaults.
  if (!o.accept_8bit && o.max_line_length == 512 && o.max_lines == 100) {
    smtpcodes::reply_parser defaults;
    check(defaults.feed(written).is_complete());
  }
  return 0;
}
