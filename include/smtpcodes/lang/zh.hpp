/**
 * @file lang/zh.hpp
 * @brief The Simplified Chinese catalog: `smtpcodes::lang::zh`, the tables of `catalog`
 * (catalog.hpp) in Simplified Chinese; a table left `{}` below is not translated yet and gives the
 * English texts. Terms in docs/glossary/zh.md. Opt-in: not part of <smtpcodes.hpp>.
 */
#ifndef SMTPCODES_LANG_ZH_HPP
#define SMTPCODES_LANG_ZH_HPP

#include <string_view>

#include "../catalog.hpp"

namespace smtpcodes {
namespace lang {
namespace detail_zh {
using std::string_view_literals::operator""sv;
// clang-format off
inline constexpr reply_code_text reply_codes[] = {
#include "zh/reply_code_table.inc"
};
inline constexpr reply_code_usage_text reply_code_usages[] = {
#include "zh/reply_code_usage_table.inc"
};
inline constexpr enhanced_class_text enhanced_classes[] = {
#include "zh/enhanced_class_table.inc"
};
inline constexpr enhanced_subject_text enhanced_subjects[] = {
#include "zh/enhanced_subject_table.inc"
};
inline constexpr enhanced_detail_text enhanced_details[] = {
#include "zh/enhanced_detail_table.inc"
};
inline constexpr reply_class_text reply_classes[] = {
#include "zh/reply_class_table.inc"
};
inline constexpr reply_category_text reply_categories[] = {
#include "zh/reply_category_table.inc"
};
inline constexpr bounce_reason_text bounce_reasons[] = {
#include "zh/bounce_reason_table.inc"
};
inline constexpr reply_unregistered_name_text reply_unregistered_names[] = {
#include "zh/reply_unregistered_name_table.inc"
};
inline constexpr provider_code_text provider_codes[] = {
#include "zh/provider_table.inc"
};
inline constexpr reply_unregistered_text reply_unregistered_texts[] = {
#include "zh/reply_unregistered_text_table.inc"
};
inline constexpr enhanced_note_text enhanced_notes[] = {
#include "zh/enhanced_note_table.inc"
};
inline constexpr common_reply_text common_replies[] = {
#include "zh/common_reply_table.inc"
};
inline constexpr who_acts_text who_acts_labels[] = {
#include "zh/who_acts_table.inc"
};
inline constexpr retry_advice_text retry_advice_labels[] = {
#include "zh/retry_advice_table.inc"
};
inline constexpr error_text error_texts[] = {
#include "zh/error_text_table.inc"
};
inline constexpr next_step_text next_steps[] = {
#include "zh/next_step_table.inc"
};
inline constexpr compare_aspect_text compare_aspects[] = {
#include "zh/compare_aspect_table.inc"
};
inline constexpr reply_next_text reply_nexts[] = {
#include "zh/reply_next_table.inc"
};
inline constexpr compare_phrase_text compare_phrases[] = {
#include "zh/compare_phrase_table.inc"
};
inline constexpr hand_relation_text hand_relations[] = {
#include "zh/hand_relation_table.inc"
};
// clang-format on
}  // namespace detail_zh

/// Simplified Chinese.
inline constexpr catalog zh = {"zh",
                               "简体中文",
                               detail_zh::reply_codes,
                               detail_zh::reply_code_usages,
                               detail_zh::enhanced_classes,
                               detail_zh::enhanced_subjects,
                               detail_zh::enhanced_details,
                               detail_zh::reply_classes,
                               detail_zh::reply_categories,
                               detail_zh::bounce_reasons,
                               detail_zh::reply_unregistered_names,
                               detail_zh::provider_codes,
                               detail_zh::reply_unregistered_texts,
                               detail_zh::enhanced_notes,
                               detail_zh::common_replies,
                               detail_zh::who_acts_labels,
                               detail_zh::retry_advice_labels,
                               detail_zh::next_steps,
                               detail_zh::compare_aspects,
                               detail_zh::reply_nexts,
                               detail_zh::compare_phrases,
                               detail_zh::hand_relations,
                               detail_zh::error_texts};
static_assert(matches_english(zh), "lang/zh: an entry is missing, extra or out of order");
static_assert(is_complete(zh), "lang/zh: a table is left empty (English)");

}  // namespace lang
}  // namespace smtpcodes

#endif  // SMTPCODES_LANG_ZH_HPP
