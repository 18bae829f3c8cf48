// Fuzzes server_session with the input as the client's byte stream (options and the caller's
// decisions from the first octet): no crash, no stuck state (each run ends within a bounded
// number of steps), every view inside the input or the data buffer, every reply the session
// writes a well-formed reply (each parses with reply_parser), the same replies whether the
// client's bytes arrive at once or one octet at a time (when no STARTTLS discards what follows).
#include <algorithm>
#include <memory>
#include <smtpcodes.hpp>
#include <string>
#include <vector>

#include "fuzz_common.hpp"

namespace {

struct outcome {
  std::string output;
  std::vector<int> events;
  std::string message;
  bool tls = false;
};

bool inside(std::string_view part, std::string_view whole) {
  return part.empty() ||
         (part.data() >= whole.data() && part.data() + part.size() <= whole.data() + whole.size());
}

outcome run(const fuzz_input& in, std::size_t piece) {
  smtpcodes::server_options o;
  o.host_name = "mx.example.net";
  o.lmtp = in.flag(0);
  o.chunking = in.flag(1);
  o.starttls = in.flag(2);
  o.auth_plain = in.flag(3);
  o.auth_login = in.flag(3);
  o.auth_requires_tls = in.flag(4);
  o.require_hello = !in.flag(5);
  o.max_message_size = in.flag(6) ? 64 : 0;
  o.max_recipients = in.flag(7) ? 2 : 100;
  o.data_line_endings =
      in.flag(7) ? smtpcodes::line_ending_policy::normalize : smtpcodes::line_ending_policy::reject;
  char data[256];
  auto s = std::make_unique<smtpcodes::server_session>(o, data, sizeof data);
  outcome out;
  check(s->accept() == smtpcodes::errc{});  // the greeting
  std::string pending;
  std::size_t fed = 0;
  int decisions = 0;
  for (int step = 0;; ++step) {
    check(step < 40000);  // a stuck state never ends
    const smtpcodes::server_result r = s->feed(pending);
    check(r.consumed <= pending.size());
    out.events.push_back(static_cast<int>(r.event));
    if (r.event == smtpcodes::server_event::message_data) {
      check(inside(r.data, pending) || inside(r.data, std::string_view(data, sizeof data)));
      out.message.append(r.data.data(), r.data.size());
    }
    if (r.needs_answer()) {
      // Accept or refuse by the input's flags and a counter, the same way in both runs.
      const bool yes = ((in.flags >> (decisions++ % 8)) & 1U) == 0 || decisions % 3 != 0;
      const smtpcodes::errc e =
          yes ? s->accept() : s->reject(smtpcodes::reply_code(550), std::nullopt, "no");
      check(e == smtpcodes::errc{} || e == smtpcodes::errc::output_too_small);
    }
    out.output += s->output();
    s->clear_output();
    pending.erase(0, r.consumed);
    if (r.event == smtpcodes::server_event::start_tls) {
      out.tls = true;
      pending.clear();
      s->tls_started();
    }
    if (r.event == smtpcodes::server_event::closed || s->is_closed()) break;
    if (r.event == smtpcodes::server_event::need_more) {
      if (fed == in.data.size()) break;
      const std::size_t n =
          piece == 0 ? in.data.size() - fed : std::min(piece, in.data.size() - fed);
      pending.append(in.data.substr(fed, n));
      fed += n;
    }
  }
  // Every reply the session wrote parses as a reply.
  smtpcodes::reply_parser parser;
  std::string_view rest = out.output;
  while (!rest.empty()) {
    const smtpcodes::parse_result p = parser.feed(rest);
    check(p.is_complete());
    rest.remove_prefix(p.consumed);
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  const outcome whole = run(in, 0);
  const outcome octets = run(in, 1);
  if (!whole.tls && !octets.tls) {
    check(whole.output == octets.output);
    check(whole.message == octets.message);
  }
  return 0;
}
