/**
 * @file detail/wide_masks.hpp
 * @brief The AVX2 and AVX-512BW versions of `line_masks` (detail/scan.hpp), compiled with target
 *        attributes so that a default x86-64 build has them; run only on CPUs that have them
 *        (simd.hpp). Apart from scan.hpp so that only the DATA codec pays for <immintrin.h>.
 *        Private to smtpcodes.
 */
#ifndef SMTPCODES_DETAIL_WIDE_MASKS_HPP
#define SMTPCODES_DETAIL_WIDE_MASKS_HPP

#include <cstdint>

#include "../config.hpp"
#include "scan.hpp"

#if SMTPCODES_HAS_X86_DISPATCH
#include <immintrin.h>

namespace smtpcodes::detail {

/// Two 32-octet loads, three compares and movemasks each.
struct avx2_masks {
  [[nodiscard]] SMTPCODES_TARGET_AVX2 static block_masks line_masks(const char* p) noexcept {
    const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    const __m256i hi =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + wide_simd_block_width));
    const __m256i cr = _mm256_set1_epi8('\r');
    const __m256i lf = _mm256_set1_epi8('\n');
    const __m256i dot = _mm256_set1_epi8('.');
    return block_masks{join(_mm256_cmpeq_epi8(lo, cr), _mm256_cmpeq_epi8(hi, cr)),
                       join(_mm256_cmpeq_epi8(lo, lf), _mm256_cmpeq_epi8(hi, lf)),
                       join(_mm256_cmpeq_epi8(lo, dot), _mm256_cmpeq_epi8(hi, dot))};
  }

 private:
  /// The 64-bit mask of two 32-octet compare results.
  SMTPCODES_TARGET_AVX2 static std::uint64_t join(__m256i lo, __m256i hi) noexcept {
    return static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(lo))) |
           (static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(hi)))
            << wide_simd_block_width);
  }
};

/// One 64-octet load; each compare gives its mask directly.
struct avx512_masks {
  [[nodiscard]] SMTPCODES_TARGET_AVX512 static block_masks line_masks(const char* p) noexcept {
    const __m512i v = _mm512_loadu_si512(static_cast<const void*>(p));
    return block_masks{_mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r')),
                       _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n')),
                       _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('.'))};
  }
};

}  // namespace smtpcodes::detail

#endif  // SMTPCODES_HAS_X86_DISPATCH
#endif  // SMTPCODES_DETAIL_WIDE_MASKS_HPP
