/**
 * @file detail/sorted.hpp
 * @brief Helpers for sorted constexpr tables: the checks their static_asserts make (sorted,
 *        sorted without duplicates) and a constexpr binary search.
 *
 * Includes only <cstddef>. Used by the knowledge headers and by ehlo.hpp's extension table.
 */
#ifndef SMTPCODES_DETAIL_SORTED_HPP
#define SMTPCODES_DETAIL_SORTED_HPP

#include <cstddef>

namespace smtpcodes {
namespace detail {

template <typename T, std::size_t N, typename Key>
[[nodiscard]] constexpr bool is_strictly_sorted(const T (&table)[N], Key key) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (!(key(table[i - 1]) < key(table[i]))) return false;
  }
  return true;
}

template <typename T, std::size_t N, typename Key>
[[nodiscard]] constexpr bool is_sorted(const T (&table)[N], Key key) noexcept {
  for (std::size_t i = 1; i < N; ++i) {
    if (key(table[i]) < key(table[i - 1])) return false;
  }
  return true;
}

/// Index of the first element whose key is not less than `wanted` (binary search).
template <typename T, std::size_t N, typename Key, typename K>
[[nodiscard]] constexpr std::size_t lower_bound(const T (&table)[N], Key key, K wanted) noexcept {
  std::size_t low = 0;
  std::size_t high = N;
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (key(table[mid]) < wanted) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

}  // namespace detail
}  // namespace smtpcodes

#endif  // SMTPCODES_DETAIL_SORTED_HPP
