// Command parsing throughput: smtpcodes::line_reader + smtpcodes::parse_command beside a
// hand-written split-on-spaces parser and a bare memchr scan for line ends, over the same
// realistic client stream, in the same run.
//
// The stream: about a million commands, as a server receives them: sessions of EHLO, MAIL with
// SIZE and BODY, 2-5 RCPT with NOTIFY and ORCPT, DATA, then NOOP or RSET standing in for the
// message body (bodies are not commands; the DATA codec has its own benchmark), then QUIT.
// Each is fed in 64 KiB chunks and in 1,460-byte chunks (one TCP segment), the way a server
// reads a socket: append the chunk to a buffer, parse what is complete, keep the rest.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <smtpcodes/command.hpp>
#include <smtpcodes/line.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "receive_loop.hpp"

namespace {

const std::string& stream() {
  static const std::string s = [] {
    std::string out;
    std::size_t n = 0;
    std::size_t user = 0;
    for (std::size_t session = 0; n < 1000000; ++session) {
      const std::string sender = "sender-" + std::to_string(session) + "@example.com";
      out += "EHLO client.example.net\r\n";
      out += "MAIL FROM:<" + sender + "> SIZE=12345 BODY=8BITMIME\r\n";
      const std::size_t recipients = 2 + session % 4;  // 2-5
      for (std::size_t k = 0; k < recipients; ++k, ++user) {
        const std::string rcpt = "user-" + std::to_string(user) + "@example.org";
        out += "RCPT TO:<" + rcpt + "> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;" + rcpt + "\r\n";
      }
      out += "DATA\r\n";
      out += session % 2 == 0 ? "NOOP\r\n" : "RSET\r\n";  // in place of the message body
      out += "QUIT\r\n";
      n += 5 + recipients;
    }
    return out;
  }();
  return s;
}

/// A stream the parser refuses is a bug in the stream or in the parser: say which, then stop.
[[noreturn]] void refuse(std::string_view line, smtpcodes::errc error, std::size_t offset) {
  const std::string_view name = smtpcodes::to_string(error);
  std::fprintf(stderr, "refused: \"%.*s\": %.*s at offset %zu\n", static_cast<int>(line.size()),
               line.data(), static_cast<int>(name.size()), name.data(), offset);
  std::abort();
}

/// line_reader frames each line (512 octets with CRLF, strict endings), parse_command checks it
/// with the default, strict options: verb, path grammar and limits, every parameter's syntax,
/// and the registered ones (SIZE, BODY, NOTIFY, ORCPT) typed and checked for duplicates.
void smtpcodes_parser(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  smtpcodes::line_options framing;
  framing.max_line_length = smtpcodes::command_line_limit;
  const smtpcodes::command_options strict{};
  std::size_t commands = 0;
  for (auto _ : state) {
    smtpcodes::line_reader reader(framing);
    commands = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      std::string_view rest(data, size);
      std::size_t used = 0;
      while (true) {
        const auto r = reader.feed(rest);
        if (!r.is_complete()) {
          if (r.failed()) refuse(rest.substr(0, 80), r.error, r.offset);
          return used;
        }
        const auto c = smtpcodes::parse_command(reader.line(), strict);
        if (!c.ok()) refuse(reader.line(), c.error, c.offset);
        benchmark::DoNotOptimize(c.cmd.verb);
        benchmark::DoNotOptimize(c.cmd.path.mailbox.size());
        ++n;
        used += r.consumed;
        rest.remove_prefix(r.consumed);
      }
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * commands));
}

/// The same checks, every complete line in the buffer framed in one call (line_reader::feed_each).
void smtpcodes_feed_each(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  smtpcodes::line_options framing;
  framing.max_line_length = smtpcodes::command_line_limit;
  const smtpcodes::command_options strict{};
  std::size_t commands = 0;
  for (auto _ : state) {
    smtpcodes::line_reader reader(framing);
    commands = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      const std::string_view buffer(data, size);
      const auto r = reader.feed_each(buffer, [&](std::string_view line) {
        const auto c = smtpcodes::parse_command(line, strict);
        if (!c.ok()) refuse(line, c.error, c.offset);
        benchmark::DoNotOptimize(c.cmd.verb);
        benchmark::DoNotOptimize(c.cmd.path.mailbox.size());
        ++n;
      });
      if (r.failed()) refuse(buffer.substr(0, 80), r.error, r.offset);
      return r.is_complete() ? r.consumed : std::size_t{0};
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * commands));
}

/// Framing alone, no command parsed: where the parser's time goes, beside memchr. `each` picks
/// line_reader::feed_each over the feed loop.
template <bool Each>
void smtpcodes_framing(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  smtpcodes::line_options framing;
  framing.max_line_length = smtpcodes::command_line_limit;
  std::size_t lines = 0;
  for (auto _ : state) {
    smtpcodes::line_reader reader(framing);
    lines = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      std::string_view rest(data, size);
      if (Each) {
        const auto r = reader.feed_each(rest, [&](std::string_view line) {
          benchmark::DoNotOptimize(line.size());
          ++n;
        });
        if (r.failed()) refuse(rest.substr(0, 80), r.error, r.offset);
        return r.is_complete() ? r.consumed : std::size_t{0};
      }
      std::size_t used = 0;
      while (true) {
        const auto r = reader.feed(rest);
        if (r.failed()) refuse(rest.substr(0, 80), r.error, r.offset);
        if (!r.is_complete()) return used;
        benchmark::DoNotOptimize(reader.line().size());
        ++n;
        used += r.consumed;
        rest.remove_prefix(r.consumed);
      }
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
}

/// What hand-written servers do: cut a line at "\r\n" into a std::string, split it on spaces
/// into std::string words, uppercase the verb, take the path between '<' and '>' for MAIL and
/// RCPT, and split the parameters at '='. No validation beyond finding the pieces.
struct split_command {
  std::string verb;
  std::string path;
  std::vector<std::pair<std::string, std::string>> params;
};

void hand_written_parser(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t commands = 0;
  for (auto _ : state) {
    commands = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      const std::string_view text(data, size);
      std::size_t pos = 0;
      while (true) {
        const std::size_t end = text.find("\r\n", pos);
        if (end == std::string_view::npos) return pos;
        const std::string line(text.substr(pos, end - pos));
        pos = end + 2;
        std::vector<std::string> words;
        for (std::size_t at = 0; at <= line.size();) {
          std::size_t space = line.find(' ', at);
          if (space == std::string::npos) space = line.size();
          if (space > at) words.push_back(line.substr(at, space - at));
          at = space + 1;
        }
        if (words.empty()) std::abort();
        split_command cmd;
        cmd.verb = words[0];
        for (char& ch : cmd.verb) {
          ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
        if ((cmd.verb == "MAIL" || cmd.verb == "RCPT") && words.size() > 1) {
          const std::size_t open = words[1].find('<');
          const std::size_t close = words[1].find('>', open);
          if (open == std::string::npos || close == std::string::npos) std::abort();
          cmd.path = words[1].substr(open + 1, close - open - 1);
          for (std::size_t k = 2; k < words.size(); ++k) {
            const std::size_t eq = words[k].find('=');
            if (eq == std::string::npos) {
              cmd.params.emplace_back(words[k], std::string());
            } else {
              cmd.params.emplace_back(words[k].substr(0, eq), words[k].substr(eq + 1));
            }
          }
        }
        benchmark::DoNotOptimize(cmd.verb.data());
        benchmark::DoNotOptimize(cmd.path.size());
        benchmark::DoNotOptimize(cmd.params.size());
        ++n;
      }
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * commands));
}

/// The floor: the same reading loop, finding every line end with memchr and nothing else.
void memchr_line_ends(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t line_ends = 0;
  for (auto _ : state) {
    line_ends = feed_in_chunks(s, chunk, ::memchr_line_ends);
    benchmark::DoNotOptimize(line_ends);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * line_ends));
}

}  // namespace

BENCHMARK(smtpcodes_parser)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK(smtpcodes_feed_each)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(smtpcodes_framing, false)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(smtpcodes_framing, true)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK(hand_written_parser)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK(memchr_line_ends)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
