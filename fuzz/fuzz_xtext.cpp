// Fuzzes xtext: decode(encode(x)) == x for any octets; encode's output is valid strict xtext of
// the size max_xtext_size allows; decode of any input either refuses at an offset inside it or
// decodes into exactly the size it asks for; neither reads or writes out of bounds (every buffer
// is exactly the capacity given) and neither writes anything when the output is too small.
#include <smtpcodes.hpp>

#include "fuzz_writer_common.hpp"

namespace {

/// With one octet less than `needed`, `call` must refuse with that size and write nothing.
template <class Call>
void check_short_by_one(std::size_t needed, Call call) {
  if (needed == 0) return;
  fuzz_output out(needed - 1);
  const auto r = call(out);
  check(r.error == smtpcodes::errc::output_too_small && r.size == needed);
  check(out.untouched_from(0));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const std::string_view data(reinterpret_cast<const char*>(p), n);
  // Encode: capacity 0 tells the size needed, which fits and is within max_xtext_size.
  fuzz_output none(0);
  const auto sized = smtpcodes::encode_xtext(data, none.data.get(), 0);
  check(n == 0 ? sized.ok() : sized.error == smtpcodes::errc::output_too_small);
  check(sized.size >= n && sized.size <= smtpcodes::max_xtext_size(n));
  check_short_by_one(sized.size, [&](fuzz_output& out) {
    return smtpcodes::encode_xtext(data, out.data.get(), out.capacity);
  });
  fuzz_output encoded(sized.size);
  const auto e = smtpcodes::encode_xtext(data, encoded.data.get(), encoded.capacity);
  check(e.ok() && e.size == sized.size);
  const std::string_view text = encoded.view(e.size);
  check(smtpcodes::detail::check_xtext(text, false) == std::string_view::npos);
  fuzz_output decoded(n);
  const auto d = smtpcodes::decode_xtext(text, decoded.data.get(), decoded.capacity);
  check(d.ok() && decoded.view(d.size) == data);

  // Decode the input itself as xtext.
  const auto asked = smtpcodes::decode_xtext(data, none.data.get(), 0);
  if (asked.error == smtpcodes::errc::bad_xtext) {
    check(asked.offset < n && asked.size == 0);
    return 0;
  }
  check(asked.size <= n);
  check(asked.size == 0 ? asked.ok() : asked.error == smtpcodes::errc::output_too_small);
  check_short_by_one(asked.size, [&](fuzz_output& out) {
    return smtpcodes::decode_xtext(data, out.data.get(), out.capacity);
  });
  fuzz_output exact(asked.size);
  const auto again = smtpcodes::decode_xtext(data, exact.data.get(), exact.capacity);
  check(again.ok() && again.size == asked.size);
  // Valid xtext re-encodes to itself when it is in canonical form (upper-case "+XX" exactly
  // for the octets that need it): then encode(decode(t)) == t.
  fuzz_output re(smtpcodes::max_xtext_size(again.size));
  const auto back = smtpcodes::encode_xtext(exact.view(again.size), re.data.get(), re.capacity);
  check(back.ok());
  if (smtpcodes::detail::is_xtext_encoding_of(data, exact.view(again.size)))
    check(re.view(back.size) == data);
  return 0;
}
