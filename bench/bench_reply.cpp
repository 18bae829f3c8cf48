// Reply parsing throughput: smtpcodes::reply_parser beside a hand-written getline-style parser
// and a bare memchr scan for line ends, over the same realistic stream, in the same run.
//
// The stream: about a million replies, mostly single-line replies with enhanced codes
// ("250 2.1.5 Ok"), with 8-12 line EHLO replies and multi-line provider errors mixed in.
// Each is fed in 64 KiB chunks and in 1,460-byte chunks (one TCP segment), the way a client
// reads a socket: append the chunk to a buffer, parse what is complete, keep the rest.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <cstring>
#include <smtpcodes/detail/scan.hpp>
#include <smtpcodes/line.hpp>
#include <smtpcodes/reply.hpp>
#include <string>
#include <vector>

#include "receive_loop.hpp"

namespace {

const std::string& stream() {
  static const std::string s = [] {
    std::string out;
    const char* singles[] = {
        "250 2.1.0 Sender <alice@example.com> ok\r\n",
        "250 2.1.5 Recipient <bob@example.net> ok\r\n",
        "354 End data with <CR><LF>.<CR><LF>\r\n",
        "250 2.0.0 Ok: queued as 4Xk2Lq1Zp9z3Wd\r\n",
        "221 2.0.0 Bye\r\n",
        "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown\r\n",
        "451 4.7.1 Please try again later\r\n",
        "220 mx1.example.com ESMTP ready\r\n",
    };
    const char* ehlo =
        "250-mx1.example.com Hello client.example.net [192.0.2.10]\r\n"
        "250-SIZE 52428800\r\n"
        "250-8BITMIME\r\n"
        "250-PIPELINING\r\n"
        "250-CHUNKING\r\n"
        "250-DSN\r\n"
        "250-ENHANCEDSTATUSCODES\r\n"
        "250-AUTH PLAIN LOGIN XOAUTH2\r\n"
        "250-SMTPUTF8\r\n"
        "250 STARTTLS\r\n";
    const char* error =
        "550-5.7.1 [198.51.100.7] The sending IP is listed on a reputation list.\r\n"
        "550-5.7.1 To protect our users, mail from this address is refused. See\r\n"
        "550-5.7.1 https://postmaster.example.com/blocked for how to request removal\r\n"
        "550 5.7.1 and for the policy this message violated. q7si1234567abc\r\n";
    std::size_t n = 0;
    while (n < 1000000) {
      for (int i = 0; i < 16; ++i, ++n) out += singles[(n * 7 + i) % 8];
      out += ehlo;
      out += error;
      n += 2;
    }
    return out;
  }();
  return s;
}

void smtpcodes_parser(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t replies = 0;
  for (auto _ : state) {
    smtpcodes::reply_parser parser;
    replies = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      std::string_view rest(data, size);
      std::size_t used = 0;
      while (true) {
        const auto r = parser.feed(rest);
        if (!r.is_complete()) {
          if (r.failed()) std::abort();
          return used;
        }
        benchmark::DoNotOptimize(parser.reply().code());
        ++n;
        used += r.consumed;
        rest.remove_prefix(r.consumed);
      }
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * replies));
}

/// The same parser through feed_each: every complete reply in the buffer in one call.
void smtpcodes_feed_each(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t replies = 0;
  for (auto _ : state) {
    smtpcodes::reply_parser parser;
    replies = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      const auto r =
          parser.feed_each(std::string_view(data, size), [&](const smtpcodes::reply_view& reply) {
            benchmark::DoNotOptimize(reply.code());
            ++n;
          });
      if (r.failed()) std::abort();
      return r.consumed;
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * replies));
}

/// What hand-written clients do: cut a line at "\r\n" into a std::string, read the code with
/// std::stoi, collect the texts of a multi-line reply in a vector until a line has ' ' at [3].
struct getline_reply {
  int code = 0;
  std::vector<std::string> lines;
};

void hand_written_parser(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t replies = 0;
  for (auto _ : state) {
    getline_reply current;
    replies = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      const std::string_view text(data, size);
      std::size_t pos = 0;
      while (true) {
        const std::size_t end = text.find("\r\n", pos);
        if (end == std::string_view::npos) return pos;
        const std::string line(text.substr(pos, end - pos));
        pos = end + 2;
        if (line.size() < 3) std::abort();
        current.code = std::stoi(line.substr(0, 3));
        current.lines.push_back(line.size() > 4 ? line.substr(4) : std::string());
        if (line.size() == 3 || line[3] == ' ') {
          benchmark::DoNotOptimize(current.code);
          current.lines.clear();
          ++n;
        }
      }
    });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * replies));
}

/// Where the reply parser's time goes, step 1: the same loop finding each line's end with the
/// library's scan for the first special octet (detail/scan.hpp), as the parsers do, and
/// nothing else.
void special_scan_line_ends(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t line_ends = 0;
  for (auto _ : state) {
    line_ends = feed_in_chunks(s, chunk, [](const char* data, std::size_t size, std::size_t& n) {
      std::size_t pos = 0;
      std::size_t line_start = 0;
      while (true) {
        pos += smtpcodes::detail::find_special(data + pos, size - pos, false);
        if (pos + 1 >= size) return line_start;
        if (data[pos] == '\r' && data[pos + 1] == '\n') {
          ++n;
          pos += 2;
          line_start = pos;
        } else {
          ++pos;  // HT
        }
      }
    });
    benchmark::DoNotOptimize(line_ends);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * line_ends));
}

/// Step 2: line framing, `line_reader` (limits, strict CR LF, resume points), no reply checks.
void line_reader_lines(benchmark::State& state) {
  const std::string& s = stream();
  const auto chunk = static_cast<std::size_t>(state.range(0));
  std::size_t lines = 0;
  for (auto _ : state) {
    smtpcodes::line_reader reader;
    lines = feed_in_chunks(s, chunk, [&](const char* data, std::size_t size, std::size_t& n) {
      std::string_view rest(data, size);
      std::size_t used = 0;
      while (true) {
        const auto r = reader.feed(rest);
        if (!r.is_complete()) {
          if (r.failed()) std::abort();
          return used;
        }
        ++n;
        used += r.consumed;
        rest.remove_prefix(r.consumed);
      }
    });
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * s.size()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
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
BENCHMARK(hand_written_parser)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK(memchr_line_ends)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK(special_scan_line_ends)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
BENCHMARK(line_reader_lines)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
