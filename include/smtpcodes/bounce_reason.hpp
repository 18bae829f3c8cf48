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
 */
#ifndef SMTPCODES_BOUNCE_REASON_HPP
#define SMTPCODES_BOUNCE_REASON_HPP

#include <cstdint>
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
enum class retry_advice : std::uint8_t {
  retry_with_backoff,  ///< Transient: the same message may succeed later unchanged.
  retry_after_fix,     ///< Fails until someone fixes what `fix` names; then retry.
  never,               ///< Retrying can never help: drop or correct the address.
  not_applicable,      ///< Not a failure (`delivered`, `vacation`, `feedback`).
};

/// Who must act for the message to get through.
enum class bounce_actor : std::uint8_t {
  none,       ///< Nobody (delivered, or an automatic reply).
  sender,     ///< The sending user or application (address, content, size).
  sender_ops, ///< The sending side's operators (IP, DNS, TLS, authentication, rate).
  recipient,  ///< The recipient or the receiving domain's administrators.
  unknown,    ///< Cannot be told from the evidence.
};

/// Everything we know about one reason. Strings are static.
struct bounce_reason_info {
  bounce_reason reason;
  std::string_view name;         ///< "userunknown"
  std::string_view description;  ///< What it means.
  std::string_view when;         ///< Typical replies and situations that produce it.
  std::string_view fix;          ///< What to do, in our own words.
  bool hard;                     ///< Retrying can never help (see the file comment).
  retry_advice retry;
  bounce_actor actor;
};

}  // namespace smtpcodes

#endif  // SMTPCODES_BOUNCE_REASON_HPP
