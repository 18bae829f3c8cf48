// reply_parser::feed_each against the feed loop it must equal: the same replies, the same
// consumed octets, the same errors at the same offsets, for every option, chunking and input,
// including inputs generated and mutated at random (fixed seeds).
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <smtpcodes/reply.hpp>
#include <string>
#include <vector>

#include "feed_each_harness.hpp"
#include "guard_page.hpp"
#include "random_octets.hpp"

namespace {

using smtpcodes::reply_options;
using smtpcodes::reply_parser;
using smtpcodes::reply_view;

std::string describe(const reply_view& r) {
  std::string out = std::to_string(r.code().value());
  if (const auto e = r.enhanced()) {
    out += " " + std::to_string(e->klass) + "." + std::to_string(e->subject) + "." +
           std::to_string(e->detail);
  }
  out += " [" + std::string(r.raw()) + "] " + std::to_string(r.line_count()) + ":";
  for (const auto& line : r) out += (line.is_final ? " $" : " -") + std::string(line.text);
  return out;
}

/// How the harness sees a reply_parser: each reply as `describe` writes it.
struct reply_adapter {
  using reader = reply_parser;
  using options = reply_options;
  static std::string describe(const reply_view& r) { return ::describe(r); }
  static reply_view last(const reply_parser& p) { return p.reply(); }
};

/// Lines a server sends, well-formed and not: every shape the block path must settle or hand on.
const char* const texts[] = {
    "2.1.5 Recipient ok",  // the common enhanced shape
    "2.0.0",               // the code is the whole text
    "5.7.26 Unauthenticated email is not accepted",
    "4.7.0 Try again later",  // class differs from 2yz: not an enhanced code of a 250
    "5.1.1 <nobody@example.org>: User unknown",
    "2.1.0 ok",
    "2.01.5 leading zero",
    "2.1.5x not a code",
    "2.1.",
    "2",
    "mx.example.com ESMTP ready",
    "SIZE 52428800",
    "8BITMIME",
    "tab\there",
    "caf\xc3\xa9",
    "",
    "2.1.5",
    "2.1.5 ",
};

std::string random_reply(random_octets& rng) {
  static const char* const codes[] = {"250", "550", "451", "354", "221", "220", "199", "260"};
  const std::string code = codes[rng.below(8)];
  const std::size_t lines = rng.below(5) == 0 ? 1 + rng.below(12) : 1;
  const std::size_t text = rng.below(sizeof texts / sizeof texts[0]);
  std::string out;
  for (std::size_t i = 0; i < lines; ++i) {
    const bool final_line = i + 1 == lines;
    // Mostly the same text (so the enhanced codes repeat), sometimes another one.
    const std::size_t k = rng.below(6) == 0 ? rng.below(sizeof texts / sizeof texts[0]) : text;
    out += (rng.below(40) == 0 ? codes[rng.below(8)] : code.c_str());
    const std::size_t shape = rng.below(30);
    if (shape == 0) {
      out += "";  // bare code
    } else if (shape == 1) {
      out += texts[k];  // no separator
    } else {
      out += final_line ? " " : "-";
      out += texts[k];
    }
    if (rng.below(50) == 0) out += std::string(rng.below(520), 'x');  // near the line limit
    const std::size_t ending = rng.below(60);
    out += ending == 0 ? "\n" : ending == 1 ? "\r" : "\r\n";
  }
  return out;
}

std::string random_stream(std::uint64_t seed, std::size_t replies) {
  random_octets rng{seed * 0x9E3779B97F4A7C15ULL + 1};
  std::string out;
  for (std::size_t i = 0; i < replies; ++i) out += random_reply(rng);
  // A few octets flipped at random: control octets, DEL, 8-bit, a stray CR or LF.
  static const char noise[] = {'\0', '\r', '\n', '\t', '\x7f', '\x80', '-', ' ', '5', '.'};
  const std::size_t flips = rng.below(4);
  for (std::size_t i = 0; i < flips && !out.empty(); ++i)
    out[rng.below(out.size())] = noise[rng.below(10)];
  return out;
}

std::vector<reply_options> option_sets() {
  std::vector<reply_options> sets(10);
  sets[1].accept_8bit = true;
  sets[2].accept_bare_lf = true;
  sets[3].accept_bare_cr = true;
  sets[4].accept_missing_separator = true;
  sets[5].accept_inconsistent_enhanced_status = true;
  sets[6].max_line_length = 24;
  sets[7].max_line_length = smtpcodes::no_limit;
  sets[8].max_lines = 3;
  sets[9].max_line_length = 2;  // behaves like 3
  sets[9].max_lines = 1;
  return sets;
}

std::string pipelined() {
  std::string s;
  for (int i = 0; i < 40; ++i) {
    s += "250 2.1.5 Recipient <bob@example.net> ok\r\n";
    s += "250-mx1.example.com Hello\r\n250-SIZE 52428800\r\n250-PIPELINING\r\n250 STARTTLS\r\n";
    s += "550-5.7.1 [198.51.100.7] listed\r\n550-5.7.1 see the policy\r\n550 5.7.1 q7si\r\n";
    s += "354 End data with <CR><LF>.<CR><LF>\r\n221 2.0.0 Bye\r\n250 ok\r\n";
  }
  return s;
}

}  // namespace

TEST_CASE("feed_each reports what the feed loop reports, for every option and chunk size") {
  const std::string stream = pipelined();
  check_equal<reply_adapter>(stream, option_sets());
  const transcript t = read_stream<reply_adapter>(stream, 1460, reply_options{}, true);
  CHECK(t.items.size() == 40 * 6);
  CHECK(t.ending == "left 0");
}

TEST_CASE("feed_each equals the feed loop on random and mutated streams") {
  const auto sets = option_sets();
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    CAPTURE(seed);
    check_equal<reply_adapter>(random_stream(seed, 1 + seed % 40), sets);
  }
}

TEST_CASE("feed_each equals the feed loop on the cases the block path must hand on") {
  const std::string cases[] = {
      "250-mx\r\n250 2.0.0\r\n",  // a code on a later line only
      "250-mx\r\n250 2.0.0 ok\r\n",
      "250-2.0.0 a\r\n250 b\r\n",  // a code on the first line only
      "250-2.0.0 a\r\n250 2.0.1 b\r\n",
      "250-2.0.0 a\r\n250 2.0.0\r\n",  // the same code, then CR instead of SP
      "250-2.0.0\r\n250 2.0.0 a\r\n",
      "250 2.1.5!\r\n",
      "250 2.1.5:\r\n",
      "250 2.1.55 x\r\n",
      "250 2.1.555 x\r\n",
      "250 2.1.5555 x\r\n",
      "250-2.1.5 x\r\n250 2.1.50 y\r\n",
      "250-5.7.1 x\r\n250 5.7.1 y\r\n",  // class differs from the reply's
      "550-5.7.26 a\r\n550 5.7.26 b\r\n",
      "550-5.100.126 a\r\n550 5.100.126 b\r\n",  // ten octets to repeat
      "550-5.100.126 a\r\n550 5.100.127 b\r\n",
      "550-5.100.126 a\r\n550 5.100.126b\r\n",
      "550-5.100.126\r\n550 5.100.126\r\n",
      "25\r\n",
      "250\r\n",
      "250 \r\n",
      "250-\r\n250 \r\n",
      "250-\r\n251 \r\n",
      "2500 x\r\n",
      "250x\r\n",
      "600 x\r\n",
      "199 x\r\n",
      "260 x\r\n",
      "250 a\tb\r\n",
      "250 a\x7f\r\n",
      std::string("250 a\0b\r\n", 9),
      "250 caf\xc3\xa9\r\n",
      "250 a\rb\r\n",
      "250 a\nb\r\n",
      "250 a\n",
      "250 " + std::string(506, 'x') + "\r\n",  // 510 octets before CRLF: the longest line
      "250 " + std::string(507, 'x') + "\r\n",
      "250-a\r\n250-b\r\n250-c\r\n250 d\r\n",  // more lines than max_lines 3
  };
  const auto sets = option_sets();
  const std::string plain = "250 2.1.5 ok\r\n";
  for (const std::string& c : cases) {
    for (std::size_t shift = 0; shift < 16; shift += 5) {
      // Plain replies first, so that the case starts inside the block path, at several places
      // in a 64-octet block.
      std::string stream;
      while (stream.size() < 64 + shift) stream += plain;
      stream += c + plain + plain + plain + plain + plain;
      CAPTURE(c);
      CAPTURE(shift);
      check_equal<reply_adapter>(stream, sets);
    }
  }
}

TEST_CASE("feed_each: errors after good replies, offsets from the start of the input") {
  const std::string good = "250 2.1.5 ok\r\n250-a\r\n250 b\r\n";
  std::string input = good;
  while (input.size() < 100) input += good;
  const std::size_t bad = input.size() + 4;
  input += "250-2.1.5 a\r\n251 b\r\n";  // the code changes on the second line
  reply_parser parser;
  std::size_t reported = 0;
  const auto r = parser.feed_each(input, [&](const reply_view&) { ++reported; });
  REQUIRE(r.failed());
  CHECK(r.error == smtpcodes::errc::inconsistent_reply_code);
  CHECK(r.offset == bad + 9);
  CHECK(reported == 8);
  // Sticky, as for feed, until reset.
  const auto again = parser.feed_each("250 ok\r\n", [&](const reply_view&) { ++reported; });
  CHECK(again.failed());
  CHECK(reported == 8);
  parser.reset();
  CHECK(parser.feed_each("250 ok\r\n", [&](const reply_view&) { ++reported; }).consumed == 8);
  CHECK(reported == 9);
}

TEST_CASE("feed_each: a partial reply waits, then completes with the octets that follow") {
  const std::string first = std::string(70, 'x');
  const std::string stream =
      "250-" + first + "\r\n250-SIZE 10\r\n250 HELP\r\n" + "220 2.0.0 ready\r\n";
  reply_parser parser;
  std::vector<std::string> seen;
  auto collect = [&](const reply_view& v) { seen.push_back(describe(v)); };
  // Cut inside the first reply's second line: nothing completes.
  const std::size_t cut = 4 + first.size() + 2 + 5;
  auto r = parser.feed_each(std::string_view(stream).substr(0, cut), collect);
  CHECK(r.needs_more());
  CHECK(r.consumed == 0);
  CHECK(seen.empty());
  // Fewer octets than before is input_shrank, as for feed.
  reply_parser shrunk;
  (void)shrunk.feed_each(std::string_view(stream).substr(0, cut), collect);
  CHECK(shrunk.feed_each(std::string_view(stream).substr(0, cut - 1), collect).error ==
        smtpcodes::errc::input_shrank);
  r = parser.feed_each(stream, collect);
  REQUIRE(r.is_complete());
  CHECK(r.consumed == stream.size());
  REQUIRE(seen.size() == 2);
  CHECK(seen[0].rfind("250 [250-", 0) == 0);
  CHECK(seen[1] == "220 2.0.0 [220 2.0.0 ready\r\n] 1: $2.0.0 ready");
}

TEST_CASE("feed_each never reads past the input") {
  const std::string line = "250 2.1.5 " + std::string(40, 'y') + "\r\n";
  std::string stream;
  while (stream.size() < 600) stream += line;
  for (std::size_t n = 0; n <= stream.size(); n += 7) {
    CAPTURE(n);
    guarded_input guarded(stream.substr(0, n));
    reply_parser parser;
    std::size_t replies = 0;
    const auto r = parser.feed_each(guarded.view(), [&](const reply_view&) { ++replies; });
    CHECK(r.ok());
    CHECK(replies == n / line.size());
  }
}

TEST_CASE("feed_each: a reply cut by one input's end equals the feed loop, whatever follows") {
  // The block path keeps a reply cut by the input's end for the next call (once): every place
  // the cut can fall, and what the next octets may bring (more plain lines, a line `feed` must
  // reject or settle, a line too long, a CR as the input's last octet) must read as for `feed`.
  const std::string lead =
      "250 2.1.5 ok\r\n250 2.1.5 ok\r\n250 2.1.5 ok\r\n250 2.1.5 ok\r\n"
      "250 2.1.5 ok\r\n250 2.1.5 ok\r\n";
  std::string ehlo = "250-mx.example.com Hello client.example.org\r\n";
  for (int i = 0; i < 8; ++i) ehlo += "250-EXTENSION-" + std::to_string(i) + " value\r\n";
  const std::string lasts[] = {
      "250 SMTPUTF8\r\n",
      "250 a\tb\r\n",                           // HT: `feed` settles it
      "251 SMTPUTF8\r\n",                       // the code changes on the last line
      "250 " + std::string(520, 'x') + "\r\n",  // past the line limit
      "250 bare\n",                             // bare LF
      "250 a\rb\r\n",                           // bare CR
  };
  reply_options small;
  small.max_line_length = 48;
  const std::vector<reply_options> sets = {reply_options{}, small};
  for (const std::string& last : lasts) {
    const std::string stream = lead + ehlo + last + lead;
    for (std::size_t o = 0; o < sets.size(); ++o) {
      for (std::size_t chunk = 60; chunk <= 200; ++chunk) {
        CAPTURE(last);
        CAPTURE(o);
        CAPTURE(chunk);
        const transcript want = read_stream<reply_adapter>(stream, chunk, sets[o], false);
        const transcript got = read_stream<reply_adapter>(stream, chunk, sets[o], true);
        CHECK(got == want);
      }
    }
  }
}
