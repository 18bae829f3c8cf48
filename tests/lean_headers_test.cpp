// Compiling this file is the test: the value and wire headers do not pull in the text tables
// (issue 10, "compile cost follows use"). A parser needs `reply_code` and `enhanced_status`,
// not the explanations: those are in reply_code_info.hpp and enhanced_status_info.hpp, which
// only compare.hpp and the umbrella include.
#include <smtpcodes/command.hpp>
#include <smtpcodes/command_writer.hpp>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/dsn.hpp>
#include <smtpcodes/dsn_writer.hpp>
#include <smtpcodes/ehlo.hpp>
#include <smtpcodes/enhanced_status.hpp>
#include <smtpcodes/line.hpp>
#include <smtpcodes/reply.hpp>
#include <smtpcodes/reply_code.hpp>
#include <smtpcodes/reply_writer.hpp>
#include <smtpcodes/server_session.hpp>
#include <type_traits>
#include <utility>

#ifndef SMTPCODES_HPP  // with -Dsingle_header=true every shim includes everything
#ifdef SMTPCODES_REPLY_CODE_INFO_HPP
#error "a value or wire header includes reply_code_info.hpp"
#endif
#ifdef SMTPCODES_ENHANCED_STATUS_INFO_HPP
#error "a value or wire header includes enhanced_status_info.hpp"
#endif
// <iterator> (libstdc++, libc++) cost ehlo.hpp half its compile time; std::size, all the
// headers use of it, comes with <string_view> (C++17 [iterator.range]).
#if defined(_GLIBCXX_ITERATOR) || defined(_LIBCPP_ITERATOR)
#error "a value or wire header includes <iterator>"
#endif
// <emmintrin.h> is 50-70 ms of every TU with g++ and clang++: the scanners use vector
// extensions instead (detail/sse2.hpp). Only a build for AVX2 (-march) includes <immintrin.h>.
#if (defined(__GNUC__) || defined(__clang__)) && !SMTPCODES_HAS_AVX2 && \
    (defined(_EMMINTRIN_H_INCLUDED) || defined(__EMMINTRIN_H))
#error "a value or wire header includes <emmintrin.h>"
#endif

// The text API is not declared: found by argument-dependent lookup if it were.
template <typename T, typename = void>
struct has_explain : std::false_type {};
template <typename T>
struct has_explain<T, std::void_t<decltype(explain(std::declval<T>()))>> : std::true_type {};
template <typename T, typename = void>
struct has_lookup : std::false_type {};
template <typename T>
struct has_lookup<T, std::void_t<decltype(lookup(std::declval<T>()))>> : std::true_type {};
template <typename T, typename = void>
struct has_name : std::false_type {};
template <typename T>
struct has_name<T, std::void_t<decltype(name(std::declval<T>()))>> : std::true_type {};

static_assert(!has_explain<smtpcodes::reply_code>::value, "explain(reply_code) is declared");
static_assert(!has_lookup<smtpcodes::reply_code>::value, "lookup(reply_code) is declared");
static_assert(!has_name<smtpcodes::reply_code>::value, "name(reply_code) is declared");
static_assert(!has_explain<smtpcodes::enhanced_status>::value,
              "explain(enhanced_status) is declared");
static_assert(!has_lookup<smtpcodes::enhanced_status>::value,
              "lookup(enhanced_status) is declared");
#endif

int main() {
  return 0;
}
