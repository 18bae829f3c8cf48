/**
 * @file config.hpp
 * @brief Version macros and the language floor. Every other header includes this one first.
 *
 * Includes nothing from the project.
 */
#ifndef SMTPCODES_CONFIG_HPP
#define SMTPCODES_CONFIG_HPP

// Literal copies of the root VERSION file (the header needs no generation step); the `version`
// test fails when they differ from it.
#define SMTPCODES_VERSION_MAJOR 0
#define SMTPCODES_VERSION_MINOR 2
#define SMTPCODES_VERSION_PATCH 0
#define SMTPCODES_VERSION_STRING "0.2.0"

// C++17 is the floor: the tables rely on inline variables and constexpr std::string_view.
#if defined(_MSVC_LANG)
#define SMTPCODES_CPLUSPLUS _MSVC_LANG
#else
#define SMTPCODES_CPLUSPLUS __cplusplus
#endif
#if SMTPCODES_CPLUSPLUS < 201703L
#error "smtpcodes needs C++17 or later"
#endif

// True while a constexpr function runs at compile time, so run-time paths (SIMD) can be skipped
// there. GCC and Clang offer the builtin in C++17 too; without it, the portable path always runs.
#if defined(__has_builtin)
#if __has_builtin(__builtin_is_constant_evaluated)
#define SMTPCODES_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#endif
#endif
#if !defined(SMTPCODES_IS_CONSTANT_EVALUATED) && defined(__GNUC__) && __GNUC__ >= 9
#define SMTPCODES_IS_CONSTANT_EVALUATED() __builtin_is_constant_evaluated()
#endif
#ifndef SMTPCODES_IS_CONSTANT_EVALUATED
#define SMTPCODES_IS_CONSTANT_EVALUATED() true
#endif

// A hint to fetch the cache line at `address` for reading; nothing where the compiler has no
// such builtin. Never faults, never changes behaviour.
#if defined(__GNUC__) || defined(__clang__)
#define SMTPCODES_PREFETCH(address) __builtin_prefetch(address)
#else
#define SMTPCODES_PREFETCH(address) ((void)0)
#endif

namespace smtpcodes {
namespace detail {
/// True when a function pointer is null. GCC under -fsanitize=null (part of
/// -fsanitize=undefined) will not compare a function's address with null during constant
/// evaluation, so with GCC the test is made at run time only: a table's static_assert then
/// skips it (Clang still checks), and calling a null pointer at compile time fails anyway.
template <class F>
[[nodiscard]] constexpr bool is_null_function(F* f) noexcept {
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 9
  if (__builtin_is_constant_evaluated()) return false;
#endif
  return f == nullptr;
}
}  // namespace detail
}  // namespace smtpcodes

// Inlining for the reply parser's block path (reply.hpp): its per-line helpers must inline so
// that the scan state stays in registers (as calls they cost more than the checks they make),
// and the block path itself stays a call, so that g++ -Warray-bounds does not follow a short
// literal into loads that only run when 64 octets remain.
#if defined(__GNUC__) || defined(__clang__)
#define SMTPCODES_ALWAYS_INLINE __attribute__((always_inline)) inline
#define SMTPCODES_NOINLINE __attribute__((noinline))
#elif defined(_MSC_VER)
#define SMTPCODES_ALWAYS_INLINE __forceinline
#define SMTPCODES_NOINLINE __declspec(noinline)
#else
#define SMTPCODES_ALWAYS_INLINE inline
#define SMTPCODES_NOINLINE
#endif

// g++ (12) at -O3 follows a short literal into code that only runs on longer input (a 16-octet
// load, an index past a length test it cannot connect to the literal) and warns
// -Warray-bounds: a false warning that stops a user's -Werror build. These mark the few
// functions where tests/optimized_build_test.cpp showed it; the sanitizers and guard-page tests
// check the reads themselves.
#if defined(__GNUC__) && !defined(__clang__)
#define SMTPCODES_GCC_ARRAY_BOUNDS_OFF \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Warray-bounds\"")
#define SMTPCODES_GCC_ARRAY_BOUNDS_ON _Pragma("GCC diagnostic pop")
#else
#define SMTPCODES_GCC_ARRAY_BOUNDS_OFF
#define SMTPCODES_GCC_ARRAY_BOUNDS_ON
#endif

// SIMD scanning, chosen at compile time. Define SMTPCODES_NO_SIMD to force the portable loops
// (the results are identical; tests build both ways).
#if !defined(SMTPCODES_NO_SIMD) && \
    (defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2))
#define SMTPCODES_HAS_SSE2 1
#else
#define SMTPCODES_HAS_SSE2 0
#endif
#if !defined(SMTPCODES_NO_SIMD) && defined(__AVX2__)
#define SMTPCODES_HAS_AVX2 1
#else
#define SMTPCODES_HAS_AVX2 0
#endif
// Run-time dispatch (simd.hpp): AVX2 and AVX-512BW paths compiled with target attributes, so a
// default x86-64 build uses them on the CPUs that have them. GCC and clang on x86-64 only.
#if SMTPCODES_HAS_SSE2 && (defined(__GNUC__) || defined(__clang__)) && \
    (defined(__x86_64__) || defined(__i386__))
#define SMTPCODES_HAS_X86_DISPATCH 1
#define SMTPCODES_TARGET_AVX2 __attribute__((target("avx2,popcnt"), flatten))
#define SMTPCODES_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,popcnt"), flatten))
#else
#define SMTPCODES_HAS_X86_DISPATCH 0
#endif
#if !defined(SMTPCODES_NO_SIMD) && (defined(__ARM_NEON) || defined(__ARM_NEON__)) && \
    defined(__aarch64__)
#define SMTPCODES_HAS_NEON 1
#else
#define SMTPCODES_HAS_NEON 0
#endif

#endif  // SMTPCODES_CONFIG_HPP
