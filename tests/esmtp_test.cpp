// Tests for esmtp.hpp: the table of registered MAIL and RCPT parameters, and the lazy parameter
// sequence.
#include <doctest/doctest.h>

#include <smtpcodes/command.hpp>
#include <smtpcodes/esmtp.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "command_error_of.hpp"

using smtpcodes::parse_command;
namespace detail = smtpcodes::detail;

namespace {

// The row of `keyword`, or param_row_count.
constexpr std::size_t row_of(std::string_view keyword) {
  for (std::size_t i = 0; i < detail::param_row_count; ++i) {
    if (detail::param_rows[i].keyword == keyword) return i;
  }
  return detail::param_row_count;
}

}  // namespace

TEST_CASE("the parameter table: one row per registered parameter, on its commands") {
  static_assert(detail::param_row_count == 14);
  static_assert(detail::param_rows_well_formed());
  const std::pair<const char*, std::uint8_t> expected[] = {
      {"SIZE", detail::on_mail},       {"BODY", detail::on_mail},
      {"SMTPUTF8", detail::on_mail},   {"RET", detail::on_mail},
      {"ENVID", detail::on_mail},      {"AUTH", detail::on_mail},
      {"BY", detail::on_mail},         {"HOLDFOR", detail::on_mail},
      {"HOLDUNTIL", detail::on_mail},  {"MT-PRIORITY", detail::on_mail},
      {"REQUIRETLS", detail::on_mail}, {"NOTIFY", detail::on_rcpt},
      {"ORCPT", detail::on_rcpt},      {"RRVS", detail::on_rcpt},
  };
  for (const auto& e : expected) {
    const char* keyword = e.first;
    CAPTURE(keyword);
    const std::size_t row = row_of(keyword);
    REQUIRE(row < detail::param_row_count);
    CHECK(detail::param_rows[row].commands == e.second);
  }
}

TEST_CASE("every registered parameter: a good value, a bad one (with its offset), a duplicate") {
  struct example {
    const char* command;
    const char* good;
    const char* bad;
    const char* bad_error;
  };
  // MAIL parameters start at 26, RCPT parameters at 24.
  const example cases[] = {
      {"MAIL FROM:<a@example.com> ", "SIZE=10", "SIZE=1x", "bad_esmtp_parameter@31"},
      {"MAIL FROM:<a@example.com> ", "BODY=7bit", "BODY=", "bad_esmtp_parameter@31"},
      {"MAIL FROM:<a@example.com> ", "SMTPUTF8", "SMTPUTF8=1", "bad_esmtp_parameter@35"},
      {"MAIL FROM:<a@example.com> ", "RET=full", "RET=PART", "bad_esmtp_parameter@30"},
      {"MAIL FROM:<a@example.com> ", "ENVID=x+2By", "ENVID=x+2", "bad_esmtp_parameter@33"},
      {"MAIL FROM:<a@example.com> ", "AUTH=a+40b", "AUTH=a+4", "bad_esmtp_parameter@32"},
      {"MAIL FROM:<a@example.com> ", "BY=+999999999;n", "BY=1234567890;N",
       "bad_esmtp_parameter@29"},
      {"MAIL FROM:<a@example.com> ", "HOLDFOR=999999999", "HOLDFOR=1000000000",
       "bad_esmtp_parameter@34"},
      {"MAIL FROM:<a@example.com> ", "HOLDUNTIL=2026-01-01T00:00:00.5+01:00",
       "HOLDUNTIL=2026-01-01T00:00:00", "bad_esmtp_parameter@36"},
      {"MAIL FROM:<a@example.com> ", "MT-PRIORITY=+9", "MT-PRIORITY=+", "bad_esmtp_parameter@38"},
      {"MAIL FROM:<a@example.com> ", "REQUIRETLS", "REQUIRETLS=YES", "bad_esmtp_parameter@37"},
      {"RCPT TO:<b@example.org> ", "NOTIFY=delay", "NOTIFY=DELAY,", "bad_esmtp_parameter@37"},
      {"RCPT TO:<b@example.org> ", "ORCPT=rfc822;b", "ORCPT=;b", "bad_esmtp_parameter@30"},
      {"RCPT TO:<b@example.org> ", "RRVS=2014-04-03T23:01:00Z;R", "RRVS=2014-04-03T23:01:00Z;X",
       "bad_esmtp_parameter@29"},
  };
  for (const example& e : cases) {
    const std::string good = std::string(e.command) + e.good;
    const std::string bad = std::string(e.command) + e.bad;
    CAPTURE(good);
    CHECK(error_of(good) == "ok");
    CHECK(error_of(bad) == e.bad_error);
    // The same parameter twice, in another case the second time: a duplicate, at the second.
    std::string lower = e.good;
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const std::string twice = good + " " + lower;
    CHECK(error_of(twice) ==
          "duplicate_esmtp_parameter@" +
              std::to_string(std::string(e.command).size() + std::string(e.good).size() + 1));
  }
  // ENVID: 100 octets at most (RFC 3461 §4.4).
  const std::string mail = "MAIL FROM:<a@example.com> ENVID=";
  CHECK(error_of(mail + std::string(smtpcodes::envid_limit, 'e')) == "ok");
  CHECK(error_of(mail + std::string(smtpcodes::envid_limit + 1, 'e')) == "bad_esmtp_parameter@32");
  // ORCPT's offsets point into the address.
  CHECK(error_of("RCPT TO:<b@example.org> ORCPT=rfc822;") == "bad_esmtp_parameter@37");
  CHECK(error_of("RCPT TO:<b@example.org> ORCPT=rfc822;a+zz") == "bad_esmtp_parameter@38");
}

TEST_CASE("a registered parameter on the other command is kept as an unregistered one") {
  const auto rcpt = parse_command("RCPT TO:<b@example.org> SIZE=abc BODY=9BIT SIZE=1");
  REQUIRE(rcpt.ok());
  CHECK_FALSE(rcpt.cmd.values.has_size);
  CHECK(rcpt.cmd.values.body == smtpcodes::body_type::none);
  CHECK(rcpt.cmd.params().find("SIZE").value == "abc");
  const auto mail = parse_command("MAIL FROM:<a@example.com> NOTIFY=garbage ORCPT=x NOTIFY=y");
  REQUIRE(mail.ok());
  CHECK(mail.cmd.values.notify == smtpcodes::notify_none);
  // Still syntax-checked like any parameter.
  CHECK(error_of("RCPT TO:<b@example.org> SIZE=") == "bad_esmtp_parameter@29");
}

TEST_CASE("parameters: typed in constant expressions too") {
  static_assert(parse_command("MAIL FROM:<a@b.example> MT-PRIORITY=-4").cmd.values.mt_priority ==
                -4);
  static_assert(parse_command("RCPT TO:<a@b.example> NOTIFY=NEVER").cmd.values.notify ==
                smtpcodes::notify_never);
  static_assert(parse_command("MAIL FROM:<a@b.example> SIZE=1 SIZE=2").error ==
                smtpcodes::errc::duplicate_esmtp_parameter);
}

TEST_CASE("esmtp_params: the lazy sequence, every view inside the text") {
  const std::string_view text = "A=1 B C=x=y";
  std::vector<std::string> seen;
  for (const auto& p : smtpcodes::esmtp_params(text)) {
    seen.push_back(std::string(p.keyword) + (p.has_value ? "=" + std::string(p.value) : ""));
  }
  CHECK(seen == std::vector<std::string>{"A=1", "B", "C=x=y"});
  CHECK(smtpcodes::esmtp_params(text).find("b").keyword == "B");
  CHECK(smtpcodes::esmtp_params().empty());
}

namespace {

// iequals_folded for one of the words below (N, a template argument, is the word's size).
bool folded_equal(std::string_view s, std::string_view word) {
  switch (word.size()) {
    case 3:
      return detail::iequals_folded(s, detail::folded_word<3>(word));
    case 5:
      return detail::iequals_folded(s, detail::folded_word<5>(word));
    case 6:
      return detail::iequals_folded(s, detail::folded_word<6>(word));
    case 8:
      return detail::iequals_folded(s, detail::folded_word<8>(word));
    case 10:
      return detail::iequals_folded(s, detail::folded_word<10>(word));
    case 11:
      return detail::iequals_folded(s, detail::folded_word<11>(word));
    default:
      FAIL("no instantiation for this size");
      return false;
  }
}

}  // namespace

TEST_CASE("word compares ignoring case: the same answer as iequals for every octet anywhere") {
  // The keywords, verbs and values the parsers compare a word at a time, with letters, digits,
  // "-" and ":" (the case bit would make "-" into "\r" and ":" into "\x1A" if it were applied
  // to them), one word over 8 octets in each of its two words.
  constexpr detail::folded_word from{"FROM:"};
  static_assert(from.size == 5);
  static_assert(detail::iequals_folded("fRoM:", from));
  static_assert(!detail::iequals_folded("FROM;", from));
  static_assert(!detail::iequals_prefix("TO", detail::folded_word{"TO:"}));
  for (const std::string_view word :
       {"TO:", "FROM:", "NOTIFY", "8BITMIME", "STARTTLS", "BINARYMIME", "MT-PRIORITY"}) {
    CAPTURE(word);
    // Every case mix of the word's letters matches.
    for (unsigned mix = 0; mix < (1U << word.size()); ++mix) {
      std::string s(word);
      for (std::size_t i = 0; i < s.size(); ++i) {
        if ((mix >> i & 1U) != 0) s[i] = detail::to_lower_ascii(s[i]);
      }
      CHECK(folded_equal(s, word));
    }
    // Any one octet changed: folded_equal says what the octet-by-octet iequals says.
    for (std::size_t at = 0; at < word.size(); ++at) {
      for (unsigned octet = 0; octet < 256; ++octet) {
        std::string s(word);
        s[at] = static_cast<char>(octet);
        CAPTURE(at);
        CAPTURE(octet);
        CHECK(folded_equal(s, word) == detail::iequals(s, word));
      }
    }
    // Shorter and longer strings never match; a longer one still starts with the word.
    const std::string longer = std::string(word) + "X";
    CHECK_FALSE(folded_equal(word.substr(0, word.size() - 1), word));
    CHECK_FALSE(folded_equal(longer, word));
  }
  CHECK(detail::iequals_prefix("from:<a@b>", from));
  CHECK_FALSE(detail::iequals_prefix("from", from));
}
