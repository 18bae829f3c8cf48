// Tests for compare.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <set>
#include <smtpcodes/compare.hpp>
#include <string>

using smtpcodes::code_ref;
using smtpcodes::enhanced_status;
using smtpcodes::next_step;
using smtpcodes::reply_code;

namespace {

std::string_view aspect_value(const smtpcodes::code_comparison& c, std::string_view aspect,
                              bool first) {
  for (const auto& d : c.differences()) {
    if (d.aspect == aspect) return first ? d.first : d.second;
  }
  return {};
}

bool mentions(std::string_view text, std::string_view word) {
  return text.find(word) != std::string_view::npos;
}

smtpcodes::code_comparison cmp(std::string_view a, std::string_view b) {
  const auto x = smtpcodes::parse_code_ref(a);
  const auto y = smtpcodes::parse_code_ref(b);
  REQUIRE(x);
  REQUIRE(y);
  const auto c = smtpcodes::compare(*x, *y);
  REQUIRE(c);
  return *c;
}

}  // namespace

TEST_CASE("235 vs 354: both explanations, the aspects that differ") {
  const auto c = smtpcodes::compare(reply_code(235), reply_code(354));
  REQUIRE(c);
  CHECK(c->first.reply.code == 235);
  CHECK(c->second.reply.code == 354);
  CHECK(c->first.text.view() == "235");
  CHECK(c->first.name == "Authentication Succeeded");
  CHECK(c->second.name == "Start Mail Input");
  CHECK(c->first.when == smtpcodes::lookup(reply_code(235))->when);
  CHECK(c->second.fix == smtpcodes::lookup(reply_code(354))->fix);
  CHECK_FALSE(c->same_code);
  CHECK_FALSE(c->same_class);
  CHECK_FALSE(c->same_category);
  CHECK(c->hand_written);
  CHECK(aspect_value(*c, "class", true) == "Positive Completion");
  CHECK(aspect_value(*c, "class", false) == "Positive Intermediate");
  CHECK(aspect_value(*c, "next step", true) == "continue");
  CHECK(aspect_value(*c, "next step", false) == "send more");
  CHECK(aspect_value(*c, "replies to", true) == "AUTH");
  CHECK(aspect_value(*c, "replies to", false) == "DATA");
  CHECK(aspect_value(*c, "defined in", true).find("RFC 4954") == 0);
  CHECK(aspect_value(*c, "defined in", false).find("RFC 5321") == 0);
  CHECK(aspect_value(*c, "kind", true).empty());    // both reply codes
  CHECK(aspect_value(*c, "status", true).empty());  // both current: not a difference
}

TEST_CASE("every hand-written pair is consulted first, in either order") {
  const int pairs[][2] = {{235, 354}, {235, 500}, {211, 235}, {354, 530}, {214, 235},
                          {250, 251}, {450, 550}, {451, 550}, {421, 450}, {452, 552},
                          {550, 554}, {550, 553}, {530, 535}, {534, 535}, {334, 235}};
  std::set<std::string> sentences;
  for (const auto& p : pairs) {
    const reply_code a(static_cast<std::uint16_t>(p[0]));
    const reply_code b(static_cast<std::uint16_t>(p[1]));
    const auto ab = smtpcodes::compare(a, b);
    const auto ba = smtpcodes::compare(b, a);
    REQUIRE(ab);
    REQUIRE(ba);
    CAPTURE(p[0]);
    CAPTURE(p[1]);
    CHECK(ab->hand_written);
    CHECK(ab->relation.view() == ba->relation.view());
    CHECK(mentions(ab->relation.view(), std::to_string(p[0])));
    CHECK(mentions(ab->relation.view(), std::to_string(p[1])));
    sentences.insert(std::string(ab->relation.view()));
  }
  CHECK(sentences.size() == std::size(pairs));
}

TEST_CASE("hand-written pairs say what differs") {
  CHECK(mentions(cmp("450", "550").relation.view(), "greylisting"));
  CHECK(mentions(cmp("530", "535").relation.view(), "before any AUTH"));
  CHECK(mentions(cmp("452", "552").relation.view(), "temporary"));
  CHECK(mentions(cmp("421", "450").relation.view(), "whole connection"));
  CHECK(mentions(cmp("334", "235").relation.view(), "same AUTH exchange"));
}

TEST_CASE("the same code is the same code, for both kinds") {
  const auto c = smtpcodes::compare(reply_code(250), reply_code(250));
  REQUIRE(c);
  CHECK(c->same_code);
  CHECK(c->same_class);
  CHECK(c->differences().empty());
  CHECK(mentions(c->relation.view(), "same code"));
  const auto e = cmp("5.1.1", "5.1.1");
  CHECK(e.same_code);
  CHECK(e.differences().empty());
  CHECK(mentions(e.relation.view(), "same code"));
  // 250 and 2.0.0 are not the same code: they are of different kinds.
  CHECK_FALSE(cmp("250", "2.0.0").same_code);
}

TEST_CASE("the next step comes from the code, not the class (issue 11 item 4)") {
  // Today's compare gave every 5yz "bounce the message".
  const auto c = smtpcodes::compare(reply_code(500), reply_code(550));
  REQUIRE(c);
  CHECK(c->first.next == next_step::fix_command);
  CHECK(c->second.next == next_step::give_up);
  CHECK(aspect_value(*c, "next step", true) == "fix the command");
  CHECK(aspect_value(*c, "next step", false) == "give up (bounce)");
  for (const int code : {500, 501, 503}) {
    const auto x =
        smtpcodes::compare(reply_code(static_cast<std::uint16_t>(code)), reply_code(550));
    REQUIRE(x);
    CHECK(x->first.next == next_step::fix_command);
    CHECK_FALSE(mentions(x->first.next_text, "bounce"));
  }
  const auto auth = smtpcodes::compare(reply_code(530), reply_code(550));
  REQUIRE(auth);
  CHECK(auth->first.next == next_step::authenticate);
  CHECK(mentions(auth->first.next_text, "authenticate"));
  CHECK(aspect_value(*auth, "next step", true) == "authenticate");
  CHECK(smtpcodes::compare(reply_code(221), reply_code(250))->first.next == next_step::close);
  CHECK(smtpcodes::compare(reply_code(354), reply_code(250))->first.next == next_step::send_more);
  CHECK(cmp("5.5.2", "5.7.8").first.next == next_step::fix_command);
  CHECK(cmp("5.5.2", "5.7.8").second.next == next_step::authenticate);
}

TEST_CASE("enhanced pairs") {
  const auto c = cmp("5.1.1", "5.7.1");
  CHECK(c.first.kind() == smtpcodes::code_kind::enhanced);
  CHECK(c.same_class);
  CHECK_FALSE(c.same_category);
  CHECK(c.first.text.view() == "5.1.1");
  CHECK(c.first.name == "Bad destination mailbox address");
  CHECK(mentions(c.relation.view(), "5.1.1"));
  CHECK(mentions(c.relation.view(), "5.7.1"));
  CHECK(aspect_value(c, "subject", true) == "Addressing Status");
  CHECK(aspect_value(c, "subject", false) == "Security or Policy Status");
  CHECK(aspect_value(c, "replies to", true).empty());

  const auto full = cmp("4.2.2", "5.2.2");
  CHECK(full.same_category);
  CHECK_FALSE(full.same_class);
  CHECK(mentions(full.relation.view(), "same condition"));
  CHECK(aspect_value(full, "next step", true) == "retry later");
}

TEST_CASE("one of each kind") {
  const auto c = cmp("550", "5.7.1");
  CHECK(c.first.kind() == smtpcodes::code_kind::reply);
  CHECK(c.second.kind() == smtpcodes::code_kind::enhanced);
  CHECK(c.same_class);
  CHECK_FALSE(c.same_category);
  CHECK(aspect_value(c, "kind", true) == "reply");
  CHECK(aspect_value(c, "kind", false) == "enhanced");
  CHECK(mentions(c.relation.view(), "registry lists 5.7.1 with 550"));
  const auto bad = cmp("5.1.1", "250");
  CHECK_FALSE(bad.same_class);
  CHECK(mentions(bad.relation.view(), "disagree"));
  CHECK(aspect_value(bad, "class", true) == "Permanent Failure");
  CHECK(aspect_value(bad, "class", false) == "Positive Completion");
  // The implicit conversions: compare(reply_code, enhanced_status) needs no code_ref spelled.
  CHECK(smtpcodes::compare(reply_code(550), enhanced_status{5, 1, 1}));
}

TEST_CASE("every pair of registered reply codes gets a specific relation naming both") {
  std::set<std::string> sentences;
  std::size_t pairs = 0;
  for (const auto& a : smtpcodes::registered_reply_codes()) {
    for (const auto& b : smtpcodes::registered_reply_codes()) {
      const auto c = smtpcodes::compare(a.as_code(), b.as_code());
      REQUIRE(c);
      CAPTURE(a.code);
      CAPTURE(b.code);
      const std::string_view r = c->relation.view();
      CHECK(!r.empty());
      CHECK(r.size() < sizeof(c->relation.data));  // never truncated
      CHECK(mentions(r, std::to_string(a.code)));
      CHECK(mentions(r, std::to_string(b.code)));
      CHECK(r.back() == '.');
      if (a.code < b.code) {
        sentences.insert(std::string(r));
        ++pairs;
      }
    }
  }
  CHECK(sentences.size() == pairs);  // no two pairs share a sentence
}

TEST_CASE("unregistered but well-formed codes compare; malformed ones do not") {
  const auto c = smtpcodes::compare(reply_code(259), reply_code(250));
  REQUIRE(c);
  CHECK(c->first.status == smtpcodes::code_status::unregistered);
  CHECK(aspect_value(*c, "status", true) == "unregistered");
  CHECK(aspect_value(*c, "status", false) == "current");
  CHECK(mentions(c->relation.view(), "259"));
  CHECK_FALSE(smtpcodes::compare(reply_code(199), reply_code(250)));
  CHECK_FALSE(smtpcodes::compare(reply_code(250), reply_code(600)));
  CHECK_FALSE(smtpcodes::compare(enhanced_status{3, 1, 1}, reply_code(250)));
  CHECK_FALSE(smtpcodes::parse_code_ref("199"));
  CHECK_FALSE(smtpcodes::parse_code_ref("5.01.1"));
  CHECK_FALSE(smtpcodes::parse_code_ref("25"));
  CHECK(smtpcodes::parse_code_ref("5.9.99"));
}

TEST_CASE("compare is constexpr") {
  constexpr auto c = smtpcodes::compare(reply_code(530), reply_code(535));
  static_assert(c && c->hand_written);
  static_assert(c->first.next == next_step::authenticate);
  constexpr auto m = smtpcodes::compare(reply_code(550), enhanced_status{5, 7, 1});
  static_assert(m && m->same_class && !m->same_code);
  CHECK(c->relation.view().size() > 0);
}
