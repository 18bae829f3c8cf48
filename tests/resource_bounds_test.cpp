// Hostile peers cannot make a caller hold unbounded input: every limit fails early with its
// error, and the bytes a parser asks the caller to keep stay under the limit however much
// arrives. (That the parsers themselves never allocate is no_allocation_test.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <smtpcodes.hpp>
#include <string>

namespace {

// A sender that never stops: `pattern` repeated, handed out `chunk` bytes at a time.
struct endless {
  std::string pattern;
  std::size_t at = 0;
  std::string next(std::size_t chunk) {
    std::string out;
    while (out.size() < chunk) {
      out += pattern[at];
      at = (at + 1) % pattern.size();
    }
    return out;
  }
};

}  // namespace

TEST_CASE("line length: an endless line fails at the limit; the buffer never exceeds it") {
  endless peer{"x"};
  smtpcodes::line_reader reader;
  std::string buffer;
  std::size_t received = 0;
  smtpcodes::parse_result r;
  while (received < (std::size_t{1} << 24)) {  // up to 16 MiB
    const std::string chunk = peer.next(1460);
    received += chunk.size();
    buffer += chunk;
    r = reader.feed(buffer);
    if (r.failed()) break;
    REQUIRE(buffer.size() <= smtpcodes::command_line_limit);  // need_more never holds more
  }
  CHECK(r.error == smtpcodes::errc::line_too_long);
  CHECK(r.offset == 510);
  CHECK(received <= smtpcodes::command_line_limit + 1460);  // stopped after the first chunk past it
}

TEST_CASE("lines per reply: an endless multi-line reply fails at the bound") {
  endless peer{"250-endless continuation line\r\n"};
  smtpcodes::reply_options options;
  options.max_lines = 100;
  smtpcodes::reply_parser parser(options);
  std::string buffer;
  smtpcodes::parse_result r;
  std::size_t largest = 0;
  for (int i = 0; i < 100000 && !r.failed(); ++i) {
    buffer += peer.next(512);
    largest = std::max(largest, buffer.size());
    r = parser.feed(buffer);
    REQUIRE_FALSE(r.is_complete());
  }
  CHECK(r.error == smtpcodes::errc::too_many_reply_lines);
  CHECK(r.offset == 100 * 31);  // the start of line 101
  // The caller held at most max_lines lines of max_line_length plus one chunk.
  CHECK(largest <= options.max_lines * options.max_line_length + 512);
}

TEST_CASE("message size: endless DATA drains with bounded output, then message_too_large") {
  endless peer{"a line of message text that never ends\r\n"};
  smtpcodes::dot_decoder_options options;
  options.max_message_size = 10000;
  smtpcodes::dot_decoder decoder(options);
  std::string out(4096, '\0');
  std::size_t produced = 0;
  std::size_t consumed = 0;
  for (int i = 0; i < 4000; ++i) {  // about 16 MB
    const std::string chunk = peer.next(4096);
    const auto r = decoder.decode(chunk, &out[0], out.size());
    REQUIRE(r.needs_more());
    consumed += r.consumed;
    produced += r.produced;
  }
  CHECK(produced == 10000);  // exactly the limit, nothing more, however much arrived
  CHECK(decoder.is_draining());
  CHECK(consumed == 4000u * 4096u);  // everything was consumed: the caller keeps nothing
  const auto end = decoder.decode("\r\n.\r\nQUIT\r\n", &out[0], out.size());
  CHECK(end.error == smtpcodes::errc::message_too_large);
  CHECK(end.consumed == 5);  // right after the terminator: QUIT stays for the command parser
}

TEST_CASE("a line of the DATA body: the decoder drains long lines when asked to check them") {
  endless peer{"y"};
  smtpcodes::dot_decoder_options options;
  options.max_line_length = smtpcodes::text_line_limit;
  smtpcodes::dot_decoder decoder(options);
  std::string out(4096, '\0');
  std::size_t produced = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::string chunk = peer.next(4096);
    produced += decoder.decode(chunk, &out[0], out.size()).produced;
  }
  CHECK(produced == smtpcodes::text_line_limit - 2);
  CHECK(decoder.decode("\r\n.\r\n", &out[0], out.size()).error == smtpcodes::errc::line_too_long);
}

TEST_CASE("parameters per command: the bound holds whatever the line length allows") {
  std::string line = "MAIL FROM:<a@example.com>";
  for (int i = 0; i < 16; ++i) line += " X" + std::to_string(i) + "=1";
  CHECK(smtpcodes::parse_command(line).ok());
  const std::size_t seventeenth = line.size() + 1;
  line += " X16=1";
  const auto r = smtpcodes::parse_command(line);
  CHECK(r.error == smtpcodes::errc::too_many_parameters);
  CHECK(r.offset == seventeenth);
  // A hostile client filling a 1000-octet line with one-letter parameters still stops at 16.
  smtpcodes::command_options wide;
  wide.max_line_length = 1000;
  std::string flood = "RCPT TO:<b@example.org>";
  while (flood.size() + 4 < 998) flood += " A";
  CHECK(smtpcodes::parse_command(flood, wide).error == smtpcodes::errc::too_many_parameters);
  wide.max_parameters = 1000;
  CHECK(smtpcodes::parse_command(flood, wide).ok());
}
