// Tests for dsn.hpp: the hand-made bounces in tests/corpus/dsn (one per MTA or provider shape,
// encodings, RFC 6533, ARF, auto-replies, plain-text bounces), every error with its offset, the
// leniencies, the views-inside rule (message or scratch) on every sample at every truncation,
// LF and CRLF agreement, and no allocation (a counting operator new).
// The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <new>
#include <smtpcodes/dsn.hpp>
#include <sstream>
#include <string>
#include <vector>

using smtpcodes::dsn_action;
using smtpcodes::dsn_options;
using smtpcodes::dsn_recipient;
using smtpcodes::dsn_result;
using smtpcodes::errc;
using smtpcodes::message_kind;
using smtpcodes::parse_dsn;

namespace {
std::size_t allocations = 0;
}  // namespace

void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

const char* const samples[] = {
    "postfix.eml",     "exim.eml",          "sendmail.eml",   "exchange.eml",
    "gmail.eml",       "yahoo.eml",         "qp_status.eml",  "base64_status.eml",
    "global.eml",      "multi_rcpt.eml",    "arf.eml",        "vacation.eml",
    "x_autoreply.eml", "postfix_plain.eml", "not_bounce.eml", "mixed_wrapper.eml",
};

std::string load(const std::string& name) {
  std::ifstream in(SMTPCODES_CORPUS_DIR "/dsn/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string to_lf(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    out += s[i];
  }
  return out;
}

std::string to_crlf(const std::string& s) {
  std::string out;
  const std::string lf = to_lf(s);
  for (const char c : lf) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

bool inside(std::string_view v, std::string_view area) {
  const auto lo = reinterpret_cast<std::uintptr_t>(area.data());
  const auto at = reinterpret_cast<std::uintptr_t>(v.data());
  return area.data() != nullptr && at >= lo && at - lo <= area.size() &&
         v.size() <= area.size() - (at - lo);
}

// Counts views that lie neither in the message nor in the used scratch (empty views too:
// they must point somewhere inside).
struct view_checker {
  std::string_view message;
  std::string_view scratch;
  std::size_t outside = 0;
  void operator()(std::string_view v) {
    if (!inside(v, message) && !inside(v, scratch)) ++outside;
  }
  void typed(const smtpcodes::dsn_typed_field& f) {
    (*this)(f.type);
    (*this)(f.value);
    (*this)(f.raw);
  }
};

// Checks every view of `r` and of each recipient; returns the recipients walked.
std::size_t check_views(const dsn_result& r, std::string_view message, const char* scratch) {
  view_checker c{message, std::string_view(scratch, scratch ? r.scratch_used : 0)};
  if (scratch == nullptr) c.scratch = message.substr(0, 0);
  for (const std::string_view v : {r.content_type,
                                   r.report_type,
                                   r.from,
                                   r.subject,
                                   r.auto_submitted,
                                   r.arrival_date,
                                   r.original_envelope_id,
                                   r.status_part,
                                   r.recipients_text,
                                   r.human_text,
                                   r.human_charset,
                                   r.returned,
                                   r.returned_type,
                                   r.feedback.feedback_type,
                                   r.feedback.user_agent,
                                   r.feedback.version,
                                   r.feedback.original_mail_from,
                                   r.feedback.original_rcpt_to,
                                   r.feedback.source_ip,
                                   r.feedback.reported_domain,
                                   r.feedback.arrival_date}) {
    c(v);
  }
  c.typed(r.reporting_mta);
  c.typed(r.dsn_gateway);
  c.typed(r.received_from_mta);
  CHECK(r.offset <= message.size());
  CHECK(r.scratch_used <= r.scratch_needed);
  std::size_t n = 0;
  if (r.ok()) {
    if (r.kind == message_kind::dsn) CHECK(inside(r.recipients_text, r.status_part));
    for (const dsn_recipient& x : r.recipients()) {
      ++n;
      c.typed(x.final_recipient);
      c.typed(x.original_recipient);
      c.typed(x.remote_mta);
      c.typed(x.diagnostic_code);
      for (const std::string_view v :
           {x.action_text, x.status_text, x.last_attempt_date, x.final_log_id, x.will_retry_until,
            x.raw, x.reply.text, x.reply.match, x.reply.marker}) {
        c(v);
      }
      CHECK(inside(x.raw, r.recipients_text));
    }
    CHECK(n == r.recipient_count);
  }
  CHECK(c.outside == 0);
  return n;
}

struct parsed {
  std::string message;
  std::vector<char> scratch;
  dsn_result r;
};

parsed parse_file(const std::string& name, const dsn_options& options = {}) {
  parsed p;
  p.message = load(name);
  p.scratch.assign(p.message.size() + 1, '\0');
  p.r = parse_dsn(p.message, p.scratch.data(), p.scratch.size(), options);
  check_views(p.r, p.message, p.scratch.data());
  return p;
}

dsn_result parse_text(std::string_view m, const dsn_options& options = {}) {
  static char scratch[8192];
  const dsn_result r = parse_dsn(m, scratch, sizeof scratch, options);
  check_views(r, m, scratch);
  return r;
}

dsn_recipient nth(const dsn_result& r, std::size_t i) {
  std::size_t k = 0;
  for (const dsn_recipient& x : r.recipients()) {
    if (k++ == i) return x;
  }
  FAIL("no recipient " << i);
  return dsn_recipient{};
}

std::string status_of(const dsn_recipient& x) {
  return x.status ? std::string(smtpcodes::to_text(*x.status).view()) : std::string("none");
}

bool is_in(std::string_view v, const std::vector<char>& buf) {
  return inside(v, std::string_view(buf.data(), buf.size()));
}

// A minimal report around a status part, for the error tests.
std::string report(const std::string& status, const std::string& status_headers = "") {
  return "From: MAILER-DAEMON@mx.example\n"
         "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n"
         "\n"
         "--b\n"
         "Content-Type: text/plain\n"
         "\n"
         "Sorry.\n"
         "--b\n"
         "Content-Type: message/delivery-status\n" +
         status_headers + "\n" + status + "\n--b--\n";
}

const std::string good_status =
    "Reporting-MTA: dns; mx.example\n"
    "\n"
    "Final-Recipient: rfc822; a@example.org\n"
    "Action: failed\n"
    "Status: 5.1.1\n";

}  // namespace

TEST_CASE("Postfix: notification, status with Postfix's own fields, folded diagnostic") {
  const parsed p = parse_file("postfix.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.kind == message_kind::dsn);
  CHECK(!r.global);
  CHECK(r.report_type == "delivery-status");
  CHECK(r.subject == "Undelivered Mail Returned to Sender");
  CHECK(r.auto_submitted == "auto-replied");
  CHECK(r.reporting_mta.type == "dns");
  CHECK(r.reporting_mta.value == "mx.example.com");
  CHECK(r.arrival_date == "Tue,  1 Dec 2026 10:15:01 +0000 (UTC)");
  CHECK(!r.dsn_gateway.present);
  CHECK(r.recipient_count == 1);
  CHECK(r.scratch_used == 0);  // nothing encoded: every view is in the message
  CHECK(r.human_text.substr(0, 48) == "This is the mail system at host mx.example.com.\r");
  CHECK(r.human_charset == "us-ascii");
  CHECK(r.returned_type == "text/rfc822-headers");
  CHECK(r.returned.substr(0, 34) == "Return-Path: <sender@example.com>\r");
  const dsn_recipient x = nth(r, 0);
  CHECK(x.final_recipient.type == "rfc822");
  CHECK(x.final_recipient.value == "nobody@example.org");
  CHECK(x.original_recipient.value == "nobody@example.org");  // "rfc822;addr", no space
  CHECK(x.action == dsn_action::failed);
  CHECK(status_of(x) == "5.1.1");
  CHECK(x.remote_mta.value == "mx1.example.org");
  CHECK(x.diagnostic_code.type == "smtp");
  CHECK(x.diagnostic_code.value ==
        "550 5.1.1 <nobody@example.org>: Recipient address\r\n"
        "    rejected: User unknown in local recipient table");
  REQUIRE(x.reply.code);
  CHECK(x.reply.code->value() == 550);
  REQUIRE(x.reply.enhanced);
  CHECK(*x.reply.enhanced == smtpcodes::enhanced_status{5, 1, 1});
  CHECK(x.reply.text == "<nobody@example.org>: Recipient address");
}

TEST_CASE("Exim: LF-only file, unquoted boundary, Action before Final-Recipient") {
  const parsed p = parse_file("exim.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(p.message.find('\r') == std::string::npos);
  CHECK(r.kind == message_kind::dsn);
  CHECK(r.reporting_mta.value == "mail.example.com");
  CHECK(r.returned_type == "message/rfc822");
  CHECK(r.returned.substr(0, 12) == "Return-path:");
  const dsn_recipient x = nth(r, 0);
  CHECK(x.final_recipient.value == "someone@example.net");
  CHECK(status_of(x) == "5.0.0");
  CHECK(x.remote_mta.value == "mx.example.net");
  REQUIRE(x.reply.code);
  CHECK(x.reply.code->value() == 550);
  CHECK(x.reply.text == "<someone@example.net>: mailbox unavailable");
}

TEST_CASE("Sendmail: first part without Content-Type is text/plain, upper-case types") {
  const parsed p = parse_file("sendmail.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.kind == message_kind::dsn);
  CHECK(r.human_text.substr(0, 26) == "The original message was r");
  CHECK(r.received_from_mta.type == "DNS");
  CHECK(r.received_from_mta.value == "client.example.com");
  CHECK(r.arrival_date == "Tue, 1 Dec 2026 12:30:03 GMT");
  const dsn_recipient x = nth(r, 0);
  CHECK(x.final_recipient.type == "RFC822");
  CHECK(x.diagnostic_code.type == "SMTP");
  CHECK(x.last_attempt_date == "Tue, 1 Dec 2026 12:30:05 GMT");
  REQUIRE(x.reply.code);
  CHECK(x.reply.code->value() == 550);
}

TEST_CASE("Microsoft 365: multipart/alternative human part in quoted-printable, X.1.10") {
  const parsed p = parse_file("exchange.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.kind == message_kind::dsn);
  CHECK(r.human_charset == "utf-8");
  // Decoded into the scratch: the soft break is gone, =E2=80=99 is U+2019.
  CHECK(is_in(r.human_text, p.scratch));
  CHECK(r.human_text.find("couldn\xE2\x80\x99t be delivered") != std::string_view::npos);
  CHECK(r.human_text.find("Recipient not found by SMTP") != std::string_view::npos);
  CHECK(r.scratch_used == r.human_text.size());
  CHECK(r.reporting_mta.value == "AM0PR01MB1234.eurprd01.prod.outlook.example");
  const dsn_recipient x = nth(r, 0);
  CHECK(status_of(x) == "5.1.10");
  CHECK(x.diagnostic_code.type == "smtp");
  REQUIRE(x.reply.code);
  CHECK(x.reply.code->value() == 550);
  REQUIRE(x.reply.enhanced);
  CHECK(*x.reply.enhanced == smtpcodes::enhanced_status{5, 1, 10});
}

TEST_CASE("Gmail: report > related > alternative, parameters in another order, folded MTA") {
  const parsed p = parse_file("gmail.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.kind == message_kind::dsn);
  CHECK(r.report_type == "delivery-status");
  CHECK(r.human_text.find("** Address not found **") != std::string_view::npos);
  CHECK(r.human_text.find("<html>") == std::string_view::npos);  // text/plain preferred
  const dsn_recipient x = nth(r, 0);
  CHECK(x.remote_mta.value ==
        "mx.example.org. (192.0.2.25, the server for the domain\r\n example.org.)");
  CHECK(x.last_attempt_date == "Tue, 01 Dec 2026 05:40:12 -0800 (PST)");
  REQUIRE(x.reply.code);
  CHECK(x.reply.code->value() == 550);

  dsn_options shallow;
  shallow.max_depth = 2;
  const dsn_result deep = parse_dsn(p.message, nullptr, 0, shallow);
  CHECK(deep.error == errc::mime_too_deep);
  CHECK(deep.offset == p.message.find("Content-Type: multipart/alternative"));
}

TEST_CASE("Yahoo and plain Postfix text: a bounce without a report part") {
  for (const char* name : {"yahoo.eml", "postfix_plain.eml"}) {
    CAPTURE(name);
    const parsed p = parse_file(name);
    REQUIRE(p.r.ok());
    CHECK(p.r.kind == message_kind::non_standard_bounce);
    CHECK(p.r.recipient_count == 0);
    CHECK(p.r.recipients().begin() == p.r.recipients().end());
  }
  // The body is handed over whole, for the free-text finder.
  const parsed y = parse_file("yahoo.eml");
  CHECK(y.r.human_text.find("554: delivery error: dd Sorry") != std::string_view::npos);
  CHECK(y.r.human_text.substr(y.r.human_text.size() - 15) == "Subject: Hello\n");
  const parsed p = parse_file("postfix_plain.eml");
  const auto found = smtpcodes::find_reply(p.r.human_text);
  REQUIRE(found.code);
  CHECK(found.code->value() == 550);
  CHECK(found.command == smtpcodes::answered_command::rcpt);
}

TEST_CASE("quoted-printable status part: decoded into the scratch, fields point there") {
  const parsed p = parse_file("qp_status.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(is_in(r.status_part, p.scratch));
  CHECK(is_in(r.human_text, p.scratch));
  CHECK(r.human_text == "The mailbox is full. \r\nCaf\xE9 = closed.\r\n");  // "=20" kept
  CHECK(r.human_charset == "iso-8859-1");
  CHECK(r.scratch_used == r.scratch_needed);
  CHECK(r.scratch_used == r.status_part.size() + r.human_text.size());
  const dsn_recipient x = nth(r, 0);
  CHECK(is_in(x.final_recipient.value, p.scratch));
  CHECK(x.diagnostic_code.value == "552 5.2.2 Mailbox full; quota=100% (user over quota)");
  CHECK(status_of(x) == "5.2.2");
}

TEST_CASE("base64 status part, Original-Envelope-Id, delayed with Will-Retry-Until") {
  const parsed p = parse_file("base64_status.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(is_in(r.status_part, p.scratch));
  CHECK(r.human_text == "Delivery to b64@example.org is delayed.\r\nWe keep trying.\r\n");
  CHECK(r.original_envelope_id == "QQ314159");
  const dsn_recipient x = nth(r, 0);
  CHECK(x.action == dsn_action::delayed);
  CHECK(status_of(x) == "4.4.7");
  CHECK(x.will_retry_until == "Fri, 4 Dec 2026 16:00:00 +0000");
  REQUIRE(x.reply.code);
  CHECK(x.reply.code->value() == 451);

  SUBCASE("a scratch too small says how much is needed") {
    char small[16];
    const dsn_result s = parse_dsn(p.message, small, sizeof small);
    CHECK(s.error == errc::scratch_too_small);
    CHECK(s.scratch_needed == r.scratch_used);
    CHECK(s.offset == p.message.find("UmVw"));  // the status part's encoded body
    check_views(s, p.message, small);
    std::vector<char> exact(r.scratch_needed);
    const dsn_result e = parse_dsn(p.message, exact.data(), exact.size());
    CHECK(e.ok());
    check_views(e, p.message, exact.data());
    const dsn_result none = parse_dsn(p.message, nullptr, 0);
    CHECK(none.error == errc::scratch_too_small);
    CHECK(none.scratch_needed == r.scratch_used);
  }
}

TEST_CASE("RFC 6533 global status: UTF-8 addresses, message/global-headers returned") {
  const parsed p = parse_file("global.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.kind == message_kind::dsn);
  CHECK(r.global);
  CHECK(r.report_type == "global-delivery-status");
  CHECK(r.returned_type == "message/global-headers");
  const dsn_recipient x = nth(r, 0);
  CHECK(x.final_recipient.type == "utf-8");
  CHECK(x.final_recipient.value == "j\xC3\xB6rg@\xE4\xBE\x8B\xE3\x81\x88.jp");
  CHECK(x.reply.text == "Benutzer unbekannt: j\xC3\xB6rg");
}

TEST_CASE("three recipients, extra blank lines, comment after Status, any case of names") {
  const parsed p = parse_file("multi_rcpt.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.report_type == "delivery-status");  // quoted parameter value
  CHECK(r.dsn_gateway.value == "gateway.example.com");
  CHECK(r.received_from_mta.value == "origin.example.com");
  CHECK(r.original_envelope_id == "ENV-0001");
  REQUIRE(r.recipient_count == 3);
  const dsn_recipient a = nth(r, 0);
  const dsn_recipient b = nth(r, 1);
  const dsn_recipient c = nth(r, 2);
  CHECK(a.action == dsn_action::failed);
  CHECK(a.status_text == "5.7.1 (delivery not authorized)");
  CHECK(status_of(a) == "5.7.1");
  CHECK(a.final_log_id == "A1B2C3");
  CHECK(a.reply.code->value() == 550);
  CHECK(b.action == dsn_action::delayed);
  CHECK(b.will_retry_until == "Sat, 5 Dec 2026 17:00:00 +0000");
  CHECK(b.last_attempt_date == "Tue, 1 Dec 2026 17:05:00 +0000");
  CHECK(!b.diagnostic_code.present);
  CHECK(!b.reply.found);
  CHECK(c.final_recipient.value == "three@example.com");
  CHECK(c.action == dsn_action::delivered);  // "Delivered"
  CHECK(status_of(c) == "2.0.0");
  CHECK(c.reply.code->value() == 250);
  // The iterator reads each group once per step; a second walk gives the same.
  std::size_t n = 0;
  for (auto it = r.recipients().begin(); it != r.recipients().end(); ++it) {
    CHECK(!it->final_recipient.value.empty());
    ++n;
  }
  CHECK(n == 3);
}

TEST_CASE("ARF abuse report: feedback_report with its fields") {
  const parsed p = parse_file("arf.eml");
  const dsn_result& r = p.r;
  REQUIRE(r.ok());
  CHECK(r.kind == message_kind::feedback_report);
  CHECK(r.report_type == "feedback-report");
  CHECK(r.feedback.feedback_type == "abuse");
  CHECK(r.feedback.user_agent == "ExampleFBL/1.0");
  CHECK(r.feedback.version == "1");
  CHECK(r.feedback.original_mail_from == "<somespammer@sender.example>");
  CHECK(r.feedback.original_rcpt_to == "<user@mailbox.example>");
  CHECK(r.feedback.source_ip == "192.0.2.1");
  CHECK(r.feedback.reported_domain == "sender.example");
  CHECK(r.feedback.arrival_date == "Tue, 1 Dec 2026 17:55:00 +0000");
  CHECK(r.recipient_count == 0);
  CHECK(r.returned_type == "message/rfc822");
}

TEST_CASE("automatic replies: Auto-Submitted: auto-replied, X-Autoreply") {
  const parsed v = parse_file("vacation.eml");
  REQUIRE(v.r.ok());
  CHECK(v.r.kind == message_kind::auto_reply);
  CHECK(v.r.human_text.substr(0, 9) == "I am away");
  CHECK(v.r.human_text.find("e-mail.\r\nFor") != std::string_view::npos);  // "=0D" decoded
  const parsed x = parse_file("x_autoreply.eml");
  REQUIRE(x.r.ok());
  CHECK(x.r.kind == message_kind::auto_reply);
  const dsn_result prec = parse_text("From: a@b\nPrecedence: auto_reply\n\nAway.\n");
  CHECK(prec.kind == message_kind::auto_reply);
  const dsn_result gen = parse_text("From: a@b\nAuto-Submitted: auto-generated\n\nReport.\n");
  CHECK(gen.kind == message_kind::not_a_bounce);
}

TEST_CASE("not a bounce; a report wrapped in multipart/mixed; a DSN inside a returned message") {
  const parsed n = parse_file("not_bounce.eml");
  REQUIRE(n.r.ok());
  CHECK(n.r.kind == message_kind::not_a_bounce);
  CHECK(n.r.human_text.substr(0, 17) == "Minutes attached.");

  const parsed w = parse_file("mixed_wrapper.eml");
  REQUIRE(w.r.ok());
  CHECK(w.r.kind == message_kind::dsn);
  CHECK(w.r.content_type == "multipart/mixed; boundary=\"outer\"");
  const dsn_recipient x = nth(w.r, 0);
  CHECK(x.diagnostic_code.type == "X-Relay");
  CHECK(x.diagnostic_code.value == "no route to host");
  CHECK(!x.reply.found);

  // A forwarded bounce: the DSN lies inside message/rfc822, which is never entered.
  const std::string fwd =
      "From: someone@example.com\nSubject: Fwd: look at this\n"
      "Content-Type: multipart/mixed; boundary=\"f\"\n\n--f\nContent-Type: text/plain\n\nFYI\n"
      "--f\nContent-Type: message/rfc822\n\n" +
      to_lf(load("postfix.eml")) + "\n--f--\n";
  const dsn_result f = parse_text(fwd);
  REQUIRE(f.ok());
  CHECK(f.kind == message_kind::not_a_bounce);
  CHECK(f.human_text == "FYI");
  CHECK(f.returned_type == "message/rfc822");
}

TEST_CASE("every sample: LF and CRLF copies read the same") {
  for (const char* name : samples) {
    CAPTURE(name);
    const std::string lf = to_lf(load(name));
    const std::string crlf = to_crlf(lf);
    std::vector<char> s1(lf.size() + 1);
    std::vector<char> s2(crlf.size() + 1);
    const dsn_result a = parse_dsn(lf, s1.data(), s1.size());
    const dsn_result b = parse_dsn(crlf, s2.data(), s2.size());
    check_views(a, lf, s1.data());
    check_views(b, crlf, s2.data());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a.kind == b.kind);
    CHECK(a.recipient_count == b.recipient_count);
    CHECK(a.reporting_mta.value == b.reporting_mta.value);
    // Without any CR: vacation.eml's text holds an encoded one ("=0D").
    std::string ha(a.human_text);
    std::string hb(b.human_text);
    ha.erase(std::remove(ha.begin(), ha.end(), '\r'), ha.end());
    hb.erase(std::remove(hb.begin(), hb.end(), '\r'), hb.end());
    CHECK(ha == hb);
    auto ia = a.recipients().begin();
    auto ib = b.recipients().begin();
    for (; ia != a.recipients().end() && ib != b.recipients().end(); ++ia, ++ib) {
      CHECK(ia->final_recipient.value == ib->final_recipient.value);
      CHECK(ia->action == ib->action);
      CHECK(ia->status == ib->status);
      CHECK(ia->reply.code == ib->reply.code);
      CHECK(ia->reply.enhanced == ib->reply.enhanced);
    }
  }
}

TEST_CASE("every sample at every truncation: no view outside the message or the scratch") {
  std::size_t ok = 0;
  std::size_t failed = 0;
  for (const char* name : samples) {
    CAPTURE(name);
    const std::string m = load(name);
    for (std::size_t n = 0; n <= m.size(); ++n) {
      // Exactly n octets (one more allocated for n = 0, so the view has an address).
      std::vector<char> exact(m.begin(), m.begin() + static_cast<std::ptrdiff_t>(n));
      if (n == 0) exact.push_back('\0');
      const std::string_view cut(exact.data(), n);
      std::vector<char> scratch(n + 1);
      const dsn_result r = parse_dsn(cut, scratch.data(), scratch.size());
      check_views(r, cut, scratch.data());
      (r.ok() ? ok : failed) += 1;
      char tiny[8];
      const dsn_result t = parse_dsn(cut, tiny, sizeof tiny);
      check_views(t, cut, tiny);
      if (t.error == errc::scratch_too_small) CHECK(t.scratch_needed > sizeof tiny);
    }
  }
  // Cut samples fail (unterminated multipart, missing fields) but not all: the plain ones
  // stay valid at many lengths.
  CHECK(ok > 0);
  CHECK(failed > 0);
}

TEST_CASE("header errors with their offsets") {
  SUBCASE("a line that is no field") {
    const std::string m = "From: a@b\nthis is not a field\n\nbody\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_mime_header);
    CHECK(r.offset == 10);
    dsn_options lenient;
    lenient.accept_header_lines_without_colon = true;
    const dsn_result l = parse_text(m, lenient);
    CHECK(l.ok());
    CHECK(l.from == "a@b");
    CHECK(l.human_text == "body\n");
  }
  SUBCASE("an mbox From line left at the top, accepted only by the option") {
    const std::string m = "From sender@example.com Tue Dec  1 10:00:00 2026\nSubject: x\n\nhi\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_mime_header);
    CHECK(r.offset == 4);  // the space inside the would-be name
    dsn_options lenient;
    lenient.accept_header_lines_without_colon = true;
    CHECK(parse_text(m, lenient).ok());
  }
  SUBCASE("a continuation line before any field") {
    const dsn_result r = parse_text(" folded: x\n\nbody");
    CHECK(r.error == errc::bad_mime_header);
    CHECK(r.offset == 0);
  }
  SUBCASE("an empty field name") {
    const dsn_result r = parse_text("From: a\n: x\n\n");
    CHECK(r.error == errc::bad_mime_header);
    CHECK(r.offset == 8);
  }
  SUBCASE("a field over max_field_size") {
    dsn_options o;
    o.max_field_size = 20;
    const std::string m = "From: a\nSubject: 0123456789\n 0123456789\n\nbody";
    const dsn_result r = parse_text(m, o);
    CHECK(r.error == errc::header_too_large);
    CHECK(r.offset == 8 + 20);
    o.max_field_size = 40;
    CHECK(parse_text(m, o).ok());
  }
  SUBCASE("a header block over max_header_size") {
    dsn_options o;
    o.max_header_size = 16;
    const dsn_result r = parse_text("From: a\nTo: b\nSubject: c\nX: d\n\nbody", o);
    CHECK(r.error == errc::header_too_large);
    CHECK(r.offset == 16);
  }
  SUBCASE("no body at all is a message with an empty body") {
    const dsn_result r = parse_text("From: a@b\nSubject: hi");
    CHECK(r.ok());
    CHECK(r.subject == "hi");
    CHECK(r.human_text.empty());
  }
}

TEST_CASE("MIME structure errors with their offsets") {
  SUBCASE("Content-Type without a subtype") {
    const std::string m = "Content-Type: multipart\n\nx";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_content_type);
    CHECK(r.offset == 14 + 9);
  }
  SUBCASE("a parameter without a value, an unterminated quote") {
    const std::string m = "Content-Type: text/plain; charset\n\nx";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_content_type);
    CHECK(r.offset == m.find("\n\n"));
    const std::string q = "Content-Type: multipart/mixed; boundary=\"abc\n\nx";
    const dsn_result u = parse_text(q);
    CHECK(u.error == errc::bad_content_type);
    CHECK(u.offset == q.find("\n\n"));
  }
  SUBCASE("comments and a trailing semicolon are fine") {
    const dsn_result r =
        parse_text("Content-Type: text/plain (plain text); charset=\"utf-8\" (yes);\n\nx");
    CHECK(r.ok());
    CHECK(r.human_charset == "utf-8");
  }
  SUBCASE("multipart without a boundary") {
    const std::string m = "Content-Type: multipart/mixed; charset=x\n\n--b\n\nx\n--b--\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::missing_boundary);
    CHECK(r.offset == 14);
  }
  SUBCASE("no delimiter at all") {
    const std::string m = "Content-Type: multipart/mixed; boundary=b\n\nno parts here\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::unterminated_multipart);
    CHECK(r.offset == m.size());
  }
  SUBCASE("no close delimiter, and the leniency") {
    const std::string m =
        "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhello\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::unterminated_multipart);
    CHECK(r.offset == m.size());
    dsn_options o;
    o.accept_unterminated_multipart = true;
    const dsn_result l = parse_text(m, o);
    CHECK(l.ok());
    CHECK(l.human_text == "hello\n");
  }
  SUBCASE("a line that only starts like the boundary is content") {
    const std::string m =
        "Content-Type: multipart/mixed; boundary=b\n\n--b\n\n--bx\n--b --\nend\n--b--\n";
    const dsn_result r = parse_text(m);
    REQUIRE(r.ok());
    CHECK(r.human_text == "--bx\n--b --\nend");
  }
  SUBCASE("close delimiter with transport padding") {
    const dsn_result r =
        parse_text("Content-Type: multipart/mixed; boundary=b\n\n--b \t\n\nx\n--b--  \n");
    REQUIRE(r.ok());
    CHECK(r.human_text == "x");
  }
  SUBCASE("nesting deeper than max_depth") {
    const std::string m =
        "Content-Type: multipart/mixed; boundary=a\n\n--a\n"
        "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nx\n--b--\n--a--\n";
    dsn_options o;
    o.max_depth = 1;
    const dsn_result r = parse_text(m, o);
    CHECK(r.error == errc::mime_too_deep);
    CHECK(r.offset == m.find("Content-Type: multipart/mixed; boundary=b"));
    o.max_depth = 2;
    CHECK(parse_text(m, o).ok());
  }
  SUBCASE("max_depth 0 still stops at 64 levels (the walk recurses)") {
    std::string m;
    for (int i = 0; i < 100; ++i) {
      m += "Content-Type: multipart/mixed; boundary=a" + std::to_string(i) + "\n\n--a" +
           std::to_string(i) + "\n";
    }
    for (int i = 99; i >= 0; --i) m += "\n--a" + std::to_string(i) + "--";
    dsn_options o;
    o.max_depth = 0;
    const dsn_result r = parse_text(m, o);
    CHECK(r.error == errc::mime_too_deep);
    std::size_t at = 0;
    for (int i = 0; i < 64; ++i) at = m.find("Content-Type", at + 1);
    CHECK(r.offset == at);  // the 65th multipart
  }
  SUBCASE("delivery-status report without its status part") {
    const std::string m =
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
        "--b\n\ntext\n--b--\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::missing_status_part);
    CHECK(r.offset == m.size());
    const std::string f =
        "Content-Type: multipart/report; report-type=feedback-report; boundary=b\n\n"
        "--b\n\ntext\n--b--\nepilogue\n";
    const dsn_result g = parse_text(f);
    CHECK(g.error == errc::missing_status_part);
    CHECK(g.offset == f.size());
  }
}

TEST_CASE("transfer-encoding errors with their offsets") {
  SUBCASE("an unknown encoding") {
    const std::string m = report(good_status, "Content-Transfer-Encoding: x-uuencode\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_transfer_encoding);
    CHECK(r.offset == m.find("x-uuencode"));
  }
  SUBCASE("a stray '=' in quoted-printable") {
    const std::string m =
        report("Reporting-MTA: dns; x=ZZ\n", "Content-Transfer-Encoding: quoted-printable\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_transfer_encoding);
    CHECK(r.offset == m.find("=ZZ"));
  }
  SUBCASE("base64 cut inside a group") {
    const std::string m = report("UmVwb3J0aW5nLU1UQTog\nZ", "Content-Transfer-Encoding: base64\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_transfer_encoding);
    CHECK(r.offset == m.find("\nZ") + 1);
  }
  SUBCASE("base64 ignores octets outside the alphabet") {
    // "Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.1.1\n"
    const std::string b64 =
        "UmVwb3J0aW5nLU1UQTogZG5zOyB4CgpGaW5hbC1SZWNpcGllbnQ6IHJmYzgyMjsgYUBi\n"
        "CkFjdGlvbjogZmFpbGVkClN0YXR1czogNS4xLjEK";
    const std::string m = report(b64 + "\n*!*\n", "Content-Transfer-Encoding: BASE64\n");
    const dsn_result r = parse_text(m);
    REQUIRE(r.ok());
    CHECK(r.reporting_mta.value == "x");
    CHECK(nth(r, 0).final_recipient.value == "a@b");
  }
  SUBCASE("quoted-printable soft breaks and trailing white space") {
    const std::string m = report(
        "Reporting-MTA: dns; mx.ex=  \nample   \n\nFinal-Recipient: rfc822; a@b\nAction: fai=\r\n"
        "led\nStatus: 5.1.1\n",
        "Content-Transfer-Encoding: quoted-printable\n");
    const dsn_result r = parse_text(m);
    REQUIRE(r.ok());
    CHECK(r.reporting_mta.value == "mx.example");
    CHECK(nth(r, 0).action == dsn_action::failed);
  }
}

TEST_CASE("status field errors with their offsets, in the message and in decoded text") {
  SUBCASE("a status line that is no field") {
    const std::string m = report(good_status + "garbage line\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_dsn_field);
    CHECK(r.offset == m.find("garbage"));
    CHECK(!r.in_decoded);
  }
  SUBCASE("a malformed Status, and the leniency") {
    const std::string s =
        "Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\nAction: failed\n"
        "Status: 5.1\n";
    const std::string m = report(s);
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_dsn_field);
    CHECK(r.offset == m.find("Status: 5.1"));
    dsn_options o;
    o.accept_malformed_status = true;
    const dsn_result l = parse_text(m, o);
    REQUIRE(l.ok());
    CHECK(!nth(l, 0).status);
    CHECK(nth(l, 0).status_text == "5.1");
  }
  SUBCASE("an error inside a decoded part is placed in the decoded text") {
    const std::string m = report("Reporting-MTA: dns; x\n\nno colon=3F\n",
                                 "Content-Transfer-Encoding: quoted-printable\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::bad_dsn_field);
    CHECK(r.in_decoded);
    CHECK(r.offset == m.find("Reporting-MTA"));  // where the encoded body starts
    CHECK(r.decoded_offset == 23);
  }
  SUBCASE("a status field over max_field_size") {
    dsn_options o;
    o.max_field_size = 90;  // the report's Content-Type fits, the diagnostic does not
    const std::string m =
        report(good_status + "Diagnostic-Code: smtp; 550" + std::string(80, 'x') + "\n");
    const dsn_result r = parse_text(m, o);
    CHECK(r.error == errc::header_too_large);
    CHECK(r.offset == m.find("Diagnostic-Code") + 90);
  }
}

TEST_CASE("missing required fields with their offsets, and accept_missing_fields") {
  SUBCASE("no Reporting-MTA") {
    const std::string m = report(
        "Arrival-Date: x\n\nFinal-Recipient: rfc822; a@b\n"
        "Action: failed\nStatus: 5.1.1\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::missing_dsn_field);
    CHECK(r.offset == m.find("Arrival-Date"));
    dsn_options o;
    o.accept_missing_fields = true;
    const dsn_result l = parse_text(m, o);
    REQUIRE(l.ok());
    CHECK(l.recipient_count == 1);
    CHECK(!l.reporting_mta.present);
  }
  SUBCASE("a group without Action") {
    const std::string m = report(
        "Reporting-MTA: dns; x\n\nFinal-Recipient: rfc822; a@b\n"
        "Status: 5.1.1\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::missing_dsn_field);
    CHECK(r.offset == m.find("Final-Recipient"));
    dsn_options o;
    o.accept_missing_fields = true;
    const dsn_result l = parse_text(m, o);
    REQUIRE(l.ok());
    CHECK(nth(l, 0).action == dsn_action::unknown);
    CHECK(nth(l, 0).action_text.empty());
  }
  SUBCASE("no recipient group") {
    const std::string m = report("Reporting-MTA: dns; x\n");
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::missing_dsn_field);
    CHECK(r.offset == m.find("Reporting-MTA") + 22);  // the end of the status part
  }
  SUBCASE("one group holding everything, read as a recipient only when lenient") {
    const std::string m = report(
        "Reporting-MTA: dns; x\nFinal-Recipient: rfc822; a@b\n"
        "Action: failed\nStatus: 5.1.1\n");
    CHECK(parse_text(m).error == errc::missing_dsn_field);
    dsn_options o;
    o.accept_missing_fields = true;
    const dsn_result l = parse_text(m, o);
    REQUIRE(l.ok());
    CHECK(l.reporting_mta.value == "x");
    CHECK(l.recipient_count == 1);
    CHECK(nth(l, 0).final_recipient.value == "a@b");
  }
  SUBCASE("a feedback report without Feedback-Type") {
    const std::string m =
        "Content-Type: multipart/report; report-type=feedback-report; boundary=b\n\n"
        "--b\n\ntext\n--b\nContent-Type: message/feedback-report\n\nUser-Agent: x\nVersion: 1\n"
        "--b--\n";
    const dsn_result r = parse_text(m);
    CHECK(r.error == errc::missing_dsn_field);
    CHECK(r.offset == m.find("Version: 1") + 10);
  }
}

TEST_CASE("field content leniencies: typed fields without a type, unknown actions") {
  const std::string m = report(
      "Reporting-MTA: mx.example\n\nFinal-Recipient: a@b\nAction: bounced\nStatus: 5.0.0 \n"
      "X-Unknown: whatever\nDiagnostic-Code: smtp;\n");
  const dsn_result r = parse_text(m);
  REQUIRE(r.ok());
  CHECK(r.reporting_mta.type.empty());
  CHECK(r.reporting_mta.value == "mx.example");
  const dsn_recipient x = nth(r, 0);
  CHECK(x.final_recipient.value == "a@b");
  CHECK(x.action == dsn_action::unknown);
  CHECK(x.action_text == "bounced");
  CHECK(status_of(x) == "5.0.0");
  CHECK(x.diagnostic_code.present);
  CHECK(x.diagnostic_code.type == "smtp");
  CHECK(x.diagnostic_code.value.empty());
}

TEST_CASE("parse_dsn_action and to_string") {
  CHECK(smtpcodes::parse_dsn_action("failed") == dsn_action::failed);
  CHECK(smtpcodes::parse_dsn_action("FAILED (permanent)") == dsn_action::failed);
  CHECK(smtpcodes::parse_dsn_action("Relayed") == dsn_action::relayed);
  CHECK(smtpcodes::parse_dsn_action("expanded") == dsn_action::expanded);
  CHECK(smtpcodes::parse_dsn_action("delivered") == dsn_action::delivered);
  CHECK(smtpcodes::parse_dsn_action("delayed") == dsn_action::delayed);
  CHECK(smtpcodes::parse_dsn_action("failedx") == dsn_action::unknown);
  CHECK(smtpcodes::parse_dsn_action("") == dsn_action::unknown);
  CHECK(smtpcodes::to_string(dsn_action::expanded) == "expanded");
  CHECK(smtpcodes::to_string(message_kind::non_standard_bounce) == "non_standard_bounce");
  CHECK(smtpcodes::to_string(errc::scratch_too_small) == "scratch_too_small");
  CHECK(smtpcodes::describe(errc::missing_status_part).find("RFC 6522") != std::string_view::npos);
}

TEST_CASE("constexpr: a DSN read at compile time") {
  constexpr std::string_view m =
      "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\n\nx\n"
      "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n"
      "Final-Recipient: rfc822; a@b\nAction: failed\nStatus: 5.1.1\n--b--\n";
  constexpr dsn_result r = parse_dsn(m, nullptr, 0);
  static_assert(r.ok());
  static_assert(r.recipient_count == 1);
  static_assert(r.reporting_mta.value == "x");
  CHECK(r.kind == message_kind::dsn);
}

TEST_CASE("parse_dsn and the recipient walk do not allocate") {
  std::vector<std::string> messages;
  for (const char* name : samples) messages.push_back(load(name));
  std::vector<char> scratch(1 << 16);
  std::size_t recipients = 0;
  std::size_t ok = 0;
  const std::size_t before = allocations;
  for (const std::string& m : messages) {
    const dsn_result r = parse_dsn(m, scratch.data(), scratch.size());
    ok += r.ok() ? 1 : 0;
    for (const dsn_recipient& x : r.recipients()) recipients += x.reply.found ? 1 : 0;
    const dsn_result t = parse_dsn(m, nullptr, 0);  // scratch_too_small on the encoded ones
    ok += t.ok() ? 1 : 0;
  }
  const std::size_t after = allocations;
  CHECK(after == before);
  CHECK(ok > messages.size());
  CHECK(recipients >= 10);
}
