/**
 * @file lang/ar.hpp
 * @brief The Arabic catalog: `smtpcodes::lang::ar`, the tables of `catalog` (catalog.hpp) in
 * Arabic; a table left `{}` below is not translated yet and gives the English texts. Terms in
 * docs/glossary/ar.md. Opt-in: not part of <smtpcodes.hpp>.
 */
#ifndef SMTPCODES_LANG_AR_HPP
#define SMTPCODES_LANG_AR_HPP

#include <string_view>

#include "../catalog.hpp"

namespace smtpcodes {
namespace lang {
namespace detail_ar {
using std::string_view_literals::operator""sv;
// clang-format off
inline constexpr reply_code_text reply_codes[] = {
#include "ar/reply_code_table.inc"
};
inline constexpr reply_code_usage_text reply_code_usages[] = {
#include "ar/reply_code_usage_table.inc"
};
inline constexpr enhanced_class_text enhanced_classes[] = {
#include "ar/enhanced_class_table.inc"
};
inline constexpr enhanced_subject_text enhanced_subjects[] = {
#include "ar/enhanced_subject_table.inc"
};
inline constexpr enhanced_detail_text enhanced_details[] = {
#include "ar/enhanced_detail_table.inc"
};
inline constexpr reply_class_text reply_classes[] = {
#include "ar/reply_class_table.inc"
};
inline constexpr reply_category_text reply_categories[] = {
#include "ar/reply_category_table.inc"
};
inline constexpr bounce_reason_text bounce_reasons[] = {
#include "ar/bounce_reason_table.inc"
};
inline constexpr reply_unregistered_name_text reply_unregistered_names[] = {
#include "ar/reply_unregistered_name_table.inc"
};
inline constexpr provider_code_text provider_codes[] = {
#include "ar/provider_table.inc"
};
// clang-format on
}  // namespace detail_ar

/// Arabic.
inline constexpr catalog ar = {"ar",
                               "العربية",
                               detail_ar::reply_codes,
                               detail_ar::reply_code_usages,
                               detail_ar::enhanced_classes,
                               detail_ar::enhanced_subjects,
                               detail_ar::enhanced_details,
                               detail_ar::reply_classes,
                               detail_ar::reply_categories,
                               detail_ar::bounce_reasons,
                               detail_ar::reply_unregistered_names,
                               detail_ar::provider_codes,
                               {},   // reply_unregistered_texts: not yet translated
                               {},   // enhanced_notes: not yet translated
                               {},   // common_replies: not yet translated
                               {},   // who_acts_labels: not yet translated
                               {},   // retry_advice_labels: not yet translated
                               {},   // next_steps: not yet translated
                               {},   // compare_aspects: not yet translated
                               {},   // reply_nexts: not yet translated
                               {},   // compare_phrases: not yet translated
                               {},   // hand_relations: not yet translated
                               {}};  // error_texts: not yet translated
static_assert(matches_english(ar), "lang/ar: an entry is missing, extra or out of order");

}  // namespace lang
}  // namespace smtpcodes

#endif  // SMTPCODES_LANG_AR_HPP
