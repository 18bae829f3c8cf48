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
    {bounce_reason::undefined, "undefined",
     "Nothing in the reply says why it failed: no phrase, enhanced code or basic code that points "
     "to a reason.",
     "Bare \"550 Requested action not taken\" or \"451 Try later\" replies, 5.0.0 or 4.0.0 with a "
     "text in no known wording, and replies in a language or format no rule knows.",
     "Read the full reply text and the receiver's documentation. For a 4yz let the queue retry; "
     "for a 5yz find the cause before sending again.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::unknown},
    {bounce_reason::userunknown, "userunknown",
     "The recipient's mailbox does not exist at the destination: the part before the @ is wrong "
     "or was deleted.",
     "\"550 5.1.1 User unknown\", \"No such user\", \"Recipient address rejected: User unknown in "
     "virtual mailbox table\", after RCPT TO.",
     "Check the address for typing mistakes and ask the recipient for a current one; otherwise "
     "remove it from every list, as mailing unknown users harms the sender's reputation.",
     true, detail::br_retry::never, detail::br_actor::sender},
    {bounce_reason::mailboxfull, "mailboxfull",
     "The recipient's mailbox exists but has no room left for the message: it is over its "
     "storage quota.",
     "\"552 5.2.2 Mailbox full\", \"452 4.2.2 Over quota\", \"user is over quota\"; 552 after "
     "RCPT TO.",
     "Wait and send again later, or reach the recipient another way so that they empty the "
     "mailbox. Stop after it has been full for weeks: the account is probably abandoned.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::recipient},
    {bounce_reason::hostunknown, "hostunknown",
     "The recipient's domain does not exist or has no mail host: the part after the @ cannot be "
     "resolved.",
     "\"550 5.1.2 Domain not found\", Postfix's \"Host or domain name not found\", a misspelt "
     "domain such as gmial.com, a domain that expired.",
     "Correct the domain in the address or ask the recipient for a working one. If the domain is "
     "your own, publish its MX or address records again.",
     true, detail::br_retry::never, detail::br_actor::sender},
    {bounce_reason::hasmoved, "hasmoved",
     "The recipient no longer receives mail at this address: the mailbox moved, or the address "
     "now belongs to someone else.",
     "\"551 User not local; please try <new address>\" (RFC 5321 §3.4), 5.1.6 \"Mailbox has "
     "moved\", 5.7.17 \"Mailbox owner has changed\" (RFC 7293).",
     "Stop mailing the old address. Use the new address the reply gives, if any, once the "
     "recipient confirms it.",
     true, detail::br_retry::never, detail::br_actor::sender},
    {bounce_reason::suspend, "suspend",
     "The recipient's mailbox exists but is switched off: suspended, disabled or inactive, for "
     "now or for good.",
     "\"550 5.2.1 Mailbox disabled\", \"account has been disabled\", \"account is inactive\"; "
     "accounts locked for non-payment or long inactivity.",
     "Reach the recipient another way; only they or their provider can re-enable the account. "
     "If it stays disabled over several sends, stop mailing it.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::recipient},
    {bounce_reason::exceedlimit, "exceedlimit",
     "A limit the receiver sets per recipient or per transaction was exceeded: the message is "
     "larger than this mailbox accepts, or it named too many recipients.",
     "\"552 5.2.3 Message length exceeds administrative limit\", \"452 4.5.3 Too many "
     "recipients\" (RFC 5321 §4.5.3.1.10), 452 after RCPT TO.",
     "For too many recipients, send the remaining ones in another transaction. For size, send a "
     "smaller message or a link to the file.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::mesgtoobig, "mesgtoobig",
     "The message is larger than the receiving system accepts for any message.",
     "\"552 5.3.4 Message size exceeds fixed maximum message size\" after MAIL FROM with SIZE= or "
     "after DATA (RFC 1870 §6), \"message too large\".",
     "Make the message smaller (compress or link large attachments) and check the SIZE the "
     "receiver announces in its EHLO reply before sending.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::norelaying, "norelaying",
     "The server refused to pass the message on to a domain it does not serve: the client asked "
     "it to relay without being allowed to.",
     "\"554 5.7.1 Relay access denied\", \"550 Relaying denied\", \"we do not relay\"; a client "
     "sending to the wrong server or without logging in.",
     "Send through your own provider's submission server with authentication, or check that the "
     "recipient domain's MX records point at the server you used.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::blocked, "blocked",
     "The receiver refuses the sending server itself, usually because its IP address is on a "
     "blocklist or on the receiver's own block list.",
     "\"554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org\", "
     "\"listed in\" a DNSBL, 554 in the greeting.",
     "Look the sending IP up on the blocklist the reply names, fix the cause (a compromised "
     "account, an open relay), then ask for delisting; or send from another, clean IP.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::badreputation, "badreputation",
     "The receiver throttles or refuses the mail because of the low reputation of the sending IP "
     "or domain, not because of a list entry.",
     "\"421 4.7.0 ... low reputation\", \"poor IP reputation\", deferrals from large providers "
     "after complaints or a sudden rise in volume.",
     "Lower the volume, send only to people who asked for the mail, honour unsubscribes and watch "
     "the provider's postmaster tools until the reputation recovers.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::requireptr, "requireptr",
     "The receiver needs a reverse DNS (PTR) record for the sending IP, or one that resolves "
     "back to the same IP, and found none.",
     "\"550 5.7.25 Reverse DNS validation failed\" (RFC 7372 §3.3), \"Client host rejected: "
     "cannot find your reverse hostname\", \"no PTR record\".",
     "Ask whoever owns the IP (often the hosting provider) for a PTR record naming the server, "
     "and make that name resolve to the same IP.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::spamdetected, "spamdetected",
     "The receiver's filter judged the message to be spam or unsolicited bulk mail.",
     "\"554 5.7.1 Message rejected as spam\", \"high probability of spam\", \"unsolicited "
     "mail\", after the end of DATA.",
     "Check the content, links and sending domain against the usual spam signals, make sure the "
     "recipients opted in, and authenticate the mail (SPF, DKIM, DMARC).",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::virusdetected, "virusdetected",
     "The receiver found a virus or other malware in the message or an attachment.",
     "\"554 5.7.1 Virus found\", \"malware detected\", \"infected attachment\", after the end of "
     "DATA.",
     "Scan the sending machine and the attachment; do not resend the file. A false positive is "
     "for the receiver's postmaster to confirm.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::contenterror, "contenterror",
     "The content could not be accepted as it is: its media type, encoding or structure (MIME) "
     "is malformed or not supported by the receiver.",
     "X.6.x replies (RFC 3463 §3.7): \"554 5.6.0 Malformed MIME\", 8-bit data to a server "
     "without 8BITMIME, SMTPUTF8 addresses the path cannot carry (RFC 6531).",
     "Fix the program that builds the message: valid MIME, the right transfer encoding, and "
     "ASCII addresses where the receiver has no SMTPUTF8.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::policyviolation, "policyviolation",
     "The message breaks a policy of the receiving site: a forbidden attachment type, a content "
     "rule, or rules about who may write to the recipient.",
     "\"550 5.7.1 Message rejected due to local policy\", \"attachment type not allowed\", "
     "\"content policy violation\".",
     "Read the policy the reply names, change the message (attachments, links) or ask the "
     "recipient's administrators for an exception.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::authfailure, "authfailure",
     "The message failed the receiver's checks of the sender's domain: SPF, DKIM, DMARC or ARC "
     "did not pass.",
     "\"550 5.7.26 Multiple authentication checks failed\", 5.7.20 to 5.7.24 (RFC 7372), "
     "\"SPF check failed\", \"DMARC policy\" rejections.",
     "The sending domain's admin must list the sending IPs in SPF, sign with DKIM, and align "
     "both with the From domain under a published DMARC record.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::notcompliantrfc, "notcompliantrfc",
     "The message does not follow the message format standard (RFC 5322): missing or duplicated "
     "header fields, bad dates, over-long lines.",
     "\"550 5.7.1 Message is not RFC 5322 compliant\", \"duplicate header\", \"missing Date "
     "header\", \"line too long\".",
     "Fix the program that writes the message: exactly one From, Date and Message-ID, valid "
     "header syntax and lines of at most 998 characters.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::securityerror, "securityerror",
     "The session did not meet the receiver's security requirements: SMTP authentication was "
     "needed or refused, or encryption was required first.",
     "\"530 5.7.0 Authentication required\", \"535 5.7.8 Authentication credentials invalid\", "
     "\"530 Must issue a STARTTLS command first\" (RFC 4954 §6, RFC 3207 §4).",
     "Check the client's user name, password and mechanism, and turn on STARTTLS before AUTH; a "
     "disabled submission account must be re-enabled by its provider.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::failedstarttls, "failedstarttls",
     "TLS could not be set up as required: the STARTTLS command failed, the handshake broke, or "
     "the path cannot give the TLS the message demands.",
     "\"454 4.7.0 TLS not available due to temporary reason\" (RFC 3207 §4), \"TLS negotiation "
     "failed\", certificate errors, 5.7.30 REQUIRETLS (RFC 8689).",
     "Check both sides' TLS versions, ciphers and certificates (expiry, name, chain); for "
     "REQUIRETLS, route the message over a path that supports it.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::rejected, "rejected",
     "The receiver refused the envelope sender or the message by its own policy, without a more "
     "precise reason.",
     "\"550 5.7.1 Delivery not authorized\", \"Sender address rejected\", 550 or 553 after MAIL "
     "FROM, 5.1.7 and 5.1.8 (bad sender address), 5.7.27 (sender domain has null MX).",
     "Check that the envelope sender is a real address at a domain that resolves and can "
     "receive mail, then read the reply for the policy that applies.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::filtered, "filtered",
     "A filter on the recipient's side refused the message: the recipient accepts mail only from "
     "some senders, or has blocked this one.",
     "\"550 Rejected by recipient's filter\", \"recipient does not accept mail from you\", "
     "mailing-list expansion refused (5.7.2).",
     "Ask the recipient, by another channel, to allow the sender; the sender cannot fix this "
     "alone.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::recipient},
    {bounce_reason::expired, "expired",
     "The message stayed in a queue longer than allowed and was given up; the cause is whatever "
     "kept deferring it.",
     "5.4.7 \"Delivery time expired\" (RFC 3463 §3.5), Exim's \"retry timeout exceeded\", "
     "\"message expired\" after days of 4yz replies.",
     "Find the deferral that kept repeating in the logs (the real reason), fix it, then send the "
     "message again.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::unknown},
    {bounce_reason::networkerror, "networkerror",
     "The message could not be carried across the network: no answer, a broken connection, a "
     "DNS failure or a routing loop.",
     "X.4.x replies (RFC 3463 §3.5): \"Connection timed out\", \"No route to host\", 4.4.3 "
     "directory server failure, 5.4.6 routing loop.",
     "Let the queue retry. If it persists, check DNS for the recipient domain, firewalls on port "
     "25 and routes between the two servers.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::unknown},
    {bounce_reason::systemerror, "systemerror",
     "The receiving system failed while handling the message: an internal error, a service "
     "shutting down, or a configuration fault.",
     "\"451 4.3.0 Local error in processing\", \"421 Service not available\", 4.3.5 system "
     "incorrectly configured, \"internal server error\".",
     "Let the queue retry. If it lasts, tell the receiving domain's postmaster, who must fix the "
     "server.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::recipient},
    {bounce_reason::systemfull, "systemfull",
     "The receiving system as a whole is out of storage, not one mailbox.",
     "\"452 4.3.1 Insufficient system storage\" (RFC 5321 §4.2.2), \"disk full\", 452 after "
     "MAIL FROM with SIZE= (RFC 1870 §6).",
     "Let the queue retry later; the receiving admins must free disk space.", false,
     detail::br_retry::retry_with_backoff, detail::br_actor::recipient},
    {bounce_reason::mailererror, "mailererror",
     "A program on the receiving side that delivers or expands the mail failed: a delivery "
     "agent, a pipe, or a mailing-list expansion.",
     "\"Mailer error\", a local delivery program that exited with an error, 5.2.4 mailing list "
     "expansion problem (RFC 3463 §3.3).",
     "Tell the receiving domain's postmaster, who must look at the delivery program or list; the "
     "sender can only wait and retry.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::recipient},
    {bounce_reason::toomanyconn, "toomanyconn",
     "The receiver refused a new connection or session because the sender already has too many "
     "open.",
     "\"421 4.7.0 Too many connections\", \"too many concurrent SMTP connections from this "
     "IP\", \"connection limit\".",
     "Open fewer parallel connections to that receiver (lower the concurrency for its domain) and "
     "let the queue retry.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::sender_ops},
    {bounce_reason::speeding, "speeding",
     "The sender is sending too fast or too much: the receiver, or the sender's own relay, "
     "rate-limits it.",
     "\"421 4.7.28 rate limited\", \"450 too many messages, slow down\", \"Daily sending quota "
     "exceeded\", 4.7.28 mail flood detected.",
     "Slow down: fewer messages per connection and per hour to that receiver, and spread bulk "
     "sends over time; the queue retries later.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::sender_ops},
    {bounce_reason::syntaxerror, "syntaxerror",
     "The receiver could not accept a command or an address as the client sent it: bad syntax, "
     "an unknown command, or commands out of order.",
     "500 to 504 and 555 (RFC 5321 §4.2.2), X.5.x codes (RFC 3463 §3.6), \"501 5.1.3 Bad "
     "recipient address syntax\".",
     "Fix the sending program or the address as written (brackets, quotes, stray characters); "
     "commands must follow RFC 5321's grammar and order.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender_ops},
    {bounce_reason::notaccept, "notaccept",
     "The recipient's domain or host accepts no mail at all.",
     "\"556 5.1.10 Recipient address has null MX\" (RFC 7504 §4, RFC 7505), \"521 Host does not "
     "accept mail\" (RFC 7504 §3), 5.3.2 from a host that takes no mail.",
     "Stop mailing the domain and ask the recipient for another address; if the domain is yours, "
     "remove the null MX and publish real MX records.",
     true, detail::br_retry::never, detail::br_actor::sender},
    {bounce_reason::onhold, "onhold",
     "The receiver neither accepted nor refused the message: it deferred or held it pending a "
     "decision, as greylisting and quarantines do.",
     "\"450 4.2.0 Greylisted, try again later\", \"message held for review\", \"quarantined\".",
     "Let the queue retry from the same IP and sender (greylisting passes on the second try); "
     "for a held message, wait for the receiving site's decision.",
     false, detail::br_retry::retry_with_backoff, detail::br_actor::unknown},
    {bounce_reason::suppressed, "suppressed",
     "The sending platform did not send to the address at all because it is on a suppression "
     "list, usually after an earlier hard bounce or complaint.",
     "Relays and sending services refusing an address \"on the suppression list\".",
     "Check why the address was suppressed; remove it from the list only if the recipient asks "
     "for the mail again.",
     false, detail::br_retry::retry_after_fix, detail::br_actor::sender},
    {bounce_reason::delivered, "delivered", "The message was accepted: the reply is a success.",
     "2yz replies such as \"250 2.0.0 Ok: queued as ...\" and 2.x.x delivery status codes.",
     "Nothing to do.", false, detail::br_retry::not_applicable, detail::br_actor::none},
    {bounce_reason::vacation, "vacation",
     "The message was delivered and the recipient's system sent an automatic reply (away, "
     "vacation).",
     "Auto-replies (RFC 3834 Auto-Submitted: auto-replied), not SMTP replies; classify never "
     "gives it for a reply.",
     "Nothing to do: do not count it as a bounce.", false, detail::br_retry::not_applicable,
     detail::br_actor::none},
    {bounce_reason::feedback, "feedback",
     "The message was delivered and a recipient or mailbox provider reported it, usually as "
     "spam, in a feedback report.",
     "Abuse Reporting Format reports (RFC 5965), not SMTP replies; classify never gives it for a "
     "reply.",
     "Stop mailing the person who complained and look at why the mail was unwanted.", false,
     detail::br_retry::not_applicable, detail::br_actor::none},
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
