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

/// A next step's label in one language.
using next_step_text = keyed_text<next_step>;

/// The aspects `compare` reports differences in, as keys of `compare_aspect_table`.
enum class compare_aspect : std::uint8_t {
  kind,
  klass,  ///< "class"
  category,
  subject,
  next_step,
  who_acts,
  replies_to,
  defined_in,
  status,
};

/// An aspect's label in one language.
using compare_aspect_text = keyed_text<compare_aspect>;

/// The clauses, labels and sentence patterns of compare's relation sentence, as keys of
/// `compare_phrase_table` (detail/compare_phrase_table.inc says what each is and which
/// {placeholders} it holds).
enum class compare_phrase : std::uint8_t {
  next_class_2,
  next_class_3,
  next_class_4,
  next_class_5,
  next_authenticate_differently,
  next_fix_protocol,
  next_address_gone,
  next_fix_and_resend,
  kind_reply,
  kind_enhanced,
  subject_unregistered,
  status_current,
  status_obsolete,
  status_historic,
  status_registry_only,
  status_unregistered,
  adjective_2,
  adjective_3,
  adjective_4,
  adjective_5,
  steps_any,
  steps_greeting_or_any,
  steps_greeting,
  steps_greeting_or_after,
  steps_after,
  list_comma,
  list_and,
  list_more,
  step_data_end,
  facts_no_sequence,
  facts_comes,
  facts_enhanced,
  facts_enhanced_subject,
  same_code,
  never_same_command,
  both_can_come,
  only_comes,
  contrast_same_2,
  contrast_same_3,
  contrast_same_4,
  contrast_same_5,
  contrast_success_intermediate,
  contrast_success_temporary,
  contrast_success_permanent,
  contrast_intermediate_temporary,
  contrast_intermediate_permanent,
  contrast_temporary_permanent,
  same_condition_success_temporary,
  same_condition_success_permanent,
  same_condition_temporary_permanent,
  same_subject,
  different_subjects,
  mixed_intro,
  mixed_disagree,
  mixed_listed,
  mixed_unlisted,
  mixed_same_next,
  mixed_next,
};

/// A phrase in one language.
using compare_phrase_text = keyed_text<compare_phrase>;

namespace detail {
using std::string_view_literals::operator""sv;
// clang-format off
/// In the order of `next_step`. Our words.
inline constexpr next_step_text next_step_table[] = {
#include "detail/next_step_table.inc"
};
/// In the order of `compare_aspect`. Our words.
inline constexpr compare_aspect_text compare_aspect_table[] = {
#include "detail/compare_aspect_table.inc"
};
/// In the order of `compare_phrase`. Our words.
inline constexpr compare_phrase_text compare_phrase_table[] = {
#include "detail/compare_phrase_table.inc"
};
// clang-format on
static_assert(keyed_in_order(next_step_table), "next_step_table: one row per next_step");
static_assert(keyed_in_order(compare_aspect_table),
              "compare_aspect_table: one row per compare_aspect");
static_assert(keyed_in_order(compare_phrase_table) &&
                  std::size(compare_phrase_table) ==
                      static_cast<std::size_t>(compare_phrase::mixed_next) + 1,
              "compare_phrase_table: one row per compare_phrase");
}  // namespace detail

/// "continue", "send more", "close", "retry later", "authenticate", "fix the command",
/// "fix and resend", "give up (bounce)".
[[nodiscard]] constexpr std::string_view to_string(next_step s) noexcept {
  const auto i = static_cast<std::size_t>(s);
  return detail::next_step_table[i < std::size(detail::next_step_table)
                                     ? i
                                     : static_cast<std::size_t>(next_step::give_up)]
      .text;
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
using relation_text = fixed_text<2048>;  // room for a translation in UTF-8

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
#include "detail/reply_next_table.inc"
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

/// Where a next-step clause comes from: row `row` of reply_next_table, else `phrase`.
struct next_ref {
  next_step step;
  std::size_t row;  ///< npos: the clause is `phrase`.
  compare_phrase phrase;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
};

[[nodiscard]] constexpr compare_phrase class_next_phrase(unsigned klass) noexcept {
  switch (klass) {
    case 2:
      return compare_phrase::next_class_2;
    case 3:
      return compare_phrase::next_class_3;
    case 4:
      return compare_phrase::next_class_4;
    default:
      break;
  }
  return compare_phrase::next_class_5;
}

[[nodiscard]] constexpr std::string_view phrase_text(compare_phrase p) noexcept {
  return compare_phrase_table[static_cast<std::size_t>(p)].text;
}

[[nodiscard]] constexpr std::string_view class_next_text(unsigned klass) noexcept {
  return phrase_text(class_next_phrase(klass));
}

[[nodiscard]] constexpr next_ref next_ref_of(reply_code code) noexcept {
  const std::size_t i = lower_bound(reply_next_table, reply_next_code, code.value());
  if (i < std::size(reply_next_table) && reply_next_table[i].code == code.value())
    return {reply_next_table[i].step, i, compare_phrase::next_class_2};
  const unsigned k = code.value() / 100U;
  return {class_next(k), next_ref::npos, class_next_phrase(k)};
}

/// The next step an enhanced code asks for: by class, then by subject and detail (RFC 3463 §3).
[[nodiscard]] constexpr next_ref next_ref_of(const enhanced_status& e) noexcept {
  constexpr std::size_t npos = next_ref::npos;
  if (e.klass == 2) return {next_step::carry_on, npos, compare_phrase::next_class_2};
  const unsigned key = e.subject * 1000U + e.detail;
  // X.7.8 credentials invalid, X.7.9 mechanism too weak, X.7.11 encryption required,
  // X.7.12 password transition (RFC 4954 §6), X.7.10 encryption needed (RFC 5248).
  if (key == 7008) {
    next_ref r = next_ref_of(reply_code(535));
    r.step = next_step::authenticate;
    return r;
  }
  if (key == 7013 && e.klass == 5) {
    next_ref r = next_ref_of(reply_code(525));
    r.step = next_step::give_up;
    return r;
  }
  if (key == 7009 || key == 7010 || key == 7011 || key == 7012)
    return {next_step::authenticate, npos, compare_phrase::next_authenticate_differently};
  if (e.klass == 4) return {next_step::retry_later, npos, compare_phrase::next_class_4};
  // Class 5. X.5.x: the protocol itself (syntax, sequence, parameters; RFC 3463 §3.6).
  if (e.subject == 5) return {next_step::fix_command, npos, compare_phrase::next_fix_protocol};
  if (key == 1001 || key == 1010 || key == 1006 || key == 2001)
    return {next_step::give_up, npos, compare_phrase::next_address_gone};
  if (e.subject == 1 || e.subject == 6 || key == 2002 || key == 2003 || key == 3004)
    return {next_step::fix_and_resend, npos, compare_phrase::next_fix_and_resend};
  return {next_step::give_up, npos, compare_phrase::next_class_5};
}

[[nodiscard]] constexpr std::string_view english_next_text(const next_ref& n) noexcept {
  return n.row != next_ref::npos ? reply_next_table[n.row].text : phrase_text(n.phrase);
}

[[nodiscard]] constexpr reply_next next_of(reply_code code) noexcept {
  const next_ref n = next_ref_of(code);
  return {code.value(), n.step, english_next_text(n)};
}

[[nodiscard]] constexpr reply_next next_of(const enhanced_status& e) noexcept {
  const next_ref n = next_ref_of(e);
  return {0, n.step, english_next_text(n)};
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
#include "detail/hand_relation_table.inc"
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

/// The row of hand_relation_table for the pair, or npos.
[[nodiscard]] constexpr std::size_t hand_relation_row(reply_code a, reply_code b) noexcept {
  unsigned lo = a.value();
  unsigned hi = b.value();
  if (hi < lo) {
    const unsigned t = lo;
    lo = hi;
    hi = t;
  }
  for (std::size_t i = 0; i < std::size(hand_relation_table); ++i) {
    if (hand_relation_table[i].low == lo && hand_relation_table[i].high == hi) return i;
  }
  return next_ref::npos;
}

[[nodiscard]] constexpr std::string_view hand_relation_for(reply_code a, reply_code b) noexcept {
  const std::size_t i = hand_relation_row(a, b);
  return i == next_ref::npos ? std::string_view() : hand_relation_table[i].text;
}
static_assert(hand_relations_well_formed(), "every hand-written relation must fit its buffer");

/// The English texts of a comparison. A language's (catalog.hpp) has the same members.
struct english_words {
  [[nodiscard]] constexpr std::string_view phrase(compare_phrase p) const noexcept {
    return phrase_text(p);
  }
  [[nodiscard]] constexpr std::string_view aspect(compare_aspect a) const noexcept {
    return compare_aspect_table[static_cast<std::size_t>(a)].text;
  }
  [[nodiscard]] constexpr std::string_view step(next_step s) const noexcept { return to_string(s); }
  [[nodiscard]] constexpr std::string_view who(who_acts w) const noexcept { return to_string(w); }
  [[nodiscard]] constexpr std::string_view next_text(const next_ref& n) const noexcept {
    return english_next_text(n);
  }
  [[nodiscard]] constexpr std::string_view hand(std::size_t row) const noexcept {
    return hand_relation_table[row].text;
  }
  [[nodiscard]] constexpr std::string_view category(reply_category c) const noexcept {
    return to_string(c);
  }
  [[nodiscard]] constexpr std::string_view reply_class(reply_code code) const noexcept {
    return to_string(code.klass());
  }
  [[nodiscard]] constexpr std::string_view enhanced_class(
      const enhanced_status_explanation& e) const noexcept {
    return e.klass != nullptr ? e.klass->label : std::string_view();
  }
  [[nodiscard]] constexpr std::string_view subject(
      const enhanced_status_explanation& e) const noexcept {
    return e.subject != nullptr ? e.subject->label : std::string_view();
  }
  /// The reply code's explanation as compare shows it.
  [[nodiscard]] constexpr std::optional<reply_code_info> reply(reply_code code) const noexcept {
    return explain(code);
  }
  /// Fills the enhanced code's texts (name, description, when, fix) of `c`.
  constexpr void enhanced(compared_code& c) const noexcept {
    c.name = c.enhanced.label();
    c.description = c.enhanced.description();
    c.when = c.enhanced.when();
    c.fix = c.enhanced.fix();
  }
};

/// One {name} of a phrase and its value.
struct phrase_arg {
  std::string_view name;
  std::string_view value;
};

/// Appends `pattern` with each {name} replaced by its value in `args` (an unknown one stays).
template <std::size_t N>
constexpr void append_pattern(relation_text& out, std::string_view pattern,
                              const phrase_arg (&args)[N]) noexcept {
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      const std::size_t close = pattern.find('}', i);
      if (close != std::string_view::npos) {
        const std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool found = false;
        for (const phrase_arg& a : args) {
          if (a.name == name) {
            out.append(a.value);
            found = true;
            break;
          }
        }
        if (found) {
          i = close + 1;
          continue;
        }
      }
    }
    const std::size_t next = pattern.find('{', i + 1);
    const std::size_t end = next == std::string_view::npos ? pattern.size() : next;
    out.append(pattern.substr(i, end - i));
    i = end;
  }
}

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

/// Where the steps in `mask` are ("as the greeting or after MAIL, RCPT and the end of DATA");
/// "after any command" when the mask holds every command step; at most five names, then
/// "and others".
template <class Words>
constexpr relation_text steps_text(const Words& w, std::uint32_t mask) noexcept {
  relation_text out;
  const bool greeting = (mask & step_bit(reply_step::connect)) != 0;
  if ((mask & command_steps()) == command_steps()) {
    out.append(
        w.phrase(greeting ? compare_phrase::steps_greeting_or_any : compare_phrase::steps_any));
    return out;
  }
  mask &= ~step_bit(reply_step::connect);
  if (greeting && mask == 0) {
    out.append(w.phrase(compare_phrase::steps_greeting));
    return out;
  }
  relation_text list;
  std::size_t total = 0;
  for (std::size_t s = 0; s < reply_step_count; ++s) {
    if ((mask >> s) & 1U) ++total;
  }
  std::size_t written = 0;
  for (std::size_t s = 0; s < reply_step_count && written < 5; ++s) {
    if (((mask >> s) & 1U) == 0) continue;
    if (written > 0)
      list.append(
          w.phrase(written + 1 == total ? compare_phrase::list_and : compare_phrase::list_comma));
    const auto step = static_cast<reply_step>(s);
    if (step == reply_step::data_end)
      list.append(w.phrase(compare_phrase::step_data_end));
    else
      list.append(to_string(step));
    ++written;
  }
  if (written < total) list.append(w.phrase(compare_phrase::list_more));
  const phrase_arg args[] = {{"list", list.view()}};
  append_pattern(
      out,
      w.phrase(greeting ? compare_phrase::steps_greeting_or_after : compare_phrase::steps_after),
      args);
  return out;
}

[[nodiscard]] constexpr compare_phrase class_adjective(unsigned klass) noexcept {
  switch (klass) {
    case 2:
      return compare_phrase::adjective_2;
    case 3:
      return compare_phrase::adjective_3;
    case 4:
      return compare_phrase::adjective_4;
    default:
      break;
  }
  return compare_phrase::adjective_5;
}

/// What the two classes mean side by side, for a pair both of which can answer one command.
template <class Words>
constexpr relation_text class_contrast(const Words& w, const compared_code& a,
                                       const compared_code& b) noexcept {
  relation_text out;
  const unsigned ka = a.code.class_digit();
  const unsigned kb = b.code.class_digit();
  if (ka == kb) {
    if (ka == 2) out.append(w.phrase(compare_phrase::contrast_same_2));
    if (ka == 3) out.append(w.phrase(compare_phrase::contrast_same_3));
    if (ka == 4) out.append(w.phrase(compare_phrase::contrast_same_4));
    if (ka == 5) out.append(w.phrase(compare_phrase::contrast_same_5));
    return out;
  }
  const compared_code& lo = ka < kb ? a : b;
  const compared_code& hi = ka < kb ? b : a;
  const unsigned kl = ka < kb ? ka : kb;
  const unsigned kh = ka < kb ? kb : ka;
  compare_phrase p = compare_phrase::contrast_temporary_permanent;
  if (kl == 2 && kh == 3)
    p = compare_phrase::contrast_success_intermediate;
  else if (kl == 2 && kh == 4)
    p = compare_phrase::contrast_success_temporary;
  else if (kl == 2)
    p = compare_phrase::contrast_success_permanent;
  else if (kl == 3 && kh == 4)
    p = compare_phrase::contrast_intermediate_temporary;
  else if (kl == 3)
    p = compare_phrase::contrast_intermediate_permanent;
  const phrase_arg args[] = {{"lo", lo.text.view()}, {"hi", hi.text.view()}};
  append_pattern(out, w.phrase(p), args);
  return out;
}

/// The space between two sentences; none after an ideographic full stop (U+3002), as Chinese
/// writes them.
constexpr void append_sentence_gap(relation_text& out) noexcept {
  const std::string_view v = out.view();
  if (v.size() >= 3 && v.substr(v.size() - 3) == "\xE3\x80\x82") return;
  out.append(" ");
}

template <class Words>
constexpr void append_code_facts(const Words& w, relation_text& out,
                                 const compared_code& c) noexcept {
  if (c.code.is_reply()) {
    const std::uint32_t steps = steps_of(c.code.reply);
    if (steps == 0) {
      const phrase_arg args[] = {{"code", c.text.view()},
                                 {"name", c.name},
                                 {"status", w.phrase(c.status == code_status::unregistered
                                                         ? compare_phrase::status_unregistered
                                                         : compare_phrase::status_registry_only)},
                                 {"next", c.next_text}};
      append_pattern(out, w.phrase(compare_phrase::facts_no_sequence), args);
    } else {
      const relation_text where = steps_text(w, steps);
      const phrase_arg args[] = {{"code", c.text.view()},
                                 {"name", c.name},
                                 {"steps", where.view()},
                                 {"next", c.next_text}};
      append_pattern(out, w.phrase(compare_phrase::facts_comes), args);
    }
    return;
  }
  const bool about = c.enhanced.subject != nullptr;
  const phrase_arg args[] = {{"code", c.text.view()},
                             {"name", c.name},
                             {"adjective", w.phrase(class_adjective(c.code.class_digit()))},
                             {"subject", about ? w.subject(c.enhanced) : std::string_view()},
                             {"next", c.next_text}};
  append_pattern(
      out,
      w.phrase(about ? compare_phrase::facts_enhanced_subject : compare_phrase::facts_enhanced),
      args);
}

template <class Words>
constexpr void append_steps_sentence(const Words& w, relation_text& out, compare_phrase p,
                                     std::string_view code, std::uint32_t mask,
                                     std::string_view contrast = {}) noexcept {
  const relation_text where = steps_text(w, mask);
  const phrase_arg args[] = {{"code", code}, {"steps", where.view()}, {"contrast", contrast}};
  append_pattern(out, w.phrase(p), args);
}

template <class Words>
constexpr void build_relation(const Words& w, code_comparison& c) noexcept {
  relation_text& out = c.relation;
  const compared_code& a = c.first;
  const compared_code& b = c.second;
  if (c.same_code) {
    const phrase_arg args[] = {
        {"a", a.text.view()}, {"b", b.text.view()}, {"name", a.name}, {"next", a.next_text}};
    append_pattern(out, w.phrase(compare_phrase::same_code), args);
    return;
  }
  if (a.code.is_reply() && b.code.is_reply()) {
    const std::size_t hand = hand_relation_row(a.code.reply, b.code.reply);
    if (hand != next_ref::npos) {
      out.append(w.hand(hand));
      c.hand_written = true;
      return;
    }
    append_code_facts(w, out, a);
    append_sentence_gap(out);
    append_code_facts(w, out, b);
    const std::uint32_t shared = steps_of(a.code.reply) & steps_of(b.code.reply);
    if (shared == 0) {
      out.append(w.phrase(compare_phrase::never_same_command));
    } else {
      const relation_text contrast = class_contrast(w, a, b);
      append_steps_sentence(w, out, compare_phrase::both_can_come, {}, shared, contrast.view());
      const std::uint32_t only_a = steps_of(a.code.reply) & ~shared & command_steps();
      const std::uint32_t only_b = steps_of(b.code.reply) & ~shared & command_steps();
      if (only_a != 0)
        append_steps_sentence(w, out, compare_phrase::only_comes, a.text.view(), only_a);
      if (only_b != 0)
        append_steps_sentence(w, out, compare_phrase::only_comes, b.text.view(), only_b);
    }
    return;
  }
  if (a.code.is_enhanced() && b.code.is_enhanced()) {
    const enhanced_status& x = a.code.enhanced;
    const enhanced_status& y = b.code.enhanced;
    if (x.subject == y.subject && x.detail == y.detail) {
      const bool success = x.klass == 2 || y.klass == 2;
      const bool permanent = x.klass == 5 || y.klass == 5;
      const compare_phrase p = !success    ? compare_phrase::same_condition_temporary_permanent
                               : permanent ? compare_phrase::same_condition_success_permanent
                                           : compare_phrase::same_condition_success_temporary;
      const phrase_arg args[] = {{"a", a.text.view()},
                                 {"b", b.text.view()},
                                 {"name", a.name},
                                 {"lo", x.klass < y.klass ? a.text.view() : b.text.view()},
                                 {"hi", x.klass < y.klass ? b.text.view() : a.text.view()},
                                 {"next_a", a.next_text},
                                 {"next_b", b.next_text}};
      append_pattern(out, w.phrase(p), args);
      return;
    }
    append_code_facts(w, out, a);
    append_sentence_gap(out);
    append_code_facts(w, out, b);
    if (x.subject == y.subject) {
      out.append(w.phrase(compare_phrase::same_subject));
    } else {
      code_text sa;
      code_text sb;
      sa.append(x.subject);
      sb.append(y.subject);
      const phrase_arg args[] = {{"sa", sa.view()}, {"sb", sb.view()}};
      append_pattern(out, w.phrase(compare_phrase::different_subjects), args);
    }
    return;
  }
  // One of each: a reply carries a basic code and, optionally, an enhanced one (RFC 3463 §2).
  const compared_code& r = a.code.is_reply() ? a : b;
  const compared_code& e = a.code.is_reply() ? b : a;
  const phrase_arg args[] = {{"r", r.text.view()},
                             {"e", e.text.view()},
                             {"next", r.next_text},
                             {"next_r", r.next_text},
                             {"next_e", e.next_text}};
  append_pattern(out, w.phrase(compare_phrase::mixed_intro), args);
  if (r.code.class_digit() != e.code.class_digit()) {
    out.append(w.phrase(compare_phrase::mixed_disagree));
  } else if (e.enhanced.detail != nullptr && is_associated(*e.enhanced.detail, r.code.reply)) {
    append_pattern(out, w.phrase(compare_phrase::mixed_listed), args);
  } else {
    append_pattern(out, w.phrase(compare_phrase::mixed_unlisted), args);
  }
  append_pattern(out,
                 w.phrase(r.next_text == e.next_text ? compare_phrase::mixed_same_next
                                                     : compare_phrase::mixed_next),
                 args);
}

template <class Words>
[[nodiscard]] constexpr std::optional<compared_code> describe_code(const Words& w,
                                                                   const code_ref& ref) noexcept {
  if (!ref.is_well_formed()) return std::nullopt;
  compared_code c;
  c.code = ref;
  if (ref.is_reply()) {
    const std::optional<reply_code_info> info = w.reply(ref.reply);
    c.text.append(ref.reply.value());
    c.reply = *info;
    c.name = info->name;
    c.commands = info->commands;
    c.description = info->description;
    c.when = info->when;
    c.fix = info->fix;
    c.rfcs = info->rfcs;
    c.status = info->status;
    const next_ref n = next_ref_of(ref.reply);
    c.next = n.step;
    c.next_text = w.next_text(n);
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
    w.enhanced(c);
    c.rfcs = e->rfc();
    c.status = e->detail != nullptr ? e->detail->status : code_status::unregistered;
    const next_ref n = next_ref_of(ref.enhanced);
    c.next = n.step;
    c.next_text = w.next_text(n);
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

template <class Words>
[[nodiscard]] constexpr std::string_view class_name_of(const Words& w,
                                                       const compared_code& c) noexcept {
  if (c.code.is_reply()) return w.reply_class(c.code.reply);
  return w.enhanced_class(c.enhanced);
}

[[nodiscard]] constexpr compare_phrase status_phrase(code_status s) noexcept {
  switch (s) {
    case code_status::current:
      return compare_phrase::status_current;
    case code_status::obsolete:
      return compare_phrase::status_obsolete;
    case code_status::historic:
      return compare_phrase::status_historic;
    case code_status::registry_only:
      return compare_phrase::status_registry_only;
    case code_status::unregistered:
      break;
  }
  return compare_phrase::status_unregistered;
}

/// `compare` with the texts of `w` (English, or a language's: catalog.hpp).
template <class Words>
[[nodiscard]] constexpr std::optional<code_comparison> compare_in(const Words& w, const code_ref& a,
                                                                  const code_ref& b) noexcept {
  const std::optional<compared_code> first = describe_code(w, a);
  const std::optional<compared_code> second = describe_code(w, b);
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

  // Whether an aspect differs is decided on the English texts, the facts: two texts a language
  // happens to render alike ("any" and "any command") still differ, so every language lists the
  // same differences. `get(words, code, ref)` gives an aspect's text in `words`.
  const english_words en{};
  const std::optional<compared_code> en_first = describe_code(en, a);
  const std::optional<compared_code> en_second = describe_code(en, b);
  auto add = [&](compare_aspect aspect, auto get) {
    if (get(en, *en_first, a) != get(en, *en_second, b)) {
      result.difference_list[result.difference_count++] =
          code_difference{w.aspect(aspect), get(w, *first, a), get(w, *second, b)};
    }
  };
  add(compare_aspect::kind, [](const auto& words, const compared_code&, const code_ref& r) {
    return words.phrase(r.is_reply() ? compare_phrase::kind_reply : compare_phrase::kind_enhanced);
  });
  if (!result.same_class) {
    add(compare_aspect::klass, [](const auto& words, const compared_code& c, const code_ref&) {
      return class_name_of(words, c);
    });
  }
  if (a.is_reply() && b.is_reply()) {
    add(compare_aspect::category, [](const auto& words, const compared_code&, const code_ref& r) {
      return words.category(r.reply.category());
    });
  }
  if (a.is_enhanced() && b.is_enhanced()) {
    add(compare_aspect::subject, [](const auto& words, const compared_code& c, const code_ref&) {
      return c.enhanced.subject != nullptr ? words.subject(c.enhanced)
                                           : words.phrase(compare_phrase::subject_unregistered);
    });
  }
  add(compare_aspect::next_step, [](const auto& words, const compared_code& c, const code_ref&) {
    return words.step(c.next);
  });
  if (a.class_digit() >= 4 && b.class_digit() >= 4) {
    add(compare_aspect::who_acts, [](const auto& words, const compared_code& c, const code_ref&) {
      return words.who(c.who);
    });
  }
  if (a.is_reply() && b.is_reply()) {
    add(compare_aspect::replies_to,
        [](const auto&, const compared_code& c, const code_ref&) { return c.commands; });
  }
  add(compare_aspect::defined_in,
      [](const auto&, const compared_code& c, const code_ref&) { return c.rfcs; });
  add(compare_aspect::status, [](const auto& words, const compared_code& c, const code_ref&) {
    return words.phrase(status_phrase(c.status));
  });
  build_relation(w, result);
  return result;
}

}  // namespace detail

/**
 * Compares any two codes: reply codes, enhanced codes, or one of each (both convert to
 * `code_ref`). Registered codes use their table entries; well-formed unregistered ones are
 * explained from their digits (status `unregistered`). Gives nothing if either is malformed.
 * `compare(a, b, language)` (catalog.hpp) gives the same comparison with its texts in a
 * language.
 */
[[nodiscard]] constexpr std::optional<code_comparison> compare(const code_ref& a,
                                                               const code_ref& b) noexcept {
  return detail::compare_in(detail::english_words{}, a, b);
}

/// Compares two reply codes (the overload kept for callers that pass `reply_code`).
[[nodiscard]] constexpr std::optional<code_comparison> compare(reply_code a,
                                                               reply_code b) noexcept {
  return compare(code_ref(a), code_ref(b));
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMPARE_HPP
