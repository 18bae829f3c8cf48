/**
 * @file common_replies.hpp
 * @brief The replies mail administrators meet most, as a person who runs mail would explain
 *        them: who has to act, what to check first, and whether and when to retry. A constexpr
 *        table keyed by basic code and enhanced code (550 5.1.1, 451 4.7.1, 535 5.7.8...).
 *
 * The general meaning of each code stays in reply_code_info.hpp and enhanced_status_info.hpp;
 * this table adds the operational advice for the common pairs. Knowledge layer: includes
 * reply_code.hpp, enhanced_status.hpp and detail/table.hpp. Everything here is constexpr, never
 * allocates and never throws. The texts are ours; the codes and sections are from the RFCs
 * named in each row and the IANA enhanced-status registry.
 */
#ifndef SMTPCODES_COMMON_REPLIES_HPP
#define SMTPCODES_COMMON_REPLIES_HPP

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "config.hpp"
#include "detail/table.hpp"
#include "enhanced_status.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/// Who has to do something about a reply.
enum class who_acts : std::uint8_t {
  no_one,           ///< The sending queue deals with it by itself.
  sender,           ///< The person (or program) that sent the message.
  sender_admin,     ///< Whoever runs the sending server or the sending domain's DNS.
  recipient,        ///< The person the message is for.
  receiving_admin,  ///< Whoever runs the receiving server.
};

/// Whether the message should be sent again.
enum class retry_advice : std::uint8_t {
  automatic,  ///< Temporary: the queue retries by itself; nothing to change first.
  after_fix,  ///< Fails again unchanged: retry once the named cause is fixed.
  never,      ///< Do not send this message to this address again.
};

/// "no one (the queue retries)", "the sender", "the sender's admin", "the recipient",
/// "the receiving admin".
[[nodiscard]] constexpr std::string_view to_string(who_acts w) noexcept {
  switch (w) {
    case who_acts::no_one:
      return "no one (the queue retries)";
    case who_acts::sender:
      return "the sender";
    case who_acts::sender_admin:
      return "the sender's admin";
    case who_acts::recipient:
      return "the recipient";
    case who_acts::receiving_admin:
      break;
  }
  return "the receiving admin";
}

/// "automatic", "after fix", "never".
[[nodiscard]] constexpr std::string_view to_string(retry_advice r) noexcept {
  switch (r) {
    case retry_advice::automatic:
      return "automatic";
    case retry_advice::after_fix:
      return "after fix";
    case retry_advice::never:
      break;
  }
  return "never";
}

/**
 * One common reply. `code` is the basic code, or 0 when the row holds for any basic code (4.4.1
 * is mostly read in the sending server's own logs and delivery reports, not in a reply).
 * `retry_when` says whether and when to send again in words. All strings are static.
 */
struct common_reply {
  std::uint16_t code;
  enhanced_status status;
  std::string_view title;
  who_acts who;
  std::string_view check_first;
  retry_advice retry;
  std::string_view retry_when;
  std::string_view rfc;
};

namespace detail {

using std::string_view_literals::operator""sv;

[[nodiscard]] constexpr unsigned long common_key(const common_reply& r) noexcept {
  return static_cast<unsigned long>(r.code) * 10000000UL + r.status.klass * 1000000UL +
         r.status.subject * 1000UL + r.status.detail;
}

// clang-format off
/// Sorted by basic code, then enhanced code.
inline constexpr common_reply common_reply_table[] = {
    {0, {4, 4, 1}, "No answer from the receiving host"sv, who_acts::sender_admin,
     "From the sending host, whether the recipient's MX answers on port 25 at all: an ISP or "
     "firewall blocking outbound port 25 is the usual cause when every domain times out; a single "
     "domain timing out means its server is down or its MX records are wrong."sv,
     retry_advice::automatic,
     "The queue retries by itself for its whole lifetime (a few days). If every destination "
     "fails, fix the outbound path now instead of waiting."sv,
     "RFC 3463 §3.5"sv},
    {421, {4, 7, 0}, "Connection throttled for policy or reputation"sv, who_acts::sender_admin,
     "The reply text: large providers name the limit or the reputation problem and link to a "
     "page. Then the sending host's concurrency (parallel connections, messages per connection), "
     "its reverse DNS and whether its IP address is on a blocklist."sv,
     retry_advice::automatic,
     "Let the queue retry with backoff and send more slowly to that provider. If it lasts more "
     "than a day, treat it as a reputation problem and fix that before the queue expires."sv,
     "RFC 5321 §3.8; RFC 3463 §3.8"sv},
    {450, {4, 2, 0}, "Greylisted or mailbox busy"sv, who_acts::no_one,
     "Only if it never passes: that the sending server retries from the same IP address. Pools "
     "that retry from a different address each time never get through greylisting."sv,
     retry_advice::automatic,
     "Retry after a few minutes (most greylisting accepts the second try after 1 to 5 minutes); "
     "the normal queue schedule does this."sv,
     "RFC 5321 §4.2.2; RFC 3463 §3.3"sv},
    {451, {4, 3, 0}, "Receiving server's internal error"sv, who_acts::receiving_admin,
     "Nothing on the sending side. The receiving admin looks in that server's log at the logged "
     "time: queue disk, content filter, database or lookup table."sv,
     retry_advice::automatic,
     "The queue retries by itself. If it lasts for hours, send the reply text and the time to "
     "the receiving postmaster."sv,
     "RFC 5321 §4.2.2; RFC 3463 §3.4"sv},
    {451, {4, 7, 1}, "Greylisting or a temporary policy deferral"sv, who_acts::no_one,
     "The reply text: \"greylisted\" or \"try again later\" means wait; a rate or reputation "
     "limit means the sender's admin should slow down; a temporary SPF or DKIM error points at "
     "the DNS of the sending domain."sv,
     retry_advice::automatic,
     "Retry from the same address after a few minutes; the queue does it. A deferral that "
     "repeats for hours is a policy problem for the sender's admin."sv,
     "RFC 5321 §4.2.2; RFC 3463 §3.8"sv},
    {452, {4, 2, 2}, "Recipient's mailbox full (temporary)"sv, who_acts::recipient,
     "Nothing on the sending side: the recipient must delete mail or get a larger quota. If you "
     "can, tell them another way."sv,
     retry_advice::automatic,
     "The queue retries and bounces the message at the end of its lifetime. A mailbox that stays "
     "full for weeks is usually abandoned: take it off lists."sv,
     "RFC 3463 §3.3"sv},
    {452, {4, 5, 3}, "Too many recipients in one transaction"sv, who_acts::no_one,
     "That the client handles 452 after RCPT: it must deliver to the recipients already accepted "
     "and send the rest in another transaction. A script or mail client sending to hundreds at "
     "once should send in smaller batches."sv,
     retry_advice::automatic,
     "Right away, in a new transaction for the recipients that were refused; an MTA does this by "
     "itself."sv,
     "RFC 5321 §4.5.3.1.10; RFC 3463 §3.6"sv},
    {530, {5, 7, 0}, "Authentication or TLS required"sv, who_acts::sender,
     "The client's settings: port 587 needs STARTTLS and then AUTH before MAIL FROM (port 465 "
     "needs implicit TLS); the user name and password must be filled in."sv,
     retry_advice::after_fix,
     "Once the client uses TLS and authenticates; unchanged, every attempt gets 530 again."sv,
     "RFC 3207 §4; RFC 4954 §6"sv},
    {535, {5, 7, 8}, "Wrong user name or password"sv, who_acts::sender,
     "The user name (often the full address) and the password or token. Providers with two-step "
     "sign-in need an app password or OAuth2 instead of the account password."sv,
     retry_advice::after_fix,
     "Only after correcting the credentials. Do not let a client retry in a loop: repeated "
     "failures lock the account or block the client's address."sv,
     "RFC 4954 §6; RFC 3463 §3.8"sv},
    {550, {5, 1, 1}, "Recipient address does not exist"sv, who_acts::sender,
     "The address as typed: the part before the @ and the domain. Ask the recipient for the "
     "current address; people leave and accounts get deleted."sv,
     retry_advice::never,
     "Never to this address. Remove it from lists: repeated sends to unknown users harm the "
     "sender's reputation."sv,
     "RFC 5321 §4.2.2; RFC 3463 §3.2"sv},
    {550, {5, 7, 1}, "Relaying denied"sv, who_acts::sender_admin,
     "Whether the client authenticated. Mail for other domains has to go through the sender's "
     "own submission server (port 587 with AUTH), not straight to a server that only receives "
     "for its own domains; also check that the recipient domain really is hosted there."sv,
     retry_advice::after_fix,
     "Once the client authenticates or sends through its own server; unchanged it is refused "
     "again."sv,
     "RFC 5321 §3.6; RFC 3463 §3.8"sv},
    {550, {5, 7, 26}, "Sender authentication failed (SPF and DKIM)"sv, who_acts::sender_admin,
     "The From domain's SPF record (does it list the sending IP?) and DKIM signing (is the "
     "message signed, with a key published in DNS?); under DMARC one of them must pass and align "
     "with the From domain."sv,
     retry_advice::after_fix,
     "After SPF or DKIM passes for the From domain; resending unchanged is refused again."sv,
     "RFC 7372; RFC 7208; RFC 6376; RFC 7489"sv},
    {552, {5, 2, 2}, "Recipient's mailbox full"sv, who_acts::recipient,
     "Nothing on the sending side: the recipient must free space. Many servers send 5.2.2 for a "
     "condition that is temporary in nature."sv,
     retry_advice::after_fix,
     "Not automatically. Reach the recipient another way and resend once they have made room."sv,
     "RFC 3463 §3.3"sv},
    {552, {5, 3, 4}, "Message too big"sv, who_acts::sender,
     "The SIZE value in the receiver's EHLO reply against the message size; attachments grow by "
     "about a third when encoded in base64."sv,
     retry_advice::after_fix,
     "Not unchanged: send a smaller message or share the files by link."sv,
     "RFC 1870 §6; RFC 3463 §3.4"sv},
    {554, {5, 7, 1}, "Message refused by policy"sv, who_acts::sender_admin,
     "The reply text: a blocklist name (look up the sending IP there and ask for delisting), a "
     "spam or content verdict, or a recipient that accepts mail only from listed senders; then "
     "SPF, DKIM and DMARC for the From domain."sv,
     retry_advice::after_fix,
     "Once the cause is removed (delisted, authentication fixed, content changed), resend once. "
     "If the text names no reason, ask the receiving postmaster with the time and queue id."sv,
     "RFC 5321 §4.2.2; RFC 3463 §3.8"sv},
    {554, {5, 7, 9}, "Refused for policy (DMARC, SPF or DKIM)"sv, who_acts::sender_admin,
     "After DATA, this is a policy rejection whatever the registry label says (Yahoo and others): "
     "DMARC alignment of the From domain, SPF and DKIM results, and the provider's postmaster "
     "pages. Only after AUTH does 5.7.9 mean the mechanism is too weak."sv,
     retry_advice::after_fix,
     "After SPF, DKIM and DMARC pass for the From domain; resending unchanged is refused again."sv,
     "IANA registry (X.7.9, RFC 4954 §6)"sv},
};
// clang-format on

static_assert(is_strictly_sorted(common_reply_table, common_key),
              "common_reply_table must be sorted by code then enhanced code, with no duplicates");

[[nodiscard]] constexpr bool common_replies_well_formed() noexcept {
  for (const auto& r : common_reply_table) {
    if (r.code != 0 &&
        (!reply_code(r.code).is_well_formed() || !r.status.matches(reply_code(r.code))))
      return false;
    if (!r.status.is_well_formed() || r.title.empty() || r.check_first.empty() ||
        r.retry_when.empty() || r.rfc.empty())
      return false;
  }
  return true;
}
static_assert(common_replies_well_formed(),
              "every common reply needs matching classes and all its texts");

}  // namespace detail

/// Every common reply, sorted by basic code then enhanced code.
[[nodiscard]] constexpr table_range<common_reply> common_replies() noexcept {
  return {std::begin(detail::common_reply_table), std::end(detail::common_reply_table)};
}

/**
 * The advice for a basic code and enhanced code seen together ("550 5.1.1"), or nullptr. A row
 * for any basic code (4.4.1) matches whatever the basic code is, also 0 ("no basic code": an
 * enhanced code read from a log or a delivery report). The pointer is to static storage.
 */
[[nodiscard]] constexpr const common_reply* find_common_reply(
    reply_code code, const enhanced_status& status) noexcept {
  for (const auto& r : detail::common_reply_table) {
    if (r.status == status && (r.code == 0 || r.code == code.value())) return &r;
  }
  return nullptr;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMMON_REPLIES_HPP
