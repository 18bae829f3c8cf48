/**
 * @file lang/fr.hpp
 * @brief The French catalog: `smtpcodes::lang::fr`, the tables of `catalog` (catalog.hpp) in
 * French; a table left `{}` below is not translated yet and gives the English texts. Terms in
 * docs/glossary/fr.md. Opt-in: not part of <smtpcodes.hpp>.
 */
#ifndef SMTPCODES_LANG_FR_HPP
#define SMTPCODES_LANG_FR_HPP

#include <string_view>

#include "../catalog.hpp"

namespace smtpcodes {
namespace lang {
namespace detail_fr {
using std::string_view_literals::operator""sv;
// clang-format off
inline constexpr reply_code_text reply_codes[] = {
#include "fr/reply_code_table.inc"
};
inline constexpr reply_code_usage_text reply_code_usages[] = {
#include "fr/reply_code_usage_table.inc"
};
inline constexpr enhanced_class_text enhanced_classes[] = {
#include "fr/enhanced_class_table.inc"
};
inline constexpr enhanced_subject_text enhanced_subjects[] = {
#include "fr/enhanced_subject_table.inc"
};
inline constexpr enhanced_detail_text enhanced_details[] = {
#include "fr/enhanced_detail_table.inc"
};
inline constexpr reply_class_text reply_classes[] = {
#include "fr/reply_class_table.inc"
};
inline constexpr reply_category_text reply_categories[] = {
#include "fr/reply_category_table.inc"
};
inline constexpr bounce_reason_text bounce_reasons[] = {
#include "fr/bounce_reason_table.inc"
};
inline constexpr reply_unregistered_name_text reply_unregistered_names[] = {
#include "fr/reply_unregistered_name_table.inc"
};
inline constexpr provider_code_text provider_codes[] = {
#include "fr/provider_table.inc"
};
inline constexpr reply_unregistered_text reply_unregistered_texts[] = {
#include "fr/reply_unregistered_text_table.inc"
};
inline constexpr enhanced_note_text enhanced_notes[] = {
#include "fr/enhanced_note_table.inc"
};
inline constexpr common_reply_text common_replies[] = {
#include "fr/common_reply_table.inc"
};
inline constexpr who_acts_text who_acts_labels[] = {
#include "fr/who_acts_table.inc"
};
inline constexpr retry_advice_text retry_advice_labels[] = {
#include "fr/retry_advice_table.inc"
};
inline constexpr error_text error_texts[] = {
#include "fr/error_text_table.inc"
};
inline constexpr next_step_text next_steps[] = {
#include "fr/next_step_table.inc"
};
inline constexpr compare_aspect_text compare_aspects[] = {
#include "fr/compare_aspect_table.inc"
};
inline constexpr reply_next_text reply_nexts[] = {
#include "fr/reply_next_table.inc"
};
inline constexpr compare_phrase_text compare_phrases[] = {
#include "fr/compare_phrase_table.inc"
};
inline constexpr hand_relation_text hand_relations[] = {
#include "fr/hand_relation_table.inc"
};
// clang-format on
}  // namespace detail_fr

/// French.
inline constexpr catalog fr = {"fr",
                               "Français",
                               detail_fr::reply_codes,
                               detail_fr::reply_code_usages,
                               detail_fr::enhanced_classes,
                               detail_fr::enhanced_subjects,
                               detail_fr::enhanced_details,
                               detail_fr::reply_classes,
                               detail_fr::reply_categories,
                               detail_fr::bounce_reasons,
                               detail_fr::reply_unregistered_names,
                               detail_fr::provider_codes,
                               detail_fr::reply_unregistered_texts,
                               detail_fr::enhanced_notes,
                               detail_fr::common_replies,
                               detail_fr::who_acts_labels,
                               detail_fr::retry_advice_labels,
                               detail_fr::next_steps,
                               detail_fr::compare_aspects,
                               detail_fr::reply_nexts,
                               detail_fr::compare_phrases,
                               detail_fr::hand_relations,
                               detail_fr::error_texts};
static_assert(matches_english(fr), "lang/fr: an entry is missing, extra or out of order");
static_assert(is_complete(fr), "lang/fr: a table is left empty (English)");

}  // namespace lang
}  // namespace smtpcodes

#endif  // SMTPCODES_LANG_FR_HPP
