/**
 * @file detail/scan.hpp
 * @brief Fast scanning for the first octet that needs attention in a run of text: SSE2 or NEON
 *        when the compiler targets them, a portable loop otherwise. Private to smtpcodes.
 *
 * Reads only inside [p, p + n): full blocks (`simd_block_width` octets, or
 * `wide_simd_block_width` with AVX2), then the tail one byte at a time, so input that ends flush
 * against an unreadable page is safe.
 */
#ifndef SMTPCODES_DETAIL_SCAN_HPP
#define SMTPCODES_DETAIL_SCAN_HPP

#include <cstddef>
#include <cstdint>

#include "../config.hpp"
#include "sse2.hpp"
#if SMTPCODES_HAS_AVX2
#include <immintrin.h>
#endif
#if SMTPCODES_HAS_NEON
#include <arm_neon.h>
#endif

namespace smtpcodes {
namespace detail {

/// Octets one SSE2 or NEON register holds: the block the scanners step by.
inline constexpr std::size_t simd_block_width = 16;
static_assert((simd_block_width & (simd_block_width - 1)) == 0, "a power of two: masks round down");
/// Octets one AVX2 register holds.
inline constexpr std::size_t wide_simd_block_width = 32;
/// Octets `line_masks` covers: one bit each in a 64-bit mask.
inline constexpr std::size_t mask_block_width = 64;

/// True for octets that are not plain printable text: controls (including CR, LF and HT),
/// DEL, and, unless `accept_8bit`, octets 0x80 and above.
[[nodiscard]] constexpr bool is_special_octet(unsigned char c, bool accept_8bit) noexcept {
  return c < 0x20 || c == 0x7F || (c >= 0x80 && !accept_8bit);
}

/// Index of the lowest set bit (in constant evaluation too); `mask` must not be 0.
[[nodiscard]] constexpr unsigned count_trailing_zeros64(std::uint64_t mask) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_ctzll(mask));
#else
  unsigned n = 0;
  while ((mask & 1U) == 0) {
    mask >>= 1;
    ++n;
  }
  return n;
#endif
}

[[nodiscard]] inline unsigned count_trailing_zeros(unsigned mask) noexcept {
  return count_trailing_zeros64(mask);
}

#if SMTPCODES_HAS_SSE2
/// -1 in each octet of `v` that is not special with 8-bit octets special (0x20-0x7E): the
/// special ones (0x00-0x1F, 0x7F, 0x80-0xFF) are, plus one (wrapping), exactly the octets below
/// 0x21 as signed numbers, so one add and one compare tell them apart. (SSE2 has no "less
/// than": the callers invert the movemask, one scalar operation, rather than each vector.)
[[nodiscard]] inline sse2::vec strict_plain_octets(sse2::vec v) noexcept {
  return sse2::gt(sse2::add(v, sse2::splat(1)), sse2::splat(0x20));
}
#endif

/// Index of the first special octet in [p, p + n), or n, for one setting of `accept_8bit` (a
/// template parameter, so the setting is not tested inside the loop).
template <bool Accept8bit>
[[nodiscard]] inline std::size_t find_special_in(const char* p, std::size_t n) noexcept {
  std::size_t i = 0;
#if SMTPCODES_HAS_SSE2
  for (; i + simd_block_width <= n; i += simd_block_width) {
    const sse2::vec v = sse2::load(p + i);
    unsigned mask;
    if (Accept8bit) {
      // Signed compares: below 0x20 but not negative (0x80-0xFF are accepted here), or DEL.
      mask = sse2::movemask(
          sse2::either(sse2::but_not(sse2::lt(v, sse2::splat(0x20)), sse2::lt(v, sse2::splat(0))),
                       sse2::eq(v, sse2::splat(0x7F))));
    } else {
      mask = sse2::movemask(strict_plain_octets(v)) ^ 0xFFFFU;
    }
    if (mask != 0) return i + count_trailing_zeros(mask);
  }
#elif SMTPCODES_HAS_NEON
  const uint8x16_t space = vdupq_n_u8(0x20);
  const uint8x16_t del = vdupq_n_u8(0x7F);
  const uint8x16_t high = vdupq_n_u8(0x80);
  for (; i + simd_block_width <= n; i += simd_block_width) {
    const uint8x16_t v = vld1q_u8(reinterpret_cast<const std::uint8_t*>(p + i));
    uint8x16_t special = vorrq_u8(vcltq_u8(v, space), vceqq_u8(v, del));
    if (!Accept8bit) special = vorrq_u8(special, vcgeq_u8(v, high));
    if (vmaxvq_u8(special) != 0) break;  // the byte loop below finds which one
  }
#endif
  for (; i < n; ++i) {
    if (is_special_octet(static_cast<unsigned char>(p[i]), Accept8bit)) return i;
  }
  return n;
}

[[nodiscard]] inline unsigned popcount(std::uint64_t mask) noexcept {
#if defined(__GNUC__) || defined(__clang__)
  return static_cast<unsigned>(__builtin_popcountll(mask));
#else
  unsigned n = 0;
  for (; mask != 0; mask &= mask - 1) ++n;
  return n;
#endif
}

/**
 * Index of the first octet in [p, p + n) for which `is_special_octet` holds, or n.
 * HT is reported too (it is a control octet); callers that allow it step over it and call again.
 */
[[nodiscard]] inline std::size_t find_special(const char* p, std::size_t n,
                                              bool accept_8bit) noexcept {
  return accept_8bit ? find_special_in<true>(p, n) : find_special_in<false>(p, n);
}

/**
 * Index of the first CR or LF in [p, p + n), or n: the only octets the DATA codec must look at
 * in the middle of a line. AVX2 (`wide_simd_block_width` octets a step) or SSE2/NEON
 * (`simd_block_width`) when the compiler targets them; full blocks only, then a byte loop, so
 * nothing past p + n is read.
 */
[[nodiscard]] inline std::size_t find_cr_or_lf(const char* p, std::size_t n) noexcept {
  std::size_t i = 0;
#if SMTPCODES_HAS_AVX2
  const __m256i cr32 = _mm256_set1_epi8('\r');
  const __m256i lf32 = _mm256_set1_epi8('\n');
  for (; i + wide_simd_block_width <= n; i += wide_simd_block_width) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + i));
    const __m256i hit = _mm256_or_si256(_mm256_cmpeq_epi8(v, cr32), _mm256_cmpeq_epi8(v, lf32));
    const unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(hit));
    if (mask != 0) return i + count_trailing_zeros(mask);
  }
#endif
#if SMTPCODES_HAS_SSE2
  const sse2::vec cr = sse2::splat('\r');
  const sse2::vec lf = sse2::splat('\n');
  for (; i + simd_block_width <= n; i += simd_block_width) {
    const sse2::vec v = sse2::load(p + i);
    const sse2::vec hit = sse2::either(sse2::eq(v, cr), sse2::eq(v, lf));
    const unsigned mask = sse2::movemask(hit);
    if (mask != 0) return i + count_trailing_zeros(mask);
  }
#elif SMTPCODES_HAS_NEON
  const uint8x16_t cr = vdupq_n_u8('\r');
  const uint8x16_t lf = vdupq_n_u8('\n');
  for (; i + simd_block_width <= n; i += simd_block_width) {
    const uint8x16_t v = vld1q_u8(reinterpret_cast<const std::uint8_t*>(p + i));
    if (vmaxvq_u8(vorrq_u8(vceqq_u8(v, cr), vceqq_u8(v, lf))) != 0) break;
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == '\r' || p[i] == '\n') return i;
  }
  return n;
}

/**
 * Bit i set when octet i of the `mask_block_width` octets at `p` is special (`is_special_octet`
 * with 8-bit octets special): the reply parser's block path (reply.hpp) takes line ends from it
 * and leaves to the octet path any line where anything else is special.
 */
[[nodiscard]] inline std::uint64_t special_mask64(const char* p) noexcept {
  std::uint64_t mask = 0;
#if SMTPCODES_HAS_SSE2
  // The four 16-octet blocks written out: g++ -O2 kept a loop with a variable shift.
  auto block = [p](std::size_t k) {
    const sse2::vec v = sse2::load(p + simd_block_width * k);
    return static_cast<std::uint64_t>(sse2::movemask(strict_plain_octets(v)));
  };
  static_assert(mask_block_width == 4 * simd_block_width, "four SSE2 blocks make a mask");
  mask = ~(block(0) | block(1) << 16 | block(2) << 32 | block(3) << 48);
#else
  for (std::size_t i = 0; i < mask_block_width; ++i) {
    if (is_special_octet(static_cast<unsigned char>(p[i]), false)) mask |= std::uint64_t{1} << i;
  }
#endif
  return mask;
}

/**
 * A walk over the special octets of [p, p + n) (n >= `mask_block_width`), a 64-octet block at
 * a time, for the block paths of `feed_each` (line.hpp, reply.hpp): `mask` holds the special
 * octets of the block at `base` not yet passed. Near the end of the input the last 64 octets
 * are loaded and shifted down, so nothing outside the input is read.
 */
struct special_walk {
  const char* p;
  std::size_t n;
  std::size_t base = 0;
  std::uint64_t mask;

  special_walk(const char* input, std::size_t size) noexcept
      : p(input), n(size), mask(special_mask64(input)) {}

  /// Finds the end of the line at `line`: true when the line's first special octet is a CR
  /// followed by LF, inside the input, and the line has `min_length` to `max_content` octets.
  SMTPCODES_ALWAYS_INLINE bool line_end(std::size_t line, std::size_t min_length,
                                        std::size_t max_content, std::size_t& end) noexcept {
    constexpr std::size_t width = mask_block_width;
    while (mask == 0) {
      base += width;
      if (base >= n) return false;
      mask = n - base >= width ? special_mask64(p + base)
                               : special_mask64(p + n - width) >> (width - (n - base));
      if (line > base) mask &= ~std::uint64_t{0} << (line - base);  // the LF of the last line
    }
    end = base + count_trailing_zeros64(mask);
    const std::size_t length = end - line;
    return end + 1 < n && p[end] == '\r' && p[end + 1] == '\n' && length >= min_length &&
           length <= max_content;
  }

  /// Passes the CR LF `line_end` just found: the CR is the lowest bit of `mask` and the LF the
  /// next one, unless it is in the next block (the CR was the block's last octet, so nothing is
  /// left here; `line_end` then drops the LF from the next block's mask).
  SMTPCODES_ALWAYS_INLINE void pass() noexcept {
    mask &= mask - 1;
    mask &= mask - 1;
  }
};

/// Bit i set when octet i of a `mask_block_width`-octet block is CR, LF or "." respectively.
struct block_masks {
  std::uint64_t cr;
  std::uint64_t lf;
  std::uint64_t dot;
};

// `line_masks` once per SIMD path (simd.hpp; the AVX2 and AVX-512BW ones are in
// detail/wide_masks.hpp): the DATA codec's block loop is a template over these, instantiated once
// per path, so each version inlines its own compares. The portable path has no block loop.

#if SMTPCODES_HAS_SSE2
/// Four 16-octet loads, three compares and movemasks each.
struct sse2_masks {
  [[nodiscard]] static block_masks line_masks(const char* p) noexcept {
    const sse2::vec cr = sse2::splat('\r');
    const sse2::vec lf = sse2::splat('\n');
    const sse2::vec dot = sse2::splat('.');
    block_masks m{0, 0, 0};
    for (std::size_t k = 0; k < mask_block_width / simd_block_width; ++k) {
      const sse2::vec v = sse2::load(p + simd_block_width * k);
      const auto shift = static_cast<unsigned>(simd_block_width * k);
      auto bits = [&](sse2::vec c) {
        return static_cast<std::uint64_t>(sse2::movemask(sse2::eq(v, c))) << shift;
      };
      m.cr |= bits(cr);
      m.lf |= bits(lf);
      m.dot |= bits(dot);
    }
    return m;
  }
};
#endif

/// Bit i set when octet i of a block of up to `mask_block_width` octets is, respectively, an
/// ASCII letter, a digit, '.', or '-' or '_': what the word scanners of classify.hpp and
/// providers.hpp need to find word starts and ends with a few bit operations per word instead
/// of a branch per octet.
struct word_masks {
  std::uint64_t alpha = 0;
  std::uint64_t digit = 0;
  std::uint64_t dot = 0;
  std::uint64_t mark = 0;
};

/// The word_masks of octet c at bit `bit` (the portable and constant-evaluated path).
constexpr void add_word_octet(word_masks& m, unsigned char c, unsigned bit) noexcept {
  const std::uint64_t b = std::uint64_t{1} << bit;
  const unsigned folded = c | 0x20U;
  if (folded >= 'a' && folded <= 'z') m.alpha |= b;
  if (c >= '0' && c <= '9') m.digit |= b;
  if (c == '.') m.dot |= b;
  if (c == '-' || c == '_') m.mark |= b;
}

#if SMTPCODES_HAS_SSE2
/// The masks of the 16 octets at p (all readable), as four 16-bit masks in the low bits.
inline word_masks word_block16(const char* p) noexcept {
  const sse2::vec v = sse2::load(p);
  // Signed compares: octets 0x80-0xFF are negative, so never letters or digits.
  const sse2::vec folded = sse2::either(v, sse2::splat(0x20));
  const sse2::vec alpha =
      sse2::both(sse2::gt(folded, sse2::splat('a' - 1)), sse2::lt(folded, sse2::splat('z' + 1)));
  const sse2::vec digit =
      sse2::both(sse2::gt(v, sse2::splat('0' - 1)), sse2::lt(v, sse2::splat('9' + 1)));
  const sse2::vec dot = sse2::eq(v, sse2::splat('.'));
  const sse2::vec mark = sse2::either(sse2::eq(v, sse2::splat('-')), sse2::eq(v, sse2::splat('_')));
  auto bits = [](sse2::vec x) { return static_cast<std::uint64_t>(sse2::movemask(x)); };
  return word_masks{bits(alpha), bits(digit), bits(dot), bits(mark)};
}

inline void add_word_masks(word_masks& m, const word_masks& part, unsigned shift) noexcept {
  m.alpha |= part.alpha << shift;
  m.digit |= part.digit << shift;
  m.dot |= part.dot << shift;
  m.mark |= part.mark << shift;
}
#endif

/// The word_masks of `text[base, base + 64)` (fewer at the end of the text); bits past the end
/// are clear. Reads nothing outside `text`: a last part shorter than 16 octets is read as the
/// 16 octets that end the text, when the text has them.
[[nodiscard]] constexpr word_masks word_masks_of(const char* text, std::size_t size,
                                                 std::size_t base) noexcept {
  word_masks m;
  const std::size_t n = size - base < mask_block_width ? size - base : mask_block_width;
  const char* p = text + base;
  std::size_t i = 0;
#if SMTPCODES_HAS_SSE2
  if (!SMTPCODES_IS_CONSTANT_EVALUATED()) {
    for (; i + simd_block_width <= n; i += simd_block_width) {
      add_word_masks(m, word_block16(p + i), static_cast<unsigned>(i));
    }
    if (i < n && size >= simd_block_width) {
      // The last 16 octets of the text hold the rest in their top n - i bits.
      const auto drop = static_cast<unsigned>(simd_block_width - (n - i));
      word_masks last = word_block16(text + size - simd_block_width);
      last.alpha >>= drop;
      last.digit >>= drop;
      last.dot >>= drop;
      last.mark >>= drop;
      add_word_masks(m, last, static_cast<unsigned>(i));
      return m;
    }
  }
#endif
  for (; i < n; ++i) add_word_octet(m, static_cast<unsigned char>(p[i]), static_cast<unsigned>(i));
  return m;
}

/// Bits below `n` (n at most 64).
[[nodiscard]] constexpr std::uint64_t low_bits(unsigned n) noexcept {
  return n >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << n) - 1;
}

/**
 * Bit k set when octet k of the block at p, with `fold_a` OR-ed in, is `a` and octet k + 1,
 * with `fold_b` OR-ed in, is `b`: where a two-octet prefix can start, ignoring the case of
 * letters (fold 0x20) or not (fold 0). Reads the `simd_block_width + 1` octets at p. Only with
 * SSE2 (callers test `has_pair_mask`).
 */
#if SMTPCODES_HAS_SSE2
inline constexpr bool has_pair_mask = true;
[[nodiscard]] inline unsigned pair_mask(const char* p, char a, char fold_a, char b,
                                        char fold_b) noexcept {
  const sse2::vec v0 = sse2::load(p);
  const sse2::vec v1 = sse2::load(p + 1);
  const sse2::vec e0 = sse2::eq(sse2::either(v0, sse2::splat(fold_a)), sse2::splat(a));
  const sse2::vec e1 = sse2::eq(sse2::either(v1, sse2::splat(fold_b)), sse2::splat(b));
  return sse2::movemask(sse2::both(e0, e1));
}
#else
inline constexpr bool has_pair_mask = false;
[[nodiscard]] inline unsigned pair_mask(const char*, char, char, char, char) noexcept {
  return 0;
}
#endif

}  // namespace detail
}  // namespace smtpcodes

#endif  // SMTPCODES_DETAIL_SCAN_HPP
