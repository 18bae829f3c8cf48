// Fuzzes dot_encoder and the round trip: decoding what the encoder produced gives the input
// back (bare line endings normalized under that policy, CR LF added at the end if missing),
// and the decoder stops exactly at the end of the encoder's output.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

namespace {

std::string encode(const std::vector<std::string>& chunks, smtpcodes::line_ending_policy policy,
                   bool& failed) {
  smtpcodes::dot_encoder encoder(smtpcodes::dot_encoder_options{policy});
  std::string out;
  failed = false;
  for (const auto& chunk : chunks) {
    std::string buffer(smtpcodes::dot_encoder::max_encoded_size(chunk.size()), '\0');
    const auto r = encoder.encode(chunk, &buffer[0], buffer.size());
    if (r.failed()) {
      failed = true;
      return out;
    }
    check(r.produced <= buffer.size());
    out.append(buffer.data(), r.produced);
  }
  char end[smtpcodes::dot_encoder::max_finish_size];
  const auto f = encoder.finish(end, sizeof end);
  if (f.failed()) {
    failed = true;
    return out;
  }
  return out + std::string(end, f.produced);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  const auto policy = static_cast<smtpcodes::line_ending_policy>(in.flags % 3);
  bool failed_whole = false;
  bool failed_split = false;
  const std::string wire = encode({std::string(in.data)}, policy, failed_whole);
  const std::string split = encode(two_chunks(in), policy, failed_split);
  check(failed_whole == failed_split);
  if (failed_whole) {
    check(policy == smtpcodes::line_ending_policy::reject);
    return 0;
  }
  check(wire == split);
  smtpcodes::dot_decoder decoder(smtpcodes::dot_decoder_options{policy, 0, 0});
  std::string body(decoder.max_decoded_size(wire.size()), '\0');
  const auto d = decoder.decode(wire, &body[0], body.size());
  check(d.is_complete() && d.consumed == wire.size());
  body.resize(d.produced);
  std::string expected;
  for (std::size_t i = 0; i < in.data.size(); ++i) {
    const char c = in.data[i];
    const bool bare = (c == '\r' && (i + 1 == in.data.size() || in.data[i + 1] != '\n')) ||
                      (c == '\n' && (i == 0 || in.data[i - 1] != '\r'));
    expected += policy == smtpcodes::line_ending_policy::normalize && bare ? std::string("\r\n")
                                                                           : std::string(1, c);
  }
  if (!expected.empty() &&
      (expected.size() < 2 || expected.compare(expected.size() - 2, 2, "\r\n")))
    expected += "\r\n";
  check(body == expected);
  return 0;
}
