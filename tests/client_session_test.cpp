// Tests for client_session.hpp, driven against scripted servers: the exact bytes the client
// sends, the reply matched to each command, per-recipient outcomes, EHLO → HELO fallback,
// STARTTLS (capabilities forgotten, plaintext after the 220 refused), AUTH with 334 challenges,
// pipelined groups (a refused MAIL voiding its group), RCPTMAX batches, DATA and BDAT, LMTP's
// reply per recipient, 421, reply codes a command can never get, timeouts, and server replies
// fed whole, split at every point and one octet at a time.
#include <doctest/doctest.h>

#include <deque>
#include <memory>
#include <smtpcodes/client_session.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "support/hash.hpp"

using smtpcodes::client_action_kind;
using smtpcodes::client_event;
using smtpcodes::client_failure;
using smtpcodes::client_message;
using smtpcodes::client_options;
using smtpcodes::client_session;
using smtpcodes::client_violation;
using smtpcodes::message_refusal;
using smtpcodes::recipient_status;
using smtpcodes::reply_step;
using smtpcodes::tls_mode;
using namespace std::string_view_literals;

namespace {

/// A scripted server: each time the client wants to read, the next chunk arrives (split into
/// pieces of `piece` octets when set, as a socket might deliver it).
struct script_run {
  std::string sent;               // everything the client wrote
  std::vector<reply_step> steps;  // the command each complete reply answered
  std::vector<client_violation> violations;
  int tls_handshakes = 0;
  int idles = 0;
  bool done = false;
};

struct driver {
  driver(client_session& session, std::deque<std::string> script)
      : s(session), chunks(std::move(script)) {}
  client_session& s;
  std::deque<std::string> chunks;
  std::size_t piece = 0;  // 0: whole chunks
  std::string buffer;     // received, not yet consumed
  std::vector<std::string> challenges;
  std::vector<std::string> answers;      // one per challenge
  std::vector<client_message> messages;  // sent one after another when idle
  std::size_t next_message = 0;
  std::string last_queue_id;

  script_run run(int max_steps = 10000) {
    script_run r;
    for (int step = 0; step < max_steps; ++step) {
      const smtpcodes::client_action a = s.next();
      switch (a.kind) {
        case client_action_kind::send:
          r.sent.append(a.bytes.data(), a.bytes.size());
          break;
        case client_action_kind::receive: {
          // Read what the socket holds; one reply is taken, then the session speaks again.
          client_event e = s.receive(buffer);
          while (e.result.needs_more() && !chunks.empty()) {
            std::string& c = chunks.front();
            const std::size_t n = piece == 0 || piece > c.size() ? c.size() : piece;
            buffer += c.substr(0, n);
            c.erase(0, n);
            if (c.empty()) chunks.pop_front();
            e = s.receive(buffer);
          }
          if (e.violation != client_violation::none) r.violations.push_back(e.violation);
          if (e.result.is_complete()) {
            r.steps.push_back(e.step);
            if (!e.queue_id.id.empty()) last_queue_id = std::string(e.queue_id.id);
            buffer.erase(0, e.result.consumed);
          } else if (e.result.needs_more()) {
            s.connection_closed();  // the script ran out
          }
          break;
        }
        case client_action_kind::start_tls:
          ++r.tls_handshakes;
          s.tls_started();
          break;
        case client_action_kind::auth_response: {
          challenges.emplace_back(a.challenge);
          const std::size_t k = challenges.size() - 1;
          if (k < answers.size() && answers[k] == "*") {
            s.cancel_auth();
          } else {
            REQUIRE(s.respond(k < answers.size() ? answers[k] : std::string()));
          }
          break;
        }
        case client_action_kind::idle:
          ++r.idles;
          if (next_message < messages.size()) {
            REQUIRE(s.start_message(messages[next_message++]) == message_refusal::none);
          } else {
            s.quit();
          }
          break;
        case client_action_kind::done:
          r.done = true;
          return r;
      }
    }
    FAIL("the session did not end");
    return r;
  }
};

client_options plain_options() {
  client_options o;
  o.hello_name = "client.example";
  o.tls = tls_mode::none;
  return o;
}

struct envelope {
  std::vector<std::string_view> rcpts;
  std::vector<recipient_status> statuses;
  client_message m;
  envelope(std::string_view from, std::vector<std::string_view> to, std::string_view content)
      : rcpts(std::move(to)), statuses(rcpts.size()) {
    m.reverse_path = from;
    m.recipients = rcpts.data();
    m.recipient_count = rcpts.size();
    m.statuses = statuses.data();
    m.content = content;
  }
};

const std::string greeting = "220 mx.example.net ESMTP\r\n";

}  // namespace

TEST_CASE("a plain transaction: the bytes sent and each recipient's outcome") {
  client_session s(plain_options());
  envelope env("alice@example.org", {"bob@example.net", "nobody@example.net"},
               "Subject: hi\r\n\r\n.leading dot\r\nbye\r\n");
  driver d{s,
           {greeting, "250-mx.example.net\r\n250 SIZE 10000\r\n", "250 2.1.0 Ok\r\n",
            "250 2.1.5 Ok\r\n", "550 5.1.1 <nobody@example.net>: User unknown\r\n",
            "354 End data with <CR><LF>.<CR><LF>\r\n", "250 2.0.0 Ok: queued as 4A0B1C2D3E\r\n",
            "221 2.0.0 Bye\r\n"}};
  d.messages.push_back(env.m);
  const script_run r = d.run();
  CHECK(r.done);
  CHECK(r.sent ==
        "EHLO client.example\r\n"
        "MAIL FROM:<alice@example.org> SIZE=34\r\n"
        "RCPT TO:<bob@example.net>\r\n"
        "RCPT TO:<nobody@example.net>\r\n"
        "DATA\r\n"
        "Subject: hi\r\n\r\n..leading dot\r\nbye\r\n.\r\n"
        "QUIT\r\n");
  CHECK(r.violations.empty());
  CHECK(s.failure() == client_failure::none);
  CHECK(env.statuses[0].delivered());
  CHECK(env.statuses[0].code == 250);
  CHECK(env.statuses[0].step == reply_step::data_end);
  CHECK(!env.statuses[1].delivered());
  CHECK(env.statuses[1].step == reply_step::rcpt);
  CHECK(env.statuses[1].code == 550);
  REQUIRE(env.statuses[1].enhanced);
  CHECK(env.statuses[1].enhanced->detail == 1);
  const std::vector<reply_step> steps = {reply_step::connect,  reply_step::ehlo, reply_step::mail,
                                         reply_step::rcpt,     reply_step::rcpt, reply_step::data,
                                         reply_step::data_end, reply_step::quit};
  CHECK(r.steps == steps);
  CHECK(s.capabilities().size == 10000U);
  CHECK(d.last_queue_id == "4A0B1C2D3E");
}

TEST_CASE("replies split at every point and one octet at a time give the same session") {
  const std::string replies =
      greeting +
      "250-mx.example.net\r\n250-PIPELINING\r\n250 8BITMIME\r\n250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n"
      "250 2.1.5 Ok\r\n354 go\r\n250 2.0.0 queued\r\n221 bye\r\n";
  std::string reference;
  for (std::size_t piece : {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{7},
                            std::size_t{13}, std::size_t{64}}) {
    CAPTURE(piece);
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net", "c@example.net"}, "x\r\n");
    driver d{s, {replies}};
    d.piece = piece;
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.violations.empty());
    CHECK(env.statuses[0].delivered());
    CHECK(env.statuses[1].delivered());
    if (reference.empty()) reference = r.sent;
    CHECK(r.sent == reference);
  }
  // Pipelined: MAIL, both RCPTs and DATA go out before any of their replies is read.
  CHECK(reference ==
        "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
        "RCPT TO:<c@example.net>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n");
}

TEST_CASE("EHLO refused with 500 or 502 falls back to HELO; other refusals end the session") {
  for (const char* refusal :
       {"500 5.5.1 Command unrecognized\r\n", "502 5.5.2 Not implemented\r\n"}) {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net"}, "x\r\n");
    driver d{s,
             {greeting, refusal, "250 mx.example.net\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n",
              "250 ok\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.sent.rfind(
              "EHLO client.example\r\nHELO client.example\r\nMAIL FROM:<a@example.org>\r\n", 0) ==
          0);
    CHECK(!s.capabilities().esmtp);
    CHECK(env.statuses[0].delivered());
  }
  client_session s(plain_options());
  driver d{s, {greeting, "554 5.7.1 go away\r\n", "221 bye\r\n"}};
  const script_run r = d.run();
  CHECK(r.sent == "EHLO client.example\r\nQUIT\r\n");
  CHECK(s.failure() == client_failure::hello_refused);
}

TEST_CASE("a refused greeting is answered with QUIT; 421 ends the session at once") {
  {
    client_session s(plain_options());
    driver d{s, {"554 5.3.2 no service here\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent == "QUIT\r\n");
    CHECK(s.failure() == client_failure::greeting_refused);
    CHECK(s.greeting_code() == 554);
  }
  {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net", "c@example.net"}, "x\r\n");
    driver d{s,
             {greeting, "250 mx\r\n", "250 ok\r\n", "250 ok\r\n", "421 4.3.2 shutting down\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(s.failure() == client_failure::service_closing);
    CHECK(r.sent.find("QUIT") == std::string::npos);  // RFC 5321 §3.8: the server closes
    CHECK(env.statuses[1].code == 421);
    CHECK(env.statuses[1].step == reply_step::rcpt);
    CHECK(!env.statuses[0].delivered());
    CHECK(env.statuses[0].code == 421);
  }
}

TEST_CASE("STARTTLS: EHLO again, capabilities forgotten; plaintext after the 220 refused") {
  {
    client_options o = plain_options();
    o.tls = tls_mode::required;
    client_session s(o);
    driver d{s,
             {greeting, "250-mx\r\n250-STARTTLS\r\n250 SIZE 50\r\n", "220 2.0.0 Ready\r\n",
              "250-mx\r\n250 PIPELINING\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.tls_handshakes == 1);
    CHECK(s.tls_active());
    CHECK(r.sent == "EHLO client.example\r\nSTARTTLS\r\nEHLO client.example\r\nQUIT\r\n");
    CHECK(!s.capabilities().size);  // forgotten: the second EHLO did not say SIZE
    CHECK(s.capabilities().pipelining);
    CHECK(s.failure() == client_failure::none);
  }
  {
    // CVE-2011-0411: a reply injected behind the 220, in the same read.
    client_options o = plain_options();
    o.tls = tls_mode::required;
    client_session s(o);
    driver d{s,
             {greeting, "250-mx\r\n250 STARTTLS\r\n",
              "220 Ready\r\n250-injected\r\n250 AUTH PLAIN\r\n"}};
    const script_run r = d.run();
    CHECK(r.tls_handshakes == 0);
    REQUIRE(r.violations.size() == 1);
    CHECK(r.violations[0] == client_violation::plaintext_after_starttls);
    CHECK(s.failure() == client_failure::protocol_violation);
  }
  {
    // The injected bytes arrive in a later read, before the caller started TLS.
    client_options o = plain_options();
    o.tls = tls_mode::required;
    client_session s(o);
    CHECK(s.next().kind == client_action_kind::receive);
    CHECK(s.receive(greeting).result.is_complete());
    CHECK(s.next().kind == client_action_kind::send);
    CHECK(s.receive("250-mx\r\n250 STARTTLS\r\n").result.is_complete());
    CHECK(s.next().bytes == "STARTTLS\r\n");
    CHECK(s.receive("220 go\r\n").result.is_complete());
    CHECK(s.next().kind == client_action_kind::start_tls);
    CHECK(s.receive("250 fake\r\n").violation == client_violation::plaintext_after_starttls);
    CHECK(s.next().kind == client_action_kind::done);
  }
  {
    // Required but not offered: no envelope goes out in plaintext.
    client_options o = plain_options();
    o.tls = tls_mode::required;
    client_session s(o);
    driver d{s, {greeting, "250 mx\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent == "EHLO client.example\r\nQUIT\r\n");
    CHECK(s.failure() == client_failure::tls_not_offered);
  }
  {
    // Opportunistic: refused STARTTLS goes on in plaintext.
    client_options o = plain_options();
    o.tls = tls_mode::opportunistic;
    client_session s(o);
    driver d{
        s,
        {greeting, "250-mx\r\n250 STARTTLS\r\n", "454 4.7.0 TLS not available\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent == "EHLO client.example\r\nSTARTTLS\r\nQUIT\r\n");
    CHECK(!s.tls_active());
    CHECK(s.failure() == client_failure::none);
  }
}

TEST_CASE("AUTH: initial response, 334 challenges, cancel, failure") {
  {
    client_options o = plain_options();
    o.auth_mechanism = "PLAIN";
    o.auth_has_initial_response = true;
    o.auth_initial_response = std::string_view("\0tim\0tanstaaftanstaaf", 21);
    client_session s(o);
    driver d{s,
             {greeting, "250-mx\r\n250 AUTH LOGIN PLAIN\r\n", "235 2.7.0 ok\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent == "EHLO client.example\r\nAUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm\r\nQUIT\r\n");
    CHECK(s.authenticated());
  }
  {
    client_options o = plain_options();
    o.auth_mechanism = "LOGIN";
    client_session s(o);
    driver d{s,
             {greeting, "250-mx\r\n250 AUTH LOGIN\r\n", "334 VXNlcm5hbWU6\r\n",
              "334 UGFzc3dvcmQ6\r\n", "235 2.7.0 ok\r\n", "221 bye\r\n"}};
    d.answers = {"tim", "secret"};
    const script_run r = d.run();
    CHECK(d.challenges == std::vector<std::string>{"Username:", "Password:"});
    CHECK(r.sent == "EHLO client.example\r\nAUTH LOGIN\r\ndGlt\r\nc2VjcmV0\r\nQUIT\r\n");
    CHECK(s.authenticated());
  }
  {
    client_options o = plain_options();
    o.auth_mechanism = "EXTERNAL";
    o.auth_has_initial_response = true;  // empty: "=" (RFC 4954 §4)
    client_session s(o);
    driver d{s, {greeting, "250-mx\r\n250 AUTH EXTERNAL\r\n", "535 5.7.8 no\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent == "EHLO client.example\r\nAUTH EXTERNAL =\r\nQUIT\r\n");
    CHECK(s.failure() == client_failure::auth_failed);
  }
  {
    client_options o = plain_options();
    o.auth_mechanism = "XOAUTH2";
    client_session s(o);
    driver d{s,
             {greeting, "250-mx\r\n250 AUTH XOAUTH2\r\n", "334 eyJzdGF0dXMiOiI0MDEifQ==\r\n",
              "334 \r\n", "501 5.7.0 cancelled\r\n", "221 bye\r\n"}};
    d.answers = {"", "*"};
    const script_run r = d.run();
    CHECK(d.challenges[0] == R"({"status":"401"})");
    CHECK(r.sent == "EHLO client.example\r\nAUTH XOAUTH2\r\n\r\n*\r\nQUIT\r\n");
    CHECK(s.failure() == client_failure::auth_failed);
  }
  {
    client_options o = plain_options();
    o.auth_mechanism = "CRAM-MD5";
    client_session s(o);
    driver d{s, {greeting, "250-mx\r\n250 AUTH PLAIN\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent == "EHLO client.example\r\nQUIT\r\n");
    CHECK(s.failure() == client_failure::auth_not_offered);
  }
  {
    client_options o = plain_options();
    o.auth_mechanism = "LOGIN";
    client_session s(o);
    driver d{s, {greeting, "250-mx\r\n250 AUTH LOGIN\r\n", "334 not*base64\r\n"}};
    const script_run r = d.run();
    REQUIRE(r.violations.size() == 1);
    CHECK(r.violations[0] == client_violation::bad_auth_challenge);
  }
}

TEST_CASE("AUTH driven by a sasl_client: SCRAM-SHA-256 with the server's proof checked") {
  // RFC 7677 §3's exchange, base64 as RFC 4954 §4 carries it.
  const smtpcodes::sasl_crypto crypto{nullptr, &test_hash::hmac_md5_hook,
                                      &test_hash::hmac_sha256_hook, &test_hash::sha256_hook};
  smtpcodes::sasl_credentials c;
  c.username = "user";
  c.password = "pencil";
  c.client_nonce = "rOprNGfwEbeRWgbNEkqO";
  auto b64 = [](std::string_view raw) {
    std::string out(smtpcodes::base64_encoded_size(raw.size()), '\0');
    REQUIRE(smtpcodes::base64_encode(raw, out.data(), out.size()).ok());
    return out;
  };
  const std::string server_first =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  for (bool tampered : {false, true}) {
    CAPTURE(tampered);
    smtpcodes::sasl_client stepper(smtpcodes::sasl_mechanism::scram_sha_256, c, crypto);
    client_options o = plain_options();
    o.sasl = &stepper;
    client_session s(o);
    const std::string final_text = tampered ? "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G5="
                                            : "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
    driver d{s,
             {greeting, "250-mx\r\n250 AUTH SCRAM-SHA-256\r\n", "334 " + b64(server_first) + "\r\n",
              "334 " + b64(final_text) + "\r\n", "235 2.7.0 ok\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(d.challenges.empty());  // the stepper answered; no auth_response action
    CHECK(r.sent.rfind("EHLO client.example\r\nAUTH SCRAM-SHA-256 " +
                           b64("n,,n=user,r=rOprNGfwEbeRWgbNEkqO") + "\r\n" +
                           b64("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                               "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=") +
                           "\r\n",
                       0) == 0);
    if (tampered) {
      // The server could not prove it knows the password: cancelled, never authenticated.
      CHECK(!s.authenticated());
      CHECK(r.sent.find("\r\n*\r\n") != std::string::npos);
    } else {
      CHECK(s.authenticated());
      CHECK(stepper.server_verified());
      CHECK(s.failure() == client_failure::none);
    }
  }
}

TEST_CASE("AUTH chosen after EHLO from the caller's steppers, by the server's offer") {
  const smtpcodes::sasl_crypto crypto{nullptr, &test_hash::hmac_md5_hook,
                                      &test_hash::hmac_sha256_hook, &test_hash::sha256_hook};
  smtpcodes::sasl_credentials c;
  c.username = "tim";
  c.password = "tanstaaftanstaaf";
  smtpcodes::sasl_client scram(smtpcodes::sasl_mechanism::scram_sha_256, c, crypto);
  smtpcodes::sasl_client cram(smtpcodes::sasl_mechanism::cram_md5, c, crypto);
  smtpcodes::sasl_client plain(smtpcodes::sasl_mechanism::plain, c);
  smtpcodes::sasl_client* const choices[] = {&scram, &cram, &plain};
  {
    // CRAM-MD5 is the first of ours the server offers (RFC 2195 §2's example exchange).
    client_options o = plain_options();
    o.sasl_choices = choices;
    o.sasl_choice_count = 3;
    client_session s(o);
    driver d{s,
             {greeting, "250-mx\r\n250 AUTH PLAIN CRAM-MD5\r\n",
              "334 PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+\r\n",
              "235 2.7.0 ok\r\n", "221 bye\r\n"}};
    const script_run r = d.run();
    CHECK(r.sent ==
          "EHLO client.example\r\nAUTH CRAM-MD5\r\n"
          "dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw\r\nQUIT\r\n");
    CHECK(s.authenticated());
  }
  {
    // Only PLAIN offered, and no TLS: the password is not sent unless allowed.
    for (bool allow : {false, true}) {
      client_options o = plain_options();
      o.sasl_choices = choices;
      o.sasl_choice_count = 3;
      o.allow_cleartext_auth = allow;
      client_session s(o);
      driver d{s, {greeting, "250-mx\r\n250 AUTH PLAIN\r\n", "235 ok\r\n", "221 bye\r\n"}};
      const script_run r = d.run();
      CHECK((r.sent.find("AUTH PLAIN AHRpbQB0YW5zdGFhZnRhbnN0YWFm") != std::string::npos) == allow);
      CHECK(s.failure() == (allow ? client_failure::none : client_failure::auth_not_offered));
    }
  }
}

TEST_CASE("pipelining: a refused MAIL voids its group; a lone dot after 354 with nobody") {
  client_session s(plain_options());
  envelope env("a@example.org", {"b@example.net", "c@example.net"}, "x\r\n");
  driver d{s,
           {greeting, "250-mx\r\n250 PIPELINING\r\n",
            "550 5.7.1 sender refused\r\n503 5.5.1 need MAIL\r\n503 5.5.1 need MAIL\r\n"
            "354 go\r\n",  // a broken server accepting DATA anyway
            "250 ok\r\n", "221 bye\r\n"}};
  d.messages.push_back(env.m);
  const script_run r = d.run();
  CHECK(r.sent ==
        "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
        "RCPT TO:<c@example.net>\r\nDATA\r\n.\r\nQUIT\r\n");
  for (const auto& st : env.statuses) {
    CHECK(st.step == reply_step::mail);
    CHECK(st.code == 550);
  }
  CHECK(r.violations.empty());
}

TEST_CASE("every recipient refused: no DATA without pipelining, RSET before the next message") {
  client_session s(plain_options());
  envelope one("a@example.org", {"b@example.net"}, "x\r\n");
  envelope two("a@example.org", {"c@example.net"}, "y\r\n");
  driver d{s,
           {greeting, "250 mx\r\n", "250 ok\r\n", "550 no\r\n", "250 reset\r\n", "250 ok\r\n",
            "250 ok\r\n", "354 go\r\n", "250 ok\r\n", "221 bye\r\n"}};
  d.messages = {one.m, two.m};
  const script_run r = d.run();
  CHECK(r.sent ==
        "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
        "RSET\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<c@example.net>\r\nDATA\r\ny\r\n.\r\n"
        "QUIT\r\n");
  CHECK(one.statuses[0].code == 550);
  CHECK(two.statuses[0].delivered());
  CHECK(r.idles == 3);
}

TEST_CASE("RCPTMAX: recipients beyond it go in a further transaction") {
  client_session s(plain_options());
  envelope env("a@example.org", {"b@example.net", "c@example.net", "d@example.net"}, "x\r\n");
  driver d{s,
           {greeting, "250-mx\r\n250 LIMITS RCPTMAX=2\r\n", "250 ok\r\n", "250 ok\r\n",
            "250 ok\r\n", "354 go\r\n", "250 first\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n",
            "250 second\r\n", "221 bye\r\n"}};
  d.messages.push_back(env.m);
  const script_run r = d.run();
  CHECK(r.sent ==
        "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
        "RCPT TO:<c@example.net>\r\nDATA\r\nx\r\n.\r\nMAIL FROM:<a@example.org>\r\n"
        "RCPT TO:<d@example.net>\r\nDATA\r\nx\r\n.\r\nQUIT\r\n");
  for (const auto& st : env.statuses) CHECK(st.delivered());
}

TEST_CASE("BDAT when CHUNKING is offered; LMTP gives a reply per accepted recipient") {
  {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net"}, "line\r\n.dot\r\n");
    driver d{s,
             {greeting, "250-mx\r\n250-PIPELINING\r\n250 CHUNKING\r\n",
              "250 ok\r\n250 ok\r\n250 2.0.0 queued\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.sent ==
          "EHLO client.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
          "BDAT 12 LAST\r\nline\r\n.dot\r\nQUIT\r\n");
    CHECK(env.statuses[0].delivered());
    CHECK(env.statuses[0].step == reply_step::bdat);
  }
  {
    client_options o = plain_options();
    o.lmtp = true;
    client_session s(o);
    envelope env("a@example.org", {"b@example.net", "c@example.net", "d@example.net"}, "x\r\n");
    driver d{s,
             {greeting, "250-lmtp.example\r\n250 PIPELINING\r\n",
              "250 ok\r\n250 ok\r\n550 5.1.1 no such user\r\n250 ok\r\n354 go\r\n",
              "250 2.0.0 b delivered\r\n452 4.2.2 d over quota\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.sent.rfind("LHLO client.example\r\n", 0) == 0);
    CHECK(env.statuses[0].delivered());
    CHECK(env.statuses[1].step == reply_step::rcpt);
    CHECK(env.statuses[1].code == 550);
    CHECK(!env.statuses[2].delivered());
    CHECK(env.statuses[2].code == 452);
    CHECK(env.statuses[2].step == reply_step::data_end);
    const std::vector<reply_step> tail = {reply_step::data, reply_step::data_end,
                                          reply_step::data_end, reply_step::quit};
    CHECK(std::vector<reply_step>(r.steps.end() - 4, r.steps.end()) == tail);
    CHECK(r.violations.empty());
  }
}

TEST_CASE("a code the command can never get is a violation unless the leniency is on") {
  {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net"}, "x\r\n");
    driver d{s, {greeting, "250 mx\r\n", "354 go ahead\r\n"}};  // 354 answering MAIL
    d.messages.push_back(env.m);
    const script_run r = d.run();
    REQUIRE(r.violations.size() == 1);
    CHECK(r.violations[0] == client_violation::unexpected_reply_code);
    CHECK(s.failure() == client_failure::protocol_violation);
    CHECK(env.statuses[0].pending());
  }
  for (bool lenient : {false, true}) {
    // 259 is well formed but never a reply to MAIL: taken by its first digit only when lenient.
    client_options o = plain_options();
    o.accept_any_reply_code = lenient;
    client_session s(o);
    envelope env("a@example.org", {"b@example.net"}, "x\r\n");
    driver d{s,
             {greeting, "250 mx\r\n", "259 odd but positive\r\n", "250 ok\r\n", "354 go\r\n",
              "250 ok\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.violations.empty() == lenient);
    CHECK(env.statuses[0].delivered() == lenient);
  }
  {
    // A reply while no command waits (the session is idle); 421 alone may come unasked.
    client_session s(plain_options());
    CHECK(s.receive(greeting).result.is_complete());
    (void)s.next();
    CHECK(s.receive("250 mx\r\n").result.is_complete());
    REQUIRE(s.next().kind == client_action_kind::idle);
    CHECK(s.receive("250 unsolicited\r\n").violation == client_violation::unsolicited_reply);
    CHECK(s.failure() == client_failure::protocol_violation);
    client_session t(plain_options());
    CHECK(t.receive(greeting).result.is_complete());
    (void)t.next();
    CHECK(t.receive("250 mx\r\n").result.is_complete());
    REQUIRE(t.next().kind == client_action_kind::idle);
    const client_event e = t.receive("421 4.4.2 idle too long\r\n");
    CHECK(e.violation == client_violation::none);
    CHECK(t.failure() == client_failure::service_closing);
  }
  {
    client_session s(plain_options());
    driver d{s, {"220-mx\r\n221 mixed codes\r\n"}};
    const script_run r = d.run();
    REQUIRE(!r.violations.empty());
    CHECK(r.violations[0] == client_violation::bad_reply);
  }
}

TEST_CASE("messages the server cannot take are refused before anything is sent") {
  client_session s(plain_options());
  CHECK(s.receive(greeting).result.is_complete());
  CHECK(s.next().kind == client_action_kind::send);
  CHECK(s.receive("250-mx\r\n250 SIZE 10\r\n").result.is_complete());
  REQUIRE(s.next().kind == client_action_kind::idle);
  envelope big("a@example.org", {"b@example.net"}, "0123456789abc\r\n");
  CHECK(s.start_message(big.m) == message_refusal::too_large);
  envelope eight("a@example.org", {"b@example.net"}, "x\r\n");
  eight.m.eight_bit = true;
  CHECK(s.start_message(eight.m) == message_refusal::eight_bit_not_offered);
  eight.m.eight_bit = false;
  eight.m.smtputf8 = true;
  CHECK(s.start_message(eight.m) == message_refusal::smtputf8_not_offered);
  eight.m.smtputf8 = false;
  eight.m.requiretls = true;
  CHECK(s.start_message(eight.m) == message_refusal::requiretls_unavailable);
  envelope none("a@example.org", {}, "x\r\n");
  CHECK(s.start_message(none.m) == message_refusal::no_recipients);
  CHECK(s.next().kind == client_action_kind::idle);  // still waiting: nothing was sent
}

TEST_CASE(
    "addresses that would inject are never written; bare line endings are refused or normalized") {
  {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net> NOTIFY=NEVER", "c@example.net"}, "x\r\n");
    driver d{s,
             {greeting, "250 mx\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n", "250 ok\r\n",
              "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.sent.find("NOTIFY") == std::string::npos);
    CHECK(env.statuses[0].not_sent);
    CHECK(env.statuses[1].delivered());
  }
  {
    // Bare LF under the default policy: refused before MAIL, for DATA and BDAT alike.
    for (const char* ehlo : {"250 mx\r\n", "250-mx\r\n250 CHUNKING\r\n"}) {
      client_session s(plain_options());
      CHECK(s.receive(greeting).result.is_complete());
      (void)s.next();
      CHECK(s.receive(ehlo).result.is_complete());
      REQUIRE(s.next().kind == client_action_kind::idle);
      for (const char* content : {"line\n.\nsmuggled\r\n", "a\rb\r\n", "end\r"}) {
        envelope env("a@example.org", {"b@example.net"}, content);
        CHECK(s.start_message(env.m) == message_refusal::bare_line_ending);
      }
      envelope fine("a@example.org", {"b@example.net"}, "a\r\nb\r\n");
      CHECK(s.start_message(fine.m) == message_refusal::none);
    }
  }
  {
    // normalize: CR LF on the wire, through DATA even when CHUNKING is offered.
    client_options o = plain_options();
    o.body.bare_line_endings = smtpcodes::line_ending_policy::normalize;
    client_session s(o);
    envelope env("a@example.org", {"b@example.net"}, "line\n.\nend\n");
    driver d{s,
             {greeting, "250-mx\r\n250 CHUNKING\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n",
              "250 ok\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.sent.find("DATA\r\nline\r\n..\r\nend\r\n.\r\n") != std::string::npos);
    CHECK(r.sent.find("BDAT") == std::string::npos);
    CHECK(env.statuses[0].delivered());
  }
}

TEST_CASE("DSN parameters go out only when the server offers DSN") {
  for (bool offered : {false, true}) {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net"}, "x\r\n");
    env.m.ret = smtpcodes::dsn_return::headers;
    env.m.envid = "QQ314159";
    env.m.notify = "SUCCESS,FAILURE";
    driver d{s,
             {greeting, offered ? "250-mx\r\n250 DSN\r\n" : "250 mx\r\n", "250 ok\r\n",
              "250 ok\r\n", "354 go\r\n", "250 ok\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK((r.sent.find("MAIL FROM:<a@example.org> RET=HDRS ENVID=QQ314159\r\n") !=
           std::string::npos) == offered);
    CHECK((r.sent.find("RCPT TO:<b@example.net> NOTIFY=SUCCESS,FAILURE\r\n") !=
           std::string::npos) == offered);
    CHECK(env.statuses[0].delivered());
  }
}

TEST_CASE("ORCPT: rfc822 and the address xtext-encoded, per recipient, only with DSN") {
  const std::string_view originals[] = {"Bob+Old=1@example.org", "", std::string_view()};
  for (bool offered : {false, true}) {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net", "c@example.net", "d@example.net"}, "x\r\n");
    env.m.original_recipients = originals;
    env.m.notify = "NEVER";
    driver d{s,
             {greeting, offered ? "250-mx\r\n250 DSN\r\n" : "250 mx\r\n", "250 ok\r\n",
              "250 ok\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n", "250 ok\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    // RFC 3461 §4: "+" and "=" are written as +2B and +3D.
    CHECK((r.sent.find("RCPT TO:<b@example.net> NOTIFY=NEVER ORCPT=rfc822;Bob+2BOld+3D1@example.org"
                       "\r\nRCPT TO:<c@example.net> NOTIFY=NEVER\r\n"
                       "RCPT TO:<d@example.net> NOTIFY=NEVER\r\n") != std::string::npos) ==
          offered);
    CHECK((r.sent.find("ORCPT") != std::string::npos) == offered);
    CHECK(env.statuses[2].delivered());
  }
  // An original address ORCPT's rfc822 form cannot carry: that recipient is not sent.
  for (const std::string& keep :
       {std::string("b\xC3\xA9@example.org"), std::string("b\r\n@example.org"),
        std::string(300, 'a') + "@example.org"}) {
    client_session s(plain_options());
    envelope env("a@example.org", {"b@example.net", "c@example.net"}, "x\r\n");
    const std::string_view two[] = {keep, ""};
    env.m.original_recipients = two;
    driver d{s,
             {greeting, "250-mx\r\n250 DSN\r\n", "250 ok\r\n", "250 ok\r\n", "354 go\r\n",
              "250 ok\r\n", "221 bye\r\n"}};
    d.messages.push_back(env.m);
    const script_run r = d.run();
    CHECK(r.sent.find("RCPT TO:<b@example.net>") == std::string::npos);
    CHECK(r.sent.find("RCPT TO:<c@example.net>\r\n") != std::string::npos);
    CHECK(env.statuses[0].not_sent);
    CHECK(env.statuses[0].step == smtpcodes::reply_step::rcpt);
    CHECK(env.statuses[1].delivered());
  }
}

TEST_CASE("timeouts follow RFC 5321 §4.5.3.2 and end the session when the caller says so") {
  client_session s(plain_options());
  CHECK(s.timeout_seconds() == 300);  // the greeting
  CHECK(s.receive(greeting).result.is_complete());
  (void)s.next();
  CHECK(s.receive("250 mx\r\n").result.is_complete());
  envelope env("a@example.org", {"b@example.net"}, "x\r\n");
  REQUIRE(s.start_message(env.m) == message_refusal::none);
  CHECK(s.next().bytes == "MAIL FROM:<a@example.org>\r\n");
  CHECK(s.timeout_seconds() == 300);
  CHECK(s.receive("250 ok\r\n").result.is_complete());
  (void)s.next();
  CHECK(s.receive("250 ok\r\n").result.is_complete());
  CHECK(s.next().bytes == "DATA\r\n");
  CHECK(s.timeout_seconds() == 120);
  CHECK(s.receive("354 go\r\n").result.is_complete());
  CHECK(s.next().bytes == "x\r\n");
  CHECK(s.timeout_seconds() == 180);
  CHECK(s.next().bytes == ".\r\n");
  CHECK(s.timeout_seconds() == 600);
  s.timed_out();
  CHECK(s.is_done());
  CHECK(s.failure() == client_failure::timed_out);
  CHECK(s.next().kind == client_action_kind::done);
}

TEST_CASE("garbage from the server never crashes the session and always ends it") {
  std::uint32_t seed = 12345;
  auto rnd = [&] {
    seed = seed * 1103515245U + 12345U;
    return seed >> 16;
  };
  const std::string_view pieces[] = {
      "220 ",       "250 ",     "250-", "354 ",   "334 ",       "421 ", "550 ", "\r\n", "x",
      "PIPELINING", "STARTTLS", "\n",   "5.1.1 ", "AUTH PLAIN", "221 ", "\xff", "Zm9v"};
  for (int round = 0; round < 300; ++round) {
    client_options o = plain_options();
    o.tls = round % 2 ? tls_mode::opportunistic : tls_mode::none;
    o.lmtp = round % 5 == 0;
    auto s = std::make_unique<client_session>(o);
    std::string stream;
    for (int k = 0; k < 40; ++k) stream += pieces[rnd() % std::size(pieces)];
    envelope env("a@example.org", {"b@example.net", "c@example.net"}, "x\r\n");
    driver d{*s, {stream}};
    d.piece = 1 + rnd() % 9;
    d.messages.push_back(env.m);
    const script_run r = d.run(5000);
    CHECK(r.done);
  }
}
