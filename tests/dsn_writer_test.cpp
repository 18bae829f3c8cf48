// Tests for dsn_writer.hpp: the written message reads back with parse_dsn field for field
// (plain and global, headers or whole message returned, made and given boundaries); every
// refusal with its part and offset; output_too_small writes nothing and gives the size; a
// message that does not read back as given is wiped. The header comes first to prove it is
// self-contained.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <smtpcodes/dsn_writer.hpp>
#include <string>
#include <vector>

using smtpcodes::dsn_action;
using smtpcodes::dsn_recipient;
using smtpcodes::dsn_recipient_part;
using smtpcodes::dsn_recipient_to_write;
using smtpcodes::dsn_result;
using smtpcodes::dsn_to_write;
using smtpcodes::errc;
using smtpcodes::write_dsn;
using smtpcodes::write_result;

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

struct sample {
  dsn_recipient_to_write rcpt[3];
  dsn_to_write dsn;
  sample() {
    rcpt[0].final_recipient = "nobody@example.org";
    rcpt[0].original_recipient = "Nobody@Example.org";
    rcpt[0].status = {5, 1, 1};
    rcpt[0].remote_mta = "mx1.example.org";
    rcpt[0].diagnostic_code = "550 5.1.1 <nobody@example.org>: Recipient address rejected";
    rcpt[0].last_attempt_date = "Tue, 1 Dec 2026 10:15:03 +0000";
    rcpt[0].final_log_id = "8F2A81C0123";
    rcpt[1].final_recipient = "later@example.net";
    rcpt[1].action = dsn_action::delayed;
    rcpt[1].status = {4, 4, 1};
    rcpt[1].will_retry_until = "Sat, 5 Dec 2026 10:15:03 +0000";
    rcpt[1].diagnostic_code = "421 4.4.1 Connection timed out";
    rcpt[2].final_recipient = "ok@example.com";
    rcpt[2].action = dsn_action::relayed;
    rcpt[2].status = {2, 0, 0};
    dsn.from = "MAILER-DAEMON@mx.example.com (Mail Delivery System)";
    dsn.to = "sender@example.com";
    dsn.subject = "Undelivered Mail Returned to Sender";
    dsn.date = "Tue, 1 Dec 2026 10:15:04 +0000";
    dsn.message_id = "<dsn-1@mx.example.com>";
    dsn.reporting_mta = "mx.example.com";
    dsn.original_envelope_id = "ENV42";
    dsn.received_from_mta = "client.example.com";
    dsn.arrival_date = "Tue, 1 Dec 2026 10:15:01 +0000";
    dsn.human_text =
        "This is the mail system at host mx.example.com.\n\nYour message could not "
        "be delivered to one or more recipients.\n";
    dsn.recipients = rcpt;
    dsn.recipient_count = 3;
    dsn.returned = "From: sender@example.com\nTo: nobody@example.org\nSubject: Figures\n";
  }
};

std::string describe(const write_result& r) {
  return std::string(smtpcodes::to_string(r.error)) + " part " + std::to_string(r.part) +
         " offset " + std::to_string(r.offset);
}

std::string written(const dsn_to_write& d, write_result* result = nullptr) {
  std::vector<char> buf(1 << 16);
  const write_result r = write_dsn(d, buf.data(), buf.size());
  if (result) *result = r;
  if (r.failed()) return "E:" + describe(r);
  return std::string(buf.data(), r.size);
}

}  // namespace

TEST_CASE("round trip: every field reads back with parse_dsn") {
  const sample s;
  write_result w;
  const std::string m = written(s.dsn, &w);
  REQUIRE(w.ok());
  CHECK(w.size == m.size());
  // Every line ends in CRLF and none is over 998 octets.
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '\n') CHECK((i > 0 && m[i - 1] == '\r'));
  }
  const dsn_result r = smtpcodes::parse_dsn(m, nullptr, 0);
  REQUIRE(r.ok());
  CHECK(r.kind == smtpcodes::message_kind::dsn);
  CHECK(r.report_type == "delivery-status");
  CHECK(r.from == s.dsn.from);
  CHECK(r.subject == s.dsn.subject);
  CHECK(r.auto_submitted == "auto-replied");
  CHECK(r.reporting_mta.type == "dns");
  CHECK(r.reporting_mta.value == "mx.example.com");
  CHECK(r.original_envelope_id == "ENV42");
  CHECK(r.received_from_mta.value == "client.example.com");
  CHECK(r.arrival_date == s.dsn.arrival_date);
  CHECK(r.human_text ==
        "This is the mail system at host mx.example.com.\r\n\r\nYour message could not be "
        "delivered to one or more recipients.\r\n");
  CHECK(r.human_charset == "us-ascii");
  CHECK(r.returned_type == "text/rfc822-headers");
  CHECK(r.returned == "From: sender@example.com\r\nTo: nobody@example.org\r\nSubject: Figures\r\n");
  REQUIRE(r.recipient_count == 3);
  std::size_t i = 0;
  for (const dsn_recipient& x : r.recipients()) {
    const dsn_recipient_to_write& want = s.rcpt[i++];
    CHECK(x.final_recipient.type == "rfc822");
    CHECK(x.final_recipient.value == want.final_recipient);
    CHECK(x.action == want.action);
    REQUIRE(x.status);
    CHECK(*x.status == want.status);
  }
  const dsn_recipient first = *r.recipients().begin();
  CHECK(first.original_recipient.value == "Nobody@Example.org");
  CHECK(first.remote_mta.value == "mx1.example.org");
  CHECK(first.final_log_id == "8F2A81C0123");
  REQUIRE(first.reply.code);
  CHECK(first.reply.code->value() == 550);
  CHECK(m.find("To: sender@example.com\r\n") != std::string::npos);
  CHECK(m.find("Message-ID: <dsn-1@mx.example.com>\r\n") != std::string::npos);
  CHECK(m.find("Date: Tue, 1 Dec 2026 10:15:04 +0000\r\n") != std::string::npos);
}

TEST_CASE("optional parts: no returned message, a whole returned message, minimal fields") {
  sample s;
  s.dsn.returned = {};
  s.dsn.from = s.dsn.to = s.dsn.subject = s.dsn.date = s.dsn.message_id = {};
  s.dsn.original_envelope_id = s.dsn.received_from_mta = s.dsn.arrival_date = {};
  s.dsn.recipient_count = 1;
  s.rcpt[0] = dsn_recipient_to_write{};
  s.rcpt[0].final_recipient = "a@b.example";
  s.rcpt[0].status = {5, 0, 0};
  const std::string m = written(s.dsn);
  REQUIRE(m.rfind("E:", 0) != 0);
  CHECK(m.rfind("MIME-Version: 1.0\r\n", 0) == 0);
  const dsn_result r = smtpcodes::parse_dsn(m, nullptr, 0);
  REQUIRE(r.ok());
  CHECK(r.returned.empty());
  CHECK(r.recipient_count == 1);
  CHECK(!r.arrival_date.size());
  CHECK(!(*r.recipients().begin()).diagnostic_code.present);

  sample whole;
  whole.dsn.returned_headers_only = false;
  whole.dsn.returned = "From: a@example.com\nSubject: hi\n\nBody line\n";
  const std::string w = written(whole.dsn);
  const dsn_result rw = smtpcodes::parse_dsn(w, nullptr, 0);
  REQUIRE(rw.ok());
  CHECK(rw.returned_type == "message/rfc822");
  CHECK(rw.returned == "From: a@example.com\r\nSubject: hi\r\n\r\nBody line\r\n");
}

TEST_CASE("global: UTF-8 in status fields, 8bit human text") {
  sample s;
  s.dsn.global = true;
  s.dsn.recipient_count = 1;
  s.rcpt[0].final_recipient = "j\xC3\xB6rg@\xE4\xBE\x8B\xE3\x81\x88.jp";
  s.rcpt[0].final_recipient_type = "utf-8";
  s.rcpt[0].original_recipient = {};
  s.dsn.human_text = "Zustellung an j\xC3\xB6rg fehlgeschlagen.\n";
  const std::string m = written(s.dsn);
  REQUIRE(m.rfind("E:", 0) != 0);
  CHECK(m.find("Content-Type: message/global-delivery-status") != std::string::npos);
  CHECK(m.find("charset=utf-8\r\nContent-Transfer-Encoding: 8bit") != std::string::npos);
  const dsn_result r = smtpcodes::parse_dsn(m, nullptr, 0);
  REQUIRE(r.ok());
  CHECK(r.global);
  CHECK((*r.recipients().begin()).final_recipient.type == "utf-8");
  CHECK((*r.recipients().begin()).final_recipient.value == s.rcpt[0].final_recipient);

  s.dsn.global = false;
  write_result w;
  CHECK(written(s.dsn, &w) == "E:invalid_octet part 16 offset 1");
  CHECK(w.part == dsn_recipient_part(0, smtpcodes::dsn_field_final_recipient));
}

TEST_CASE("boundaries: given, made, refused when the content holds them") {
  sample s;
  s.dsn.boundary = "given-boundary.1";
  const std::string m = written(s.dsn);
  CHECK(m.find("\tboundary=\"given-boundary.1\"\r\n") != std::string::npos);
  CHECK(m.find("\r\n--given-boundary.1--\r\n") != std::string::npos);

  s.dsn.human_text = "text\n--given-boundary.1\nmore\n";
  CHECK(written(s.dsn) == "E:boundary_in_content part 10 offset 7");
  s.dsn.human_text = "fine";
  s.dsn.returned = "X-Note: given-boundary.1\n";
  CHECK(written(s.dsn) == "E:boundary_in_content part 11 offset 8");

  s.dsn.boundary = "bad\"quote";
  CHECK(written(s.dsn) == "E:bad_argument part 5 offset 3");
  s.dsn.boundary = "ends in space ";
  CHECK(written(s.dsn) == "E:bad_argument part 5 offset 13");
  s.dsn.boundary = std::string_view(
      "0123456789012345678901234567890123456789012345678901234567890"
      "1234567890");
  CHECK(written(s.dsn) == "E:bad_argument part 5 offset 71");

  // A made boundary steers clear of content that holds the first one tried.
  sample t;
  const std::string first = written(t.dsn);
  const std::size_t at = first.find("boundary=\"") + 10;
  const std::string made = first.substr(at, first.find('"', at) - at);
  CHECK(made.rfind("=_smtpcodes_", 0) == 0);
  const std::string human = "mentions " + made + " here\n";
  t.dsn.human_text = human;
  const std::string again = written(t.dsn);
  REQUIRE(again.rfind("E:", 0) != 0);
  CHECK(again.find("boundary=\"" + made + "\"") == std::string::npos);
  CHECK(smtpcodes::parse_dsn(again, nullptr, 0).ok());
}

TEST_CASE("refusals: line breaks, controls, long lines, missing or bad values") {
  auto refusal = [](auto change) {
    sample s;
    change(s);
    return written(s.dsn);
  };
  CHECK(refusal([](sample& s) { s.dsn.subject = "two\r\nBcc: x@y"; }) ==
        "E:line_break_in_text part 2 offset 3");
  CHECK(refusal([](sample& s) { s.dsn.from = "a\nb"; }) == "E:line_break_in_text part 0 offset 1");
  CHECK(refusal([](sample& s) { s.dsn.reporting_mta = "mx\r.example"; }) ==
        "E:line_break_in_text part 6 offset 2");
  CHECK(refusal([](sample& s) { s.rcpt[1].diagnostic_code = "421 a\nAction: delivered"; }) ==
        "E:line_break_in_text part " +
            std::to_string(dsn_recipient_part(1, smtpcodes::dsn_field_diagnostic_code)) +
            " offset 5");
  CHECK(refusal([](sample& s) { s.rcpt[2].final_recipient = "x@y\n\nFinal-Recipient: z"; }) ==
        "E:line_break_in_text part 48 offset 3");
  CHECK(refusal([](sample& s) { s.rcpt[0].last_attempt_date = "now\x01"; }) ==
        "E:invalid_octet part 24 offset 3");
  CHECK(refusal([](sample& s) { s.dsn.arrival_date = "caf\xC3\xA9"; }) ==
        "E:invalid_octet part 9 offset 3");
  CHECK(refusal([](sample& s) { s.dsn.human_text = "a\rb"; }) == "E:bare_cr part 10 offset 1");
  CHECK(refusal([](sample& s) { s.dsn.returned = std::string_view("x\0y", 3); }) ==
        "E:invalid_octet part 11 offset 1");
  static const std::string long_line(999, 'x');
  CHECK(refusal([](sample& s) { s.dsn.human_text = long_line; }) ==
        "E:line_too_long part 10 offset 998");
  static const std::string long_value(990, 'y');
  CHECK(refusal([](sample& s) { s.dsn.subject = long_value; }) ==
        "E:line_too_long part 2 offset 989");
  CHECK(refusal([](sample& s) { s.dsn.reporting_mta = {}; }) == "E:bad_argument part 6 offset 0");
  CHECK(refusal([](sample& s) { s.dsn.recipient_count = 0; }) == "E:bad_argument part 12 offset 0");
  CHECK(refusal([](sample& s) { s.dsn.recipients = nullptr; }) ==
        "E:bad_argument part 12 offset 0");
  CHECK(refusal([](sample& s) { s.rcpt[1].final_recipient = {}; }) ==
        "E:bad_argument part 32 offset 0");
  CHECK(refusal([](sample& s) { s.rcpt[1].final_recipient_type = "rfc 822"; }) ==
        "E:bad_argument part 33 offset 3");
  CHECK(refusal([](sample& s) { s.rcpt[0].original_recipient_type = ""; }) ==
        "E:bad_argument part 19 offset 0");
  CHECK(refusal([](sample& s) { s.rcpt[2].action = dsn_action::unknown; }) ==
        "E:bad_argument part 52 offset 0");
  CHECK(refusal([](sample& s) {
          s.rcpt[2].status = {3, 0, 0};
        }) == "E:bad_argument part 53 offset 0");
}

TEST_CASE("output_too_small writes nothing and gives the size; the exact size does") {
  const sample s;
  std::vector<char> big(1 << 16);
  const write_result ok = write_dsn(s.dsn, big.data(), big.size());
  REQUIRE(ok.ok());
  std::vector<char> small(ok.size - 1, '#');
  const write_result r = write_dsn(s.dsn, small.data(), small.size());
  CHECK(r.error == errc::output_too_small);
  CHECK(r.size == ok.size);
  CHECK(std::string(small.begin(), small.end()) == std::string(small.size(), '#'));
  std::vector<char> exact(ok.size);
  const write_result e = write_dsn(s.dsn, exact.data(), exact.size());
  CHECK(e.ok());
  CHECK(std::string(exact.begin(), exact.end()) == std::string(big.data(), ok.size));
  CHECK(write_dsn(s.dsn, nullptr, 0).error == errc::output_too_small);
}

TEST_CASE("a message that does not read back as given is wiped and refused") {
  // Each of these is written as asked, but parse_dsn trims the value or splits it otherwise.
  auto wiped = [](auto change) {
    sample s;
    change(s);
    std::vector<char> buf(1 << 16, '#');
    const write_result r = write_dsn(s.dsn, buf.data(), buf.size());
    CHECK(r.size == 0);
    const std::size_t end = std::string(buf.begin(), buf.end()).find('#');
    CHECK(end > 100);  // something was written, and then overwritten:
    CHECK(std::string(buf.data(), end) == std::string(end, '\0'));
    return describe(r);
  };
  CHECK(wiped([](sample& s) { s.rcpt[0].final_recipient = " padded@example.org"; }) ==
        "bad_argument part 16 offset 0");
  CHECK(wiped([](sample& s) { s.dsn.subject = "trailing space "; }) ==
        "bad_argument part 2 offset 0");
  CHECK(wiped([](sample& s) { s.dsn.reporting_mta = "   "; }) == "bad_argument part 6 offset 0");
  CHECK(wiped([](sample& s) { s.rcpt[1].will_retry_until = "\tsoon"; }) ==
        "bad_argument part 41 offset 0");
}

TEST_CASE("constexpr: a DSN written and read back at compile time") {
  struct out {
    char buf[1024] = {};
    std::size_t size = 0;
    bool ok = false;
  };
  constexpr out o = [] {
    out r;
    dsn_recipient_to_write rc;
    rc.final_recipient = "a@b.example";
    rc.status = {5, 1, 1};
    dsn_to_write d;
    d.reporting_mta = "mx.example";
    d.human_text = "Sorry.";
    d.recipients = &rc;
    d.recipient_count = 1;
    d.boundary = "b1";
    const write_result w = write_dsn(d, r.buf, sizeof r.buf);
    r.ok = w.ok();
    r.size = w.size;
    return r;
  }();
  static_assert(o.ok);
  static_assert(smtpcodes::parse_dsn(std::string_view(o.buf, o.size), nullptr, 0).ok());
  CHECK(std::string_view(o.buf, o.size).find("Status: 5.1.1\r\n--b1--\r\n") !=
        std::string_view::npos);
}

TEST_CASE("write_dsn does not allocate, written or refused") {
  sample s;
  std::vector<char> buf(1 << 16);
  char small[64];
  const std::size_t before = allocations;
  const write_result ok = write_dsn(s.dsn, buf.data(), buf.size());
  const write_result too_small = write_dsn(s.dsn, small, sizeof small);
  s.rcpt[0].final_recipient = " padded@example.org";  // written, read back, wiped
  const write_result wiped = write_dsn(s.dsn, buf.data(), buf.size());
  const std::size_t after = allocations;
  CHECK(after == before);
  CHECK(ok.ok());
  CHECK(too_small.error == errc::output_too_small);
  CHECK(wiped.error == errc::bad_argument);
}
