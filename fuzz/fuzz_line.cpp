// Fuzzes line_reader: options from the first octet; whole input and two chunks must agree.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

namespace {

std::vector<std::string> lines(const std::vector<std::string>& chunks, smtpcodes::line_options o) {
  smtpcodes::line_reader reader(o);
  std::vector<std::string> events;
  std::string buffer;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    buffer += chunk;
    while (true) {
      const auto r = reader.feed(buffer);
      if (r.failed()) {
        check(r.offset <= buffer.size());
        events.push_back("E" + std::to_string(static_cast<int>(r.error)) + "@" +
                         std::to_string(base + r.offset));
        return events;
      }
      if (!r.is_complete()) break;
      check(r.consumed <= buffer.size() && reader.line().size() < r.consumed);
      events.emplace_back(reader.line());
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
    check(buffer.size() < o.max_length + 2);  // never asks to hold more than one line
  }
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::line_options o;
  o.max_length = 3 + (in.flags >> 3) * 8;  // 3 .. 251
  o.accept_bare_lf = in.flag(0);
  o.accept_bare_cr = in.flag(1);
  o.allow_8bit = in.flag(2);
  check(lines({std::string(in.data)}, o) == lines(two_chunks(in), o));
  return 0;
}
