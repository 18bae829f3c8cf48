// Fuzzes find_reply on any octets: every view of the result lies inside the input (which sits in
// an allocation of exactly its size, so a read past it is caught); the fields agree with each
// other (offset is match's, match starts with the code, the marker comes before the match); a
// prefix of spaces changes nothing but the offset; unrelated text after a blank line changes
// neither the code nor the enhanced code nor the text.
#include <smtpcodes/find.hpp>
#include <string>

#include "fuzz_common.hpp"
#include "fuzz_views.hpp"

namespace {

void check_result(const smtpcodes::found_reply& r, std::string_view input) {
  check_inside(r.text, input);
  check_inside(r.match, input);
  check_inside(r.marker, input);
  check(r.ok() == r.found && r.failed() == !r.found);
  if (!r.found) {
    check(r.error == smtpcodes::errc::bad_reply_code && r.offset == input.size());
    check(!r.code && !r.enhanced && !r.mismatched_enhanced && r.line_count == 0);
    check(r.text.empty() && r.match.empty() && r.marker.empty());
    return;
  }
  check(r.error == smtpcodes::errc{} && r.line_count >= 1);
  check(r.code || r.enhanced);
  check(!(r.enhanced && r.mismatched_enhanced));
  check(!r.match.empty() && r.match.data() == input.data() + r.offset);
  check_inside(r.text, r.match);
  if (r.code) {
    check(r.code->is_well_formed());
    check(smtpcodes::parse_reply_code(r.match.substr(0, 3)) == r.code);
    if (r.enhanced) check(r.enhanced->matches(*r.code));
    if (r.mismatched_enhanced) check(!r.mismatched_enhanced->matches(*r.code));
  } else {
    smtpcodes::enhanced_status e;
    check(smtpcodes::detail::parse_status_prefix(r.match, e) != 0 && r.enhanced == e);
    check(r.match[0] == '2' || r.match[0] == '4' || r.match[0] == '5');
  }
  if (r.enhanced) check(r.enhanced->is_well_formed());
  if (!r.marker.empty()) check(r.marker.data() + r.marker.size() <= r.match.data());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const std::vector<char> exact =
      exact_copy(std::string_view(reinterpret_cast<const char*>(p), n), n);
  const std::string_view input(exact.data(), n);
  const auto r = smtpcodes::find_reply(input);
  check_result(r, input);

  const std::string shifted = "   " + std::string(input);
  const auto s = smtpcodes::find_reply(shifted);
  check_result(s, shifted);
  check(s.found == r.found && s.code == r.code && s.enhanced == r.enhanced &&
        s.mismatched_enhanced == r.mismatched_enhanced && s.command == r.command &&
        s.text == r.text && s.match == r.match && s.line_count == r.line_count);
  if (r.found) check(s.offset == r.offset + 3);

  const std::string suffixed = std::string(input) + "\n\nzzz\n";
  const auto t = smtpcodes::find_reply(suffixed);
  check_result(t, suffixed);
  check(t.found == r.found && t.code == r.code && t.enhanced == r.enhanced && t.text == r.text);
  return 0;
}
