// Fuzzes reply_parser and, on each complete 250 reply, parse_ehlo; whole vs two chunks agree.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

namespace {

std::vector<std::string> replies(const std::vector<std::string>& chunks,
                                 smtpcodes::reply_options o) {
  smtpcodes::reply_parser parser(o);
  std::vector<std::string> events;
  std::string buffer;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    buffer += chunk;
    while (true) {
      const auto r = parser.feed(buffer);
      if (r.failed()) {
        events.push_back("E" + std::to_string(static_cast<int>(r.error)) + "@" +
                         std::to_string(base + r.offset));
        return events;
      }
      if (!r.is_complete()) break;
      const smtpcodes::reply_view reply = parser.reply();
      check(reply.raw().size() == r.consumed && reply.line_count() >= 1);
      check(reply.line_count() <= o.max_lines);
      std::string event = std::to_string(reply.code().value());
      if (reply.enhanced()) event += smtpcodes::to_text(*reply.enhanced()).view();
      std::size_t walked = 0;
      for (const auto& line : reply) {
        event += "|" + std::string(line.text);
        ++walked;
      }
      check(walked == reply.line_count());
      if (reply.code().value() == 250) {
        const auto ehlo = smtpcodes::parse_ehlo(reply);
        event += ehlo.ok() ? "+" : "-";
        if (ehlo.ok()) {
          (void)ehlo.capabilities.size_limit();
          (void)ehlo.capabilities.limits();
          (void)ehlo.capabilities.supports_auth_mechanism("PLAIN");
          for (const auto& cap : ehlo.capabilities) event += std::string(cap.keyword);
        }
      }
      events.push_back(event);
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
  }
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::reply_options o;
  o.max_line_length = in.flag(4) ? 64 : 512;
  o.max_lines = in.flag(5) ? 3 : 100;
  o.accept_bare_lf = in.flag(0);
  o.allow_8bit = in.flag(1);
  o.accept_missing_separator = in.flag(2);
  o.accept_inconsistent_enhanced_status = in.flag(3);
  check(replies({std::string(in.data)}, o) == replies(two_chunks(in), o));
  return 0;
}
