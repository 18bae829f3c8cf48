/**
 * @file compare.hpp
 * @brief Side-by-side comparison of any two codes — two reply codes ("235 vs 354"), two
 *        enhanced status codes ("5.1.1 vs 5.7.1") or one of each ("550 vs 5.7.1") — as data:
 *        both explanations, what the client does next after each, whether they share class and
 *        category, the aspects in which they differ, and one sentence that says what differs in
 *        meaning and when you meet which.
 *
 * The sentence is hand-written for the pairs people look up (235/354, 450/550, 530/535...) and
 * otherwise built from each code's facts: the commands it answers (reply_table.hpp), the next
 * step it asks for, and whether both can answer the same command. Includes reply_code_info.hpp,
 * enhanced_status_info.hpp, reply_table.hpp and common_replies.hpp. constexpr, no allocation,
 * no exceptions; the texts are views into constexpr tables or small fixed buffers.
 */
#ifndef SMTPCODES_COMPARE_HPP
#define SMTPCODES_COMPARE_HPP

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include "common_replies.hpp"
#include "config.hpp"
#include "enhanced_status.hpp"
#include "enhanced_status_info.hpp"
#include "reply_code.hpp"
#include "reply_code_info.hpp"
#include "reply_table.hpp"

namespace smtpcodes {

/**
 * Text in a fixed buffer, for the few strings compare builds (a code's digits, the relation
 * sentence). Appending past the capacity truncates; it never allocates. Streams like a
 * string_view (`os << text`), and `view()` gives the text.
 */
template <std::size_t Capacity>
struct fixed_text {
  char data[Capacity] = {};
  std::size_t size = 0;

  [[nodiscard]] constexpr std::string_view view() const noexcept {
    return std::string_view(data, size);
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return size == 0; }
  constexpr fixed_text& append(std::string_view text) noexcept {
    for (const char ch : text) {
      if (size == Capacity) break;
      data[size++] = ch;
    }
    return *this;
  }
  constexpr fixed_text& append(unsigned number) noexcept {
    char digits[10] = {};
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + number % 10U);
      number /= 10U;
    } while (number != 0 && n < sizeof digits);
    while (n > 0 && size < Capacity) data[size++] = digits[--n];
    return *this;
  }
  template <typename CharT, typename Traits>
  friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os,
                                                       const fixed_text& t) {
    return os << t.view();
  }
};

/// Which kind of code a `code_ref` holds.
enum class code_kind : std::uint8_t {
  reply,     ///< A basic reply code, three digits (RFC 5321 §4.2).
  enhanced,  ///< An enhanced status code, class.subject.detail (RFC 3463).
};

/// "reply", "enhanced".
[[nodiscard]] constexpr std::string_view to_string(code_kind k) noexcept {
  return k == code_kind::reply ? "reply" : "enhanced";
}

/// Either kind of code: what `compare` takes. Converts implicitly from both.
struct code_ref {
  code_kind kind = code_kind::reply;
  reply_code reply{};          ///< Meaningful when kind == reply.
  enhanced_status enhanced{};  ///< Meaningful when kind == enhanced.

  constexpr code_ref() noexcept = default;
  constexpr code_ref(reply_code code) noexcept : kind(code_kind::reply), reply(code) {}
  constexpr code_ref(const enhanced_status& code) noexcept
      : kind(code_kind::enhanced), enhanced(code) {}

  [[nodiscard]] constexpr bool is_reply() const noexcept { return kind == code_kind::reply; }
  [[nodiscard]] constexpr bool is_enhanced() const noexcept { return kind == code_kind::enhanced; }
  [[nodiscard]] constexpr bool is_well_formed() const noexcept {
    return is_reply() ? reply.is_well_formed() : enhanced.is_well_formed();
  }
  /// The class digit: 2-5 for a reply code, 2, 4 or 5 for an enhanced code.
  [[nodiscard]] constexpr unsigned class_digit() const noexcept {
    return is_reply() ? reply.value() / 100U : enhanced.klass;
  }
  [[nodiscard]] friend constexpr bool operator==(const code_ref& a, const code_ref& b) noexcept {
    if (a.kind != b.kind) return false;
    return a.is_reply() ? a.reply == b.reply : a.enhanced == b.enhanced;
  }
  [[nodiscard]] friend constexpr bool operator!=(const code_ref& a, const code_ref& b) noexcept {
    return !(a == b);
  }
};

/// Reads "550" or "5.7.1" (the whole text); nothing when it is neither a well-formed reply code
/// nor a well-formed enhanced code.
[[nodiscard]] constexpr std::optional<code_ref> parse_code_ref(std::string_view text) noexcept {
  if (text.find('.') != std::string_view::npos) {
    const std::optional<enhanced_status> e = parse_enhanced_status(text);
    if (!e) return std::nullopt;
    return code_ref(*e);
  }
  const std::optional<reply_code> r = parse_reply_code(text);
  if (!r || !r->is_well_formed()) return std::nullopt;
  return code_ref(*r);
}

/// What the client does after a code: decided by the code itself, not only by its class
/// (530 asks for authentication and 501 for a corrected command, though both are 5yz).
enum class next_step : std::uint8_t {
  carry_on,        ///< Success: go on with the next command.
  send_more,       ///< 3yz: send what the server waits for (the message, an AUTH response).
  close,           ///< 221: the session is over; close the connection.
  retry_later,     ///< Temporary: keep the message queued and try again later.
  authenticate,    ///< Authenticate (or start TLS, or fix the credentials), then try again.
  fix_command,     ///< The command line is at fault (syntax, order, unsupported): fix the client.
  fix_and_resend,  ///< Change the address, size or content, then send again.
  give_up,         ///< Permanent: bounce the message for this recipient.
};

/// "continue", "send more", "close", "retry later", "authenticate", "fix the command",
/// "fix and resend", "give up (bounce)".
[[nodiscard]] constexpr std::string_view to_string(next_step s) noexcept {
  switch (s) {
    case next_step::carry_on:
      return "continue";
    case next_step::send_more:
      return "send more";
    case next_step::close:
      return "close";
    case next_step::retry_later:
      return "retry later";
    case next_step::authenticate:
      return "authenticate";
    case next_step::fix_command:
      return "fix the command";
    case next_step::fix_and_resend:
      return "fix and resend";
    case next_step::give_up:
      break;
  }
  return "give up (bounce)";
}

/// One aspect in which two codes differ; `first` and `second` are the two codes' values.
struct code_difference {
  std::string_view aspect;  ///< "kind", "class", "category", "subject", "next step",
                            ///< "who acts", "replies to", "defined in", "status"
  std::string_view first;
  std::string_view second;
};

/// The digits of a code, "550" or "5.7.1".
using code_text = fixed_text<12>;
/// The relation sentence's buffer.
using relation_text = fixed_text<1024>;

/**
 * One side of a comparison: the code, its text, the facts the comparison uses and the full
 * explanation (`reply` for a reply code, `enhanced` for an enhanced code; the other is left
 * default). `name` is the registered name (reply) or label (enhanced); `commands` is empty for
 * an enhanced code. `next_text` says in words what the client does next. Strings are static.
 */
struct compared_code {
  code_ref code{};
  code_text text{};
  std::string_view name;
  std::string_view commands;
  std::string_view description;
  std::string_view when;
  std::string_view fix;
  std::string_view rfcs;
  code_status status = code_status::unregistered;
  next_step next = next_step::carry_on;
  std::string_view next_text;
  who_acts who = who_acts::no_one;
  reply_code_info reply{};
  enhanced_status_explanation enhanced{};

  [[nodiscard]] constexpr code_kind kind() const noexcept { return code.kind; }
};

/**
 * The comparison of two well-formed codes. `same_code` when both are the same code of the same
 * kind; `same_class` when the class digits agree; `same_category` when both are reply codes of
 * the same category or enhanced codes of the same subject. `relation` is one sentence on what
 * differs in meaning and when you meet which; `differences()` lists only the aspects that differ.
 */
struct code_comparison {
  compared_code first{};
  compared_code second{};
  bool same_code = false;
  bool same_class = false;
  bool same_category = false;
  bool hand_written = false;  ///< `relation` comes from the table of common pairs.
  relation_text relation{};
  code_difference difference_list[9]{};
  std::size_t difference_count = 0;

  /// The aspects that differ, in a fixed order: kind, class, category or subject, next step,
  /// who acts, replies to, defined in, status.
  [[nodiscard]] constexpr table_range<code_difference> differences() const noexcept {
    return {difference_list, difference_list + difference_count};
  }
};

/// The former name of the comparison of two reply codes.
using reply_code_comparison = code_comparison;

namespace detail {

using std::string_view_literals::operator""sv;

/// What the client does after a reply code, when the code says more than its class.
struct reply_next {
  std::uint16_t code;
  next_step step;
  std::string_view text;  ///< A clause: "the client ..."
};

// clang-format off
/// Sorted by code. Codes not listed take their class's step (next_of).
inline constexpr reply_next reply_next_table[] = {
    {220, next_step::carry_on, "the client sends EHLO (after STARTTLS: starts the TLS handshake, then EHLO again)"sv},  // RFC 5321 §3.1; RFC 3207 §4
    {221, next_step::close, "the client closes the connection: the session is over"sv},  // RFC 5321 §4.1.1.10
    {235, next_step::carry_on, "the client goes on as the authenticated user, usually with MAIL FROM"sv},  // RFC 4954 §6
    {251, next_step::carry_on, "the client treats the recipient as accepted, as with 250"sv},  // RFC 5321 §3.4
    {252, next_step::carry_on, "the client may still send to the address; the server just would not verify it"sv},  // RFC 5321 §3.5.3
    {334, next_step::send_more, "the client answers the challenge with one base64 line (or \"*\" to cancel)"sv},  // RFC 4954 §4
    {354, next_step::send_more, "the client sends the message and ends it with <CRLF>.<CRLF>"sv},  // RFC 5321 §4.1.1.4
    {355, next_step::send_more, "the client resumes the message from the offset the server gives"sv},  // RFC 1845
    {421, next_step::retry_later, "the client drops the connection and retries the whole session later"sv},  // RFC 5321 §3.8
    {432, next_step::authenticate, "the user must change the password (by other means) before AUTH can succeed"sv},  // RFC 4954 §6
    {452, next_step::retry_later, "the client retries later; after RCPT it sends the refused recipients in a new transaction"sv},  // RFC 5321 §4.5.3.1.10
    {454, next_step::retry_later, "the client retries STARTTLS or AUTH later, or goes on without them if policy allows"sv},  // RFC 3207 §4; RFC 4954 §6
    {500, next_step::fix_command, "the client software must fix the command line (unknown verb or line too long); the message is not at fault"sv},  // RFC 5321 §4.2.4
    {501, next_step::fix_command, "the client software must fix the command's arguments; the message is not at fault"sv},  // RFC 5321 §4.3.2
    {502, next_step::fix_command, "the client must do without that command"sv},  // RFC 5321 §4.2.4
    {503, next_step::fix_command, "the client must send its commands in the right order (or authenticate, or give up after a 554 greeting)"sv},  // RFC 5321 §4.1.4, §3.1
    {504, next_step::fix_command, "the client must do without that parameter or mechanism"sv},  // RFC 5321 §4.2.4; RFC 4954 §4
    {521, next_step::give_up, "the client gives up on this host: it accepts no mail at all"sv},  // RFC 7504 §3
    {523, next_step::authenticate, "the client must use TLS before this command can succeed"sv},  // IANA registry (X.7.10, RFC 5248)
    {525, next_step::give_up, "the user's account is disabled: only its administrator can help"sv},  // IANA registry (X.7.13, RFC 5248)
    {530, next_step::authenticate, "the client must authenticate (AUTH, usually after STARTTLS) before it sends the command again"sv},  // RFC 4954 §6; RFC 3207 §4
    {534, next_step::authenticate, "the client must authenticate with a stronger mechanism"sv},  // RFC 4954 §6
    {535, next_step::authenticate, "the user must correct the user name or password; retrying unchanged fails again"sv},  // RFC 4954 §6
    {538, next_step::authenticate, "the client must start TLS before it uses this mechanism"sv},  // RFC 4954 §6
    {550, next_step::give_up, "the sender gets a bounce for that recipient; fix the address or the policy problem in the text before sending again"sv},  // RFC 5321 §4.2.2
    {551, next_step::fix_and_resend, "the sender resends to the forward path the text gives, or bounces"sv},  // RFC 5321 §3.4
    {552, next_step::fix_and_resend, "the sender makes the message smaller (or waits until the recipient makes room) and resends"sv},  // RFC 1870 §6
    {553, next_step::fix_and_resend, "the sender corrects the address (its syntax or the sender it claims) and resends"sv},  // RFC 5321 §4.2.2
    {554, next_step::give_up, "the message bounces; resend only once the cause the text names is removed"sv},  // RFC 5321 §4.2.2
    {555, next_step::fix_command, "the client must drop the MAIL or RCPT parameter the server does not know"sv},  // RFC 5321 §4.3.2
    {556, next_step::give_up, "the sender gets a bounce: the recipient domain accepts no mail"sv},  // RFC 7504 §4
};
// clang-format on

[[nodiscard]] constexpr std::uint16_t reply_next_code(const reply_next& r) noexcept {
  return r.code;
}
static_assert(is_strictly_sorted(reply_next_table, reply_next_code),
              "reply_next_table must be sorted by code with no duplicates");

[[nodiscard]] constexpr next_step class_next(unsigned klass) noexcept {
  switch (klass) {
    case 2:
      return next_step::carry_on;
    case 3:
      return next_step::send_more;
    case 4:
      return next_step::retry_later;
    default:
      break;
  }
  return next_step::give_up;
}

[[nodiscard]] constexpr std::string_view class_next_text(unsigned klass) noexcept {
  switch (klass) {
    case 2:
      return "the client goes on with its next command";
    case 3:
      return "the client sends what the server is waiting for";
    case 4:
      return "the client keeps the message queued and retries later";
    default:
      break;
  }
  return "the sender gets a bounce; sending again unchanged fails again";
}

[[nodiscard]] constexpr reply_next next_of(reply_code code) noexcept {
  const std::size_t i = lower_bound(reply_next_table, reply_next_code, code.value());
  if (i < std::size(reply_next_table) && reply_next_table[i].code == code.value())
    return reply_next_table[i];
  const unsigned k = code.value() / 100U;
  return {code.value(), class_next(k), class_next_text(k)};
}

/// The next step an enhanced code asks for: by class, then by subject and detail (RFC 3463 §3).
[[nodiscard]] constexpr reply_next next_of(const enhanced_status& e) noexcept {
  if (e.klass == 2) return {0, next_step::carry_on, class_next_text(2)};
  const unsigned key = e.subject * 1000U + e.detail;
  // X.7.8 credentials invalid, X.7.9 mechanism too weak, X.7.11 encryption required,
  // X.7.12 password transition (RFC 4954 §6), X.7.10 encryption needed (RFC 5248).
  if (key == 7008) return {0, next_step::authenticate, next_of(reply_code(535)).text};
  if (key == 7013 && e.klass == 5) return {0, next_step::give_up, next_of(reply_code(525)).text};
  if (key == 7009 || key == 7010 || key == 7011 || key == 7012)
    return {0, next_step::authenticate,
            "the client must authenticate differently (stronger mechanism, TLS first, or a "
            "changed password)"};
  if (e.klass == 4) return {0, next_step::retry_later, class_next_text(4)};
  // Class 5. X.5.x: the protocol itself (syntax, sequence, parameters; RFC 3463 §3.6).
  if (e.subject == 5)
    return {0, next_step::fix_command,
            "the client software must fix the command; the message is not at fault"};
  if (key == 1001 || key == 1010 || key == 1006 || key == 2001)
    return {0, next_step::give_up,
            "the sender gets a bounce: the address does not (or no longer) receive mail"};
  if (e.subject == 1 || e.subject == 6 || key == 2002 || key == 2003 || key == 3004)
    return {0, next_step::fix_and_resend,
            "the sender fixes the address, size or content the code names, then resends"};
  return {0, next_step::give_up, class_next_text(5)};
}

[[nodiscard]] constexpr who_acts who_of(next_step s) noexcept {
  switch (s) {
    case next_step::authenticate:
    case next_step::fix_and_resend:
    case next_step::give_up:
      return who_acts::sender;
    case next_step::fix_command:
      return who_acts::sender_admin;
    default:
      break;
  }
  return who_acts::no_one;
}

/// A hand-written relation for a pair people look up; `low` < `high`.
struct hand_relation {
  std::uint16_t low;
  std::uint16_t high;
  std::string_view text;
};

// clang-format off
/// Sorted by (low, high). Our words; the facts and sections are in the comments.
inline constexpr hand_relation hand_relation_table[] = {
    // RFC 5321 §4.2.3, §4.3.2 (HELP: 211, 214); RFC 4954 §6 (235).
    {211, 235, "211 and 235 are both successes but never answer the same command: 211 is a "
               "status or help text a server may send for HELP, while 235 ends a successful "
               "AUTH exchange and makes the session authenticated. Neither asks the client to "
               "do anything but carry on."sv},
    // RFC 5321 §4.2.3, §4.1.1.8 (214 for HELP); RFC 4954 §6 (235).
    {214, 235, "214 is the help text HELP returns, meant for a person to read; 235 says the AUTH "
               "credentials were accepted. Both are successes for unrelated commands: you meet "
               "214 when exploring a server by hand and 235 when a client logs in."sv},
    // RFC 4954 §4 (334 challenge, 235 success).
    {235, 334, "334 and 235 are two steps of the same AUTH exchange: 334 is a challenge the "
               "client must answer (one base64 line, or \"*\" to cancel) and may repeat; 235 is "
               "the end, with the credentials accepted. Until 235 (or a 5yz) arrives, the "
               "exchange is not finished."sv},
    // RFC 4954 §6 (235); RFC 5321 §4.1.1.4, §4.3.2 (354 after DATA).
    {235, 354, "235 ends a successful AUTH exchange: the client is logged in and can start a "
               "transaction with MAIL FROM. 354 is the intermediate reply to DATA: the server "
               "waits for the message itself, ended by <CRLF>.<CRLF>. 235 comes before the "
               "transaction, 354 in its middle; neither is the final verdict on a message."sv},
    // RFC 4954 §4 (500 for an over-long AUTH line, 5.5.6), §6 (235); RFC 5321 §4.2.4.
    {235, 500, "235 means the AUTH credentials were accepted; 500 means the server did not "
               "understand the command line at all (an unknown verb, or an AUTH line that is "
               "too long). After 235 the client carries on; after 500 the client software has "
               "to be fixed: the password is not the problem."sv},
    // RFC 5321 §4.2.2, §4.3.2 (250 and 251 after RCPT), §3.4 (forwarding).
    {250, 251, "Both accept the command. 251 is only for a recipient (RCPT, or VRFY) that is "
               "not local: the server will forward the message to the path in the text. A "
               "client must treat 251 exactly like 250; 250 is what you meet almost always."sv},
    // RFC 4954 §4 (334); RFC 5321 §4.1.1.4 (354); RFC 4954 §6 (530).
    {354, 530, "354 invites the client to send the message after DATA; 530 refuses the command "
               "because the session is not authenticated (or not under TLS) yet. A server that "
               "requires AUTH answers MAIL, RCPT or DATA with 530 before a 354 could ever "
               "come: authenticate first, then the transaction can reach 354."sv},
    // RFC 5321 §3.8 (421 closes the channel), §4.2.2, §4.3.2 (450 after RCPT, end of DATA).
    {421, 450, "Both are temporary, but of a different scope: 421 means the server is closing "
               "the whole connection (shutting down, overloaded, or throttling the client), "
               "so the client retries the session later; 450 refuses one mailbox or one "
               "message for now (busy, or greylisted) while the session goes on."sv},
    // RFC 5321 §4.2.2, §4.2.3, §4.3.2; RFC 3463 (4.2.x vs 5.1.1).
    {450, 550, "Same condition, different permanence: 450 says the mailbox cannot be used "
               "right now (busy, locked, greylisting), so the queue retries later; 550 says it "
               "cannot be used at all (no such user, or refused by policy), so the message "
               "bounces. Greylisting gives 450 on the first try and 250 on a later one."sv},
    // RFC 5321 §4.2.2, §4.3.2 (451 local error; 550 mailbox unavailable).
    {451, 550, "451 is a temporary error on the receiving side (a local processing problem, or "
               "greylisting as 451 4.7.1): the queue retries and the sender does nothing. 550 "
               "is a permanent refusal of the recipient or the message: it bounces and does "
               "not succeed unchanged."sv},
    // RFC 5321 §4.2.2, §4.5.3.1.10 (452 too many recipients); RFC 1870 §6 (452 vs 552).
    {452, 552, "Both are about storage or size, but 452 is temporary (the server is short of "
               "space now, or too many recipients in one transaction: send the rest in "
               "another) and 552 is permanent (the message exceeds a fixed limit or a full "
               "mailbox): retrying 552 unchanged fails again. Treat a 552 after RCPT as 452."sv},
    // RFC 4954 §6 (530 before AUTH; 535 after a failed AUTH).
    {530, 535, "530 comes before any AUTH: the server requires authentication (or TLS) and "
               "refuses the command until the client logs in. 535 comes after AUTH: the "
               "client tried, and the user name or password was wrong. 530 means configure "
               "the client to authenticate; 535 means correct the credentials."sv},
    // RFC 4954 §6 (534 mechanism too weak, 535 invalid credentials).
    {534, 535, "Both end an AUTH attempt. 534 says the chosen mechanism is too weak for this "
               "account or server (PLAIN without TLS, for instance): choose a stronger one. "
               "535 says the credentials themselves were refused: correct the user name or "
               "password."sv},
    // RFC 5321 §4.2.2, §4.3.2 (553 after MAIL or RCPT: mailbox name not allowed).
    {550, 553, "550 means the mailbox is unavailable (not found, or refused by policy); 553 "
               "means the address itself is not acceptable (bad syntax, or a sender address "
               "the client may not use). 550 usually bounces for good; after 553 the sender "
               "corrects the address and sends again."sv},
    // RFC 5321 §4.2.2, §4.3.2 (554 after DATA, or as greeting; 550 after RCPT).
    {550, 554, "550 usually refuses one recipient (after RCPT) or the message for that mailbox; "
               "554 refuses the whole transaction after DATA (spam, policy, blocklist) or the "
               "whole connection as a greeting. Both are permanent: 550 points at the "
               "address, 554 at the message or the sending host."sv},
};
// clang-format on

[[nodiscard]] constexpr unsigned hand_key(const hand_relation& r) noexcept {
  return r.low * 1000U + r.high;
}
static_assert(is_strictly_sorted(hand_relation_table, hand_key),
              "hand_relation_table must be sorted by (low, high) with no duplicates");

[[nodiscard]] constexpr bool hand_relations_well_formed() noexcept {
  for (const auto& r : hand_relation_table) {
    if (!(r.low < r.high) || r.text.empty() || r.text.size() >= sizeof(relation_text::data))
      return false;
  }
  return true;
}

[[nodiscard]] constexpr std::string_view hand_relation_for(reply_code a, reply_code b) noexcept {
  unsigned lo = a.value();
  unsigned hi = b.value();
  if (hi < lo) {
    const unsigned t = lo;
    lo = hi;
    hi = t;
  }
  for (const auto& r : hand_relation_table) {
    if (r.low == lo && r.high == hi) return r.text;
  }
  return {};
}
static_assert(hand_relations_well_formed(), "every hand-written relation must fit its buffer");

/// The steps (bit 1 << reply_step) a reply code may answer: named for the step in
/// reply_table.hpp, or a code any command may get.
[[nodiscard]] constexpr std::uint32_t steps_of(reply_code code) noexcept {
  std::uint32_t mask = 0;
  for (const auto& r : reply_rules()) {
    if (r.code == code.value()) mask |= step_bit(r.step);
  }
  for (const auto& g : general_replies()) {
    if (g.code != code.value()) continue;
    for (std::size_t s = 0; s < reply_step_count; ++s) {
      if (g.applies_to(static_cast<reply_step>(s))) mask |= step_bit(static_cast<reply_step>(s));
    }
  }
  return mask;
}

[[nodiscard]] constexpr std::uint32_t command_steps() noexcept {
  std::uint32_t mask = 0;
  for (std::size_t s = 0; s < reply_step_count; ++s) {
    if (is_command(static_cast<reply_step>(s))) mask |= step_bit(static_cast<reply_step>(s));
  }
  return mask;
}

/// Appends where the steps in `mask` are ("as the greeting or after MAIL, RCPT and the end of
/// DATA"); "after any command" when the mask holds every command step; at most five names, then
/// "and others".
constexpr void append_steps(relation_text& out, std::uint32_t mask) noexcept {
  const bool greeting = (mask & step_bit(reply_step::connect)) != 0;
  if ((mask & command_steps()) == command_steps()) {
    out.append(greeting ? "as the greeting or after any command" : "after any command");
    return;
  }
  if (greeting) {
    out.append("as the greeting");
    mask &= ~step_bit(reply_step::connect);
    if (mask == 0) return;
    out.append(" or");
  }
  out.append(greeting ? " after " : "after ");
  std::size_t total = 0;
  for (std::size_t s = 0; s < reply_step_count; ++s) {
    if ((mask >> s) & 1U) ++total;
  }
  std::size_t written = 0;
  for (std::size_t s = 0; s < reply_step_count && written < 5; ++s) {
    if (((mask >> s) & 1U) == 0) continue;
    if (written > 0) out.append(written + 1 == total ? " and " : ", ");
    const auto step = static_cast<reply_step>(s);
    if (step == reply_step::data_end)
      out.append("the end of DATA");
    else
      out.append(to_string(step));
    ++written;
  }
  if (written < total) out.append(" and others");
}

[[nodiscard]] constexpr std::string_view class_adjective(unsigned klass) noexcept {
  switch (klass) {
    case 2:
      return "a success";
    case 3:
      return "an intermediate reply";
    case 4:
      return "temporary";
    default:
      break;
  }
  return "permanent";
}

/// What the two classes mean side by side, for a pair both of which can answer one command.
constexpr void append_class_contrast(relation_text& out, const compared_code& a,
                                     const compared_code& b) noexcept {
  const unsigned ka = a.code.class_digit();
  const unsigned kb = b.code.class_digit();
  if (ka == kb) {
    if (ka == 2) out.append("either means the command worked");
    if (ka == 3) out.append("either means the server waits for more");
    if (ka == 4) out.append("both are temporary and the queue retries");
    if (ka == 5) out.append("both are permanent, and what differs is what must change");
    return;
  }
  const compared_code& lo = ka < kb ? a : b;
  const compared_code& hi = ka < kb ? b : a;
  const unsigned kl = ka < kb ? ka : kb;
  const unsigned kh = ka < kb ? kb : ka;
  out.append(lo.text.view());
  if (kl == 2 && kh == 3) {
    out.append(" finishes the command while ").append(hi.text.view());
    out.append(" waits for more input");
  } else if (kl <= 3 && kh >= 4) {
    out.append(kl == 2 ? " is the success and " : " lets the client go on and ");
    out.append(hi.text.view()).append(kh == 4 ? " the temporary refusal" : " the refusal for good");
  } else {
    out.append(" is temporary (the queue retries) and ").append(hi.text.view());
    out.append(" permanent (it does not succeed unchanged)");
  }
}

constexpr void append_code_facts(relation_text& out, const compared_code& c) noexcept {
  out.append(c.text.view()).append(" (").append(c.name).append(") ");
  if (c.code.is_reply()) {
    const std::uint32_t steps = steps_of(c.code.reply);
    if (steps == 0) {
      out.append("is in no RFC's command sequence (");
      out.append(c.status == code_status::unregistered ? "unregistered" : "registry only");
      out.append(")");
    } else {
      out.append("comes ");
      append_steps(out, steps);
    }
  } else {
    out.append("is ").append(class_adjective(c.code.class_digit()));
    if (c.enhanced.subject != nullptr) out.append(", about ").append(c.enhanced.subject->label);
  }
  out.append("; after it ").append(c.next_text).append(".");
}

constexpr void build_relation(code_comparison& c) noexcept {
  relation_text& out = c.relation;
  const compared_code& a = c.first;
  const compared_code& b = c.second;
  if (c.same_code) {
    out.append(a.text.view()).append(" and ").append(b.text.view());
    out.append(" are the same code (").append(a.name).append("): after it ");
    out.append(a.next_text).append(".");
    return;
  }
  if (a.code.is_reply() && b.code.is_reply()) {
    const std::string_view hand = hand_relation_for(a.code.reply, b.code.reply);
    if (!hand.empty()) {
      out.append(hand);
      c.hand_written = true;
      return;
    }
    append_code_facts(out, a);
    out.append(" ");
    append_code_facts(out, b);
    const std::uint32_t shared = steps_of(a.code.reply) & steps_of(b.code.reply);
    if (shared == 0) {
      out.append(
          " They never answer the same command, so one is not an alternative to the "
          "other: which you meet depends on the command you sent.");
    } else {
      out.append(" Both can come ");
      append_steps(out, shared);
      out.append(": there, ");
      append_class_contrast(out, a, b);
      out.append(".");
      const std::uint32_t only_a = steps_of(a.code.reply) & ~shared & command_steps();
      const std::uint32_t only_b = steps_of(b.code.reply) & ~shared & command_steps();
      if (only_a != 0) {
        out.append(" Only ").append(a.text.view()).append(" comes ");
        append_steps(out, only_a);
        out.append(".");
      }
      if (only_b != 0) {
        out.append(" Only ").append(b.text.view()).append(" comes ");
        append_steps(out, only_b);
        out.append(".");
      }
    }
    return;
  }
  if (a.code.is_enhanced() && b.code.is_enhanced()) {
    const enhanced_status& x = a.code.enhanced;
    const enhanced_status& y = b.code.enhanced;
    if (x.subject == y.subject && x.detail == y.detail) {
      out.append(a.text.view()).append(" and ").append(b.text.view());
      out.append(" report the same condition (").append(a.name).append("), but ");
      out.append(x.klass < y.klass ? a.text.view() : b.text.view());
      out.append(x.klass == 2 || y.klass == 2 ? " as a success and " : " as temporary and ");
      out.append(x.klass < y.klass ? b.text.view() : a.text.view());
      out.append(x.klass == 5 || y.klass == 5 ? " as permanent" : " as temporary");
      out.append(": the class digit decides (RFC 3463 §2). After ").append(a.text.view());
      out.append(" ").append(a.next_text).append("; after ").append(b.text.view()).append(" ");
      out.append(b.next_text).append(".");
      return;
    }
    append_code_facts(out, a);
    out.append(" ");
    append_code_facts(out, b);
    if (x.subject == y.subject) {
      out.append(" Both concern the same subject; the detail number is what differs.");
    } else {
      out.append(" They concern different subjects (X.");
      out.append(x.subject).append(" and X.").append(y.subject).append(", RFC 3463 §3).");
    }
    return;
  }
  // One of each: a reply carries a basic code and, optionally, an enhanced one (RFC 3463 §2).
  const compared_code& r = a.code.is_reply() ? a : b;
  const compared_code& e = a.code.is_reply() ? b : a;
  out.append(r.text.view()).append(" is a basic reply code and ").append(e.text.view());
  out.append(" an enhanced status code: one reply can carry both (\"").append(r.text.view());
  out.append(" ").append(e.text.view()).append(" ...\"), the enhanced code saying more precisely ");
  out.append("what happened. ");
  if (r.code.class_digit() != e.code.class_digit()) {
    out.append(
        "Here the class digits disagree, so a reply pairing them is inconsistent (RFC "
        "3463 §2 requires the same class) and the basic code decides. ");
  } else if (e.enhanced.detail != nullptr && is_associated(*e.enhanced.detail, r.code.reply)) {
    out.append("The registry lists ").append(e.text.view()).append(" with ");
    out.append(r.text.view()).append(". ");
  } else {
    out.append("Their classes agree, though the registry does not list ");
    out.append(e.text.view()).append(" with ").append(r.text.view()).append(". ");
  }
  if (r.next_text == e.next_text) {
    out.append("Both ask for the same next step: ").append(r.next_text).append(".");
    return;
  }
  out.append("After ").append(r.text.view()).append(": ").append(r.next_text).append(". ");
  out.append("After ").append(e.text.view()).append(": ").append(e.next_text).append(".");
}

[[nodiscard]] constexpr std::optional<compared_code> describe_code(const code_ref& ref) noexcept {
  if (!ref.is_well_formed()) return std::nullopt;
  compared_code c;
  c.code = ref;
  if (ref.is_reply()) {
    const std::optional<reply_code_info> info = explain(ref.reply);
    c.text.append(ref.reply.value());
    c.reply = *info;
    c.name = info->name;
    c.commands = info->commands;
    c.description = info->description;
    c.when = info->when;
    c.fix = info->fix;
    c.rfcs = info->rfcs;
    c.status = info->status;
    const reply_next n = next_of(ref.reply);
    c.next = n.step;
    c.next_text = n.text;
    c.who = who_of(n.step);
    for (const auto& row : common_replies()) {
      if (row.code == ref.reply.value()) {
        c.who = row.who;
        break;
      }
    }
  } else {
    const std::optional<enhanced_status_explanation> e = explain(ref.enhanced);
    const enhanced_status_text t = to_text(ref.enhanced);
    c.text.append(t.view());
    c.enhanced = *e;
    c.name = e->label();
    c.description = e->description();
    c.when = e->when();
    c.fix = e->fix();
    c.rfcs = e->rfc();
    c.status = e->detail != nullptr ? e->detail->status : code_status::unregistered;
    const reply_next n = next_of(ref.enhanced);
    c.next = n.step;
    c.next_text = n.text;
    c.who = who_of(n.step);
    for (const auto& row : common_replies()) {
      if (row.status == ref.enhanced) {
        c.who = row.who;
        break;
      }
    }
  }
  return c;
}

[[nodiscard]] constexpr std::string_view class_name_of(const compared_code& c) noexcept {
  if (c.code.is_reply()) return to_string(c.code.reply.klass());
  return c.enhanced.klass != nullptr ? c.enhanced.klass->label : std::string_view();
}

}  // namespace detail

/**
 * Compares any two codes: reply codes, enhanced codes, or one of each (both convert to
 * `code_ref`). Registered codes use their table entries; well-formed unregistered ones are
 * explained from their digits (status `unregistered`). Gives nothing if either is malformed.
 */
[[nodiscard]] constexpr std::optional<code_comparison> compare(const code_ref& a,
                                                               const code_ref& b) noexcept {
  const std::optional<compared_code> first = detail::describe_code(a);
  const std::optional<compared_code> second = detail::describe_code(b);
  if (!first || !second) return std::nullopt;

  code_comparison result;
  result.first = *first;
  result.second = *second;
  result.same_code = a == b;
  result.same_class = a.class_digit() == b.class_digit();
  if (a.is_reply() && b.is_reply())
    result.same_category = a.reply.category() == b.reply.category();
  else if (a.is_enhanced() && b.is_enhanced())
    result.same_category = a.enhanced.subject == b.enhanced.subject;

  auto add = [&result](std::string_view aspect, std::string_view x, std::string_view y) {
    if (x != y) result.difference_list[result.difference_count++] = code_difference{aspect, x, y};
  };
  add("kind", to_string(a.kind), to_string(b.kind));
  if (!result.same_class)
    add("class", detail::class_name_of(*first), detail::class_name_of(*second));
  if (a.is_reply() && b.is_reply())
    add("category", to_string(a.reply.category()), to_string(b.reply.category()));
  if (a.is_enhanced() && b.is_enhanced())
    add("subject",
        first->enhanced.subject != nullptr ? first->enhanced.subject->label : "unregistered",
        second->enhanced.subject != nullptr ? second->enhanced.subject->label : "unregistered");
  add("next step", to_string(first->next), to_string(second->next));
  if (a.class_digit() >= 4 && b.class_digit() >= 4)
    add("who acts", to_string(first->who), to_string(second->who));
  if (a.is_reply() && b.is_reply()) add("replies to", first->commands, second->commands);
  add("defined in", first->rfcs, second->rfcs);
  add("status", to_string(first->status), to_string(second->status));
  detail::build_relation(result);
  return result;
}

/// Compares two reply codes (the overload kept for callers that pass `reply_code`).
[[nodiscard]] constexpr std::optional<code_comparison> compare(reply_code a,
                                                               reply_code b) noexcept {
  return compare(code_ref(a), code_ref(b));
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMPARE_HPP
