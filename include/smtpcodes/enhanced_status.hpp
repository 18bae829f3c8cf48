/**
 * @file enhanced_status.hpp
 * @brief Enhanced mail system status codes (RFC 3463 `class.subject.detail`, sent in replies per
 *        RFC 2034): the value type, a strict parser, and constexpr tables of the IANA "SMTP
 *        Enhanced Status Codes" registry (classes, subjects and every registered detail).
 *
 * Includes config.hpp and reply_code.hpp (for `reply_code` and `table_range`). Everything here is
 * constexpr, never allocates and never throws.
 */
#ifndef SMTPCODES_ENHANCED_STATUS_HPP
#define SMTPCODES_ENHANCED_STATUS_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/**
 * An enhanced status code such as 5.7.1. `klass` is 2 (success), 4 (persistent transient
 * failure) or 5 (permanent failure); `subject` and `detail` are 0 to 999 (RFC 3463 §2).
 * Build one with `parse_enhanced_status` or `match_enhanced_status` to have it checked.
 */
struct enhanced_status {
  std::uint8_t klass = 0;
  std::uint16_t subject = 0;
  std::uint16_t detail = 0;

  /// True for class 2, 4 or 5 with subject and detail below 1000.
  constexpr bool is_well_formed() const noexcept {
    return (klass == 2 || klass == 4 || klass == 5) && subject <= 999 && detail <= 999;
  }
  constexpr bool is_success() const noexcept { return klass == 2; }
  constexpr bool is_transient() const noexcept { return klass == 4; }
  constexpr bool is_permanent() const noexcept { return klass == 5; }

  /// True when the class digit agrees with the first digit of a basic reply code, the rule for
  /// taking an enhanced code from a reply (RFC 3463 §2, RFC 2034 §4).
  constexpr bool matches(reply_code code) const noexcept { return code.value() / 100U == klass; }

  friend constexpr bool operator==(const enhanced_status& a, const enhanced_status& b) noexcept {
    return a.klass == b.klass && a.subject == b.subject && a.detail == b.detail;
  }
  friend constexpr bool operator!=(const enhanced_status& a, const enhanced_status& b) noexcept {
    return !(a == b);
  }
  friend constexpr bool operator<(const enhanced_status& a, const enhanced_status& b) noexcept {
    if (a.klass != b.klass) return a.klass < b.klass;
    if (a.subject != b.subject) return a.subject < b.subject;
    return a.detail < b.detail;
  }
};

/// An enhanced code found at the start of a reply's text, and how many characters it spans.
struct enhanced_status_match {
  enhanced_status code;
  std::size_t length = 0;
};

namespace detail {

/// Reads 1 to 3 digits at `pos`, with no leading zero unless the number is "0" (RFC 3463 §2:
/// subject = "0" / ("1"-"9" *2digit)). Returns the number of digits read, 0 on failure.
constexpr std::size_t parse_status_number(std::string_view text, std::size_t pos,
                                          std::uint16_t& out) noexcept {
  std::size_t n = 0;
  unsigned value = 0;
  while (pos + n < text.size() && n < 4 && text[pos + n] >= '0' && text[pos + n] <= '9') {
    value = value * 10U + static_cast<unsigned>(text[pos + n] - '0');
    ++n;
  }
  if (n == 0 || n > 3) return 0;
  if (n > 1 && text[pos] == '0') return 0;
  out = static_cast<std::uint16_t>(value);
  return n;
}

/// Parses `class.subject.detail` at the start of `text`; 0 when there is none.
constexpr std::size_t parse_status_prefix(std::string_view text, enhanced_status& out) noexcept {
  if (text.size() < 5) return 0;
  const char k = text[0];
  if (k != '2' && k != '4' && k != '5') return 0;
  if (text[1] != '.') return 0;
  std::uint16_t subject = 0;
  const std::size_t s = parse_status_number(text, 2, subject);
  if (s == 0) return 0;
  std::size_t pos = 2 + s;
  if (pos >= text.size() || text[pos] != '.') return 0;
  ++pos;
  std::uint16_t detail_number = 0;
  const std::size_t d = parse_status_number(text, pos, detail_number);
  if (d == 0) return 0;
  out = enhanced_status{static_cast<std::uint8_t>(k - '0'), subject, detail_number};
  return pos + d;
}

}  // namespace detail

/**
 * Parses text that is exactly an enhanced status code ("5.7.1", "2.0.0", "4.7.29").
 * Refused: other classes ("3.0.0"), leading zeros ("5.01.1"), more than three digits, missing
 * parts, anything before or after.
 */
constexpr std::optional<enhanced_status> parse_enhanced_status(std::string_view text) noexcept {
  enhanced_status code;
  const std::size_t n = detail::parse_status_prefix(text, code);
  if (n == 0 || n != text.size()) return std::nullopt;
  return code;
}

/**
 * Finds the enhanced status code at the start of a reply line's text (the part after
 * "250 " or "250-"), as RFC 2034 §4 places it. The code must be followed by a space or end the
 * text; "5.7.1blocked" and "5.7.1:" are not codes. Leading spaces are not skipped. Whether the
 * class agrees with the reply code is for the caller to check (`enhanced_status::matches`).
 */
constexpr std::optional<enhanced_status_match> match_enhanced_status(
    std::string_view reply_text) noexcept {
  enhanced_status code;
  const std::size_t n = detail::parse_status_prefix(reply_text, code);
  if (n == 0) return std::nullopt;
  if (n < reply_text.size() && reply_text[n] != ' ') return std::nullopt;
  return enhanced_status_match{code, n};
}

/// Text form of a code, in a fixed buffer (no allocation): "5.7.1".
struct enhanced_status_text {
  char data[12] = {};
  std::size_t size = 0;
  constexpr std::string_view view() const noexcept { return std::string_view(data, size); }
};

/// Formats a well-formed code as "class.subject.detail".
constexpr enhanced_status_text to_text(const enhanced_status& code) noexcept {
  enhanced_status_text out;
  auto put_number = [&out](unsigned value) {
    char digits[3] = {};
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10U);
      value /= 10U;
    } while (value != 0 && n < 3);
    while (n > 0) out.data[out.size++] = digits[--n];
  };
  put_number(code.klass);
  out.data[out.size++] = '.';
  put_number(code.subject);
  out.data[out.size++] = '.';
  put_number(code.detail);
  return out;
}

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

constexpr unsigned class_key(const enhanced_class_info& e) noexcept {
  return e.klass;
}
constexpr unsigned subject_key(const enhanced_subject_info& e) noexcept {
  return e.subject;
}
constexpr unsigned detail_key(const enhanced_detail_info& e) noexcept {
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
constexpr bool basic_code_token_covers(std::string_view token, reply_code code) noexcept {
  if (!code.is_well_formed()) return false;
  if (token == "Any") return true;
  const char first = static_cast<char>('0' + code.value() / 100U);
  if (token[1] == 'X') return token[0] == first;
  return parse_reply_code(token) == code;
}

constexpr bool enhanced_tables_complete() noexcept {
  for (const auto& e : enhanced_class_table) {
    if (e.label.empty() || e.description.empty() || e.fix.empty() || e.rfc.empty()) return false;
  }
  for (const auto& e : enhanced_subject_table) {
    if (e.label.empty() || e.description.empty() || e.rfc.empty()) return false;
  }
  for (const auto& e : enhanced_detail_table) {
    if (e.label.empty() || e.description.empty() || e.when.empty() || e.fix.empty() ||
        e.rfc.empty())
      return false;
    if (!for_each_basic_code_token(e.basic_codes, [](std::string_view) {})) return false;
    // Every detail sits under a registered subject.
    bool subject_found = false;
    for (const auto& s : enhanced_subject_table) subject_found |= s.subject == e.subject;
    if (!subject_found) return false;
  }
  return true;
}
static_assert(enhanced_tables_complete(),
              "every enhanced-status entry needs its texts, a valid basic-code list and a subject");

}  // namespace detail

/// The registry's class entries (2, 4, 5).
constexpr table_range<enhanced_class_info> enhanced_status_classes() noexcept {
  return {std::begin(detail::enhanced_class_table), std::end(detail::enhanced_class_table)};
}
/// The registry's subject entries (0 to 7).
constexpr table_range<enhanced_subject_info> enhanced_status_subjects() noexcept {
  return {std::begin(detail::enhanced_subject_table), std::end(detail::enhanced_subject_table)};
}
/// Every registered detail code, sorted by subject then detail.
constexpr table_range<enhanced_detail_info> registered_enhanced_statuses() noexcept {
  return {std::begin(detail::enhanced_detail_table), std::end(detail::enhanced_detail_table)};
}

/// The class entry for 2, 4 or 5; nullptr otherwise.
constexpr const enhanced_class_info* lookup_enhanced_class(unsigned klass) noexcept {
  for (const auto& e : detail::enhanced_class_table) {
    if (e.klass == klass) return &e;
  }
  return nullptr;
}

/// The subject entry, or nullptr when the subject is not registered.
constexpr const enhanced_subject_info* lookup_enhanced_subject(unsigned subject) noexcept {
  for (const auto& e : detail::enhanced_subject_table) {
    if (e.subject == subject) return &e;
  }
  return nullptr;
}

/// The registered detail entry for the code's subject and detail (any class), or nullptr.
constexpr const enhanced_detail_info* lookup(const enhanced_status& code) noexcept {
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
constexpr bool is_associated(const enhanced_detail_info& info, reply_code code) noexcept {
  bool found = false;
  detail::for_each_basic_code_token(info.basic_codes, [&](std::string_view token) {
    if (detail::basic_code_token_covers(token, code)) found = true;
  });
  return found;
}

/**
 * What a well-formed enhanced code means, combining its class, subject and detail entries.
 * For an unregistered detail (e.g. 5.1.99) or subject (5.9.1), `detail` or `subject` is null and
 * the accessors fall back to what the subject and class say. Pointers are to static storage.
 */
struct enhanced_status_explanation {
  enhanced_status code;
  const enhanced_class_info* klass = nullptr;
  const enhanced_subject_info* subject = nullptr;
  const enhanced_detail_info* detail = nullptr;

  /// True when the exact subject and detail are in the registry.
  constexpr bool is_registered() const noexcept { return detail != nullptr; }

  /// The registry label of the detail, else of the subject, else "Unregistered Subject".
  constexpr std::string_view label() const noexcept {
    if (detail != nullptr) return detail->label;
    if (subject != nullptr) return subject->label;
    return "Unregistered Subject";
  }
  /// Our description of the detail, else of the subject, else of the class.
  constexpr std::string_view description() const noexcept {
    if (detail != nullptr) return detail->description;
    if (subject != nullptr) return subject->description;
    return klass->description;
  }
  /// When the code is seen; for unregistered details, a note that only class and subject apply.
  constexpr std::string_view when() const noexcept {
    if (detail != nullptr) return detail->when;
    if (subject != nullptr)
      return "This detail number is not in the IANA registry: some server made it up. Only its "
             "class and subject carry agreed meaning; the reply text says the rest.";
    return "This subject number is not in the IANA registry: only the class digit carries "
           "agreed meaning; the reply text says the rest.";
  }
  /// What to do: the detail's advice, else the class's.
  constexpr std::string_view fix() const noexcept {
    return detail != nullptr ? detail->fix : klass->fix;
  }
  /// Where the meaning is defined.
  constexpr std::string_view rfc() const noexcept {
    if (detail != nullptr) return detail->rfc;
    if (subject != nullptr) return subject->rfc;
    return klass->rfc;
  }
  /// The registry's associated basic codes ("550, 553"), empty when none are given.
  constexpr std::string_view basic_codes() const noexcept {
    return detail != nullptr ? detail->basic_codes : std::string_view();
  }
};

/// Explains a well-formed code; nothing for a malformed one.
constexpr std::optional<enhanced_status_explanation> explain(const enhanced_status& code) noexcept {
  if (!code.is_well_formed()) return std::nullopt;
  return enhanced_status_explanation{code, lookup_enhanced_class(code.klass),
                                     lookup_enhanced_subject(code.subject), lookup(code)};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_ENHANCED_STATUS_HPP
