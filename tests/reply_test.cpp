// Tests for reply.hpp: the parser (unit cases, the corpus, split invariance) and the writer.
// The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <fstream>
#include <smtpcodes/reply.hpp>
#include <smtpcodes/reply_writer.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "guard_page.hpp"
#include "split_feed.hpp"

using smtpcodes::errc;
using smtpcodes::reply_code;
using smtpcodes::reply_options;
using smtpcodes::reply_parser;

namespace {

struct parsed {
  // One token per complete reply, "CODE[/ESC]xLINES", then "!ERROR@OFFSET" if one occurred.
  std::vector<std::string> tokens;
  // Each reply's lines' texts and its end offset, to compare splits in full detail.
  std::vector<std::string> details;
  bool operator==(const parsed& o) const { return tokens == o.tokens && details == o.details; }
};

std::string token_of(const smtpcodes::reply_view& r) {
  std::string t = std::to_string(r.code().value());
  if (r.enhanced()) t += "/" + std::string(smtpcodes::to_text(*r.enhanced()).view());
  return t + "x" + std::to_string(r.line_count());
}

// Feeds `chunks` like a socket reader: append, feed from the start of the current reply, drop
// what a complete reply consumed. At the end, `finish` reports a reply cut short.
parsed run_replies(const std::vector<std::string>& chunks, reply_options options = {}) {
  reply_parser parser(options);
  parsed out;
  std::string buffer;
  std::size_t base = 0;
  auto error = [&](const smtpcodes::parse_result& r) {
    out.tokens.push_back("!" + std::string(to_string(r.error)) + "@" +
                         std::to_string(base + r.offset));
  };
  for (const std::string& chunk : chunks) {
    buffer += chunk;
    while (true) {
      const auto r = parser.feed(buffer);
      if (r.failed()) {
        error(r);
        return out;
      }
      if (r.needs_more()) break;
      const auto& reply = parser.reply();
      out.tokens.push_back(token_of(reply));
      std::string detail;
      for (const auto& line : reply) detail += std::string(line.text) + (line.is_final ? "$" : "|");
      out.details.push_back(detail + "@" + std::to_string(base + r.consumed));
      CHECK(reply.raw().size() == r.consumed);
      buffer.erase(0, r.consumed);
      base += r.consumed;
    }
  }
  const auto end = parser.finish(buffer);
  if (end.failed()) error(end);
  return out;
}

parsed parse_all(const std::string& stream, reply_options options = {}) {
  return check_split_invariance<parsed>(
      stream, [&](const std::vector<std::string>& chunks) { return run_replies(chunks, options); });
}

std::vector<std::string> tokens(const std::string& stream, reply_options options = {}) {
  return parse_all(stream, options).tokens;
}

using strings = std::vector<std::string>;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("single-line replies") {
  CHECK(tokens("250 OK\r\n") == strings{"250x1"});
  CHECK(tokens("221 2.0.0 Bye\r\n") == strings{"221/2.0.0x1"});
  CHECK(tokens("354 End data with <CR><LF>.<CR><LF>\r\n") == strings{"354x1"});
}

TEST_CASE("the empty text of a bare code still points into the reply") {
  reply_parser parser;
  const std::string s = "250-a\r\n250\r\n";
  REQUIRE(parser.feed(s).is_complete());
  auto it = parser.reply().begin();
  ++it;
  CHECK(it->text.empty());
  CHECK(it->text.data() == s.data() + 10);
}

TEST_CASE("a final line of just the code is valid") {
  CHECK(tokens("250\r\n") == strings{"250x1"});
  CHECK(tokens("250 \r\n") == strings{"250x1"});
  CHECK(tokens("334 \r\n334\r\n") == strings{"334x1", "334x1"});
  const auto p = parse_all("250-first\r\n250\r\n");
  CHECK(p.tokens == strings{"250x2"});
  CHECK(p.details == strings{"first|$@16"});
}

TEST_CASE("multi-line replies: texts, final flag, consumed bytes") {
  const std::string ehlo =
      "250-mx.example.com greets you\r\n"
      "250-PIPELINING\r\n"
      "250-SIZE 10240000\r\n"
      "250 STARTTLS\r\n";
  const auto p = parse_all(ehlo);
  CHECK(p.tokens == strings{"250x4"});
  CHECK(p.details == strings{"mx.example.com greets you|PIPELINING|SIZE 10240000|STARTTLS$@" +
                             std::to_string(ehlo.size())});
}

TEST_CASE("enhanced codes: taken when every line carries the same one with a matching class") {
  CHECK(tokens("550-5.7.1 one\r\n550-5.7.1 two\r\n550 5.7.1 three\r\n") == strings{"550/5.7.1x3"});
  CHECK(tokens("250 5.0.0 class differs\r\n") == strings{"250x1"});  // not taken
  CHECK(tokens("354 2.0.0 no enhanced codes on 3yz\r\n") == strings{"354x1"});
  CHECK(tokens("550 5.7.1\r\n") == strings{"550/5.7.1x1"});
  CHECK(tokens("550 5.7.1: colon\r\n") == strings{"550x1"});
  CHECK(tokens("250 2.1.5 Ok\r\n") == strings{"250/2.1.5x1"});
}

TEST_CASE("message() strips the enhanced code") {
  reply_parser parser;
  const std::string s = "550-5.7.1 Relaying\r\n550 5.7.1 denied\r\n";
  REQUIRE(parser.feed(s).is_complete());
  std::string joined;
  for (const auto& line : parser.reply()) joined += std::string(parser.reply().message(line)) + ";";
  CHECK(joined == "Relaying;denied;");
}

TEST_CASE("pipelined replies come out one by one with exact byte counts") {
  const std::string batch =
      "250 2.1.0 Sender ok\r\n"
      "250 2.1.5 Recipient ok\r\n"
      "550 5.1.1 No such user\r\n"
      "354 Go ahead\r\n";
  const auto p = parse_all(batch);
  CHECK(p.tokens == strings{"250/2.1.0x1", "250/2.1.5x1", "550/5.1.1x1", "354x1"});
  CHECK(p.details.back() == "Go ahead$@" + std::to_string(batch.size()));
  reply_parser parser;
  const auto r = parser.feed(batch);
  REQUIRE(r.is_complete());
  CHECK(r.consumed == 21);  // only the first reply
}

TEST_CASE("every error with its offset") {
  CHECK(tokens("220-mx.example.com\r\n521 no\r\n") == strings{"!inconsistent_reply_code@20"});
  CHECK(tokens("550-5.7.1 a\r\n550 5.7.2 b\r\n") == strings{"!inconsistent_enhanced_status@17"});
  CHECK(tokens("250-5.7.1 a\r\n250 5.7.2 b\r\n") == strings{"250x2"});  // class differs: none taken
  CHECK(tokens("550-5.7.1 a\r\n550 b\r\n") == strings{"!inconsistent_enhanced_status@17"});
  CHECK(tokens("25O OK\r\n") == strings{"!bad_reply_code@0"});
  CHECK(tokens("199 x\r\n") == strings{"!bad_reply_code@0"});
  CHECK(tokens("600 x\r\n") == strings{"!bad_reply_code@0"});
  CHECK(tokens("25\r\n") == strings{"!bad_reply_code@0"});
  CHECK(tokens("\r\n") == strings{"!bad_reply_code@0"});
  CHECK(tokens("250 OK\r\n250*OK\r\n") == strings{"250x1", "!bad_reply_separator@11"});
  CHECK(tokens("250OK\r\n") == strings{"!bad_reply_separator@3"});
  CHECK(tokens("250 OK\n") == strings{"!bare_lf@6"});
  CHECK(tokens("250 O\rK\r\n") == strings{"!bare_cr@5"});
  CHECK(tokens(std::string("250 O\0K\r\n", 9)) == strings{"!invalid_octet@5"});
  CHECK(tokens("250 caf\xc3\xa9\r\n") == strings{"!invalid_octet@7"});
  CHECK(tokens("250 " + std::string(507, 'x') + "\r\n") == strings{"!line_too_long@510"});
  CHECK(tokens("250-a\r\n250-b\r\n") == strings{"!unterminated_line@14"});
  CHECK(tokens("250 OK\r\n221 By") == strings{"250x1", "!unterminated_line@14"});
}

TEST_CASE("the line limit is exactly 512 octets counting CRLF") {
  const std::string max_line = "250 " + std::string(506, 'x') + "\r\n";
  REQUIRE(max_line.size() == 512);
  CHECK(tokens(max_line) == strings{"250x1"});
  reply_options wide;
  wide.max_line_length = 2000;
  CHECK(tokens("250 " + std::string(1000, 'x') + "\r\n", wide) == strings{"250x1"});
}

TEST_CASE("the number of lines per reply is bounded") {
  reply_options options;
  options.max_lines = 3;
  CHECK(tokens("250-a\r\n250-b\r\n250 c\r\n", options) == strings{"250x3"});
  CHECK(tokens("250-a\r\n250-b\r\n250-c\r\n250 d\r\n", options) ==
        strings{"!too_many_reply_lines@21"});
  std::string many;
  for (int i = 0; i < 100; ++i) many += "250-line\r\n";
  CHECK(tokens(many + "250 end\r\n") == strings{"!too_many_reply_lines@1000"});
  CHECK(tokens(many.substr(10) + "250 end\r\n") == strings{"250x100"});
  reply_options unbounded;
  unbounded.max_lines = smtpcodes::no_limit;
  CHECK(tokens(many + many + "250 end\r\n", unbounded) == strings{"250x201"});
}

TEST_CASE("max_line_length: 0 means no limit") {
  reply_options unbounded;
  unbounded.max_line_length = smtpcodes::no_limit;
  CHECK(tokens("250-" + std::string(3000, 'x') + "\r\n250 ok\r\n", unbounded) == strings{"250x2"});
  CHECK(tokens("250 " + std::string(3000, 'x') + "\r\n") == strings{"!line_too_long@510"});
}

TEST_CASE("leniencies, each off by default") {
  reply_options lf;
  lf.accept_bare_lf = true;
  CHECK(tokens("250-a\n250 b\r\n", lf) == strings{"250x2"});
  reply_options utf8;
  utf8.accept_8bit = true;
  CHECK(tokens("250 caf\xc3\xa9\r\n", utf8) == strings{"250x1"});
  CHECK(tokens("250 a\rb\r\n") == strings{"!bare_cr@5"});
  reply_options cr;
  cr.accept_bare_cr = true;
  const auto bare_cr = parse_all("250-a\rb\r\n250 c\r\n", cr);
  CHECK(bare_cr.tokens == strings{"250x2"});
  CHECK(bare_cr.details == strings{"a\rb|c$@16"});
  reply_options missing;
  missing.accept_missing_separator = true;
  const auto p = parse_all("250OK\r\n", missing);
  CHECK(p.tokens == strings{"250x1"});
  CHECK(p.details == strings{"OK$@7"});
  reply_options mixed;
  mixed.accept_inconsistent_enhanced_status = true;
  CHECK(tokens("550-first\r\n550-5.7.1 a\r\n550 5.7.2 b\r\n", mixed) == strings{"550/5.7.1x3"});
}

TEST_CASE("errors are sticky until reset") {
  reply_parser parser;
  REQUIRE(parser.feed("25O\r\n").failed());
  CHECK(parser.feed("250 OK\r\n").error == errc::bad_reply_code);
  parser.reset();
  CHECK(parser.feed("250 OK\r\n").is_complete());
}

TEST_CASE("corpus: every file parses as the manifest says, at every split") {
  const std::string dir = SMTPCODES_CORPUS_DIR "/replies/";
  std::istringstream manifest(read_file(dir + "MANIFEST"));
  std::string line;
  int files = 0;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::size_t colon = line.find(':');
    REQUIRE(colon != std::string::npos);
    std::string name = line.substr(0, colon);
    const bool bad = name.rfind("bad/", 0) == 0;
    if (name.rfind("good/", 0) == 0) name = name.substr(5);
    std::vector<std::string> expected;
    std::istringstream words(line.substr(colon + 1));
    std::string word;
    bool error_next = false;
    while (words >> word) {
      if (word == "!") {
        error_next = true;
        continue;
      }
      expected.push_back(error_next ? "!" + word : word);
    }
    CAPTURE(name);
    CHECK(tokens(read_file(dir + name)) == expected);
    CHECK(bad == (!expected.empty() && expected.back()[0] == '!'));
    ++files;
  }
  CHECK(files >= 20);
}

// ---- writer ----

namespace {

std::string write(reply_code code, std::optional<smtpcodes::enhanced_status> status,
                  std::initializer_list<std::string_view> lines,
                  smtpcodes::write_result* result = nullptr) {
  char buffer[2048];
  const auto r = smtpcodes::write_reply(buffer, sizeof buffer, code, status, lines);
  if (result != nullptr) *result = r;
  return r.ok() ? std::string(buffer, r.size) : std::string();
}

}  // namespace

TEST_CASE("writer: framing of single and multi-line replies") {
  const auto esc = smtpcodes::parse_enhanced_status("5.7.1");
  CHECK(write(reply_code(250), std::nullopt, {"OK"}) == "250 OK\r\n");
  CHECK(write(reply_code(550), esc, {"Relaying denied"}) == "550 5.7.1 Relaying denied\r\n");
  CHECK(write(reply_code(550), esc, {"a", "b", "c"}) ==
        "550-5.7.1 a\r\n550-5.7.1 b\r\n550 5.7.1 c\r\n");
  CHECK(write(reply_code(250), std::nullopt, {}) == "250\r\n");
  CHECK(write(reply_code(250), smtpcodes::parse_enhanced_status("2.0.0"), {}) == "250 2.0.0\r\n");
  CHECK(write(reply_code(250), std::nullopt, {"", ""}) == "250-\r\n250\r\n");
}

TEST_CASE("writer output parses back to the same reply") {
  const auto esc = smtpcodes::parse_enhanced_status("4.7.0");
  const std::string text = write(reply_code(421), esc, {"Too many connections", "Try later"});
  const auto p = parse_all(text);
  CHECK(p.tokens == strings{"421/4.7.0x2"});
  CHECK(p.details ==
        strings{"4.7.0 Too many connections|4.7.0 Try later$@" + std::to_string(text.size())});
}

TEST_CASE("writer refuses what would break framing") {
  smtpcodes::write_result r;
  write(reply_code(250), std::nullopt, {"a\r\nMAIL FROM:<x>"}, &r);
  CHECK(r.error == errc::line_break_in_text);
  CHECK(r.part == 0);
  CHECK(r.offset == 1);
  write(reply_code(250), std::nullopt, {"ok", "b\nc"}, &r);
  CHECK(r.error == errc::line_break_in_text);
  CHECK(r.part == 1);
  write(reply_code(250), std::nullopt, {std::string_view("a\0b", 3)}, &r);
  CHECK(r.error == errc::invalid_octet);
  write(reply_code(250), std::nullopt, {"caf\xc3\xa9"}, &r);
  CHECK(r.error == errc::invalid_octet);
  const std::string long_text(507, 'x');
  write(reply_code(250), std::nullopt, {long_text}, &r);
  CHECK(r.error == errc::line_too_long);
  CHECK(write(reply_code(250), std::nullopt, {long_text.substr(1)}).size() == 512);
  write(reply_code(199), std::nullopt, {"x"}, &r);
  CHECK(r.error == errc::bad_argument);
  write(reply_code(550), smtpcodes::parse_enhanced_status("4.7.1"), {"x"}, &r);
  CHECK(r.error == errc::bad_argument);
  write(reply_code(354), smtpcodes::parse_enhanced_status("2.0.0"), {"x"}, &r);
  CHECK(r.error == errc::bad_argument);
}

TEST_CASE("writer reports the size it needs and writes nothing when short") {
  char small[8] = {'#', '#', '#', '#', '#', '#', '#', '#'};
  const auto r = smtpcodes::write_reply(small, sizeof small, reply_code(250), std::nullopt,
                                        {"this does not fit"});
  CHECK(r.error == errc::output_too_small);
  CHECK(r.size == 23);
  CHECK(std::string(small, 8) == "########");
}

TEST_CASE("writer allows 8-bit text only when asked") {
  char buffer[64];
  smtpcodes::reply_writer_options utf8;
  utf8.accept_8bit = true;
  const std::string_view line = "caf\xc3\xa9";
  const auto r =
      smtpcodes::write_reply(buffer, sizeof buffer, reply_code(250), std::nullopt, &line, 1, utf8);
  CHECK(r.ok());
  CHECK(std::string(buffer, r.size) == "250 caf\xc3\xa9\r\n");
}

TEST_CASE(
    "parser: a shrinking re-feed is input_shrank, never a read past the input (issue 10, 4)") {
  // Inside the first line, and after complete lines of a pending reply (offset_ past the end).
  for (const std::string first : {"250-mx.exa", "250-mx.example.com\r\n250-PIPE"}) {
    CAPTURE(first);
    reply_parser parser;
    REQUIRE(parser.feed(first).needs_more());
    guarded_input shorter("250-mx.ex");
    const auto r = parser.feed(shorter.view());
    CHECK(r.error == errc::input_shrank);
    CHECK(r.offset == 9);
    const auto again = parser.feed("250 mx.example.com\r\n");  // sticky
    CHECK(again.error == errc::input_shrank);
    CHECK(again.offset == 9);
    parser.reset();
    CHECK(parser.feed("250 mx.example.com\r\n").is_complete());
  }
  reply_parser parser;
  REQUIRE(parser.feed("250-a\r\n250").needs_more());
  CHECK(parser.finish("").error == errc::input_shrank);
  // A new reply after a complete one starts from the caller's remaining bytes.
  reply_parser next;
  REQUIRE(next.feed("250 ok\r\n2").is_complete());
  CHECK(next.feed("2").needs_more());
}
