// Tests for reply_code.hpp, the value type. The header comes first to prove it is
// self-contained.
#include <doctest/doctest.h>

#include <smtpcodes/reply_code.hpp>

using smtpcodes::reply_category;
using smtpcodes::reply_class;
using smtpcodes::reply_code;

TEST_CASE("well-formedness follows the RFC 5321 grammar") {
  CHECK(reply_code(250).is_well_formed());
  CHECK(reply_code(200).is_well_formed());
  CHECK(reply_code(559).is_well_formed());
  CHECK(reply_code(259).is_well_formed());
  CHECK_FALSE(reply_code(199).is_well_formed());
  CHECK_FALSE(reply_code(600).is_well_formed());
  CHECK_FALSE(reply_code(260).is_well_formed());  // second digit 6
  CHECK_FALSE(reply_code(0).is_well_formed());
  CHECK_FALSE(reply_code(1000).is_well_formed());
  CHECK_FALSE(reply_code().is_well_formed());
}

TEST_CASE("make_reply_code refuses what is not a code") {
  CHECK(smtpcodes::make_reply_code(354)->value() == 354);
  CHECK_FALSE(smtpcodes::make_reply_code(-250));
  CHECK_FALSE(smtpcodes::make_reply_code(199));
  CHECK_FALSE(smtpcodes::make_reply_code(600));
  CHECK_FALSE(smtpcodes::make_reply_code(65786));  // would wrap to 250 as uint16_t
}

TEST_CASE("parse_reply_code takes exactly three digits") {
  CHECK(smtpcodes::parse_reply_code("250") == reply_code(250));
  CHECK(smtpcodes::parse_reply_code("535") == reply_code(535));
  CHECK(smtpcodes::parse_reply_code("259") == reply_code(259));
  for (const char* bad : {"2x5", "199", "600", "2500", "25", "", " 250", "250 ", "-250", "25\0",
                          "abc", "270", "1yz"}) {
    CAPTURE(bad);
    CHECK_FALSE(smtpcodes::parse_reply_code(bad));
  }
}

TEST_CASE("class and category come from the first two digits") {
  CHECK(reply_code(235).klass() == reply_class::positive_completion);
  CHECK(reply_code(354).klass() == reply_class::positive_intermediate);
  CHECK(reply_code(421).klass() == reply_class::transient_negative);
  CHECK(reply_code(550).klass() == reply_class::permanent_negative);
  CHECK(reply_code(500).category() == reply_category::syntax);
  CHECK(reply_code(214).category() == reply_category::information);
  CHECK(reply_code(421).category() == reply_category::connections);
  CHECK(reply_code(235).category() == reply_category::unspecified);
  CHECK(reply_code(441).category() == reply_category::unspecified);  // x4z
  CHECK(reply_code(550).category() == reply_category::mail_system);
}

TEST_CASE("class predicates") {
  const reply_code ok(250), more(354), later(451), never(550), bad(199);
  CHECK(ok.is_positive());
  CHECK(ok.is_positive_completion());
  CHECK_FALSE(ok.is_positive_intermediate());
  CHECK_FALSE(ok.is_negative());
  CHECK(more.is_positive());
  CHECK(more.is_positive_intermediate());
  CHECK_FALSE(more.is_positive_completion());
  CHECK(later.is_negative());
  CHECK(later.is_transient());
  CHECK_FALSE(later.is_permanent());
  CHECK(never.is_negative());
  CHECK(never.is_permanent());
  CHECK_FALSE(never.is_transient());
  // A malformed code is nothing at all.
  CHECK_FALSE(bad.is_positive());
  CHECK_FALSE(bad.is_positive_completion());
  CHECK_FALSE(bad.is_negative());
  CHECK_FALSE(reply_code(600).is_permanent());
}

TEST_CASE("named constants have the RFC numbers") {
  using namespace smtpcodes::codes;
  CHECK(ok.value() == 250);
  CHECK(start_mail_input.value() == 354);
  CHECK(authentication_succeeded.value() == 235);
  CHECK(service_not_available.value() == 421);
  CHECK(mailbox_unavailable.value() == 550);
  CHECK(does_not_accept_mail.value() == 521);
  CHECK(domain_does_not_accept_mail.value() == 556);
}

TEST_CASE("comparison operators") {
  CHECK(reply_code(250) == reply_code(250));
  CHECK(reply_code(250) != reply_code(251));
  CHECK(reply_code(250) < reply_code(251));
}
