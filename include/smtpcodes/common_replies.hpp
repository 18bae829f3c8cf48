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
#include <string_view>  // std::size too (C++17 [iterator.range]): no <iterator>

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

/// The label of a `who_acts` in one language.
using who_acts_text = keyed_text<who_acts>;
/// The label of a `retry_advice` in one language.
using retry_advice_text = keyed_text<retry_advice>;

namespace detail {
using std::string_view_literals::operator""sv;
// clang-format off
/// In the order of `who_acts`. Our words.
inline constexpr who_acts_text who_acts_table[] = {
#include "detail/who_acts_table.inc"
};
/// In the order of `retry_advice`. Our words.
inline constexpr retry_advice_text retry_advice_table[] = {
#include "detail/retry_advice_table.inc"
};
// clang-format on
static_assert(keyed_in_order(who_acts_table), "who_acts_table: one row per who_acts, in order");
static_assert(keyed_in_order(retry_advice_table),
              "retry_advice_table: one row per retry_advice, in order");
}  // namespace detail

/// "no one (the queue retries)", "the sender", "the sender's admin", "the recipient",
/// "the receiving admin".
[[nodiscard]] constexpr std::string_view to_string(who_acts w) noexcept {
  const auto i = static_cast<std::size_t>(w);
  return detail::who_acts_table[i < std::size(detail::who_acts_table)
                                    ? i
                                    : std::size(detail::who_acts_table) - 1]
      .text;
}

/// "automatic", "after fix", "never".
[[nodiscard]] constexpr std::string_view to_string(retry_advice r) noexcept {
  const auto i = static_cast<std::size_t>(r);
  return detail::retry_advice_table[i < std::size(detail::retry_advice_table)
                                        ? i
                                        : std::size(detail::retry_advice_table) - 1]
      .text;
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
#include "detail/common_reply_table.inc"
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
