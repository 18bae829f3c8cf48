/**
 * @file classify.hpp
 * @brief Classifies a reply into a bounce reason (bounce_reason.hpp): hard or soft, retry
 *        advice, who must act, a fix, and the evidence that decided it — from a parsed reply,
 *        a reply found in free text, or its parts.
 *
 * Evidence is combined by an ordered constexpr rule table (no regex, no allocation,
 * case-insensitive); the caller's own rules are consulted first. Includes bounce_reason.hpp,
 * providers.hpp, reply.hpp, find.hpp, enhanced_status.hpp, detail/table.hpp, detail/ascii.hpp.
 * Everything here is constexpr, never allocates and never throws.
 *
 * Order of evidence (the first that decides wins; docs/classify.md has the reasoning):
 *  1. The caller's rules, in their order (always, even for a 2yz).
 *  2. A 2yz reply is `delivered`; a 3yz is `undefined` (not an outcome: retry not_applicable).
 *     "The reply's class" is the basic code's first digit, else the enhanced code's class.
 *  3. A provider entry: `find_provider_code(code, enhanced, text, remote_host)` (providers.hpp);
 *     its reason, its fix, `provider_entry`, evidence `provider_code`.
 *  4. The built-in table (`builtin_classify_rules()`), one ordered list in six tiers:
 *     a. specific phrases ("mailbox full", "user unknown", "relay access denied", "spamhaus"...);
 *     b. specific enhanced codes (X.1.1, X.2.2, X.7.25... RFC 3463 and the IANA registry);
 *     c. specific basic codes (521, 556, 551, 530, 535, 500-504, 552 after MAIL...);
 *     d. generic phrases ("does not exist", "quota", "spam", "blocked", "policy"...);
 *     e. generic enhanced codes (a whole subject: X.3.x, X.4.x, X.5.x, X.6.x, X.7.x);
 *     f. generic basic codes (421, 451, 452, 552, 554 in the greeting, 5yz after MAIL).
 *  5. Nothing matched: `undefined`, evidence `none`.
 *
 * Conflicts: a specific phrase beats every code, so "550 5.1.1 Mailbox full" is `mailboxfull`
 * (when text and code disagree, a precise text is the better witness, and here it keeps a good
 * address from being suppressed); a generic word ("blocked", "spam") beats only the generic codes
 * (X.7.1, X.7.0, 421, 554), so "550 5.1.1 User unknown; blocked" stays `userunknown`. Within a
 * tier the first rule in the table wins, whatever the phrases' positions in the text. Texts about
 * the sender or the client ("Sender address rejected: Domain not found", "Helo command
 * rejected") are tried before the recipient's. "mailbox unavailable" (RFC 5321's sample text for
 * 550, sent for policy refusals too) is no phrase, and a bare 550 after RCPT stays `undefined`
 * rather than risk a false hard bounce. X.7.27 (the sender's domain has a null MX, RFC 7505 §4)
 * is `rejected`, not `notaccept`.
 *
 * Phrases: matched without regard to ASCII case, at the start of a word (a phrase that starts
 * with a letter or digit does not match after a letter or digit: "spam" is not found in
 * "antispam"), anywhere after that ("quota" matches "quotas"); no built-in phrase spans lines.
 * Texts searched: `classify_input::text`; each line's message (`reply_view::message`) of a
 * reply_view; a found_reply's `text`, or its whole `match` when it has several lines.
 *
 * Hard, retry and actor come from the reason (bounce_reason.hpp), then the reply's class:
 *  - 4yz: never hard, and `never` becomes `retry_with_backoff` (RFC 5321 §4.2.1: the condition
 *    is temporary; a "450 4.1.1 User unknown" is a receiver that cannot check the address yet);
 *  - 5yz: `retry_with_backoff` becomes `retry_after_fix` (RFC 5321 §4.2.1: resending unchanged
 *    fails again; "552 Mailbox full" needs the recipient to make room first);
 *  - no code at all (a text alone): the reason's own values.
 */
#ifndef SMTPCODES_CLASSIFY_HPP
#define SMTPCODES_CLASSIFY_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "bounce_reason.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/table.hpp"
#include "enhanced_status.hpp"
#include "find.hpp"
#include "providers.hpp"
#include "reply.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/**
 * Which enhanced codes a rule accepts: `klass` 2, 4 or 5, or 0 for any class; `subject` and
 * `detail` a number, or `any`. `{0, 1, 1}` is X.1.1, `{5, 7, 1}` exactly 5.7.1, `{0, 7}` any
 * X.7.x, `{}` any code or none.
 */
struct enhanced_pattern {
  static constexpr std::uint16_t any = 0xFFFF;
  std::uint8_t klass = 0;
  std::uint16_t subject = any;
  std::uint16_t detail = any;

  /// Accepts everything, including a reply with no enhanced code.
  [[nodiscard]] constexpr bool is_any() const noexcept {
    return klass == 0 && subject == any && detail == any;
  }
  /// `code` fits the pattern (class, subject and detail as given).
  [[nodiscard]] constexpr bool matches(const enhanced_status& code) const noexcept {
    return (klass == 0 || klass == code.klass) && (subject == any || subject == code.subject) &&
           (detail == any || detail == code.detail);
  }
};

/**
 * One classification rule: when every condition given holds, the reply gets `reason`.
 * Conditions left at their defaults accept anything:
 *  - `phrase`: must appear in the text (case-insensitive, at a word start; see the file comment);
 *  - `code`: 0 any; 2 to 5 the class digit only (4 is every 4yz); else the exact code (550);
 *  - `enhanced`: an `enhanced_pattern`; a rule that sets one needs a reply with an enhanced code;
 *  - `command`: the command the reply answered; `none` any.
 * Aggregate: `{bounce_reason::blocked, "our blocklist"}`,
 * `{bounce_reason::mailboxfull, {}, 552, {}, answered_command::rcpt}`, or with the setters:
 * `classify_rule{bounce_reason::blocked}.with_code(554).with_command(answered_command::connect)`.
 * A rule with no condition matches every reply.
 */
struct classify_rule {
  bounce_reason reason = bounce_reason::undefined;
  std::string_view phrase{};
  std::uint16_t code = 0;
  enhanced_pattern enhanced{};
  answered_command command = answered_command::none;

  [[nodiscard]] constexpr classify_rule with_phrase(std::string_view p) const noexcept {
    classify_rule r = *this;
    r.phrase = p;
    return r;
  }
  [[nodiscard]] constexpr classify_rule with_code(std::uint16_t c) const noexcept {
    classify_rule r = *this;
    r.code = c;
    return r;
  }
  [[nodiscard]] constexpr classify_rule with_enhanced(enhanced_pattern e) const noexcept {
    classify_rule r = *this;
    r.enhanced = e;
    return r;
  }
  [[nodiscard]] constexpr classify_rule with_command(answered_command c) const noexcept {
    classify_rule r = *this;
    r.command = c;
    return r;
  }
};

/// A view of the caller's rules: an array (`classify(in, my_rules)`), a pointer and a count, or
/// a `table_range`. The rules must live for the call.
struct classify_rules {
  const classify_rule* data = nullptr;
  std::size_t size = 0;

  constexpr classify_rules() noexcept = default;
  constexpr classify_rules(const classify_rule* rules, std::size_t count) noexcept
      : data(rules), size(count) {}
  template <std::size_t N>
  constexpr classify_rules(const classify_rule (&rules)[N]) noexcept  // NOLINT: implicit
      : data(rules), size(N) {}
  constexpr classify_rules(table_range<classify_rule> rules) noexcept  // NOLINT: implicit
      : data(rules.first), size(rules.size()) {}
};

/// The parts of a reply classify reads. Views need live only for the call.
struct classify_input {
  std::optional<reply_code> code;
  std::optional<enhanced_status> enhanced;
  std::string_view text;
  answered_command command = answered_command::none;
  std::string_view remote_host;  ///< Optional: the host that gave the reply.
};

/// What decided the classification.
enum class classify_evidence : std::uint8_t {
  none,           ///< Nothing matched: `undefined`.
  caller_rule,    ///< One of the caller's rules.
  provider_code,  ///< A provider-specific code or text (providers.hpp).
  phrase,         ///< A phrase in the text.
  enhanced_code,  ///< The enhanced status code.
  basic_code,     ///< The basic reply code (with the command it answered).
  message,        ///< The kind of message or the DSN's Action, not a reply (`classify_as`).
};

/// "none", "caller_rule", "provider_code", "phrase", "enhanced_code", "basic_code", "message".
[[nodiscard]] constexpr std::string_view to_string(classify_evidence e) noexcept {
  switch (e) {
    case classify_evidence::caller_rule:
      return "caller_rule";
    case classify_evidence::provider_code:
      return "provider_code";
    case classify_evidence::phrase:
      return "phrase";
    case classify_evidence::enhanced_code:
      return "enhanced_code";
    case classify_evidence::basic_code:
      return "basic_code";
    case classify_evidence::message:
      return "message";
    case classify_evidence::none:
      break;
  }
  return "none";
}

/// The answer. `info` is never null; `provider_entry` is set when a provider entry matched.
struct [[nodiscard]] classification {
  bounce_reason reason = bounce_reason::undefined;
  bool hard = false;
  bounce_retry retry = bounce_retry::retry_with_backoff;
  bounce_actor actor = bounce_actor::unknown;
  const bounce_reason_info* info = nullptr;
  provider who = provider::none;
  const provider_code_info* provider_entry = nullptr;
  classify_evidence evidence = classify_evidence::none;
  std::string_view fix;  ///< The provider's fix when one matched, else the reason's.
};

namespace detail {

// ---- the built-in rules -------------------------------------------------------------------

constexpr classify_rule cl_phrase(bounce_reason r, std::string_view phrase) noexcept {
  return classify_rule{r, phrase, 0, {}, answered_command::none};
}
constexpr classify_rule cl_enhanced(bounce_reason r, std::uint8_t klass, std::uint16_t subject,
                                    std::uint16_t detail = enhanced_pattern::any,
                                    answered_command c = answered_command::none) noexcept {
  return classify_rule{r, {}, 0, enhanced_pattern{klass, subject, detail}, c};
}
constexpr classify_rule cl_basic(bounce_reason r, std::uint16_t code,
                                 answered_command c = answered_command::none) noexcept {
  return classify_rule{r, {}, code, {}, c};
}

using cl_br = bounce_reason;
using cl_ac = answered_command;
inline constexpr std::uint16_t cl_any = enhanced_pattern::any;

// clang-format off
inline constexpr classify_rule builtin_rules[] = {
    // ---- a. specific phrases --------------------------------------------------------------
    // Replies about the client or the envelope sender come first: their texts also say
    // "domain not found" or "user unknown", which are about the sender there (Postfix's
    // "Sender address rejected: Domain not found", "Helo command rejected: Host not found").
    cl_phrase(cl_br::rejected, "sender address rejected"),
    cl_phrase(cl_br::rejected, "sender rejected"),
    cl_phrase(cl_br::rejected, "sender denied"),
    cl_phrase(cl_br::rejected, "sender verify failed"),
    cl_phrase(cl_br::rejected, "sender verification failed"),
    cl_phrase(cl_br::rejected, "helo command rejected"),
    cl_phrase(cl_br::requireptr, "cannot find your hostname"),
    cl_phrase(cl_br::requireptr, "cannot find your reverse hostname"),
    // A recipient's filter names the sender: before "does not accept mail".
    cl_phrase(cl_br::filtered, "does not accept mail from"),
    cl_phrase(cl_br::notaccept, "does not accept mail"),  // RFC 7504 §3's 521 wording
    cl_phrase(cl_br::notaccept, "accepts no mail"),
    // The sender's own allowance: before the mailbox quotas.
    cl_phrase(cl_br::speeding, "sending quota"),
    cl_phrase(cl_br::speeding, "sending limit"),
    cl_phrase(cl_br::speeding, "submission quota"),           // Exchange Online 5.2.2
    cl_phrase(cl_br::speeding, "receiving mail too quickly"),  // Gmail 4.2.1
    cl_phrase(cl_br::speeding, "receiving mail at a rate"),    // Gmail 4.2.1
    cl_phrase(cl_br::speeding, "relay limit exceeded"),        // Gmail 4.2.1
    cl_phrase(cl_br::speeding, "thread limit exceeded"),       // Exchange Online 4.3.2
    cl_phrase(cl_br::speeding, "excessive volume"),
    cl_phrase(cl_br::badreputation, "unusual rate of unsolicited mail"),  // Gmail 4.7.0
    cl_phrase(cl_br::toomanyconn, "too many sessions"),
    // Exchange Online's directory-based edge blocking: the recipient is not in the directory.
    cl_phrase(cl_br::userunknown, "recipient address rejected: access denied"),
    // Exchange's 5.1.10 "RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address
    // lookup": Microsoft's own use of X.1.10, which IANA registers for a null MX (RFC 7505).
    cl_phrase(cl_br::userunknown, "recipientnotfound"),
    cl_phrase(cl_br::securityerror, "client was not authenticated"),
    cl_phrase(cl_br::syntaxerror, "protocol violation"),
    cl_phrase(cl_br::hostunknown, "host or domain name not found"),  // Postfix
    cl_phrase(cl_br::hostunknown, "domain not found"),
    cl_phrase(cl_br::hostunknown, "domain does not exist"),
    cl_phrase(cl_br::hostunknown, "no such domain"),
    cl_phrase(cl_br::hostunknown, "host not found"),
    cl_phrase(cl_br::hostunknown, "host unknown"),
    cl_phrase(cl_br::hostunknown, "unrouteable address"),  // Exim: the domain does not resolve
    cl_phrase(cl_br::hostunknown, "unroutable address"),
    cl_phrase(cl_br::mailboxfull, "mailbox full"),
    cl_phrase(cl_br::mailboxfull, "mailbox is full"),
    cl_phrase(cl_br::mailboxfull, "mailbox has exceeded"),
    cl_phrase(cl_br::mailboxfull, "mailbox size limit"),
    cl_phrase(cl_br::mailboxfull, "over quota"),
    cl_phrase(cl_br::mailboxfull, "overquota"),
    cl_phrase(cl_br::mailboxfull, "quota exceeded"),
    cl_phrase(cl_br::mailboxfull, "exceeded storage allocation"),  // RFC 5321 §4.2.2, 552
    cl_phrase(cl_br::suspend, "account disabled"),
    cl_phrase(cl_br::suspend, "account is disabled"),
    cl_phrase(cl_br::suspend, "account has been disabled"),
    cl_phrase(cl_br::suspend, "account suspended"),
    cl_phrase(cl_br::suspend, "account is suspended"),
    cl_phrase(cl_br::suspend, "account has been suspended"),
    cl_phrase(cl_br::suspend, "mailbox disabled"),
    cl_phrase(cl_br::suspend, "mailbox is disabled"),
    cl_phrase(cl_br::suspend, "account is inactive"),
    cl_phrase(cl_br::suspend, "inactive account"),
    cl_phrase(cl_br::userunknown, "user unknown"),
    cl_phrase(cl_br::userunknown, "unknown user"),
    cl_phrase(cl_br::userunknown, "no such user"),
    cl_phrase(cl_br::userunknown, "no such mailbox"),
    cl_phrase(cl_br::userunknown, "no such recipient"),
    cl_phrase(cl_br::userunknown, "unknown recipient"),
    cl_phrase(cl_br::userunknown, "recipient unknown"),
    cl_phrase(cl_br::userunknown, "user not found"),
    cl_phrase(cl_br::userunknown, "recipient not found"),
    cl_phrase(cl_br::userunknown, "mailbox not found"),
    cl_phrase(cl_br::userunknown, "mailbox does not exist"),
    cl_phrase(cl_br::userunknown, "user does not exist"),
    cl_phrase(cl_br::userunknown, "account does not exist"),
    cl_phrase(cl_br::userunknown, "address does not exist"),
    cl_phrase(cl_br::userunknown, "recipient does not exist"),
    cl_phrase(cl_br::userunknown, "invalid recipient"),
    cl_phrase(cl_br::userunknown, "unknown or illegal alias"),
    cl_phrase(cl_br::userunknown, "no mailbox here"),
    cl_phrase(cl_br::hasmoved, "mailbox has moved"),
    cl_phrase(cl_br::hasmoved, "address has moved"),
    cl_phrase(cl_br::hasmoved, "user has moved"),
    cl_phrase(cl_br::exceedlimit, "message length exceeds"),  // X.2.3's registry wording
    cl_phrase(cl_br::exceedlimit, "too many recipients"),     // RFC 5321 §4.5.3.1.10
    cl_phrase(cl_br::mesgtoobig, "message too large"),
    cl_phrase(cl_br::mesgtoobig, "message too big"),
    cl_phrase(cl_br::mesgtoobig, "message is too large"),
    cl_phrase(cl_br::mesgtoobig, "message is too big"),
    cl_phrase(cl_br::mesgtoobig, "message size exceeds"),
    cl_phrase(cl_br::mesgtoobig, "message size limit"),
    cl_phrase(cl_br::mesgtoobig, "maximum message size"),
    cl_phrase(cl_br::norelaying, "relay access denied"),
    cl_phrase(cl_br::norelaying, "relaying denied"),
    cl_phrase(cl_br::norelaying, "relay denied"),
    cl_phrase(cl_br::norelaying, "relay not permitted"),
    cl_phrase(cl_br::norelaying, "relaying not permitted"),
    cl_phrase(cl_br::norelaying, "relay not allowed"),
    cl_phrase(cl_br::norelaying, "relaying not allowed"),
    cl_phrase(cl_br::norelaying, "not permitted to relay"),
    cl_phrase(cl_br::norelaying, "unable to relay"),
    cl_phrase(cl_br::norelaying, "we do not relay"),
    cl_phrase(cl_br::requireptr, "reverse dns"),
    cl_phrase(cl_br::requireptr, "reverse hostname"),
    cl_phrase(cl_br::requireptr, "reverse lookup"),
    cl_phrase(cl_br::requireptr, "ptr record"),
    cl_phrase(cl_br::requireptr, "rdns"),
    cl_phrase(cl_br::authfailure, "spf"),
    cl_phrase(cl_br::authfailure, "sender policy framework"),
    cl_phrase(cl_br::authfailure, "dkim"),
    cl_phrase(cl_br::authfailure, "dmarc"),
    cl_phrase(cl_br::badreputation, "reputation"),
    cl_phrase(cl_br::blocked, "blocked using"),  // Postfix's DNSBL wording
    cl_phrase(cl_br::blocked, "spamhaus"),
    cl_phrase(cl_br::blocked, "spamcop"),
    cl_phrase(cl_br::blocked, "barracuda"),
    cl_phrase(cl_br::blocked, "sorbs"),
    cl_phrase(cl_br::blocked, "dnsbl"),
    cl_phrase(cl_br::blocked, "blocklist"),
    cl_phrase(cl_br::blocked, "blacklist"),
    cl_phrase(cl_br::blocked, "block list"),
    cl_phrase(cl_br::blocked, "black list"),
    cl_phrase(cl_br::blocked, "denylist"),
    cl_phrase(cl_br::blocked, "deny list"),
    cl_phrase(cl_br::blocked, "listed in"),
    cl_phrase(cl_br::blocked, "listed at"),
    cl_phrase(cl_br::blocked, "listed on"),
    cl_phrase(cl_br::blocked, "client host rejected"),
    cl_phrase(cl_br::virusdetected, "virus"),
    cl_phrase(cl_br::virusdetected, "malware"),
    cl_phrase(cl_br::virusdetected, "infected"),
    cl_phrase(cl_br::notcompliantrfc, "rfc 5322"),
    cl_phrase(cl_br::notcompliantrfc, "rfc5322"),
    cl_phrase(cl_br::notcompliantrfc, "rfc 2822"),
    cl_phrase(cl_br::notcompliantrfc, "rfc2822"),
    cl_phrase(cl_br::notcompliantrfc, "rfc 822"),
    cl_phrase(cl_br::notcompliantrfc, "rfc822"),
    cl_phrase(cl_br::notcompliantrfc, "duplicate header"),
    cl_phrase(cl_br::securityerror, "authentication required"),
    cl_phrase(cl_br::securityerror, "must authenticate"),
    cl_phrase(cl_br::securityerror, "authentication failed"),
    cl_phrase(cl_br::securityerror, "authentication credentials invalid"),
    cl_phrase(cl_br::securityerror, "must issue a starttls"),  // RFC 3207 §4's 530 wording
    cl_phrase(cl_br::securityerror, "tls required"),
    cl_phrase(cl_br::securityerror, "tls is required"),
    cl_phrase(cl_br::securityerror, "encryption required"),
    cl_phrase(cl_br::securityerror, "encryption needed"),
    cl_phrase(cl_br::failedstarttls, "tls negotiation failed"),
    cl_phrase(cl_br::failedstarttls, "tls handshake"),
    cl_phrase(cl_br::failedstarttls, "ssl handshake"),
    cl_phrase(cl_br::failedstarttls, "certificate"),
    cl_phrase(cl_br::toomanyconn, "too many connections"),
    cl_phrase(cl_br::toomanyconn, "too many concurrent"),
    cl_phrase(cl_br::toomanyconn, "connection limit"),
    cl_phrase(cl_br::speeding, "rate limit"),
    cl_phrase(cl_br::speeding, "ratelimit"),
    cl_phrase(cl_br::speeding, "rate-limit"),
    cl_phrase(cl_br::speeding, "too many messages"),
    cl_phrase(cl_br::speeding, "sending rate"),
    cl_phrase(cl_br::speeding, "too fast"),
    cl_phrase(cl_br::speeding, "slow down"),
    cl_phrase(cl_br::speeding, "throttl"),
    cl_phrase(cl_br::syntaxerror, "syntax error"),
    cl_phrase(cl_br::syntaxerror, "unrecognized command"),
    cl_phrase(cl_br::syntaxerror, "command not recognized"),
    cl_phrase(cl_br::syntaxerror, "command unrecognized"),
    cl_phrase(cl_br::syntaxerror, "bad sequence of commands"),  // RFC 5321 §4.2.2, 503
    cl_phrase(cl_br::systemfull, "insufficient system storage"),  // RFC 5321 §4.2.2, 452
    cl_phrase(cl_br::systemfull, "insufficient storage"),
    cl_phrase(cl_br::systemfull, "disk full"),
    cl_phrase(cl_br::systemfull, "no space left"),
    cl_phrase(cl_br::networkerror, "connection timed out"),
    cl_phrase(cl_br::networkerror, "connection refused"),
    cl_phrase(cl_br::networkerror, "no route to host"),
    cl_phrase(cl_br::networkerror, "network is unreachable"),
    cl_phrase(cl_br::networkerror, "host is unreachable"),
    cl_phrase(cl_br::networkerror, "loop detected"),
    cl_phrase(cl_br::networkerror, "mail loop"),
    cl_phrase(cl_br::networkerror, "routing loop"),
    cl_phrase(cl_br::networkerror, "too many hops"),
    cl_phrase(cl_br::expired, "retry timeout exceeded"),  // Exim
    cl_phrase(cl_br::expired, "message expired"),
    cl_phrase(cl_br::expired, "delivery time expired"),
    cl_phrase(cl_br::onhold, "greylist"),
    cl_phrase(cl_br::onhold, "graylist"),
    cl_phrase(cl_br::onhold, "held for review"),
    cl_phrase(cl_br::suppressed, "suppression list"),
    cl_phrase(cl_br::mailererror, "mailer error"),

    // ---- b. specific enhanced codes (RFC 3463, the IANA registry) --------------------------
    cl_enhanced(cl_br::userunknown, 0, 1, 1),    // RFC 3463 §3.2: bad destination mailbox
    cl_enhanced(cl_br::hostunknown, 0, 1, 2),    // RFC 3463 §3.2: bad destination system
    cl_enhanced(cl_br::syntaxerror, 0, 1, 3),    // RFC 3463 §3.2: bad destination address syntax
    cl_enhanced(cl_br::hasmoved, 0, 1, 6),       // RFC 3463 §3.2: mailbox has moved
    cl_enhanced(cl_br::rejected, 0, 1, 7),       // RFC 3463 §3.2: bad sender's address syntax
    cl_enhanced(cl_br::rejected, 0, 1, 8),       // RFC 3463 §3.2: bad sender's system address
    cl_enhanced(cl_br::notaccept, 0, 1, 10),     // RFC 7505 §4, RFC 7504 §4: recipient null MX
    cl_enhanced(cl_br::suspend, 0, 2, 1),        // RFC 3463 §3.3: mailbox disabled
    cl_enhanced(cl_br::mailboxfull, 0, 2, 2),    // RFC 3463 §3.3: mailbox full
    cl_enhanced(cl_br::exceedlimit, 0, 2, 3),    // RFC 3463 §3.3: over an administrative limit
    cl_enhanced(cl_br::mailererror, 0, 2, 4),    // RFC 3463 §3.3: mailing list expansion problem
    cl_enhanced(cl_br::systemfull, 0, 3, 1),     // RFC 3463 §3.4: mail system full
    cl_enhanced(cl_br::notaccept, 5, 3, 2),      // RFC 3463 §3.4, RFC 7504 §3: accepts no mail
    cl_enhanced(cl_br::systemerror, 0, 3, 2),    // RFC 3463 §3.4: not accepting, for now (4.3.2)
    cl_enhanced(cl_br::mesgtoobig, 0, 3, 4),     // RFC 3463 §3.4: message too big for system
    cl_enhanced(cl_br::networkerror, 0, 4, 1),   // RFC 3463 §3.5: no answer from host
    cl_enhanced(cl_br::networkerror, 0, 4, 2),   // RFC 3463 §3.5: bad connection
    cl_enhanced(cl_br::networkerror, 0, 4, 3),   // RFC 3463 §3.5: directory server failure
    cl_enhanced(cl_br::networkerror, 0, 4, 4),   // RFC 3463 §3.5: unable to route
    cl_enhanced(cl_br::systemerror, 0, 4, 5),    // RFC 3463 §3.5: mail system congestion
    cl_enhanced(cl_br::networkerror, 0, 4, 6),   // RFC 3463 §3.5: routing loop
    cl_enhanced(cl_br::expired, 0, 4, 7),        // RFC 3463 §3.5: delivery time expired
    cl_enhanced(cl_br::exceedlimit, 0, 5, 3),    // RFC 3463 §3.6: too many recipients
    cl_enhanced(cl_br::filtered, 0, 7, 2),       // RFC 3463 §3.8: list expansion prohibited
    cl_enhanced(cl_br::securityerror, 0, 7, 3),  // RFC 3463 §3.8: security conversion impossible
    cl_enhanced(cl_br::securityerror, 0, 7, 4),  // RFC 3463 §3.8: security features unsupported
    cl_enhanced(cl_br::securityerror, 0, 7, 5),  // RFC 3463 §3.8: cryptographic failure
    cl_enhanced(cl_br::securityerror, 0, 7, 6),  // RFC 3463 §3.8: algorithm not supported
    cl_enhanced(cl_br::securityerror, 0, 7, 7),  // RFC 3463 §3.8: message integrity failure
    cl_enhanced(cl_br::securityerror, 0, 7, 8),  // RFC 4954 §6: credentials invalid
    cl_enhanced(cl_br::securityerror, 0, 7, 9),  // RFC 4954 §6: mechanism too weak
    cl_enhanced(cl_br::securityerror, 0, 7, 10), // RFC 5248: encryption needed
    cl_enhanced(cl_br::securityerror, 0, 7, 11), // RFC 4954 §6: encryption required for mechanism
    cl_enhanced(cl_br::securityerror, 0, 7, 12), // RFC 4954 §6: password transition needed
    cl_enhanced(cl_br::securityerror, 0, 7, 13), // RFC 5248: (client's) user account disabled
    cl_enhanced(cl_br::securityerror, 0, 7, 14), // RFC 5248: trust relationship required
    cl_enhanced(cl_br::policyviolation, 0, 7, 15),  // RFC 6710: priority level too low
    cl_enhanced(cl_br::mesgtoobig, 0, 7, 16),    // RFC 6710: too big for the priority
    cl_enhanced(cl_br::hasmoved, 0, 7, 17),      // RFC 7293: mailbox owner has changed
    cl_enhanced(cl_br::hasmoved, 0, 7, 18),      // RFC 7293: domain owner has changed
    cl_enhanced(cl_br::authfailure, 0, 7, 20),   // RFC 7372: no passing DKIM signature
    cl_enhanced(cl_br::authfailure, 0, 7, 21),   // RFC 7372: no acceptable DKIM signature
    cl_enhanced(cl_br::authfailure, 0, 7, 22),   // RFC 7372: no author-matched DKIM signature
    cl_enhanced(cl_br::authfailure, 0, 7, 23),   // RFC 7372: SPF validation failed
    cl_enhanced(cl_br::authfailure, 0, 7, 24),   // RFC 7372: SPF validation error
    cl_enhanced(cl_br::requireptr, 0, 7, 25),    // RFC 7372 §3.3: reverse DNS validation failed
    cl_enhanced(cl_br::authfailure, 0, 7, 26),   // RFC 7372: multiple authentication checks
    cl_enhanced(cl_br::rejected, 0, 7, 27),      // RFC 7505 §4: the SENDER's domain has null MX
    cl_enhanced(cl_br::speeding, 0, 7, 28),      // IANA registry: mail flood detected
    cl_enhanced(cl_br::authfailure, 0, 7, 29),   // RFC 8617: ARC validation failure
    cl_enhanced(cl_br::failedstarttls, 0, 7, 30),  // RFC 8689: REQUIRETLS support required

    // ---- c. specific basic codes ---------------------------------------------------------
    cl_basic(cl_br::failedstarttls, 0, cl_ac::starttls),  // RFC 3207 §4: STARTTLS itself refused
    cl_basic(cl_br::securityerror, 0, cl_ac::auth),       // RFC 4954 §6: AUTH itself refused
    cl_basic(cl_br::notaccept, 521),                   // RFC 7504 §3: host accepts no mail
    cl_basic(cl_br::notaccept, 556),                   // RFC 7504 §4: domain accepts no mail
    cl_basic(cl_br::hasmoved, 551),                    // RFC 5321 §3.4: user not local
    cl_basic(cl_br::securityerror, 432),               // RFC 4954 §6: password transition
    cl_basic(cl_br::securityerror, 530),               // RFC 4954 §6, RFC 3207 §4
    cl_basic(cl_br::securityerror, 534),               // RFC 4954 §6: mechanism too weak
    cl_basic(cl_br::securityerror, 535),               // RFC 4954 §6: credentials invalid
    cl_basic(cl_br::securityerror, 538),               // RFC 4954 §6: encryption required
    cl_basic(cl_br::syntaxerror, 500),                 // RFC 5321 §4.2.2
    cl_basic(cl_br::syntaxerror, 501),
    cl_basic(cl_br::syntaxerror, 502),
    cl_basic(cl_br::syntaxerror, 503),
    cl_basic(cl_br::syntaxerror, 504),
    cl_basic(cl_br::syntaxerror, 555),
    cl_basic(cl_br::mesgtoobig, 552, cl_ac::mail),        // RFC 1870 §6: over the fixed maximum
    cl_basic(cl_br::mesgtoobig, 552, cl_ac::data),
    cl_basic(cl_br::mesgtoobig, 552, cl_ac::bdat),
    cl_basic(cl_br::systemfull, 452, cl_ac::mail),        // RFC 1870 §6: no room for it now
    cl_basic(cl_br::exceedlimit, 452, cl_ac::rcpt),       // RFC 5321 §4.5.3.1.10: too many recipients

    // ---- d. generic phrases --------------------------------------------------------------
    cl_phrase(cl_br::userunknown, "does not exist"),
    cl_phrase(cl_br::mailboxfull, "quota"),
    cl_phrase(cl_br::mesgtoobig, "size limit"),
    cl_phrase(cl_br::mesgtoobig, "too large"),
    cl_phrase(cl_br::mesgtoobig, "too big"),
    cl_phrase(cl_br::spamdetected, "spam"),
    cl_phrase(cl_br::spamdetected, "unsolicited"),
    cl_phrase(cl_br::spamdetected, "junk mail"),
    cl_phrase(cl_br::onhold, "quarantine"),
    cl_phrase(cl_br::blocked, "blocked"),
    cl_phrase(cl_br::blocked, "banned"),
    cl_phrase(cl_br::policyviolation, "policy"),
    cl_phrase(cl_br::policyviolation, "attachment"),
    cl_phrase(cl_br::contenterror, "malformed"),
    cl_phrase(cl_br::contenterror, "mime"),
    cl_phrase(cl_br::filtered, "filtered"),
    cl_phrase(cl_br::syntaxerror, "syntax"),
    cl_phrase(cl_br::securityerror, "starttls"),
    cl_phrase(cl_br::securityerror, "authentication"),
    cl_phrase(cl_br::networkerror, "timed out"),
    cl_phrase(cl_br::networkerror, "timeout"),
    cl_phrase(cl_br::networkerror, "dns"),
    cl_phrase(cl_br::expired, "expired"),
    cl_phrase(cl_br::suppressed, "suppressed"),
    cl_phrase(cl_br::systemerror, "local error"),  // RFC 5321 §4.2.2's 451 wording
    cl_phrase(cl_br::systemerror, "internal error"),
    cl_phrase(cl_br::systemerror, "system error"),
    cl_phrase(cl_br::systemerror, "server error"),

    // ---- e. generic enhanced codes (a whole subject) -------------------------------------
    cl_enhanced(cl_br::rejected, 0, 1, cl_any, cl_ac::mail),  // RFC 3463 §3.2: the sender's address
    cl_enhanced(cl_br::blocked, 0, 7, 1, cl_ac::connect),     // RFC 3463 §3.8 in the greeting
    cl_enhanced(cl_br::systemerror, 0, 3),                 // RFC 3463 §3.4: mail system status
    cl_enhanced(cl_br::networkerror, 0, 4),                // RFC 3463 §3.5: network and routing
    cl_enhanced(cl_br::syntaxerror, 0, 5),                 // RFC 3463 §3.6: mail delivery protocol
    cl_enhanced(cl_br::contenterror, 0, 6),                // RFC 3463 §3.7: message content or media
    cl_enhanced(cl_br::rejected, 0, 7),                    // RFC 3463 §3.8: security or policy

    // ---- f. generic basic codes ----------------------------------------------------------
    cl_basic(cl_br::blocked, 554, cl_ac::connect),  // RFC 5321 §3.1: no service for this client
    cl_basic(cl_br::rejected, 5, cl_ac::mail),      // RFC 5321 §4.2.2: the sender was refused
    cl_basic(cl_br::systemerror, 421),           // RFC 5321 §4.2.2: service not available
    cl_basic(cl_br::systemerror, 451),           // RFC 5321 §4.2.2: local error in processing
    cl_basic(cl_br::systemfull, 452),            // RFC 5321 §4.2.2: insufficient system storage
    cl_basic(cl_br::mailboxfull, 552),           // RFC 5321 §4.2.2: exceeded storage allocation
};
// clang-format on

inline constexpr std::size_t builtin_rule_count = sizeof(builtin_rules) / sizeof(builtin_rules[0]);

constexpr bool cl_word_char(char c) noexcept {
  return is_alnum_ascii(c);
}

/// Proves the built-in table well formed: every rule has a condition, phrases are lower case
/// and non-empty, and no rule gives `undefined`, `vacation` or `feedback`.
constexpr bool builtin_rules_ok() noexcept {
  for (const classify_rule& r : builtin_rules) {
    if (r.reason == bounce_reason::undefined || r.reason == bounce_reason::vacation ||
        r.reason == bounce_reason::feedback || r.reason == bounce_reason::delivered)
      return false;
    if (r.phrase.empty() && r.code == 0 && r.enhanced.is_any() &&
        r.command == answered_command::none)
      return false;
    for (const char c : r.phrase) {
      if (c >= 'A' && c <= 'Z') return false;
    }
    // The scan starts phrases at words, from their first three octets: a lower-case letter
    // first, three octets or more.
    if (!r.phrase.empty() && (r.phrase[0] < 'a' || r.phrase[0] > 'z')) return false;
    if (!r.phrase.empty() && (r.phrase.size() < 3 || r.phrase.size() > 255)) return false;
    if (!r.phrase.empty() &&
        (r.code != 0 || !r.enhanced.is_any() || r.command != answered_command::none))
      return false;  // the index below assumes phrase rules have no other condition
  }
  return true;  // unique phrases: checked while the index is built (cl_index::duplicate_phrase)
}
static_assert(builtin_rules_ok(),
              "builtin_rules: a condition in every rule, phrases lower case, "
              "3 to 255 octets, phrase rules have no code condition");
static_assert(builtin_rule_count < 0xFFFF, "rule indices are 16-bit");

/// Buckets of the code rules (no phrase): 0-63 by exact subject and detail; 64-71 by subject
/// (detail any); 72-135 by exact basic code (no enhanced condition); 136 the rest.
inline constexpr std::size_t cl_code_buckets = 137;
constexpr std::size_t cl_detail_bucket(std::uint16_t subject, std::uint16_t detail) noexcept {
  return (subject * 17U + detail) % 64U;
}
constexpr std::size_t cl_subject_bucket(std::uint16_t subject) noexcept {
  return 64U + subject % 8U;
}
constexpr std::size_t cl_basic_bucket(std::uint16_t code) noexcept {
  return 72U + code % 64U;
}
constexpr std::size_t cl_code_bucket_of(const classify_rule& r) noexcept {
  const enhanced_pattern& e = r.enhanced;
  if (e.subject != enhanced_pattern::any && e.detail != enhanced_pattern::any)
    return cl_detail_bucket(e.subject, e.detail);
  if (e.subject != enhanced_pattern::any) return cl_subject_bucket(e.subject);
  if (e.is_any() && r.code >= 100) return cl_basic_bucket(r.code);
  return 136;
}

/// Every built-in phrase has at least three octets (checked below), so its first three octets,
/// lower-cased, decide whether it can start at a word of a text: the phrases are kept in
/// buckets by a hash of those three octets, each bucket in table order.
inline constexpr std::size_t cl_prefix_buckets = 1024;
constexpr std::size_t cl_prefix_bucket(char a, char b, char c) noexcept {
  const std::uint32_t h = static_cast<unsigned char>(a) * 961U +
                          static_cast<unsigned char>(b) * 31U + static_cast<unsigned char>(c);
  return (h ^ (h >> 10)) % cl_prefix_buckets;
}

/// Octets in all the built-in phrases, each padded to whole 8-octet words.
constexpr std::size_t cl_phrase_words() noexcept {
  std::size_t n = 0;
  for (const classify_rule& r : builtin_rules) n += (r.phrase.size() + 7) / 8;
  return n;
}

/// Octets p[0..n) (n at most 8) as one little-endian word: the text and the phrases are packed
/// alike, so that eight octets compare at once.
constexpr std::uint64_t cl_pack(const char* p, std::size_t n) noexcept {
  std::uint64_t w = 0;
  for (std::size_t k = 0; k < n; ++k)
    w |= std::uint64_t{static_cast<unsigned char>(p[k])} << (8 * k);
  return w;
}

/// cl_pack(p, 8), in one load at run time on a little-endian target.
constexpr std::uint64_t cl_pack8(const char* p) noexcept {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (!SMTPCODES_IS_CONSTANT_EVALUATED()) {
    std::uint64_t w = 0;
    __builtin_memcpy(&w, p, sizeof w);
    return w;
  }
#endif
  return cl_pack(p, 8);
}

/// The eight octets of `w` with ASCII capitals made small, other octets kept (SWAR: no octet
/// carries into the next, since each sum stays below 0x100).
constexpr std::uint64_t cl_lower8(std::uint64_t w) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL;
  const std::uint64_t seven = w & (ones * 0x7F);
  const std::uint64_t at_least_a = seven + ones * (0x80 - 'A');
  const std::uint64_t above_z = seven + ones * (0x80 - 'Z' - 1);
  const std::uint64_t capital = at_least_a & ~above_z & ~w & (ones * 0x80);
  return w | (capital >> 2);
}

/**
 * The built-in phrases as searched: in buckets by their first three octets (`bucket_start`,
 * then `bucket_phrases`, each bucket in table order), each phrase packed into 8-octet words
 * (`words`, from `word_start[rule]`); and the code rules (no phrase) in buckets by the enhanced
 * or basic code they need, each bucket in table order, so that a reply is checked against a
 * handful of them. The result is the lowest table index that matches, as a walk through the
 * whole table in order would find.
 */
/// A phrase in its bucket: its first eight octets (fewer for a short phrase: `head_keep` masks
/// them), its rule and its length; most candidates fail on the head.
struct cl_phrase_entry {
  std::uint64_t head = 0;
  std::uint64_t head_keep = 0;
  std::uint16_t rule = 0;
  std::uint8_t size = 0;
};

constexpr std::uint64_t cl_keep(std::size_t len) noexcept {
  return len >= 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << (8 * len)) - 1;
}

struct cl_index {
  std::uint16_t bucket_start[cl_prefix_buckets + 1] = {};
  cl_phrase_entry bucket_phrases[builtin_rule_count] = {};
  std::uint16_t word_start[builtin_rule_count] = {};
  std::uint64_t words[cl_phrase_words() > 0 ? cl_phrase_words() : 1] = {};
  std::uint16_t code_start[cl_code_buckets + 1] = {};
  std::uint16_t code_rules[builtin_rule_count] = {};
  bool duplicate_phrase = false;
};

constexpr cl_index make_cl_index() noexcept {
  cl_index x{};
  // The phrases, packed, and bucketed by their first three octets.
  std::size_t at = 0;
  std::size_t counts[cl_prefix_buckets] = {};
  for (std::size_t i = 0; i < builtin_rule_count; ++i) {
    const std::string_view p = builtin_rules[i].phrase;
    x.word_start[i] = static_cast<std::uint16_t>(at);
    if (p.empty()) continue;
    for (std::size_t k = 0; k < p.size(); k += 8)
      x.words[at++] = cl_pack(p.data() + k, p.size() - k < 8 ? p.size() - k : 8);
    ++counts[cl_prefix_bucket(p[0], p[1], p[2])];
  }
  std::size_t placed = 0;
  for (std::size_t b = 0; b < cl_prefix_buckets; ++b) {
    x.bucket_start[b] = static_cast<std::uint16_t>(placed);
    placed += counts[b];
  }
  x.bucket_start[cl_prefix_buckets] = static_cast<std::uint16_t>(placed);
  std::size_t fill[cl_prefix_buckets] = {};
  for (std::size_t i = 0; i < builtin_rule_count; ++i) {
    const std::string_view p = builtin_rules[i].phrase;
    if (p.empty()) continue;
    const std::size_t b = cl_prefix_bucket(p[0], p[1], p[2]);
    const std::size_t first = x.bucket_start[b];
    for (std::size_t k = first; k < first + fill[b]; ++k) {
      if (builtin_rules[x.bucket_phrases[k].rule].phrase == p) x.duplicate_phrase = true;
    }
    cl_phrase_entry& e = x.bucket_phrases[first + fill[b]++];
    e.head = x.words[x.word_start[i]];
    e.head_keep = cl_keep(p.size());
    e.rule = static_cast<std::uint16_t>(i);
    e.size = static_cast<std::uint8_t>(p.size());
  }
  // The code rules, bucketed.
  std::size_t code_counts[cl_code_buckets] = {};
  for (const classify_rule& r : builtin_rules) {
    if (r.phrase.empty()) ++code_counts[cl_code_bucket_of(r)];
  }
  at = 0;
  for (std::size_t b = 0; b < cl_code_buckets; ++b) {
    x.code_start[b] = static_cast<std::uint16_t>(at);
    at += code_counts[b];
  }
  x.code_start[cl_code_buckets] = static_cast<std::uint16_t>(at);
  std::size_t code_fill[cl_code_buckets] = {};
  for (std::size_t i = 0; i < builtin_rule_count; ++i) {
    const classify_rule& r = builtin_rules[i];
    if (!r.phrase.empty()) continue;
    const std::size_t b = cl_code_bucket_of(r);
    x.code_rules[x.code_start[b] + code_fill[b]++] = static_cast<std::uint16_t>(i);
  }
  return x;
}

inline constexpr cl_index builtin_index = make_cl_index();
static_assert(!builtin_index.duplicate_phrase, "builtin_rules: a phrase appears twice");

// ---- matching -----------------------------------------------------------------------------

/// The parts of a reply the rules look at, normalised: `code` 0 when absent; an enhanced code
/// whose class disagrees with the basic code is dropped (RFC 3463 §2).
struct cl_facts {
  std::uint16_t code = 0;
  bool has_enhanced = false;
  enhanced_status enhanced{};
  answered_command command = answered_command::none;
  unsigned klass = 0;  // the reply's class: the code's first digit, else the enhanced class
};

// g++ 12 at -O2 reports the payload of a disengaged std::optional<reply_code> as "maybe used
// uninitialized" here after inlining, though it is read only when engaged (a false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
constexpr cl_facts make_cl_facts(const std::optional<reply_code>& code,
                                 const std::optional<enhanced_status>& enhanced,
                                 answered_command command) noexcept {
  cl_facts f;
  f.command = command;
  if (code && code->is_well_formed()) f.code = code->value();
  if (enhanced && enhanced->is_well_formed() &&
      (f.code == 0 || enhanced->matches(reply_code(f.code)))) {
    f.has_enhanced = true;
    f.enhanced = *enhanced;
  }
  f.klass = f.code != 0 ? f.code / 100U : f.has_enhanced ? f.enhanced.klass : 0U;
  return f;
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

/// The rule's conditions other than the phrase hold.
constexpr bool cl_codes_match(const classify_rule& r, const cl_facts& f) noexcept {
  if (r.code != 0) {
    if (f.code == 0) return false;
    if (r.code < 10 ? f.code / 100U != r.code : f.code != r.code) return false;
  }
  if (!r.enhanced.is_any() && !(f.has_enhanced && r.enhanced.matches(f.enhanced))) return false;
  return r.command == answered_command::none || r.command == f.command;
}

/// `phrase` (any case) at `text[i]`; `phrase` is not empty and fits.
constexpr bool cl_phrase_at(std::string_view text, std::size_t i,
                            std::string_view phrase) noexcept {
  for (std::size_t k = 1; k < phrase.size(); ++k) {
    if (to_lower_ascii(text[i + k]) != to_lower_ascii(phrase[k])) return false;
  }
  return true;
}

/// `phrase` appears in `text` at a word start (see the file comment). Empty: true.
constexpr bool cl_contains(std::string_view text, std::string_view phrase) noexcept {
  if (phrase.empty()) return true;
  if (phrase.size() > text.size()) return false;
  const char first = to_lower_ascii(phrase[0]);
  const bool word = cl_word_char(first);
  for (std::size_t i = 0; i + phrase.size() <= text.size(); ++i) {
    if (to_lower_ascii(text[i]) != first) continue;
    if (word && i > 0 && cl_word_char(text[i - 1])) continue;
    if (cl_phrase_at(text, i, phrase)) return true;
  }
  return false;
}

/// The phrase of `e` is at `p`, where `room` octets remain (at least eight, or all of the
/// text) and `head` holds the first eight of them lower-cased: the rest eight octets at a time.
constexpr bool cl_builtin_phrase_at(const char* p, std::size_t room, std::uint64_t head,
                                    const cl_phrase_entry& e) noexcept {
  if (((head ^ e.head) & e.head_keep) != 0 || e.size > room) return false;
  const std::uint64_t* words = builtin_index.words + builtin_index.word_start[e.rule] + 1;
  for (std::size_t k = 8; k < e.size; k += 8, ++words) {
    const std::size_t len = e.size - k < 8 ? e.size - k : 8;
    // Eight octets in one load where the text has them; the phrase's last word keeps `len`.
    const std::uint64_t got = room - k >= 8 ? cl_pack8(p + k) : cl_pack(p + k, len);
    if (((cl_lower8(got) ^ *words) & cl_keep(len)) != 0) return false;
  }
  return true;
}

/// The lowest index below `best` of a built-in phrase rule whose phrase is in `text`. Every
/// built-in phrase starts with a letter, so only a letter that follows no letter or digit can
/// start one; those word starts come 64 octets at a time from bit masks (detail/scan.hpp), and
/// at each the bucket of its first three octets lists the few phrases to compare, lowest rule
/// first.
constexpr std::size_t cl_scan_builtin(std::string_view text, std::size_t best) noexcept {
  const char* p = text.data();
  const std::size_t n = text.size();
  const cl_index& x = builtin_index;
  std::uint64_t carry = 0;  // 1 when the octet before the block is a letter or digit
  for (std::size_t base = 0; base < n; base += mask_block_width) {
    const word_masks m = word_masks_of(p, n, base);
    const std::uint64_t alnum = m.alpha | m.digit;
    std::uint64_t starts = m.alpha & ~((alnum << 1) | carry);
    carry = alnum >> 63;
    while (starts != 0) {
      const std::size_t i = base + count_trailing_zeros64(starts);
      starts &= starts - 1;
      const std::size_t room = n - i;
      if (room < 3) break;  // every phrase has three octets or more
      const std::uint64_t head = cl_lower8(room >= 8 ? cl_pack8(p + i) : cl_pack(p + i, room));
      const std::size_t b =
          cl_prefix_bucket(static_cast<char>(head & 0xFF), static_cast<char>((head >> 8) & 0xFF),
                           static_cast<char>((head >> 16) & 0xFF));
      const std::size_t end = x.bucket_start[b + 1];
      for (std::size_t k = x.bucket_start[b]; k < end && x.bucket_phrases[k].rule < best; ++k) {
        if (cl_builtin_phrase_at(p + i, room, head, x.bucket_phrases[k])) {
          best = x.bucket_phrases[k].rule;
          break;
        }
      }
    }
  }
  return best;
}

/// The lowest index of a built-in code rule that holds for `f`, or builtin_rule_count.
constexpr std::size_t cl_first_code_rule(const cl_facts& f) noexcept {
  const cl_index& x = builtin_index;
  std::size_t best = builtin_rule_count;
  auto bucket = [&](std::size_t b) {
    const std::size_t end = x.code_start[b + 1];
    for (std::size_t k = x.code_start[b]; k < end; ++k) {
      const std::size_t r = x.code_rules[k];
      if (r >= best) return;
      if (cl_codes_match(builtin_rules[r], f)) {
        best = r;
        return;
      }
    }
  };
  if (f.has_enhanced) {
    bucket(cl_detail_bucket(f.enhanced.subject, f.enhanced.detail));
    bucket(cl_subject_bucket(f.enhanced.subject));
  }
  if (f.code != 0) bucket(cl_basic_bucket(f.code));
  bucket(cl_code_buckets - 1);
  return best;
}

/// Where classify looks for phrases: one text, or each line's message of a reply.
struct cl_text {
  std::string_view text;
  const reply_view* reply = nullptr;
};

constexpr bool cl_text_contains(const cl_text& t, std::string_view phrase) noexcept {
  if (phrase.empty()) return true;
  if (t.reply == nullptr) return cl_contains(t.text, phrase);
  for (const reply_line& line : *t.reply) {
    if (cl_contains(t.reply->message(line), phrase)) return true;
  }
  return false;
}

constexpr std::size_t cl_text_scan(const cl_text& t, std::size_t best) noexcept {
  if (t.reply == nullptr) return cl_scan_builtin(t.text, best);
  for (const reply_line& line : *t.reply) best = cl_scan_builtin(t.reply->message(line), best);
  return best;
}

/// What a rule's conditions make of the evidence.
constexpr classify_evidence cl_evidence_of(const classify_rule& r) noexcept {
  if (!r.phrase.empty()) return classify_evidence::phrase;
  if (!r.enhanced.is_any()) return classify_evidence::enhanced_code;
  return classify_evidence::basic_code;
}

/// Fills hard, retry, actor, info and fix from the reason, then adjusts by the reply's class.
constexpr void cl_finish(classification& out, unsigned klass) noexcept {
  const bounce_reason_info& info = reason_info(out.reason);
  out.info = &info;
  out.hard = info.hard;
  out.retry = info.retry;
  out.actor = info.actor;
  if (out.provider_entry == nullptr || out.provider_entry->fix.empty()) out.fix = info.fix;
  if (klass == 4) {
    out.hard = false;
    if (out.retry == bounce_retry::never) out.retry = bounce_retry::retry_with_backoff;
  } else if (klass == 5) {
    if (out.retry == bounce_retry::retry_with_backoff) out.retry = bounce_retry::retry_after_fix;
  }
}

/// The whole order of evidence (file comment). `provider_text` is the one text handed to
/// providers.hpp (a reply's raw bytes for a reply_view).
constexpr classification cl_classify(const cl_facts& f, const cl_text& t,
                                     std::string_view provider_text, std::string_view remote_host,
                                     classify_rules rules) noexcept {
  classification out;
  const std::optional<reply_code> basic =
      f.code != 0 ? std::optional<reply_code>(reply_code(f.code)) : std::nullopt;
  // Two returns rather than a conditional operator: g++ 12 at -O3 takes that form for a read
  // of uninitialized members (-Wmaybe-uninitialized, a false positive).
  const std::optional<enhanced_status> status = [&f]() -> std::optional<enhanced_status> {
    if (f.has_enhanced) return f.enhanced;
    return std::nullopt;
  }();
  // One pass over the text gives both the provider and its entry.
  const provider_match pm = match_provider(basic, status, provider_text, remote_host);
  out.who = pm.who;
  // 1. The caller's rules.
  for (std::size_t i = 0; i < rules.size; ++i) {
    const classify_rule& r = rules.data[i];
    if (cl_codes_match(r, f) && cl_text_contains(t, r.phrase)) {
      out.reason = r.reason;
      out.evidence = classify_evidence::caller_rule;
      cl_finish(out, f.klass);
      return out;
    }
  }
  // 2. Success and intermediate replies.
  if (f.klass == 2 || f.klass == 3) {
    out.reason = f.klass == 2 ? bounce_reason::delivered : bounce_reason::undefined;
    out.evidence = f.code != 0 ? classify_evidence::basic_code : classify_evidence::enhanced_code;
    cl_finish(out, f.klass);
    out.retry = bounce_retry::not_applicable;
    out.actor = bounce_actor::none;
    return out;
  }
  // 3. A provider entry.
  if (const provider_code_info* entry = pm.entry) {
    out.reason = entry->reason;
    out.provider_entry = entry;
    if (entry->who != provider::none) out.who = entry->who;
    out.evidence = classify_evidence::provider_code;
    out.fix = entry->fix;
    cl_finish(out, f.klass);
    return out;
  }
  // 4. The built-in table: the first code rule that holds bounds the phrase scan.
  std::size_t best = cl_first_code_rule(f);
  best = cl_text_scan(t, best);
  if (best < builtin_rule_count) {
    out.reason = builtin_rules[best].reason;
    out.evidence = cl_evidence_of(builtin_rules[best]);
  }
  // 5. Otherwise undefined, evidence none.
  cl_finish(out, f.klass);
  return out;
}

}  // namespace detail

/// The built-in rules, in the order they are tried (tiers a to f of the file comment).
[[nodiscard]] constexpr table_range<classify_rule> builtin_classify_rules() noexcept {
  return {detail::builtin_rules, detail::builtin_rules + detail::builtin_rule_count};
}

/// `phrase` appears in `text` as the rules match phrases: without regard to ASCII case, at a
/// word start. An empty phrase is always found.
[[nodiscard]] constexpr bool classify_phrase_found(std::string_view text,
                                                   std::string_view phrase) noexcept {
  return detail::cl_contains(text, phrase);
}

/**
 * Classifies the parts of a reply under the order of evidence in the file comment, the
 * caller's `rules` first. Any part may be missing (a text alone is classified by its phrases).
 * An enhanced code whose class disagrees with the basic code is ignored (RFC 3463 §2).
 * `fix` and `info` point at static text or at the provider entry; never into the input.
 */
[[nodiscard]] constexpr classification classify(const classify_input& in,
                                                classify_rules rules) noexcept {
  const detail::cl_facts f = detail::make_cl_facts(in.code, in.enhanced, in.command);
  return detail::cl_classify(f, detail::cl_text{in.text, nullptr}, in.text, in.remote_host, rules);
}

/// `classify(in, rules)` with the built-in rules only.
[[nodiscard]] constexpr classification classify(const classify_input& in) noexcept {
  return classify(in, classify_rules{});
}

/**
 * Classifies a parsed reply: its code, its enhanced code, and the phrases in each line's
 * message (`reply_view::message`); providers.hpp sees `raw()`. `command` is what the reply
 * answered, when the caller knows (a session does); `remote_host` the server's name, if known.
 */
[[nodiscard]] constexpr classification classify(const reply_view& reply, classify_rules rules,
                                                answered_command command = answered_command::none,
                                                std::string_view remote_host = {}) noexcept {
  const std::optional<reply_code> code =
      reply.line_count() != 0 ? std::optional<reply_code>(reply.code()) : std::nullopt;
  const detail::cl_facts f = detail::make_cl_facts(code, reply.enhanced(), command);
  return detail::cl_classify(f, detail::cl_text{{}, &reply}, reply.raw(), remote_host, rules);
}

/// `classify(reply, rules, command, remote_host)` with the built-in rules only.
[[nodiscard]] constexpr classification classify(const reply_view& reply,
                                                answered_command command = answered_command::none,
                                                std::string_view remote_host = {}) noexcept {
  return classify(reply, classify_rules{}, command, remote_host);
}

/**
 * Classifies a reply found in free text (find.hpp): its code, enhanced code and command; the
 * phrases in its `text`, or in its whole `match` when it spans several lines. Not found: the
 * caller's rules may still match a phrase-less rule; otherwise `undefined`.
 */
[[nodiscard]] constexpr classification classify(const found_reply& found, classify_rules rules,
                                                std::string_view remote_host = {}) noexcept {
  const std::string_view text = found.line_count > 1 ? found.match : found.text;
  const detail::cl_facts f = detail::make_cl_facts(found.code, found.enhanced, found.command);
  return detail::cl_classify(f, detail::cl_text{text, nullptr}, text, remote_host, rules);
}

/**
 * The classification of a message decided without a reply: an automatic reply (RFC 3834) is
 * `vacation`, an abuse report (RFC 5965) `feedback`, a DSN recipient whose Action is
 * delivered, relayed or expanded (RFC 3464 §2.3.3) `delivered`. Hard, retry and actor are the
 * reason's own; evidence is `message`.
 */
[[nodiscard]] constexpr classification classify_as(bounce_reason reason) noexcept {
  classification out;
  out.reason = reason;
  out.evidence = classify_evidence::message;
  detail::cl_finish(out, 0);
  return out;
}

/// `classify(found, rules, remote_host)` with the built-in rules only.
[[nodiscard]] constexpr classification classify(const found_reply& found,
                                                std::string_view remote_host = {}) noexcept {
  return classify(found, classify_rules{}, remote_host);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_CLASSIFY_HPP
