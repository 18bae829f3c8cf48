// Shared by the libFuzzer targets: the first input octets choose options and a split point, so
// every leniency is fuzzed and every target also checks that splitting the input does not
// change the result. A mismatch aborts (libFuzzer reports it as a crash).
#ifndef SMTPCODES_FUZZ_COMMON_HPP
#define SMTPCODES_FUZZ_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <smtpcodes/simd.hpp>
#include <string>
#include <string_view>
#include <vector>

struct fuzz_input {
  std::uint8_t flags = 0;  // option bits
  std::size_t split = 0;   // where the second run cuts the input
  std::string_view data;   // the rest: what the parser sees

  fuzz_input(const std::uint8_t* p, std::size_t n) {
    if (n >= 2) {
      flags = p[0];
      data = std::string_view(reinterpret_cast<const char*>(p + 2), n - 2);
      split = data.empty() ? 0 : p[1] % (data.size() + 1);
    }
  }
  bool flag(int bit) const { return ((flags >> bit) & 1U) != 0; }
};

inline void check(bool ok) {
  if (!ok) std::abort();
}

/// The input cut into [0, split) and [split, end).
inline std::vector<std::string> two_chunks(const fuzz_input& in) {
  return {std::string(in.data.substr(0, in.split)), std::string(in.data.substr(in.split))};
}

/// The first `count` octets of `data` one at a time, then the rest at once.
inline std::vector<std::string> octets_first(std::string_view data, std::size_t count) {
  std::vector<std::string> chunks;
  const std::size_t n = data.size() < count ? data.size() : count;
  for (std::size_t i = 0; i < n; ++i) chunks.emplace_back(1, data[i]);
  chunks.emplace_back(data.substr(n));
  return chunks;
}

/// Calls `run()` on every SIMD path this machine has (simd.hpp) and checks that each gives
/// what the portable path gives: a differential test of the block paths. Leaves the widest
/// path in use.
template <class Run>
void check_every_simd_path(Run run) {
  using smtpcodes::simd_path;
  check(smtpcodes::use_simd_path(simd_path::portable));
  const auto expected = run();
  for (const simd_path p :
       {simd_path::sse2, simd_path::neon, simd_path::avx2, simd_path::avx512bw}) {
    if (smtpcodes::use_simd_path(p)) check(run() == expected);
  }
  check(smtpcodes::use_simd_path(smtpcodes::detected_simd_path()));
}

#endif  // SMTPCODES_FUZZ_COMMON_HPP
