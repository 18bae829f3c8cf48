/**
 * @file catalog.hpp
 * @brief The shape of a language catalog: the texts of the reply-code and enhanced-status
 * tables in one language, entry for entry with the English tables (issue 15).
 *
 * English is built into reply_code_info.hpp and enhanced_status_info.hpp. Every other language
 * is an opt-in header, `<smtpcodes/lang/XX.hpp>`, defining `smtpcodes::lang::XX`, a `catalog`
 * whose tables hold one entry per English entry, in the same order, with the same keys; each
 * such header proves that with a `static_assert(matches_english(...))`, so a catalog with a
 * missing, extra or reordered entry does not compile. A program that includes no language
 * header compiles none of their text. Codes, command verbs, RFC numbers, header and parameter
 * names are never translated (tools/check_translation.py checks the texts; see
 * docs/glossary/ for the terms of each language).
 */
#ifndef SMTPCODES_CATALOG_HPP
#define SMTPCODES_CATALOG_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "enhanced_status_info.hpp"
#include "reply_code_info.hpp"

namespace smtpcodes {

/// A reply code's texts in one language (the fields of `reply_code_info` a person reads).
struct reply_code_text {
  std::uint16_t code;
  std::string_view name;
  std::string_view commands;  ///< Verbs kept, situations translated ("connection greeting").
  std::string_view description;
  std::string_view when;
  std::string_view fix;
};

/// A context-specific meaning in one language; `context` (a command) stays as in English.
struct reply_code_usage_text {
  std::uint16_t code;
  std::string_view context;
  std::string_view meaning;
};

/// An enhanced-status class's texts in one language.
struct enhanced_class_text {
  std::uint8_t klass;
  std::string_view label;
  std::string_view description;
  std::string_view fix;
};

/// An enhanced-status subject's texts in one language.
struct enhanced_subject_text {
  std::uint16_t subject;
  std::string_view label;
  std::string_view description;
};

/// An enhanced-status detail code's texts in one language.
struct enhanced_detail_text {
  std::uint16_t subject;
  std::uint16_t detail;
  std::string_view label;
  std::string_view description;
  std::string_view when;
  std::string_view fix;
};

/// A table of a catalog: a pointer into a static array and its size.
template <class T>
struct catalog_table {
  const T* entries = nullptr;
  std::size_t size = 0;
  template <std::size_t N>
  constexpr catalog_table(const T (&a)[N]) noexcept : entries(a), size(N) {}  // NOLINT
  constexpr const T* begin() const noexcept { return entries; }
  constexpr const T* end() const noexcept { return entries + size; }
};

/// One language's texts. `tag` is its language tag ("fr"); `native_name` its own name for
/// itself ("Français").
struct catalog {
  std::string_view tag;
  std::string_view native_name;
  catalog_table<reply_code_text> reply_codes;
  catalog_table<reply_code_usage_text> reply_code_usages;
  catalog_table<enhanced_class_text> enhanced_classes;
  catalog_table<enhanced_subject_text> enhanced_subjects;
  catalog_table<enhanced_detail_text> enhanced_details;
};

namespace detail {
template <class Text, class Info, std::size_t N, class SameKeys>
constexpr bool same_keys(const catalog_table<Text>& t, const Info (&english)[N],
                         SameKeys same) noexcept {
  if (t.size != N) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (!same(t.entries[i], english[i])) return false;
  }
  return true;
}
}  // namespace detail

/**
 * True when every table of `c` has exactly the English table's entries, in its order, with its
 * keys (and, for usages, the same context). Each language header asserts it at compile time.
 */
[[nodiscard]] constexpr bool matches_english(const catalog& c) noexcept {
  return detail::same_keys(
             c.reply_codes, detail::reply_code_table,
             [](const reply_code_text& t, const reply_code_info& e) { return t.code == e.code; }) &&
         detail::same_keys(c.reply_code_usages, detail::reply_code_usage_table,
                           [](const reply_code_usage_text& t, const reply_code_usage& e) {
                             return t.code == e.code && t.context == e.context;
                           }) &&
         detail::same_keys(c.enhanced_classes, detail::enhanced_class_table,
                           [](const enhanced_class_text& t, const enhanced_class_info& e) {
                             return t.klass == e.klass;
                           }) &&
         detail::same_keys(c.enhanced_subjects, detail::enhanced_subject_table,
                           [](const enhanced_subject_text& t, const enhanced_subject_info& e) {
                             return t.subject == e.subject;
                           }) &&
         detail::same_keys(c.enhanced_details, detail::enhanced_detail_table,
                           [](const enhanced_detail_text& t, const enhanced_detail_info& e) {
                             return t.subject == e.subject && t.detail == e.detail;
                           });
}

}  // namespace smtpcodes

#endif  // SMTPCODES_CATALOG_HPP
