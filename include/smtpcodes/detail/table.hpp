/**
 * @file detail/table.hpp
 * @brief What the knowledge headers (reply_code_info.hpp, enhanced_status_info.hpp) share: the
 *        `table_range` view over a static table and the `code_status` of an entry; with
 *        detail/sorted.hpp, the helpers their static_asserts and lookups use.
 *
 * Not meant to be included directly: include either knowledge header, which documents these
 * names as part of its API. Includes detail/sorted.hpp and the standard library.
 */
#ifndef SMTPCODES_DETAIL_TABLE_HPP
#define SMTPCODES_DETAIL_TABLE_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sorted.hpp"

namespace smtpcodes {

/// Whether a code is in current use.
enum class code_status : std::uint8_t {
  current,        ///< Defined by a standards-track or current RFC and in use.
  obsolete,       ///< Its defining document was obsoleted, or the registry deprecated it.
  historic,       ///< Kept only for historical reasons (538, RFC 4954 §6) or defined only by an
                  ///< experimental or historic extension (355, RFC 1845); rarely seen.
  registry_only,  ///< Named only in the IANA enhanced-status registry's associated-code column;
                  ///< no RFC defines its text (422, 430, 523, 524, 525, 533).
  unregistered,   ///< Well-formed but not defined anywhere; explained from its digits.
};

/// "current", "obsolete", "historic", "registry only", "unregistered".
[[nodiscard]] constexpr std::string_view to_string(code_status s) noexcept {
  switch (s) {
    case code_status::current:
      return "current";
    case code_status::obsolete:
      return "obsolete";
    case code_status::historic:
      return "historic";
    case code_status::registry_only:
      return "registry only";
    case code_status::unregistered:
      break;
  }
  return "unregistered";
}

/// A read-only range over part of a static table; usable in range-for and in constexpr code.
template <typename T>
struct table_range {
  const T* first = nullptr;
  const T* last = nullptr;
  [[nodiscard]] constexpr const T* begin() const noexcept { return first; }
  [[nodiscard]] constexpr const T* end() const noexcept { return last; }
  [[nodiscard]] constexpr std::size_t size() const noexcept {
    return static_cast<std::size_t>(last - first);
  }
  [[nodiscard]] constexpr bool empty() const noexcept { return first == last; }
  [[nodiscard]] constexpr const T& operator[](std::size_t i) const noexcept { return first[i]; }
};

/// One text of a small table keyed by an enum (a label, a note, a sentence): the English tables
/// of such texts hold one row per enumerator, in the enum's order, and a language catalog's
/// table the same keys with the texts in that language.
template <typename Key>
struct keyed_text {
  Key key;
  std::string_view text;
};

namespace detail {
/// True when row `i` of `table` has the key `Key(i)` for every row: the table can be indexed
/// by the enum.
template <typename Key, std::size_t N>
[[nodiscard]] constexpr bool keyed_in_order(const keyed_text<Key> (&table)[N]) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (static_cast<std::size_t>(table[i].key) != i || table[i].text.empty()) return false;
  }
  return true;
}
}  // namespace detail

}  // namespace smtpcodes

#endif  // SMTPCODES_DETAIL_TABLE_HPP
