/**
 * @file reply_code.hpp
 * @brief SMTP reply codes (RFC 5321 §4.2): the `reply_code` value type, its class and category,
 *        `make_reply_code`, `parse_reply_code` and named constants. No texts: the table of
 *        registered codes and their explanations is in reply_code_info.hpp, so that the parsers,
 *        which include this header, do not pay for compiling it.
 *
 * Includes only config.hpp and the standard library. Everything here is constexpr, never
 * allocates and never throws.
 */
#ifndef SMTPCODES_REPLY_CODE_HPP
#define SMTPCODES_REPLY_CODE_HPP

#include <cstdint>
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
  [[nodiscard]] constexpr std::uint16_t value() const noexcept { return value_; }

  /// True when the code matches RFC 5321's grammar: `%x32-35 %x30-35 %x30-39` (§4.2).
  [[nodiscard]] constexpr bool is_well_formed() const noexcept {
    const unsigned first = value_ / 100U;
    const unsigned second = (value_ / 10U) % 10U;
    return first >= 2U && first <= 5U && second <= 5U;
  }

  /// First digit as a class. Precondition: `is_well_formed()`.
  [[nodiscard]] constexpr reply_class klass() const noexcept {
    return static_cast<reply_class>(value_ / 100U);
  }

  /// Second digit as a category (4 maps to `unspecified`, like 3). Precondition: well-formed.
  [[nodiscard]] constexpr reply_category category() const noexcept {
    const unsigned second = (value_ / 10U) % 10U;
    return second == 4U ? reply_category::unspecified : static_cast<reply_category>(second);
  }

  /// 2yz or 3yz.
  [[nodiscard]] constexpr bool is_positive() const noexcept {
    return is_well_formed() && value_ < 400U;
  }
  /// 2yz: the command completed.
  [[nodiscard]] constexpr bool is_positive_completion() const noexcept {
    return is_well_formed() && value_ / 100U == 2U;
  }
  /// 3yz: the server expects the rest of the command (DATA body, AUTH response).
  [[nodiscard]] constexpr bool is_positive_intermediate() const noexcept {
    return is_well_formed() && value_ / 100U == 3U;
  }
  /// 4yz or 5yz.
  [[nodiscard]] constexpr bool is_negative() const noexcept {
    return is_well_formed() && value_ >= 400U;
  }
  /// 4yz: try again later.
  [[nodiscard]] constexpr bool is_transient() const noexcept {
    return is_well_formed() && value_ / 100U == 4U;
  }
  /// 5yz: do not retry unchanged.
  [[nodiscard]] constexpr bool is_permanent() const noexcept {
    return is_well_formed() && value_ / 100U == 5U;
  }

  [[nodiscard]] friend constexpr bool operator==(reply_code a, reply_code b) noexcept {
    return a.value_ == b.value_;
  }
  [[nodiscard]] friend constexpr bool operator!=(reply_code a, reply_code b) noexcept {
    return a.value_ != b.value_;
  }
  [[nodiscard]] friend constexpr bool operator<(reply_code a, reply_code b) noexcept {
    return a.value_ < b.value_;
  }

 private:
  std::uint16_t value_ = 0;
};

/// A reply code from a number, or nothing when the number is not a well-formed code.
[[nodiscard]] constexpr std::optional<reply_code> make_reply_code(int value) noexcept {
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
[[nodiscard]] constexpr std::optional<reply_code> parse_reply_code(std::string_view text) noexcept {
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

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_CODE_HPP
