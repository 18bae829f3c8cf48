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
inline constexpr reply_unregistered_text reply_unregistered_texts[] = {
#include "ar/reply_unregistered_text_table.inc"
};
inline constexpr enhanced_note_text enhanced_notes[] = {
#include "ar/enhanced_note_table.inc"
};
inline constexpr common_reply_text common_replies[] = {
#include "ar/common_reply_table.inc"
};
inline constexpr who_acts_text who_acts_labels[] = {
#include "ar/who_acts_table.inc"
};
inline constexpr retry_advice_text retry_advice_labels[] = {
#include "ar/retry_advice_table.inc"
};
inline constexpr next_step_text next_steps[] = {
#include "ar/next_step_table.inc"
};
inline constexpr compare_aspect_text compare_aspects[] = {
#include "ar/compare_aspect_table.inc"
};
inline constexpr reply_next_text reply_nexts[] = {
#include "ar/reply_next_table.inc"
};
inline constexpr compare_phrase_text compare_phrases[] = {
#include "ar/compare_phrase_table.inc"
};
inline constexpr hand_relation_text hand_relations[] = {
#include "ar/hand_relation_table.inc"
};
inline constexpr error_text error_texts[] = {
#include "ar/error_text_table.inc"
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
                               detail_ar::reply_unregistered_texts,
                               detail_ar::enhanced_notes,
                               detail_ar::common_replies,
                               detail_ar::who_acts_labels,
                               detail_ar::retry_advice_labels,
                               detail_ar::next_steps,
                               detail_ar::compare_aspects,
                               detail_ar::reply_nexts,
                               detail_ar::compare_phrases,
                               detail_ar::hand_relations,
                               detail_ar::error_texts};
static_assert(matches_english(ar), "lang/ar: an entry is missing, extra or out of order");
static_assert(is_complete(ar), "lang/ar: a table is left empty (English)");

}  // namespace lang
}  // namespace smtpcodes

#endif  // SMTPCODES_LANG_AR_HPP
