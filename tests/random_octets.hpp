// A small deterministic generator (xorshift64*) for the tests that build random streams from
// fixed seeds, so that every failure reproduces.
#ifndef SMTPCODES_TESTS_RANDOM_OCTETS_HPP
#define SMTPCODES_TESTS_RANDOM_OCTETS_HPP

#include <cstddef>
#include <cstdint>

struct random_octets {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
  }
  /// A number in [0, n).
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

#endif  // SMTPCODES_TESTS_RANDOM_OCTETS_HPP
