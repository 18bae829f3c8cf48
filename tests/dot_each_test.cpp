// dot_decoder::decode_each against decode, which it must equal: the same message octets (as
// views of the input, concatenated), the same consumed and produced counts per call, the same
// end and errors at the same offsets, for every chunking, limit and SIMD path this machine has,
// on generated and mutated messages (fixed seeds).
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/simd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "random_octets.hpp"

namespace {

using smtpcodes::dot_decoder;
using smtpcodes::dot_decoder_options;
using smtpcodes::simd_path;

/// What a receiver saw: the message, then one entry per call (status, consumed, produced,
/// error, offset) and the finish.
struct transcript {
  std::string message;
  std::vector<std::string> calls;
  bool operator==(const transcript& o) const { return message == o.message && calls == o.calls; }
};

std::string describe(const smtpcodes::codec_result& r) {
  return std::to_string(static_cast<int>(r.status)) + " c" + std::to_string(r.consumed) + " p" +
         std::to_string(r.produced) + " e" + std::to_string(static_cast<int>(r.error)) + "@" +
         std::to_string(r.offset);
}

/// Feeds `wire` in chunks of `chunk` octets, as a server reads DATA from a socket: each call
/// gets the octets not consumed yet (the decoder consumes everything until the end of data).
/// `each`: decode_each, whose every segment must lie inside that call's input and be non-empty.
transcript receive(const std::string& wire, std::size_t chunk, const dot_decoder_options& options,
                   bool each) {
  transcript t;
  dot_decoder d(options);
  for (std::size_t at = 0; at < wire.size(); at += chunk) {
    const std::string piece = wire.substr(at, chunk);
    smtpcodes::codec_result r;
    if (each) {
      std::size_t given = 0;
      r = d.decode_each(piece, [&](std::string_view s) {
        CHECK(!s.empty());
        CHECK(s.data() >= piece.data());
        CHECK(s.data() + s.size() <= piece.data() + piece.size());
        t.message += s;
        given += s.size();
      });
      CHECK(given == r.produced);
    } else {
      std::vector<char> out(d.max_decoded_size(piece.size()) + 1);
      r = d.decode(piece, out.data(), out.size());
      t.message.append(out.data(), r.produced);
    }
    t.calls.push_back(describe(r));
    if (!r.needs_more()) break;
  }
  t.calls.push_back("finish " + describe(d.finish()));
  return t;
}

/// DATA as clients send it, with what the block path must hand on now and then: stuffed dots,
/// lone-dot lines, bare CR and LF, near-terminators, the end of data and pipelined commands.
std::string random_wire(std::uint64_t seed) {
  random_octets rng{seed * 0x9E3779B97F4A7C15ULL + 7};
  static const char* const tokens[] = {
      "a line of plain text long enough to fill whole blocks of the block path ",
      "x",
      "\r\n",
      "\r\n.",
      "\r\n..",
      "\r\n...leading dots",
      "\r\n.\r",
      "\r\n.\n",
      "\r",
      "\n",
      "\r\n\r\n",
  };
  std::string s;
  const std::size_t length = rng.below(3000);
  while (s.size() < length) {
    const std::size_t pick = rng.below(100);
    // Mostly text and CR LF; the rare tokens mostly the ones the reject policy accepts.
    if (pick < 55) {
      s += tokens[0];
    } else if (pick < 75) {
      s += tokens[2];
    } else if (pick < 97) {
      s += tokens[1 + rng.below(5)];
    } else {
      s += tokens[6 + rng.below(5)];
    }
  }
  if (rng.below(4) != 0) s += "\r\n.\r\nQUIT\r\n";  // the end of data, then a command
  if (rng.below(3) == 0 && !s.empty()) s[rng.below(s.size())] = '.';
  return s;
}

std::vector<dot_decoder_options> option_sets() {
  std::vector<dot_decoder_options> sets(5);
  sets[1].max_message_size = 700;
  sets[2].max_line_length = 2;
  sets[3].max_line_length = 80;
  sets[4].max_line_length = smtpcodes::text_line_limit;
  sets[4].max_message_size = 2000;
  return sets;
}

std::vector<simd_path> machine_paths() {
  std::vector<simd_path> paths;
  for (const simd_path p : {simd_path::portable, simd_path::sse2, simd_path::neon, simd_path::avx2,
                            simd_path::avx512bw}) {
    if (smtpcodes::simd_path_available(p)) paths.push_back(p);
  }
  return paths;
}

/// Restores the path in use when a test case ends.
struct path_guard {
  simd_path saved = smtpcodes::active_simd_path();
  ~path_guard() { CHECK(smtpcodes::use_simd_path(saved)); }
};

void check_equal(const std::string& wire) {
  const std::size_t chunks[] = {1, 7, 63, 64, 65, 200, 1460, 1 << 20};
  const auto sets = option_sets();
  for (const simd_path p : machine_paths()) {
    REQUIRE(smtpcodes::use_simd_path(p));
    for (std::size_t o = 0; o < sets.size(); ++o) {
      for (const std::size_t chunk : chunks) {
        if (chunk == 1 && wire.size() > 1500) continue;  // keeps the test quick
        CAPTURE(smtpcodes::to_string(p));
        CAPTURE(o);
        CAPTURE(chunk);
        const transcript want = receive(wire, chunk, sets[o], false);
        const transcript got = receive(wire, chunk, sets[o], true);
        CHECK(got.calls == want.calls);
        CHECK(got.message.size() == want.message.size());
        CHECK(got == want);
      }
    }
  }
}

}  // namespace

TEST_CASE("decode_each gives decode's message as views of the input, on every path") {
  const path_guard guard;
  std::string wire;
  for (int i = 0; i < 300; ++i) {
    wire += i % 9 == 0 ? "..a line that starts with a dot\r\n" : "plain text of a message line\r\n";
  }
  wire += ".\r\nQUIT\r\n";
  check_equal(wire);
  const transcript t = receive(wire, 1 << 20, dot_decoder_options{}, true);
  CHECK(t.calls.front() == "1 c" + std::to_string(wire.size() - 6) + " p" +
                               std::to_string(t.message.size()) + " e0@0");
  CHECK(t.message.find("\r\n..a line") == std::string::npos);  // every leading dot dropped
  CHECK(t.message.find("\r\n.a line") != std::string::npos);
}

TEST_CASE("decode_each equals decode on random and mutated messages") {
  const path_guard guard;
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    CAPTURE(seed);
    check_equal(random_wire(seed));
  }
}

TEST_CASE("decode_each: a message without dots comes out as one segment per call") {
  const path_guard guard;
  std::string wire;
  while (wire.size() < 10000) wire += "plain text of a message line, no dots in it\r\n";
  for (const simd_path p : machine_paths()) {
    REQUIRE(smtpcodes::use_simd_path(p));
    CAPTURE(smtpcodes::to_string(p));
    dot_decoder d;
    std::vector<std::string_view> segments;
    const auto r = d.decode_each(wire, [&](std::string_view s) { segments.push_back(s); });
    CHECK(r.needs_more());
    CHECK(r.consumed == wire.size());
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].data() == wire.data());
    CHECK(segments[0].size() == wire.size());
  }
}

TEST_CASE("decode_each refuses what would need octets that are not in the input") {
  for (const auto policy :
       {smtpcodes::line_ending_policy::normalize, smtpcodes::line_ending_policy::pass}) {
    dot_decoder_options o;
    o.bare_line_endings = policy;
    dot_decoder d(o);
    int calls = 0;
    const auto r = d.decode_each("a\r\n.\r\n", [&](std::string_view) { ++calls; });
    CHECK(r.error == smtpcodes::errc::bad_argument);
    CHECK(r.consumed == 0);
    CHECK(calls == 0);
  }
  dot_decoder_options one;
  one.max_line_length = 1;  // a CR is held back: not an octet of the input it came with
  dot_decoder d(one);
  CHECK(d.decode_each("a\r\n", [](std::string_view) {}).error == smtpcodes::errc::bad_argument);
}

TEST_CASE("decode_each: errors are sticky, the end is final, both as for decode") {
  dot_decoder d;
  std::string message;
  auto collect = [&](std::string_view s) { message += s; };
  const std::string first = "line one\r\nline\ntwo\r\n";
  const auto r = d.decode_each(first, collect);
  CHECK(r.error == smtpcodes::errc::bare_lf);
  CHECK(r.offset == 14);
  CHECK(r.produced == 14);
  CHECK(message == "line one\r\nline");
  CHECK(d.decode_each("more\r\n", collect).error == smtpcodes::errc::bare_lf);
  CHECK(message == "line one\r\nline");
  d.reset();
  message.clear();
  const auto done = d.decode_each("a\r\n.\r\nQUIT\r\n", collect);
  CHECK(done.is_complete());
  CHECK(done.consumed == 6);
  CHECK(message == "a\r\n");
  const auto after = d.decode_each("QUIT\r\n", collect);
  CHECK(after.is_complete());
  CHECK(after.consumed == 0);
  CHECK(message == "a\r\n");
}
