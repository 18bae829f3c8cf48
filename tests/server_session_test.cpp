// Tests for server_session.hpp: the SMTP/LMTP server state machine. A full conversation with
// exact reply bytes; pipelined input whole, at every split point and one octet at a time;
// command sequencing; STARTTLS with a command pipelined behind it; AUTH PLAIN and LOGIN; LMTP
// per-recipient replies; BDAT; size, recipient and line limits; timeouts; garbage input.
#include <doctest/doctest.h>

#include <functional>
#include <ostream>
#include <random>
#include <smtpcodes/server_session.hpp>
#include <string>
#include <vector>

#include "split_feed.hpp"

using smtpcodes::enhanced_status;
using smtpcodes::errc;
using smtpcodes::reply_code;
using smtpcodes::server_event;
using smtpcodes::server_options;
using smtpcodes::server_session;
using namespace std::string_literals;

namespace {

// What a run produced: every reply octet, the events (message_data left out: its pieces depend
// on chunking), and each message body.
struct transcript {
  std::string out;
  std::string events;
  std::vector<std::string> bodies;
  bool operator==(const transcript& o) const {
    return out == o.out && events == o.events && bodies == o.bodies;
  }
  friend std::ostream& operator<<(std::ostream& os, const transcript& t) {
    return os << "{" << t.out << " | " << t.events << "}";
  }
};

using decider = std::function<void(server_session&, server_event)>;

void accept_all(server_session& s, server_event) {
  REQUIRE(s.accept() == errc{});
}

server_options base_options() {
  server_options o;
  o.host_name = "mx.example.com";
  return o;
}

// Feeds `chunks` as a socket would deliver them, answering each decision with `decide`. A
// start_tls event is followed by an (imagined) handshake: everything pending is dropped.
transcript run(const server_options& options, const std::vector<std::string>& chunks,
               const decider& decide = accept_all, std::size_t data_capacity = 64) {
  std::vector<char> data(data_capacity);
  server_session s(options, data.data(), data.size());
  REQUIRE(s.accept() == errc{});
  transcript t;
  std::string pending;
  std::string body;
  bool closed = false;
  for (const std::string& chunk : chunks) {
    if (closed) break;
    pending += chunk;
    for (int guard = 0; guard < 100000; ++guard) {
      const smtpcodes::server_result r = s.feed(pending);
      REQUIRE(r.consumed <= pending.size());
      if (r.event == server_event::message_data) {
        body += std::string(r.data);
      } else if (r.event != server_event::need_more && r.event != server_event::flush) {
        t.events += std::string(to_string(r.event)) + " ";
      }
      if (r.event == server_event::message_end || r.event == server_event::message_refused) {
        if (s.recipient_index() == 0) {
          t.bodies.push_back(body);
          body.clear();
        }
      }
      REQUIRE(r.event != server_event::answer_pending);
      if (r.needs_answer()) decide(s, r.event);
      pending.erase(0, r.consumed);
      t.out += std::string(s.output());
      s.clear_output();
      if (r.event == server_event::need_more) break;
      if (r.event == server_event::start_tls) {
        pending.clear();
        s.tls_started();
      }
      if (r.event == server_event::closed) {
        closed = true;
        break;
      }
    }
  }
  t.out += std::string(s.output());
  return t;
}

transcript run_whole(const server_options& o, const std::string& stream,
                     const decider& d = accept_all) {
  return run(o, {stream}, d);
}

// The replies only, one per line, without the greeting.
std::string replies(const transcript& t) {
  const std::size_t first = t.out.find("\r\n");
  return t.out.substr(first + 2);
}

}  // namespace

TEST_CASE("a full EHLO / MAIL / RCPT / DATA / QUIT conversation, byte for byte") {
  std::string body;
  const transcript t = run_whole(base_options(),
                                 "EHLO client.example.net\r\n"
                                 "MAIL FROM:<alice@example.org>\r\n"
                                 "RCPT TO:<bob@example.com>\r\n"
                                 "DATA\r\n"
                                 "Subject: hi\r\n"
                                 "\r\n"
                                 "..dot\r\n"
                                 ".\r\n"
                                 "QUIT\r\n");
  CHECK(t.out ==
        "220 mx.example.com ESMTP service ready\r\n"
        "250-mx.example.com Hello\r\n"
        "250-PIPELINING\r\n"
        "250-SIZE 0\r\n"
        "250-8BITMIME\r\n"
        "250 ENHANCEDSTATUSCODES\r\n"
        "250 2.1.0 Sender OK\r\n"
        "250 2.1.5 Recipient OK\r\n"
        "354 End data with <CR><LF>.<CR><LF>\r\n"
        "250 2.0.0 Message accepted\r\n"
        "221 2.0.0 mx.example.com Service closing transmission channel\r\n");
  CHECK(t.events == "hello mail rcpt message_end closed ");
  REQUIRE(t.bodies.size() == 1);
  CHECK(t.bodies[0] == "Subject: hi\r\n\r\n.dot\r\n");
}

TEST_CASE("the views of mail and rcpt events, and the caller's texts") {
  std::vector<char> data(64);
  server_session s(base_options(), data.data(), data.size());
  CHECK(s.feed("EHLO x.example\r\n").event == server_event::answer_pending);  // connection first
  REQUIRE(s.accept("ready") == errc{});
  CHECK(s.output() == "220 mx.example.com ready\r\n");
  s.clear_output();
  std::string in = "EHLO x.example\r\nMAIL FROM:<a@b.example> SIZE=10\r\nRCPT TO:<c@d.example>\r\n";
  auto r = s.feed(in);
  CHECK(r.event == server_event::hello);
  CHECK(s.parsed_command().target == "x.example");
  CHECK(s.feed(in.substr(r.consumed)).event == server_event::answer_pending);
  CHECK(s.accept("greets x.example") == errc{});
  CHECK(s.accept() == errc::bad_argument);  // nothing pending now
  in.erase(0, r.consumed);
  r = s.feed(in);
  CHECK(r.event == server_event::mail);
  CHECK(s.parsed_command().path.mailbox == "a@b.example");
  CHECK(s.parsed_command().values.size == 10);
  CHECK(s.accept("line\r\nbreak") == errc::line_break_in_text);  // still pending
  CHECK(s.reject(reply_code(250)) == errc::bad_argument);
  CHECK(s.reject(reply_code(550), enhanced_status{4, 1, 0}) == errc::bad_argument);
  CHECK(s.accept() == errc{});
  in.erase(0, r.consumed);
  r = s.feed(in);
  CHECK(r.event == server_event::rcpt);
  CHECK(s.parsed_command().path.mailbox == "c@d.example");
  CHECK(s.reject(reply_code(550), std::nullopt, "nobody") == errc{});
  CHECK(std::string(s.output()).find("250-x") == std::string::npos);
  CHECK(s.output() ==
        "250-mx.example.com greets x.example\r\n250-PIPELINING\r\n250-SIZE 0\r\n250-8BITMIME\r\n"
        "250 ENHANCEDSTATUSCODES\r\n250 2.1.0 Sender OK\r\n550 5.0.0 nobody\r\n");
  CHECK(s.recipients() == 0);
}

TEST_CASE("pipelined input gives the same replies whole, split anywhere, one octet at a time") {
  const std::string stream =
      "EHLO client.example.net\r\n"
      "MAIL FROM:<alice@example.org> SIZE=100\r\n"
      "RCPT TO:<bob@example.com>\r\n"
      "RCPT TO:<nobody@example.com>\r\n"
      "RCPT TO:<carol@example.com>\r\n"
      "DATA\r\n"
      "line one\r\n"
      ".leading dot\r\n"
      "\r\n"
      ".\r\n"
      "NOOP\r\n"
      "FOO bar\r\n"
      "RSET\r\n"
      "QUIT\r\n";
  const decider d = [](server_session& s, server_event e) {
    if (e == server_event::rcpt && s.parsed_command().path.local_part == "nobody") {
      REQUIRE(s.reject(reply_code(550), enhanced_status{5, 1, 1}, "No such user") == errc{});
    } else {
      REQUIRE(s.accept() == errc{});
    }
  };
  const server_options o = base_options();
  const transcript whole = check_split_invariance<transcript>(
      stream, [&](const std::vector<std::string>& chunks) { return run(o, chunks, d); });
  CHECK(replies(whole) ==
        "250-mx.example.com Hello\r\n250-PIPELINING\r\n250-SIZE 0\r\n250-8BITMIME\r\n"
        "250 ENHANCEDSTATUSCODES\r\n"
        "250 2.1.0 Sender OK\r\n"
        "250 2.1.5 Recipient OK\r\n"
        "550 5.1.1 No such user\r\n"
        "250 2.1.5 Recipient OK\r\n"
        "354 End data with <CR><LF>.<CR><LF>\r\n"
        "250 2.0.0 Message accepted\r\n"
        "250 2.0.0 OK\r\n"
        "500 5.5.2 Command unrecognized\r\n"
        "250 2.0.0 OK\r\n"
        "221 2.0.0 mx.example.com Service closing transmission channel\r\n");
  REQUIRE(whole.bodies.size() == 1);
  CHECK(whole.bodies[0] == "line one\r\nleading dot\r\n\r\n");
}

TEST_CASE("command sequencing errors get 503 5.5.1") {
  const server_options o = base_options();
  CHECK(replies(run_whole(o, "MAIL FROM:<a@b.example>\r\n")) ==
        "503 5.5.1 Send HELO/EHLO first\r\n");
  CHECK(replies(run_whole(o, "HELO c.example\r\nRCPT TO:<a@b.example>\r\n")) ==
        "250 mx.example.com Hello\r\n503 5.5.1 Need MAIL before RCPT\r\n");
  CHECK(replies(run_whole(o, "HELO c.example\r\nDATA\r\n")) ==
        "250 mx.example.com Hello\r\n503 5.5.1 Need MAIL before DATA\r\n");
  CHECK(replies(run_whole(o, "HELO c.example\r\nMAIL FROM:<>\r\nDATA\r\n")) ==
        "250 mx.example.com Hello\r\n250 2.1.0 Sender OK\r\n503 5.5.1 Need RCPT before DATA\r\n");
  CHECK(replies(run_whole(o, "HELO c.example\r\nMAIL FROM:<>\r\nMAIL FROM:<>\r\n")) ==
        "250 mx.example.com Hello\r\n250 2.1.0 Sender OK\r\n503 5.5.1 Nested MAIL command\r\n");
  // All recipients refused: DATA still needs one accepted RCPT.
  const decider refuse_rcpt = [](server_session& s, server_event e) {
    REQUIRE((e == server_event::rcpt ? s.reject() : s.accept()) == errc{});
  };
  CHECK(replies(run_whole(o, "HELO c.example\r\nMAIL FROM:<>\r\nRCPT TO:<x@y.example>\r\nDATA\r\n",
                          refuse_rcpt)) ==
        "250 mx.example.com Hello\r\n250 2.1.0 Sender OK\r\n550 5.1.1 No such recipient here\r\n"
        "503 5.5.1 Need RCPT before DATA\r\n");
  // RSET and a new HELO end the transaction.
  CHECK(replies(
            run_whole(o, "HELO c.example\r\nMAIL FROM:<>\r\nRSET\r\nRCPT TO:<x@y.example>\r\n")) ==
        "250 mx.example.com Hello\r\n250 2.1.0 Sender OK\r\n250 2.0.0 OK\r\n"
        "503 5.5.1 Need MAIL before RCPT\r\n");
  CHECK(replies(run_whole(o,
                          "HELO c.example\r\nMAIL FROM:<>\r\nHELO c.example\r\n"
                          "RCPT TO:<x@y.example>\r\n")) ==
        "250 mx.example.com Hello\r\n250 2.1.0 Sender OK\r\n250 mx.example.com Hello\r\n"
        "503 5.5.1 Need MAIL before RCPT\r\n");
  // A refused HELO leaves the client ungreeted.
  const decider refuse_hello = [](server_session& s, server_event e) {
    REQUIRE((e == server_event::hello ? s.reject() : s.accept()) == errc{});
  };
  CHECK(replies(run_whole(o, "HELO c.example\r\nMAIL FROM:<>\r\n", refuse_hello)) ==
        "550 5.7.1 Hello refused\r\n503 5.5.1 Send HELO/EHLO first\r\n");
  // Without require_hello, MAIL may come first.
  server_options lax = o;
  lax.require_hello = false;
  CHECK(replies(run_whole(lax, "MAIL FROM:<a@b.example> SIZE=5\r\n")) == "250 2.1.0 Sender OK\r\n");
  // After HELO, no extension is in effect: parameters are refused.
  CHECK(replies(run_whole(o, "HELO c.example\r\nMAIL FROM:<a@b.example> SIZE=5\r\n")) ==
        "250 mx.example.com Hello\r\n555 5.5.4 MAIL parameters not recognized or not "
        "implemented\r\n");
}

TEST_CASE("syntax errors, unknown commands, unoffered parameters, long lines") {
  const server_options o = base_options();
  CHECK(replies(run_whole(o, "XYZZY\r\n")) == "500 5.5.2 Command unrecognized\r\n");
  CHECK(replies(run_whole(o, "HELO\r\n")) ==
        "501 5.5.4 Syntax error in parameters or arguments\r\n");
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<bad\r\n")).find("501 5.1.7 ") !=
        std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<bad@>\r\n"))
            .find("501 5.1.3 ") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<a@b.example> NOTIFY=NEVER\r\n"))
            .find("555 5.5.4 ") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<a@b.example> SMTPUTF8\r\n"))
            .find("555 5.5.4 ") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<j\xc3\xb6@b.example>\r\n"))
            .find("553 5.6.7 ") != std::string::npos);
  CHECK(replies(run_whole(o, "DATA x\r\n")) ==
        "501 5.5.4 Syntax error in parameters or arguments\r\n");
  CHECK(replies(run_whole(o, "EXPN list\r\nVRFY bob\r\nHELP\r\n")) ==
        "502 5.5.1 Command not implemented\r\n"
        "252 2.5.0 Cannot VRFY user, but will accept message and attempt delivery\r\n"
        "214 2.0.0 See RFC 5321\r\n");
  CHECK(replies(run_whole(o, "LHLO a.example\r\n")) == "500 5.5.2 Command unrecognized\r\n");
  // A line over 512 octets: 500 5.5.6 once its end arrives, and the next command still works.
  const std::string long_line = "NOOP " + std::string(600, 'x') + "\r\nNOOP\r\n";
  const transcript t = check_split_invariance<transcript>(
      long_line, [&](const std::vector<std::string>& c) { return run(o, c); });
  CHECK(replies(t) == "500 5.5.6 Line too long\r\n250 2.0.0 OK\r\n");
  // Bare LF, bare CR and NUL inside a command line are never executed.
  CHECK(replies(run_whole(o, "QUIT\nNOOP\r\nNO\rOP\r\nNO\0OP\r\nNOOP\r\n"s)) ==
        "500 5.5.2 Syntax error: bare CR, bare LF or control octet\r\n250 2.0.0 OK\r\n"
        "500 5.5.2 Syntax error: bare CR, bare LF or control octet\r\n"
        "500 5.5.2 Syntax error: bare CR, bare LF or control octet\r\n250 2.0.0 OK\r\n");
}

TEST_CASE("STARTTLS: 220, a pipelined command behind it is dropped, then a fresh session") {
  server_options o = base_options();
  o.starttls = true;
  std::vector<char> data(64);
  server_session s(o, data.data(), data.size());
  REQUIRE(s.accept() == errc{});
  s.clear_output();
  std::string in = "EHLO a.example\r\n";
  auto r = s.feed(in);
  REQUIRE(r.event == server_event::hello);
  REQUIRE(s.accept() == errc{});
  CHECK(std::string(s.output()).find("250 STARTTLS\r\n") != std::string::npos);
  s.clear_output();
  in = "STARTTLS\r\nMAIL FROM:<evil@example.org>\r\n";
  r = s.feed(in);
  CHECK(r.event == server_event::start_tls);
  CHECK(r.consumed == in.size());
  CHECK(s.discarded() == std::string("MAIL FROM:<evil@example.org>\r\n").size());
  CHECK(s.output() == "220 2.0.0 Ready to start TLS\r\n");
  s.clear_output();
  // Octets arriving before the handshake is done are dropped too.
  r = s.feed("RSET\r\n");
  CHECK(r.event == server_event::need_more);
  CHECK(r.consumed == 6);
  CHECK(s.output().empty());
  s.tls_started();
  CHECK(s.is_tls_active());
  // Fresh: the EHLO before TLS is forgotten, and STARTTLS is no longer offered.
  in = "MAIL FROM:<a@b.example>\r\nSTARTTLS\r\nEHLO a.example\r\n";
  r = s.feed(in);
  CHECK(r.event == server_event::hello);
  REQUIRE(s.accept() == errc{});
  const std::string out(s.output());
  CHECK(out.find("503 5.5.1 Send HELO/EHLO first\r\n503 5.5.1 TLS already active\r\n") == 0);
  CHECK(out.find("STARTTLS") == std::string::npos);
  // Not offered at all: 502.
  CHECK(replies(run_whole(base_options(), "STARTTLS\r\n")) ==
        "502 5.5.1 Command not implemented\r\n");
  // require_tls: MAIL refused until TLS.
  o.require_tls = true;
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<>\r\n"))
            .find("530 5.7.0 Must issue a STARTTLS command first\r\n") != std::string::npos);
}

namespace {
server_options auth_options() {
  server_options o = base_options();
  o.auth_plain = true;
  o.auth_login = true;
  o.auth_requires_tls = false;
  return o;
}
}  // namespace

TEST_CASE("AUTH PLAIN and LOGIN: success, cancel, bad base64, sequencing") {
  const server_options o = auth_options();
  std::string user, password, authzid;
  const decider check = [&](server_session& s, server_event e) {
    if (e == server_event::auth) {
      const auto c = s.credentials();
      user = std::string(c.authcid);
      password = std::string(c.password);
      authzid = std::string(c.authzid);
      REQUIRE((password == "secret" ? s.accept() : s.reject()) == errc{});
    } else {
      REQUIRE(s.accept() == errc{});
    }
  };
  // "\0alice\0secret" in base64, as an initial response.
  transcript t =
      run_whole(o, "EHLO a.example\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nAUTH PLAIN\r\n", check);
  CHECK(t.out.find("250 AUTH PLAIN LOGIN\r\n") != std::string::npos);
  CHECK(t.out.find("235 2.7.0 Authentication successful\r\n503 5.5.1 Already authenticated\r\n") !=
        std::string::npos);
  CHECK(user == "alice");
  CHECK(authzid.empty());
  // PLAIN without an initial response: "334 " then the response.
  const std::string plain_stream = "EHLO a.example\r\nAUTH PLAIN\r\nYm9iAGJvYgB3cm9uZw==\r\n";
  t = check_split_invariance<transcript>(
      plain_stream, [&](const std::vector<std::string>& c) { return run(o, c, check); });
  CHECK(t.out.find("334 \r\n535 5.7.8 Authentication credentials invalid\r\n") !=
        std::string::npos);
  CHECK(user == "bob");
  CHECK(authzid == "bob");
  // LOGIN: two prompts.
  const std::string login_stream = "EHLO a.example\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n";
  t = check_split_invariance<transcript>(
      login_stream, [&](const std::vector<std::string>& c) { return run(o, c, check); });
  CHECK(t.out.find(
            "334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n") !=
        std::string::npos);
  CHECK(user == "alice");
  // LOGIN with the user name as initial response.
  t = run_whole(o, "EHLO a.example\r\nAUTH LOGIN YWxpY2U=\r\nc2VjcmV0\r\n", check);
  CHECK(t.out.find("334 UGFzc3dvcmQ6\r\n235 2.7.0 ") != std::string::npos);
  // Cancel, bad base64, "=" (an empty PLAIN response is malformed).
  CHECK(replies(run_whole(o, "EHLO a.example\r\nAUTH LOGIN\r\n*\r\nNOOP\r\n", check))
            .find("334 VXNlcm5hbWU6\r\n501 5.7.0 Authentication cancelled\r\n250 2.0.0 OK\r\n") !=
        std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nAUTH PLAIN\r\n!!!!\r\n", check))
            .find("334 \r\n501 5.5.2 Cannot decode response\r\n") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nAUTH PLAIN abc\r\n", check))
            .find("501 5.5.2 Cannot decode response\r\n") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nAUTH PLAIN =\r\n", check))
            .find("501 5.5.2 Cannot decode response\r\n") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nAUTH CRAM-MD5\r\n", check))
            .find("504 5.5.4 Unrecognized authentication type\r\n") != std::string::npos);
  CHECK(replies(run_whole(o, "HELO a.example\r\nAUTH PLAIN\r\n", check))
            .find("503 5.5.1 Send EHLO first\r\n") != std::string::npos);
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<>\r\nAUTH PLAIN\r\n", check))
            .find("503 5.5.1 AUTH not permitted during a mail transaction\r\n") !=
        std::string::npos);
  // An exchange line that is too long: 500 5.5.6, and the exchange is over.
  CHECK(
      replies(
          run_whole(o, "EHLO a.example\r\nAUTH PLAIN\r\n" + std::string(2000, 'A') + "\r\nNOOP\r\n",
                    check))
          .find("334 \r\n500 5.5.6 Authentication Exchange line is too long\r\n250 2.0.0 OK\r\n") !=
      std::string::npos);
  // Not offered; over plain text when TLS is required for AUTH; required before MAIL.
  CHECK(replies(run_whole(base_options(), "EHLO a.example\r\nAUTH PLAIN\r\n")).find("502 5.5.1 ") !=
        std::string::npos);
  server_options tls_only = o;
  tls_only.auth_requires_tls = true;
  t = run_whole(tls_only, "EHLO a.example\r\nAUTH PLAIN\r\n");
  CHECK(t.out.find("AUTH PLAIN") == std::string::npos);  // not listed before TLS
  CHECK(t.out.find("538 5.7.11 Encryption required for requested authentication mechanism\r\n") !=
        std::string::npos);
  server_options must = o;
  must.require_auth = true;
  CHECK(replies(run_whole(must,
                          "EHLO a.example\r\nMAIL FROM:<>\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"
                          "MAIL FROM:<>\r\n",
                          check))
            .find("530 5.7.0 Authentication required\r\n235 2.7.0 Authentication successful\r\n"
                  "250 2.1.0 Sender OK\r\n") != std::string::npos);
}

TEST_CASE("LMTP: three recipients, one refused, two replies after DATA, in RCPT order") {
  server_options o = base_options();
  o.lmtp = true;
  std::vector<std::size_t> indexes;
  const decider d = [&](server_session& s, server_event e) {
    if (e == server_event::rcpt && s.parsed_command().path.local_part == "two") {
      REQUIRE(s.reject(reply_code(550), enhanced_status{5, 1, 1}, "No such user") == errc{});
    } else if (e == server_event::message_end) {
      indexes.push_back(s.recipient_index());
      REQUIRE((s.recipient_index() == 0 ? s.accept("Delivered to one")
                                        : s.reject(reply_code(452), enhanced_status{4, 2, 2},
                                                   "Mailbox full")) == errc{});
    } else {
      REQUIRE(s.accept() == errc{});
    }
  };
  const std::string stream =
      "LHLO client.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<one@x.example>\r\n"
      "RCPT TO:<two@x.example>\r\nRCPT TO:<three@x.example>\r\nDATA\r\nhi\r\n.\r\nQUIT\r\n";
  const transcript t = check_split_invariance<transcript>(
      stream, [&](const std::vector<std::string>& c) { return run(o, c, d); });
  CHECK(t.out.find("220 mx.example.com LMTP service ready\r\n") == 0);
  CHECK(t.out.find("354 End data with <CR><LF>.<CR><LF>\r\n"
                   "250 2.0.0 Delivered to one\r\n"
                   "452 4.2.2 Mailbox full\r\n"
                   "221 2.0.0 ") != std::string::npos);
  CHECK(t.events == "hello mail rcpt rcpt rcpt message_end message_end closed ");
  CHECK(replies(run_whole(o, "EHLO a.example\r\n")) ==
        "500 5.5.1 This is LMTP: use LHLO (RFC 2033)\r\n");
  indexes.clear();
  (void)run_whole(o, stream, d);
  CHECK(indexes == std::vector<std::size_t>{0, 1});
}

TEST_CASE("BDAT: a reply per chunk, the LAST one the verdict; chunks always consumed") {
  server_options o = base_options();
  o.chunking = true;
  const std::string stream =
      "EHLO a.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<c@d.example>\r\n"
      "BDAT 5\r\nhello"
      "BDAT 8 LAST\r\n world\r\n"
      "NOOP\r\n";
  const transcript t = check_split_invariance<transcript>(
      stream, [&](const std::vector<std::string>& c) { return run(o, c); });
  CHECK(t.out.find("250-CHUNKING\r\n") != std::string::npos);
  CHECK(t.out.find("250 2.1.5 Recipient OK\r\n250 2.0.0 5 octets received\r\n"
                   "250 2.0.0 Message accepted\r\n250 2.0.0 OK\r\n") != std::string::npos);
  REQUIRE(t.bodies.size() == 1);
  CHECK(t.bodies[0] == "hello world\r\n");
  // Without a transaction, the chunk is read and discarded, never taken as commands.
  CHECK(replies(run_whole(o, "EHLO a.example\r\nBDAT 6\r\nQUIT\r\nNOOP\r\n"))
            .find("503 5.5.1 Need MAIL before BDAT\r\n250 2.0.0 OK\r\n") != std::string::npos);
  CHECK(replies(run_whole(base_options(), "EHLO a.example\r\nBDAT 6\r\nQUIT\r\nNOOP\r\n"))
            .find("502 5.5.1 Command not implemented\r\n250 2.0.0 OK\r\n") != std::string::npos);
  // DATA after BDAT in one transaction is refused; BDAT 0 LAST ends an empty message.
  CHECK(replies(run_whole(o,
                          "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\n"
                          "BDAT 1\r\nxDATA\r\nBDAT 0 LAST\r\n"))
            .find("250 2.0.0 1 octets received\r\n503 5.5.1 DATA after BDAT in one transaction\r\n"
                  "250 2.0.0 Message accepted\r\n") != std::string::npos);
  // Over the size limit: 552 5.3.4, the message is refused, later chunks discarded.
  o.max_message_size = 4;
  const transcript big = run_whole(o,
                                   "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\n"
                                   "BDAT 5\r\nhelloBDAT 1 LAST\r\nxNOOP\r\n");
  CHECK(big.out.find("250-SIZE 4\r\n") != std::string::npos);
  CHECK(big.out.find("552 5.3.4 Message size exceeds fixed maximum message size\r\n"
                     "503 5.5.1 Need MAIL before BDAT\r\n250 2.0.0 OK\r\n") != std::string::npos);
  CHECK(big.events.find("message_refused") != std::string::npos);
}

TEST_CASE("LMTP with BDAT: one reply per chunk, one per recipient after LAST (RFC 2033 §4.2)") {
  server_options o = base_options();
  o.lmtp = true;
  o.chunking = true;
  const std::string envelope =
      "LHLO a.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<one@x.example>\r\n"
      "RCPT TO:<two@x.example>\r\n";
  const transcript t = check_split_invariance<transcript>(
      envelope + "BDAT 3\r\nhi\nBDAT 2 LAST\r\nyo" + "NOOP\r\n",
      [&](const std::vector<std::string>& c) { return run(o, c); });
  CHECK(t.out.find("250 2.0.0 3 octets received\r\n"
                   "250 2.0.0 Message accepted\r\n250 2.0.0 Message accepted\r\n"
                   "250 2.0.0 OK\r\n") != std::string::npos);
  CHECK(t.events.find("message_end message_end ") != std::string::npos);
  o.max_message_size = 4;
  // A chunk over the limit that is not LAST: one 552 (the reply to that chunk), the
  // transaction is over, and the LAST chunk after it is answered once, as outside one.
  CHECK(replies(run_whole(o, envelope + "BDAT 5\r\nhelloBDAT 1 LAST\r\nxNOOP\r\n"))
            .find("250 2.1.5 Recipient OK\r\n"
                  "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
                  "503 5.5.1 Need MAIL before BDAT\r\n250 2.0.0 OK\r\n") != std::string::npos);
  // The LAST chunk itself over the limit: the message's verdict, so one 552 per recipient.
  CHECK(replies(run_whole(o, envelope + "BDAT 5 LAST\r\nhelloNOOP\r\n"))
            .find("250 2.1.5 Recipient OK\r\n"
                  "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
                  "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
                  "250 2.0.0 OK\r\n") != std::string::npos);
}

TEST_CASE("size and recipient limits") {
  server_options o = base_options();
  o.max_message_size = 20;
  // MAIL SIZE over the limit.
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<> SIZE=21\r\n"))
            .find("552 5.3.4 Message size exceeds fixed maximum message size\r\n") !=
        std::string::npos);
  // A body over the limit: 552 after the terminator, and the session stays in step.
  const std::string stream = "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n" +
                             std::string(30, 'x') + "\r\n.\r\nNOOP\r\n";
  const transcript t = check_split_invariance<transcript>(
      stream, [&](const std::vector<std::string>& c) { return run(o, c); });
  CHECK(t.out.find("354 End data with <CR><LF>.<CR><LF>\r\n"
                   "552 5.3.4 Message size exceeds fixed maximum message size\r\n"
                   "250 2.0.0 OK\r\n") != std::string::npos);
  CHECK(t.events == "hello mail rcpt message_refused ");
  // Recipients: 452 4.5.3 past the limit, LIMITS RCPTMAX advertised.
  server_options r = base_options();
  r.max_recipients = 2;
  r.advertise_limits = true;
  const transcript many = run_whole(r,
                                    "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<a@x.example>\r\n"
                                    "RCPT TO:<b@x.example>\r\nRCPT TO:<c@x.example>\r\n");
  CHECK(many.out.find("250 LIMITS RCPTMAX=2\r\n") != std::string::npos);
  CHECK(many.out.find("250 2.1.5 Recipient OK\r\n250 2.1.5 Recipient OK\r\n"
                      "452 4.5.3 Too many recipients\r\n") != std::string::npos);
  // The default allows the RFC's 100 recipients.
  std::string hundred = "EHLO a.example\r\nMAIL FROM:<>\r\n";
  for (int i = 0; i < 101; ++i) hundred += "RCPT TO:<r" + std::to_string(i) + "@x.example>\r\n";
  const transcript h = run_whole(base_options(), hundred);
  std::size_t ok = 0;
  for (std::size_t at = 0; (at = h.out.find("250 2.1.5", at)) != std::string::npos; ++at) ++ok;
  CHECK(ok == 100);
  CHECK(h.out.find("452 4.5.3 Too many recipients\r\n") != std::string::npos);
}

TEST_CASE("DATA: bare LF closes (smuggling-safe), a text line limit, no data buffer") {
  const server_options o = base_options();
  const transcript t = run_whole(o,
                                 "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\n"
                                 "DATA\r\nhi\n.\nMAIL FROM:<evil@x.example>\r\n.\r\n");
  CHECK(t.out.find("354 End data with <CR><LF>.<CR><LF>\r\n"
                   "554 5.6.0 Bare CR or LF in message data, closing\r\n") != std::string::npos);
  CHECK(t.events == "hello mail rcpt closed ");
  server_options lines = o;
  lines.max_text_line = 10;
  CHECK(run_whole(lines, "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n" +
                             std::string(20, 'y') + "\r\n.\r\n")
            .out.find("554 5.6.0 Message line too long\r\n") != std::string::npos);
  const transcript nobuf = run(
      o, {"EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\n"}, accept_all, 0);
  CHECK(nobuf.out.find("451 4.3.0 No room for message data\r\n") != std::string::npos);
  // Normalize: a bare LF becomes CR LF and the message goes on.
  server_options norm = o;
  norm.data_line_endings = smtpcodes::line_ending_policy::normalize;
  const transcript n = run(norm,
                           {"EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\n"
                            "DATA\r\na\nb\r\n.\r\n"},
                           accept_all, 4);
  REQUIRE(n.bodies.size() == 1);
  CHECK(n.bodies[0] == "a\r\nb\r\n");
}

TEST_CASE("QUIT, timeouts, a refused connection") {
  const server_options o = base_options();
  std::vector<char> data(16);
  server_session s(o, data.data(), data.size());
  REQUIRE(s.accept() == errc{});
  s.clear_output();
  CHECK(s.timeout() == errc{});
  CHECK(s.output() == "421 4.4.2 mx.example.com Timeout, closing connection\r\n");
  CHECK(s.is_closed());
  CHECK(s.feed("NOOP\r\n").event == server_event::closed);
  CHECK(smtpcodes::server_timeout_seconds == 300);
  CHECK(smtpcodes::data_termination_timeout_seconds == 600);

  server_session r(o, data.data(), data.size());
  REQUIRE(r.reject() == errc{});
  std::string in = "EHLO a.example\r\nQUIT\r\n";
  const auto res = r.feed(in);
  CHECK(res.event == server_event::closed);
  CHECK(r.output() ==
        "554 mx.example.com No SMTP service here\r\n"
        "503 5.5.1 No SMTP service here; send QUIT\r\n"
        "221 2.0.0 mx.example.com Service closing transmission channel\r\n");

  server_session c(o, data.data(), data.size());
  REQUIRE(c.reject(reply_code(421), std::nullopt, "busy") == errc{});
  CHECK(c.is_closed());
  server_options bad = o;
  bad.host_name = "two words";
  server_session b(bad, data.data(), data.size());
  CHECK(b.accept() == errc::bad_argument);
}

TEST_CASE("many pipelined commands: flush when the output buffer is full, all replies in order") {
  std::string stream;
  for (int i = 0; i < 300; ++i) stream += "NOOP\r\n";
  std::vector<char> data(16);
  server_session s(base_options(), data.data(), data.size());
  REQUIRE(s.accept() == errc{});
  s.clear_output();
  std::string out;
  std::size_t flushes = 0;
  std::string_view rest = stream;
  while (true) {
    const auto r = s.feed(rest);
    rest.remove_prefix(r.consumed);
    if (r.event == server_event::flush) {
      ++flushes;
      CHECK(s.output().size() > server_session::output_capacity - server_session::reply_reserve);
    }
    out += std::string(s.output());
    s.consume_output(s.output().size());
    if (r.event == server_event::need_more) break;
  }
  CHECK(flushes > 0);
  std::string expected;
  for (int i = 0; i < 300; ++i) expected += "250 2.0.0 OK\r\n";
  CHECK(out == expected);
}

TEST_CASE("random garbage never crashes and never leaves the session stuck") {
  std::mt19937 rng(12345);
  const std::string alphabet[] = {"\r\n",
                                  "\n",
                                  "\r",
                                  ".",
                                  "MAIL FROM:<a@b.example>",
                                  "RCPT TO:<c@d.example>",
                                  "DATA",
                                  "BDAT 3",
                                  "BDAT 2 LAST",
                                  "AUTH PLAIN",
                                  "AUTH LOGIN",
                                  "*",
                                  "EHLO x.example",
                                  "STARTTLS",
                                  "RSET",
                                  "=",
                                  "AGFsaWNlAHNlY3JldA==",
                                  " ",
                                  "\0",
                                  "\xff",
                                  "x"};
  server_options o = auth_options();
  o.chunking = true;
  o.starttls = true;
  o.max_message_size = 50;
  std::size_t events = 0;
  for (int round = 0; round < 300; ++round) {
    std::string stream;
    const int parts = static_cast<int>(rng() % 60);
    for (int i = 0; i < parts; ++i) {
      stream += alphabet[rng() % (sizeof alphabet / sizeof alphabet[0])];
    }
    std::vector<std::string> chunks;
    for (std::size_t i = 0; i < stream.size();) {
      const std::size_t n = 1 + rng() % 16;
      chunks.push_back(stream.substr(i, n));
      i += n;
    }
    const decider d = [&](server_session& s, server_event) {
      REQUIRE(((rng() & 1) != 0 ? s.accept() : s.reject()) == errc{});
    };
    const transcript t = run(o, chunks, d, 1 + rng() % 32);
    events += t.events.size();
    // Every reply is a well-framed line.
    CAPTURE(stream);
    CAPTURE(t.out);
    CHECK((t.out.size() >= 2 && t.out.compare(t.out.size() - 2, 2, "\r\n") == 0));
  }
  CHECK(events > 0);
}

TEST_CASE("offered extensions: their parameters pass, enhanced codes can be off") {
  server_options o = base_options();
  o.dsn = true;
  o.smtputf8 = true;
  const transcript t =
      run_whole(o,
                "EHLO a.example\r\n"
                "MAIL FROM:<j\xc3\xb6@b.example> SMTPUTF8 RET=FULL ENVID=x BODY=8BITMIME\r\n"
                "RCPT TO:<\xc3\xa5@d.example> NOTIFY=NEVER\r\n");
  CHECK(t.out.find("250-SMTPUTF8\r\n250-DSN\r\n") != std::string::npos);
  CHECK(t.out.find("250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n") != std::string::npos);
  CHECK(t.events == "hello mail rcpt ");
  // BINARYMIME is not offered.
  CHECK(replies(run_whole(o, "EHLO a.example\r\nMAIL FROM:<> BODY=BINARYMIME\r\n"))
            .find("555 5.5.4 ") != std::string::npos);
  // The caller may take unoffered parameters itself.
  server_options lax = base_options();
  lax.accept_unoffered_parameters = true;
  CHECK(replies(run_whole(lax, "EHLO a.example\r\nMAIL FROM:<> XFOO=1\r\n")).find("250 2.1.0 ") !=
        std::string::npos);
  server_options plain = base_options();
  plain.enhanced_status_codes = false;
  const transcript p = run_whole(plain,
                                 "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\n"
                                 "XYZZY\r\nQUIT\r\n");
  CHECK(p.out.find("ENHANCEDSTATUSCODES") == std::string::npos);
  CHECK(p.out.find("250 Sender OK\r\n250 Recipient OK\r\n500 Command unrecognized\r\n"
                   "221 mx.example.com Service closing transmission channel\r\n") !=
        std::string::npos);
}

TEST_CASE("message verdicts: a queue id, a refusal, and the session's own refusal reason") {
  const std::string stream =
      "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nx\r\n.\r\n"
      "MAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\ny\r\n.\r\n";
  int messages = 0;
  const decider d = [&](server_session& s, server_event e) {
    if (e != server_event::message_end) {
      REQUIRE(s.accept() == errc{});
    } else if (messages++ == 0) {
      REQUIRE(s.accept("OK queued as 4F2A") == errc{});
    } else {
      REQUIRE(s.reject(reply_code(451), enhanced_status{4, 3, 0}, "Try later") == errc{});
    }
  };
  const transcript t = run_whole(base_options(), stream, d);
  CHECK(t.out.find("250 2.0.0 OK queued as 4F2A\r\n") != std::string::npos);
  CHECK(t.out.find("451 4.3.0 Try later\r\n") != std::string::npos);
  REQUIRE(t.bodies.size() == 2);
  CHECK(t.bodies[1] == "y\r\n");

  server_options o = base_options();
  o.max_message_size = 3;
  std::vector<char> data(8);
  server_session s(o, data.data(), data.size());
  REQUIRE(s.accept() == errc{});
  std::string in =
      "EHLO a.example\r\nMAIL FROM:<>\r\nRCPT TO:<c@d.example>\r\nDATA\r\nabcdef\r\n.\r\n";
  std::string got;
  for (int i = 0; i < 20; ++i) {
    const auto r = s.feed(in);
    if (r.event == server_event::message_data) got += std::string(r.data);
    if (r.needs_answer()) REQUIRE(s.accept() == errc{});
    in.erase(0, r.consumed);
    if (r.event == server_event::message_refused || r.event == server_event::need_more) break;
  }
  CHECK(s.error() == errc::message_too_large);
  CHECK(got == "abc");  // output stops at the limit
  CHECK(!s.in_transaction());
}

TEST_CASE("consume_output drops what was sent, keeps the rest") {
  std::vector<char> data(8);
  server_session s(base_options(), data.data(), data.size());
  REQUIRE(s.accept() == errc{});
  s.consume_output(4);
  CHECK(s.output() == "mx.example.com ESMTP service ready\r\n");
  s.consume_output(1000);
  CHECK(s.output().empty());
}
