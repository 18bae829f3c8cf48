/**
 * @file reply_code.hpp
 * @brief SMTP reply codes (RFC 5321 §4.2): the `reply_code` value type, its class and category,
 *        named constants, and a constexpr table of every registered code with an explanation
 *        written for the person reading a mail log.
 *
 * Includes only config.hpp and the standard library. Everything here is constexpr, never
 * allocates and never throws.
 */
#ifndef SMTPCODES_REPLY_CODE_HPP
#define SMTPCODES_REPLY_CODE_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>

#include "config.hpp"

namespace smtpcodes {

/// First digit of a reply code (RFC 5321 §4.2.1). The enumerator's value is the digit.
enum class reply_class : std::uint8_t {
  positive_completion = 2,    ///< 2yz: the command succeeded.
  positive_intermediate = 3,  ///< 3yz: accepted so far; the server waits for more input.
  transient_negative = 4,     ///< 4yz: failed this time; the same command may succeed later.
  permanent_negative = 5,     ///< 5yz: failed; repeating it unchanged will fail again.
};

/// Second digit of a reply code (RFC 5321 §4.2.1). x3z and x4z are both unspecified.
enum class reply_category : std::uint8_t {
  syntax = 0,       ///< x0z: syntax, or a command that is unimplemented or superfluous.
  information = 1,  ///< x1z: replies to requests for information (status, help).
  connections = 2,  ///< x2z: the transmission channel.
  unspecified = 3,  ///< x3z and x4z: RFC 5321 leaves these unspecified.
  mail_system = 5,  ///< x5z: the state of the receiver's mail system.
};

/**
 * A three-digit SMTP reply code. Constructing one does not check it: a value read off the wire
 * may be anything, so ask `is_well_formed()` or build it with `make_reply_code` or
 * `parse_reply_code`, which refuse malformed values. The class and category accessors are only
 * meaningful for well-formed codes; the predicates are false for malformed ones.
 */
class reply_code {
 public:
  constexpr reply_code() noexcept = default;
  constexpr explicit reply_code(std::uint16_t value) noexcept : value_(value) {}

  /// The number, e.g. 250.
  constexpr std::uint16_t value() const noexcept { return value_; }

  /// True when the code matches RFC 5321's grammar: `%x32-35 %x30-35 %x30-39` (§4.2).
  constexpr bool is_well_formed() const noexcept {
    const unsigned first = value_ / 100U;
    const unsigned second = (value_ / 10U) % 10U;
    return first >= 2U && first <= 5U && second <= 5U;
  }

  /// First digit as a class. Precondition: `is_well_formed()`.
  constexpr reply_class klass() const noexcept { return static_cast<reply_class>(value_ / 100U); }

  /// Second digit as a category (4 maps to `unspecified`, like 3). Precondition: well-formed.
  constexpr reply_category category() const noexcept {
    const unsigned second = (value_ / 10U) % 10U;
    return second == 4U ? reply_category::unspecified : static_cast<reply_category>(second);
  }

  /// 2yz or 3yz.
  constexpr bool is_positive() const noexcept { return is_well_formed() && value_ < 400U; }
  /// 2yz: the command completed.
  constexpr bool is_positive_completion() const noexcept {
    return is_well_formed() && value_ / 100U == 2U;
  }
  /// 3yz: the server expects the rest of the command (DATA body, AUTH response).
  constexpr bool is_positive_intermediate() const noexcept {
    return is_well_formed() && value_ / 100U == 3U;
  }
  /// 4yz or 5yz.
  constexpr bool is_negative() const noexcept { return is_well_formed() && value_ >= 400U; }
  /// 4yz: try again later.
  constexpr bool is_transient() const noexcept { return is_well_formed() && value_ / 100U == 4U; }
  /// 5yz: do not retry unchanged.
  constexpr bool is_permanent() const noexcept { return is_well_formed() && value_ / 100U == 5U; }

  friend constexpr bool operator==(reply_code a, reply_code b) noexcept {
    return a.value_ == b.value_;
  }
  friend constexpr bool operator!=(reply_code a, reply_code b) noexcept {
    return a.value_ != b.value_;
  }
  friend constexpr bool operator<(reply_code a, reply_code b) noexcept {
    return a.value_ < b.value_;
  }

 private:
  std::uint16_t value_ = 0;
};

/// A reply code from a number, or nothing when the number is not a well-formed code.
constexpr std::optional<reply_code> make_reply_code(int value) noexcept {
  if (value < 0 || value > 999) return std::nullopt;
  const reply_code code(static_cast<std::uint16_t>(value));
  if (!code.is_well_formed()) return std::nullopt;
  return code;
}

/**
 * Parses text that is exactly three digits forming a well-formed code ("250"). Anything else
 * ("2x5", "199", "600", "2500", " 250") gives nothing. To read the code at the start of a reply
 * line, pass its first three characters.
 */
constexpr std::optional<reply_code> parse_reply_code(std::string_view text) noexcept {
  if (text.size() != 3) return std::nullopt;
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return make_reply_code(value);
}

/// Named constants for registered codes. The names follow the RFC texts.
namespace codes {
inline constexpr reply_code system_status{211};
inline constexpr reply_code help_message{214};
inline constexpr reply_code service_ready{220};
inline constexpr reply_code service_closing{221};
inline constexpr reply_code authentication_succeeded{235};
inline constexpr reply_code ok{250};
inline constexpr reply_code user_not_local_will_forward{251};
inline constexpr reply_code cannot_verify_user{252};
inline constexpr reply_code etrn_pending_messages_started{253};
inline constexpr reply_code auth_challenge{334};
inline constexpr reply_code start_mail_input{354};
inline constexpr reply_code service_not_available{421};
inline constexpr reply_code password_transition_needed{432};
inline constexpr reply_code mailbox_unavailable_transient{450};
inline constexpr reply_code local_error{451};
inline constexpr reply_code insufficient_storage{452};
inline constexpr reply_code atrn_no_mail{453};
inline constexpr reply_code temporary_failure{454};
inline constexpr reply_code cannot_accommodate_parameters{455};
inline constexpr reply_code etrn_unable_to_queue{458};
inline constexpr reply_code etrn_node_not_allowed{459};
inline constexpr reply_code syntax_error{500};
inline constexpr reply_code syntax_error_in_parameters{501};
inline constexpr reply_code command_not_implemented{502};
inline constexpr reply_code bad_sequence{503};
inline constexpr reply_code parameter_not_implemented{504};
inline constexpr reply_code does_not_accept_mail{521};
inline constexpr reply_code authentication_required{530};
inline constexpr reply_code mechanism_too_weak{534};
inline constexpr reply_code authentication_credentials_invalid{535};
inline constexpr reply_code encryption_required_for_mechanism{538};
inline constexpr reply_code mailbox_unavailable{550};
inline constexpr reply_code user_not_local{551};
inline constexpr reply_code exceeded_storage_allocation{552};
inline constexpr reply_code mailbox_name_not_allowed{553};
inline constexpr reply_code transaction_failed{554};
inline constexpr reply_code parameters_not_recognized{555};
inline constexpr reply_code domain_does_not_accept_mail{556};
}  // namespace codes

/// Whether a code is in current use.
enum class code_status : std::uint8_t {
  current,        ///< Defined by a standards-track or current RFC and in use.
  obsolete,       ///< Its defining document was obsoleted, or the RFC says not to send it.
  historic,       ///< Defined only by an experimental or historic extension; rarely seen.
  registry_only,  ///< Named only in the IANA enhanced-status registry's associated-code column;
                  ///< no RFC defines its text (422, 430, 523, 524, 525, 533).
  unregistered,   ///< Well-formed but not defined anywhere; explained from its digits.
};

/**
 * Everything we know about one reply code. The strings are static; they live forever.
 * `name` is a short title, `commands` says which commands or phase produce it, `description`
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

  constexpr reply_code as_code() const noexcept { return reply_code(code); }
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

/// A read-only range over part of a static table; usable in range-for and in constexpr code.
template <typename T>
struct table_range {
  const T* first = nullptr;
  const T* last = nullptr;
  constexpr const T* begin() const noexcept { return first; }
  constexpr const T* end() const noexcept { return last; }
  constexpr std::size_t size() const noexcept { return static_cast<std::size_t>(last - first); }
  constexpr bool empty() const noexcept { return first == last; }
  constexpr const T& operator[](std::size_t i) const noexcept { return first[i]; }
};

namespace detail {

template <typename T, std::size_t N, typename Key>
constexpr bool is_strictly_sorted(const T (&table)[N], Key key) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(key(table[i - 1]) < key(table[i]))) return false;
  }
  return true;
}

template <typename T, std::size_t N, typename Key>
constexpr bool is_sorted(const T (&table)[N], Key key) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (key(table[i]) < key(table[i - 1])) return false;
  }
  return true;
}

/// Index of the first element whose key is not less than `wanted` (binary search).
template <typename T, std::size_t N, typename Key, typename K>
constexpr std::size_t lower_bound(const T (&table)[N], Key key, K wanted) noexcept {
  std::size_t low = 0;
  std::size_t high = N;
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (key(table[mid]) < wanted) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

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

constexpr std::uint16_t code_of(const reply_code_info& info) noexcept {
  return info.code;
}
constexpr std::uint16_t usage_code_of(const reply_code_usage& usage) noexcept {
  return usage.code;
}

static_assert(is_strictly_sorted(reply_code_table, code_of),
              "reply_code_table must be sorted by code with no duplicates");
static_assert(is_sorted(reply_code_usage_table, usage_code_of),
              "reply_code_usage_table must be sorted by code");

constexpr bool all_well_formed() noexcept {
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

/// Texts for unregistered codes, built from the digits (RFC 5321 §4.2.1).
struct class_text {
  std::string_view name;
  std::string_view meaning;
  std::string_view action;
};

constexpr class_text class_texts(reply_class k) noexcept {
  switch (k) {
    case reply_class::positive_completion:
      return {"Positive Completion",
              "The requested action was completed; the client may send its next command.",
              "Nothing to fix: the command succeeded. Carry on with the next command."};
    case reply_class::positive_intermediate:
      return {"Positive Intermediate",
              "The command was accepted but the server is waiting for more input before it acts "
              "(the message body after DATA, the next step of an AUTH exchange).",
              "Send what the server is waiting for; until then the command is not complete."};
    case reply_class::transient_negative:
      return {"Transient Negative Completion",
              "The command was not accepted this time, but the condition is temporary: the same "
              "command may succeed later.",
              "Queue the message and retry later with backoff; if it persists for days, treat it "
              "as permanent and look at the text."};
    case reply_class::permanent_negative:
      break;
  }
  return {"Permanent Negative Completion",
          "The command was not accepted and will fail again if repeated unchanged.",
          "Do not retry as is: correct the command, the address or the configuration the text "
          "points to, then send again; a sender should bounce the message."};
}

constexpr std::string_view category_name(reply_category c) noexcept {
  switch (c) {
    case reply_category::syntax:
      return "syntax";
    case reply_category::information:
      return "information";
    case reply_category::connections:
      return "connections";
    case reply_category::unspecified:
      return "unspecified";
    case reply_category::mail_system:
      break;
  }
  return "mail system";
}

constexpr std::string_view category_meaning(reply_category c) noexcept {
  switch (c) {
    case reply_category::syntax:
      return "The second digit 0 concerns syntax: a command that is malformed, unimplemented or "
             "superfluous.";
    case reply_category::information:
      return "The second digit 1 marks a reply to a request for information, such as status or "
             "help.";
    case reply_category::connections:
      return "The second digit 2 concerns the transmission channel itself.";
    case reply_category::unspecified:
      return "The second digit 3 or 4 is left unspecified by RFC 5321; the text is the only "
             "guide.";
    case reply_category::mail_system:
      break;
  }
  return "The second digit 5 concerns the receiving mail system: a mailbox, the queue, or "
         "the message itself.";
}

/// Generic names for unregistered codes, one per class and category.
constexpr std::string_view unregistered_name(reply_code code) noexcept {
  constexpr std::string_view names[4][5] = {
      {"Unregistered Success (syntax)", "Unregistered Success (information)",
       "Unregistered Success (connections)", "Unregistered Success (unspecified)",
       "Unregistered Success (mail system)"},
      {"Unregistered Intermediate Reply (syntax)", "Unregistered Intermediate Reply (information)",
       "Unregistered Intermediate Reply (connections)",
       "Unregistered Intermediate Reply (unspecified)",
       "Unregistered Intermediate Reply (mail system)"},
      {"Unregistered Temporary Failure (syntax)", "Unregistered Temporary Failure (information)",
       "Unregistered Temporary Failure (connections)",
       "Unregistered Temporary Failure (unspecified)",
       "Unregistered Temporary Failure (mail system)"},
      {"Unregistered Permanent Failure (syntax)", "Unregistered Permanent Failure (information)",
       "Unregistered Permanent Failure (connections)",
       "Unregistered Permanent Failure (unspecified)",
       "Unregistered Permanent Failure (mail system)"},
  };
  const unsigned row = code.value() / 100U - 2U;
  const reply_category c = code.category();
  const unsigned column = c == reply_category::mail_system ? 4U : static_cast<unsigned>(c);
  return names[row][column];
}

}  // namespace detail

/// All registered codes, sorted.
constexpr table_range<reply_code_info> registered_reply_codes() noexcept {
  return {std::begin(detail::reply_code_table), std::end(detail::reply_code_table)};
}

/// The table entry for a registered code, or nullptr. The pointer is to static storage.
constexpr const reply_code_info* lookup(reply_code code) noexcept {
  const std::size_t i =
      detail::lower_bound(detail::reply_code_table, detail::code_of, code.value());
  if (i < std::size(detail::reply_code_table) && detail::reply_code_table[i].code == code.value())
    return &detail::reply_code_table[i];
  return nullptr;
}

/// True when an RFC defines the code.
constexpr bool is_registered(reply_code code) noexcept {
  return lookup(code) != nullptr;
}

/**
 * Explains any well-formed code: the table entry for a registered one; for an unregistered one
 * (e.g. 259) an entry built from what its class and category say, with status `unregistered`.
 * Malformed codes (199, 600, 270...) give nothing.
 */
constexpr std::optional<reply_code_info> explain(reply_code code) noexcept {
  if (!code.is_well_formed()) return std::nullopt;
  if (const reply_code_info* info = lookup(code)) return *info;
  const detail::class_text k = detail::class_texts(code.klass());
  return reply_code_info{code.value(),
                         detail::unregistered_name(code),
                         "any",
                         k.meaning,
                         detail::category_meaning(code.category()),
                         k.action,
                         "RFC 5321 §4.2.1 (meaning of the digits)",
                         code_status::unregistered};
}

/// The registered name ("Start Mail Input"), or an empty view for unregistered codes.
constexpr std::string_view name(reply_code code) noexcept {
  const reply_code_info* info = lookup(code);
  return info != nullptr ? info->name : std::string_view();
}

/// The registered description, or an empty view for unregistered codes.
constexpr std::string_view describe(reply_code code) noexcept {
  const reply_code_info* info = lookup(code);
  return info != nullptr ? info->description : std::string_view();
}

/// Context-specific meanings of a code (may be empty).
constexpr table_range<reply_code_usage> usages(reply_code code) noexcept {
  const auto& table = detail::reply_code_usage_table;
  std::size_t i = detail::lower_bound(table, detail::usage_code_of, code.value());
  std::size_t j = i;
  while (j < std::size(table) && table[j].code == code.value()) ++j;
  return {table + i, table + j};
}

/// "Positive Completion", "Transient Negative Completion"... (RFC 5321 §4.2.1 wording).
constexpr std::string_view to_string(reply_class k) noexcept {
  return detail::class_texts(k).name;
}

/// "syntax", "information", "connections", "unspecified", "mail system".
constexpr std::string_view to_string(reply_category c) noexcept {
  return detail::category_name(c);
}

/// "current", "obsolete", "historic", "registry only", "unregistered".
constexpr std::string_view to_string(code_status s) noexcept {
  switch (s) {
    case code_status::current:
      return "current";
    case code_status::obsolete:
      return "obsolete";
    case code_status::historic:
      return "historic";
    case code_status::registry_only:
      return "registry only";
    case code_status::unregistered:
      break;
  }
  return "unregistered";
}

/// What the class of a code asks the client to do next (one sentence).
constexpr std::string_view class_meaning(reply_class k) noexcept {
  return detail::class_texts(k).meaning;
}

/// What to do about a reply of this class, in general.
constexpr std::string_view class_action(reply_class k) noexcept {
  return detail::class_texts(k).action;
}

/// What the second digit says (one sentence).
constexpr std::string_view category_meaning(reply_category c) noexcept {
  return detail::category_meaning(c);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_CODE_HPP
