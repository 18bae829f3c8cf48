// bounce.hpp: every recipient of the real Postfix and Exim bounces in tests/corpus/bounces
// (made by tests/bounces/make_corpus.sh) gets the action, status, reply code, reason and hard
// flag expected.tsv records; the documented provider replies of tests/corpus/provider_replies.txt
// are classified at least as well as when the figure in the README was taken.
#include <doctest/doctest.h>

#include <fstream>
#include <smtpcodes/bounce.hpp>
#include <sstream>
#include <string>
#include <vector>

#ifndef SMTPCODES_CORPUS_DIR
#error "SMTPCODES_CORPUS_DIR must name tests/corpus"
#endif

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream s(line);
  while (std::getline(s, field, '\t')) out.push_back(field);
  if (!line.empty() && line.back() == '\t') out.emplace_back();
  return out;
}

struct parsed {
  std::string message;
  std::vector<char> scratch;
  smtpcodes::dsn_result dsn;
};

void parse_into(parsed& p, const std::string& path) {
  p.message = read_file(path);
  p.scratch.assign(p.message.size() + 1, '\0');
  p.dsn = smtpcodes::parse_dsn(p.message, p.scratch.data(), p.scratch.size());
}

}  // namespace

TEST_CASE("every recipient of the real Postfix and Exim bounces reads as expected.tsv says") {
  const std::string dir = std::string(SMTPCODES_CORPUS_DIR) + "/bounces/";
  std::ifstream tsv(dir + "expected.tsv");
  REQUIRE(tsv.good());
  std::string line;
  std::size_t rows = 0;
  std::size_t right = 0;
  bool header = true;
  while (std::getline(tsv, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {
      header = false;  // file recipient action status reply_code reason hard diagnostic_code
      continue;
    }
    const std::vector<std::string> f = split_tabs(line);
    REQUIRE(f.size() >= 7);
    ++rows;
    parsed p;
    parse_into(p, dir + f[0]);
    REQUIRE_MESSAGE(p.dsn.ok(), f[0] << ": " << smtpcodes::to_string(p.dsn.error));
    CHECK_MESSAGE(p.dsn.kind == smtpcodes::message_kind::dsn, f[0]);
    bool seen = false;
    (void)smtpcodes::for_each_bounced_recipient(p.dsn, [&](const smtpcodes::bounced_recipient& r) {
      if (r.recipient != f[1]) return;
      seen = true;
      INFO(f[0] << " " << f[1]);
      CHECK(r.action_text == f[2]);
      CHECK(std::string(smtpcodes::to_text(*r.status).view()) == f[3]);
      if (f[4].empty()) {
        CHECK(!r.reply.code);
      } else {
        REQUIRE(r.reply.code);
        CHECK(std::to_string(r.reply.code->value()) == f[4]);
      }
      const bool ok =
          smtpcodes::to_string(r.verdict.reason) == f[5] && r.verdict.hard == (f[6] == "true");
      CHECK_MESSAGE(ok, "reason " << smtpcodes::to_string(r.verdict.reason) << " hard "
                                  << r.verdict.hard << ", expected " << f[5] << " " << f[6]);
      if (ok) ++right;
    });
    CHECK_MESSAGE(seen, f[0] << " has no recipient " << f[1]);
  }
  CHECK(rows == 23);
  CHECK(right == rows);
  MESSAGE("real bounces: " << right << " of " << rows << " recipients right");
}

TEST_CASE("the documented provider replies are classified at least as well as published") {
  std::ifstream in(std::string(SMTPCODES_CORPUS_DIR) + "/provider_replies.txt");
  REQUIRE(in.good());
  std::string line;
  std::size_t n = 0;
  std::size_t reasons = 0;
  std::size_t hards = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = split_tabs(line);
    REQUIRE(f.size() >= 4);
    const smtpcodes::found_reply found = smtpcodes::find_reply(f[3]);
    const smtpcodes::classification c = smtpcodes::classify(found);
    ++n;
    if (smtpcodes::to_string(c.reason) == f[0]) ++reasons;
    if (c.hard == (f[1] == "true")) ++hards;
  }
  MESSAGE("provider replies: " << reasons << " of " << n << " reasons, " << hards
                               << " hard/soft right");
  // The README's figures (2026-12-02): 66 of 76 reasons, 75 of 76 hard/soft.
  CHECK(n == 76);
  CHECK(reasons >= 66);
  CHECK(hards >= 75);
}

TEST_CASE("the address named before a reply in a bounce without a report") {
  using smtpcodes::detail::bounce_address_before;
  const std::string_view postfix =
      "<bob@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1 User unknown";
  CHECK(bounce_address_before(postfix, postfix.find("550")) == "bob@example.org");
  const std::string_view exim =
      "  carol@example.net\n    host mx.example.net [192.0.2.2]\n    SMTP error: 550 no";
  CHECK(bounce_address_before(exim, exim.find("550")) == "carol@example.net");
  // A full stop after the address is the sentence's; an address after the reply is not taken.
  const std::string_view dot = "Mail to dave@example.com. failed: 552 full; see x@example.org";
  CHECK(bounce_address_before(dot, dot.find("552")) == "dave@example.com");
  CHECK(bounce_address_before("no address: 550 no", 12).empty());
  CHECK(bounce_address_before("user@localhost said 550", 20).empty());  // no dot in the domain
}

TEST_CASE("an abuse report is feedback, an automatic reply vacation, a plain bounce its reply") {
  const std::string dir = std::string(SMTPCODES_CORPUS_DIR) + "/dsn/";
  std::size_t kinds_seen = 0;
  for (const char* name : {"arf.eml", "vacation.eml", "postfix_plain.eml"}) {
    parsed p;
    parse_into(p, dir + name);
    REQUIRE(p.dsn.ok());
    const smtpcodes::bounced_recipient r = smtpcodes::read_message(p.dsn);
    INFO(name);
    if (p.dsn.kind == smtpcodes::message_kind::feedback_report) {
      CHECK(r.verdict.reason == smtpcodes::bounce_reason::feedback);
      CHECK_FALSE(r.verdict.hard);
      ++kinds_seen;
    } else if (p.dsn.kind == smtpcodes::message_kind::auto_reply) {
      CHECK(r.verdict.reason == smtpcodes::bounce_reason::vacation);
      CHECK(!r.recipient.empty());
      CHECK_FALSE(r.verdict.hard);
      ++kinds_seen;
    } else if (p.dsn.kind == smtpcodes::message_kind::non_standard_bounce) {
      CHECK(r.reply.found);
      CHECK(!r.recipient.empty());
      CHECK(r.verdict.reason != smtpcodes::bounce_reason::undefined);
      ++kinds_seen;
    }
  }
  CHECK(kinds_seen == 3);
}

TEST_CASE("a delayed recipient is never a hard bounce; delivered is delivered") {
  const std::string message =
      "From: MAILER-DAEMON@mx.example.org\r\n"
      "To: alice@example.com\r\n"
      "Subject: Delivery delayed\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n"
      "\r\n"
      "--b\r\n"
      "Content-Type: text/plain\r\n"
      "\r\n"
      "Still trying.\r\n"
      "--b\r\n"
      "Content-Type: message/delivery-status\r\n"
      "\r\n"
      "Reporting-MTA: dns; mx.example.org\r\n"
      "\r\n"
      "Final-Recipient: rfc822; bob@example.net\r\n"
      "Action: delayed\r\n"
      "Status: 4.1.1\r\n"
      "Diagnostic-Code: smtp; 450 4.1.1 <bob@example.net>: User unknown\r\n"
      "\r\n"
      "Final-Recipient: rfc822; carol@example.net\r\n"
      "Action: delivered\r\n"
      "Status: 2.0.0\r\n"
      "\r\n"
      "Final-Recipient: rfc822; dave@example.net\r\n"
      "Action: failed\r\n"
      "Status: 5.0.0\r\n"
      "Diagnostic-Code: smtp; 550 5.1.1 <dave@example.net>: User unknown\r\n"
      "--b--\r\n";
  char scratch[64];
  const smtpcodes::dsn_result d = smtpcodes::parse_dsn(message, scratch, sizeof scratch);
  REQUIRE(d.ok());
  std::vector<smtpcodes::bounced_recipient> got;
  CHECK(smtpcodes::for_each_bounced_recipient(
            d, [&](const smtpcodes::bounced_recipient& r) { got.push_back(r); }) == 3);
  REQUIRE(got.size() == 3);
  CHECK(got[0].recipient == "bob@example.net");
  CHECK(got[0].verdict.reason == smtpcodes::bounce_reason::userunknown);
  CHECK_FALSE(got[0].verdict.hard);
  CHECK(got[1].verdict.reason == smtpcodes::bounce_reason::delivered);
  CHECK(got[1].verdict.evidence == smtpcodes::classify_evidence::message);
  // The reply's own 5.1.1 is classified, not the generic Status 5.0.0.
  CHECK(got[2].verdict.reason == smtpcodes::bounce_reason::userunknown);
  CHECK(got[2].verdict.hard);
  CHECK(got[2].status == smtpcodes::enhanced_status{5, 0, 0});
  // Every view lies inside the message.
  for (const auto& r : got) {
    for (std::string_view v : {r.recipient, r.diagnostic, r.action_text, r.remote_mta}) {
      CHECK(v.data() >= message.data());
      CHECK(v.data() + v.size() <= message.data() + message.size());
    }
  }
}
