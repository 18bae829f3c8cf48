// Fuzzes dot_encoder and the round trip under each policy: whole, two chunks and one octet at
// a time (the first 256 octets) agree; reject fails exactly at the first bare line ending;
// otherwise decoding the encoder's output gives the input back (bare line endings normalized
// under that policy, CR LF added at the end if missing), and the decoder stops exactly at the
// end of the encoder's output; every SIMD path gives the portable path's result.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

namespace {

using policy_t = smtpcodes::line_ending_policy;

struct encoded {
  std::string wire;
  bool failed = false;
  std::size_t error_at = 0;  // from the start of the input; the input size when in finish
  bool operator==(const encoded& o) const {
    return wire == o.wire && failed == o.failed && error_at == o.error_at;
  }
};

encoded encode(const std::vector<std::string>& chunks, policy_t policy) {
  smtpcodes::dot_encoder encoder(smtpcodes::dot_encoder_options{policy});
  encoded out;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    std::string buffer(smtpcodes::dot_encoder::max_encoded_size(chunk.size()), '\0');
    const auto r = encoder.encode(chunk, &buffer[0], buffer.size());
    check(r.produced <= buffer.size() && r.needed == 0);
    out.wire.append(buffer.data(), r.produced);
    if (r.failed()) {
      check(r.consumed == r.offset && r.offset <= chunk.size());
      out.failed = true;
      out.error_at = base + r.offset;
      return out;
    }
    check(r.needs_more() && r.consumed == chunk.size());
    base += chunk.size();
  }
  char end[smtpcodes::dot_encoder::max_finish_size];
  const auto f = encoder.finish(end, sizeof end);
  if (f.failed()) {
    out.failed = true;
    out.error_at = base;
    return out;
  }
  check(f.is_complete());
  out.wire.append(end, f.produced);
  return out;
}

bool bare_cr_at(std::string_view d, std::size_t i) {
  return d[i] == '\r' && (i + 1 == d.size() || d[i + 1] != '\n');
}
bool bare_lf_at(std::string_view d, std::size_t i) {
  return d[i] == '\n' && (i == 0 || d[i - 1] != '\r');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  const std::string_view d = in.data;
  // Where reject must fail: a bare LF at itself, a bare CR at the octet after it.
  std::size_t first_bare = d.size() + 1;  // none
  for (std::size_t i = 0; i < d.size() && first_bare > d.size(); ++i) {
    if (bare_lf_at(d, i)) first_bare = i;
    if (bare_cr_at(d, i)) first_bare = i + 1;
  }
  for (const policy_t policy : {policy_t::reject, policy_t::normalize, policy_t::pass}) {
    const encoded whole = encode({std::string(d)}, policy);
    check_every_simd_path([&] { return encode({std::string(d)}, policy); });
    check(whole == encode(two_chunks(in), policy));
    check(whole == encode(octets_first(d, 256), policy));
    if (policy == policy_t::reject) {
      check(whole.failed == (first_bare <= d.size()));
      if (whole.failed) {
        check(whole.error_at == first_bare);
        continue;
      }
    }
    check(!whole.failed);
    const std::string& wire = whole.wire;
    std::string expected;
    for (std::size_t i = 0; i < d.size(); ++i) {
      const bool bare = bare_cr_at(d, i) || bare_lf_at(d, i);
      expected +=
          policy == policy_t::normalize && bare ? std::string("\r\n") : std::string(1, d[i]);
    }
    if (!expected.empty() &&
        (expected.size() < 2 || expected.compare(expected.size() - 2, 2, "\r\n") != 0))
      expected += "\r\n";
    // Decoded under the same policy (and under reject too, when the wire holds only CR LF).
    for (const policy_t decode_policy : {policy, policy_t::reject}) {
      if (decode_policy == policy_t::reject && policy == policy_t::pass) continue;
      smtpcodes::dot_decoder decoder(smtpcodes::dot_decoder_options{decode_policy, 0, 0});
      std::string body(decoder.max_decoded_size(wire.size()), '\0');
      const auto r = decoder.decode(wire, &body[0], body.size());
      check(r.is_complete() && r.consumed == wire.size());
      body.resize(r.produced);
      check(body == expected);
    }
  }
  return 0;
}
