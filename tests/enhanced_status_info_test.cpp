// Tests for enhanced_status_info.hpp: the IANA registry tables and explain. The header comes
// first to prove it is self-contained.
#include <doctest/doctest.h>

#include <set>
#include <smtpcodes/enhanced_status_info.hpp>
#include <smtpcodes/reply_code_info.hpp>
#include <string>
#include <utility>

using smtpcodes::enhanced_status;
using smtpcodes::reply_code;

namespace {

// Every enumerated code of the IANA "SMTP Enhanced Status Codes" registry (sub-registry 3),
// as {subject, detail}: X.0.0; X.1.0-X.1.10; X.2.0-X.2.4; X.3.0-X.3.6; X.4.0-X.4.7;
// X.5.0-X.5.6; X.6.0-X.6.10; X.7.0-X.7.30.
std::set<std::pair<int, int>> registry_codes() {
  std::set<std::pair<int, int>> all;
  const int last_detail[8] = {0, 10, 4, 6, 7, 6, 10, 30};
  for (int subject = 0; subject < 8; ++subject) {
    for (int d = 0; d <= last_detail[subject]; ++d) all.insert({subject, d});
  }
  return all;
}

enhanced_status esc(int k, int s, int d) {
  return enhanced_status{static_cast<std::uint8_t>(k), static_cast<std::uint16_t>(s),
                         static_cast<std::uint16_t>(d)};
}

}  // namespace

TEST_CASE("the detail table holds exactly the IANA registry's 81 codes") {
  std::set<std::pair<int, int>> actual;
  for (const auto& d : smtpcodes::registered_enhanced_statuses()) {
    actual.insert({d.subject, d.detail});
  }
  CHECK(actual.size() == 81);
  CHECK(actual == registry_codes());
}

TEST_CASE("class and subject entries") {
  CHECK(smtpcodes::enhanced_status_classes().size() == 3);
  CHECK(smtpcodes::lookup_enhanced_class(2)->label == "Success");
  CHECK(smtpcodes::lookup_enhanced_class(4)->label == "Persistent Transient Failure");
  CHECK(smtpcodes::lookup_enhanced_class(5)->label == "Permanent Failure");
  CHECK(smtpcodes::lookup_enhanced_class(3) == nullptr);
  CHECK(smtpcodes::enhanced_status_subjects().size() == 8);
  CHECK(smtpcodes::lookup_enhanced_subject(0)->label == "Other or Undefined Status");
  CHECK(smtpcodes::lookup_enhanced_subject(1)->label == "Addressing Status");
  CHECK(smtpcodes::lookup_enhanced_subject(2)->label == "Mailbox Status");
  CHECK(smtpcodes::lookup_enhanced_subject(3)->label == "Mail System Status");
  CHECK(smtpcodes::lookup_enhanced_subject(4)->label == "Network and Routing Status");
  CHECK(smtpcodes::lookup_enhanced_subject(5)->label == "Mail Delivery Protocol Status");
  CHECK(smtpcodes::lookup_enhanced_subject(6)->label == "Message Content or Media Status");
  CHECK(smtpcodes::lookup_enhanced_subject(7)->label == "Security or Policy Status");
  CHECK(smtpcodes::lookup_enhanced_subject(8) == nullptr);
}

TEST_CASE("registry facts: labels, associated basic codes, references") {
  const auto* relay = smtpcodes::lookup(esc(5, 7, 1));
  REQUIRE(relay != nullptr);
  CHECK(relay->label == "Delivery not authorized, message refused");
  CHECK(relay->basic_codes == "451, 454, 502, 503, 533, 550, 551");
  CHECK(relay->rfc.find("RFC 3463") == 0);

  const auto* user = smtpcodes::lookup(esc(5, 1, 1));
  REQUIRE(user != nullptr);
  CHECK(user->label == "Bad destination mailbox address");
  CHECK(user->basic_codes == "451, 550");

  const auto* null_mx = smtpcodes::lookup(esc(5, 1, 10));
  REQUIRE(null_mx != nullptr);
  CHECK(null_mx->label == "Recipient address has null MX");
  CHECK(null_mx->basic_codes == "556");
  CHECK(null_mx->rfc.find("RFC 7505") == 0);

  CHECK(smtpcodes::lookup(esc(5, 5, 6))->basic_codes == "500");  // RFC 4954
  CHECK(smtpcodes::lookup(esc(5, 7, 8))->label == "Authentication credentials invalid");
  CHECK(smtpcodes::lookup(esc(5, 7, 14))->label == "Trust relationship required");
  CHECK(smtpcodes::lookup(esc(5, 7, 26))->label == "Multiple authentication checks failed");
  CHECK(smtpcodes::lookup(esc(5, 7, 29))->label == "ARC validation failure");
  CHECK(smtpcodes::lookup(esc(5, 7, 30))->label == "REQUIRETLS support required");
  CHECK(smtpcodes::lookup(esc(5, 7, 30))->rfc.find("RFC 8689") == 0);
  CHECK(smtpcodes::lookup(esc(5, 0, 0))->basic_codes == "Any");
  CHECK(smtpcodes::lookup(esc(5, 7, 17))->basic_codes == "5XX");
  CHECK(smtpcodes::lookup(esc(5, 1, 0))->basic_codes.empty());  // "Not given"
  CHECK(smtpcodes::lookup(esc(5, 6, 10))->status == smtpcodes::code_status::obsolete);
  CHECK(smtpcodes::lookup(esc(5, 7, 31)) == nullptr);
  CHECK(smtpcodes::lookup(esc(5, 8, 0)) == nullptr);
}

TEST_CASE("every explicit basic code in the registry is a registered reply code") {
  for (const auto& d : smtpcodes::registered_enhanced_statuses()) {
    CAPTURE(d.subject);
    CAPTURE(d.detail);
    const bool well_formed =
        smtpcodes::detail::for_each_basic_code_token(d.basic_codes, [](std::string_view token) {
          if (token == "Any" || token[1] == 'X') return;
          const auto code = smtpcodes::parse_reply_code(token);
          CHECK(code.has_value());
          if (code) CHECK(smtpcodes::is_registered(*code));
        });
    CHECK(well_formed);
    CHECK(!d.label.empty());
    CHECK(!d.description.empty());
    CHECK(!d.when.empty());
    CHECK(!d.fix.empty());
  }
}

TEST_CASE("is_associated understands numbers, class wildcards and Any") {
  const auto& relay = *smtpcodes::lookup(esc(5, 7, 1));
  CHECK(smtpcodes::is_associated(relay, reply_code(550)));
  CHECK(smtpcodes::is_associated(relay, reply_code(451)));
  CHECK_FALSE(smtpcodes::is_associated(relay, reply_code(552)));
  const auto& rrvs = *smtpcodes::lookup(esc(5, 7, 17));
  CHECK(smtpcodes::is_associated(rrvs, reply_code(550)));
  CHECK(smtpcodes::is_associated(rrvs, reply_code(554)));
  CHECK_FALSE(smtpcodes::is_associated(rrvs, reply_code(450)));
  const auto& other = *smtpcodes::lookup(esc(5, 0, 0));
  CHECK(smtpcodes::is_associated(other, reply_code(250)));
  CHECK_FALSE(smtpcodes::is_associated(other, reply_code(199)));
  const auto& not_given = *smtpcodes::lookup(esc(5, 1, 0));
  CHECK_FALSE(smtpcodes::is_associated(not_given, reply_code(550)));
}

TEST_CASE("malformed basic-code lists are refused") {
  auto ok = [](std::string_view list) {
    return smtpcodes::detail::for_each_basic_code_token(list, [](std::string_view) {});
  };
  CHECK(ok(""));
  CHECK(ok("Any"));
  CHECK(ok("550"));
  CHECK(ok("451, 550, 4XX"));
  CHECK_FALSE(ok("451,550"));
  CHECK_FALSE(ok("451, "));
  CHECK_FALSE(ok("6XX"));
  CHECK_FALSE(ok("199"));
  CHECK_FALSE(ok("Not given"));
}

TEST_CASE("the static_assert's list check accepts exactly what the tokenizer accepts") {
  // is_basic_code_list is the cheap form of for_each_basic_code_token the table proof runs.
  const char* lists[] = {
      "",      "Any",    "550",      "451, 550",  "451, 550, 4XX", "5XX",  "2XX, 250", "451,550",
      "451, ", "451, 5", "451, 55",  "451,  550", " 550",          "550 ", "6XX",      "199",
      "260",   "5X5",    "XX5",      "Any, 550",  "550, Any",      "any",  "Anyway",   "Not given",
      "55",    "5500",   "4XX, 5XX", "451, 550,", ", 550",         "2YX"};
  for (const char* list : lists) {
    CAPTURE(list);
    CHECK(smtpcodes::detail::is_basic_code_list(list) ==
          smtpcodes::detail::for_each_basic_code_token(list, [](std::string_view) {}));
  }
  for (const auto& d : smtpcodes::registered_enhanced_statuses()) {
    CAPTURE(d.basic_codes);
    CHECK(smtpcodes::detail::is_basic_code_list(d.basic_codes));
  }
}

TEST_CASE("explain: registered details, unregistered details and subjects") {
  const auto registered = smtpcodes::explain(esc(5, 7, 1));
  REQUIRE(registered);
  CHECK(registered->is_registered());
  CHECK(registered->label() == "Delivery not authorized, message refused");
  CHECK(registered->klass->label == "Permanent Failure");
  CHECK(registered->subject->label == "Security or Policy Status");
  CHECK(registered->fix() == registered->detail->fix);
  CHECK(registered->basic_codes() == "451, 454, 502, 503, 533, 550, 551");

  // Same registry entry whatever the class.
  const auto transient = smtpcodes::explain(esc(4, 7, 1));
  REQUIRE(transient);
  CHECK(transient->detail == registered->detail);
  CHECK(transient->klass->label == "Persistent Transient Failure");

  // Unregistered detail: falls back to the subject and the class.
  const auto unknown_detail = smtpcodes::explain(esc(5, 1, 99));
  REQUIRE(unknown_detail);
  CHECK_FALSE(unknown_detail->is_registered());
  CHECK(unknown_detail->label() == "Addressing Status");
  CHECK(unknown_detail->description() == unknown_detail->subject->description);
  CHECK(unknown_detail->fix() == smtpcodes::lookup_enhanced_class(5)->fix);
  CHECK(unknown_detail->when().find("not in the IANA registry") != std::string_view::npos);
  CHECK(unknown_detail->basic_codes().empty());

  // Unregistered subject: only the class says anything.
  const auto unknown_subject = smtpcodes::explain(esc(4, 9, 1));
  REQUIRE(unknown_subject);
  CHECK(unknown_subject->subject == nullptr);
  CHECK(unknown_subject->label() == "Unregistered Subject");
  CHECK(unknown_subject->description() == smtpcodes::lookup_enhanced_class(4)->description);
  CHECK(unknown_subject->rfc() == smtpcodes::lookup_enhanced_class(4)->rfc);

  CHECK_FALSE(smtpcodes::explain(esc(3, 0, 0)));
}

TEST_CASE("class 2 does not call 2.6.0 \"message accepted\" (X.6.0 is a media error)") {
  const auto* k = smtpcodes::lookup_enhanced_class(2);
  REQUIRE(k != nullptr);
  CHECK(k->description.find("2.6.0 (message accepted)") == std::string_view::npos);
  CHECK(smtpcodes::lookup(esc(2, 6, 0))->label == "Other or undefined media error");
}

TEST_CASE("X.7.9 keeps the registry label and says providers use it for policy rejections") {
  const auto* weak = smtpcodes::lookup(esc(5, 7, 9));
  REQUIRE(weak != nullptr);
  CHECK(weak->label == "Authentication mechanism is too weak");
  CHECK(weak->when.find("policy") != std::string_view::npos);
  CHECK(weak->when.find("DMARC") != std::string_view::npos);
  CHECK(weak->fix.find("DMARC") != std::string_view::npos);
}

namespace {

// Phrases that assert an outcome. A 4.x.x or 5.x.x explanation must not claim success; a
// 2.x.x explanation must not claim failure. Matched case-sensitively on our own texts, so each
// phrase is one a sentence would use to say so ("Success:", "was accepted", "does not exist").
constexpr std::string_view success_phrases[] = {
    "Success",     "success:",       "succeeded",         "was accepted",  "were accepted",
    "is accepted", "Nothing to fix", "Nothing is broken", "was delivered", "accepted as valid",
};
constexpr std::string_view failure_phrases[] = {
    "does not exist", "failed",       "failure",       "Failure",           "rejected",
    "refused",        "not accepted", "undeliverable", "prevents delivery", "Do not retry",
    "bounce",         "wrong",        "has a problem", "stopped",
};

std::string found_phrase(std::string_view text, int klass) {
  if (klass == 2) {
    for (const auto p : failure_phrases)
      if (text.find(p) != std::string_view::npos) return std::string(p);
  } else {
    for (const auto p : success_phrases)
      if (text.find(p) != std::string_view::npos) return std::string(p);
  }
  return {};
}

}  // namespace

TEST_CASE("every registered detail reads right under every class (2, 4, 5)") {
  // Every class, not only those the registry associates: "Not given" details are seen with 4
  // and 5, "Any" with all three, and servers pair details with classes the registry does not
  // list (2.6.0 from Exchange, 4.1.5 from misbehaving filters).
  int checked = 0;
  for (const auto& d : smtpcodes::registered_enhanced_statuses()) {
    for (const int k : {2, 4, 5}) {
      const auto e = smtpcodes::explain(esc(k, d.subject, d.detail));
      REQUIRE(e);
      const std::string code =
          std::to_string(k) + "." + std::to_string(d.subject) + "." + std::to_string(d.detail);
      CAPTURE(code);
      CHECK(found_phrase(e->description(), k) == "");
      CHECK(found_phrase(e->when(), k) == "");
      CHECK(found_phrase(e->fix(), k) == "");
      REQUIRE(e->subject != nullptr);
      CHECK(found_phrase(e->subject->description, k) == "");
      CHECK(found_phrase(e->klass->description, k) == "");
      ++checked;
    }
  }
  CHECK(checked == 3 * 81);
}

TEST_CASE("details that contradict their class: 4.1.5, 2.1.1, 2.1.5") {
  const auto transient_valid = smtpcodes::explain(esc(4, 1, 5));
  REQUIRE(transient_valid);
  CHECK(transient_valid->contradicts_class());
  CHECK(transient_valid->description().find("Success") == std::string_view::npos);
  CHECK(transient_valid->label() == "Destination address valid");  // the registry's label stays
  const auto ok_unknown = smtpcodes::explain(esc(2, 1, 1));
  REQUIRE(ok_unknown);
  CHECK(ok_unknown->contradicts_class());
  CHECK(ok_unknown->description().find("does not exist") == std::string_view::npos);
  const auto ok_valid = smtpcodes::explain(esc(2, 1, 5));
  REQUIRE(ok_valid);
  CHECK_FALSE(ok_valid->contradicts_class());
  CHECK(ok_valid->description().find("wrong") == std::string_view::npos);
  CHECK(ok_valid->description() == smtpcodes::lookup(esc(2, 1, 5))->description);
  const auto bad_user = smtpcodes::explain(esc(5, 1, 1));
  REQUIRE(bad_user);
  CHECK_FALSE(bad_user->contradicts_class());
  CHECK(bad_user->description() == smtpcodes::lookup(esc(5, 1, 1))->description);
}

TEST_CASE("4.7.1 is mostly greylisting or a temporary policy deferral") {
  const auto e = smtpcodes::explain(esc(4, 7, 1));
  REQUIRE(e);
  CHECK(e->when().find("greylisting") != std::string_view::npos);
  CHECK(e->fix().find("4.7.1") != std::string_view::npos);
}
