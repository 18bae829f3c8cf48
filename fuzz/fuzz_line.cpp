// Fuzzes line_reader: options from the first octet; whole input and two chunks must agree, and
// feed_each must report what the feed loop reports.
// Every line view lies inside the buffer fed; on each need_more, a copy of the reader is fed a
// shorter prefix (the shrinking re-feed of issue 10): input_shrank, never a read past it.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"
#include "fuzz_views.hpp"

namespace {

// Feeds a copy of `reader` (which just said need_more on `buffer`) a shorter prefix.
void shrink(smtpcodes::line_reader reader, const std::string& buffer) {
  if (buffer.empty()) return;
  const std::size_t n = buffer.size() / 2;
  const std::vector<char> shorter = exact_copy(buffer, n);
  const auto r = reader.feed(std::string_view(shorter.data(), n));
  check(r.failed() && r.error == smtpcodes::errc::input_shrank && r.offset == n);
  check(reader.line().empty());
  check(reader.feed(buffer).error == smtpcodes::errc::input_shrank);  // sticky
}

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
        check(reader.line().empty());
        events.push_back("E" + std::to_string(static_cast<int>(r.error)) + "@" +
                         std::to_string(base + r.offset));
        return events;
      }
      if (!r.is_complete()) {
        check(reader.line().empty());
        shrink(reader, buffer);
        break;
      }
      check(r.consumed <= buffer.size() && reader.line().size() < r.consumed);
      check(reader.line().data() == buffer.data());
      check_inside(reader.line(), buffer);
      events.emplace_back(reader.line());
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
    // Never asks to hold more than one line (limits below 3 behave like 3).
    const std::size_t limit = o.max_line_length < 3 ? 3 : o.max_line_length;
    if (o.max_line_length != smtpcodes::no_limit) check(buffer.size() < limit + 2);
  }
  return events;
}

// The same chunks through feed_each: the same lines, errors at the same offsets.
std::vector<std::string> lines_each(const std::vector<std::string>& chunks,
                                    smtpcodes::line_options o) {
  smtpcodes::line_reader reader(o);
  std::vector<std::string> events;
  std::string buffer;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    buffer += chunk;
    const auto r = reader.feed_each(buffer, [&](std::string_view line) {
      check_inside(line, buffer);
      events.emplace_back(line);
    });
    if (r.failed()) {
      check(r.offset <= buffer.size());
      events.push_back("E" + std::to_string(static_cast<int>(r.error)) + "@" +
                       std::to_string(base + r.offset));
      return events;
    }
    if (r.is_complete()) {
      check(r.consumed > 0 && r.consumed <= buffer.size());
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
  }
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::line_options o;
  const unsigned k = in.flags >> 3;                 // 0 .. 31
  o.max_line_length = k < 2 ? k : 3 + (k - 2) * 8;  // no limit, 1, 3 .. 235
  o.accept_bare_lf = in.flag(0);
  o.accept_bare_cr = in.flag(1);
  o.accept_8bit = in.flag(2);
  const std::vector<std::string> whole = lines({std::string(in.data)}, o);
  check(whole == lines(two_chunks(in), o));
  check(whole == lines_each({std::string(in.data)}, o));
  check(whole == lines_each(two_chunks(in), o));
  return 0;
}
