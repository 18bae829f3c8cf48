/**
 * @file enhanced_status_info.hpp
 * @brief What every enhanced status code means: constexpr tables of the IANA "SMTP Enhanced
 *        Status Codes" registry (RFC 3463, RFC 5248) — its classes, subjects and every
 *        registered detail, with the registry's labels and associated basic codes and our
 *        descriptions — and `explain` for any well-formed code, registered or not.
 *
 * The `enhanced_status` type and its parser are in enhanced_status.hpp, which the parsers
 * include; this header is separate so that they do not pay for compiling the texts. Includes
 * enhanced_status.hpp, reply_code.hpp and detail/table.hpp (`table_range`, `code_status`).
 * Everything here is constexpr, never allocates and never throws.
 */
#ifndef SMTPCODES_ENHANCED_STATUS_INFO_HPP
#define SMTPCODES_ENHANCED_STATUS_INFO_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>  // std::size too (C++17 [iterator.range]): no <iterator>

#include "config.hpp"
#include "detail/table.hpp"
#include "enhanced_status.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/// A class entry of the registry (2.X.X, 4.X.X, 5.X.X).
struct enhanced_class_info {
  std::uint8_t klass;
  std::string_view label;        ///< The registry's label, e.g. "Permanent Failure".
  std::string_view description;  ///< Our explanation.
  std::string_view fix;          ///< What to do about any code of this class.
  std::string_view rfc;
};

/// A subject entry of the registry (X.0.X to X.7.X).
struct enhanced_subject_info {
  std::uint16_t subject;
  std::string_view label;        ///< The registry's label, e.g. "Security or Policy Status".
  std::string_view description;  ///< Our explanation.
  std::string_view rfc;
};

/**
 * A registered detail code, X.subject.detail; the registry lists them for all classes at once.
 * `label` is the registry's sample text; `basic_codes` the registry's associated basic reply
 * codes as a comma-separated list ("550, 553"), empty where the registry gives none.
 * `description`, `when` and `fix` are ours. All strings are static.
 */
struct enhanced_detail_info {
  std::uint16_t subject;
  std::uint16_t detail;
  std::string_view label;
  std::string_view basic_codes;
  std::string_view description;
  std::string_view when;
  std::string_view fix;
  std::string_view rfc;
  code_status status;  ///< `obsolete` for entries the registry deprecated (X.6.10).
};

namespace detail {

// Every literal in the tables carries `sv`: a string_view built from a literal and its length.
// From a plain literal, string_view constant-evaluates strlen octet by octet (libstdc++ does
// so under std::is_constant_evaluated), which was most of the cost of compiling the tables
// (bench/compile_time.sh; g++ -ftime-report "constant expression evaluation").
using std::string_view_literals::operator""sv;

// clang-format off
inline constexpr enhanced_class_info enhanced_class_table[] = {
#include "detail/enhanced_class_table.inc"
};
inline constexpr enhanced_subject_info enhanced_subject_table[] = {
#include "detail/enhanced_subject_table.inc"
};
/// Sorted by (subject, detail). Labels, basic codes and references from the IANA registry.
inline constexpr enhanced_detail_info enhanced_detail_table[] = {
#include "detail/enhanced_detail_table.inc"
};
// clang-format on

[[nodiscard]] constexpr unsigned class_key(const enhanced_class_info& e) noexcept {
  return e.klass;
}
[[nodiscard]] constexpr unsigned subject_key(const enhanced_subject_info& e) noexcept {
  return e.subject;
}
[[nodiscard]] constexpr unsigned detail_key(const enhanced_detail_info& e) noexcept {
  return e.subject * 1000U + e.detail;
}

static_assert(is_strictly_sorted(enhanced_class_table, class_key),
              "enhanced_class_table must be sorted and unique");
static_assert(is_strictly_sorted(enhanced_subject_table, subject_key),
              "enhanced_subject_table must be sorted and unique");
static_assert(is_strictly_sorted(enhanced_detail_table, detail_key),
              "enhanced_detail_table must be sorted by subject then detail, with no duplicates");

/**
 * Calls `f(token)` for each token of a registry basic-code list ("451, 550", "5XX",
 * "450, 550, 4XX, 5XX", "Any"). A token is three digits or a digit followed by "XX" (any code of
 * that class), or the whole list is "Any". Returns false when the list is malformed.
 */
template <typename F>
constexpr bool for_each_basic_code_token(std::string_view list, F f) noexcept {
  if (list == "Any") {
    f(list);
    return true;
  }
  std::size_t i = 0;
  while (i < list.size()) {
    const std::string_view token = list.substr(i, 3);
    const bool wildcard = token.size() == 3 && token[1] == 'X' && token[2] == 'X' &&
                          token[0] >= '2' && token[0] <= '5';
    if (!wildcard && !parse_reply_code(token)) return false;
    f(token);
    i += 3;
    if (i == list.size()) break;
    if (list.substr(i, 2) != ", ") return false;
    i += 2;
    if (i == list.size()) return false;
  }
  return true;
}

/// True when one token ("550", "5XX", "Any") covers `code`.
[[nodiscard]] constexpr bool basic_code_token_covers(std::string_view token,
                                                     reply_code code) noexcept {
  if (!code.is_well_formed()) return false;
  if (token == "Any") return true;
  const char first = static_cast<char>('0' + code.value() / 100U);
  if (token[1] == 'X') return token[0] == first;
  return parse_reply_code(token) == code;
}

/**
 * True when `list` has the grammar `for_each_basic_code_token` accepts: empty, "Any", or tokens
 * joined by ", ", each a well-formed reply code or a class digit and "XX". Checked octet by
 * octet, without the substr/compare calls of the tokenizer: it is what the static_assert over
 * the detail table runs, and the tokenizer there cost as much as the rest of the proof.
 */
[[nodiscard]] constexpr bool is_basic_code_list(std::string_view list) noexcept {
  const std::size_t n = list.size();
  if (n == 3 && list[0] == 'A' && list[1] == 'n' && list[2] == 'y') return true;
  for (std::size_t i = 0; i < n; i += 5) {
    if (n - i < 3) return false;
    const char a = list[i], b = list[i + 1], c = list[i + 2];
    if (a < '2' || a > '5') return false;
    const bool wildcard = b == 'X' && c == 'X';
    const bool digits = b >= '0' && b <= '5' && c >= '0' && c <= '9';
    if (!wildcard && !digits) return false;
    if (n - i == 3) return true;
    if (n - i < 6 || list[i + 3] != ',' || list[i + 4] != ' ') return false;
  }
  return true;
}

[[nodiscard]] constexpr bool enhanced_tables_complete() noexcept {
  for (const auto& e : enhanced_class_table) {
    if (e.label.empty() || e.description.empty() || e.fix.empty() || e.rfc.empty()) return false;
  }
  for (const auto& e : enhanced_subject_table) {
    if (e.label.empty() || e.description.empty() || e.rfc.empty()) return false;
  }
  std::size_t s = 0;
  for (const auto& e : enhanced_detail_table) {
    if (e.label.empty() || e.description.empty() || e.when.empty() || e.fix.empty() ||
        e.rfc.empty())
      return false;
    if (!is_basic_code_list(e.basic_codes)) return false;
    // Every detail sits under a registered subject (both tables are sorted by subject).
    while (s < std::size(enhanced_subject_table) && enhanced_subject_table[s].subject < e.subject)
      ++s;
    if (s == std::size(enhanced_subject_table) || enhanced_subject_table[s].subject != e.subject)
      return false;
  }
  return true;
}
static_assert(enhanced_tables_complete(),
              "every enhanced-status entry needs its texts, a valid basic-code list and a subject");

/// What a detail reports on its own: the outcome the registry and practice pair it with.
enum class detail_outcome : std::uint8_t {
  either,   ///< Seen with every class; its texts may not assert an outcome.
  success,  ///< Sent with 2yz replies; its texts may speak of success.
  failure,  ///< Sent with 4yz/5yz replies; its texts may speak of failure.
};

/**
 * The outcome a detail reports by itself. Success: X.1.5 (associated with 250), X.1.9 (a
 * relay report, RFC 3886), X.3.6 (250, 251), X.6.4 (250). Either: X.0.0 ("Any"), X.3.0, X.5.0
 * and X.7.0 (the registry lists 2yz and failure codes for them), X.1.0 ("250 2.1.0" after MAIL
 * in practice) and X.6.0 ("250 2.6.0" from Exchange). Every other detail reports a failure
 * (IANA registry, associated basic codes; RFC 3463 §3).
 */
[[nodiscard]] constexpr detail_outcome natural_outcome(unsigned subject, unsigned detail) noexcept {
  const unsigned key = subject * 1000U + detail;
  switch (key) {
    case 1005:
    case 1009:
    case 3006:
    case 6004:
      return detail_outcome::success;
    case 0:
    case 1000:
    case 3000:
    case 5000:
    case 6000:
    case 7000:
      return detail_outcome::either;
    default:
      break;
  }
  return detail_outcome::failure;
}

}  // namespace detail

/// The registry's class entries (2, 4, 5).
[[nodiscard]] constexpr table_range<enhanced_class_info> enhanced_status_classes() noexcept {
  return {std::begin(detail::enhanced_class_table), std::end(detail::enhanced_class_table)};
}
/// The registry's subject entries (0 to 7).
[[nodiscard]] constexpr table_range<enhanced_subject_info> enhanced_status_subjects() noexcept {
  return {std::begin(detail::enhanced_subject_table), std::end(detail::enhanced_subject_table)};
}
/// Every registered detail code, sorted by subject then detail.
[[nodiscard]] constexpr table_range<enhanced_detail_info> registered_enhanced_statuses() noexcept {
  return {std::begin(detail::enhanced_detail_table), std::end(detail::enhanced_detail_table)};
}

/// The class entry for 2, 4 or 5; nullptr otherwise.
[[nodiscard]] constexpr const enhanced_class_info* lookup_enhanced_class(unsigned klass) noexcept {
  for (const auto& e : detail::enhanced_class_table) {
    if (e.klass == klass) return &e;
  }
  return nullptr;
}

/// The subject entry, or nullptr when the subject is not registered.
[[nodiscard]] constexpr const enhanced_subject_info* lookup_enhanced_subject(
    unsigned subject) noexcept {
  for (const auto& e : detail::enhanced_subject_table) {
    if (e.subject == subject) return &e;
  }
  return nullptr;
}

/// The registered detail entry for the code's subject and detail (any class), or nullptr.
[[nodiscard]] constexpr const enhanced_detail_info* lookup(const enhanced_status& code) noexcept {
  const unsigned wanted = code.subject * 1000U + code.detail;
  const auto& table = detail::enhanced_detail_table;
  const std::size_t i = detail::lower_bound(table, detail::detail_key, wanted);
  if (i < std::size(table) && detail::detail_key(table[i]) == wanted) return &table[i];
  return nullptr;
}

/**
 * True when the registry associates `code` with this detail: listed by number, covered by a
 * class wildcard such as "5XX", or the registry says "Any".
 */
[[nodiscard]] constexpr bool is_associated(const enhanced_detail_info& info,
                                           reply_code code) noexcept {
  bool found = false;
  detail::for_each_basic_code_token(info.basic_codes, [&](std::string_view token) {
    if (detail::basic_code_token_covers(token, code)) found = true;
  });
  return found;
}

/// The notes an explanation gives instead of a registry text (an unregistered subject or
/// detail, a detail that contradicts its class), as keys of `enhanced_note_table` (and of a
/// catalog's `enhanced_notes`).
enum class enhanced_note : std::uint8_t {
  unregistered_subject_label,     ///< "Unregistered Subject": the label of an unknown subject.
  positive_with_failure_detail,   ///< description of 2.x.y with a failure detail (2.1.1)
  temporary_with_success_detail,  ///< description of 4.x.y with a success detail (4.1.5)
  permanent_with_success_detail,  ///< description of 5.x.y with a success detail (5.1.5)
  unusual_pairing,                ///< when, for a detail that contradicts its class
  unregistered_detail,            ///< when, for a detail the registry lacks (5.1.99)
  unregistered_subject,           ///< when, for a subject the registry lacks (5.9.1)
};

/// One note in one language.
using enhanced_note_text = keyed_text<enhanced_note>;

namespace detail {
// clang-format off
/// In the order of `enhanced_note`. Our words; RFC 3463 §2 (the class decides) behind them.
inline constexpr enhanced_note_text enhanced_note_table[] = {
#include "detail/enhanced_note_table.inc"
};
// clang-format on
static_assert(keyed_in_order(enhanced_note_table),
              "enhanced_note_table: one row per enhanced_note, in order");
}  // namespace detail

/**
 * What a well-formed enhanced code means, combining its class, subject and detail entries.
 * For an unregistered detail (e.g. 5.1.99) or subject (5.9.1), `detail` or `subject` is null and
 * the accessors fall back to what the subject and class say. Pointers are to static storage.
 * `notes`, when not null, holds the texts of `enhanced_note_table` (every row, in its order) in
 * a language: `explain(code, language)` sets it; null gives the English notes.
 */
struct enhanced_status_explanation {
  enhanced_status code;
  const enhanced_class_info* klass = nullptr;
  const enhanced_subject_info* subject = nullptr;
  const enhanced_detail_info* detail = nullptr;
  const enhanced_note_text* notes = nullptr;

  /// The note `n` in the explanation's language (English when `notes` is null).
  [[nodiscard]] constexpr std::string_view note(enhanced_note n) const noexcept {
    const auto i = static_cast<std::size_t>(n);
    return notes != nullptr ? notes[i].text : detail::enhanced_note_table[i].text;
  }

  /// True when the exact subject and detail are in the registry.
  [[nodiscard]] constexpr bool is_registered() const noexcept { return detail != nullptr; }

  /**
   * True when the detail is one servers send with the other kind of class: a failure detail
   * under class 2 (2.1.1) or a success detail under class 4 or 5 (4.1.5). The class digit
   * decides the outcome (RFC 3463 §2), so `description`, `when` and `fix` then speak for the
   * class and leave the detail to its label.
   */
  [[nodiscard]] constexpr bool contradicts_class() const noexcept {
    if (detail == nullptr) return false;
    const detail::detail_outcome o = detail::natural_outcome(detail->subject, detail->detail);
    if (code.klass == 2) return o == detail::detail_outcome::failure;
    return o == detail::detail_outcome::success;
  }

  /// The registry label of the detail, else of the subject, else "Unregistered Subject".
  [[nodiscard]] constexpr std::string_view label() const noexcept {
    if (detail != nullptr) return detail->label;
    if (subject != nullptr) return subject->label;
    return note(enhanced_note::unregistered_subject_label);
  }
  /// Our description of the detail, else of the subject, else of the class; for a detail that
  /// contradicts its class, a description of the pairing that lets the class decide.
  [[nodiscard]] constexpr std::string_view description() const noexcept {
    if (contradicts_class()) {
      if (code.klass == 2) return note(enhanced_note::positive_with_failure_detail);
      return note(code.klass == 4 ? enhanced_note::temporary_with_success_detail
                                  : enhanced_note::permanent_with_success_detail);
    }
    if (detail != nullptr) return detail->description;
    if (subject != nullptr) return subject->description;
    return klass->description;
  }
  /// When the code is seen; for unregistered details, a note that only class and subject apply.
  [[nodiscard]] constexpr std::string_view when() const noexcept {
    if (contradicts_class()) return note(enhanced_note::unusual_pairing);
    if (detail != nullptr) return detail->when;
    if (subject != nullptr) return note(enhanced_note::unregistered_detail);
    return note(enhanced_note::unregistered_subject);
  }
  /// What to do: the detail's advice, else the class's. The class's advice also when the
  /// detail contradicts the class, and for class 2 when the detail is seen with every class.
  [[nodiscard]] constexpr std::string_view fix() const noexcept {
    if (detail == nullptr || contradicts_class()) return klass->fix;
    if (code.klass == 2 &&
        detail::natural_outcome(detail->subject, detail->detail) == detail::detail_outcome::either)
      return klass->fix;
    return detail->fix;
  }
  /// Where the meaning is defined.
  [[nodiscard]] constexpr std::string_view rfc() const noexcept {
    if (detail != nullptr) return detail->rfc;
    if (subject != nullptr) return subject->rfc;
    return klass->rfc;
  }
  /// The registry's associated basic codes ("550, 553"), empty when none are given.
  [[nodiscard]] constexpr std::string_view basic_codes() const noexcept {
    return detail != nullptr ? detail->basic_codes : std::string_view();
  }
};

/// Explains a well-formed code; nothing for a malformed one.
[[nodiscard]] constexpr std::optional<enhanced_status_explanation> explain(
    const enhanced_status& code) noexcept {
  if (!code.is_well_formed()) return std::nullopt;
  return enhanced_status_explanation{code, lookup_enhanced_class(code.klass),
                                     lookup_enhanced_subject(code.subject), lookup(code), nullptr};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_ENHANCED_STATUS_INFO_HPP
