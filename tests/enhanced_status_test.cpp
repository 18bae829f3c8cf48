// Tests for enhanced_status.hpp: the value type and the RFC 3463 parser. The header comes first
// to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <smtpcodes/enhanced_status.hpp>

using smtpcodes::enhanced_status;
using smtpcodes::reply_code;

namespace {

enhanced_status esc(int k, int s, int d) {
  return enhanced_status{static_cast<std::uint8_t>(k), static_cast<std::uint16_t>(s),
                         static_cast<std::uint16_t>(d)};
}

}  // namespace

TEST_CASE("parse_enhanced_status: the RFC 3463 grammar, whole text") {
  CHECK(smtpcodes::parse_enhanced_status("5.7.1") == esc(5, 7, 1));
  CHECK(smtpcodes::parse_enhanced_status("2.0.0") == esc(2, 0, 0));
  CHECK(smtpcodes::parse_enhanced_status("4.7.29") == esc(4, 7, 29));
  CHECK(smtpcodes::parse_enhanced_status("5.123.999") == esc(5, 123, 999));
  for (const char* bad : {"",       "5",      "5.7",    "5.7.",   "5..1",   ".7.1",     "3.0.0",
                          "1.0.0",  "6.0.0",  "5.01.1", "5.7.01", "5.00.0", "5.7.1000", "5.1000.1",
                          "5.7.1 ", " 5.7.1", "5.7.1x", "5,7,1",  "5.7.-1", "X.7.1",    "55.7.1"}) {
    CAPTURE(bad);
    CHECK_FALSE(smtpcodes::parse_enhanced_status(bad));
  }
}

TEST_CASE("match_enhanced_status: the code at the start of reply text") {
  const auto m = smtpcodes::match_enhanced_status("5.7.1 Relaying denied");
  REQUIRE(m);
  CHECK(m->code == esc(5, 7, 1));
  CHECK(m->length == 5);
  const auto bare = smtpcodes::match_enhanced_status("2.0.0");
  REQUIRE(bare);
  CHECK(bare->length == 5);
  const auto long_detail = smtpcodes::match_enhanced_status("4.7.28 flood");
  REQUIRE(long_detail);
  CHECK(long_detail->length == 6);
  CHECK_FALSE(smtpcodes::match_enhanced_status("5.7.1blocked"));
  CHECK_FALSE(smtpcodes::match_enhanced_status("5.7.1: see OpenSMTPD#925"));
  CHECK_FALSE(smtpcodes::match_enhanced_status(" 5.7.1 leading space"));
  CHECK_FALSE(smtpcodes::match_enhanced_status("OK 5.7.1"));
  CHECK_FALSE(smtpcodes::match_enhanced_status("Requested action taken"));
  CHECK_FALSE(smtpcodes::match_enhanced_status("5.7.1000 too long"));
}

TEST_CASE("class agreement with the basic reply code") {
  CHECK(esc(5, 7, 1).matches(reply_code(550)));
  CHECK_FALSE(esc(4, 7, 1).matches(reply_code(550)));
  CHECK(esc(2, 0, 0).matches(reply_code(250)));
  CHECK_FALSE(esc(2, 0, 0).matches(reply_code(354)));
}

TEST_CASE("class predicates and ordering") {
  CHECK(esc(2, 0, 0).is_success());
  CHECK(esc(4, 4, 1).is_transient());
  CHECK(esc(5, 1, 1).is_permanent());
  CHECK_FALSE(esc(3, 0, 0).is_well_formed());
  CHECK_FALSE(esc(5, 1000, 0).is_well_formed());
  CHECK(esc(4, 9, 9) < esc(5, 0, 0));
  CHECK(esc(5, 1, 9) < esc(5, 1, 10));
  CHECK(esc(5, 1, 1) != esc(5, 1, 2));
}

TEST_CASE("to_text formats without allocating") {
  CHECK(smtpcodes::to_text(esc(5, 7, 1)).view() == "5.7.1");
  CHECK(smtpcodes::to_text(esc(4, 7, 29)).view() == "4.7.29");
  CHECK(smtpcodes::to_text(esc(5, 999, 999)).view() == "5.999.999");
  CHECK(smtpcodes::to_text(esc(2, 0, 0)).view() == "2.0.0");
}
