// Tests for bounce_reason.hpp: the table is indexed by the enum, names are unique and lower
// case, the hard-bounce rule, every text present, to_string and parse_bounce_reason.
// (Each header compiling alone is checked by compiling it first in a file of its own.)
#include <doctest/doctest.h>

#include <cstddef>
#include <set>
#include <smtpcodes/bounce_reason.hpp>
#include <string>

using smtpcodes::bounce_actor;
using smtpcodes::bounce_reason;
using smtpcodes::bounce_reason_count;
using smtpcodes::bounce_reason_table;
using smtpcodes::bounce_retry;
using smtpcodes::parse_bounce_reason;
using smtpcodes::reason_info;
using smtpcodes::to_string;

// Usable at compile time.
static_assert(to_string(bounce_reason::userunknown) == "userunknown");
static_assert(reason_info(bounce_reason::mailboxfull).reason == bounce_reason::mailboxfull);
static_assert(reason_info(bounce_reason::userunknown).hard);
static_assert(!reason_info(bounce_reason::suspend).hard);
static_assert(parse_bounce_reason("MailboxFull") == bounce_reason::mailboxfull);
static_assert(!parse_bounce_reason("mailbox full"));
static_assert(to_string(bounce_retry::never) == "never");
static_assert(to_string(bounce_actor::sender_ops) == "sender_ops");

namespace {

// Sentences in a text: ". " boundaries plus the final one.
std::size_t sentences(std::string_view s) {
  std::size_t n = 0;
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == ';') && s[i + 1] == ' ' && i > 0 && s[i - 1] != '.' &&
        !(i >= 2 && s[i - 2] == ' ' && s[i - 1] == 'e'))
      ++n;
  }
  return n + 1;
}

}  // namespace

TEST_CASE("the table has one row per reason, in enum order") {
  CHECK(sizeof(bounce_reason_table) / sizeof(bounce_reason_table[0]) == bounce_reason_count);
  CHECK(bounce_reason_count == 36);
  for (std::size_t i = 0; i < bounce_reason_count; ++i) {
    const auto r = static_cast<bounce_reason>(i);
    CHECK(static_cast<std::size_t>(bounce_reason_table[i].reason) == i);
    CHECK(&reason_info(r) == &bounce_reason_table[i]);
  }
  CHECK(to_string(bounce_reason::undefined) == "undefined");
  CHECK(to_string(bounce_reason::feedback) == "feedback");
  CHECK(static_cast<int>(bounce_reason::feedback) == 35);
}

TEST_CASE("names are unique, lower case letters, and match the enumerators") {
  std::set<std::string> names;
  for (const auto& row : bounce_reason_table) {
    CHECK(!row.name.empty());
    for (const char c : row.name) CHECK((c >= 'a' && c <= 'z'));
    CHECK(names.insert(std::string(row.name)).second);
  }
  CHECK(names.size() == bounce_reason_count);
  CHECK(to_string(bounce_reason::mesgtoobig) == "mesgtoobig");
  CHECK(to_string(bounce_reason::notcompliantrfc) == "notcompliantrfc");
  CHECK(to_string(bounce_reason::toomanyconn) == "toomanyconn");
}

TEST_CASE("hard exactly for userunknown, hostunknown, hasmoved, notaccept") {
  std::size_t hard = 0;
  for (const auto& row : bounce_reason_table) {
    const bool expected =
        row.reason == bounce_reason::userunknown || row.reason == bounce_reason::hostunknown ||
        row.reason == bounce_reason::hasmoved || row.reason == bounce_reason::notaccept;
    CHECK_MESSAGE(row.hard == expected, row.name);
    // never goes with hard and only with hard.
    CHECK_MESSAGE((row.retry == bounce_retry::never) == row.hard, row.name);
    hard += row.hard ? 1 : 0;
  }
  CHECK(hard == 4);
  // Reputation, policy and content reasons are soft however the reply reads.
  for (const bounce_reason r :
       {bounce_reason::blocked, bounce_reason::badreputation, bounce_reason::spamdetected,
        bounce_reason::policyviolation, bounce_reason::contenterror, bounce_reason::authfailure,
        bounce_reason::requireptr, bounce_reason::rejected, bounce_reason::mailboxfull,
        bounce_reason::suspend}) {
    CHECK_MESSAGE(!reason_info(r).hard, to_string(r));
  }
}

TEST_CASE("not_applicable and actor none exactly for outcomes that are not failures") {
  for (const auto& row : bounce_reason_table) {
    const bool outcome = row.reason == bounce_reason::delivered ||
                         row.reason == bounce_reason::vacation ||
                         row.reason == bounce_reason::feedback;
    CHECK_MESSAGE((row.retry == bounce_retry::not_applicable) == outcome, row.name);
    CHECK_MESSAGE((row.actor == bounce_actor::none) == outcome, row.name);
  }
  CHECK(reason_info(bounce_reason::networkerror).retry == bounce_retry::retry_with_backoff);
  CHECK(reason_info(bounce_reason::suspend).retry == bounce_retry::retry_after_fix);
  CHECK(reason_info(bounce_reason::suspend).actor == bounce_actor::recipient);
  CHECK(reason_info(bounce_reason::blocked).actor == bounce_actor::sender_ops);
  CHECK(reason_info(bounce_reason::userunknown).actor == bounce_actor::sender);
}

TEST_CASE("every row has a description, a when and a fix of one to three sentences") {
  for (const auto& row : bounce_reason_table) {
    for (const std::string_view text : {row.description, row.when, row.fix}) {
      CHECK_MESSAGE(!text.empty(), row.name);
      CHECK_MESSAGE(text.size() < 400, row.name);
      CHECK_MESSAGE(sentences(text) <= 3, row.name << ": " << text);
      CHECK_MESSAGE((text.back() == '.' || text.back() == ')' || text.back() == '"'), row.name);
    }
    CHECK(row.description != row.fix);
  }
}

TEST_CASE("parse_bounce_reason reads every name in any case and nothing else") {
  for (const auto& row : bounce_reason_table) {
    CHECK(parse_bounce_reason(row.name) == row.reason);
    std::string upper(row.name);
    for (char& c : upper) c = static_cast<char>(c - 'a' + 'A');
    CHECK(parse_bounce_reason(upper) == row.reason);
  }
  CHECK(parse_bounce_reason("UserUnknown") == bounce_reason::userunknown);
  CHECK(!parse_bounce_reason(""));
  CHECK(!parse_bounce_reason("user unknown"));
  CHECK(!parse_bounce_reason("userunknown "));
  CHECK(!parse_bounce_reason("userunknow"));
  CHECK(!parse_bounce_reason("hard"));
}

TEST_CASE("to_string of retry advice and actors") {
  CHECK(to_string(bounce_retry::retry_with_backoff) == "retry_with_backoff");
  CHECK(to_string(bounce_retry::retry_after_fix) == "retry_after_fix");
  CHECK(to_string(bounce_retry::never) == "never");
  CHECK(to_string(bounce_retry::not_applicable) == "not_applicable");
  CHECK(to_string(bounce_actor::none) == "none");
  CHECK(to_string(bounce_actor::sender) == "sender");
  CHECK(to_string(bounce_actor::sender_ops) == "sender_ops");
  CHECK(to_string(bounce_actor::recipient) == "recipient");
  CHECK(to_string(bounce_actor::unknown) == "unknown");
  // Values outside the enums.
  CHECK(to_string(static_cast<bounce_retry>(200)).empty());
  CHECK(to_string(static_cast<bounce_actor>(200)).empty());
  CHECK(to_string(static_cast<bounce_reason>(200)) == "undefined");
  CHECK(reason_info(static_cast<bounce_reason>(36)).reason == bounce_reason::undefined);
}
