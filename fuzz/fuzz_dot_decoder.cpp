// Fuzzes dot_decoder under each policy and limit: whole vs two chunks agree, output never
// exceeds the stated bound, and a complete result never stops at a smuggling sequence.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"

namespace {

struct decoded {
  std::string body;
  int status = 0;  // 0 need more, 1 complete, 2 error
  int error = 0;
  std::size_t position = 0;  // end of data, or the error's offset, from the start of the input
  bool operator==(const decoded& o) const {
    return body == o.body && status == o.status && error == o.error && position == o.position;
  }
};

decoded decode(const std::vector<std::string>& chunks, smtpcodes::dot_decoder_options o) {
  smtpcodes::dot_decoder decoder(o);
  decoded out;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    std::string buffer(decoder.max_decoded_size(chunk.size()), '\0');
    const auto r = decoder.decode(chunk, &buffer[0], buffer.size());
    check(r.produced <= buffer.size());
    out.body.append(buffer.data(), r.produced);
    if (r.failed()) {
      out.status = 2;
      out.error = static_cast<int>(r.error);
      out.position = base + r.offset;
      return out;
    }
    if (r.is_complete()) {
      out.status = 1;
      out.position = base + r.consumed;
      return out;
    }
    check(r.consumed == chunk.size());
    base += chunk.size();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::dot_decoder_options o;
  o.bare_line_endings = static_cast<smtpcodes::line_ending_policy>(in.flags % 3);
  o.max_line_length = in.flag(2) ? 40 : 0;
  o.max_message_size = in.flag(3) ? 100 : 0;
  const decoded whole = decode({std::string(in.data)}, o);
  check(whole == decode(two_chunks(in), o));
  // Completion happens only right after CR LF "." CR LF, or at the very start after ". CR LF".
  const bool drained_to_end =
      whole.status == 2 && (whole.error == static_cast<int>(smtpcodes::errc::line_too_long) ||
                            whole.error == static_cast<int>(smtpcodes::errc::message_too_large));
  if (whole.status == 1 || drained_to_end) {
    const std::size_t end = whole.position;
    const std::string_view d = in.data;
    check(end >= 3 && d.substr(end - 3, 3) == ".\r\n");
    check(end == 3 || (end >= 5 && d.substr(end - 5, 2) == "\r\n"));
  }
  // In place (reject policy) gives the same as into another buffer.
  if (o.bare_line_endings == smtpcodes::line_ending_policy::reject) {
    std::string copy(in.data);
    smtpcodes::dot_decoder decoder(o);
    const auto r = decoder.decode_in_place(&copy[0], copy.size());
    std::string separate(decoder.max_decoded_size(in.data.size()), '\0');
    smtpcodes::dot_decoder other(o);
    const auto s = other.decode(in.data, &separate[0], separate.size());
    check(r.status == s.status && r.produced == s.produced && r.consumed == s.consumed);
    check(copy.compare(0, r.produced, separate, 0, s.produced) == 0);
  }
  return 0;
}
