// Fuzzes dot_decoder under each policy and limit: whole, two chunks and one octet at a time
// (the first 256 octets) agree; output never exceeds max_message_size, no output line exceeds
// max_line_length (decoded octets and CR LF: the stuffing dot does not count, RFC 5321
// §4.5.3.1.6) and a line cut for it holds exactly max_line_length - 2; a complete result never
// stops at a smuggling sequence; output_too_small reads nothing and says what would do; every
// SIMD path gives the portable path's result; decode_each gives decode's result as views of its
// input (reject policy, every path, whole and in two chunks).
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

/// `each`: through decode_each, each segment checked to lie inside its call's input.
decoded decode(const std::vector<std::string>& chunks, smtpcodes::dot_decoder_options o,
               bool each = false) {
  smtpcodes::dot_decoder decoder(o);
  decoded out;
  std::size_t base = 0;
  for (const auto& chunk : chunks) {
    smtpcodes::codec_result r;
    if (each) {
      std::size_t given = 0;
      r = decoder.decode_each(chunk, [&](std::string_view s) {
        check(!s.empty() && s.data() >= chunk.data() &&
              s.data() + s.size() <= chunk.data() + chunk.size());
        out.body += s;
        given += s.size();
      });
      check(given == r.produced && r.needed == 0);
    } else {
      std::string buffer(decoder.max_decoded_size(chunk.size()), '\0');
      r = decoder.decode(chunk, &buffer[0], buffer.size());
      check(r.produced <= buffer.size() && r.needed == 0);
      out.body.append(buffer.data(), r.produced);
    }
    if (r.failed()) {
      check(r.consumed == r.offset && r.offset <= chunk.size());
      out.status = 2;
      out.error = static_cast<int>(r.error);
      out.position = base + r.offset;
      return out;
    }
    if (r.is_complete()) {
      check(r.consumed <= chunk.size());
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
  const unsigned k = in.flags >> 4;  // 0..15
  o.max_line_length = in.flag(2) ? (k < 13 ? 1 + k : 40) : smtpcodes::no_limit;
  o.max_message_size = in.flag(3) ? 1 + 13 * k : smtpcodes::no_limit;
  const decoded whole = decode({std::string(in.data)}, o);
  check_every_simd_path([&] { return decode({std::string(in.data)}, o); });
  check(whole == decode(two_chunks(in), o));
  check(whole == decode(octets_first(in.data, 256), o));
  if (o.bare_line_endings == smtpcodes::line_ending_policy::reject && o.max_line_length != 1) {
    check_every_simd_path([&] {
      check(whole == decode(two_chunks(in), o, true));
      return decode({std::string(in.data)}, o, true);
    });
    check(whole == decode({std::string(in.data)}, o, true));
  }
  // Limits: at most max_message_size octets, and no line longer than max_line_length: its
  // decoded octets plus CR LF, so not the stuffing dot unstuffing removed (RFC 5321
  // §4.5.3.1.6); the last, unfinished one too. A line refused as too long was cut at exactly
  // max_line_length - 2 decoded octets (0 below 2), and output stopped there.
  if (o.max_message_size != 0) check(whole.body.size() <= o.max_message_size);
  if (o.max_line_length != 0) {
    std::size_t start = 0;
    for (;;) {
      const std::size_t end = whole.body.find("\r\n", start);
      const std::size_t length = (end == std::string::npos ? whole.body.size() : end + 2) - start;
      check(length <= o.max_line_length);
      if (end == std::string::npos) {
        if (whole.status == 2 && whole.error == static_cast<int>(smtpcodes::errc::line_too_long))
          check(length == (o.max_line_length < 2 ? 0 : o.max_line_length - 2));
        break;
      }
      start = end + 2;
    }
  }
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
  // One octet short of the bound: output_too_small, nothing read, `needed` is the bound.
  {
    smtpcodes::dot_decoder decoder(o);
    const std::size_t bound = decoder.max_decoded_size(in.data.size());
    if (bound > 0) {
      std::string buffer(bound, '\0');
      const auto r = decoder.decode(in.data, &buffer[0], bound - 1);
      check(r.error == smtpcodes::errc::output_too_small && r.needed == bound && r.consumed == 0 &&
            r.produced == 0);
      const auto s = decoder.decode(in.data, &buffer[0], bound);
      check(s.error != smtpcodes::errc::output_too_small);
    }
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
