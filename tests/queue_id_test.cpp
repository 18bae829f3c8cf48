// Tests for queue_id.hpp: each MTA's reply after DATA (single- and multi-line, whole replies and
// text only), replies with no id, near-misses that must not match, the case rules of each MTA,
// non-2yz replies, the reply_view overload, every view inside its input (also at a guard page
// and for every prefix), a bounded random loop, and constexpr use. The header comes first to
// prove it is self-contained.
#include <smtpcodes/queue_id.hpp>
// (this comment keeps clang-format from sorting the header under test below doctest)
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "guard_page.hpp"

using smtpcodes::find_queue_id;
using smtpcodes::queue_id_format;
using smtpcodes::queue_id_match;
using smtpcodes::to_string;

namespace {

bool inside(std::string_view v, std::string_view input) {
  const auto lo = reinterpret_cast<std::uintptr_t>(input.data());
  const auto at = reinterpret_cast<std::uintptr_t>(v.data());
  return at >= lo && at - lo <= input.size() && v.size() <= input.size() - (at - lo);
}

struct expected {
  std::string_view reply;
  queue_id_format format;
  std::string_view id;
};

// Finds in a copy at a guard page (an over-read faults), checks the view lies inside it.
queue_id_match find_checked(std::string_view reply) {
  const guarded_input guarded{std::string(reply)};
  const queue_id_match m = find_queue_id(guarded.view());
  CHECK(inside(m.id, guarded.view()));
  if (m.format == queue_id_format::none) CHECK(m.id.empty());
  // Return a view into the caller's text, at the same offset.
  const std::size_t offset =
      m.id.empty() ? 0 : static_cast<std::size_t>(m.id.data() - guarded.view().data());
  return {m.id.empty() ? std::string_view{} : reply.substr(offset, m.id.size()), m.format};
}

void check_all(const std::vector<expected>& cases) {
  for (const expected& e : cases) {
    CAPTURE(e.reply);
    const queue_id_match m = find_checked(e.reply);
    CHECK(to_string(m.format) == to_string(e.format));
    CHECK(m.id == e.id);
    // And in place: the view is into the very input.
    const queue_id_match direct = find_queue_id(e.reply);
    CHECK(inside(direct.id, e.reply));
    CHECK(direct.id == e.id);
    // LF line endings give the same answer.
    std::string lf(e.reply);
    for (std::size_t p = lf.find("\r\n"); p != std::string::npos; p = lf.find("\r\n", p))
      lf.erase(p, 1);
    const queue_id_match m_lf = find_queue_id(lf);
    CHECK(m_lf.format == e.format);
    CHECK(m_lf.id == e.id);
    // No prefix of the reply makes a view escape it.
    for (std::size_t cut = 0; cut <= e.reply.size(); ++cut) {
      const std::string_view head = e.reply.substr(0, cut);
      CHECK(inside(find_queue_id(head).id, head));
    }
  }
}

}  // namespace

TEST_CASE("Postfix: short hex ids and long base-52 ids after 'Ok: queued as'") {
  check_all({
      {"250 2.0.0 Ok: queued as 23FE08685FC\r\n", queue_id_format::postfix, "23FE08685FC"},
      {"250 2.0.0 Ok: queued as 7839D60108", queue_id_format::postfix, "7839D60108"},
      {"250 Ok: queued as D9FA03705C9\r\n", queue_id_format::postfix, "D9FA03705C9"},
      {"2.0.0 Ok: queued as 46D393A4083", queue_id_format::postfix, "46D393A4083"},
      {"250 2.0.0 Ok: queued as 4Rt7Vq2Hbxz9Kp\r\n", queue_id_format::postfix, "4Rt7Vq2Hbxz9Kp"},
      // A multi-line reply (a proxy adding a line): the id is on the last line.
      {"250-2.0.0 mx1.example.org says:\r\n250 2.0.0 Ok: queued as 4FB2C3D4E5\r\n",
       queue_id_format::postfix, "4FB2C3D4E5"},
  });
}

TEST_CASE("Postfix near-misses: case, alphabet and length") {
  check_all({
      // Postfix writes upper-case hex: lower case is not its short id, and 'e' is a vowel, so
      // not its long id either; the generic pattern still takes it.
      {"250 2.0.0 Ok: queued as 23fe08685fc", queue_id_format::generic, "23fe08685fc"},
      {"250 2.0.0 Ok: queued as hello", queue_id_format::none, ""},
      {"250 2.0.0 Ok: queued as ABCDE", queue_id_format::none, ""},  // no digit for generic
      {"250 2.0.0 Ok: queued as", queue_id_format::none, ""},
      // Long form: the 'z' separator needs ten time characters before it.
      {"250 2.0.0 Ok: queued as 4Rt7Vqz9Kp", queue_id_format::generic, "4Rt7Vqz9Kp"},
  });
}

TEST_CASE("Exim: 'OK id=' with 6-6-2 and 6-11-4 ids, and the CHUNKING reply") {
  check_all({
      {"250 OK id=1rAbCd-000Xyz-Q1\r\n", queue_id_format::exim, "1rAbCd-000Xyz-Q1"},
      {"250 OK id=1RABCD-000XYZ-Q1", queue_id_format::exim, "1RABCD-000XYZ-Q1"},  // base 36
      {"250 OK id=1rAbCd-000Xyz0AbCd-Q1w2\r\n", queue_id_format::exim, "1rAbCd-000Xyz0AbCd-Q1w2"},
      {"250- 1234 byte chunk, total 5678\r\n250 OK id=1tKxYz-00AbCd-7Q\r\n", queue_id_format::exim,
       "1tKxYz-00AbCd-7Q"},
  });
}

TEST_CASE("Exim near-misses") {
  check_all({
      {"250 OK id=abc", queue_id_format::none, ""},
      // Exim writes "OK" in capitals: "ok id=" is someone else; generic takes it.
      {"250 ok id=1rAbCd-000Xyz-Q1", queue_id_format::generic, "1rAbCd-000Xyz-Q1"},
      {"250 OK id=1rAbCd_000Xyz_Q1", queue_id_format::generic, "1rAbCd_000Xyz_Q1"},
      {"250 OK id=1rAbCd-000Xyz-Q", queue_id_format::generic, "1rAbCd-000Xyz-Q"},
  });
}

TEST_CASE("Sendmail: base-60 date and sequence, then the pid") {
  check_all({
      {"250 2.0.0 u9HNIfV5021447 Message accepted for delivery\r\n", queue_id_format::sendmail,
       "u9HNIfV5021447"},
      {"250 t5GJwFi23541 Message accepted for delivery", queue_id_format::sendmail, "t5GJwFi23541"},
      {"250-2.0.0 mail.example.com notes:\r\n250 2.0.0 x1B2c3D4123456 Message accepted for "
       "delivery\r\n",
       queue_id_format::sendmail, "x1B2c3D4123456"},
  });
}

TEST_CASE("Sendmail near-misses") {
  check_all({
      {"250 2.5.0 Message accepted for delivery", queue_id_format::none, ""},
      {"250 Message accepted for delivery", queue_id_format::none, ""},
      {"250 2.0.0 OK Message accepted for delivery id=", queue_id_format::none, ""},
      // 'y' and 'z' are outside sendmail's base 60; too few pid digits.
      {"250 2.0.0 y9HNIfzz021447 Message accepted for delivery", queue_id_format::none, ""},
      {"250 2.0.0 u9HNIfV5Ab1447 Message accepted for delivery", queue_id_format::none, ""},
  });
}

TEST_CASE("OpenSMTPD: eight lower-case hex digits") {
  check_all({
      {"250 2.0.0 1a2b3c4d Message accepted for delivery\r\n", queue_id_format::opensmtpd,
       "1a2b3c4d"},
      {"250 2.0.0: 0f3e9a71 Message accepted for delivery", queue_id_format::opensmtpd, "0f3e9a71"},
      {"250 6c41b9e2 Message accepted for delivery", queue_id_format::opensmtpd, "6c41b9e2"},
      {"250-2.0.0 relay notes\r\n250 2.0.0 deadbeef Message accepted for delivery",
       queue_id_format::opensmtpd, "deadbeef"},
      // OpenSMTPD prints "%08x": upper case or seven digits are not its ids.
      {"250 2.0.0 1A2B3C4D Message accepted for delivery", queue_id_format::none, ""},
      {"250 2.0.0 1a2b3c4 Message accepted for delivery", queue_id_format::none, ""},
  });
}

TEST_CASE("Exchange and Microsoft 365: InternalId, else the Message-ID") {
  check_all({
      {"250 2.6.0 <20111025103822.7F94E1C0299@ASTNAGIOS> [InternalId=274498] Queued mail for "
       "delivery\r\n",
       queue_id_format::exchange, "274498"},
      {"250 2.6.0 <CAF1x=abc@mail.gmail.com> [InternalId=1563368161294, "
       "Hostname=AM0PR02MB1234.eurprd02.prod.outlook.com] 10237 bytes in 0.095, 104.921 KB/sec "
       "Queued mail for delivery",
       queue_id_format::exchange, "1563368161294"},
      {"250 2.6.0 <4798911130a2069f3483fda756b8e81c@www.example.com> Queued mail for delivery",
       queue_id_format::exchange, "4798911130a2069f3483fda756b8e81c@www.example.com"},
      {"250-2.6.0 <a1@b.example> [InternalId=42, Hostname=H1] Queued mail for delivery\r\n"
       "250 2.6.0 more\r\n",
       queue_id_format::exchange, "42"},
      {"250 Queued mail for delivery", queue_id_format::none, ""},
      {"250 2.6.0 <> Queued mail for delivery", queue_id_format::none, ""},
      {"250 2.6.0 [InternalId=] Queued mail for delivery", queue_id_format::none, ""},
  });
}

TEST_CASE("Gmail: 'OK <seconds> <id> - gsmtp'") {
  check_all({
      {"250 2.0.0 OK  1653776100 r33-20020a056870582100b000f169cbbb32sm1847208oap.43 - gsmtp\r\n",
       queue_id_format::gmail, "r33-20020a056870582100b000f169cbbb32sm1847208oap.43"},
      {"250 2.0.0 OK 1376056636 i3si9508927obz.16 - gsmtp", queue_id_format::gmail,
       "i3si9508927obz.16"},
      {"250-2.0.0 note\r\n250 2.0.0 OK  1644855633 l11si9233120wms.107 - gsmtp",
       queue_id_format::gmail, "l11si9233120wms.107"},
      // After RCPT, Gmail writes no timestamp: not the DATA reply.
      {"250 2.1.5 OK r33-20020a056870582100b000f169cbbb32sm1847208oap.43 - gsmtp",
       queue_id_format::none, ""},
      {"250 2.0.0 ok  1653776100 i3si9508927obz.16 - gsmtp", queue_id_format::none, ""},
      {"250 2.0.0 OK  1653776100 i3si9508927obz - gsmtp", queue_id_format::none, ""},
  });
}

TEST_CASE("Amazon SES: 'Ok <message id>'") {
  check_all({
      {"250 Ok 010001727bf05c7f-8ff7cc5f-aea3-4284-91ea-51f2f82c4469-000000\r\n",
       queue_id_format::amazon_ses, "010001727bf05c7f-8ff7cc5f-aea3-4284-91ea-51f2f82c4469-000000"},
      {"Ok 0100019fca782e02-c4b6abfc-5e3f-45ba-a7a8-f637b782562a-000000",
       queue_id_format::amazon_ses, "0100019fca782e02-c4b6abfc-5e3f-45ba-a7a8-f637b782562a-000000"},
      {"250 Ok", queue_id_format::none, ""},
      {"250 Ok 0100018abc-1234-5678-000000", queue_id_format::none, ""},
      // SES writes lower-case hex.
      {"250 Ok 010001727BF05C7F-8FF7CC5F-AEA3-4284-91EA-51F2F82C4469-000000", queue_id_format::none,
       ""},
  });
}

TEST_CASE("Haraka: 'Message Queued (<uuid>.<n>)'") {
  check_all({
      {"250 Message Queued (2D8A5B83-9E61-4A42-9D0D-F1FF4C9E8E50.1)\r\n", queue_id_format::haraka,
       "2D8A5B83-9E61-4A42-9D0D-F1FF4C9E8E50.1"},
      {"250-Thanks\r\n250 Message Queued (2d8a5b83-9e61-4a42-9d0d-f1ff4c9e8e50.12)\r\n",
       queue_id_format::haraka, "2d8a5b83-9e61-4a42-9d0d-f1ff4c9e8e50.12"},
      {"250 Message Queued", queue_id_format::none, ""},
      {"250 Message Queued (abc)", queue_id_format::none, ""},
      {"250 Message Queued (2D8A5B83-9E61-4A42-9D0D-F1FF4C9E8E50)", queue_id_format::none, ""},
  });
}

TEST_CASE("Stalwart: recognised, with no id") {
  const std::string_view reply = "250 2.0.0 Message queued for delivery.\r\n";
  const queue_id_match m = find_queue_id(reply);
  CHECK(m.format == queue_id_format::stalwart);
  CHECK(m.recognised());
  CHECK_FALSE(m.has_id());
  CHECK(inside(m.id, reply));
  check_all({
      {"250 2.0.0 Message queued for delivery.", queue_id_format::stalwart, ""},
      {"250 2.0.0 Message queued for delivery", queue_id_format::none, ""},
      {"250 2.0.0 message queued for delivery.", queue_id_format::none, ""},
  });
}

TEST_CASE("generic: 'queued as X' and 'id=X' from other servers") {
  check_all({
      {"250 2.0.0 OK: queued as <27687904.11.1776230268133.JavaMail.zimbra@aloy-tech.my.id>",
       queue_id_format::generic, "27687904.11.1776230268133.JavaMail.zimbra@aloy-tech.my.id"},
      {"250 2.0.0 OK: queued as em_4yM2nTvR8oPcX3uZiKeLg7sB", queue_id_format::generic,
       "em_4yM2nTvR8oPcX3uZiKeLg7sB"},
      {"250 OK id=remote-123", queue_id_format::generic, "remote-123"},
      {"250 2.0.0 Accepted (id=A1B2C3).", queue_id_format::generic, "A1B2C3"},
      // "msgid=" and "uuid=" are other words; no digit, no id.
      {"250 accepted msgid=12345", queue_id_format::none, ""},
      {"250 accepted uuid=12345", queue_id_format::none, ""},
      {"250 OK id=abcdef", queue_id_format::none, ""},
      {"250 queued as \"x 1\"", queue_id_format::none, ""},
  });
}

TEST_CASE("replies with no queue id") {
  check_all({
      {"250 2.1.5 Ok", queue_id_format::none, ""},
      {"250 2.1.0 Ok", queue_id_format::none, ""},
      {"250 Accepted", queue_id_format::none, ""},
      {"250 2.0.0 OK", queue_id_format::none, ""},
      {"250 OK", queue_id_format::none, ""},
      {"250", queue_id_format::none, ""},
      {"250\r\n", queue_id_format::none, ""},
      {"", queue_id_format::none, ""},
      {"\r\n\r\n", queue_id_format::none, ""},
      {"250 ok 1715608800 qp 12345", queue_id_format::none, ""},  // qmail: not covered
      {"250 2.0.0 Ok: queued", queue_id_format::none, ""},
      {"250-mx.example.com\r\n250-PIPELINING\r\n250 CHUNKING\r\n", queue_id_format::none, ""},
  });
}

TEST_CASE("a reply that is not 2yz has no queue id") {
  CHECK(find_queue_id("451 4.3.0 Ok: queued as 23FE08685FC").format == queue_id_format::none);
  CHECK(find_queue_id("554 5.7.1 OK id=1rAbCd-000Xyz-Q1").format == queue_id_format::none);
  CHECK(find_queue_id("354 Ok: queued as 23FE08685FC\r\n").format == queue_id_format::none);
  CHECK(find_queue_id("550-5.7.1 x\r\n550 5.7.1 Ok: queued as 23FE08685FC").format ==
        queue_id_format::none);
  // Without the code, the text is searched as it is.
  CHECK(find_queue_id("Ok: queued as 23FE08685FC").format == queue_id_format::postfix);
  CHECK(find_queue_id("251 2.0.0 Ok: queued as 23FE08685FC").format == queue_id_format::postfix);
}

TEST_CASE("the reply_view overload reads the parsed reply, views into the parser's input") {
  const std::string wire = "250- 1234 byte chunk, total 5678\r\n250 OK id=1tKxYz-00AbCd-7Q\r\n";
  smtpcodes::reply_parser parser;
  const auto r = parser.feed(wire);
  REQUIRE(r.ok());
  const queue_id_match m = find_queue_id(parser.reply());
  CHECK(m.format == queue_id_format::exim);
  CHECK(m.id == "1tKxYz-00AbCd-7Q");
  CHECK(inside(m.id, wire));

  const std::string rejected = "451 4.3.0 Ok: queued as 23FE08685FC\r\n";
  smtpcodes::reply_parser parser2;
  REQUIRE(parser2.feed(rejected).ok());
  CHECK_FALSE(find_queue_id(parser2.reply()).recognised());
  CHECK_FALSE(find_queue_id(smtpcodes::reply_view{}).recognised());
}

TEST_CASE("to_string names every format once") {
  const queue_id_format all[] = {
      queue_id_format::none,       queue_id_format::postfix,  queue_id_format::exim,
      queue_id_format::sendmail,   queue_id_format::exchange, queue_id_format::gmail,
      queue_id_format::amazon_ses, queue_id_format::haraka,   queue_id_format::stalwart,
      queue_id_format::opensmtpd,  queue_id_format::generic};
  for (const auto a : all) {
    CHECK(to_string(a) != "unknown");
    for (const auto b : all) {
      if (a != b) CHECK(to_string(a) != to_string(b));
    }
  }
  CHECK(to_string(static_cast<queue_id_format>(200)) == "unknown");
}

TEST_CASE("garbage never crashes and never yields a view outside the input") {
  const std::string_view pieces[] = {"250 ",
                                     "250-",
                                     "2.0.0 ",
                                     "Ok: queued as ",
                                     "OK id=",
                                     " Message accepted for delivery",
                                     "Queued mail for delivery",
                                     "[InternalId=",
                                     "<",
                                     ">",
                                     " - gsmtp",
                                     "OK  ",
                                     "Ok ",
                                     "Message Queued (",
                                     ")",
                                     "Message queued for delivery.",
                                     "queued as ",
                                     "id=",
                                     "\r\n",
                                     "\n",
                                     "\r",
                                     "-",
                                     ".",
                                     "z",
                                     "1234567890",
                                     "ABCDEF",
                                     " ",
                                     "2D8A5B83-9E61-4A42-9D0D-F1FF4C9E8E50",
                                     "1rAbCd-000Xyz-Q1",
                                     "451 "};
  std::mt19937 rng(12345);
  std::size_t found = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    const int parts = static_cast<int>(rng() % 12);
    for (int k = 0; k < parts; ++k) {
      if (rng() % 4 == 0) {
        s.push_back(static_cast<char>(rng() % 256));
      } else {
        s += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
      }
    }
    const queue_id_match m = find_queue_id(s);
    REQUIRE(inside(m.id, s));
    if (m.format == queue_id_format::none) REQUIRE(m.id.empty());
    if (m.has_id()) ++found;
  }
  CHECK(found > 0);  // the loop does reach the matchers
}

TEST_CASE("long inputs: over-long tokens are no id, many markers stay linear") {
  const std::string long_id = "250 2.0.0 OK: queued as " + std::string(300, '7');
  CHECK_FALSE(find_queue_id(long_id).recognised());
  std::string many;
  for (int i = 0; i < 30000; ++i) many += "id=";
  CHECK_FALSE(find_queue_id(many).recognised());
  std::string lines;
  for (int i = 0; i < 5000; ++i) lines += "250-2.0.0 queued as\r\n";
  lines += "250 2.0.0 Ok: queued as 23FE08685FC\r\n";
  const queue_id_match m = find_queue_id(lines);
  CHECK(m.format == queue_id_format::postfix);
  CHECK(inside(m.id, lines));
}

// constexpr: the search runs in the compiler.
static_assert(find_queue_id("250 2.0.0 Ok: queued as 23FE08685FC").format ==
              queue_id_format::postfix);
static_assert(find_queue_id("250 2.0.0 Ok: queued as 23FE08685FC").id == "23FE08685FC");
static_assert(find_queue_id("250 OK id=1rAbCd-000Xyz-Q1").id == "1rAbCd-000Xyz-Q1");
static_assert(find_queue_id("250 2.0.0 u9HNIfV5021447 Message accepted for delivery").format ==
              queue_id_format::sendmail);
static_assert(find_queue_id("250 2.0.0 Message queued for delivery.").format ==
              queue_id_format::stalwart);
static_assert(!find_queue_id("250 2.1.5 Ok").recognised());
static_assert(!find_queue_id("451 4.3.0 Ok: queued as 23FE08685FC").recognised());
static_assert(to_string(queue_id_format::amazon_ses) == "amazon_ses");
static_assert(smtpcodes::detail::is_postfix_queue_id("4Rt7Vq2Hbxz9Kp"));
static_assert(!smtpcodes::detail::is_postfix_queue_id("Hello1"));
