// Every parser reads its input placed flush against an unreadable page: a read one octet past
// the end faults at once, even without a sanitizer. Sizes around the 16-, 32- and 64-octet
// blocks of the SIMD scanners, and inputs that end in the middle of a line.
#include "guard_page.hpp"

#include <doctest/doctest.h>

#include <smtpcodes.hpp>
#include <string>

namespace {

const std::size_t sizes[] = {0,  1,   2,   3,   15,  16,  17,  31,  32,  33,  63,  64,
                             65, 127, 128, 129, 400, 509, 510, 511, 512, 513, 4096};

std::string text_of(std::size_t n, char fill) {
  return std::string(n, fill);
}

}  // namespace

TEST_CASE("line_reader and reply_parser never read past the input") {
  for (const std::size_t n : sizes) {
    for (const std::string& tail : {std::string(), std::string("\r"), std::string("\r\n")}) {
      const std::string line = "250 " + text_of(n, 'x') + tail;
      CAPTURE(n);
      CAPTURE(tail.size());
      guarded_input guarded(line);
      smtpcodes::line_reader reader;
      const auto r = reader.feed(guarded.view());
      CHECK((r.is_complete() || r.needs_more() || r.failed()));
      smtpcodes::line_options lenient;
      lenient.accept_bare_cr = true;
      lenient.accept_bare_lf = true;
      lenient.accept_8bit = true;
      lenient.max_line_length = 100000;
      smtpcodes::line_reader lenient_reader(lenient);
      const auto l = lenient_reader.feed(guarded.view());
      CHECK(l.is_complete() == (tail == "\r\n"));
      smtpcodes::reply_parser parser;
      const auto p = parser.feed(guarded.view());
      CHECK((p.is_complete() || p.needs_more() || p.failed()));
    }
  }
}

TEST_CASE("parse_command and parse_ehlo never read past the input") {
  for (const std::size_t n : sizes) {
    const std::string lines[] = {
        "MAIL FROM:<" + text_of(n % 60 + 1, 'a') + "@example.com> SIZE=" + text_of(n % 20 + 1, '9'),
        "RCPT TO:<a@" + text_of(n % 60 + 1, 'b') + ".example> ORCPT=rfc822;" + text_of(n, 'c'),
        "NOOP " + text_of(n, 'n'),
        "EHLO " + text_of(n % 60 + 1, 'h') + ".example",
        "AUTH PLAIN " + text_of(n / 4 * 4, 'Q'),
        "MAIL FROM:<\"" + text_of(n % 60, 'q'),      // cut inside a quoted string
        "RCPT TO:<a@[IPv6:" + text_of(n % 40, '1'),  // cut inside an address literal
    };
    for (const std::string& line : lines) {
      CAPTURE(line.size());
      guarded_input guarded(line);
      const auto c = smtpcodes::parse_command(guarded.view());
      CHECK(c.offset <= line.size());
    }
    const std::string ehlo = "250-mx.example.com\r\n250 SIZE " + text_of(n % 19 + 1, '7') + "\r\n";
    guarded_input guarded(ehlo);
    smtpcodes::reply_parser parser;
    REQUIRE(parser.feed(guarded.view()).is_complete());
    CHECK(smtpcodes::parse_ehlo(parser.reply()).ok());
  }
}
