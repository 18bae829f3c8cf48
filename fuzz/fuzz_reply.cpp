// Fuzzes reply_parser and, on each complete 250 reply, parse_ehlo; whole vs two chunks agree,
// and feed_each reports what the feed loop reports.
// Every view (the raw reply, each line's text, the EHLO views) lies inside the buffer fed; on
// each need_more, a copy of the parser is fed a shorter prefix (the shrinking re-feed of
// issue 10): input_shrank, never a read past it.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"
#include "fuzz_views.hpp"

namespace {

// Feeds a copy of `parser` (which just said need_more on `buffer`) a shorter prefix.
void shrink(smtpcodes::reply_parser parser, const std::string& buffer) {
  if (buffer.empty()) return;
  const std::size_t n = buffer.size() - 1 - buffer.size() / 3;
  const std::vector<char> shorter = exact_copy(buffer, n);
  const auto r = parser.feed(std::string_view(shorter.data(), n));
  check(r.failed() && r.error == smtpcodes::errc::input_shrank && r.offset == n);
  check(parser.reply().raw().empty());
  check(parser.feed(buffer).error == smtpcodes::errc::input_shrank);  // sticky
}

// The event of an error, at its offset from the start of the stream (`base`: octets dropped).
std::string error_event(const smtpcodes::parse_result& r, std::size_t base) {
  return "E" + std::to_string(static_cast<int>(r.error)) + "@" + std::to_string(base + r.offset);
}

// The event of one complete reply, checking every view lies inside `buffer`.
std::string describe(const smtpcodes::reply_view& reply, const std::string& buffer,
                     const smtpcodes::reply_options& o) {
  check(reply.line_count() >= 1);
  check_inside(reply.raw(), buffer);
  if (o.max_lines != smtpcodes::no_limit) check(reply.line_count() <= o.max_lines);
  std::string event = std::to_string(reply.code().value());
  if (reply.enhanced()) event += smtpcodes::to_text(*reply.enhanced()).view();
  std::size_t walked = 0;
  for (const auto& line : reply) {
    check_inside(line.text, reply.raw());
    check_inside(reply.message(line), reply.raw());
    event += "|" + std::string(line.text);
    ++walked;
  }
  check(walked == reply.line_count());
  if (reply.code().value() == 250) {
    const auto ehlo = smtpcodes::parse_ehlo(reply);
    check_ehlo_views(ehlo, reply.raw());
    event += ehlo.ok() ? "+" : "-";
    if (ehlo.ok()) {
      (void)ehlo.capabilities.size_limit();
      (void)ehlo.capabilities.limits();
      (void)ehlo.capabilities.supports_auth_mechanism("PLAIN");
      for (const auto& cap : ehlo.capabilities) event += std::string(cap.keyword);
    }
  }
  return event;
}

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
        check(r.offset <= buffer.size());
        check_inside(parser.reply().raw(), buffer);
        events.push_back(error_event(r, base));
        return events;
      }
      if (!r.is_complete()) {
        shrink(parser, buffer);
        break;
      }
      const smtpcodes::reply_view reply = parser.reply();
      check(reply.raw().size() == r.consumed);
      check(reply.raw().data() == buffer.data());
      const std::string event = describe(reply, buffer, o);
      events.push_back(event);
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
  }
  return events;
}

// The same stream through feed_each: the same events, errors at the same offsets.
std::vector<std::string> replies_each(const std::vector<std::string>& chunks,
                                      smtpcodes::reply_options o) {
  smtpcodes::reply_parser parser(o);
  std::vector<std::string> events;
  std::string buffer;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    buffer += chunk;
    std::size_t reported = 0;  // octets of the replies reported so far in this call
    const auto r = parser.feed_each(buffer, [&](const smtpcodes::reply_view& reply) {
      check(reply.raw().data() == buffer.data() + reported);
      reported += reply.raw().size();
      events.push_back(describe(reply, buffer, o));
    });
    if (r.failed()) {
      check(r.offset <= buffer.size() && r.offset >= reported);
      events.push_back(error_event(r, base));
      return events;
    }
    check(r.consumed == reported);
    buffer.erase(0, r.consumed);
    base += r.consumed;
  }
  return events;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::reply_options o;
  o.max_line_length = in.flag(4) ? 64 : 512;
  o.max_lines = in.flag(5) ? 3 : 100;
  if (in.flag(4) && in.flag(5) && in.flag(3)) {  // some inputs run without any limit
    o.max_line_length = smtpcodes::no_limit;
    o.max_lines = smtpcodes::no_limit;
  }
  o.accept_bare_lf = in.flag(0);
  o.accept_8bit = in.flag(1);
  o.accept_missing_separator = in.flag(2);
  o.accept_inconsistent_enhanced_status = in.flag(3);
  o.accept_bare_cr = in.flag(6);
  const auto whole = replies({std::string(in.data)}, o);
  check(whole == replies(two_chunks(in), o));
  check(whole == replies_each({std::string(in.data)}, o));
  check(whole == replies_each(two_chunks(in), o));
  return 0;
}
