/**
 * @file bounce_reason.hpp
 * @brief Why a message bounced or was deferred, in the reason names bounce-processing pipelines
 *        already use (`userunknown`, `mailboxfull`, `blocked`...), each with a description, when
 *        you see it, a fix, whether it is a hard bounce, the retry advice and who must act.
 *
 * Knowledge layer: includes only config.hpp and the standard library. The texts are our own.
 *
 * The hard-bounce rule: a reason is hard only when retrying can never help because the address
 * or domain does not exist, has moved, or accepts no mail (`userunknown`, `hostunknown`,
 * `hasmoved`, `notaccept`), whatever the reply's first digit says. A 5yz for a reputation block,
 * a full mailbox or a policy is soft: the address is good, the sender must fix something.
 *
 * `suspend` (a mailbox that exists but is disabled) is soft: RFC 3463 §3.3 says X.2.1 may be
 * permanent or temporary, and accounts are re-enabled (unpaid, locked, inactive) more often than
 * the address is given to someone else. Counting repeated suspends as a reason to stop mailing an
 * address is a list-hygiene policy for the caller, not a fact of the reply.
 *
 * `reason_info` is the table row; classify.hpp adjusts `hard` and `retry` by the reply's class
 * (a 4yz is never hard, RFC 5321 §4.2.1), so read a classification's fields, not the row's, when
 * a reply is at hand.
 */
#ifndef SMTPCODES_BOUNCE_REASON_HPP
#define SMTPCODES_BOUNCE_REASON_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config.hpp"

namespace smtpcodes {

/// A bounce reason. Append-only: the numeric values are stable. `undefined` is 0.
enum class bounce_reason : std::uint8_t {
  undefined = 0,
  userunknown,
  mailboxfull,
  hostunknown,
  hasmoved,
  suspend,
  exceedlimit,
  mesgtoobig,
  norelaying,
  blocked,
  badreputation,
  requireptr,
  spamdetected,
  virusdetected,
  contenterror,
  policyviolation,
  authfailure,
  notcompliantrfc,
  securityerror,
  failedstarttls,
  rejected,
  filtered,
  expired,
  networkerror,
  systemerror,
  systemfull,
  mailererror,
  toomanyconn,
  speeding,
  syntaxerror,
  notaccept,
  onhold,
  suppressed,
  delivered,
  vacation,
  feedback,
};

/// How many reasons there are (the enum's values are 0 .. bounce_reason_count - 1).
inline constexpr std::size_t bounce_reason_count = 36;

/// What the sender should do about retrying.
enum class bounce_retry : std::uint8_t {
  retry_with_backoff,  ///< Transient: the same message may succeed later unchanged.
  retry_after_fix,     ///< Fails until someone fixes what `fix` names; then retry.
  never,               ///< Retrying can never help: drop or correct the address.
  not_applicable,      ///< Not a failure (`delivered`, `vacation`, `feedback`).
};

/// Who must act for the message to get through.
enum class bounce_actor : std::uint8_t {
  none,        ///< Nobody (delivered, or an automatic reply).
  sender,      ///< The sending user or application (address, content, size).
  sender_ops,  ///< The sending side's operators (IP, DNS, TLS, authentication, rate).
  recipient,   ///< The recipient or the receiving domain's administrators.
  unknown,     ///< Cannot be told from the evidence.
};

/// Everything we know about one reason. Strings are static.
struct bounce_reason_info {
  bounce_reason reason;
  std::string_view name;         ///< "userunknown"
  std::string_view description;  ///< What it means.
  std::string_view when;         ///< Typical replies and situations that produce it.
  std::string_view fix;          ///< What to do, in our own words.
  bool hard;                     ///< Retrying can never help (see the file comment).
  bounce_retry retry;
  bounce_actor actor;
};

namespace detail {
using br_retry = bounce_retry;
using br_actor = bounce_actor;
}  // namespace detail

/**
 * Every reason, indexed by its enum value (row i describes `static_cast<bounce_reason>(i)`).
 * `when` names the replies that typically carry the reason; `fix` says what to do. Our words.
 */
inline constexpr bounce_reason_info bounce_reason_table[] = {
// clang-format off
#include "detail/bounce_reason_table.inc"
    // clang-format on
};

static_assert(sizeof(bounce_reason_table) / sizeof(bounce_reason_table[0]) == bounce_reason_count,
              "bounce_reason_table must have one row per reason");

namespace detail {

constexpr bool bounce_name_ok(std::string_view name) noexcept {
  if (name.empty()) return false;
  for (const char c : name) {
    if (c < 'a' || c > 'z') return false;
  }
  return true;
}

constexpr char bounce_lower(char c) noexcept {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `text` equals `lower` (lower case) without regard to ASCII case.
constexpr bool bounce_iequals(std::string_view text, std::string_view lower) noexcept {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (bounce_lower(text[i]) != lower[i]) return false;
  }
  return true;
}

constexpr bool bounce_table_ok() noexcept {
  for (std::size_t i = 0; i < bounce_reason_count; ++i) {
    const bounce_reason_info& r = bounce_reason_table[i];
    if (static_cast<std::size_t>(r.reason) != i || !bounce_name_ok(r.name)) return false;
    if (r.description.empty() || r.when.empty() || r.fix.empty()) return false;
    // The hard-bounce rule of the file comment.
    const bool hard = r.reason == bounce_reason::userunknown ||
                      r.reason == bounce_reason::hostunknown ||
                      r.reason == bounce_reason::hasmoved || r.reason == bounce_reason::notaccept;
    if (r.hard != hard || (r.retry == bounce_retry::never) != hard) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (bounce_reason_table[j].name == r.name) return false;
    }
  }
  return true;
}

}  // namespace detail

static_assert(detail::bounce_table_ok(),
              "bounce_reason_table: row i is reason i, names unique lower case, texts present, "
              "hard exactly for userunknown, hostunknown, hasmoved, notaccept");

/// The row for `r`. A value outside the enum (a cast) gives the `undefined` row.
[[nodiscard]] constexpr const bounce_reason_info& reason_info(bounce_reason r) noexcept {
  const auto i = static_cast<std::size_t>(r);
  return bounce_reason_table[i < bounce_reason_count ? i : 0];
}

/// The reason's name ("userunknown"); "undefined" for a value outside the enum.
[[nodiscard]] constexpr std::string_view to_string(bounce_reason r) noexcept {
  return reason_info(r).name;
}

/// The reason named `name`, without regard to ASCII case ("MailboxFull"); nothing otherwise.
[[nodiscard]] constexpr std::optional<bounce_reason> parse_bounce_reason(
    std::string_view name) noexcept {
  for (const bounce_reason_info& r : bounce_reason_table) {
    if (detail::bounce_iequals(name, r.name)) return r.reason;
  }
  return std::nullopt;
}

/// "retry_with_backoff", "retry_after_fix", "never", "not_applicable"; empty outside the enum.
[[nodiscard]] constexpr std::string_view to_string(bounce_retry a) noexcept {
  switch (a) {
    case bounce_retry::retry_with_backoff:
      return "retry_with_backoff";
    case bounce_retry::retry_after_fix:
      return "retry_after_fix";
    case bounce_retry::never:
      return "never";
    case bounce_retry::not_applicable:
      return "not_applicable";
  }
  return {};
}

/// "none", "sender", "sender_ops", "recipient", "unknown"; empty outside the enum.
[[nodiscard]] constexpr std::string_view to_string(bounce_actor a) noexcept {
  switch (a) {
    case bounce_actor::none:
      return "none";
    case bounce_actor::sender:
      return "sender";
    case bounce_actor::sender_ops:
      return "sender_ops";
    case bounce_actor::recipient:
      return "recipient";
    case bounce_actor::unknown:
      return "unknown";
  }
  return {};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_BOUNCE_REASON_HPP
