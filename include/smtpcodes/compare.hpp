/**
 * @file compare.hpp
 * @brief Side-by-side comparison of two reply codes ("235 vs 354") as data: both explanations,
 *        whether they share class and category, the aspects in which they differ, and one
 *        sentence relating their classes.
 *
 * Includes reply_code_info.hpp and enhanced_status_info.hpp (the knowledge headers). constexpr,
 * no allocation, no exceptions.
 */
#ifndef SMTPCODES_COMPARE_HPP
#define SMTPCODES_COMPARE_HPP

#include <cstddef>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "enhanced_status_info.hpp"
#include "reply_code.hpp"
#include "reply_code_info.hpp"

namespace smtpcodes {

/// One aspect in which two codes differ; `first` and `second` are the two codes' values.
struct code_difference {
  std::string_view
      aspect;  ///< "class", "category", "next step", "replies to", "defined in", "status"
  std::string_view first;
  std::string_view second;
};

/**
 * The comparison of two well-formed codes. `first` and `second` are full explanations (see
 * `explain`), so each code's name, description, when and fix are here; `relation` is one
 * sentence on how their classes relate; `differences()` lists only the aspects that differ.
 * All strings are static.
 */
struct reply_code_comparison {
  reply_code_info first{};
  reply_code_info second{};
  bool same_class = false;
  bool same_category = false;
  std::string_view relation;
  code_difference difference_list[6]{};
  std::size_t difference_count = 0;

  /// The aspects that differ, in a fixed order: class, category, next step, replies to,
  /// defined in, status.
  [[nodiscard]] constexpr table_range<code_difference> differences() const noexcept {
    return {difference_list, difference_list + difference_count};
  }
};

namespace detail {

/// One sentence relating two classes; symmetric, so the lower class comes first.
[[nodiscard]] constexpr std::string_view class_relation(reply_class a, reply_class b) noexcept {
  using k = reply_class;
  if (b < a) {
    const reply_class t = a;
    a = b;
    b = t;
  }
  if (a == b) {
    switch (a) {
      case k::positive_completion:
        return "Both are successes (2yz): either way the command worked; they differ in what "
               "was done and in what the text carries.";
      case k::positive_intermediate:
        return "Both are intermediate (3yz): the server accepted the command so far and waits "
               "for more input; they differ in what it waits for.";
      case k::transient_negative:
        return "Both are temporary failures (4yz): keep the message queued and retry later; "
               "they differ in what went wrong.";
      case k::permanent_negative:
        break;
    }
    return "Both are permanent failures (5yz): do not retry unchanged; they differ in what "
           "must be corrected.";
  }
  if (a == k::positive_completion && b == k::positive_intermediate)
    return "Both are positive, but a 2yz reply means the command is finished, while a 3yz reply "
           "means the server is waiting for more input (the message, or the next AUTH step) "
           "before it finishes.";
  if (a == k::positive_completion && b == k::transient_negative)
    return "A 2yz reply is a success; a 4yz reply is a temporary failure: the command did not "
           "take effect, and the client should retry later.";
  if (a == k::positive_completion && b == k::permanent_negative)
    return "A 2yz reply is a success; a 5yz reply is a permanent failure: the command did not "
           "take effect, and repeating it unchanged will fail again.";
  if (a == k::positive_intermediate && b == k::transient_negative)
    return "A 3yz reply invites the client to continue; a 4yz reply refuses the command for now, "
           "so nothing should be sent for it until a later retry.";
  if (a == k::positive_intermediate && b == k::permanent_negative)
    return "A 3yz reply invites the client to continue; a 5yz reply refuses the command for "
           "good, so the client must not send the data it was about to send.";
  return "Both are failures, but a 4yz reply is temporary (retry later) while a 5yz reply is "
         "permanent (bounce, or fix the cause first).";
}

}  // namespace detail

/**
 * Compares two codes. Registered codes use their table entries; well-formed unregistered ones
 * are explained from their digits (status `unregistered`). Gives nothing if either code is
 * malformed.
 */
[[nodiscard]] constexpr std::optional<reply_code_comparison> compare(reply_code a,
                                                                     reply_code b) noexcept {
  const std::optional<reply_code_info> first = explain(a);
  const std::optional<reply_code_info> second = explain(b);
  if (!first || !second) return std::nullopt;

  reply_code_comparison result;
  result.first = *first;
  result.second = *second;
  result.same_class = a.klass() == b.klass();
  result.same_category = a.category() == b.category();
  result.relation = detail::class_relation(a.klass(), b.klass());

  auto add = [&result](std::string_view aspect, std::string_view x, std::string_view y) {
    if (x != y) result.difference_list[result.difference_count++] = code_difference{aspect, x, y};
  };
  add("class", to_string(a.klass()), to_string(b.klass()));
  add("category", to_string(a.category()), to_string(b.category()));
  add("next step", class_action(a.klass()), class_action(b.klass()));
  add("replies to", first->commands, second->commands);
  add("defined in", first->rfcs, second->rfcs);
  add("status", to_string(first->status), to_string(second->status));
  return result;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMPARE_HPP
