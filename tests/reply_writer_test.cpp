// Tests for reply_writer.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <optional>
#include <smtpcodes/reply.hpp>
#include <smtpcodes/reply_writer.hpp>
#include <string>
#include <vector>

using smtpcodes::enhanced_status;
using smtpcodes::errc;
using smtpcodes::reply_code;
using smtpcodes::write_result;

namespace {

std::string where(const write_result& r) {
  return std::string(to_string(r.error)) + " part " + std::to_string(r.part) + " offset " +
         std::to_string(r.offset);
}

write_result write(std::uint16_t code, std::optional<enhanced_status> status,
                   std::initializer_list<std::string_view> lines,
                   const smtpcodes::reply_writer_options& options = {}) {
  char out[4096];
  return smtpcodes::write_reply(out, sizeof out, reply_code(code), status, lines, options);
}

/// Writes, parses back with `parse` options, and describes what the parser saw.
std::string round_trip(std::uint16_t code, std::optional<enhanced_status> status,
                       std::vector<std::string_view> lines,
                       const smtpcodes::reply_writer_options& options = {},
                       const smtpcodes::reply_options& parse = {}) {
  char out[4096];
  const auto w = smtpcodes::write_reply(out, sizeof out, reply_code(code), status, lines.data(),
                                        lines.size(), options);
  if (w.failed()) return "refused: " + where(w);
  smtpcodes::reply_parser parser(parse);
  const auto r = parser.feed(std::string_view(out, w.size));
  if (!r.is_complete() || r.consumed != w.size)
    return "parser: " + std::string(to_string(r.error)) + "@" + std::to_string(r.offset);
  const auto reply = parser.reply();
  std::string seen = std::to_string(reply.code().value());
  if (reply.enhanced()) seen += " " + std::string(smtpcodes::to_text(*reply.enhanced()).view());
  for (const auto& line : reply) seen += "|" + std::string(reply.message(line));
  return seen;
}

}  // namespace

TEST_CASE("without an enhanced code, a text cannot start with one (issue 10, defect 5)") {
  // Written before: "550-5.7.1 Relaying denied\r\n550 see policy\r\n", which the reply parser
  // refuses (inconsistent_enhanced_status): the first line carries a code, the second none.
  CHECK(round_trip(550, std::nullopt, {"5.7.1 Relaying denied", "see policy"}) ==
        "refused: bad_argument part 0 offset 0");
  CHECK(round_trip(550, std::nullopt, {"see policy", "5.7.1 Relaying denied"}) ==
        "refused: bad_argument part 1 offset 0");
  // One line would parse, but as a reply with an enhanced code the caller did not give.
  CHECK(round_trip(550, std::nullopt, {"5.7.1 Relaying denied"}) ==
        "refused: bad_argument part 0 offset 0");
  CHECK(round_trip(250, std::nullopt, {"2.0.0"}) == "refused: bad_argument part 0 offset 0");
  // Given as `enhanced`, it is one code on every line.
  CHECK(round_trip(550, smtpcodes::parse_enhanced_status("5.7.1"),
                   {"Relaying denied", "see policy"}) == "550 5.7.1|Relaying denied|see policy");
  // What the parser does not take as a code is plain text.
  CHECK(round_trip(550, std::nullopt, {"4.7.1 wrong class", "x"}) == "550|4.7.1 wrong class|x");
  CHECK(round_trip(550, std::nullopt, {"5.7.1: no space", "x"}) == "550|5.7.1: no space|x");
  CHECK(round_trip(550, std::nullopt, {" 5.7.1 leading space"}) == "550| 5.7.1 leading space");
  CHECK(round_trip(354, std::nullopt, {"3.0.0 no such class"}) == "354|3.0.0 no such class");
  // After the given code, a text may say anything, another code included.
  CHECK(round_trip(550, smtpcodes::parse_enhanced_status("5.7.1"), {"5.1.1 also", ""}) ==
        "550 5.7.1|5.1.1 also|");
}

TEST_CASE("writer output parses back to exactly the code, enhanced code and lines") {
  const auto esc = smtpcodes::parse_enhanced_status("2.1.5");
  CHECK(round_trip(250, std::nullopt, {}) == "250|");
  CHECK(round_trip(250, std::nullopt, {""}) == "250|");
  CHECK(round_trip(250, std::nullopt, {"", "", ""}) == "250|||");
  CHECK(round_trip(250, esc, {}) == "250 2.1.5|");
  CHECK(round_trip(250, esc, {"", "x", ""}) == "250 2.1.5||x|");
  CHECK(round_trip(250, esc, {" two  spaces ", "\ttab"}) == "250 2.1.5| two  spaces |\ttab");
  CHECK(round_trip(221, std::nullopt, {"Bye"}) == "221|Bye");
  smtpcodes::reply_writer_options utf8;
  utf8.accept_8bit = true;
  smtpcodes::reply_options parse_utf8;
  parse_utf8.accept_8bit = true;
  CHECK(round_trip(250, esc, {"caf\xc3\xa9"}, utf8, parse_utf8) == "250 2.1.5|caf\xc3\xa9");
  CHECK(round_trip(250, esc, {"caf\xc3\xa9"}) == "refused: invalid_octet part 0 offset 3");
}

TEST_CASE("reply writer: part is the line, offset the octet in its text") {
  CHECK(where(write(250, std::nullopt, {"ok", "a\rb"})) == "line_break_in_text part 1 offset 1");
  CHECK(where(write(250, std::nullopt, {"ok", "ok", std::string_view("ab\0", 3)})) ==
        "invalid_octet part 2 offset 2");
  CHECK(where(write(250, std::nullopt, {"\x7f"})) == "invalid_octet part 0 offset 0");
  CHECK(where(write(199, std::nullopt, {"x"})) == "bad_argument part 0 offset 0");
  CHECK(where(write(550, smtpcodes::parse_enhanced_status("4.7.1"), {"x"})) ==
        "bad_argument part 0 offset 0");
  CHECK(where(write(550, enhanced_status{5, 1000, 1}, {"x"})) == "bad_argument part 0 offset 0");
  // line_too_long: the offset is the first octet of the text past the limit.
  const std::string long_text(600, 'x');
  CHECK(where(write(250, std::nullopt, {"ok", long_text})) == "line_too_long part 1 offset 506");
  CHECK(where(write(550, smtpcodes::parse_enhanced_status("5.7.1"), {long_text})) ==
        "line_too_long part 0 offset 500");
  smtpcodes::reply_writer_options tiny;
  tiny.max_line_length = 8;  // "550 5.7.1" + CRLF does not fit even without text
  CHECK(where(write(550, smtpcodes::parse_enhanced_status("5.7.1"), {""}, tiny)) ==
        "line_too_long part 0 offset 0");
  smtpcodes::reply_writer_options unlimited;
  unlimited.max_line_length = 0;
  CHECK(write(250, std::nullopt, {long_text}, unlimited).ok());
}

TEST_CASE("reply writer: at most max_lines lines, as the parser reads") {
  char out[4096];
  const std::vector<std::string_view> lines(101, "x");
  const auto r = smtpcodes::write_reply(out, sizeof out, reply_code(250), std::nullopt,
                                        lines.data(), lines.size());
  CHECK(where(r) == "too_many_reply_lines part 100 offset 0");
  const auto ok =
      smtpcodes::write_reply(out, sizeof out, reply_code(250), std::nullopt, lines.data(), 100);
  REQUIRE(ok.ok());
  smtpcodes::reply_parser parser;
  CHECK(parser.feed(std::string_view(out, ok.size)).is_complete());
  smtpcodes::reply_writer_options unlimited;
  unlimited.max_lines = 0;
  CHECK(smtpcodes::write_reply(out, sizeof out, reply_code(250), std::nullopt, lines.data(),
                               lines.size(), unlimited)
            .ok());
}

TEST_CASE("reply writer: output_too_small writes nothing and gives the capacity needed") {
  const std::string reply = "550-5.7.1 a\r\n550 5.7.1 bc\r\n";
  for (std::size_t capacity = 0; capacity <= reply.size(); ++capacity) {
    std::string out(reply.size(), '#');
    const auto r = smtpcodes::write_reply(&out[0], capacity, reply_code(550),
                                          smtpcodes::parse_enhanced_status("5.7.1"), {"a", "bc"});
    if (capacity < reply.size()) {
      CHECK(r.error == errc::output_too_small);
      CHECK(r.size == reply.size());
      CHECK(out == std::string(reply.size(), '#'));
    } else {
      REQUIRE(r.ok());
      CHECK(out == reply);
    }
  }
}

TEST_CASE("the reply writer is constexpr") {
  constexpr auto written = [] {
    char out[32] = {};
    const auto r = smtpcodes::write_reply(out, sizeof out, reply_code(250), std::nullopt, {"OK"});
    return r.ok() && r.size == 8 && out[4] == 'O';
  };
  static_assert(written(), "");
  constexpr auto refused = [] {
    char out[32] = {};
    return smtpcodes::write_reply(out, sizeof out, reply_code(550), std::nullopt, {"5.7.1 x", "y"})
               .error == errc::bad_argument;
  };
  static_assert(refused(), "");
  CHECK(true);
}
