// Tests for line.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <smtpcodes/line.hpp>
#include <string>
#include <vector>

#include "guard_page.hpp"
#include "split_feed.hpp"

using smtpcodes::errc;
using smtpcodes::line_options;
using smtpcodes::line_reader;

namespace {

// Feeds `stream` in the given chunks the way a socket reader would: append, feed from the
// start of the unconsumed bytes, drop what a complete line consumed. Returns one event per
// line ("L:<text>") and a final "E:<error>@<absolute offset>" or "EOF" / "EOF:<error>@<offset>".
std::vector<std::string> run_lines(const std::vector<std::string>& chunks, line_options options) {
  line_reader reader(options);
  std::vector<std::string> events;
  std::string buffer;
  std::size_t base = 0;  // absolute offset of buffer[0]
  for (const std::string& chunk : chunks) {
    buffer += chunk;
    while (true) {
      const auto r = reader.feed(buffer);
      if (r.failed()) {
        events.push_back("E:" + std::string(to_string(r.error)) + "@" +
                         std::to_string(base + r.offset));
        return events;
      }
      if (r.needs_more()) break;
      events.push_back("L:" + std::string(reader.line()));
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
  }
  const auto end = reader.finish(buffer);
  events.push_back(end.failed() ? "EOF:" + std::string(to_string(end.error)) + "@" +
                                      std::to_string(base + end.offset)
                                : "EOF");
  return events;
}

std::vector<std::string> lines_of(const std::string& stream, line_options options = {}) {
  return check_split_invariance<std::vector<std::string>>(
      stream, [&](const std::vector<std::string>& chunks) { return run_lines(chunks, options); });
}

using events = std::vector<std::string>;

}  // namespace

TEST_CASE("CRLF lines come out whole, whatever the chunking") {
  CHECK(lines_of("EHLO example.com\r\nQUIT\r\n") == events{"L:EHLO example.com", "L:QUIT", "EOF"});
  CHECK(lines_of("\r\n") == events{"L:", "EOF"});
  CHECK(lines_of("") == events{"EOF"});
  CHECK(lines_of("tab\there\r\n") == events{"L:tab\there", "EOF"});
}

TEST_CASE("a partial line is unterminated at end of input") {
  CHECK(lines_of("NOOP\r\nQUI") == events{"L:NOOP", "EOF:unterminated_line@9"});
  CHECK(lines_of("NOOP\r") == events{"EOF:unterminated_line@5"});
}

TEST_CASE("bare LF and bare CR are errors with their offset by default") {
  CHECK(lines_of("NOOP\nQUIT\r\n") == events{"E:bare_lf@4"});
  CHECK(lines_of("NOOP\r\nQU\nIT\r\n") == events{"L:NOOP", "E:bare_lf@8"});
  CHECK(lines_of("NO\rOP\r\n") == events{"E:bare_cr@2"});
  CHECK(lines_of("\n") == events{"E:bare_lf@0"});
  CHECK(lines_of("a\r\r\n") == events{"E:bare_cr@1"});
}

TEST_CASE("accept_bare_lf ends a line at LF") {
  line_options lenient;
  lenient.accept_bare_lf = true;
  CHECK(lines_of("NOOP\nQUIT\r\n", lenient) == events{"L:NOOP", "L:QUIT", "EOF"});
  line_reader reader(lenient);
  REQUIRE(reader.feed("A\n").is_complete());
  CHECK(reader.ending_length() == 1);
  REQUIRE(reader.feed("B\r\n").is_complete());
  CHECK(reader.ending_length() == 2);
}

TEST_CASE("accept_bare_cr keeps a lone CR as content") {
  line_options lenient;
  lenient.accept_bare_cr = true;
  CHECK(lines_of("NO\rOP\r\n", lenient) == events{"L:NO\rOP", "EOF"});
  CHECK(lines_of("NOOP\nX\r\n", lenient) == events{"E:bare_lf@4"});  // LF still strict
}

TEST_CASE("NUL, controls, DEL and 8-bit octets are reported") {
  CHECK(lines_of(std::string("AB\0C\r\n", 6)) == events{"E:invalid_octet@2"});
  CHECK(lines_of("A\x01\r\n") == events{"E:invalid_octet@1"});
  CHECK(lines_of("A\x7f\r\n") == events{"E:invalid_octet@1"});
  CHECK(lines_of("caf\xc3\xa9\r\n") == events{"E:invalid_octet@3"});
  line_options utf8;
  utf8.accept_8bit = true;
  CHECK(lines_of("caf\xc3\xa9\r\n", utf8) == events{"L:caf\xc3\xa9", "EOF"});
  CHECK(lines_of(std::string("caf\xc3\xa9\0\r\n", 8), utf8) == events{"E:invalid_octet@5"});
  // Long lines exercise the SIMD path: the bad octet deep inside a 200-octet run.
  std::string long_line(200, 'x');
  long_line[150] = '\x1b';
  CHECK(lines_of(long_line + "\r\n") == events{"E:invalid_octet@150"});
}

TEST_CASE("line limit counts CRLF; an over-long line fails at the first octet past it") {
  line_options options;
  options.max_line_length = 10;  // 8 octets of content + CRLF
  CHECK(lines_of("12345678\r\n", options) == events{"L:12345678", "EOF"});
  CHECK(lines_of("123456789\r\n", options) == events{"E:line_too_long@8"});
  // No terminator at all: the reader gives up at the limit instead of waiting forever.
  CHECK(lines_of("1234567890123456789", options) == events{"E:line_too_long@8"});
  CHECK(lines_of("ok\r\n123456789\r\n", options) == events{"L:ok", "E:line_too_long@12"});
  // A CR right at the limit followed by LF is still one octet too many.
  CHECK(lines_of("123456789\r\n", options) == events{"E:line_too_long@8"});
}

TEST_CASE("default limits follow RFC 5321") {
  CHECK(smtpcodes::command_line_limit == 512);
  CHECK(smtpcodes::reply_line_limit == 512);
  CHECK(smtpcodes::text_line_limit == 1000);
  const std::string ok(510, 'a');
  CHECK(lines_of(ok + "\r\n") == events{"L:" + ok, "EOF"});
  CHECK(lines_of(ok + "a\r\n") == events{"E:line_too_long@510"});
}

TEST_CASE("errors are sticky until reset") {
  line_reader reader;
  const auto first = reader.feed("A\nB\r\n");
  REQUIRE(first.failed());
  const auto again = reader.feed("OK\r\n");
  CHECK(again.failed());
  CHECK(again.error == errc::bare_lf);
  CHECK(again.offset == first.offset);
  reader.reset();
  CHECK(reader.feed("OK\r\n").is_complete());
  CHECK(reader.line() == "OK");
}

TEST_CASE("a growing buffer is not rescanned") {
  // The reader resumes where it stopped: an octet it has already passed is not looked at again
  // (the caller promises not to change it). Changing it behind the reader's back proves that.
  line_reader resumed;
  REQUIRE(resumed.feed("abc").needs_more());
  const auto r2 = resumed.feed(
      "a\x01"
      "cd\r\n");
  REQUIRE(r2.is_complete());
  CHECK(resumed.line() ==
        "a\x01"
        "cd");
  // A fresh reader does see it.
  line_reader fresh;
  CHECK(fresh
            .feed("a\x01"
                  "cd\r\n")
            .error == errc::invalid_octet);
}

TEST_CASE("feeding a long line one octet at a time") {
  line_reader reader;
  std::string buffer;
  for (int i = 0; i < 400; ++i) {
    buffer += 'z';
    const auto r = reader.feed(buffer);
    REQUIRE(r.needs_more());
    CHECK(r.consumed == 0);
  }
  buffer += "\r\n";
  const auto r = reader.feed(buffer);
  REQUIRE(r.is_complete());
  CHECK(r.consumed == 402);
  CHECK(reader.line().size() == 400);
}

TEST_CASE("a shrinking re-feed is input_shrank, never a read past the input (issue 10, 4)") {
  // The natural mistake: feeding only the new bytes (as the DATA codec takes them) where the
  // reader wants the whole pending buffer. The 10 octets sit flush against an unreadable page.
  line_reader reader;
  REQUIRE(reader.feed("EHLO client.exa").needs_more());
  guarded_input shorter("ample.com\r");
  const auto r = reader.feed(shorter.view());
  CHECK(r.failed());
  CHECK(r.error == errc::input_shrank);
  CHECK(r.offset == 10);
  CHECK(reader.line().empty());
  // Sticky like every other error, until reset.
  const auto again = reader.feed("EHLO client.example.com\r\n");
  CHECK(again.error == errc::input_shrank);
  CHECK(again.offset == 10);
  reader.reset();
  REQUIRE(reader.feed("EHLO client.example.com\r\n").is_complete());
  CHECK(reader.line() == "EHLO client.example.com");
  // The same buffer fed again, and an empty finish after a partial line.
  line_reader same;
  REQUIRE(same.feed("NOOP\r").needs_more());
  CHECK(same.feed("NOOP\r").needs_more());
  CHECK(same.finish("").error == errc::input_shrank);
  // After a complete line the caller drops it: a shorter rest is the normal case.
  line_reader next;
  REQUIRE(next.feed("NOOP\r\nQUIT").is_complete());
  CHECK(next.feed("QUIT").needs_more());
}

TEST_CASE("line() is empty unless the last feed completed a line") {
  line_reader reader;
  REQUIRE(reader.feed("A\r\nB").is_complete());
  CHECK(reader.line() == "A");
  CHECK(reader.feed("B").needs_more());
  CHECK(reader.line().empty());
  CHECK(reader.feed("B\n").failed());
  CHECK(reader.line().empty());
}

TEST_CASE("max_line_length: 0 means no limit, 1 and 2 behave like 3") {
  line_options unbounded;
  unbounded.max_line_length = smtpcodes::no_limit;
  const std::string long_line(5000, 'x');
  CHECK(lines_of("ok\r\n" + long_line.substr(0, 700) + "\r\n", unbounded) ==
        events{"L:ok", "L:" + long_line.substr(0, 700), "EOF"});
  line_reader reader(unbounded);
  CHECK(reader.feed(long_line).needs_more());  // waits for the end however long the line
  REQUIRE(reader.feed(long_line + "\r\n").is_complete());
  CHECK(reader.line().size() == 5000);
  for (const std::size_t tiny : {1, 2, 3}) {
    CAPTURE(tiny);
    line_options options;
    options.max_line_length = tiny;
    CHECK(lines_of("a\r\n\r\n", options) == events{"L:a", "L:", "EOF"});
    CHECK(lines_of("ab\r\n", options) == events{"E:line_too_long@1"});
  }
}

TEST_CASE("detail::scan_line never reads outside what it is given") {
  const line_options options;
  const auto shrank = smtpcodes::detail::scan_line("abc", 3, 7, options);
  CHECK(shrank.status == smtpcodes::parse_status::error);
  CHECK(shrank.error == errc::input_shrank);
  CHECK(shrank.end == 3);
  const auto resumed = smtpcodes::detail::scan_line("abc\r\n", 5, 3, options);
  CHECK(resumed.status == smtpcodes::parse_status::complete);
  CHECK(resumed.end == 3);
}

TEST_CASE("the special-octet scanners agree with is_special_octet for every octet at every place") {
  using smtpcodes::detail::find_special;
  using smtpcodes::detail::is_special_octet;
  using smtpcodes::detail::mask_block_width;
  // Every octet value at every position of a 64-octet block of "x" (not special): the 64-octet
  // mask of the block paths and the first-special search of `feed`, both settings of 8-bit.
  std::string block(mask_block_width, 'x');
  for (unsigned c = 0; c < 256; ++c) {
    const auto octet = static_cast<unsigned char>(c);
    for (std::size_t at = 0; at < mask_block_width; ++at) {
      CAPTURE(c);
      CAPTURE(at);
      block.assign(mask_block_width, 'x');
      block[at] = static_cast<char>(octet);
      const std::uint64_t expected = is_special_octet(octet, false) ? std::uint64_t{1} << at : 0;
      CHECK(smtpcodes::detail::special_mask64(block.data()) == expected);
      for (const bool accept_8bit : {false, true}) {
        const std::size_t first = is_special_octet(octet, accept_8bit) ? at : block.size();
        CHECK(find_special(block.data(), block.size(), accept_8bit) == first);
      }
    }
  }
}
