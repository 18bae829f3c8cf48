// A whole client transaction driven in memory: greeting, EHLO (pipelining), MAIL, three RCPTs,
// DATA with a small body, QUIT, against a prebuilt server byte stream; beside the parsers and
// writers alone doing the same work in the same run (the replies through reply_parser, the
// commands through the writers, the body through dot_encoder), so the figure shows what the
// session's bookkeeping costs on top.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <smtpcodes/client_session.hpp>
#include <smtpcodes/command_writer.hpp>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/ehlo.hpp>
#include <smtpcodes/reply.hpp>
#include <string>
#include <string_view>

namespace {

constexpr std::string_view server_stream =
    "220 mx.example.net ESMTP ready\r\n"
    "250-mx.example.net Hello\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n"
    "250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n"
    "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n250 2.1.5 Ok\r\n"
    "354 End data with <CR><LF>.<CR><LF>\r\n"
    "250 2.0.0 Ok: queued as 4A0B1C2D3E\r\n"
    "221 2.0.0 Bye\r\n";

constexpr std::string_view body =
    "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: status\r\n\r\n"
    "The build is green.\r\n.and a line with a dot\r\nbye\r\n";

constexpr std::string_view recipients[] = {"bob@example.net", "carol@example.net",
                                           "dave@example.net"};

std::size_t run_session(smtpcodes::client_session& s, smtpcodes::recipient_status* statuses) {
  smtpcodes::client_message m;
  m.reverse_path = "alice@example.org";
  m.recipients = recipients;
  m.recipient_count = 3;
  m.statuses = statuses;
  m.content = body;
  std::size_t at = 0;
  std::size_t sent = 0;
  bool started = false;
  for (int step = 0; step < 64; ++step) {
    const smtpcodes::client_action a = s.next();
    switch (a.kind) {
      case smtpcodes::client_action_kind::send:
        sent += a.bytes.size();
        break;
      case smtpcodes::client_action_kind::receive: {
        const smtpcodes::client_event e = s.receive(server_stream.substr(at));
        if (!e.result.is_complete()) std::abort();
        at += e.result.consumed;
        break;
      }
      case smtpcodes::client_action_kind::idle:
        if (started) {
          s.quit();
        } else {
          started = true;
          if (s.start_message(m) != smtpcodes::message_refusal::none) std::abort();
        }
        break;
      case smtpcodes::client_action_kind::done:
        return sent;
      default:
        std::abort();
    }
  }
  std::abort();
}

void client_session_transaction(benchmark::State& state) {
  smtpcodes::client_options o;
  o.hello_name = "client.example.org";
  o.tls = smtpcodes::tls_mode::none;
  auto storage = std::make_unique<smtpcodes::client_session[]>(1);  // placement target
  smtpcodes::recipient_status statuses[3];
  std::size_t sent = 0;
  for (auto _ : state) {
    // A fresh session each time, built in place (it holds 20 KiB of buffers).
    smtpcodes::client_session* s = new (&storage[0]) smtpcodes::client_session(o);
    sent = run_session(*s, statuses);
    benchmark::DoNotOptimize(statuses[2].code);
    s->~client_session();
  }
  if (!statuses[0].delivered() || sent == 0) std::abort();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["octets_sent"] = static_cast<double>(sent);
}

/// The same replies parsed, the same commands written and the same body stuffed, with no
/// session: what any hand-written client must do at the least.
void parsers_and_writers_alone(benchmark::State& state) {
  char out[4096];
  std::size_t total = 0;
  for (auto _ : state) {
    smtpcodes::reply_parser parser;
    std::size_t at = 0;
    unsigned codes = 0;
    while (at < server_stream.size()) {
      const smtpcodes::parse_result r = parser.feed(server_stream.substr(at));
      if (!r.is_complete()) std::abort();
      codes += parser.reply().code().value();
      if (parser.reply().code().value() == 250 && parser.reply().line_count() > 1) {
        const smtpcodes::ehlo_result e = smtpcodes::parse_ehlo(parser.reply());
        codes += e.capabilities.has(smtpcodes::extension::pipelining) ? 1U : 0U;
      }
      at += r.consumed;
    }
    std::size_t w = 0;
    w += smtpcodes::write_command(out, sizeof out, smtpcodes::command_verb::ehlo,
                                  "client.example.org")
             .size;
    w += smtpcodes::write_path_command(out, sizeof out, smtpcodes::command_verb::mail,
                                       "alice@example.org")
             .size;
    for (std::string_view r : recipients)
      w += smtpcodes::write_path_command(out, sizeof out, smtpcodes::command_verb::rcpt, r).size;
    w += smtpcodes::write_command(out, sizeof out, smtpcodes::command_verb::data).size;
    smtpcodes::dot_encoder enc;
    w += enc.encode(body, out, sizeof out).produced;
    w += enc.finish(out, sizeof out).produced;
    w += smtpcodes::write_command(out, sizeof out, smtpcodes::command_verb::quit).size;
    benchmark::DoNotOptimize(codes);
    total = w;
  }
  if (total == 0) std::abort();
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

}  // namespace

BENCHMARK(client_session_transaction);
BENCHMARK(parsers_and_writers_alone);

BENCHMARK_MAIN();
