// Fuzzes classify on any text: find_reply's parts, then the same text with random codes. The
// answer always has reason info, its hard flag agrees with the reason's rule, a provider entry
// implies its provider, and the answer does not depend on ASCII case (matching is
// case-insensitive) nor on the text's position in memory.
#include <smtpcodes/classify.hpp>
#include <smtpcodes/find.hpp>
#include <string>

#include "fuzz_common.hpp"
#include "fuzz_views.hpp"

namespace {

char flip_case(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

void check_answer(const smtpcodes::classification& c) {
  check(c.info != nullptr && c.info->reason == c.reason);
  // hard only for reasons retrying can never fix, and never on a transient code (classify.hpp)
  if (c.hard) check(c.info->hard);
  if (c.provider_entry != nullptr) check(c.provider_entry->reason == c.reason);
  check(!c.fix.empty() || c.reason == smtpcodes::bounce_reason::undefined);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  if (n < 4) return 0;
  const std::vector<char> exact =
      exact_copy(std::string_view(reinterpret_cast<const char*>(p) + 4, n - 4), n - 4);
  const std::string_view text(exact.data(), n - 4);

  const smtpcodes::found_reply f = smtpcodes::find_reply(text);
  const smtpcodes::classification a = smtpcodes::classify(f);
  check_answer(a);

  smtpcodes::classify_input in;
  const unsigned basic = 200u + (static_cast<unsigned>(p[0]) * 256u + p[1]) % 400u;
  in.code = smtpcodes::make_reply_code(static_cast<int>(basic));
  smtpcodes::enhanced_status e{static_cast<std::uint8_t>(2 + (p[2] % 4)),
                               static_cast<std::uint16_t>(p[2] / 4 % 10),
                               static_cast<std::uint16_t>(p[3])};
  if (e.is_well_formed() && in.code && e.matches(*in.code)) in.enhanced = e;
  in.command = static_cast<smtpcodes::answered_command>(p[3] % 17);
  in.text = text;
  const std::size_t slash = text.find('/');
  if (slash != std::string_view::npos) in.remote_host = text.substr(slash + 1);
  const smtpcodes::classification b = smtpcodes::classify(in);
  check_answer(b);
  if (in.code && in.code->is_transient()) check(!b.hard);

  std::string flipped(text);
  for (char& c : flipped) c = flip_case(c);
  smtpcodes::classify_input in2 = in;
  in2.text = flipped;
  if (!in.remote_host.empty()) in2.remote_host = std::string_view(flipped).substr(slash + 1);
  const smtpcodes::classification c = smtpcodes::classify(in2);
  check(c.reason == b.reason && c.hard == b.hard && c.who == b.who &&
        c.provider_entry == b.provider_entry && c.evidence == b.evidence);
  return 0;
}
