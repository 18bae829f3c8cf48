// Proves the parsers and writers never allocate: a counting global operator new wraps the calls.
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <smtpcodes.hpp>
#include <string>

#include "support/hash.hpp"

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

TEST_CASE("the counter sees allocations") {
  const std::size_t before = allocations;
  auto* p = new std::string(100, 'x');
  delete p;
  CHECK(allocations > before);
}

TEST_CASE("line reader, reply and EHLO parsers, lookups and writer do not allocate") {
  // Build the input before counting.
  std::string stream;
  for (int i = 0; i < 50; ++i) {
    stream +=
        "250-mx.example.com\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250 STARTTLS\r\n"
        "550-5.7.1 one\r\n550 5.7.1 two\r\n354 go\r\n";
  }
  stream += "250 caf\xc3\xa9\r\n";  // ends in an error
  char out[512];
  std::size_t replies = 0;
  std::size_t lines = 0;
  std::size_t ehlo_ok = 0;
  std::size_t each_lines = 0;
  std::size_t each_framed = 0;
  smtpcodes::errc framed_error{};

  const std::size_t before = allocations;
  {
    smtpcodes::reply_parser parser;
    std::string_view rest = stream;
    while (true) {
      const auto r = parser.feed(rest);
      if (!r.is_complete()) break;
      for (const auto& line : parser.reply()) lines += line.text.empty() ? 0 : 1;
      if (parser.reply().code().value() == 250 && parser.reply().line_count() > 1) {
        const auto caps = smtpcodes::parse_ehlo(parser.reply());
        ehlo_ok += caps.ok() && caps.capabilities.has(smtpcodes::extension::starttls) ? 1 : 0;
      }
      ++replies;
      rest.remove_prefix(r.consumed);
    }
    // feed_each over the same stream, in 1,460-octet reads, as a client reads a socket.
    smtpcodes::reply_parser each;
    std::size_t start = 0;
    for (std::size_t end = 1460; start < stream.size(); end += 1460) {
      const std::string_view window(stream.data() + start,
                                    (end < stream.size() ? end : stream.size()) - start);
      const auto r = each.feed_each(
          window, [&](const smtpcodes::reply_view& v) { each_lines += v.line_count(); });
      if (r.failed()) break;
      start += r.consumed;
      if (end >= stream.size()) break;
    }
    smtpcodes::line_reader reader;
    std::string_view text = stream;
    while (true) {
      const auto r = reader.feed(text);
      if (!r.is_complete()) break;
      text.remove_prefix(r.consumed);
    }
    smtpcodes::line_reader each_reader;
    const auto framed = each_reader.feed_each(stream, [&](std::string_view) { ++each_framed; });
    framed_error = framed.error;
    (void)smtpcodes::explain(smtpcodes::reply_code(550));
    (void)smtpcodes::explain(*smtpcodes::parse_enhanced_status("5.7.1"));
    (void)smtpcodes::compare(smtpcodes::reply_code(235), smtpcodes::reply_code(354));
    (void)smtpcodes::compare(smtpcodes::reply_code(550),
                             *smtpcodes::parse_enhanced_status("5.7.1"));
    (void)smtpcodes::compare(*smtpcodes::parse_code_ref("5.1.1"),
                             *smtpcodes::parse_code_ref("4.2.2"));
    (void)smtpcodes::write_reply(out, sizeof out, smtpcodes::reply_code(550),
                                 smtpcodes::parse_enhanced_status("5.7.1"), {"a", "b"});
  }
  CHECK(allocations == before);
  CHECK(replies == 150);
  CHECK(lines == 350);
  CHECK(ehlo_ok == 50);
  CHECK(each_lines == 350);   // every line of the 150 replies before the 8-bit one
  CHECK(each_framed == 350);  // line_reader::feed_each: the same lines, then the 8-bit octet
  CHECK(framed_error == smtpcodes::errc::invalid_octet);
}

TEST_CASE("find_reply does not allocate") {
  std::string pasted =
      "Dec  1 10:55:01 mail postfix/smtp[1]: to=<bob@example.com>, dsn=5.1.1, status=bounced "
      "(host mx.example.com[192.0.2.1] said: 550 5.1.1 unknown (in reply to RCPT TO command))\n"
      "Status: 5.2.2\nDiagnostic-Code: smtp; 552 full\n550-5.1.1 a\r\n550 5.1.1 b\r\n";
  std::size_t found = 0;
  const std::size_t before = allocations;
  {
    std::string_view rest = pasted;
    while (!rest.empty()) {
      const auto r = smtpcodes::find_reply(rest);
      if (!r.found) break;
      ++found;
      rest.remove_prefix(r.offset + r.match.size());
    }
  }
  CHECK(allocations == before);
  CHECK(found == 3);
}

TEST_CASE("find_queue_id does not allocate") {
  const std::string replies[] = {
      "250 2.0.0 Ok: queued as 23FE08685FC\r\n",
      "250- 1234 byte chunk, total 5678\r\n250 OK id=1tKxYz-00AbCd-7Q\r\n",
      "250 2.6.0 <a@b.example> [InternalId=42, Hostname=H] Queued mail for delivery\r\n",
      "250 2.0.0 OK  1653776100 i3si9508927obz.16 - gsmtp\r\n",
      "250 2.0.0 OK: queued as <x1@y.example>\r\n",
      "250 2.1.5 Ok\r\n"};
  std::size_t found = 0;
  const std::size_t before = allocations;
  for (const std::string& reply : replies) {
    if (smtpcodes::find_queue_id(reply).has_id()) ++found;
  }
  smtpcodes::reply_parser parser;
  if (parser.feed(replies[1]).ok() && smtpcodes::find_queue_id(parser.reply()).has_id()) ++found;
  CHECK(allocations == before);
  CHECK(found == 6);
}

TEST_CASE("the DATA codec does not allocate") {
  std::string body;
  for (int i = 0; i < 200; ++i)
    body += i % 7 == 0 ? ".leading dot line\r\n" : "plain text line\r\n";
  std::string wire(smtpcodes::dot_encoder::max_encoded_size(body.size()) +
                       smtpcodes::dot_encoder::max_finish_size,
                   '\0');
  std::string decoded(wire.size(), '\0');
  const std::size_t before = allocations;
  std::size_t wire_size = 0;
  std::size_t decoded_size = 0;
  std::size_t viewed = 0;
  bool complete = false;
  {
    smtpcodes::dot_encoder encoder;
    const auto e = encoder.encode(body, &wire[0], wire.size());
    const auto f = encoder.finish(&wire[e.produced], wire.size() - e.produced);
    wire_size = e.produced + f.produced;
    smtpcodes::dot_decoder decoder;
    const auto d =
        decoder.decode(std::string_view(wire.data(), wire_size), &decoded[0], decoded.size());
    decoded_size = d.produced;
    complete = d.is_complete();
    // decode_each: the same message as views of the input, counted, not stored.
    smtpcodes::dot_decoder viewer;
    const auto v = viewer.decode_each(std::string_view(wire.data(), wire_size),
                                      [&](std::string_view s) { viewed += s.size(); });
    complete = complete && v.is_complete();
    smtpcodes::bdat_chunk chunk(100, true);
    (void)chunk.take(wire_size);
  }
  CHECK(allocations == before);
  CHECK(complete);
  CHECK(decoded.substr(0, decoded_size) == body);
  CHECK(viewed == decoded_size);
}

TEST_CASE("the command parser and writers do not allocate") {
  const std::string lines[] = {
      "EHLO client.example.net",
      "MAIL FROM:<alice@example.com> SIZE=1200 BODY=8BITMIME ENVID=x+2By",
      "RCPT TO:<bob@example.org> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.org",
      "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
      "BDAT 100 LAST",
      "XUNKNOWN whatever",
      "MAIL FROM:<bad",
  };
  char out[256];
  std::size_t ok = 0;
  const std::size_t before = allocations;
  {
    for (const std::string& line : lines) {
      const auto r = smtpcodes::parse_command(line);
      if (r.ok()) ++ok;
      for (const auto& p : r.cmd.params()) (void)p.keyword.size();
    }
    (void)smtpcodes::write_command(out, sizeof out, smtpcodes::command_verb::ehlo, "a.example");
    (void)smtpcodes::write_path_command(out, sizeof out, smtpcodes::command_verb::rcpt,
                                        "b@example.org");
    (void)smtpcodes::decode_xtext("x+2By", out, sizeof out);
    (void)smtpcodes::encode_xtext("x+y", out, sizeof out);
    (void)smtpcodes::write_auth(out, sizeof out, "PLAIN", "AGFsaWNl");
    (void)smtpcodes::write_bdat(out, sizeof out, 100, true);
    (void)smtpcodes::write_path_command(out, sizeof out, smtpcodes::command_verb::mail,
                                        "a@b> RET=FULL");  // refused after the re-parse
  }
  CHECK(allocations == before);
  CHECK(ok == 6);
}

TEST_CASE("the transcript redactor does not allocate") {
  const std::string lines[] = {
      "EHLO client.example.net",
      "AUTH LOGIN",
      "YWxpY2U=",
      "c2VjcmV0",
      "AUTH PLAIN AGFsaWNlAHNlY3JldA==",
      "MAIL FROM:<alice@example.com>",
      "QUIT",
      "x\ny",
  };
  const int replies[] = {250, 334, 334, 235, 235, 250, 221, 0};
  char out[256];
  std::size_t masked = 0;
  const std::size_t before = allocations;
  {
    smtpcodes::client_redactor redactor;
    for (std::size_t i = 0; i < std::size(lines); ++i) {
      const auto r = redactor.redact(lines[i], out, sizeof out);
      if (r.masked) ++masked;
      if (replies[i] != 0) redactor.on_reply(smtpcodes::reply_code(replies[i]));
    }
    (void)redactor.redact("AUTH PLAIN c2VjcmV0", out, 2);  // output_too_small
  }
  CHECK(allocations == before);
  CHECK(masked == 3);
}

TEST_CASE("classify and the provider lookups do not allocate") {
  using smtpcodes::bounce_reason;
  using smtpcodes::classify_input;
  const std::string texts[] = {
      "5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual table",
      "Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org",
      "Access denied, banned sending IP [192.0.2.1]",
      "[TSS04] Messages from 192.0.2.1 temporarily deferred due to user complaints",
      "",
      "Ok: queued as 4F3",
      "nothing known"};
  smtpcodes::reply_parser parser;
  REQUIRE(parser.feed(std::string_view("550-5.1.1 a\r\n550 5.1.1 mailbox full\r\n")).is_complete());
  const std::string pasted = "said: 550 5.1.1 no such user (in reply to RCPT TO command)";
  static constexpr smtpcodes::classify_rule mine[] = {{bounce_reason::blocked, "bl.example"}};
  unsigned sum = 0;
  const std::size_t before = allocations;
  for (const std::string& t : texts) {
    classify_input in;
    in.code = smtpcodes::reply_code(550);
    in.enhanced = smtpcodes::enhanced_status{5, 7, 606};
    in.text = t;
    in.remote_host = "mx.example.protection.outlook.com";
    sum += static_cast<unsigned>(smtpcodes::classify(in).reason);
    sum += static_cast<unsigned>(smtpcodes::classify(in, mine).reason);
    sum += smtpcodes::find_provider_code(in.code, in.enhanced, t) != nullptr ? 1u : 0u;
    sum += static_cast<unsigned>(smtpcodes::detect_provider(t));
  }
  sum += smtpcodes::lookup_provider_code("TSS04") != nullptr ? 1u : 0u;
  sum += static_cast<unsigned>(smtpcodes::classify(parser.reply()).reason);
  sum += static_cast<unsigned>(smtpcodes::classify(smtpcodes::find_reply(pasted)).reason);
  CHECK(allocations == before);
  CHECK(sum > 0);
}

TEST_CASE("parse_dsn, the bounce reader and write_dsn do not allocate") {
  const std::string message =
      "From: MAILER-DAEMON@mx.example.org\r\n"
      "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n"
      "\r\n"
      "--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
      "Could not deliver =3D not found.\r\n"
      "--b\r\nContent-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n"
      "UmVwb3J0aW5nLU1UQTogZG5zOyBteC5leGFtcGxlLm9yZw0KDQpGaW5hbC1SZWNpcGllbnQ6IHJmYzgy\r\n"
      "MjsgYm9iQGV4YW1wbGUubmV0DQpBY3Rpb246IGZhaWxlZA0KU3RhdHVzOiA1LjEuMQ0K\r\n"
      "--b--\r\n";
  char scratch[512];
  char out[2048];
  smtpcodes::dsn_recipient_to_write rcpt;
  rcpt.final_recipient = "bob@example.net";
  rcpt.status = smtpcodes::enhanced_status{5, 1, 1};
  rcpt.diagnostic_code = "smtp; 550 5.1.1 User unknown";
  smtpcodes::dsn_to_write w;
  w.reporting_mta = "mx.example.org";
  w.human_text = "Could not deliver.";
  w.recipients = &rcpt;
  w.recipient_count = 1;
  std::size_t n = 0;
  unsigned reasons = 0;
  const std::size_t before = allocations;
  const smtpcodes::dsn_result d = smtpcodes::parse_dsn(message, scratch, sizeof scratch);
  n += smtpcodes::for_each_bounced_recipient(d, [&](const smtpcodes::bounced_recipient& r) {
    reasons += static_cast<unsigned>(r.verdict.reason);
  });
  const smtpcodes::write_result written = smtpcodes::write_dsn(w, out, sizeof out);
  CHECK(allocations == before);
  CHECK(d.ok());
  CHECK(d.scratch_used > 0);  // the base64 part was decoded into the scratch
  CHECK(n == 1);
  CHECK(reasons == static_cast<unsigned>(smtpcodes::bounce_reason::userunknown));
  CHECK(written.ok());
}

TEST_CASE("a whole client session does not allocate") {
  // Built before counting: the server's replies and the message.
  const std::string server =
      "220 mx.example.net ESMTP\r\n"
      "250-mx.example.net\r\n250-PIPELINING\r\n250-SIZE 100000\r\n250 AUTH PLAIN LOGIN\r\n"
      "334 VXNlcm5hbWU6\r\n334 UGFzc3dvcmQ6\r\n235 2.7.0 ok\r\n"
      "250 2.1.0 ok\r\n250 2.1.5 ok\r\n550 5.1.1 no\r\n354 go\r\n250 2.0.0 queued as X1\r\n"
      "221 bye\r\n";
  const std::string_view rcpts[] = {"b@example.net", "c@example.net"};
  smtpcodes::recipient_status statuses[2];
  smtpcodes::client_message m;
  m.reverse_path = "a@example.org";
  m.recipients = rcpts;
  m.recipient_count = 2;
  m.statuses = statuses;
  m.content = "Subject: x\r\n\r\n.body\r\n";
  smtpcodes::client_options o;
  o.tls = smtpcodes::tls_mode::none;
  o.auth_mechanism = "LOGIN";
  static smtpcodes::client_session s(o);  // 20 KiB: off the stack
  std::size_t at = 0;
  std::size_t sent = 0;
  int answers = 0;
  bool started = false;
  const std::size_t before = allocations;
  for (int step = 0; step < 100; ++step) {
    const smtpcodes::client_action a = s.next();
    if (a.kind == smtpcodes::client_action_kind::send) {
      sent += a.bytes.size();
    } else if (a.kind == smtpcodes::client_action_kind::receive) {
      const smtpcodes::client_event e = s.receive(std::string_view(server).substr(at));
      if (!e.result.is_complete()) break;
      at += e.result.consumed;
    } else if (a.kind == smtpcodes::client_action_kind::auth_response) {
      static_cast<void>(s.respond(answers++ == 0 ? "user" : "password"));
    } else if (a.kind == smtpcodes::client_action_kind::idle) {
      if (!started) {
        started = true;
        static_cast<void>(s.start_message(m));
      } else {
        s.quit();
      }
    } else {
      break;
    }
  }
  CHECK(allocations == before);
  CHECK(s.is_done());
  CHECK(s.failure() == smtpcodes::client_failure::none);
  CHECK(statuses[0].delivered());
  CHECK(statuses[1].code == 550);
  CHECK(at == server.size());
  CHECK(sent > 100);
}

TEST_CASE("the SASL client does not allocate") {
  // RFC 7677 §3, RFC 2195 §2 and RFC 7628 §4.1, as in sasl_test.cpp.
  const std::string server_first =
      "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
  const std::string server_final = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
  const std::string tampered = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G5=";
  const std::string challenge = "<1896.697170952@postoffice.reston.mci.net>";
  const smtpcodes::sasl_crypto crypto{nullptr, &test_hash::hmac_md5_hook,
                                      &test_hash::hmac_sha256_hook, &test_hash::sha256_hook};
  smtpcodes::sasl_credentials c;
  c.username = "user";
  c.password = "pencil";
  c.client_nonce = "rOprNGfwEbeRWgbNEkqO";
  c.token = "vF9dft4qmTc2Nvb3RlckBhbHRhdmlzdGEuY29tCg==";
  c.host = "server.example.com";
  c.port = "143";
  const smtpcodes::sasl_mechanism prefer[] = {smtpcodes::sasl_mechanism::scram_sha_256,
                                              smtpcodes::sasl_mechanism::plain};
  char out[512];
  std::size_t done = 0;
  std::size_t failed = 0;
  const std::size_t before = allocations;
  {
    using smtpcodes::sasl_mechanism;
    const auto chosen = smtpcodes::choose_sasl_mechanism("PLAIN LOGIN SCRAM-SHA-256", prefer);
    smtpcodes::sasl_client scram(chosen.value_or(sasl_mechanism::plain), c, crypto);
    (void)scram.initial_response(out, sizeof out);
    (void)scram.respond(server_first, out, sizeof out);
    done += scram.respond(server_final, out, sizeof out).is_done() ? 1 : 0;
    scram.reset();
    (void)scram.initial_response(out, sizeof out);
    (void)scram.respond(server_first, out, sizeof out);
    failed += scram.respond(tampered, out, sizeof out).failed() ? 1 : 0;
    smtpcodes::sasl_client cram(sasl_mechanism::cram_md5, c, crypto);
    done += cram.respond(challenge, out, sizeof out).is_done() ? 1 : 0;
    for (const auto m : {sasl_mechanism::plain, sasl_mechanism::external}) {
      smtpcodes::sasl_client s(m, c);
      done += s.initial_response(out, sizeof out).is_done() ? 1 : 0;
    }
    smtpcodes::sasl_client login(sasl_mechanism::login, c);
    (void)login.respond("Username:", out, sizeof out);
    done += login.respond("Password:", out, sizeof out).is_done() ? 1 : 0;
    for (const auto m : {sasl_mechanism::xoauth2, sasl_mechanism::oauthbearer}) {
      smtpcodes::sasl_client s(m, c);
      (void)s.initial_response(out, sizeof out);
      done += s.respond("{\"status\":\"invalid_token\"}", out, sizeof out).is_done() ? 1 : 0;
    }
  }
  CHECK(allocations == before);
  CHECK(done == 7);
  CHECK(failed == 1);
}

TEST_CASE("the server session does not allocate") {
  // Built before counting: a whole pipelined conversation with AUTH, DATA, BDAT and errors.
  const std::string stream =
      "EHLO client.example\r\nAUTH PLAIN AGFsaWNlAHNlY3JldA==\r\nAUTH LOGIN\r\n"
      "MAIL FROM:<a@example.org> SIZE=100\r\nRCPT TO:<b@example.com>\r\nDATA\r\n"
      "line\r\n..dot\r\n.\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<c@example.com>\r\n"
      "BDAT 4\r\nbodyBDAT 0 LAST\r\nXYZZY\r\nMAIL FROM:<bad\r\nQUIT\r\n";
  smtpcodes::server_options options;
  options.host_name = "mx.example.com";
  options.auth_plain = true;
  options.auth_login = true;
  options.auth_requires_tls = false;
  options.chunking = true;
  char data[32];
  std::size_t events = 0;
  std::size_t output = 0;
  const std::size_t before = allocations;
  {
    smtpcodes::server_session session(options, data, sizeof data);
    (void)session.accept();
    std::string_view rest = stream;
    for (int guard = 0; guard < 1000; ++guard) {
      const auto r = session.feed(rest);
      rest.remove_prefix(r.consumed);
      ++events;
      if (r.needs_answer()) (void)session.accept("fine");
      output += session.output().size();
      session.clear_output();
      if (r.event == smtpcodes::server_event::closed ||
          r.event == smtpcodes::server_event::need_more)
        break;
    }
    (void)session.timeout();
  }
  CHECK(allocations == before);
  CHECK(events > 10);
  CHECK(output > 0);
}
