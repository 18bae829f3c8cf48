// Split invariance: run an incremental consumer over a stream whole, cut in two at every split
// point, and one byte at a time; every run must give the same result as the whole-stream run.
#ifndef SMTPCODES_TESTS_SPLIT_FEED_HPP
#define SMTPCODES_TESTS_SPLIT_FEED_HPP

#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <vector>

namespace doctest {
// Shows string vectors in failure messages.
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& v) {
    std::string out = "{";
    for (const auto& s : v) out += "\"" + s + "\" ";
    return String((out + "}").c_str());
  }
};
}  // namespace doctest

template <typename Result, typename Run>
Result check_split_invariance(const std::string& stream, Run run) {
  const Result whole = run(std::vector<std::string>{stream});
  std::size_t mismatches = 0;
  std::size_t first_bad_split = 0;
  for (std::size_t i = 0; i <= stream.size(); ++i) {
    if (!(run(std::vector<std::string>{stream.substr(0, i), stream.substr(i)}) == whole)) {
      if (mismatches++ == 0) first_bad_split = i;
    }
  }
  CAPTURE(first_bad_split);
  CHECK(mismatches == 0);
  std::vector<std::string> bytes;
  for (const char c : stream) bytes.emplace_back(1, c);
  CHECK(run(bytes) == whole);
  return whole;
}

#endif  // SMTPCODES_TESTS_SPLIT_FEED_HPP
