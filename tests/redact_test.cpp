// Tests for redact.hpp: masking of AUTH initial responses and of the lines that answer 334
// challenges (PLAIN, LOGIN, XOAUTH2, CRAM-MD5, cancel), with the server's replies and from the
// client side alone; odd spellings of AUTH; a long session whose pipelined commands stay
// visible; errors (output too small, line breaks); lines split across feeds through
// line_reader; a bounded loop over random lines and replies. The header comes first to prove
// it is self-contained.
#include <smtpcodes/redact.hpp>
// (the header above must come first)
#include <doctest/doctest.h>

#include <random>
#include <smtpcodes/line.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "split_feed.hpp"

using smtpcodes::client_redactor;
using smtpcodes::errc;
using smtpcodes::redacted_kind;
using smtpcodes::reply_code;
using namespace std::string_view_literals;

namespace {

/// One step of a session: a client line, or (code != 0) a server reply.
struct step {
  std::string_view line;
  int code = 0;
};

step S(int code) {
  return {{}, code};
}

/// The lines shown for each client line of `session`, replies reported only when `replies`.
std::vector<std::string> shown(const std::vector<step>& session, bool replies) {
  client_redactor r;
  std::vector<std::string> out;
  char buffer[600];
  for (const step& s : session) {
    if (s.code != 0) {
      if (replies) r.on_reply(reply_code(static_cast<std::uint16_t>(s.code)));
      continue;
    }
    const auto res = r.redact(s.line, buffer, sizeof buffer);
    REQUIRE(res.ok());
    CHECK(res.masked == (res.text != s.line));
    if (!res.masked) CHECK(res.text.data() == s.line.data());  // a view of the original
    out.emplace_back(res.text);
  }
  return out;
}

/// One redaction with a fresh redactor after `before` lines (client-only).
std::string shown_after(std::string_view before, std::string_view line) {
  client_redactor r;
  char buffer[600];
  if (!before.empty()) REQUIRE(r.redact(before, buffer, sizeof buffer).ok());
  const auto res = r.redact(line, buffer, sizeof buffer);
  REQUIRE(res.ok());
  return std::string(res.text);
}

using lines = std::vector<std::string>;

}  // namespace

TEST_CASE("PLAIN with an initial response: the response is masked, verb and mechanism kept") {
  const std::vector<step> session = {{"EHLO client.example"},
                                     S(250),
                                     {"AUTH PLAIN AGFsaWNlAHNlY3JldA=="},
                                     S(235),
                                     {"MAIL FROM:<alice@example.com>"}};
  const lines expected = {"EHLO client.example", "AUTH PLAIN ***", "MAIL FROM:<alice@example.com>"};
  CHECK(shown(session, true) == expected);
  CHECK(shown(session, false) == expected);
  client_redactor r;
  char buffer[64];
  const auto res = r.redact("AUTH PLAIN AGFsaWNlAHNlY3JldA==", buffer, sizeof buffer);
  CHECK(res.kind == redacted_kind::auth);
  CHECK(res.masked);
  CHECK(res.text.data() == buffer);
  CHECK(r.in_exchange());
}

TEST_CASE("PLAIN without an initial response: the line after 334 is masked whole") {
  const std::vector<step> session = {
      {"AUTH PLAIN"}, S(334), {"AGFsaWNlAHNlY3JldA=="}, S(235), {"MAIL FROM:<alice@example.com>"}};
  const lines expected = {"AUTH PLAIN", "***", "MAIL FROM:<alice@example.com>"};
  CHECK(shown(session, true) == expected);
  CHECK(shown(session, false) == expected);
}

TEST_CASE("an empty initial response \"=\" stays visible, and starts an exchange") {
  const std::vector<step> session = {{"AUTH PLAIN ="}, S(334), {"AGFsaWNlAHNlY3JldA=="}, S(235)};
  CHECK(shown(session, true) == lines{"AUTH PLAIN =", "***"});
  CHECK(shown(session, false) == lines{"AUTH PLAIN =", "***"});
  CHECK(shown_after("", "AUTH PLAIN = ") == "AUTH PLAIN ***");  // not exactly "=": masked
}

TEST_CASE("LOGIN: both lines that answer a 334 are masked") {
  const std::vector<step> session = {{"AUTH LOGIN"}, S(334), {"YWxpY2U="}, S(334),
                                     {"c2VjcmV0"},   S(235), {"QUIT"}};
  CHECK(shown(session, true) == lines{"AUTH LOGIN", "***", "***", "QUIT"});
  // Without the replies a base64-shaped command right after the exchange is masked too: the
  // documented cost of the client-only rule.
  CHECK(shown(session, false) == lines{"AUTH LOGIN", "***", "***", "***"});
  // LOGIN with the user name as its initial response (MS-XLOGIN): masked as any response.
  const std::vector<step> short_form = {
      {"AUTH LOGIN YWxpY2U="}, S(334), {"c2VjcmV0"}, S(235), {"MAIL FROM:<a@example.com>"}};
  CHECK(shown(short_form, true) == lines{"AUTH LOGIN ***", "***", "MAIL FROM:<a@example.com>"});
  CHECK(shown(short_form, false) == lines{"AUTH LOGIN ***", "***", "MAIL FROM:<a@example.com>"});
}

TEST_CASE("XOAUTH2: token masked, the empty line after the error challenge kept, 535 ends it") {
  const std::string_view token =
      "AUTH XOAUTH2 dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52"
      "YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==";
  const std::vector<step> session = {
      {token},
      S(334),  // base64 of {"status":"401",...}: the error challenge (RFC 7628 §3.2.2 style)
      {""},    // the client's empty response
      S(535),
      {"QUIT"}};
  client_redactor r;
  char buffer[300];
  auto a = r.redact(token, buffer, sizeof buffer);
  CHECK(a.text == "AUTH XOAUTH2 ***");
  r.on_reply(reply_code(334));
  CHECK(r.challenges_pending() == 1);
  auto b = r.redact("", buffer, sizeof buffer);
  CHECK(b.ok());
  CHECK(b.kind == redacted_kind::sasl_response);
  CHECK_FALSE(b.masked);
  CHECK(b.text.empty());
  r.on_reply(reply_code(535));
  CHECK_FALSE(r.in_exchange());
  CHECK(shown(session, true) == lines{"AUTH XOAUTH2 ***", "", "QUIT"});
  CHECK(shown(session, false) == lines{"AUTH XOAUTH2 ***", "", "***"});
}

TEST_CASE("CRAM-MD5: the digest line is masked") {
  const std::vector<step> session = {{"AUTH CRAM-MD5"},
                                     S(334),
                                     {"dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw"},
                                     S(235),
                                     {"MAIL FROM:<tim@example.com> SIZE=100"}};
  const lines expected = {"AUTH CRAM-MD5", "***", "MAIL FROM:<tim@example.com> SIZE=100"};
  CHECK(shown(session, true) == expected);
  CHECK(shown(session, false) == expected);
}

TEST_CASE("cancel: \"*\" stays visible and ends the exchange") {
  const std::vector<step> session = {{"AUTH LOGIN"}, S(334), {"YWxpY2U="}, S(334),
                                     {"*"},          S(501), {"QUIT"}};
  CHECK(shown(session, true) == lines{"AUTH LOGIN", "***", "*", "QUIT"});
  CHECK(shown(session, false) == lines{"AUTH LOGIN", "***", "*", "QUIT"});
  client_redactor r;
  (void)r.redact("AUTH LOGIN", nullptr, 0);
  r.on_reply(reply_code(334));
  const auto c = r.redact("*", nullptr, 0);  // nothing masked: no buffer needed
  CHECK(c.ok());
  CHECK(c.kind == redacted_kind::sasl_response);
  CHECK_FALSE(r.in_exchange());
}

TEST_CASE("with replies, a line after 334 is masked whatever it looks like") {
  for (const std::string_view line :
       {"QUIT"sv, "MAIL FROM:<a@example.com>"sv, "p@ss w0rd!"sv, "AUTH PLAIN x"sv, "=="sv}) {
    CAPTURE(line);
    const std::vector<step> session = {{"AUTH LOGIN"}, S(334), {line}, S(535), {line}};
    const lines got = shown(session, true);
    CHECK(got[1] == "***");
    if (line != "AUTH PLAIN x") CHECK(got[2] == line);  // after 535 it is a command again
  }
  // A 334 with no AUTH seen (the AUTH line was lost) still masks the next line.
  CHECK(shown({S(334), {"c2VjcmV0"}, S(235), {"c2VjcmV0"}}, true) == lines{"***", "c2VjcmV0"});
}

TEST_CASE("replies that do not end an exchange, and ones that do") {
  client_redactor r;
  (void)r.redact("AUTH LOGIN", nullptr, 0);
  r.on_reply(reply_code(250));  // belongs to an earlier command: changes nothing
  CHECK(r.in_exchange());
  r.on_reply(reply_code(354));
  CHECK(r.in_exchange());
  r.on_reply(reply_code(999));  // malformed: changes nothing
  CHECK(r.in_exchange());
  r.on_reply(reply_code(454));
  CHECK_FALSE(r.in_exchange());
  (void)r.redact("AUTH LOGIN", nullptr, 0);
  r.on_reply(reply_code(235));
  CHECK_FALSE(r.in_exchange());
  // Each 334 is owed one line; a flood of them saturates and a final reply clears it.
  for (int i = 0; i < 1000; ++i) r.on_reply(reply_code(334));
  CHECK(r.challenges_pending() == 255);
  r.on_reply(reply_code(535));
  CHECK(r.challenges_pending() == 0);
  CHECK_FALSE(r.in_exchange());
}

TEST_CASE("client side only: what ends the presumed exchange") {
  // Credentials typed by hand are not base64, but they are not commands either: masked.
  CHECK(shown({{"AUTH LOGIN"},
               {"alice"},
               {"p@ss w0rd!"},
               {"x-y:z"},
               {"MAIL FROM:<a@b.example>"},
               {"RCPT TO:<c@d.example>"}},
              false) == lines{"AUTH LOGIN", "***", "***", "***", "MAIL FROM:<a@b.example>",
                              "RCPT TO:<c@d.example>"});
  // A command verb must be followed by SP or the end; lower case is a verb too.
  CHECK(shown_after("AUTH LOGIN", "MAIL\tFROM:<a@b.example>") == "***");
  CHECK(shown_after("AUTH LOGIN", "mail from:<a@b.example>") == "mail from:<a@b.example>");
  CHECK(shown_after("AUTH LOGIN", "EHLO a.example") == "EHLO a.example");
  CHECK(shown_after("AUTH LOGIN", "RSET") == "***");      // base64-shaped
  CHECK(shown_after("AUTH LOGIN", "STARTTLS") == "***");  // base64-shaped
  CHECK(shown_after("AUTH LOGIN", "BDAT 5 LAST") == "BDAT 5 LAST");
  // A new AUTH ends the exchange and starts another.
  CHECK(shown({{"AUTH LOGIN"}, {"YWxpY2U="}, {"AUTH PLAIN AGFsaWNlAHNlY3JldA=="}, {"c2VjcmV0"}},
              false) == lines{"AUTH LOGIN", "***", "AUTH PLAIN ***", "***"});
  // Without AUTH, base64-shaped lines are not touched (the documented limit).
  CHECK(shown_after("EHLO a.example", "c2VjcmV0") == "c2VjcmV0");
}

TEST_CASE("odd spellings of AUTH keep no response in view") {
  CHECK(shown_after("", "auth plain AGFsaWNlAHNlY3JldA==") == "auth plain ***");
  CHECK(shown_after("", "AUTH\tPLAIN\tc2VjcmV0") == "AUTH\tPLAIN\t***");
  CHECK(shown_after("", "AUTH  PLAIN  c2VjcmV0") == "AUTH  PLAIN  ***");
  CHECK(shown_after("", " AUTH PLAIN c2VjcmV0") == " AUTH PLAIN ***");
  CHECK(shown_after("", "AUTH PLAIN c2Vj cmV0") == "AUTH PLAIN ***");
  CHECK(shown_after("", "AUTH PLAIN a") == "AUTH PLAIN ***");  // longer than the secret
  CHECK(shown_after("", "AUTH PLAIN ") == "AUTH PLAIN ");
  CHECK(shown_after("", "AUTH") == "AUTH");
  CHECK(shown_after("", "AUTHX PLAIN c2VjcmV0") == "AUTHX PLAIN c2VjcmV0");
  // No mechanism, or one that cannot be a mechanism name: the whole argument is masked.
  CHECK(shown_after("", "AUTH AGFsaWNlAHNlY3JldA==") == "AUTH ***");
  CHECK(shown_after("", "AUTH c2VjcmV0") == "AUTH ***");
  CHECK(shown_after("", "AUTH ABCDEFGHIJKLMNOPQRSTU x") == "AUTH ***");  // 21 octets
  CHECK(shown_after("", "AUTH ABCDEFGHIJKLMNOPQRST") == "AUTH ABCDEFGHIJKLMNOPQRST");
  CHECK(shown_after("", "AUTH scram-sha-256 biwsbj11c2VyLHI9") == "AUTH scram-sha-256 ***");
  CHECK(shown_after("", "AUTH X-FOO_2") == "AUTH X-FOO_2");
}

TEST_CASE("a long session: pipelined MAIL/RCPT/DATA after AUTH stay visible, as views") {
  std::vector<std::string> storage = {"EHLO client.example", "AUTH PLAIN AGFsaWNlAHNlY3JldA=="};
  for (int i = 0; i < 100; ++i) {
    storage.push_back("MAIL FROM:<alice@example.com> SIZE=" + std::to_string(1000 + i));
    for (int k = 0; k < 5; ++k)
      storage.push_back("RCPT TO:<r" + std::to_string(k) + "@example.org> NOTIFY=NEVER");
    storage.push_back("DATA");
    storage.push_back("RSET");
  }
  storage.push_back("QUIT");
  for (const bool replies : {true, false}) {
    CAPTURE(replies);
    client_redactor r;
    char buffer[600];
    std::size_t masked = 0;
    for (std::size_t i = 0; i < storage.size(); ++i) {
      const auto res = r.redact(storage[i], buffer, sizeof buffer);
      REQUIRE(res.ok());
      if (res.masked) {
        ++masked;
        CHECK(res.text == "AUTH PLAIN ***");
      } else {
        CHECK(res.text.data() == storage[i].data());
      }
      if (replies) r.on_reply(reply_code(i == 1 ? 235 : 250));  // the replies come later
    }
    CHECK(masked == 1);
    CHECK_FALSE(r.in_exchange());
  }
}

TEST_CASE("errors: output too small leaves the state; a line break is sticky until reset") {
  client_redactor r;
  char small[5];
  auto a = r.redact("AUTH PLAIN c2VjcmV0", small, sizeof small);
  CHECK(a.error == errc::output_too_small);
  CHECK(a.size == 14);  // "AUTH PLAIN ***"
  CHECK(a.text.empty());
  CHECK_FALSE(r.in_exchange());  // not moved: the same line can be given again
  a = r.redact("AUTH PLAIN c2VjcmV0", nullptr, 100);
  CHECK(a.error == errc::output_too_small);
  char buffer[smtpcodes::redacted_size_max(19)];
  a = r.redact("AUTH PLAIN c2VjcmV0", buffer, sizeof buffer);
  CHECK(a.ok());
  CHECK(a.text == "AUTH PLAIN ***");
  CHECK(r.in_exchange());
  r.on_reply(reply_code(334));
  a = r.redact("c2Vj", small, 2);
  CHECK(a.error == errc::output_too_small);
  CHECK(a.size == 3);
  CHECK(r.challenges_pending() == 1);
  a = r.redact("c2Vj", small, 3);
  CHECK(a.text == "***");
  CHECK(r.challenges_pending() == 0);

  a = r.redact("AUTH LOGIN\nc2VjcmV0", buffer, sizeof buffer);
  CHECK(a.error == errc::bare_lf);
  CHECK(a.offset == 10);
  CHECK(a.text.empty());
  a = r.redact("MAIL FROM:<a@b.example>", buffer, sizeof buffer);  // sticky
  CHECK(a.error == errc::bare_lf);
  CHECK(a.offset == 10);
  r.reset();
  a = r.redact("x\r", buffer, sizeof buffer);
  CHECK(a.error == errc::bare_cr);
  CHECK(a.offset == 1);
  r.reset();
  CHECK(r.redact("MAIL FROM:<a@b.example>", buffer, sizeof buffer).ok());
  CHECK(smtpcodes::redacted_size_max(static_cast<std::size_t>(-1)) == static_cast<std::size_t>(-1));
}

TEST_CASE("a client stream split anywhere: line_reader then the redactor, same output") {
  const std::string stream =
      "EHLO client.example\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n"
      "MAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.org>\r\nQUIT\r\n";
  // The replies arrive before the client lines they precede (by index), whatever the chunks.
  const std::vector<std::pair<std::size_t, int>> replies = {{1, 250}, {2, 334}, {3, 334},
                                                            {4, 235}, {5, 250}, {6, 250}};
  for (const bool with_replies : {true, false}) {
    CAPTURE(with_replies);
    auto run = [&](const std::vector<std::string>& chunks) {
      smtpcodes::line_reader reader;
      client_redactor r;
      std::vector<std::string> out;
      std::string pending;
      char buffer[600];
      std::size_t next_reply = 0;
      for (const std::string& chunk : chunks) {
        pending += chunk;
        while (true) {
          const auto f = reader.feed(pending);
          if (!f.is_complete()) break;
          while (with_replies && next_reply < replies.size() &&
                 replies[next_reply].first == out.size()) {
            r.on_reply(reply_code(static_cast<std::uint16_t>(replies[next_reply++].second)));
          }
          const auto res = r.redact(reader.line(), buffer, sizeof buffer);
          out.emplace_back(res.ok() ? std::string(res.text) : "error");
          pending.erase(0, f.consumed);
        }
      }
      return out;
    };
    const auto whole = check_split_invariance<std::vector<std::string>>(stream, run);
    CHECK(whole == std::vector<std::string>{"EHLO client.example", "AUTH LOGIN", "***", "***",
                                            "MAIL FROM:<alice@example.com>",
                                            "RCPT TO:<bob@example.org>", "QUIT"});
  }
}

TEST_CASE("random lines and replies: bounded, never over-long, nothing after 334 leaks") {
  std::mt19937 rng(4954);
  const std::string_view pieces[] = {"AUTH", " ",    "PLAIN", "=",   "*",     "c2Vj", "QUIT",
                                     "MAIL", ":<a>", "\t",    "x@y", "LOGIN", "",     "+/"};
  const std::uint16_t codes[] = {235, 250, 334, 334, 354, 421, 454, 501, 535, 999, 0};
  client_redactor r;
  char buffer[256];
  std::size_t masked = 0;
  for (int i = 0; i < 20000; ++i) {
    if (rng() % 3 == 0) r.on_reply(reply_code(codes[rng() % std::size(codes)]));
    std::string line;
    const unsigned n = rng() % 6;
    for (unsigned k = 0; k < n; ++k) line += pieces[rng() % std::size(pieces)];
    const bool owed = r.challenges_pending() != 0;
    const auto res = r.redact(line, buffer, sizeof buffer);
    REQUIRE(res.ok());
    CHECK(res.text.size() <= smtpcodes::redacted_size_max(line.size()));
    if (owed) {
      CHECK(res.kind == redacted_kind::sasl_response);
      CHECK(res.masked == !(line.empty() || line == "=" || line == "*"));
    }
    if (res.masked) {
      ++masked;
      CHECK(res.text.data() == buffer);
      CHECK(res.text.substr(res.text.size() - 3) == "***");
      CHECK(line.substr(0, res.text.size() - 3) == res.text.substr(0, res.text.size() - 3));
    } else {
      CHECK(res.text.data() == line.data());
    }
  }
  CHECK(masked > 0);
}

TEST_CASE("constexpr: a redaction inside a constant expression") {
  constexpr auto masked_size = [] {
    client_redactor r;
    char buffer[32] = {};
    const auto res = r.redact("AUTH PLAIN c2VjcmV0", buffer, sizeof buffer);
    return res.masked ? res.text.size() : 0;
  }();
  static_assert(masked_size == 14);
  static_assert(smtpcodes::to_string(redacted_kind::sasl_response) == "sasl_response");
  CHECK(masked_size == 14);
}
