/**
 * @file lang/ru.hpp
 * @brief The Russian catalog: `smtpcodes::lang::ru`, the tables of `catalog` (catalog.hpp) in
 * Russian; a table left `{}` below is not translated yet and gives the English texts. Terms in
 * docs/glossary/ru.md. Opt-in: not part of <smtpcodes.hpp>.
 */
#ifndef SMTPCODES_LANG_RU_HPP
#define SMTPCODES_LANG_RU_HPP

#include <string_view>

#include "../catalog.hpp"

namespace smtpcodes {
namespace lang {
namespace detail_ru {
using std::string_view_literals::operator""sv;
// clang-format off
inline constexpr reply_code_text reply_codes[] = {
#include "ru/reply_code_table.inc"
};
inline constexpr reply_code_usage_text reply_code_usages[] = {
#include "ru/reply_code_usage_table.inc"
};
inline constexpr enhanced_class_text enhanced_classes[] = {
#include "ru/enhanced_class_table.inc"
};
inline constexpr enhanced_subject_text enhanced_subjects[] = {
#include "ru/enhanced_subject_table.inc"
};
inline constexpr enhanced_detail_text enhanced_details[] = {
#include "ru/enhanced_detail_table.inc"
};
inline constexpr reply_class_text reply_classes[] = {
#include "ru/reply_class_table.inc"
};
inline constexpr reply_category_text reply_categories[] = {
#include "ru/reply_category_table.inc"
};
inline constexpr bounce_reason_text bounce_reasons[] = {
#include "ru/bounce_reason_table.inc"
};
inline constexpr reply_unregistered_name_text reply_unregistered_names[] = {
#include "ru/reply_unregistered_name_table.inc"
};
inline constexpr provider_code_text provider_codes[] = {
#include "ru/provider_table.inc"
};
inline constexpr reply_unregistered_text reply_unregistered_texts[] = {
#include "ru/reply_unregistered_text_table.inc"
};
inline constexpr enhanced_note_text enhanced_notes[] = {
#include "ru/enhanced_note_table.inc"
};
inline constexpr common_reply_text common_replies[] = {
#include "ru/common_reply_table.inc"
};
inline constexpr who_acts_text who_acts_labels[] = {
#include "ru/who_acts_table.inc"
};
inline constexpr retry_advice_text retry_advice_labels[] = {
#include "ru/retry_advice_table.inc"
};
inline constexpr next_step_text next_steps[] = {
#include "ru/next_step_table.inc"
};
inline constexpr compare_aspect_text compare_aspects[] = {
#include "ru/compare_aspect_table.inc"
};
inline constexpr reply_next_text reply_nexts[] = {
#include "ru/reply_next_table.inc"
};
inline constexpr compare_phrase_text compare_phrases[] = {
#include "ru/compare_phrase_table.inc"
};
inline constexpr hand_relation_text hand_relations[] = {
#include "ru/hand_relation_table.inc"
};
inline constexpr error_text error_texts[] = {
#include "ru/error_text_table.inc"
};
// clang-format on
}  // namespace detail_ru

/// Russian.
inline constexpr catalog ru = {"ru",
                               "Русский",
                               detail_ru::reply_codes,
                               detail_ru::reply_code_usages,
                               detail_ru::enhanced_classes,
                               detail_ru::enhanced_subjects,
                               detail_ru::enhanced_details,
                               detail_ru::reply_classes,
                               detail_ru::reply_categories,
                               detail_ru::bounce_reasons,
                               detail_ru::reply_unregistered_names,
                               detail_ru::provider_codes,
                               detail_ru::reply_unregistered_texts,
                               detail_ru::enhanced_notes,
                               detail_ru::common_replies,
                               detail_ru::who_acts_labels,
                               detail_ru::retry_advice_labels,
                               detail_ru::next_steps,
                               detail_ru::compare_aspects,
                               detail_ru::reply_nexts,
                               detail_ru::compare_phrases,
                               detail_ru::hand_relations,
                               detail_ru::error_texts};
static_assert(matches_english(ru), "lang/ru: an entry is missing, extra or out of order");
static_assert(is_complete(ru), "lang/ru: a table is left empty (English)");

}  // namespace lang
}  // namespace smtpcodes

#endif  // SMTPCODES_LANG_RU_HPP
