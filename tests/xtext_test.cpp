// Tests for xtext.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <smtpcodes/xtext.hpp>
#include <string>

using smtpcodes::errc;

namespace {

constexpr std::size_t size_max = std::numeric_limits<std::size_t>::max();

std::string encoded(std::string_view raw) {
  std::string out(smtpcodes::max_xtext_size(raw.size()), '\0');
  const auto r = smtpcodes::encode_xtext(raw, &out[0], out.size());
  REQUIRE(r.ok());
  out.resize(r.size);
  return out;
}

/// An output_too_small refusal: the size needed, and the 8-octet buffer still all '#'.
void check_too_small(const smtpcodes::write_result& r, std::size_t needed, const char* out) {
  CHECK(r.error == errc::output_too_small);
  CHECK(r.size == needed);
  CHECK(std::string(out, 8) == "########");
}

}  // namespace

TEST_CASE("max_xtext_size saturates instead of wrapping") {
  static_assert(smtpcodes::max_xtext_size(0) == 0, "");
  static_assert(smtpcodes::max_xtext_size(4) == 12, "");
  CHECK(smtpcodes::max_xtext_size(size_max / 3) == size_max / 3 * 3);
  // 3 * (SIZE_MAX / 3 + 1) wraps to 2 in size_t arithmetic: a buffer that small would be
  // "big enough" for an input a third of the address space long.
  CHECK(smtpcodes::max_xtext_size(size_max / 3 + 1) == size_max);
  CHECK(smtpcodes::max_xtext_size(size_max) == size_max);
  CHECK(smtpcodes::max_xtext_size(size_max - 1) == size_max);
}

TEST_CASE("encode_xtext: output_too_small writes nothing and gives the capacity needed") {
  char out[8] = {'#', '#', '#', '#', '#', '#', '#', '#'};
  check_too_small(smtpcodes::encode_xtext("abc", out, 2), 3, out);
  check_too_small(smtpcodes::encode_xtext("a b", out, 4), 5, out);  // "a+20b"
  const auto exact = smtpcodes::encode_xtext("a b", out, 5);
  REQUIRE(exact.ok());
  CHECK(std::string(out, exact.size) == "a+20b");
  // A capacity near SIZE_MAX is only a capacity: nothing wraps.
  const auto huge = smtpcodes::encode_xtext("+=", out, size_max);
  REQUIRE(huge.ok());
  CHECK(std::string(out, huge.size) == "+2B+3D");
}

TEST_CASE("decode_xtext: output_too_small writes nothing and gives the capacity needed") {
  char out[8] = {'#', '#', '#', '#', '#', '#', '#', '#'};
  check_too_small(smtpcodes::decode_xtext("ab+2Bcd", out, 4), 5, out);  // "ab+cd"
  const auto exact = smtpcodes::decode_xtext("ab+2Bcd", out, 5);
  REQUIRE(exact.ok());
  CHECK(std::string(out, exact.size) == "ab+cd");
  const auto empty = smtpcodes::decode_xtext("", nullptr, 0);
  CHECK(empty.ok());
  CHECK(empty.size == 0);
  const auto huge = smtpcodes::decode_xtext("+41", out, size_max);
  REQUIRE(huge.ok());
  CHECK(std::string(out, huge.size) == "A");
}

TEST_CASE("decode_xtext: errors carry the offset in the text, part 0") {
  char out[16];
  const auto r = smtpcodes::decode_xtext("abc+4", out, sizeof out);
  CHECK(r.error == errc::bad_xtext);
  CHECK(r.offset == 3);
  CHECK(r.part == 0);
  CHECK(smtpcodes::decode_xtext("+", out, sizeof out).offset == 0);
  CHECK(smtpcodes::decode_xtext("ab+4g", out, sizeof out).offset == 2);
  CHECK(smtpcodes::decode_xtext("a\x7f", out, sizeof out).offset == 1);
  CHECK(smtpcodes::decode_xtext("\xc3", out, sizeof out).error == errc::bad_xtext);  // cut UTF-8
  // A short buffer never hides a bad octet.
  CHECK(smtpcodes::decode_xtext("abcdef=", out, 2).error == errc::bad_xtext);
}

TEST_CASE("decode(encode(x)) == x for every octet value and some mixtures") {
  std::string all;
  for (int c = 0; c < 256; ++c) all += static_cast<char>(c);
  for (const std::string& raw :
       {all, std::string("plain"), std::string(), std::string("+=+="), std::string(3, '\0')}) {
    const std::string e = encoded(raw);
    std::string back(e.size(), '\0');
    const auto d = smtpcodes::decode_xtext(e, back.empty() ? nullptr : &back[0], back.size());
    REQUIRE(d.ok());
    CHECK(back.substr(0, d.size) == raw);
  }
  CHECK(encoded(all).size() == 94 - 2 + 3 * (256 - 94 + 2));
}

TEST_CASE("xtext writers are constexpr") {
  constexpr auto encode_ab = [] {
    char out[8] = {};
    const auto r = smtpcodes::encode_xtext("a=b", out, sizeof out);
    return r.ok() && r.size == 5 && out[1] == '+' && out[2] == '3' && out[3] == 'D';
  };
  static_assert(encode_ab(), "");
  constexpr auto decode_ab = [] {
    char out[8] = {};
    const auto r = smtpcodes::decode_xtext("a+3Db", out, sizeof out);
    return r.ok() && r.size == 3 && out[1] == '=';
  };
  static_assert(decode_ab(), "");
  CHECK(true);
}
