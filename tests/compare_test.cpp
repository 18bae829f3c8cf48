// Tests for compare.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <set>
#include <smtpcodes/compare.hpp>
#include <string>

using smtpcodes::reply_code;

namespace {

std::string_view aspect_value(const smtpcodes::reply_code_comparison& c, std::string_view aspect,
                              bool first) {
  for (const auto& d : c.differences()) {
    if (d.aspect == aspect) return first ? d.first : d.second;
  }
  return {};
}

}  // namespace

TEST_CASE("235 vs 354: different classes, both positive") {
  const auto c = smtpcodes::compare(reply_code(235), reply_code(354));
  REQUIRE(c);
  CHECK(c->first.code == 235);
  CHECK(c->second.code == 354);
  CHECK(c->first.name == "Authentication Succeeded");
  CHECK(c->second.name == "Start Mail Input");
  CHECK(c->first.when == smtpcodes::lookup(reply_code(235))->when);
  CHECK(c->second.fix == smtpcodes::lookup(reply_code(354))->fix);
  CHECK_FALSE(c->same_class);
  CHECK_FALSE(c->same_category);
  CHECK(c->relation.find("2yz") != std::string_view::npos);
  CHECK(c->relation.find("3yz") != std::string_view::npos);
  CHECK(aspect_value(*c, "class", true) == "Positive Completion");
  CHECK(aspect_value(*c, "class", false) == "Positive Intermediate");
  CHECK(aspect_value(*c, "replies to", true) == "AUTH");
  CHECK(aspect_value(*c, "replies to", false) == "DATA");
  CHECK(aspect_value(*c, "defined in", true).find("RFC 4954") == 0);
  CHECK(aspect_value(*c, "defined in", false).find("RFC 5321") == 0);
  CHECK(aspect_value(*c, "status", true).empty());  // both current: not a difference
}

TEST_CASE("same class: no class difference, shared relation sentence") {
  const auto c = smtpcodes::compare(reply_code(550), reply_code(553));
  REQUIRE(c);
  CHECK(c->same_class);
  CHECK(c->same_category);
  CHECK(aspect_value(*c, "class", true).empty());
  CHECK(aspect_value(*c, "next step", true).empty());
  CHECK(c->relation.find("Both are permanent failures") == 0);
}

TEST_CASE("comparing a code with itself gives no differences") {
  const auto c = smtpcodes::compare(reply_code(250), reply_code(250));
  REQUIRE(c);
  CHECK(c->differences().empty());
  CHECK(c->same_class);
}

TEST_CASE("the relation is symmetric") {
  const auto ab = smtpcodes::compare(reply_code(451), reply_code(550));
  const auto ba = smtpcodes::compare(reply_code(550), reply_code(451));
  REQUIRE(ab);
  REQUIRE(ba);
  CHECK(ab->relation == ba->relation);
  CHECK(ab->relation.find("temporary") != std::string_view::npos);
  CHECK(aspect_value(*ab, "class", true) == aspect_value(*ba, "class", false));
}

TEST_CASE("every pair of classes has its own relation sentence") {
  const int sample[] = {250, 354, 451, 550};
  std::set<std::string_view> sentences;
  for (const int a : sample) {
    for (const int b : sample) {
      const auto c = smtpcodes::compare(reply_code(static_cast<std::uint16_t>(a)),
                                        reply_code(static_cast<std::uint16_t>(b)));
      REQUIRE(c);
      CHECK(!c->relation.empty());
      sentences.insert(c->relation);
    }
  }
  CHECK(sentences.size() == 10);  // 4 same-class + 6 cross-class
}

TEST_CASE("unregistered but well-formed codes compare; malformed ones do not") {
  const auto c = smtpcodes::compare(reply_code(259), reply_code(250));
  REQUIRE(c);
  CHECK(c->first.status == smtpcodes::code_status::unregistered);
  CHECK(aspect_value(*c, "status", true) == "unregistered");
  CHECK(aspect_value(*c, "status", false) == "current");
  CHECK_FALSE(smtpcodes::compare(reply_code(199), reply_code(250)));
  CHECK_FALSE(smtpcodes::compare(reply_code(250), reply_code(600)));
}
