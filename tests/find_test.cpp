// Tests for find.hpp: the pasted-forms corpus (tests/corpus/pasted/MANIFEST), edge cases, the
// views-inside rule, and properties (a prefix of spaces shifts the offset; LF and CRLF agree).
// The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <smtpcodes/enhanced_status.hpp>
#include <smtpcodes/find.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "guard_page.hpp"

using smtpcodes::answered_command;
using smtpcodes::find_reply;
using smtpcodes::found_reply;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool inside(std::string_view v, std::string_view input) {
  const auto lo = reinterpret_cast<std::uintptr_t>(input.data());
  const auto at = reinterpret_cast<std::uintptr_t>(v.data());
  return at >= lo && at - lo <= input.size() && v.size() <= input.size() - (at - lo);
}

// Every view lies inside the input (empty ones too: they point where they would start), and
// the offset is match's.
void check_views(const found_reply& r, std::string_view input) {
  CHECK(inside(r.text, input));
  CHECK(inside(r.match, input));
  CHECK(inside(r.marker, input));
  CHECK(r.offset <= input.size());
  if (r.found) {
    CHECK(r.match.data() == input.data() + r.offset);
    CHECK(r.ok());
    CHECK(r.error == smtpcodes::errc{});
    CHECK(r.line_count >= 1);
    CHECK(!r.match.empty());
    // The text lies inside the match unless it came from Sendmail's stat= after dsn=.
    CHECK(inside(r.text, r.match));
  } else {
    CHECK(r.failed());
    CHECK(r.error == smtpcodes::errc::bad_reply_code);
    CHECK(r.offset == input.size());
    CHECK(r.line_count == 0);
    CHECK(!r.code);
    CHECK(!r.enhanced);
  }
}

std::string code_of(const found_reply& r) {
  return r.code ? std::to_string(r.code->value()) : "-";
}
std::string enhanced_of(const found_reply& r) {
  return r.enhanced ? std::string(smtpcodes::to_text(*r.enhanced).view()) : "-";
}
std::string command_of(const found_reply& r) {
  return r.command == answered_command::none ? "-" : std::string(to_string(r.command));
}

// `r`, found in `input`, says what `expected` says (offset and match aside).
void check_same_finding(const found_reply& r, std::string_view input, const found_reply& expected) {
  check_views(r, input);
  CHECK(r.found == expected.found);
  CHECK(r.code == expected.code);
  CHECK(r.enhanced == expected.enhanced);
  CHECK(r.mismatched_enhanced == expected.mismatched_enhanced);
  CHECK(r.command == expected.command);
  CHECK(r.text == expected.text);
  CHECK(r.line_count == expected.line_count);
}

// Replaces each LF by CRLF (the input has no CR).
std::string to_crlf(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

}  // namespace

TEST_CASE("corpus: every pasted form is found as the manifest says") {
  const std::string dir = SMTPCODES_CORPUS_DIR "/pasted/";
  std::istringstream manifest(read_file(dir + "MANIFEST"));
  std::string line;
  int cases = 0;
  int found = 0;
  while (std::getline(manifest, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string file, code, enhanced, command;
    std::size_t lines = 0;
    const bool parsed = static_cast<bool>(words >> file >> code >> enhanced >> command >> lines);
    REQUIRE(parsed);
    std::string text_prefix;
    std::getline(words, text_prefix);
    if (!text_prefix.empty() && text_prefix[0] == ' ') text_prefix.erase(0, 1);
    CAPTURE(file);
    const std::string input = read_file(dir + file);
    const guarded_input guarded(input);
    const found_reply r = find_reply(guarded.view());
    check_views(r, guarded.view());
    CHECK(code_of(r) == code);
    CHECK(enhanced_of(r) == enhanced);
    CHECK(command_of(r) == command);
    CHECK(r.line_count == lines);
    CHECK(r.found == (lines != 0));
    CAPTURE(r.text);
    CHECK(r.text.substr(0, text_prefix.size()) == text_prefix);
    if (!text_prefix.empty()) CHECK(r.text.size() >= text_prefix.size());

    // A prefix of spaces (and of a line break) changes nothing but the offset.
    for (const std::string& prefix : {std::string("   "), std::string("\n"), std::string("\r\n")}) {
      const std::string shifted = prefix + input;
      const found_reply s = find_reply(shifted);
      check_same_finding(s, shifted, r);
      if (r.found) CHECK(s.offset == r.offset + prefix.size());
    }
    // Unrelated text after a blank line changes nothing.
    const std::string suffixed = input + "\n\nThanks, the postmaster team\n";
    const found_reply t = find_reply(suffixed);
    CHECK(t.code == r.code);
    CHECK(t.enhanced == r.enhanced);
    CHECK(t.text == r.text);
    // LF and CRLF agree for inputs with LF line ends only.
    if (input.find('\r') == std::string::npos && input.find('\n') != std::string::npos) {
      const std::string crlf = to_crlf(input);
      check_same_finding(find_reply(crlf), crlf, r);
    }
    ++cases;
    found += r.found ? 1 : 0;
  }
  CHECK(cases >= 60);
  CHECK(found >= 60);
}

TEST_CASE("empty and code-free input: nothing found, empty views at the end") {
  for (const std::string_view s : {std::string_view(), std::string_view(""),
                                   std::string_view("hello"), std::string_view("\r\n\r\n")}) {
    const found_reply r = find_reply(s);
    CHECK_FALSE(r.found);
    CHECK(r.failed());
    CHECK(r.text.empty());
    CHECK(r.match.empty());
    CHECK(r.marker.empty());
    CHECK(r.offset == s.size());
    CHECK(r.command == answered_command::none);
  }
}

TEST_CASE("a basic code stands alone: numbers in text are not codes") {
  const char* not_codes[] = {
      "192.0.2.250",
      "from 192.0.2.1",
      "2026-12-01 10:55:01",
      "at 10:55:01",
      "port 25",
      "port 465",
      "552 bytes",
      "size 552 bytes",
      "took 421 seconds",
      "abc550",
      "550abc",
      "5500",
      "1550",
      "id=550",
      "x-550 y",
      "v5.1.1",
      "5.1.1.1",
      "5.1.1x",
      "600 nope",
      "199 nope",
      "560 nope",
      "version 2.11.3 here",
      "see /550/ path",
      ("\xc3\xa9"
       "550 x"),
      "mx.example.com:550",
      "550.",
      "5.01.1",
      "3.0.0",
  };
  for (const char* s : not_codes) {
    CAPTURE(s);
    const found_reply r = find_reply(s);
    CHECK_FALSE(r.found);
    check_views(r, s);
  }
}

TEST_CASE("a code at the start, after spaces or quoting, or mid-line with its enhanced code") {
  CHECK(find_reply("550").code == smtpcodes::reply_code(550));
  CHECK(find_reply("550\r\n").text.empty());
  CHECK(find_reply("  > 550 5.1.1 x").code == smtpcodes::reply_code(550));
  CHECK(find_reply("failed: 550 no").code == smtpcodes::reply_code(550));
  // A unit makes a quantity, but not a word that starts a server's text.
  CHECK_FALSE(find_reply("250 messages today").found);
  CHECK(find_reply("a: 554 Message refused").code == smtpcodes::reply_code(554));
  CHECK_FALSE(find_reply("failed 550 no").found);  // mid-line, no ": ", no enhanced code
  CHECK(find_reply("failed 550 5.1.1 no").code == smtpcodes::reply_code(550));
  CHECK_FALSE(find_reply("failed 550 4.1.1 no").found);  // no agreeing enhanced code
  // A code at the start of a line beats a weaker one before it.
  const found_reply r = find_reply("failed: 451 later\n550 5.1.1 now");
  CHECK(r.code == smtpcodes::reply_code(550));
  CHECK(r.offset == 18);
}

TEST_CASE("markers take precedence over a bare scan") {
  const std::string s =
      "421 is what we saw first\nhost mx.example.com[192.0.2.1] said: 550 5.1.1 x";
  const found_reply r = find_reply(s);
  CHECK(r.code == smtpcodes::reply_code(550));
  CHECK(r.marker == "said:");
  CHECK(r.text == "x");
  // Markers match without regard to case; a marker inside a word does not count.
  CHECK(find_reply("HOST X SAID: 550 y").marker == "SAID:");
  CHECK(find_reply("unsaid: 550 y").marker.empty());
  CHECK(find_reply("STAT=Deferred: 451 4.3.0 busy").code == smtpcodes::reply_code(451));
}

TEST_CASE("class mismatch: the basic code wins, the other code is reported") {
  const found_reply r = find_reply("550 4.2.2 Mailbox full");
  CHECK(r.code == smtpcodes::reply_code(550));
  CHECK_FALSE(r.enhanced);
  REQUIRE(r.mismatched_enhanced);
  CHECK(*r.mismatched_enhanced == *smtpcodes::parse_enhanced_status("4.2.2"));
  CHECK(r.text == "Mailbox full");
  // A separate field of another class is not taken either.
  const found_reply d = find_reply("Status: 4.2.2\nDiagnostic-Code: smtp; 550 full");
  CHECK(d.code == smtpcodes::reply_code(550));
  CHECK_FALSE(d.enhanced);
  CHECK_FALSE(d.mismatched_enhanced);
}

TEST_CASE("multi-line replies: code and text from the first line, match over all lines") {
  const std::string lf = "550-5.1.1 one\n550-5.1.1 two\n550 5.1.1 three\nnext";
  const found_reply r = find_reply(lf);
  CHECK(r.line_count == 3);
  CHECK(r.text == "one");
  CHECK(r.match == "550-5.1.1 one\n550-5.1.1 two\n550 5.1.1 three");
  const std::string crlf = to_crlf(lf);
  const found_reply c = find_reply(crlf);
  CHECK(c.line_count == 3);
  CHECK(c.text == "one");
  CHECK(c.match == "550-5.1.1 one\r\n550-5.1.1 two\r\n550 5.1.1 three");
  // A continuation stops at a line with another code, and at the final line.
  CHECK(find_reply("550-a\n551 b\n").line_count == 1);
  CHECK(find_reply("550-a\n550 b\n550 c\n").line_count == 2);
  CHECK(find_reply("550-a\n550\n550 c\n").line_count == 2);
  CHECK(find_reply("550 a\n550 b\n").line_count == 1);
}

TEST_CASE("the command the reply answered") {
  CHECK(find_reply("said: 550 x (in reply to RCPT TO command)").command == answered_command::rcpt);
  CHECK(find_reply("said: 550 x (in reply to MAIL FROM command)").command ==
        answered_command::mail);
  CHECK(find_reply("said: 550 x (in reply to end of DATA command)").command ==
        answered_command::data);
  CHECK(find_reply("said: 550 x (in reply to HELO command)").command == answered_command::helo);
  CHECK(find_reply("said: 550 x (in reply to BDAT command)").command == answered_command::bdat);
  // Postfix wraps long bounce lines: the hint may break anywhere between its words.
  CHECK(find_reply("said: 550 5.1.1 unknown (in reply\n    to RCPT TO command)").command ==
        answered_command::rcpt);
  CHECK(find_reply("said: 550 5.1.1 unknown (in\r\n reply to\r\n MAIL FROM command)").command ==
        answered_command::mail);
  CHECK(find_reply("said: 550 5.1.1 unknown (in reply tooRCPT TO command)").command ==
        answered_command::none);
  CHECK(find_reply("after end of data: 550 x").command == answered_command::data);
  CHECK(find_reply("after STARTTLS: 454 4.7.0 x").command == answered_command::starttls);
  CHECK(find_reply("refused to talk to me: 554 x").command == answered_command::connect);
  CHECK(find_reply("550 5.1.1 x").command == answered_command::none);
  CHECK(find_reply("550 try again after dinner").command == answered_command::none);
  CHECK(find_reply("550 for RCPT").command == answered_command::none);  // "for" needs "command"
  CHECK(to_string(answered_command::none).empty());
  CHECK(to_string(answered_command::connect) == "CONNECT");
  CHECK(to_string(answered_command::rcpt) == "RCPT");
  // A hint on the reply's line or after it comes first.
  CHECK(find_reply("after MAIL FROM:<a@example.com>: 250 ok\nsaid: 550 x (in reply to RCPT TO "
                   "command)")
            .command == answered_command::rcpt);
}

TEST_CASE("text trimming") {
  CHECK(find_reply("Remote Server returned '550 5.7.1 no' then more").text == "no");
  CHECK(find_reply("#550 5.1.1 gone ##").text == "gone");
  CHECK(find_reply("answered \"550 5.7.1 no\" twice").text == "no");
  CHECK(find_reply("returned '550 5.2.2 Bob's box is full'").text == "Bob's box is full");
  CHECK(find_reply("returned '550 5.2.2 Bob's box").text == "Bob's box");
  CHECK(find_reply("(host x said: 421 4.7.0 busy)").text == "busy");
  CHECK(find_reply("(host x said: 421 4.7.0 busy (really))").text == "busy (really)");
  CHECK(find_reply("said: 550 5.1.1 a   \r\n").text == "a");
  CHECK(find_reply("said: 550 5.1.1 a (in reply to RCPT TO command)").match == "550 5.1.1 a");
  CHECK(find_reply("dsn=5.1.1, stat=User unknown").text == "User unknown");
  CHECK(find_reply("dsn=5.1.1, status=bounced").text.empty());
}

TEST_CASE("8-bit text around and inside a reply") {
  const std::string s = "\xff\xfe\x80 said: 550 5.1.1 \xe9t\xe9 \xff\n";
  const found_reply r = find_reply(s);
  check_views(r, s);
  CHECK(r.code == smtpcodes::reply_code(550));
  CHECK(r.text == "\xe9t\xe9 \xff");
}

TEST_CASE("every view lies inside the input for every prefix and suffix of the corpus") {
  const std::string dir = SMTPCODES_CORPUS_DIR "/pasted/";
  const std::string samples[] = {"postfix_bounced_rcpt.txt", "exim_bounce_body.txt",
                                 "gmail_block_multiline.txt", "m365_block.txt", "dsn_block.txt"};
  for (const std::string& name : samples) {
    const std::string input = read_file(dir + name);
    for (std::size_t cut = 0; cut <= input.size(); ++cut) {
      const guarded_input head(input.substr(0, cut));
      check_views(find_reply(head.view()), head.view());
      const guarded_input tail(input.substr(cut));
      check_views(find_reply(tail.view()), tail.view());
    }
  }
}

TEST_CASE("long inputs stay cheap and correct") {
  std::string many;
  for (int i = 0; i < 20000; ++i) many += "dsn=5.1.1 550-";
  check_views(find_reply(many), many);
  std::string lines;
  for (int i = 0; i < 20000; ++i) lines += "550-x\n";
  const found_reply r = find_reply(lines);
  CHECK(r.line_count == 20000);
  std::string colons;
  for (int i = 0; i < 20000; ++i) colons += "x: 550 ";
  CHECK(find_reply(colons).offset == 3);
}

// constexpr: usable in static_assert.
static_assert(find_reply("#550 5.1.1 nope ##").text == "nope");
static_assert(find_reply("x said: 550 5.1.1 no (in reply to RCPT TO command)").command ==
              answered_command::rcpt);
static_assert(!find_reply("192.0.2.1").found);
