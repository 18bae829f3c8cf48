/**
 * @file reply_code_info.hpp
 * @brief What every registered SMTP reply code means: a constexpr table of the 45 codes the RFCs
 *        and the IANA registry define (name, commands, description, when it is seen, what to do,
 *        defining RFCs, status), the meanings a code takes after particular commands, and
 *        explanations built from the digits for unregistered codes (RFC 5321 §4.2.1).
 *
 * The `reply_code` type itself is in reply_code.hpp, which the parsers include; this header is
 * separate so that they do not pay for compiling the texts. Includes reply_code.hpp and
 * detail/table.hpp (`table_range`, `code_status`). Everything here is constexpr, never allocates
 * and never throws.
 */
#ifndef SMTPCODES_REPLY_CODE_INFO_HPP
#define SMTPCODES_REPLY_CODE_INFO_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>  // std::size too (C++17 [iterator.range]): no <iterator>

#include "config.hpp"
#include "detail/table.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/**
 * Everything we know about one reply code. The strings are static; they live forever.
 * `name` is a short title, `commands` says which commands or phase produce it (the steps of
 * reply_table.hpp, by name, joined by ", ": "connection greeting", "end of DATA", a verb, "any
 * command", or a final "any command but X, Y"; a list ending in "(in principle)" for the
 * registry-only codes no RFC places in a sequence — tests/reply_table_test.cpp proves it
 * agrees with reply_table.hpp), `description`
 * what it means, `when` the situations that produce it in practice, `fix` what the reader of the
 * log should do, `rfcs` where it is defined (most important first).
 */
struct reply_code_info {
  std::uint16_t code;
  std::string_view name;
  std::string_view commands;
  std::string_view description;
  std::string_view when;
  std::string_view fix;
  std::string_view rfcs;
  code_status status;

  [[nodiscard]] constexpr reply_code as_code() const noexcept { return reply_code(code); }
};

/**
 * A meaning a code takes in the context of one command or extension, when that differs from
 * or sharpens the general meaning (220 after STARTTLS, 454 after AUTH, 251 after ETRN...).
 */
struct reply_code_usage {
  std::uint16_t code;
  std::string_view context;  ///< The command or extension, e.g. "STARTTLS".
  std::string_view meaning;  ///< What the code means there.
  std::string_view rfc;      ///< Where that meaning is defined.
};

namespace detail {

// Every literal in the tables carries `sv`: a string_view built from a literal and its length.
// From a plain literal, string_view constant-evaluates strlen octet by octet (libstdc++ does
// so under std::is_constant_evaluated), which was most of the cost of compiling the tables
// (bench/compile_time.sh; g++ -ftime-report "constant expression evaluation").
using std::string_view_literals::operator""sv;

// clang-format off
/// The registered reply codes, sorted by code. Facts from the RFCs named in `rfcs`;
/// the texts are ours.
inline constexpr reply_code_info reply_code_table[] = {
#include "detail/reply_code_table.inc"
};
/// Context-specific meanings, sorted by code (several per code allowed).
inline constexpr reply_code_usage reply_code_usage_table[] = {
#include "detail/reply_code_usage_table.inc"
};
// clang-format on

[[nodiscard]] constexpr std::uint16_t code_of(const reply_code_info& info) noexcept {
  return info.code;
}
[[nodiscard]] constexpr std::uint16_t usage_code_of(const reply_code_usage& usage) noexcept {
  return usage.code;
}

static_assert(is_strictly_sorted(reply_code_table, code_of),
              "reply_code_table must be sorted by code with no duplicates");
static_assert(is_sorted(reply_code_usage_table, usage_code_of),
              "reply_code_usage_table must be sorted by code");

[[nodiscard]] constexpr bool all_well_formed() noexcept {
  for (const auto& info : reply_code_table) {
    if (!reply_code(info.code).is_well_formed()) return false;
    if (info.name.empty() || info.description.empty() || info.when.empty() || info.fix.empty() ||
        info.rfcs.empty() || info.commands.empty())
      return false;
    if (info.status == code_status::unregistered) return false;
  }
  for (const auto& usage : reply_code_usage_table) {
    if (!reply_code(usage.code).is_well_formed()) return false;
    if (usage.context.empty() || usage.meaning.empty() || usage.rfc.empty()) return false;
  }
  return true;
}
static_assert(all_well_formed(), "every table entry must be well-formed and complete");

/// A reply class's texts (RFC 5321 §4.2.1): `klass` is the first digit.
struct reply_class_entry {
  std::uint8_t klass;
  std::string_view name;
  std::string_view meaning;
  std::string_view action;
};

/// A reply category's texts (RFC 5321 §4.2.1): `category` is the second digit (3 stands for
/// x3z and x4z, both unspecified).
struct reply_category_entry {
  std::uint8_t category;
  std::string_view name;
  std::string_view meaning;
};

// clang-format off
/// The four classes, by first digit. The texts are ours.
inline constexpr reply_class_entry reply_class_table[] = {
#include "detail/reply_class_table.inc"
};
/// The five categories, by second digit (x4z is x3z's entry). The texts are ours.
inline constexpr reply_category_entry reply_category_table[] = {
#include "detail/reply_category_table.inc"
};
// clang-format on

static_assert(std::size(reply_class_table) == 4 && reply_class_table[0].klass == 2 &&
                  reply_class_table[1].klass == 3 && reply_class_table[2].klass == 4 &&
                  reply_class_table[3].klass == 5,
              "reply_class_table: classes 2, 3, 4, 5 in order");
static_assert(std::size(reply_category_table) == 5 && reply_category_table[0].category == 0 &&
                  reply_category_table[1].category == 1 && reply_category_table[2].category == 2 &&
                  reply_category_table[3].category == 3 && reply_category_table[4].category == 5,
              "reply_category_table: categories 0, 1, 2, 3, 5 in order");

/// Index of a class in reply_class_table (a value outside the enum counts as 5yz).
[[nodiscard]] constexpr std::size_t class_index(reply_class k) noexcept {
  const auto digit = static_cast<unsigned>(k);
  return digit >= 2U && digit <= 5U ? digit - 2U : 3U;
}

/// Index of a category in reply_category_table (a value outside the enum counts as x5z).
[[nodiscard]] constexpr std::size_t category_index(reply_category c) noexcept {
  const auto digit = static_cast<unsigned>(c);
  return digit <= 3U ? digit : 4U;
}

/// Texts for unregistered codes, built from the digits (RFC 5321 §4.2.1).
struct class_text {
  std::string_view name;
  std::string_view meaning;
  std::string_view action;
};

[[nodiscard]] constexpr class_text class_texts(reply_class k) noexcept {
  const reply_class_entry& e = reply_class_table[class_index(k)];
  return {e.name, e.meaning, e.action};
}

[[nodiscard]] constexpr std::string_view category_name(reply_category c) noexcept {
  return reply_category_table[category_index(c)].name;
}

[[nodiscard]] constexpr std::string_view category_meaning(reply_category c) noexcept {
  return reply_category_table[category_index(c)].meaning;
}

/// A generic name for unregistered codes of one class and category.
struct reply_unregistered_name_entry {
  std::uint8_t klass;
  std::uint8_t category;
  std::string_view name;
};

// clang-format off
/// One per class (2..5) and category (0, 1, 2, 3, 5), class by class. The texts are ours.
inline constexpr reply_unregistered_name_entry reply_unregistered_name_table[] = {
#include "detail/reply_unregistered_name_table.inc"
};
// clang-format on

[[nodiscard]] constexpr bool unregistered_names_in_order() noexcept {
  if (std::size(reply_unregistered_name_table) != 20) return false;
  for (std::size_t i = 0; i < 20; ++i) {
    const reply_unregistered_name_entry& e = reply_unregistered_name_table[i];
    if (e.klass != reply_class_table[i / 5].klass ||
        e.category != reply_category_table[i % 5].category || e.name.empty())
      return false;
  }
  return true;
}
static_assert(unregistered_names_in_order(),
              "reply_unregistered_name_table: classes 2..5, each with categories 0, 1, 2, 3, 5");

/// Index of a well-formed code's entry in reply_unregistered_name_table.
[[nodiscard]] constexpr std::size_t unregistered_name_index(reply_code code) noexcept {
  return class_index(code.klass()) * 5U + category_index(code.category());
}

/// Generic names for unregistered codes, one per class and category.
[[nodiscard]] constexpr std::string_view unregistered_name(reply_code code) noexcept {
  return reply_unregistered_name_table[unregistered_name_index(code)].name;
}

}  // namespace detail

/// The two fixed texts of an unregistered code's explanation (`explain(259)`), as keys of
/// `reply_unregistered_text_table` (and of a catalog's `reply_unregistered_texts`).
enum class unregistered_text : std::uint8_t {
  commands,  ///< "any": no RFC ties the code to a command.
  rfc_note,  ///< "RFC 5321 §4.2.1 (meaning of the digits)": where its meaning comes from.
};

/// An unregistered code's fixed text in one language.
using reply_unregistered_text = keyed_text<unregistered_text>;

namespace detail {
// clang-format off
/// In the order of `unregistered_text`. The texts are ours; RFC 5321 §4.2.1 gives the digits'
/// meaning.
inline constexpr reply_unregistered_text reply_unregistered_text_table[] = {
#include "detail/reply_unregistered_text_table.inc"
};
// clang-format on
static_assert(keyed_in_order(reply_unregistered_text_table),
              "reply_unregistered_text_table: one row per unregistered_text, in order");

[[nodiscard]] constexpr std::string_view unregistered_text_of(unregistered_text t) noexcept {
  return reply_unregistered_text_table[static_cast<std::size_t>(t)].text;
}
}  // namespace detail

/// All registered codes, sorted.
[[nodiscard]] constexpr table_range<reply_code_info> registered_reply_codes() noexcept {
  return {std::begin(detail::reply_code_table), std::end(detail::reply_code_table)};
}

/// The table entry for a registered code, or nullptr. The pointer is to static storage.
[[nodiscard]] constexpr const reply_code_info* lookup(reply_code code) noexcept {
  const std::size_t i =
      detail::lower_bound(detail::reply_code_table, detail::code_of, code.value());
  if (i < std::size(detail::reply_code_table) && detail::reply_code_table[i].code == code.value())
    return &detail::reply_code_table[i];
  return nullptr;
}

/// True when an RFC defines the code.
[[nodiscard]] constexpr bool is_registered(reply_code code) noexcept {
  return lookup(code) != nullptr;
}

/**
 * Explains any well-formed code: the table entry for a registered one; for an unregistered one
 * (e.g. 259) an entry built from what its class and category say, with status `unregistered`.
 * Malformed codes (199, 600, 270...) give nothing.
 */
[[nodiscard]] constexpr std::optional<reply_code_info> explain(reply_code code) noexcept {
  if (!code.is_well_formed()) return std::nullopt;
  if (const reply_code_info* info = lookup(code)) return *info;
  const detail::class_text k = detail::class_texts(code.klass());
  return reply_code_info{code.value(),
                         detail::unregistered_name(code),
                         detail::unregistered_text_of(unregistered_text::commands),
                         k.meaning,
                         detail::category_meaning(code.category()),
                         k.action,
                         detail::unregistered_text_of(unregistered_text::rfc_note),
                         code_status::unregistered};
}

/// The registered name ("Start Mail Input"), or an empty view for unregistered codes.
[[nodiscard]] constexpr std::string_view name(reply_code code) noexcept {
  const reply_code_info* info = lookup(code);
  return info != nullptr ? info->name : std::string_view();
}

/// The registered description, or an empty view for unregistered codes.
[[nodiscard]] constexpr std::string_view describe(reply_code code) noexcept {
  const reply_code_info* info = lookup(code);
  return info != nullptr ? info->description : std::string_view();
}

/// Context-specific meanings of a code (may be empty).
[[nodiscard]] constexpr table_range<reply_code_usage> usages(reply_code code) noexcept {
  const auto& table = detail::reply_code_usage_table;
  std::size_t i = detail::lower_bound(table, detail::usage_code_of, code.value());
  std::size_t j = i;
  while (j < std::size(table) && table[j].code == code.value()) ++j;
  return {table + i, table + j};
}

/// "Positive Completion", "Transient Negative Completion"... (RFC 5321 §4.2.1 wording).
[[nodiscard]] constexpr std::string_view to_string(reply_class k) noexcept {
  return detail::class_texts(k).name;
}

/// "syntax", "information", "connections", "unspecified", "mail system".
[[nodiscard]] constexpr std::string_view to_string(reply_category c) noexcept {
  return detail::category_name(c);
}

/// What the class of a code asks the client to do next (one sentence).
[[nodiscard]] constexpr std::string_view class_meaning(reply_class k) noexcept {
  return detail::class_texts(k).meaning;
}

/// What to do about a reply of this class, in general.
[[nodiscard]] constexpr std::string_view class_action(reply_class k) noexcept {
  return detail::class_texts(k).action;
}

/// What the second digit says (one sentence).
[[nodiscard]] constexpr std::string_view category_meaning(reply_category c) noexcept {
  return detail::category_meaning(c);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_CODE_INFO_HPP
