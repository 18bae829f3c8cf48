// The two sessions talking to each other in memory: client_session's bytes go to
// server_session and back, with STARTTLS (the "handshake" is both sides calling tls_started),
// AUTH PLAIN and LOGIN through sasl_client steppers, pipelining, BDAT, RCPTMAX batches and
// LMTP. What the server stores must equal what the client was given, byte for byte, and each
// side's view of each recipient must agree.
#include <doctest/doctest.h>

#include <memory>
#include <smtpcodes/client_session.hpp>
#include <smtpcodes/server_session.hpp>
#include <string>
#include <string_view>
#include <vector>

using namespace smtpcodes;

namespace {

struct pair_result {
  std::string stored;                   // the message as the server received it
  std::vector<std::string> rcpts;       // recipients the server accepted
  std::vector<std::string> auth_users;  // credentials the server saw
  int tls = 0;
  bool client_done = false;
};

/// Runs one conversation. The server refuses any recipient whose local part is "nobody", and
/// the password must be "secret".
pair_result converse(const client_options& co, const server_options& so,
                     const client_message* message) {
  pair_result out;
  auto client = std::make_unique<client_session>(co);
  char data[512];
  auto server = std::make_unique<server_session>(so, data, sizeof data);
  REQUIRE(server->accept() == errc{});
  std::string to_server;  // client → server, unconsumed
  std::string to_client = std::string(server->output());
  server->clear_output();
  bool started = false;
  bool tls_pending = false;
  for (int step = 0; step < 5000; ++step) {
    // The server works through what it has.
    for (int k = 0; k < 200; ++k) {
      const server_result r = server->feed(to_server);
      if (r.event == server_event::message_data) out.stored.append(r.data);
      if (r.event == server_event::rcpt) {
        const std::string_view mailbox = server->parsed_command().path.mailbox;
        if (mailbox.substr(0, 7) == "nobody@") {
          REQUIRE(server->reject(reply_code(550), enhanced_status{5, 1, 1}, "no such user") ==
                  errc{});
        } else {
          out.rcpts.emplace_back(mailbox);
          REQUIRE(server->accept() == errc{});
        }
      } else if (r.event == server_event::auth) {
        const server_credentials c = server->credentials();
        out.auth_users.emplace_back(c.authcid);
        REQUIRE((c.password == "secret" ? server->accept() : server->reject()) == errc{});
      } else if (r.needs_answer()) {
        REQUIRE(server->accept() == errc{});
      }
      to_server.erase(0, r.consumed);
      to_client += server->output();
      server->clear_output();
      if (r.event == server_event::start_tls) {
        to_server.clear();
        tls_pending = true;
      }
      if (r.event == server_event::need_more || r.event == server_event::closed ||
          r.event == server_event::start_tls)
        break;
    }
    // The client speaks or reads.
    const client_action a = client->next();
    if (a.kind == client_action_kind::done) {
      out.client_done = true;
      break;
    }
    if (a.kind == client_action_kind::send) {
      to_server.append(a.bytes);
    } else if (a.kind == client_action_kind::receive) {
      if (to_client.empty()) {
        if (server->is_closed()) client->connection_closed();
        continue;
      }
      const client_event e = client->receive(to_client);
      REQUIRE(e.violation == client_violation::none);
      if (e.result.is_complete()) to_client.erase(0, e.result.consumed);
    } else if (a.kind == client_action_kind::start_tls) {
      REQUIRE(tls_pending);
      ++out.tls;
      client->tls_started();
      server->tls_started();
      tls_pending = false;
    } else if (a.kind == client_action_kind::idle) {
      if (!started && message != nullptr) {
        started = true;
        REQUIRE(client->start_message(*message) == message_refusal::none);
      } else {
        client->quit();
      }
    } else {
      FAIL("the client asked for an AUTH answer though a stepper was given");
    }
  }
  CHECK(client->failure() == client_failure::none);
  return out;
}

struct envelope {
  std::vector<std::string_view> rcpts;
  std::vector<recipient_status> statuses;
  client_message m;
  envelope(std::vector<std::string_view> to, std::string_view content)
      : rcpts(std::move(to)), statuses(rcpts.size()) {
    m.reverse_path = "alice@example.org";
    m.recipients = rcpts.data();
    m.recipient_count = rcpts.size();
    m.statuses = statuses.data();
    m.content = content;
  }
};

constexpr std::string_view message_text =
    "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: pair\r\n\r\n"
    ".starts with a dot\r\n..two dots\r\n.\r\nlast line\r\n";

}  // namespace

TEST_CASE("plain SMTP with pipelining: the message arrives byte for byte") {
  for (bool pipelining : {false, true}) {
    CAPTURE(pipelining);
    client_options co;
    co.hello_name = "client.example.org";
    co.tls = tls_mode::none;
    server_options so;
    so.host_name = "mx.example.net";
    so.pipelining = pipelining;
    envelope env({"bob@example.net", "nobody@example.net", "carol@example.net"}, message_text);
    const pair_result r = converse(co, so, &env.m);
    CHECK(r.client_done);
    CHECK(r.stored == message_text);
    CHECK(r.rcpts == std::vector<std::string>{"bob@example.net", "carol@example.net"});
    CHECK(env.statuses[0].delivered());
    CHECK(env.statuses[1].code == 550);
    CHECK(env.statuses[2].delivered());
  }
}

TEST_CASE("STARTTLS required, then AUTH PLAIN and LOGIN through sasl_client") {
  for (sasl_mechanism mech : {sasl_mechanism::plain, sasl_mechanism::login}) {
    CAPTURE(to_string(mech));
    sasl_credentials cred;
    cred.username = "alice";
    cred.password = "secret";
    sasl_client stepper(mech, cred);
    client_options co;
    co.hello_name = "client.example.org";
    co.tls = tls_mode::required;
    co.sasl = &stepper;
    server_options so;
    so.host_name = "mx.example.net";
    so.starttls = true;
    so.auth_plain = true;
    so.auth_login = true;
    so.require_auth = true;
    envelope env({"bob@example.net"}, message_text);
    const pair_result r = converse(co, so, &env.m);
    CHECK(r.tls == 1);
    CHECK(r.auth_users == std::vector<std::string>{"alice"});
    CHECK(r.stored == message_text);
    CHECK(env.statuses[0].delivered());
  }
}

TEST_CASE("BDAT when the server offers CHUNKING; RCPTMAX batches") {
  client_options co;
  co.hello_name = "client.example.org";
  co.tls = tls_mode::none;
  server_options so;
  so.host_name = "mx.example.net";
  so.chunking = true;
  so.max_recipients = 2;
  so.advertise_limits = true;
  envelope env({"b@example.net", "c@example.net", "d@example.net"}, message_text);
  const pair_result r = converse(co, so, &env.m);
  // Two transactions (RCPTMAX=2), each with the whole message.
  CHECK(r.stored == std::string(message_text) + std::string(message_text));
  CHECK(r.rcpts.size() == 3);
  for (const auto& st : env.statuses) {
    CHECK(st.delivered());
    CHECK(st.step == reply_step::bdat);
  }
}

TEST_CASE("LMTP: a reply per accepted recipient, both sides agree") {
  client_options co;
  co.hello_name = "client.example.org";
  co.tls = tls_mode::none;
  co.lmtp = true;
  server_options so;
  so.host_name = "lmtp.example.net";
  so.lmtp = true;
  envelope env({"b@example.net", "nobody@example.net", "d@example.net"}, message_text);
  const pair_result r = converse(co, so, &env.m);
  CHECK(r.stored == message_text);
  CHECK(env.statuses[0].delivered());
  CHECK(env.statuses[0].step == reply_step::data_end);
  CHECK(env.statuses[1].step == reply_step::rcpt);
  CHECK(env.statuses[2].delivered());
}
