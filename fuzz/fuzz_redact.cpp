// Fuzzes client_redactor on a session: the input is framed into lines by the line reader; a line
// "S:NNN" reports reply NNN (on_reply), any other line is a client line to redact. Checks that
// no line errs (the reader leaves no CR or LF in a line), that `text` is the line itself or the
// line's prefix and the mask in the caller's buffer, never longer than redacted_size_max, that
// every line answering a 334 is masked unless it is "", "=" or "*", and that splitting the input
// in two changes nothing. The whole input given as one line must fail on its first CR or LF.
#include <cstdint>
#include <smtpcodes.hpp>
#include <string>
#include <vector>

#include "fuzz_common.hpp"

namespace {

std::vector<std::string> run(const std::vector<std::string>& chunks) {
  smtpcodes::line_options framing;
  framing.max_line_length = 1000;
  framing.accept_bare_lf = true;
  framing.accept_8bit = true;
  smtpcodes::line_reader reader(framing);
  smtpcodes::client_redactor redactor;
  std::vector<std::string> shown;
  std::string pending;
  char out[smtpcodes::redacted_size_max(1000)];
  for (const std::string& chunk : chunks) {
    pending += chunk;
    while (true) {
      const auto r = reader.feed(pending);
      if (!r.is_complete()) break;
      const std::string_view line = reader.line();
      if (line.size() >= 5 && line.substr(0, 2) == "S:") {
        const auto code = smtpcodes::parse_reply_code(line.substr(2, 3));
        redactor.on_reply(code ? *code : smtpcodes::reply_code(999));
        shown.emplace_back("S");
      } else {
        const bool owed = redactor.challenges_pending() != 0;
        const auto res = redactor.redact(line, out, sizeof out);
        check(res.ok());
        check(res.text.size() <= smtpcodes::redacted_size_max(line.size()));
        if (res.masked) {
          check(res.text.data() == out);
          const std::size_t kept = res.text.size() - smtpcodes::redaction_mask.size();
          check(kept < line.size());  // something was masked
          check(res.text.substr(kept) == smtpcodes::redaction_mask);
          check(res.text.substr(0, kept) == line.substr(0, kept));
        } else {
          check(res.text.data() == line.data() && res.text.size() == line.size());
        }
        if (owed) {
          check(res.kind == smtpcodes::redacted_kind::sasl_response);
          check(res.masked == !(line.empty() || line == "=" || line == "*"));
        }
        shown.emplace_back(res.text);
      }
      pending.erase(0, r.consumed);
    }
    if (reader.feed(pending).failed()) break;
  }
  return shown;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  check(run({std::string(in.data)}) == run(two_chunks(in)));
  smtpcodes::client_redactor whole;
  char out[64];
  const auto r = whole.redact(in.data, out, sizeof out);
  const std::size_t first_break = in.data.find_first_of("\r\n");
  if (first_break != std::string_view::npos) {
    check(r.failed() && r.offset == first_break && r.text.empty());
    check(whole.redact("QUIT", out, sizeof out).failed());  // sticky
  } else if (r.failed()) {
    check(r.error == smtpcodes::errc::output_too_small && r.size > sizeof out);
  }
  return 0;
}
