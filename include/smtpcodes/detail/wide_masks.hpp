/**
 * @file detail/wide_masks.hpp
 * @brief The AVX2 and AVX-512BW versions of `line_masks` (detail/scan.hpp), compiled with target
 *        attributes so that a default x86-64 build has them; run only on CPUs that have them
 *        (simd.hpp).
 *        Private to smtpcodes.
 */
#ifndef SMTPCODES_DETAIL_WIDE_MASKS_HPP
#define SMTPCODES_DETAIL_WIDE_MASKS_HPP

#include <cstdint>

#include "../config.hpp"
#include "scan.hpp"

#if SMTPCODES_HAS_X86_DISPATCH
namespace smtpcodes::detail {

// GCC and clang vector types and the two builtins both compilers name alike, instead of
// <immintrin.h>: that header alone tripled the compile time of every includer.
using wide32_octets = char __attribute__((vector_size(32)));
using wide64_octets = char __attribute__((vector_size(64)));

/// Two 32-octet loads, three compares and movemasks each.
struct avx2_masks {
  [[nodiscard]] SMTPCODES_TARGET_AVX2 static block_masks line_masks(const char* p) noexcept {
    wide32_octets lo;
    wide32_octets hi;
    __builtin_memcpy(&lo, p, sizeof lo);  // unaligned loads
    __builtin_memcpy(&hi, p + wide_simd_block_width, sizeof hi);
    return block_masks{join(eq(lo, '\r'), eq(hi, '\r')), join(eq(lo, '\n'), eq(hi, '\n')),
                       join(eq(lo, '.'), eq(hi, '.'))};
  }

 private:
  /// 0xFF where an octet of `v` is `c` (vpcmpeqb).
  SMTPCODES_TARGET_AVX2 static wide32_octets eq(wide32_octets v, char c) noexcept {
    return (wide32_octets)(v == c);  // NOLINT: a vector cast has no C++ spelling
  }
  /// The 64-bit mask of two 32-octet compare results (vpmovmskb).
  SMTPCODES_TARGET_AVX2 static std::uint64_t join(wide32_octets lo, wide32_octets hi) noexcept {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(lo))) |
           (static_cast<std::uint64_t>(static_cast<std::uint32_t>(__builtin_ia32_pmovmskb256(hi)))
            << wide_simd_block_width);
  }
};

/// One 64-octet load; each compare becomes its mask register (vpcmpeqb into k).
struct avx512_masks {
  [[nodiscard]] SMTPCODES_TARGET_AVX512 static block_masks line_masks(const char* p) noexcept {
    wide64_octets v;
    __builtin_memcpy(&v, p, sizeof v);
    return block_masks{bits(v, '\r'), bits(v, '\n'), bits(v, '.')};
  }

 private:
  /// Bit i set where octet i of `v` is `c`: one vpcmpeqb into a mask register.
  SMTPCODES_TARGET_AVX512 static std::uint64_t bits(wide64_octets v, char c) noexcept {
#if defined(__clang__)
    // clang folds the vector compare and vpmovb2m into the one compare.
    return __builtin_ia32_cvtb2mask512((wide64_octets)(v == c));  // NOLINT: a vector cast
#else
    // g++ does not: it would widen the compare's mask to octets and narrow it back (three more
    // instructions per compare), so ask for the compare into a mask directly.
    const wide64_octets splat = wide64_octets{} + c;  // c in every octet
    return __builtin_ia32_pcmpeqb512_mask(v, splat, ~0ULL);
#endif
  }
};

}  // namespace smtpcodes::detail

#endif  // SMTPCODES_HAS_X86_DISPATCH
#endif  // SMTPCODES_DETAIL_WIDE_MASKS_HPP
