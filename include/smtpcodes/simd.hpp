/**
 * @file simd.hpp
 * @brief Which SIMD path the scanners take, chosen once at run time from the CPU: no -march is
 *        needed for the AVX2 and AVX-512BW paths.
 *
 * The DATA codec's block path (dot_codec.hpp) has one version per path; each gives identical
 * results, octet for octet and error for error (the tests run the whole suite on every path the
 * machine has). The first use picks the widest path the CPU and the operating system support
 * (`detected_simd_path`), unless the environment variable SMTPCODES_SIMD names another one
 * ("portable", "sse2", "avx2" or "avx512bw"; a path the machine cannot run, or any other value,
 * is ignored). `use_simd_path` switches at any time, for tests and benchmarks.
 *
 * - x86-64 with GCC or clang: portable, sse2 (the baseline), avx2 and avx512bw, the last two
 *   compiled with target attributes (SMTPCODES_HAS_X86_DISPATCH in config.hpp).
 * - Other x86 compilers: sse2 and portable. ARM64: neon and portable. Elsewhere: portable.
 * - SMTPCODES_NO_SIMD: portable only.
 *
 * Thread safety: the choice is one atomic octet; switching while another thread scans is safe
 * (each call reads the path once and runs one version to its end).
 */
#ifndef SMTPCODES_SIMD_HPP
#define SMTPCODES_SIMD_HPP

#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config.hpp"

namespace smtpcodes {

/// A version of the scanners, from the narrowest to the widest.
enum class simd_path : std::uint8_t {
  portable,  ///< One octet at a time; no SIMD (the only path under SMTPCODES_NO_SIMD).
  sse2,      ///< 16-octet SSE2 registers: every x86-64 CPU.
  neon,      ///< 16-octet NEON registers: every ARM64 CPU.
  avx2,      ///< 32-octet AVX2 registers (x86-64-v3).
  avx512bw,  ///< 64-octet AVX-512BW registers, compares straight into mask registers.
};

[[nodiscard]] constexpr std::string_view to_string(simd_path p) noexcept {
  switch (p) {
    case simd_path::portable:
      return "portable";
    case simd_path::sse2:
      return "sse2";
    case simd_path::neon:
      return "neon";
    case simd_path::avx2:
      return "avx2";
    case simd_path::avx512bw:
      return "avx512bw";
  }
  return "portable";
}

/// The path named `name` ("avx2"...), or false when the name is none of them.
[[nodiscard]] constexpr bool parse_simd_path(std::string_view name, simd_path& out) noexcept {
  for (const simd_path p : {simd_path::portable, simd_path::sse2, simd_path::neon, simd_path::avx2,
                            simd_path::avx512bw}) {
    if (to_string(p) == name) {
      out = p;
      return true;
    }
  }
  return false;
}

/// True when this build and this CPU can run path `p`.
[[nodiscard]] inline bool simd_path_available(simd_path p) noexcept {
  switch (p) {
    case simd_path::portable:
      return true;
    case simd_path::sse2:
      return SMTPCODES_HAS_SSE2 != 0;
    case simd_path::neon:
      return SMTPCODES_HAS_NEON != 0;
    case simd_path::avx2:
    case simd_path::avx512bw:
#if SMTPCODES_HAS_X86_DISPATCH
      // Checks the CPU and that the OS saves the wide registers (XGETBV).
      __builtin_cpu_init();
      return p == simd_path::avx2 ? __builtin_cpu_supports("avx2") != 0
                                  : __builtin_cpu_supports("avx512bw") != 0 &&
                                        __builtin_cpu_supports("avx512f") != 0;
#else
      return false;
#endif
  }
  return false;
}

/// The widest path this build and this CPU can run.
[[nodiscard]] inline simd_path detected_simd_path() noexcept {
  for (const simd_path p :
       {simd_path::avx512bw, simd_path::avx2, simd_path::neon, simd_path::sse2}) {
    if (simd_path_available(p)) return p;
  }
  return simd_path::portable;
}

namespace detail {
inline constexpr std::uint8_t simd_path_unset = 0xFF;
/// The path in use, or `simd_path_unset` before the first use. An atomic octet (GCC and clang
/// builtins: <atomic> would cost every includer its compile time).
inline std::uint8_t active_simd_path_state = simd_path_unset;

[[nodiscard]] inline std::uint8_t load_simd_state() noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return __atomic_load_n(&active_simd_path_state, __ATOMIC_RELAXED);
#else
  return active_simd_path_state;  // other compilers: a plain octet (no torn reads)
#endif
}

inline void store_simd_state(std::uint8_t v) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  __atomic_store_n(&active_simd_path_state, v, __ATOMIC_RELAXED);
#else
  active_simd_path_state = v;
#endif
}

/// The first use: SMTPCODES_SIMD if it names a path this machine can run, else the widest.
[[nodiscard]] inline simd_path choose_simd_path() noexcept {
#if defined(_MSC_VER)
#pragma warning(suppress : 4996)  // getenv: read once, before any thread could change it
#endif
  const char* wanted = std::getenv("SMTPCODES_SIMD");
  simd_path p{};
  if (wanted != nullptr && parse_simd_path(wanted, p) && simd_path_available(p)) return p;
  return detected_simd_path();
}
}  // namespace detail

/// The path the scanners take now (the first call chooses it; see the file comment).
[[nodiscard]] inline simd_path active_simd_path() noexcept {
  const std::uint8_t state = detail::load_simd_state();
  if (state != detail::simd_path_unset) return static_cast<simd_path>(state);
  const simd_path p = detail::choose_simd_path();
  detail::store_simd_state(static_cast<std::uint8_t>(p));
  return p;
}

/// Makes the scanners take path `p` from now on. False, and nothing changes, when this build or
/// this CPU cannot run it.
[[nodiscard]] inline bool use_simd_path(simd_path p) noexcept {
  if (!simd_path_available(p)) return false;
  detail::store_simd_state(static_cast<std::uint8_t>(p));
  return true;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_SIMD_HPP
