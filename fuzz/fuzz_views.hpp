// Shared by fuzz_line, fuzz_reply and fuzz_ehlo: every view a result holds lies inside the
// input it came from or is empty (issue 10's rule), and the shrinking re-feed buffer.
#ifndef SMTPCODES_FUZZ_VIEWS_HPP
#define SMTPCODES_FUZZ_VIEWS_HPP

#include <cstddef>
#include <cstdint>
#include <smtpcodes/ehlo.hpp>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

/// Aborts unless `v` is empty or lies inside `input`.
inline void check_inside(std::string_view v, std::string_view input) {
  if (v.empty()) return;
  const std::uintptr_t lo = reinterpret_cast<std::uintptr_t>(input.data());
  const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(v.data());
  check(at >= lo && at - lo <= input.size() && v.size() <= input.size() - (at - lo));
}

/// Every view `parse_ehlo` gave (on success and on error) lies inside `input`.
inline void check_ehlo_views(const smtpcodes::ehlo_result& r, std::string_view input) {
  const auto& c = r.capabilities;
  check_inside(c.reply().raw(), input);
  check_inside(c.domain(), input);
  check_inside(c.greeting(), input);
  check_inside(c.priority_profile(), input);
  for (std::size_t e = 0; e < smtpcodes::extension_count; ++e) {
    check_inside(c.parameters(static_cast<smtpcodes::extension>(e)), input);
  }
  for (const auto& cap : c) {
    check_inside(cap.keyword, input);
    check_inside(cap.parameters, input);
  }
}

/// The first `n` octets of `s` in an allocation of exactly `n`, so a read past them is caught.
inline std::vector<char> exact_copy(std::string_view s, std::size_t n) {
  return std::vector<char>(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(n));
}

#endif  // SMTPCODES_FUZZ_VIEWS_HPP
