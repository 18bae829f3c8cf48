/**
 * @file lang/tr.hpp
 * @brief The Turkish catalog: `smtpcodes::lang::tr`, the tables of `catalog` (catalog.hpp) in
 * Turkish; a table left `{}` below is not translated yet and gives the English texts. Terms in
 * docs/glossary/tr.md. Opt-in: not part of <smtpcodes.hpp>.
 */
#ifndef SMTPCODES_LANG_TR_HPP
#define SMTPCODES_LANG_TR_HPP

#include <string_view>

#include "../catalog.hpp"

namespace smtpcodes {
namespace lang {
namespace detail_tr {
using std::string_view_literals::operator""sv;
// clang-format off
inline constexpr reply_code_text reply_codes[] = {
#include "tr/reply_code_table.inc"
};
inline constexpr reply_code_usage_text reply_code_usages[] = {
#include "tr/reply_code_usage_table.inc"
};
inline constexpr enhanced_class_text enhanced_classes[] = {
#include "tr/enhanced_class_table.inc"
};
inline constexpr enhanced_subject_text enhanced_subjects[] = {
#include "tr/enhanced_subject_table.inc"
};
inline constexpr enhanced_detail_text enhanced_details[] = {
#include "tr/enhanced_detail_table.inc"
};
inline constexpr reply_class_text reply_classes[] = {
#include "tr/reply_class_table.inc"
};
inline constexpr reply_category_text reply_categories[] = {
#include "tr/reply_category_table.inc"
};
inline constexpr bounce_reason_text bounce_reasons[] = {
#include "tr/bounce_reason_table.inc"
};
inline constexpr reply_unregistered_name_text reply_unregistered_names[] = {
#include "tr/reply_unregistered_name_table.inc"
};
inline constexpr provider_code_text provider_codes[] = {
#include "tr/provider_table.inc"
};
inline constexpr reply_unregistered_text reply_unregistered_texts[] = {
#include "tr/reply_unregistered_text_table.inc"
};
inline constexpr enhanced_note_text enhanced_notes[] = {
#include "tr/enhanced_note_table.inc"
};
inline constexpr common_reply_text common_replies[] = {
#include "tr/common_reply_table.inc"
};
inline constexpr who_acts_text who_acts_labels[] = {
#include "tr/who_acts_table.inc"
};
inline constexpr retry_advice_text retry_advice_labels[] = {
#include "tr/retry_advice_table.inc"
};
inline constexpr next_step_text next_steps[] = {
#include "tr/next_step_table.inc"
};
inline constexpr compare_aspect_text compare_aspects[] = {
#include "tr/compare_aspect_table.inc"
};
inline constexpr reply_next_text reply_nexts[] = {
#include "tr/reply_next_table.inc"
};
inline constexpr compare_phrase_text compare_phrases[] = {
#include "tr/compare_phrase_table.inc"
};
inline constexpr hand_relation_text hand_relations[] = {
#include "tr/hand_relation_table.inc"
};
inline constexpr error_text error_texts[] = {
#include "tr/error_text_table.inc"
};
// clang-format on
}  // namespace detail_tr

/// Turkish.
inline constexpr catalog tr = {"tr",
                               "Türkçe",
                               detail_tr::reply_codes,
                               detail_tr::reply_code_usages,
                               detail_tr::enhanced_classes,
                               detail_tr::enhanced_subjects,
                               detail_tr::enhanced_details,
                               detail_tr::reply_classes,
                               detail_tr::reply_categories,
                               detail_tr::bounce_reasons,
                               detail_tr::reply_unregistered_names,
                               detail_tr::provider_codes,
                               detail_tr::reply_unregistered_texts,
                               detail_tr::enhanced_notes,
                               detail_tr::common_replies,
                               detail_tr::who_acts_labels,
                               detail_tr::retry_advice_labels,
                               detail_tr::next_steps,
                               detail_tr::compare_aspects,
                               detail_tr::reply_nexts,
                               detail_tr::compare_phrases,
                               detail_tr::hand_relations,
                               detail_tr::error_texts};
static_assert(matches_english(tr), "lang/tr: an entry is missing, extra or out of order");
static_assert(is_complete(tr), "lang/tr: a table is left empty (English)");

}  // namespace lang
}  // namespace smtpcodes

#endif  // SMTPCODES_LANG_TR_HPP
