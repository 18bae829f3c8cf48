// line_reader::feed_each against the feed loop it must equal: the same lines, the same
// consumed octets, the same errors at the same offsets, for every option, chunking and input,
// including inputs generated and mutated at random (fixed seeds).
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <smtpcodes/line.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "feed_each_harness.hpp"
#include "guard_page.hpp"
#include "random_octets.hpp"

namespace {

using smtpcodes::line_options;
using smtpcodes::line_reader;

/// How the harness sees a line_reader: each line as its text.
struct line_adapter {
  using reader = line_reader;
  using options = line_options;
  static std::string describe(std::string_view line) { return std::string(line); }
  static std::string_view last(const line_reader& r) { return r.line(); }
};

/// Lines a client sends, well-formed and not.
const char* const texts[] = {
    "EHLO client.example.net",
    "MAIL FROM:<sender@example.com> SIZE=12345 BODY=8BITMIME",
    "RCPT TO:<user@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;user@example.org",
    "DATA",
    "",
    "QUIT",
    "tab\there",
    "caf\xc3\xa9",
    "a",
};

std::string random_stream(std::uint64_t seed, std::size_t lines) {
  random_octets rng{seed * 0x9E3779B97F4A7C15ULL + 1};
  std::string out;
  for (std::size_t i = 0; i < lines; ++i) {
    out += texts[rng.below(sizeof texts / sizeof texts[0])];
    if (rng.below(40) == 0) out += std::string(rng.below(600), 'x');  // near the line limit
    const std::size_t ending = rng.below(60);
    out += ending == 0 ? "\n" : ending == 1 ? "\r" : "\r\n";
  }
  // A few octets flipped at random: control octets, DEL, 8-bit, a stray CR or LF.
  static const char noise[] = {'\0', '\r', '\n', '\t', '\x7f', '\x80', '\xff', ' ', '.', 'x'};
  const std::size_t flips = rng.below(4);
  for (std::size_t i = 0; i < flips && !out.empty(); ++i)
    out[rng.below(out.size())] = noise[rng.below(10)];
  return out;
}

std::vector<line_options> option_sets() {
  std::vector<line_options> sets(8);
  sets[1].accept_8bit = true;
  sets[2].accept_bare_lf = true;
  sets[3].accept_bare_cr = true;
  sets[4].max_line_length = 24;
  sets[5].max_line_length = smtpcodes::no_limit;
  sets[6].max_line_length = 2;  // behaves like 3
  sets[7].max_line_length = smtpcodes::command_line_limit;
  sets[7].accept_bare_lf = true;
  sets[7].accept_bare_cr = true;
  sets[7].accept_8bit = true;
  return sets;
}

std::string pipelined() {
  std::string s;
  for (int i = 0; i < 40; ++i) {
    s += "MAIL FROM:<sender-" + std::to_string(i) + "@example.com> SIZE=12345\r\n";
    s += "RCPT TO:<a@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@example.org\r\n";
    s += "RCPT TO:<b@example.org>\r\nDATA\r\n\r\nQUIT\r\n";
  }
  return s;
}

}  // namespace

TEST_CASE("line feed_each reports what the feed loop reports, for every option and chunk size") {
  const std::string stream = pipelined();
  check_equal<line_adapter>(stream, option_sets());
  const transcript t = read_stream<line_adapter>(stream, 1460, line_options{}, true);
  CHECK(t.items.size() == 40 * 6);
  CHECK(t.items[4].empty());  // the empty line is a line
  CHECK(t.ending == "left 0");
}

TEST_CASE("line feed_each equals the feed loop on random and mutated streams") {
  const auto sets = option_sets();
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    check_equal<line_adapter>(random_stream(seed, 1 + seed % 40), sets);
  }
}

TEST_CASE("line feed_each equals the feed loop on the lines the block path must hand on") {
  const std::string cases[] = {
      "a\tb\r\n",
      "a\x7f\r\n",
      std::string("a\0b\r\n", 5),
      "caf\xc3\xa9\r\n",
      "a\rb\r\n",
      "a\nb\r\n",
      "a\n",
      "a\r",
      "\r\n",
      "\r\r\n",
      std::string(510, 'x') + "\r\n",  // the longest default line
      std::string(511, 'x') + "\r\n",
      std::string(1000, 'x') + "\r\n",
  };
  const auto sets = option_sets();
  const std::string plain = "RCPT TO:<a@b.example>\r\n";
  for (const std::string& c : cases) {
    for (std::size_t shift = 0; shift < 24; shift += 5) {
      // Plain lines first, so that the case starts inside the block path, at several places in
      // a 64-octet block; CR LF is also cut across two blocks at some shift.
      std::string stream(shift, 'y');
      stream += "\r\n";
      while (stream.size() < 64 + shift) stream += plain;
      stream += c + plain + plain + plain + plain;
      CAPTURE(c);
      CAPTURE(shift);
      check_equal<line_adapter>(stream, sets);
    }
  }
}

TEST_CASE("line feed_each: errors after good lines, offsets from the start of the input") {
  std::string input;
  while (input.size() < 100) input += "NOOP\r\n";
  const std::size_t lines = input.size() / 6;
  const std::size_t bad = input.size() + 4;
  input += "NOOP\nNOOP\r\n";  // a bare LF
  line_reader reader;
  std::size_t reported = 0;
  const auto r = reader.feed_each(input, [&](std::string_view) { ++reported; });
  REQUIRE(r.failed());
  CHECK(r.error == smtpcodes::errc::bare_lf);
  CHECK(r.offset == bad);
  CHECK(reported == lines);
  // Sticky, as for feed, until reset.
  CHECK(reader.feed_each("NOOP\r\n", [&](std::string_view) { ++reported; }).failed());
  CHECK(reported == lines);
  reader.reset();
  CHECK(reader.feed_each("NOOP\r\n", [&](std::string_view) { ++reported; }).consumed == 6);
  CHECK(reported == lines + 1);
}

TEST_CASE("line feed_each: a partial line waits, then completes with the octets that follow") {
  const std::string first = "MAIL FROM:<" + std::string(70, 'x') + "@example.com>";
  const std::string stream = first + "\r\nRCPT TO:<a@example.org>\r\n";
  line_reader reader;
  std::vector<std::string> seen;
  auto collect = [&](std::string_view line) { seen.emplace_back(line); };
  const std::size_t cut = 40;
  auto r = reader.feed_each(std::string_view(stream).substr(0, cut), collect);
  CHECK(r.needs_more());
  CHECK(r.consumed == 0);
  CHECK(seen.empty());
  // Fewer octets than before is input_shrank, as for feed.
  line_reader shrunk;
  (void)shrunk.feed_each(std::string_view(stream).substr(0, cut), collect);
  CHECK(shrunk.feed_each(std::string_view(stream).substr(0, cut - 1), collect).error ==
        smtpcodes::errc::input_shrank);
  r = reader.feed_each(stream, collect);
  REQUIRE(r.is_complete());
  CHECK(r.consumed == stream.size());
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == first);
  CHECK(seen[1] == "RCPT TO:<a@example.org>");
}

TEST_CASE("line feed_each never reads past the input") {
  const std::string line = "RCPT TO:<" + std::string(30, 'y') + "@example.org>\r\n";
  std::string stream;
  while (stream.size() < 600) stream += line;
  for (std::size_t n = 0; n <= stream.size(); n += 7) {
    CAPTURE(n);
    guarded_input guarded(stream.substr(0, n));
    line_reader reader;
    std::size_t lines = 0;
    const auto r = reader.feed_each(guarded.view(), [&](std::string_view) { ++lines; });
    CHECK(r.ok());
    CHECK(lines == n / line.size());
  }
}
