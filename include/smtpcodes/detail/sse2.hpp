/**
 * @file detail/sse2.hpp
 * @brief The few SSE2 operations the scanners use, on 16-octet vectors: with GCC and clang as
 *        vector extensions and one builtin, so that no parser header includes <emmintrin.h>
 *        (50-70 ms of every translation unit, a sixth of a <string> one); with other compilers
 *        (MSVC) through <emmintrin.h>. Private to smtpcodes; only when SMTPCODES_HAS_SSE2.
 */
#ifndef SMTPCODES_DETAIL_SSE2_HPP
#define SMTPCODES_DETAIL_SSE2_HPP

#include "../config.hpp"

#if SMTPCODES_HAS_SSE2
#if !defined(__GNUC__) && !defined(__clang__)
#include <emmintrin.h>
#endif

namespace smtpcodes::detail::sse2 {

#if defined(__GNUC__) || defined(__clang__)
/// 16 signed octets: the compares below are signed whatever the sign of `char` (-funsigned-char).
using vec = signed char __attribute__((vector_size(16)));
using char_vec = char __attribute__((vector_size(16)));  // what the movemask builtin takes
using unsigned_vec = unsigned char __attribute__((vector_size(16)));  // wrapping arithmetic

// Only whole blocks inside the input are loaded: see SMTPCODES_GCC_ARRAY_BOUNDS_OFF.
SMTPCODES_GCC_ARRAY_BOUNDS_OFF
inline vec load(const char* p) noexcept {  // unaligned (movdqu)
  vec v;
  __builtin_memcpy(&v, p, sizeof v);
  return v;
}
SMTPCODES_GCC_ARRAY_BOUNDS_ON
inline vec splat(char c) noexcept {
  return vec{} + static_cast<signed char>(c);
}
// A vector compare gives a vector of the same kind: -1 where true, 0 where false.
inline vec eq(vec a, vec b) noexcept {
  return a == b;
}
inline vec lt(vec a, vec b) noexcept {  // signed
  return a < b;
}
inline vec gt(vec a, vec b) noexcept {  // signed
  return a > b;
}
inline vec add(vec a, vec b) noexcept {             // octet by octet, wrapping (paddb)
  return (vec)((unsigned_vec)a + (unsigned_vec)b);  // NOLINT: vector casts
}
inline vec either(vec a, vec b) noexcept {
  return a | b;
}
inline vec both(vec a, vec b) noexcept {
  return a & b;
}
inline vec but_not(vec a, vec b) noexcept {  // a and not b
  return a & ~b;
}
/// Bit i set when octet i has its top bit set (pmovmskb).
inline unsigned movemask(vec v) noexcept {
  return static_cast<unsigned>(__builtin_ia32_pmovmskb128((char_vec)v));  // NOLINT: vector cast
}
#else
using vec = __m128i;

inline vec load(const char* p) noexcept {
  return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
}
inline vec splat(char c) noexcept {
  return _mm_set1_epi8(c);
}
inline vec eq(vec a, vec b) noexcept {
  return _mm_cmpeq_epi8(a, b);
}
inline vec lt(vec a, vec b) noexcept {
  return _mm_cmplt_epi8(a, b);
}
inline vec gt(vec a, vec b) noexcept {
  return _mm_cmpgt_epi8(a, b);
}
inline vec add(vec a, vec b) noexcept {
  return _mm_add_epi8(a, b);
}
inline vec either(vec a, vec b) noexcept {
  return _mm_or_si128(a, b);
}
inline vec both(vec a, vec b) noexcept {
  return _mm_and_si128(a, b);
}
inline vec but_not(vec a, vec b) noexcept {
  return _mm_andnot_si128(b, a);
}
inline unsigned movemask(vec v) noexcept {
  return static_cast<unsigned>(_mm_movemask_epi8(v));
}
#endif

}  // namespace smtpcodes::detail::sse2

#endif  // SMTPCODES_HAS_SSE2
#endif  // SMTPCODES_DETAIL_SSE2_HPP
