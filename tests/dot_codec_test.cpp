// Tests for dot_codec.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <ostream>
#include <random>
#include <smtpcodes/dot_codec.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "guard_page.hpp"
#include "split_feed.hpp"

using smtpcodes::dot_decoder;
using smtpcodes::dot_decoder_options;
using smtpcodes::dot_encoder;
using smtpcodes::dot_encoder_options;
using smtpcodes::errc;
using smtpcodes::line_ending_policy;

namespace {

struct decoded {
  friend std::ostream& operator<<(std::ostream& os, const decoded& d) {
    std::string shown;
    for (const char c : d.body)
      shown += c == '\r' ? std::string("\\r") : c == '\n' ? std::string("\\n") : std::string(1, c);
    return os << "{" << shown << " | " << d.outcome << "}";
  }
  std::string body;
  std::string outcome;  // "end@N" (absolute offset just past the terminator), "more", "E:name@N"
  bool operator==(const decoded& o) const { return body == o.body && outcome == o.outcome; }
};

decoded run_decoder(const std::vector<std::string>& chunks, dot_decoder_options options) {
  dot_decoder decoder(options);
  decoded out;
  std::size_t base = 0;
  for (const std::string& chunk : chunks) {
    std::vector<char> buffer(decoder.max_decoded_size(chunk.size()) + 1);
    const auto r = decoder.decode(chunk, buffer.data(), buffer.size());
    out.body.append(buffer.data(), r.produced);
    if (r.failed()) {
      out.outcome = "E:" + std::string(to_string(r.error)) + "@" + std::to_string(base + r.offset);
      return out;
    }
    if (r.is_complete()) {
      out.outcome = "end@" + std::to_string(base + r.consumed);
      return out;
    }
    REQUIRE(r.consumed == chunk.size());
    base += chunk.size();
  }
  out.outcome = "more";
  return out;
}

decoded decode(const std::string& stream, line_ending_policy policy = line_ending_policy::reject) {
  dot_decoder_options options;
  options.bare_line_endings = policy;
  return check_split_invariance<decoded>(
      stream, [&](const std::vector<std::string>& chunks) { return run_decoder(chunks, options); });
}

decoded decode_with(const std::string& stream, dot_decoder_options options) {
  return check_split_invariance<decoded>(
      stream, [&](const std::vector<std::string>& chunks) { return run_decoder(chunks, options); });
}

std::string encode_all(const std::vector<std::string>& chunks, dot_encoder_options options,
                       std::string* error = nullptr) {
  dot_encoder encoder(options);
  std::string out;
  std::size_t base = 0;
  for (const std::string& chunk : chunks) {
    std::vector<char> buffer(dot_encoder::max_encoded_size(chunk.size()));
    const auto r = encoder.encode(chunk, buffer.data(), buffer.size());
    if (r.failed()) {
      if (error) *error = std::string(to_string(r.error)) + "@" + std::to_string(base + r.offset);
      return "<error>";
    }
    REQUIRE(r.needs_more());
    REQUIRE(r.consumed == chunk.size());
    out.append(buffer.data(), r.produced);
    base += chunk.size();
  }
  char end[dot_encoder::max_finish_size] = {};
  const auto f = encoder.finish(end, sizeof end);
  if (f.failed()) {
    if (error) *error = std::string(to_string(f.error)) + "@end";
    return "<error>";
  }
  REQUIRE(f.is_complete());
  return out + std::string(end, f.produced);
}

std::string encode(const std::string& body, line_ending_policy policy = line_ending_policy::reject,
                   std::string* error = nullptr) {
  dot_encoder_options options;
  options.bare_line_endings = policy;
  return check_split_invariance<std::string>(body, [&](const std::vector<std::string>& chunks) {
    return encode_all(chunks, options, error);
  });
}

const line_ending_policy all_policies[] = {line_ending_policy::reject,
                                           line_ending_policy::normalize, line_ending_policy::pass};

}  // namespace

TEST_CASE("the start of DATA counts as the start of a line") {
  CHECK(decode(".\r\n") == decoded{"", "end@3"});
  CHECK(decode("..\r\n.\r\n") == decoded{".\r\n", "end@7"});
  CHECK(decode("..x\r\n.\r\n") == decoded{".x\r\n", "end@8"});
  CHECK(decode(".x\r\n.\r\n") == decoded{"x\r\n", "end@7"});  // RFC 5321 §4.5.2: first dot goes
}

TEST_CASE("ordinary messages, unstuffing, and the bytes after the terminator") {
  CHECK(decode("Subject: hi\r\n\r\nbody\r\n.\r\n") ==
        decoded{"Subject: hi\r\n\r\nbody\r\n", "end@24"});
  CHECK(decode("a\r\n..b\r\n...\r\n.\r\n") == decoded{"a\r\n.b\r\n..\r\n", "end@16"});
  // Pipelined commands after the terminator are not consumed.
  CHECK(decode("hello\r\n.\r\nMAIL FROM:<a@example.com>\r\n") == decoded{"hello\r\n", "end@10"});
  CHECK(decode("no end yet\r\n") == decoded{"no end yet\r\n", "more"});
  CHECK(decode("a.\r\n.b\r\n .\r\n.\r\n") == decoded{"a.\r\nb\r\n .\r\n", "end@15"});
}

TEST_CASE("smuggling sequences never end data, under any policy, in any position") {
  // Each sequence alone, at the start and in the middle; the real terminator follows.
  const char* sequences[] = {"\n.\n", "\n.\r\n", "\r\n.\n", "\r.\r", "\r.\r\n", "\r\n.\r"};
  for (const char* seq : sequences) {
    for (const std::string& prefix : {std::string(), std::string("text")}) {
      const std::string stream = prefix + seq + "MAIL FROM:<evil@example.com>\r\n.\r\n";
      for (const line_ending_policy policy : all_policies) {
        CAPTURE(seq);
        CAPTURE(prefix);
        CAPTURE(static_cast<int>(policy));
        const decoded d = decode(stream, policy);
        if (policy == line_ending_policy::reject) {
          CHECK(d.outcome.rfind("E:bare_", 0) == 0);
        } else {
          // Only the real terminator at the very end completes.
          CHECK(d.outcome == "end@" + std::to_string(stream.size()));
          CHECK(d.body.find("MAIL FROM:<evil@example.com>") != std::string::npos);
        }
      }
    }
  }
}

TEST_CASE("reject: the offending octet's offset") {
  CHECK(decode("ab\ncd\r\n.\r\n").outcome == "E:bare_lf@2");
  CHECK(decode("ab\rcd\r\n.\r\n").outcome == "E:bare_cr@3");  // found at the octet after CR
  CHECK(decode("\n.\n").outcome == "E:bare_lf@0");
  CHECK(decode("x\r\n.\n").outcome == "E:bare_lf@4");
  CHECK(decode("x\r\n.\r.").outcome == "E:bare_cr@5");
  CHECK(decode("x\r\r\n").outcome == "E:bare_cr@2");
}

TEST_CASE("normalize: bare CR and LF become CR LF but never end data") {
  const auto p = line_ending_policy::normalize;
  CHECK(decode("a\nb\r\n.\r\n", p) == decoded{"a\r\nb\r\n", "end@8"});
  CHECK(decode("a\rb\r\n.\r\n", p) == decoded{"a\r\nb\r\n", "end@8"});
  // A dot line after a bare LF is unstuffed like any line (one line definition)...
  CHECK(decode("a\n..b\r\n.\r\n", p) == decoded{"a\r\n.b\r\n", "end@10"});
  // ...but a lone dot after a bare LF is content, not the end.
  CHECK(decode("a\n.\r\nb\r\n.\r\n", p) == decoded{"a\r\n.\r\nb\r\n", "end@11"});
  CHECK(decode("a\r\n.\nb\r\n.\r\n", p) == decoded{"a\r\n.\r\nb\r\n", "end@11"});
}

TEST_CASE("pass: bare CR and LF are content and start no line") {
  const auto p = line_ending_policy::pass;
  CHECK(decode("a\nb\r\n.\r\n", p) == decoded{"a\nb\r\n", "end@8"});
  CHECK(decode("a\n..b\r\n.\r\n", p) == decoded{"a\n..b\r\n", "end@10"});  // no unstuffing
  CHECK(decode("a\r\n.\nb\r\n.\r\n", p) == decoded{"a\r\n\nb\r\n", "end@11"});
  CHECK(decode("a\r\n.\rb\r\n.\r\n", p) == decoded{"a\r\n\rb\r\n", "end@11"});
}

TEST_CASE("size limit: drains to the end, then message_too_large with the terminator consumed") {
  dot_decoder_options options;
  options.max_message_size = 10;
  const decoded small = decode_with("0123456\r\n.\r\n", options);
  CHECK(small == decoded{"0123456\r\n", "end@12"});
  const std::string big = "0123456789\r\nmore\r\n.\r\nQUIT\r\n";
  const decoded d = decode_with(big, options);
  CHECK(d.outcome == "E:message_too_large@21");  // just past the terminator: QUIT is untouched
  CHECK(d.body == "0123456789");                 // exactly the first 10 octets, any chunking
}

TEST_CASE("line length limit: drains, then line_too_long") {
  dot_decoder_options options;
  options.max_line_length = 10;  // 8 octets + CR LF
  CHECK(decode_with("12345678\r\n.\r\n", options) == decoded{"12345678\r\n", "end@13"});
  CHECK(decode_with("123456789\r\nok\r\n.\r\n", options).outcome == "E:line_too_long@18");
  CHECK(decode_with("..345678\r\n.\r\n", options) == decoded{".345678\r\n", "end@13"});
}

TEST_CASE("decoder: finish, sticky errors, reset, output capacity, in place") {
  dot_decoder decoder;
  char out[64];
  CHECK(decoder.decode("abc\r\n", out, sizeof out).needs_more());
  CHECK(decoder.finish().error == errc::unterminated_data);
  CHECK(decoder.decode(".\r\n", out, sizeof out).is_complete());
  CHECK(decoder.finish().is_complete());
  decoder.reset();
  REQUIRE(decoder.decode("a\nb", out, sizeof out).error == errc::bare_lf);
  CHECK(decoder.decode("ok\r\n.\r\n", out, sizeof out).error == errc::bare_lf);
  decoder.reset();
  CHECK(decoder.decode("abcdef", out, 3).error == errc::output_too_small);

  std::string buffer = "..stuffed\r\nline\r\n.\r\nNOOP\r\n";
  dot_decoder in_place;
  const auto r = in_place.decode_in_place(buffer.data(), buffer.size());
  REQUIRE(r.is_complete());
  CHECK(buffer.substr(0, r.produced) == ".stuffed\r\nline\r\n");
  CHECK(buffer.substr(r.consumed) == "NOOP\r\n");

  dot_decoder_options pass;
  pass.bare_line_endings = line_ending_policy::pass;
  dot_decoder not_in_place(pass);
  CHECK(not_in_place.decode_in_place(buffer.data(), buffer.size()).error == errc::bad_argument);
}

TEST_CASE("encoder: stuffing, the first line, the terminator") {
  CHECK(encode("") == ".\r\n");
  CHECK(encode("hello\r\n") == "hello\r\n.\r\n");
  CHECK(encode("hello") == "hello\r\n.\r\n");
  CHECK(encode(".hidden\r\n") == "..hidden\r\n.\r\n");
  CHECK(encode(".") == "..\r\n.\r\n");
  CHECK(encode("a\r\n.\r\nb\r\n") == "a\r\n..\r\nb\r\n.\r\n");
  CHECK(encode("a\r\n..\r\n") == "a\r\n...\r\n.\r\n");
  CHECK(encode("a.b\r\n") == "a.b\r\n.\r\n");
}

TEST_CASE("encoder: bare CR and LF per policy") {
  std::string error;
  CHECK(encode("a\nb", line_ending_policy::reject, &error) == "<error>");
  CHECK(error == "bare_lf@1");
  CHECK(encode("a\rb", line_ending_policy::reject, &error) == "<error>");
  CHECK(error == "bare_cr@2");  // at the octet after the CR
  CHECK(encode("a\r", line_ending_policy::reject, &error) == "<error>");
  CHECK(error == "bare_cr@end");
  CHECK(encode("a\n.b", line_ending_policy::normalize) == "a\r\n..b\r\n.\r\n");
  CHECK(encode("a\r.b", line_ending_policy::normalize) == "a\r\n..b\r\n.\r\n");
  CHECK(encode("a\r", line_ending_policy::normalize) == "a\r\n.\r\n");
  CHECK(encode("a\n.b", line_ending_policy::pass) == "a\n.b\r\n.\r\n");
  CHECK(encode("a\r", line_ending_policy::pass) == "a\r\r\n.\r\n");
}

namespace {

// What the decoder gives back for a body the encoder took in: bare endings normalized when the
// policy says so, and a final CR LF added to a non-empty body that lacks one.
std::string expected_round_trip(const std::string& x, line_ending_policy policy) {
  std::string y;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const char c = x[i];
    const bool bare_cr = c == '\r' && (i + 1 == x.size() || x[i + 1] != '\n');
    const bool bare_lf = c == '\n' && (i == 0 || x[i - 1] != '\r');
    if (policy == line_ending_policy::normalize && (bare_cr || bare_lf)) {
      y += "\r\n";
    } else {
      y += c;
    }
  }
  if (!y.empty() && (y.size() < 2 || y.compare(y.size() - 2, 2, "\r\n") != 0)) y += "\r\n";
  return y;
}

bool has_bare_ending(const std::string& x) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] == '\r' && (i + 1 == x.size() || x[i + 1] != '\n')) return true;
    if (x[i] == '\n' && (i == 0 || x[i - 1] != '\r')) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("decode(encode(x)) == x for random bodies, under each policy") {
  std::mt19937 rng(20261122);
  const char alphabet[] = {'a', 'b', '.', '.', '\r', '\n', ' ', '\0', '\xff'};
  int round_trips = 0;
  for (int trial = 0; trial < 400; ++trial) {
    std::string x(rng() % 40, 'a');
    for (char& c : x) c = alphabet[rng() % sizeof alphabet];
    for (const line_ending_policy policy : all_policies) {
      CAPTURE(x);
      CAPTURE(static_cast<int>(policy));
      dot_encoder_options options;
      options.bare_line_endings = policy;
      std::string error;
      const std::string wire = encode_all({x}, options, &error);
      if (policy == line_ending_policy::reject && has_bare_ending(x)) {
        CHECK(wire == "<error>");
        continue;
      }
      REQUIRE(wire != "<error>");
      // The wire form holds only CR LF line endings unless the policy passes bare ones.
      if (policy != line_ending_policy::pass) CHECK_FALSE(has_bare_ending(wire));
      const decoded d = run_decoder({wire}, dot_decoder_options{policy, 0, 0});
      CHECK(d.outcome == "end@" + std::to_string(wire.size()));
      CHECK(d.body == expected_round_trip(x, policy));
      ++round_trips;
    }
  }
  CHECK(round_trips > 800);
}

TEST_CASE("split invariance of the decoder over encoder output") {
  std::mt19937 rng(7);
  const char alphabet[] = {'x', '.', '\r', '\n'};
  for (int trial = 0; trial < 40; ++trial) {
    std::string x(rng() % 30, 'x');
    for (char& c : x) c = alphabet[rng() % sizeof alphabet];
    const std::string wire = encode_all({x}, dot_encoder_options{line_ending_policy::normalize});
    decode(wire, line_ending_policy::reject);  // checks every split and byte by byte
  }
}

TEST_CASE("BDAT chunks are counted exactly") {
  smtpcodes::bdat_chunk chunk(10, false);
  CHECK(chunk.take(4) == 4);
  CHECK(chunk.remaining() == 6);
  CHECK(chunk.take(100) == 6);
  CHECK(chunk.is_complete());
  CHECK_FALSE(chunk.ends_message());
  smtpcodes::bdat_chunk last(3, true);
  CHECK_FALSE(last.ends_message());
  CHECK(last.take(3) == 3);
  CHECK(last.ends_message());
  smtpcodes::bdat_chunk empty_last(0, true);
  CHECK(empty_last.ends_message());
  CHECK(empty_last.take(5) == 0);
}

TEST_CASE("SIMD paths never read past the input (guard page)") {
  // Long runs make the 16/32-octet loops run right up to the last octet before the guard.
  for (std::size_t size : {1u, 15u, 16u, 17u, 31u, 32u, 33u, 63u, 64u, 65u, 200u, 4095u}) {
    std::string body(size, 'z');
    for (const std::string& tail : {std::string(), std::string("\r"), std::string(".")}) {
      const std::string data = body + tail;
      guarded_input guarded(data);
      dot_decoder decoder;
      std::vector<char> out(data.size() + 2);
      const auto r = decoder.decode(guarded.view(), out.data(), out.size());
      CHECK(r.needs_more());
      dot_encoder encoder;
      std::vector<char> wire(dot_encoder::max_encoded_size(data.size()));
      CHECK(encoder.encode(guarded.view(), wire.data(), wire.size()).needs_more());
      CHECK(smtpcodes::detail::find_cr_or_lf(guarded.view().data(), data.size()) ==
            (tail == "\r" ? size : data.size()));
    }
  }
}

namespace {

// Long, line-shaped random bodies: the 64-octet block paths run on whole inputs, the octet paths
// on one-octet chunks, so comparing the two is a differential test of the block paths.
std::string random_body(std::mt19937& rng, bool bare_endings) {
  const char* tokens[] = {"text ",  "more words ", "x",        ".",   "..", "\r\n", "\r\n.",
                          "\r\n..", "\r\n.\r\n",   "\r\n\r\n", "=3D", "\r", "\n"};
  const std::size_t count = bare_endings ? 13 : 11;
  std::string body;
  const std::size_t length = rng() % 3000;
  while (body.size() < length) body += tokens[rng() % count];
  return body;
}

std::vector<std::string> chunks_of(const std::string& s, std::size_t size) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < s.size(); at += size) out.push_back(s.substr(at, size));
  return out;
}

}  // namespace

TEST_CASE("block paths agree with octet paths on long inputs, under each policy") {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 300; ++trial) {
    const bool bare = trial % 2 == 1;
    const std::string x = random_body(rng, bare);
    for (const line_ending_policy policy : all_policies) {
      if (bare && policy == line_ending_policy::reject) continue;
      CAPTURE(trial);
      CAPTURE(static_cast<int>(policy));
      dot_encoder_options eo;
      eo.bare_line_endings = policy;
      const std::string wire = encode_all({x}, eo);
      REQUIRE(wire != "<error>");
      CHECK(encode_all(chunks_of(x, 1), eo) == wire);
      CHECK(encode_all(chunks_of(x, 100), eo) == wire);
      dot_decoder_options dopt;
      dopt.bare_line_endings = policy;
      const decoded whole = run_decoder({wire + "QUIT\r\n"}, dopt);
      CHECK(whole.outcome == "end@" + std::to_string(wire.size()));
      CHECK(whole.body == expected_round_trip(x, policy));
      CHECK(run_decoder(chunks_of(wire + "QUIT\r\n", 1), dopt) == whole);
      CHECK(run_decoder(chunks_of(wire + "QUIT\r\n", 97), dopt) == whole);
      // Raw (not encoder-made) input, including smuggling shapes, decoded both ways.
      const std::string raw = x + "\r\n.\r\n";
      CHECK(run_decoder(chunks_of(raw, 1), dopt) == run_decoder({raw}, dopt));
      CHECK(run_decoder(chunks_of(raw, 70), dopt) == run_decoder({raw}, dopt));
    }
  }
}

TEST_CASE("in-place decoding of long inputs matches decoding into another buffer") {
  std::mt19937 rng(5);
  for (int trial = 0; trial < 100; ++trial) {
    const std::string wire =
        encode_all({random_body(rng, false)}, dot_encoder_options{}) + "NOOP\r\n";
    const decoded expected = run_decoder({wire}, dot_decoder_options{});
    std::string buffer = wire;
    dot_decoder decoder;
    const auto r = decoder.decode_in_place(&buffer[0], buffer.size());
    REQUIRE(r.is_complete());
    CHECK(buffer.substr(0, r.produced) == expected.body);
    CHECK(buffer.substr(r.consumed) == "NOOP\r\n");
  }
}

TEST_CASE("every interesting octet at every position around the 64-octet block edges") {
  // A bare CR, a bare LF, a CR LF pair, a line-start dot and a lone-dot line placed at each
  // offset 0..200, inside long lines: whole-input results must equal one-octet-chunk results.
  const char* inserts[] = {"\r", "\n", "\r\n", "\r\n.", "\r\n..", "\r\n.\r\n", "\r\n.\r"};
  for (const char* insert : inserts) {
    for (std::size_t pos = 0; pos <= 200; ++pos) {
      const std::string x = std::string(pos, 'a') + insert + std::string(150, 'b') + "\r\n";
      for (const line_ending_policy policy : all_policies) {
        CAPTURE(pos);
        CAPTURE(insert);
        CAPTURE(static_cast<int>(policy));
        dot_encoder_options eo;
        eo.bare_line_endings = policy;
        std::string whole_error;
        std::string bytes_error;
        const std::string whole = encode_all({x}, eo, &whole_error);
        CHECK(encode_all(chunks_of(x, 1), eo, &bytes_error) == whole);
        CHECK(whole_error == bytes_error);
        dot_decoder_options dopt;
        dopt.bare_line_endings = policy;
        const std::string raw = x + ".\r\n";
        CHECK(run_decoder(chunks_of(raw, 1), dopt) == run_decoder({raw}, dopt));
      }
    }
  }
}

TEST_CASE("size bounds saturate instead of wrapping (issue 10, defect 7)") {
  constexpr std::size_t max = SIZE_MAX;
  constexpr std::size_t half = max / 2 + 1;    // 2 * half wraps to 0
  constexpr std::size_t last = (max - 2) / 2;  // the largest n with 2n + 2 <= SIZE_MAX
  const dot_decoder reject;
  const dot_decoder pass(dot_decoder_options{line_ending_policy::pass, 0, 0});
  const dot_decoder normalize(dot_decoder_options{line_ending_policy::normalize, 0, 0});
  CHECK(reject.max_decoded_size(max) == max);
  CHECK(pass.max_decoded_size(max - 1) == max);
  CHECK(pass.max_decoded_size(max) == max);
  CHECK(normalize.max_decoded_size(last) == max - 1);
  CHECK(normalize.max_decoded_size(last + 1) == max);
  CHECK(normalize.max_decoded_size(half) == max);
  CHECK(normalize.max_decoded_size(max) == max);
  CHECK(dot_encoder::max_encoded_size(last) == max - 1);
  CHECK(dot_encoder::max_encoded_size(last + 1) == max);
  CHECK(dot_encoder::max_encoded_size(half) == max);
  CHECK(dot_encoder::max_encoded_size(max) == max);
  static_assert(dot_encoder::max_encoded_size(SIZE_MAX) == SIZE_MAX);
}

TEST_CASE("capacity checks do not overflow: a huge input is refused before it is read") {
  // The views claim sizes no buffer has (as on a 32-bit target, where they are reachable); the
  // check must refuse them before reading a single octet, so only `one` is ever touched.
  char one[1] = {'x'};
  char out[64];
  for (const line_ending_policy policy : all_policies) {
    CAPTURE(static_cast<int>(policy));
    for (const std::size_t n : {SIZE_MAX / 2 + 1, SIZE_MAX - 1, SIZE_MAX}) {
      if (policy == line_ending_policy::reject) continue;  // n octets need n: nothing can wrap
      CAPTURE(n);
      dot_decoder decoder(dot_decoder_options{policy, 0, 0});
      const auto r = decoder.decode(std::string_view(one, n), out, sizeof out);
      CHECK(r.error == errc::output_too_small);
      CHECK(r.consumed == 0);
      CHECK(r.produced == 0);
    }
    for (const std::size_t n : {SIZE_MAX / 2 + 1, SIZE_MAX}) {
      dot_encoder encoder(dot_encoder_options{policy});
      const auto r = encoder.encode(std::string_view(one, n), out, sizeof out);
      CHECK(r.error == errc::output_too_small);
      CHECK(r.produced == 0);
    }
  }
  // A capacity of SIZE_MAX does not do when 2n + 2 does not fit either.
  dot_decoder normalize(dot_decoder_options{line_ending_policy::normalize, 0, 0});
  CHECK(normalize.decode(std::string_view(one, SIZE_MAX / 2), out, SIZE_MAX).error ==
        errc::output_too_small);
  // At the edges that do fit, small inputs still decode.
  CHECK(normalize.decode(std::string_view(one, 1), out, 4).needs_more());
  CHECK(normalize.decode(std::string_view(one, 1), out, 3).error == errc::output_too_small);
}

namespace {

// The decoder's reference model (issue 10, defect 6), written from the rules on the whole input
// at once. Lines follow the policy. A line's length is RFC 5321 §4.5.3.1.6's: its octets as
// sent less the leading dot unstuffing removes, with its line end counted as the CR LF it is or
// becomes; the end-of-data line is not a line of the message. A line longer than
// max_line_length gives its first max_line_length - 2 decoded octets, and output stops there;
// max_message_size cuts the output.
// On a policy error, the octets before the offending one are decoded the same way (the CR
// before a bare CR is written unless the line had no room left or the line is a lone dot).
decoded model_decode(const std::string& s, line_ending_policy policy, std::size_t max_line,
                     std::size_t max_size) {
  std::string out;
  bool line_trip = false;
  bool strict = true;
  std::size_t pos = 0;
  const std::size_t budget = max_line >= 2 ? max_line - 2 : 0;
  // Adds the decoded form of a line's content c (with its line end when `ended`).
  auto add_line = [&](const std::string& c, bool ended) {
    if (line_trip) return;
    const bool kept_dot = c == "." && ended;  // a lone dot that is not the end: content
    const std::size_t dropped = !c.empty() && c[0] == '.' && !kept_dot ? 1 : 0;
    const std::string d = c.substr(dropped);  // the decoded line: what the limit counts
    if (max_line != 0 && (d.size() > budget || (ended && max_line < 2))) {
      out += d.substr(0, budget);
      line_trip = true;
      return;
    }
    out += d;
    if (ended) out += "\r\n";
  };
  auto result = [&](const std::string& outcome) {
    std::string o = outcome;
    const bool over = max_size != 0 && out.size() > max_size;
    if (over) out.resize(max_size);
    if (o.rfind("end@", 0) == 0 && (over || line_trip))
      o = std::string("E:") + (over ? "message_too_large" : "line_too_long") + o.substr(3);
    return decoded{out, o};
  };
  for (;;) {
    if (strict && s.compare(pos, 3, ".\r\n") == 0) return result("end@" + std::to_string(pos + 3));
    std::size_t e = pos;
    std::size_t ending = 0;
    bool next_strict = true;
    for (; ending == 0; ++e) {
      if (e == s.size()) {
        add_line(s.substr(pos), false);
        return result("more");
      }
      const char c = s[e];
      const bool crlf = c == '\r' && e + 1 < s.size() && s[e + 1] == '\n';
      if (crlf) {
        ending = 2;
      } else if (c == '\r' && e + 1 == s.size()) {
        continue;  // undecided: the end of the input comes first
      } else if (c == '\r' || c == '\n') {
        if (policy == line_ending_policy::reject) {
          const std::string content = s.substr(pos, e - pos);
          add_line(content, false);
          if (c == '\r' && content != "." && !line_trip && (max_line == 0 || max_line >= 2))
            out += '\r';
          return result(std::string(c == '\r' ? "E:bare_cr@" : "E:bare_lf@") +
                        std::to_string(c == '\r' ? e + 1 : e));
        }
        if (policy == line_ending_policy::normalize) {
          ending = 1;
          next_strict = false;
        }
      }
      if (ending != 0) break;
    }
    add_line(s.substr(pos, e - pos), true);
    pos = e + ending;
    strict = next_strict;
  }
}

// Random lines with bare CR and LF, dots at line starts and lone dots, then the terminator and
// a pipelined command.
std::string random_lines(std::mt19937& rng) {
  const char* tokens[] = {"a", "bc", "defgh", ".", "..", "\r\n", "\r", "\n", "\r\n.", "\n."};
  std::string s;
  const std::size_t count = rng() % 12;
  for (std::size_t i = 0; i < count; ++i) s += tokens[rng() % (sizeof tokens / sizeof *tokens)];
  return s + "\r\n.\r\nQUIT\r\n";
}

}  // namespace

TEST_CASE("line limit: a bare CR under pass is cut like any octet (issue 10, defect 6)") {
  dot_decoder_options options;
  options.bare_line_endings = line_ending_policy::pass;
  options.max_line_length = 5;
  CHECK(decode_with("abcdef\r\n.\r\n", options) == decoded{"abc", "E:line_too_long@11"});
  CHECK(decode_with("abc\rdef\r\n.\r\n", options) == decoded{"abc", "E:line_too_long@12"});
  CHECK(decode_with("abc\ndef\r\n.\r\n", options) == decoded{"abc", "E:line_too_long@12"});
  CHECK(decode_with("a\rb\r\n.\r\n", options) == decoded{"a\rb\r\n", "end@8"});
  CHECK(decode_with("ab\rc\r\n.\r\n", options) == decoded{"ab\r", "E:line_too_long@9"});
  CHECK(decode_with("abc\r\n.\r\n", options) == decoded{"abc\r\n", "end@8"});
  // The stuffing dot does not count (RFC 5321 §4.5.3.1.6): "ab\rc" is 4 octets + CR LF.
  CHECK(decode_with(".ab\rc\r\n.\r\n", options) == decoded{"ab\r", "E:line_too_long@10"});
  CHECK(decode_with(".abc\r\n.\r\n", options) == decoded{"abc\r\n", "end@9"});
  // An empty line is two octets: a limit of 1 refuses it, and nothing of it is written.
  options.max_line_length = 1;
  for (const line_ending_policy policy : all_policies) {
    options.bare_line_endings = policy;
    CHECK(decode_with("\r\n.\r\n", options) == decoded{"", "E:line_too_long@5"});
    CHECK(decode_with(".\r\n", options) == decoded{"", "end@3"});  // the end is not a line
  }
}

TEST_CASE("line limit: the stuffing dot is not counted (RFC 5321 §4.5.3.1.6)") {
  // "The maximum total length of a text line including the <CRLF> is 1000 octets (not counting
  // the leading dot duplicated for transparency)": 998 octets of content starting with ".",
  // sent as "." + 998 octets + CR LF (1001 octets), are within text_line_limit; 999 are not.
  dot_decoder_options options;
  options.max_line_length = smtpcodes::text_line_limit;
  for (const line_ending_policy policy : all_policies) {
    CAPTURE(static_cast<int>(policy));
    options.bare_line_endings = policy;
    const std::string fits = "." + std::string(997, 'x');  // 998 octets of content
    const std::string wire = "." + fits + "\r\n";
    REQUIRE(wire.size() == 1001);
    CHECK(decode_with(wire + ".\r\n", options) == decoded{fits + "\r\n", "end@1004"});
    const std::string over = fits + "y";  // 999 octets of content
    CHECK(decode_with("." + over + "\r\n.\r\nQUIT\r\n", options) ==
          decoded{fits, "E:line_too_long@1005"});
    // A line that needs no stuffing: 998 octets fit, 999 do not, as before.
    const std::string plain(998, 'z');
    CHECK(decode_with(plain + "\r\n.\r\n", options) == decoded{plain + "\r\n", "end@1003"});
    CHECK(decode_with(plain + "z\r\n.\r\n", options) == decoded{plain, "E:line_too_long@1004"});
  }
  // Small limits: a line's length is its decoded octets + 2, the removed dot not among them.
  options.bare_line_endings = line_ending_policy::reject;
  options.max_line_length = 5;
  CHECK(decode_with(".abc\r\n.\r\n", options) == decoded{"abc\r\n", "end@9"});
  CHECK(decode_with("..ab\r\n.\r\n", options) == decoded{".ab\r\n", "end@9"});
  CHECK(decode_with("..abc\r\n.\r\n", options) == decoded{".ab", "E:line_too_long@10"});
  options.max_line_length = 2;  // empty lines only: ".." CR LF is the one-octet line "."
  CHECK(decode_with(".\r\n", options) == decoded{"", "end@3"});
  CHECK(decode_with("\r\n..\r\n.\r\n", options) == decoded{"\r\n", "E:line_too_long@9"});
  options.max_line_length = 3;
  CHECK(decode_with("\r\n..\r\n.\r\n", options) == decoded{"\r\n.\r\n", "end@9"});
}

TEST_CASE("line limit: lines starting with \".\" and \"..\" agree with the model at every limit") {
  // Every short line of one, two or three leading dots and k more octets, after the start of
  // DATA, a CR LF, a bare LF or a bare CR, ended by CR LF, a bare LF or a bare CR: every policy,
  // limits 0..12, whole, cut at every octet and one octet at a time.
  const char* before[] = {"", "a\r\n", "a\n", "a\r"};
  const char* dots[] = {".", "..", "..."};
  const char* after[] = {"\r\n", "\n", "\rz\r\n"};
  int cases = 0;
  for (const char* b : before) {
    for (const char* d : dots) {
      for (std::size_t k = 0; k <= 12; ++k) {
        for (const char* a : after) {
          const std::string stream = b + (d + std::string(k, 'x')) + a + ".\r\nQUIT\r\n";
          for (const line_ending_policy policy : all_policies) {
            for (std::size_t max_line = 0; max_line <= 12; ++max_line) {
              CAPTURE(stream);
              CAPTURE(static_cast<int>(policy));
              CAPTURE(max_line);
              dot_decoder_options options;
              options.bare_line_endings = policy;
              options.max_line_length = max_line;
              CHECK(decode_with(stream, options) == model_decode(stream, policy, max_line, 0));
              ++cases;
            }
          }
        }
      }
    }
  }
  CHECK(cases == 4 * 3 * 13 * 3 * 3 * 13);
}

TEST_CASE("line limit: every policy and every chunking agree with the reference model") {
  std::mt19937 rng(10);
  for (int trial = 0; trial < 150; ++trial) {
    const std::string stream = random_lines(rng);
    const std::size_t max_size = trial % 3 == 0 ? rng() % 20 : 0;
    for (const line_ending_policy policy : all_policies) {
      for (std::size_t max_line = 0; max_line <= 12; ++max_line) {
        CAPTURE(stream);
        CAPTURE(static_cast<int>(policy));
        CAPTURE(max_line);
        CAPTURE(max_size);
        dot_decoder_options options;
        options.bare_line_endings = policy;
        options.max_line_length = max_line;
        options.max_message_size = max_size;
        CHECK(decode_with(stream, options) == model_decode(stream, policy, max_line, max_size));
      }
    }
  }
}

TEST_CASE("codec_result is a parse_result with produced and needed") {
  static_assert(std::is_base_of_v<smtpcodes::parse_result, smtpcodes::codec_result>);
  static_assert(std::is_aggregate_v<smtpcodes::codec_result>);
  constexpr smtpcodes::codec_result r{{smtpcodes::parse_status::error, errc::bare_lf, 2, 2}, 1, 0};
  static_assert(r.failed() && !r.ok() && r.offset == 2 && r.produced == 1);
  CHECK(r.consumed == 2);
}

TEST_CASE("output_too_small: needed is the bound, nothing is read or written, not sticky") {
  const std::string input = "a\nb\r\n..c\r\n.\r\n";
  for (const line_ending_policy policy : all_policies) {
    CAPTURE(static_cast<int>(policy));
    dot_decoder decoder(dot_decoder_options{policy, 0, 0});
    std::string out(64, '#');
    const std::size_t bound = decoder.max_decoded_size(input.size());
    const auto small = decoder.decode(input, &out[0], bound - 1);
    CHECK(small.error == errc::output_too_small);
    CHECK(small.needed == bound);
    CHECK(small.consumed == 0);
    CHECK(small.produced == 0);
    CHECK(small.offset == 0);
    CHECK(out == std::string(64, '#'));
    const auto again = decoder.decode(input, &out[0], small.needed);  // nothing was read
    CHECK(again.error != errc::output_too_small);
    CHECK(again.needed == 0);

    dot_encoder encoder(dot_encoder_options{policy});
    const std::size_t ebound = dot_encoder::max_encoded_size(input.size());
    const auto esmall = encoder.encode(input, &out[0], ebound - 1);
    CHECK(esmall.error == errc::output_too_small);
    CHECK(esmall.needed == ebound);
    CHECK(esmall.consumed == 0);
    CHECK(esmall.produced == 0);
    char end[dot_encoder::max_finish_size];
    const auto fsmall = encoder.finish(end, sizeof end - 1);
    CHECK(fsmall.error == errc::output_too_small);
    CHECK(fsmall.needed == dot_encoder::max_finish_size);
    CHECK(encoder.finish(end, sizeof end).is_complete());
  }
  char one[1] = {'x'};
  char out[8];
  dot_decoder normalize(dot_decoder_options{line_ending_policy::normalize, 0, 0});
  CHECK(normalize.decode(std::string_view(one, SIZE_MAX / 2), out, sizeof out).needed == SIZE_MAX);
  dot_encoder encoder;
  CHECK(encoder.encode(std::string_view(one, SIZE_MAX), out, sizeof out).needed == SIZE_MAX);
}

TEST_CASE("the encoder reports like the decoder: statuses, offsets, sticky errors") {
  // need_more while data flows, complete at the end of the message.
  dot_encoder encoder;
  char out[64];
  const auto e = encoder.encode("abc\r\n", out, sizeof out);
  CHECK(e.needs_more());
  CHECK(e.consumed == 5);
  CHECK(e.produced == 5);
  const auto f = encoder.finish(out, sizeof out);
  CHECK(f.is_complete());
  CHECK(f.consumed == 0);
  CHECK(f.produced == 3);
  // The same bare endings are reported at the same offsets, with the same octets consumed and
  // produced before them, and given back with nothing consumed until reset.
  for (const char* bad : {"ab\ncd\r\n", "ab\rcd\r\n", "\n", "x\r\r\n"}) {
    CAPTURE(bad);
    dot_decoder decoder;
    dot_encoder enc;
    char dout[64];
    char eout[64];
    const auto d = decoder.decode(bad, dout, sizeof dout);
    const auto r = enc.encode(bad, eout, sizeof eout);
    REQUIRE(d.failed());
    CHECK(r.error == d.error);
    CHECK(r.offset == d.offset);
    CHECK(r.consumed == d.consumed);
    CHECK(r.consumed == r.offset);
    CHECK(std::string(eout, r.produced) == std::string(dout, d.produced));
    for (const auto& again :
         {decoder.decode("ok\r\n", dout, sizeof dout), enc.encode("ok\r\n", eout, sizeof eout),
          decoder.finish(), enc.finish(eout, sizeof eout)}) {
      CHECK(again.error == d.error);
      CHECK(again.consumed == 0);
      CHECK(again.produced == 0);
      CHECK(again.offset == 0);
    }
    decoder.reset();
    enc.reset();
    CHECK(decoder.decode("ok\r\n", dout, sizeof dout).needs_more());
    CHECK(enc.encode("ok\r\n", eout, sizeof eout).needs_more());
  }
  // A bare CR at the end of one call is reported at the first octet of the next, by both.
  dot_decoder decoder;
  dot_encoder enc;
  CHECK(decoder.decode("ab\r", out, sizeof out).needs_more());
  CHECK(enc.encode("ab\r", out, sizeof out).needs_more());
  const auto d = decoder.decode("x", out, sizeof out);
  const auto r = enc.encode("x", out, sizeof out);
  CHECK(d.error == errc::bare_cr);
  CHECK(r.error == errc::bare_cr);
  CHECK(d.offset == 0);
  CHECK(r.offset == 0);
}
