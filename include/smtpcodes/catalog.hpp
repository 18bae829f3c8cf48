/**
 * @file catalog.hpp
 * @brief The shape of a language catalog: the texts of the reply-code, enhanced-status,
 * reply-class, reply-category and bounce-reason tables in one language, entry for entry with the
 * English tables (issue 15).
 *
 * English is built into reply_code_info.hpp, enhanced_status_info.hpp and bounce_reason.hpp
 * (their tables are include/smtpcodes/detail/TABLE.inc files), and is also the
 * catalog `smtpcodes::lang::en` (views of those tables). Every other language
 * is an opt-in header, `<smtpcodes/lang/XX.hpp>`, defining `smtpcodes::lang::XX`, a `catalog`
 * whose tables hold one entry per English entry, in the same order, with the same keys; each
 * such header proves that with a `static_assert(matches_english(...))`, so a catalog with a
 * missing, extra or reordered entry does not compile. A program that includes no language
 * header compiles none of their text. Codes, command verbs, RFC numbers, header and parameter
 * names are never translated (tools/check_translation.py checks the texts; see
 * docs/glossary/ for the terms of each language).
 *
 * `explain(code, language)`, `name(code, language)` and `localize(entry, language)` give the
 * entries of the reply-code and enhanced-status tables with their texts in a language;
 * `class_name`, `class_meaning`, `class_action`, `category_name` and `category_meaning` with a
 * language the texts of a code's first and second digits (RFC 5321 §4.2.1), which
 * `explain(code, language)` also uses for an unregistered code's description, when and fix;
 * `reason_info(reason, language)` and `localize(bounce_reason_info, language)` a bounce
 * reason's description, when and fix (its name, "userunknown", is an identifier: never
 * translated; its hard flag, retry advice and actor are facts, unchanged). A table a catalog
 * leaves empty (`{}`, a catalog written before the table existed) gives the English texts.
 * An unregistered code's generic name ("Unregistered Success (mail system)") is translated too
 * (`reply_unregistered_names`), and so are, each by its own table: an unregistered code's
 * commands ("any") and RFC note
 * (`reply_unregistered_texts`, used by `explain(code, language)`); the notes of an enhanced
 * explanation (`enhanced_notes`, `explain(enhanced_status, language)`); provider codes' meaning
 * and fix (`provider_codes`, `localize(provider_code_info, language)`); the common replies'
 * advice and the who-acts and retry labels (`common_replies`, `who_acts_labels`,
 * `retry_advice_labels`: `localize(common_reply, language)`, `to_string(who_acts, language)`,
 * `to_string(retry_advice, language)`); and compare.hpp's texts (`next_steps`,
 * `compare_aspects`, `reply_nexts`, `compare_phrases`, `hand_relations`: `compare(a, b,
 * language)`, `to_string(next_step, language)`), and what each error means (`error_texts`:
 * `describe(errc, language)`). Every shipped language fills every table (a test checks it).
 * Not translated: classify.hpp's evidence names, which are identifiers.
 */
#ifndef SMTPCODES_CATALOG_HPP
#define SMTPCODES_CATALOG_HPP

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "bounce_reason.hpp"
#include "common_replies.hpp"
#include "compare.hpp"
#include "enhanced_status_info.hpp"
#include "error.hpp"
#include "providers.hpp"
#include "reply_code.hpp"
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

/// A reply class's texts in one language (RFC 5321 §4.2.1): `klass` is the first digit.
struct reply_class_text {
  std::uint8_t klass;
  std::string_view name;     ///< "Permanent Negative Completion"
  std::string_view meaning;  ///< What the class says (`class_meaning`).
  std::string_view action;   ///< What to do about it (`class_action`).
};

/// A reply category's texts in one language: `category` is the second digit (3 for x3z and
/// x4z, both unspecified).
struct reply_category_text {
  std::uint8_t category;
  std::string_view name;     ///< "mail system"
  std::string_view meaning;  ///< What the second digit says (`category_meaning`).
};

/// The generic name of unregistered codes of one class and category, in one language.
struct reply_unregistered_name_text {
  std::uint8_t klass;
  std::uint8_t category;  ///< 3 for x3z and x4z.
  std::string_view name;  ///< "Unregistered Success (mail system)"
};

/// A bounce reason's texts in one language. The reason's name ("userunknown") is an
/// identifier and is not here: it is never translated.
struct bounce_reason_text {
  bounce_reason reason;
  std::string_view description;
  std::string_view when;
  std::string_view fix;
};

/// A provider code's texts in one language (the fields of `provider_code_info` a person reads).
/// `who` and `code` are the keys, as in the English row; the phrase matched in replies, the URL
/// and the bounce reason are facts and stay as they are.
struct provider_code_text {
  provider who;
  std::string_view code;
  std::string_view meaning;
  std::string_view fix;
};

/// A common reply's texts in one language (the fields of `common_reply` a person reads); `code`
/// and `status` are the keys, as in the English row; who acts, the retry advice and the RFC are
/// facts.
struct common_reply_text {
  std::uint16_t code;
  enhanced_status status;
  std::string_view title;
  std::string_view check_first;
  std::string_view retry_when;
};

/// A reply code's next-step clause (compare's "after it the client ...") in one language; the
/// step itself is a fact.
struct reply_next_text {
  std::uint16_t code;
  std::string_view text;
};

/// A hand-written comparison sentence for a pair of reply codes in one language.
struct hand_relation_text {
  std::uint16_t low;
  std::uint16_t high;
  std::string_view text;
};

/// A table of a catalog: a pointer into a static array and its size.
template <class T>
struct catalog_table {
  const T* entries = nullptr;
  std::size_t size = 0;
  /// No entries: every text of this table falls back to English.
  constexpr catalog_table() noexcept = default;
  template <std::size_t N>
  constexpr catalog_table(const T (&a)[N]) noexcept : entries(a), size(N) {}  // NOLINT
  template <std::size_t N>
  constexpr catalog_table(const std::array<T, N>& a) noexcept  // NOLINT
      : entries(a.data()), size(N) {}
  constexpr const T* begin() const noexcept { return entries; }
  constexpr const T* end() const noexcept { return entries + size; }
  /// Entry `i`, or nullptr past the end (a catalog nobody checked with `matches_english`).
  constexpr const T* at(std::size_t i) const noexcept { return i < size ? entries + i : nullptr; }
};

/// One language's texts. `tag` is its language tag ("fr"); `native_name` its own name for
/// itself ("Français"). A table left empty (a catalog written before it existed) gives the
/// English texts for its entries.
struct catalog {
  std::string_view tag;
  std::string_view native_name;
  catalog_table<reply_code_text> reply_codes;
  catalog_table<reply_code_usage_text> reply_code_usages;
  catalog_table<enhanced_class_text> enhanced_classes;
  catalog_table<enhanced_subject_text> enhanced_subjects;
  catalog_table<enhanced_detail_text> enhanced_details;
  catalog_table<reply_class_text> reply_classes;
  catalog_table<reply_category_text> reply_categories;
  catalog_table<bounce_reason_text> bounce_reasons;
  catalog_table<reply_unregistered_name_text> reply_unregistered_names;
  catalog_table<provider_code_text> provider_codes;
  catalog_table<reply_unregistered_text> reply_unregistered_texts;  ///< "any", the RFC note
  catalog_table<enhanced_note_text> enhanced_notes;  ///< an enhanced explanation's own notes
  catalog_table<common_reply_text> common_replies;
  catalog_table<who_acts_text> who_acts_labels;          ///< "the sender", ...
  catalog_table<retry_advice_text> retry_advice_labels;  ///< "automatic", ...
  catalog_table<next_step_text> next_steps;              ///< compare: "retry later", ...
  catalog_table<compare_aspect_text> compare_aspects;    ///< compare: "class", "who acts", ...
  catalog_table<reply_next_text> reply_nexts;            ///< compare: each code's next step
  catalog_table<compare_phrase_text> compare_phrases;    ///< compare: clauses and patterns
  catalog_table<hand_relation_text> hand_relations;      ///< compare: the common pairs
  catalog_table<error_text> error_texts;                 ///< what each errc means
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
/// A table of keyed texts: empty (English), or the English table's keys in its order.
template <class Key, std::size_t N>
constexpr bool same_keys_or_empty(const catalog_table<keyed_text<Key>>& t,
                                  const keyed_text<Key> (&english)[N]) noexcept {
  return t.size == 0 ||
         same_keys(t, english, [](const keyed_text<Key>& a, const keyed_text<Key>& b) {
           return a.key == b.key;
         });
}

/// The text for `key` in `t`, or the English one when `t` lacks it.
template <class Key, std::size_t N>
constexpr std::string_view text_in(const catalog_table<keyed_text<Key>>& t,
                                   const keyed_text<Key> (&english)[N], Key key) noexcept {
  const auto i = static_cast<std::size_t>(key);
  if (const keyed_text<Key>* e = t.at(i)) return e->text;
  return i < N ? english[i].text : std::string_view();
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
                           }) &&
         detail::same_keys(c.reply_classes, detail::reply_class_table,
                           [](const reply_class_text& t, const detail::reply_class_entry& e) {
                             return t.klass == e.klass;
                           }) &&
         detail::same_keys(c.reply_categories, detail::reply_category_table,
                           [](const reply_category_text& t, const detail::reply_category_entry& e) {
                             return t.category == e.category;
                           }) &&
         detail::same_keys(c.bounce_reasons, bounce_reason_table,
                           [](const bounce_reason_text& t, const bounce_reason_info& e) {
                             return t.reason == e.reason;
                           }) &&
         detail::same_keys(c.reply_unregistered_names, detail::reply_unregistered_name_table,
                           [](const reply_unregistered_name_text& t,
                              const detail::reply_unregistered_name_entry& e) {
                             return t.klass == e.klass && t.category == e.category;
                           }) &&
         (c.provider_codes.size == 0 ||  // a catalog written before the table: English
          detail::same_keys(c.provider_codes, detail::provider_code_table,
                            [](const provider_code_text& t, const provider_code_info& e) {
                              return t.who == e.who && t.code == e.code;
                            })) &&
         detail::same_keys_or_empty(c.reply_unregistered_texts,
                                    detail::reply_unregistered_text_table) &&
         detail::same_keys_or_empty(c.enhanced_notes, detail::enhanced_note_table) &&
         (c.common_replies.size == 0 ||
          detail::same_keys(c.common_replies, detail::common_reply_table,
                            [](const common_reply_text& t, const common_reply& e) {
                              return t.code == e.code && t.status == e.status;
                            })) &&
         detail::same_keys_or_empty(c.who_acts_labels, detail::who_acts_table) &&
         detail::same_keys_or_empty(c.retry_advice_labels, detail::retry_advice_table) &&
         detail::same_keys_or_empty(c.next_steps, detail::next_step_table) &&
         detail::same_keys_or_empty(c.compare_aspects, detail::compare_aspect_table) &&
         (c.reply_nexts.size == 0 ||
          detail::same_keys(c.reply_nexts, detail::reply_next_table,
                            [](const reply_next_text& t, const detail::reply_next& e) {
                              return t.code == e.code;
                            })) &&
         detail::same_keys_or_empty(c.compare_phrases, detail::compare_phrase_table) &&
         (c.hand_relations.size == 0 ||
          detail::same_keys(c.hand_relations, detail::hand_relation_table,
                            [](const hand_relation_text& t, const detail::hand_relation& e) {
                              return t.low == e.low && t.high == e.high;
                            })) &&
         (c.error_texts.size == 0 ||
          detail::same_keys(
              c.error_texts, detail::error_text_table,
              [](const error_text& t, const error_text& e) { return t.key == e.key; }));
}

/**
 * True when `c` leaves no table empty: with `matches_english`, every entry of every English
 * table has its text in the language. Each language header we ship asserts both; a catalog of
 * your own may leave tables empty (`{}`: English for them) and still match.
 */
[[nodiscard]] constexpr bool is_complete(const catalog& c) noexcept {
  return c.reply_codes.size != 0 && c.reply_code_usages.size != 0 && c.enhanced_classes.size != 0 &&
         c.enhanced_subjects.size != 0 && c.enhanced_details.size != 0 &&
         c.reply_classes.size != 0 && c.reply_categories.size != 0 && c.bounce_reasons.size != 0 &&
         c.reply_unregistered_names.size != 0 && c.provider_codes.size != 0 &&
         c.reply_unregistered_texts.size != 0 && c.enhanced_notes.size != 0 &&
         c.common_replies.size != 0 && c.who_acts_labels.size != 0 &&
         c.retry_advice_labels.size != 0 && c.next_steps.size != 0 && c.compare_aspects.size != 0 &&
         c.reply_nexts.size != 0 && c.compare_phrases.size != 0 && c.hand_relations.size != 0 &&
         c.error_texts.size != 0;
}

namespace detail {
// English as a catalog: views of the built-in tables' texts, no string copied.
template <class Text, class Info, std::size_t N, class Pick>
constexpr std::array<Text, N> texts_of(const Info (&table)[N], Pick pick) noexcept {
  std::array<Text, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = pick(table[i]);
  return out;
}
inline constexpr auto en_reply_codes =
    texts_of<reply_code_text>(reply_code_table, [](const reply_code_info& e) {
      return reply_code_text{e.code, e.name, e.commands, e.description, e.when, e.fix};
    });
inline constexpr auto en_reply_code_usages =
    texts_of<reply_code_usage_text>(reply_code_usage_table, [](const reply_code_usage& e) {
      return reply_code_usage_text{e.code, e.context, e.meaning};
    });
inline constexpr auto en_enhanced_classes =
    texts_of<enhanced_class_text>(enhanced_class_table, [](const enhanced_class_info& e) {
      return enhanced_class_text{e.klass, e.label, e.description, e.fix};
    });
inline constexpr auto en_enhanced_subjects =
    texts_of<enhanced_subject_text>(enhanced_subject_table, [](const enhanced_subject_info& e) {
      return enhanced_subject_text{e.subject, e.label, e.description};
    });
inline constexpr auto en_enhanced_details =
    texts_of<enhanced_detail_text>(enhanced_detail_table, [](const enhanced_detail_info& e) {
      return enhanced_detail_text{e.subject, e.detail, e.label, e.description, e.when, e.fix};
    });
inline constexpr auto en_reply_classes =
    texts_of<reply_class_text>(reply_class_table, [](const reply_class_entry& e) {
      return reply_class_text{e.klass, e.name, e.meaning, e.action};
    });
inline constexpr auto en_reply_categories =
    texts_of<reply_category_text>(reply_category_table, [](const reply_category_entry& e) {
      return reply_category_text{e.category, e.name, e.meaning};
    });
inline constexpr auto en_bounce_reasons =
    texts_of<bounce_reason_text>(bounce_reason_table, [](const bounce_reason_info& e) {
      return bounce_reason_text{e.reason, e.description, e.when, e.fix};
    });
inline constexpr auto en_reply_unregistered_names = texts_of<reply_unregistered_name_text>(
    reply_unregistered_name_table, [](const reply_unregistered_name_entry& e) {
      return reply_unregistered_name_text{e.klass, e.category, e.name};
    });
inline constexpr auto en_provider_codes =
    texts_of<provider_code_text>(provider_code_table, [](const provider_code_info& e) {
      return provider_code_text{e.who, e.code, e.meaning, e.fix};
    });
inline constexpr auto en_common_replies =
    texts_of<common_reply_text>(common_reply_table, [](const common_reply& e) {
      return common_reply_text{e.code, e.status, e.title, e.check_first, e.retry_when};
    });
inline constexpr auto en_reply_nexts =
    texts_of<reply_next_text>(reply_next_table, [](const reply_next& e) {
      return reply_next_text{e.code, e.text};
    });
inline constexpr auto en_hand_relations =
    texts_of<hand_relation_text>(hand_relation_table, [](const hand_relation& e) {
      return hand_relation_text{e.low, e.high, e.text};
    });
}  // namespace detail

namespace lang {
/// English, the built-in texts, as a catalog: for code that passes a language everywhere.
inline constexpr catalog en = {"en",
                               "English",
                               detail::en_reply_codes,
                               detail::en_reply_code_usages,
                               detail::en_enhanced_classes,
                               detail::en_enhanced_subjects,
                               detail::en_enhanced_details,
                               detail::en_reply_classes,
                               detail::en_reply_categories,
                               detail::en_bounce_reasons,
                               detail::en_reply_unregistered_names,
                               detail::en_provider_codes,
                               detail::reply_unregistered_text_table,
                               detail::enhanced_note_table,
                               detail::en_common_replies,
                               detail::who_acts_table,
                               detail::retry_advice_table,
                               detail::next_step_table,
                               detail::compare_aspect_table,
                               detail::en_reply_nexts,
                               detail::compare_phrase_table,
                               detail::en_hand_relations,
                               detail::error_text_table};
static_assert(matches_english(en), "lang::en is the English tables");
}  // namespace lang

/**
 * `info` with the texts a person reads (name, commands, description, when, fix) in `language`;
 * its code, RFCs and status unchanged. An entry that is not a registered code's (an
 * unregistered code `explain` built from its digits) comes back as it is, in English.
 */
[[nodiscard]] constexpr reply_code_info localize(const reply_code_info& info,
                                                 const catalog& language) noexcept {
  const reply_code_info* registered = lookup(reply_code(info.code));
  if (registered == nullptr || info.status == code_status::unregistered) return info;
  // Same order as the English table (matches_english), so the same index.
  const reply_code_text* t =
      language.reply_codes.at(static_cast<std::size_t>(registered - detail::reply_code_table));
  if (t == nullptr) return info;
  return reply_code_info{info.code, t->name, t->commands, t->description,
                         t->when,   t->fix,  info.rfcs,   info.status};
}

/// The class's texts in `language` (the English ones where it has none).
[[nodiscard]] constexpr reply_class_text class_texts(reply_class k,
                                                     const catalog& language) noexcept {
  const std::size_t i = detail::class_index(k);
  if (const reply_class_text* t = language.reply_classes.at(i)) return *t;
  return lang::en.reply_classes.entries[i];
}

/// "Permanent Negative Completion" in `language` (`to_string(reply_class)` in English).
[[nodiscard]] constexpr std::string_view class_name(reply_class k,
                                                    const catalog& language) noexcept {
  return class_texts(k, language).name;
}

/// `class_meaning(k)` in `language`.
[[nodiscard]] constexpr std::string_view class_meaning(reply_class k,
                                                       const catalog& language) noexcept {
  return class_texts(k, language).meaning;
}

/// `class_action(k)` in `language`.
[[nodiscard]] constexpr std::string_view class_action(reply_class k,
                                                      const catalog& language) noexcept {
  return class_texts(k, language).action;
}

/// The category's texts in `language` (the English ones where it has none).
[[nodiscard]] constexpr reply_category_text category_texts(reply_category c,
                                                           const catalog& language) noexcept {
  const std::size_t i = detail::category_index(c);
  if (const reply_category_text* t = language.reply_categories.at(i)) return *t;
  return lang::en.reply_categories.entries[i];
}

/// "mail system" in `language` (`to_string(reply_category)` in English).
[[nodiscard]] constexpr std::string_view category_name(reply_category c,
                                                       const catalog& language) noexcept {
  return category_texts(c, language).name;
}

/// `category_meaning(c)` in `language`.
[[nodiscard]] constexpr std::string_view category_meaning(reply_category c,
                                                          const catalog& language) noexcept {
  return category_texts(c, language).meaning;
}

/**
 * `explain(code)` in `language`: registered codes translated (see `localize`); for an
 * unregistered code, its generic name, its commands ("any"), the description, when and fix
 * built from its class and category, and its RFC note, all in `language`; its code and status
 * unchanged.
 */
[[nodiscard]] constexpr std::optional<reply_code_info> explain(reply_code code,
                                                               const catalog& language) noexcept {
  std::optional<reply_code_info> info = explain(code);
  if (!info) return std::nullopt;
  if (info->status != code_status::unregistered) return localize(*info, language);
  const std::size_t n = detail::unregistered_name_index(code);
  if (const reply_unregistered_name_text* t = language.reply_unregistered_names.at(n))
    info->name = t->name;
  info->description = class_meaning(code.klass(), language);
  info->when = category_meaning(code.category(), language);
  info->fix = class_action(code.klass(), language);
  info->commands =
      detail::text_in(language.reply_unregistered_texts, detail::reply_unregistered_text_table,
                      unregistered_text::commands);
  info->rfcs = detail::text_in(language.reply_unregistered_texts,
                               detail::reply_unregistered_text_table, unregistered_text::rfc_note);
  return info;
}

/// The reason's row with its description, when and fix in `language`; its name (an
/// identifier), hard flag, retry advice and actor unchanged.
[[nodiscard]] constexpr bounce_reason_info localize(const bounce_reason_info& info,
                                                    const catalog& language) noexcept {
  const bounce_reason_info& row = reason_info(info.reason);
  const bounce_reason_text* t =
      language.bounce_reasons.at(static_cast<std::size_t>(&row - bounce_reason_table));
  if (t == nullptr || row.reason != info.reason) return info;
  return {info.reason, info.name, t->description, t->when,
          t->fix,      info.hard, info.retry,     info.actor};
}

/// `reason_info(r)` with its texts in `language`.
[[nodiscard]] constexpr bounce_reason_info reason_info(bounce_reason r,
                                                       const catalog& language) noexcept {
  return localize(reason_info(r), language);
}

/// A registered code's name in `language`, or an empty view.
[[nodiscard]] constexpr std::string_view name(reply_code code, const catalog& language) noexcept {
  const reply_code_info* info = lookup(code);
  return info != nullptr ? localize(*info, language).name : std::string_view();
}

/// A usage (`usages(code)`) with its meaning in `language`; its context and RFC unchanged.
[[nodiscard]] constexpr reply_code_usage localize(const reply_code_usage& usage,
                                                  const catalog& language) noexcept {
  for (std::size_t i = 0; i < std::size(detail::reply_code_usage_table); ++i) {
    const reply_code_usage& e = detail::reply_code_usage_table[i];
    const reply_code_usage_text* t = language.reply_code_usages.at(i);
    if (e.code == usage.code && e.context == usage.context && t != nullptr)
      return {usage.code, usage.context, t->meaning, usage.rfc};
  }
  return usage;
}

/// An enhanced-status class entry with its label, description and fix in `language`.
[[nodiscard]] constexpr enhanced_class_info localize(const enhanced_class_info& info,
                                                     const catalog& language) noexcept {
  const enhanced_class_info* registered = lookup_enhanced_class(info.klass);
  if (registered == nullptr) return info;
  const enhanced_class_text* t = language.enhanced_classes.at(
      static_cast<std::size_t>(registered - detail::enhanced_class_table));
  if (t == nullptr) return info;
  return {info.klass, t->label, t->description, t->fix, info.rfc};
}

/// An enhanced-status subject entry with its label and description in `language`.
[[nodiscard]] constexpr enhanced_subject_info localize(const enhanced_subject_info& info,
                                                       const catalog& language) noexcept {
  const enhanced_subject_info* registered = lookup_enhanced_subject(info.subject);
  if (registered == nullptr) return info;
  const enhanced_subject_text* t = language.enhanced_subjects.at(
      static_cast<std::size_t>(registered - detail::enhanced_subject_table));
  if (t == nullptr) return info;
  return {info.subject, t->label, t->description, info.rfc};
}

/// A registered detail code with its label, description, when and fix in `language`; its
/// basic codes, RFC and status unchanged.
[[nodiscard]] constexpr enhanced_detail_info localize(const enhanced_detail_info& info,
                                                      const catalog& language) noexcept {
  const enhanced_detail_info* registered = lookup(enhanced_status{5, info.subject, info.detail});
  if (registered == nullptr) return info;
  const enhanced_detail_text* t = language.enhanced_details.at(
      static_cast<std::size_t>(registered - detail::enhanced_detail_table));
  if (t == nullptr) return info;
  return {info.subject, info.detail, t->label, info.basic_codes, t->description,
          t->when,      t->fix,      info.rfc, info.status};
}

/**
 * An enhanced code explained in one language (`explain(code, language)`): copies of its class,
 * subject and detail entries with their texts in the language, and the language's notes for an
 * unregistered subject or detail or a detail that contradicts its class. The accessors are
 * those of `enhanced_status_explanation`; `explanation()` is one, pointing into this object
 * (valid while it lives; a copy gives its own).
 */
struct localized_enhanced_explanation {
  enhanced_status code{};
  enhanced_class_info klass{};
  enhanced_subject_info subject{};
  enhanced_detail_info detail{};
  bool has_subject = false;                   ///< The subject is registered.
  bool has_detail = false;                    ///< The subject and detail are registered.
  const enhanced_note_text* notes = nullptr;  ///< null: English

  [[nodiscard]] constexpr enhanced_status_explanation explanation() const noexcept {
    return {code, &klass, has_subject ? &subject : nullptr, has_detail ? &detail : nullptr, notes};
  }
  [[nodiscard]] constexpr bool is_registered() const noexcept { return has_detail; }
  [[nodiscard]] constexpr bool contradicts_class() const noexcept {
    return explanation().contradicts_class();
  }
  [[nodiscard]] constexpr std::string_view label() const noexcept { return explanation().label(); }
  [[nodiscard]] constexpr std::string_view description() const noexcept {
    return explanation().description();
  }
  [[nodiscard]] constexpr std::string_view when() const noexcept { return explanation().when(); }
  [[nodiscard]] constexpr std::string_view fix() const noexcept { return explanation().fix(); }
  [[nodiscard]] constexpr std::string_view rfc() const noexcept { return explanation().rfc(); }
  [[nodiscard]] constexpr std::string_view basic_codes() const noexcept {
    return explanation().basic_codes();
  }
  /// The language's text of note `n`.
  [[nodiscard]] constexpr std::string_view note(enhanced_note n) const noexcept {
    return explanation().note(n);
  }
};

/// The notes of `language`, every one, for `enhanced_status_explanation::notes`: null (English)
/// when the language has none or not all of them.
[[nodiscard]] constexpr const enhanced_note_text* enhanced_notes_of(
    const catalog& language) noexcept {
  return language.enhanced_notes.size == std::size(detail::enhanced_note_table)
             ? language.enhanced_notes.entries
             : nullptr;
}

/**
 * `explain(code)` in `language`: the class, subject and detail texts (label, description,
 * when, fix) and the explanation's own notes ("Unregistered Subject", an unregistered detail,
 * an unusual pairing) in `language`; the code, RFCs, basic codes and status unchanged.
 * Nothing for a malformed code.
 */
[[nodiscard]] constexpr std::optional<localized_enhanced_explanation> explain(
    const enhanced_status& code, const catalog& language) noexcept {
  const std::optional<enhanced_status_explanation> e = explain(code);
  if (!e) return std::nullopt;
  localized_enhanced_explanation out;
  out.code = e->code;
  out.klass = localize(*e->klass, language);
  if (e->subject != nullptr) {
    out.subject = localize(*e->subject, language);
    out.has_subject = true;
  }
  if (e->detail != nullptr) {
    out.detail = localize(*e->detail, language);
    out.has_detail = true;
  }
  out.notes = enhanced_notes_of(language);
  return out;
}

/**
 * A common reply (`common_replies()`, `find_common_reply`) with its title, what to check first
 * and when to retry in `language`; its codes, who acts, retry advice and RFC unchanged. A reply
 * that is not one of the table's comes back as it is.
 */
[[nodiscard]] constexpr common_reply localize(const common_reply& reply,
                                              const catalog& language) noexcept {
  for (std::size_t i = 0; i < std::size(detail::common_reply_table); ++i) {
    const common_reply& e = detail::common_reply_table[i];
    if (e.code != reply.code || e.status != reply.status) continue;
    const common_reply_text* t = language.common_replies.at(i);
    if (t == nullptr) return reply;
    common_reply out = reply;
    out.title = t->title;
    out.check_first = t->check_first;
    out.retry_when = t->retry_when;
    return out;
  }
  return reply;
}

/// "the sender" in `language` (`to_string(who_acts)` in English).
[[nodiscard]] constexpr std::string_view to_string(who_acts w, const catalog& language) noexcept {
  return detail::text_in(language.who_acts_labels, detail::who_acts_table, w);
}

/// "after fix" in `language` (`to_string(retry_advice)` in English).
[[nodiscard]] constexpr std::string_view to_string(retry_advice r,
                                                   const catalog& language) noexcept {
  return detail::text_in(language.retry_advice_labels, detail::retry_advice_table, r);
}

/**
 * A provider table entry (`find_provider_code`, `lookup_provider_code`, `provider_codes()`) with
 * its meaning and fix in `language`; its provider, code, phrase, reason and URL unchanged. An
 * entry that is not one of the table's comes back as it is.
 */
[[nodiscard]] constexpr provider_code_info localize(const provider_code_info& info,
                                                    const catalog& language) noexcept {
  const provider_code_info* first = detail::provider_code_table;
  const provider_code_info* last = first + std::size(detail::provider_code_table);
  // The entries the library hands out point into the table; a copy is found by its keys.
  const provider_code_info* row = nullptr;
  for (const provider_code_info* e = first; e != last && row == nullptr; ++e) {
    if (e == &info) row = e;
  }
  for (const provider_code_info* e = first; e != last && row == nullptr; ++e) {
    if (e->who == info.who && e->code == info.code && e->phrase == info.phrase) row = e;
  }
  if (row == nullptr) return info;
  const provider_code_text* t = language.provider_codes.at(static_cast<std::size_t>(row - first));
  if (t == nullptr) return info;
  provider_code_info out = info;
  out.meaning = t->meaning;
  out.fix = t->fix;
  return out;
}

/// What `e` means, in `language` (`describe(errc)` in English; "unknown error" in English for
/// a value not in the enum).
[[nodiscard]] constexpr std::string_view describe(errc e, const catalog& language) noexcept {
  const std::size_t i = static_cast<std::size_t>(e) - 1;  // errc(0) wraps: not in the table
  if (const error_text* t = language.error_texts.at(i)) return t->text;
  return describe(e);
}

/// A next step's label in `language` (`to_string(next_step)` in English).
[[nodiscard]] constexpr std::string_view to_string(next_step s, const catalog& language) noexcept {
  return detail::text_in(language.next_steps, detail::next_step_table, s);
}

namespace detail {
/// compare's texts in a language (the members of english_words, compare.hpp).
struct catalog_words {
  const catalog* language;

  [[nodiscard]] constexpr std::string_view phrase(compare_phrase p) const noexcept {
    return text_in(language->compare_phrases, compare_phrase_table, p);
  }
  [[nodiscard]] constexpr std::string_view aspect(compare_aspect a) const noexcept {
    return text_in(language->compare_aspects, compare_aspect_table, a);
  }
  [[nodiscard]] constexpr std::string_view step(next_step s) const noexcept {
    return to_string(s, *language);
  }
  [[nodiscard]] constexpr std::string_view who(who_acts w) const noexcept {
    return to_string(w, *language);
  }
  [[nodiscard]] constexpr std::string_view next_text(const next_ref& n) const noexcept {
    if (n.row == next_ref::npos) return phrase(n.phrase);
    if (const reply_next_text* t = language->reply_nexts.at(n.row)) return t->text;
    return reply_next_table[n.row].text;
  }
  [[nodiscard]] constexpr std::string_view hand(std::size_t row) const noexcept {
    if (const hand_relation_text* t = language->hand_relations.at(row)) return t->text;
    return hand_relation_table[row].text;
  }
  [[nodiscard]] constexpr std::string_view category(reply_category c) const noexcept {
    return category_name(c, *language);
  }
  [[nodiscard]] constexpr std::string_view reply_class(reply_code code) const noexcept {
    return class_name(code.klass(), *language);
  }
  [[nodiscard]] constexpr std::string_view enhanced_class(
      const enhanced_status_explanation& e) const noexcept {
    return e.klass != nullptr ? localize(*e.klass, *language).label : std::string_view();
  }
  [[nodiscard]] constexpr std::string_view subject(
      const enhanced_status_explanation& e) const noexcept {
    return e.subject != nullptr ? localize(*e.subject, *language).label : std::string_view();
  }
  [[nodiscard]] constexpr std::optional<reply_code_info> reply(reply_code code) const noexcept {
    return explain(code, *language);
  }
  constexpr void enhanced(compared_code& c) const noexcept {
    c.enhanced.notes = enhanced_notes_of(*language);
    const std::optional<localized_enhanced_explanation> l = explain(c.code.enhanced, *language);
    c.name = l->label();
    c.description = l->description();
    c.when = l->when();
    c.fix = l->fix();
  }
};
}  // namespace detail

/**
 * `compare(a, b)` with its texts in `language`: each code's name, commands, description, when
 * and fix (`explain(code, language)`), its next step's label and clause, the aspects' labels
 * and values (class, category, subject, who acts, status), and the relation sentence (a
 * hand-written one, or one built from the language's phrases). Codes, RFCs, the steps and the
 * flags are the same as in English; `reply` is the reply code's explanation in `language`, and
 * `enhanced` keeps pointing at the English table entries (with the language's notes). A table
 * the language lacks gives its English texts.
 */
[[nodiscard]] constexpr std::optional<code_comparison> compare(const code_ref& a, const code_ref& b,
                                                               const catalog& language) noexcept {
  return detail::compare_in(detail::catalog_words{&language}, a, b);
}

/// `compare(a, b, language)` for two reply codes.
[[nodiscard]] constexpr std::optional<code_comparison> compare(reply_code a, reply_code b,
                                                               const catalog& language) noexcept {
  return compare(code_ref(a), code_ref(b), language);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_CATALOG_HPP
