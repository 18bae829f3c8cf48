// Fuzzes client_session with the input as the server's byte stream (options from the first
// octet): no crash, no stuck state (every run ends within a bounded number of steps), at most
// one reply per command sent (LMTP's reply per recipient after the message aside), every
// event's reply inside the input, and the same session whether the server's bytes arrive at
// once or one octet at a time (when no STARTTLS makes the difference legitimate).
#include <algorithm>
#include <memory>
#include <smtpcodes.hpp>
#include <string>
#include <vector>

#include "fuzz_common.hpp"

namespace {

struct outcome {
  std::string sent;
  std::vector<int> steps;
  std::vector<int> codes;
  int tls = 0;
  smtpcodes::client_failure failure{};
};

outcome run(const fuzz_input& in, std::size_t piece) {
  smtpcodes::client_options o;
  o.hello_name = "client.example";
  o.tls = in.flag(0) ? smtpcodes::tls_mode::opportunistic : smtpcodes::tls_mode::none;
  if (in.flag(6)) o.tls = smtpcodes::tls_mode::required;
  o.lmtp = in.flag(1);
  o.use_pipelining = !in.flag(2);
  o.use_chunking = in.flag(3);
  o.accept_any_reply_code = in.flag(4);
  if (in.flag(5)) o.auth_mechanism = "LOGIN";
  o.pipeline_window = 1 + (in.flags >> 6);
  auto s = std::make_unique<smtpcodes::client_session>(o);
  const std::string_view rcpts[] = {"b@example.net", "c@example.net", "d@example.net"};
  smtpcodes::recipient_status statuses[3];
  smtpcodes::client_message m;
  m.reverse_path = "a@example.org";
  m.recipients = rcpts;
  m.recipient_count = 3;
  m.statuses = statuses;
  m.content = "Subject: x\r\n\r\n.dot\r\nbody\r\n";
  std::string buffer;
  std::size_t fed = 0;
  std::size_t sends = 0;
  std::size_t replies = 0;
  bool started = false;
  outcome out;
  for (int step = 0;; ++step) {
    check(step < 20000);  // a stuck state never ends
    const smtpcodes::client_action a = s->next();
    if (a.kind == smtpcodes::client_action_kind::done) break;
    switch (a.kind) {
      case smtpcodes::client_action_kind::send:
        out.sent.append(a.bytes.data(), a.bytes.size());
        ++sends;
        break;
      case smtpcodes::client_action_kind::receive: {
        smtpcodes::client_event e = s->receive(buffer);
        while (e.result.needs_more() && fed < in.data.size()) {
          const std::size_t n =
              piece == 0 ? in.data.size() - fed : std::min(piece, in.data.size() - fed);
          buffer.append(in.data.substr(fed, n));
          fed += n;
          e = s->receive(buffer);
        }
        if (e.result.is_complete()) {
          check(e.result.consumed <= buffer.size());
          check(e.reply.raw().data() == buffer.data());
          check(e.reply.raw().size() == e.result.consumed);
          if (!e.queue_id.id.empty()) {
            check(e.queue_id.id.data() >= buffer.data() &&
                  e.queue_id.id.data() + e.queue_id.id.size() <= buffer.data() + buffer.size());
          }
          out.steps.push_back(static_cast<int>(e.step));
          out.codes.push_back(e.reply.code().value());
          if (!(o.lmtp && (e.step == smtpcodes::reply_step::data_end ||
                           e.step == smtpcodes::reply_step::bdat)))
            ++replies;
          buffer.erase(0, e.result.consumed);
        } else if (e.result.needs_more()) {
          s->connection_closed();
        }
        check(replies <= sends + 1);  // one greeting, then at most one reply per command
        break;
      }
      case smtpcodes::client_action_kind::start_tls:
        ++out.tls;
        s->tls_started();
        break;
      case smtpcodes::client_action_kind::auth_response:
        check(s->respond("user") || true);
        break;
      case smtpcodes::client_action_kind::idle:
        if (!started) {
          started = true;
          static_cast<void>(s->start_message(m));
        } else {
          s->quit();
        }
        break;
      case smtpcodes::client_action_kind::done:
        break;
    }
  }
  check(s->is_done());
  out.failure = s->failure();
  for (const auto& st : statuses) out.codes.push_back(st.code);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  const outcome whole = run(in, 0);
  const outcome octets = run(in, 1);
  if (whole.tls == 0 && octets.tls == 0) {
    check(whole.sent == octets.sent);
    check(whole.steps == octets.steps);
    check(whole.codes == octets.codes);
  }
  return 0;
}
