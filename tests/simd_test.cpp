// Run-time SIMD dispatch (simd.hpp): the path chosen from the CPU or SMTPCODES_SIMD, the switch
// tests and benchmarks use, and every path this machine has giving the DATA codec's results
// octet for octet (the block paths differ per path; the octet paths are shared).
#include <doctest/doctest.h>

#include <cstdlib>
#include <random>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/simd.hpp>
#include <string>
#include <vector>

using smtpcodes::simd_path;

namespace {

constexpr simd_path all_paths[] = {simd_path::portable, simd_path::sse2, simd_path::neon,
                                   simd_path::avx2, simd_path::avx512bw};

/// Restores the path in use when a test case ends.
struct path_guard {
  simd_path saved = smtpcodes::active_simd_path();
  ~path_guard() { CHECK(smtpcodes::use_simd_path(saved)); }
};

struct outcome {
  std::string out;
  std::size_t consumed = 0;
  smtpcodes::errc error{};
  std::size_t offset = 0;
  bool complete = false;
  bool operator==(const outcome& o) const {
    return out == o.out && consumed == o.consumed && error == o.error && offset == o.offset &&
           complete == o.complete;
  }
};

outcome decode(const std::string& in, smtpcodes::line_ending_policy policy, bool in_place) {
  smtpcodes::dot_decoder_options o;
  o.bare_line_endings = policy;
  smtpcodes::dot_decoder d(o);
  std::string buffer = in;
  std::vector<char> out(in.size() + 1);
  const smtpcodes::codec_result r = in_place ? d.decode_in_place(&buffer[0], buffer.size())
                                             : d.decode(in, out.data(), out.size());
  const char* from = in_place ? buffer.data() : out.data();
  return {std::string(from, r.produced), r.consumed, r.error, r.offset, r.is_complete()};
}

outcome encode(const std::string& in, smtpcodes::line_ending_policy policy) {
  smtpcodes::dot_encoder_options o;
  o.bare_line_endings = policy;
  smtpcodes::dot_encoder e(o);
  std::vector<char> out(smtpcodes::dot_encoder::max_encoded_size(in.size()));
  const smtpcodes::codec_result r = e.encode(in, out.data(), out.size());
  return {std::string(out.data(), r.produced), r.consumed, r.error, r.offset, r.is_complete()};
}

/// Long lines of text with, now and then, what the block paths must hand to the octet path.
std::string random_message(std::mt19937& rng) {
  const char* tokens[] = {"plain text, long enough to fill whole blocks ",
                          "x",
                          ".",
                          "\r\n",
                          "\r\n.",
                          "\r\n..",
                          "\r\n.\r\n",
                          "\r",
                          "\n",
                          "\r\n\r\n"};
  std::string s;
  const std::size_t length = rng() % 2000;
  while (s.size() < length) {
    const unsigned pick = rng() % 100;
    s += tokens[pick < 60 ? 0 : pick < 70 ? 3 : 1 + pick % 9];
  }
  return s;
}

}  // namespace

TEST_CASE("SMTPCODES_SIMD names the first path, when this machine can run it") {
  // meson runs this case alone, first, under SMTPCODES_SIMD=sse2, avx2 and avx512bw.
  const char* wanted = std::getenv("SMTPCODES_SIMD");
  simd_path p{};
  if (wanted != nullptr && smtpcodes::parse_simd_path(wanted, p) &&
      smtpcodes::simd_path_available(p)) {
    CHECK(smtpcodes::active_simd_path() == p);
  } else {
    CHECK(smtpcodes::active_simd_path() == smtpcodes::detected_simd_path());
  }
  MESSAGE("SIMD path: " << smtpcodes::to_string(smtpcodes::active_simd_path()) << ", detected "
                        << smtpcodes::to_string(smtpcodes::detected_simd_path()));
}

TEST_CASE("paths: names, availability, and the switch") {
  const path_guard guard;
  for (const simd_path p : all_paths) {
    simd_path parsed{};
    CHECK(smtpcodes::parse_simd_path(smtpcodes::to_string(p), parsed));
    CHECK(parsed == p);
    CHECK(smtpcodes::use_simd_path(p) == smtpcodes::simd_path_available(p));
    if (smtpcodes::simd_path_available(p)) CHECK(smtpcodes::active_simd_path() == p);
  }
  simd_path unchanged = simd_path::avx2;
  CHECK_FALSE(smtpcodes::parse_simd_path("AVX2", unchanged));  // names are lower case
  CHECK_FALSE(smtpcodes::parse_simd_path("", unchanged));
  CHECK(unchanged == simd_path::avx2);
  CHECK(smtpcodes::simd_path_available(simd_path::portable));
  CHECK(smtpcodes::simd_path_available(smtpcodes::detected_simd_path()));
#if defined(SMTPCODES_NO_SIMD)
  CHECK(smtpcodes::detected_simd_path() == simd_path::portable);
#endif
#if SMTPCODES_HAS_SSE2
  CHECK(smtpcodes::simd_path_available(simd_path::sse2));
  CHECK_FALSE(smtpcodes::simd_path_available(simd_path::neon));
#endif
  // A path this machine lacks is refused and leaves the current one in place.
  REQUIRE(smtpcodes::use_simd_path(simd_path::portable));
  for (const simd_path p : all_paths) {
    if (!smtpcodes::simd_path_available(p)) {
      CHECK_FALSE(smtpcodes::use_simd_path(p));
      CHECK(smtpcodes::active_simd_path() == simd_path::portable);
    }
  }
}

TEST_CASE("every path this machine has gives the portable path's results, octet for octet") {
  const path_guard guard;
  std::vector<simd_path> paths;
  for (const simd_path p : all_paths) {
    if (smtpcodes::simd_path_available(p)) paths.push_back(p);
  }
  MESSAGE("paths compared: " << paths.size());
  std::mt19937 rng(2026);
  using smtpcodes::line_ending_policy;
  for (int trial = 0; trial < 400; ++trial) {
    const std::string body = random_message(rng);
    const std::string raw = body + "\r\n.\r\nQUIT\r\n";
    for (const line_ending_policy policy :
         {line_ending_policy::reject, line_ending_policy::normalize, line_ending_policy::pass}) {
      REQUIRE(smtpcodes::use_simd_path(simd_path::portable));
      const outcome encoded = encode(body, policy);
      const outcome decoded = decode(raw, policy, false);
      const outcome decoded_in_place = decode(raw, policy, true);
      const outcome wire = decode(encoded.out + "\r\n.\r\n", policy, false);
      for (const simd_path p : paths) {
        CAPTURE(trial);
        CAPTURE(smtpcodes::to_string(p));
        CAPTURE(static_cast<int>(policy));
        REQUIRE(smtpcodes::use_simd_path(p));
        CHECK(encode(body, policy) == encoded);
        CHECK(decode(raw, policy, false) == decoded);
        CHECK(decode(raw, policy, true) == decoded_in_place);
        CHECK(decode(encoded.out + "\r\n.\r\n", policy, false) == wire);
      }
    }
  }
}
