// DATA codec throughput: smtpcodes::dot_decoder (with end detection) and dot_encoder beside
// memcpy, memchr and a straightforward byte-at-a-time state machine, over the same 64 MiB
// message, in 64 KiB and 1,460-byte chunks, in the same run. Each benchmark also reports
// `x_memcpy`: its throughput divided by memcpy's in the same chunk size and sink.
//
// The sink (argument "sink"): 0 writes the whole output into one message-sized buffer, so the
// output streams to memory as the input streams from it (both 64 MiB: a memory-bandwidth
// test); 1 writes each chunk's output into one chunk-sized buffer used again for every chunk,
// as a server that decodes a segment and hands it to its spool file does (the output stays in
// cache; the input still streams from memory). `smtpcodes_decode_each` has no sink: it gives
// the message as views of the input, copying nothing.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/simd.hpp>
#include <string>
#include <vector>

namespace {

// Text lines of 40-100 octets, 76-octet base64 lines, and some lines starting with ".".
const std::string& body() {
  static const std::string s = [] {
    std::mt19937 rng(42);
    const char* words[] = {"the", "message", "relay",  "queue", "example", "delivery", "of",
                           "a",   "status",  "report", "and",   "server",  "mail",     "to"};
    const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    const std::size_t target = std::size_t{64} << 20;
    while (out.size() < target) {
      const unsigned kind = rng() % 10;
      if (kind < 5) {  // text
        const std::size_t length = 40 + rng() % 61;
        std::string line = rng() % 12 == 0 ? "." : "";
        while (line.size() < length) line += std::string(words[rng() % 14]) + " ";
        line.resize(length);
        out += line + "\r\n";
      } else {  // base64
        std::string line(76, 'A');
        for (char& c : line) c = b64[rng() % 64];
        out += line + "\r\n";
      }
    }
    return out;
  }();
  return s;
}

const std::string& wire() {
  static const std::string s = [] {
    smtpcodes::dot_encoder encoder;
    std::string out(smtpcodes::dot_encoder::max_encoded_size(body().size()) + 8, '\0');
    const auto r = encoder.encode(body(), &out[0], out.size());
    const auto f = encoder.finish(&out[r.produced], out.size() - r.produced);
    out.resize(r.produced + f.produced);
    return out;
  }();
  return s;
}

std::vector<char>& output() {
  static std::vector<char> out(2 * wire().size() + 64);
  return out;
}

std::map<long, double>& memcpy_rates() {
  static std::map<long, double> rates;
  return rates;
}

/// Where the output of the chunk that starts at input offset `at` goes, given what was written
/// so far (`w`): the message-sized buffer at `w`, or the start of the reused chunk buffer.
char* sink_at(long sink, std::size_t w) {
  return sink != 0 ? output().data() : output().data() + w;
}

/// Runs `work` once per iteration, times it, and reports bytes/s and the ratio to memcpy.
template <typename Work>
void measure(benchmark::State& state, std::size_t bytes, Work work, long sink = 0,
             bool is_memcpy = false) {
  double seconds = 0;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    work();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  const double rate =
      static_cast<double>(state.iterations()) * static_cast<double>(bytes) / seconds;
  const long key = state.range(0) * 2 + sink;
  if (is_memcpy) memcpy_rates()[key] = rate;
  const auto it = memcpy_rates().find(key);
  if (it != memcpy_rates().end()) state.counters["x_memcpy"] = rate / it->second;
}

void memcpy_chunks(benchmark::State& state) {
  const auto chunk = static_cast<std::size_t>(state.range(0));
  const long sink = static_cast<long>(state.range(1));
  const std::string& in = wire();
  measure(
      state, in.size(),
      [&] {
        for (std::size_t at = 0; at < in.size(); at += chunk) {
          const std::size_t n = std::min(chunk, in.size() - at);
          std::memcpy(sink_at(sink, at), in.data() + at, n);
        }
        benchmark::ClobberMemory();
      },
      sink, true);
}

void memchr_chunks(benchmark::State& state) {
  const auto chunk = static_cast<std::size_t>(state.range(0));
  const std::string& in = wire();
  measure(state, in.size(), [&] {
    std::size_t lines = 0;
    for (std::size_t at = 0; at < in.size(); at += chunk) {
      const char* p = in.data() + at;
      const char* end = p + std::min(chunk, in.size() - at);
      while (const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        ++lines;
        p = static_cast<const char*>(hit) + 1;
      }
    }
    benchmark::DoNotOptimize(lines);
  });
}

/// Puts the codec on the SIMD path `state.range(1)` (a simd_path value; simd.hpp), shown as the
/// label; false (the run skipped) when this machine lacks it.
bool select_path(benchmark::State& state) {
  const auto path = static_cast<smtpcodes::simd_path>(state.range(1));
  if (!smtpcodes::use_simd_path(path)) {
    state.SkipWithError("this machine lacks the path");
    return false;
  }
  state.SetLabel(std::string(smtpcodes::to_string(path)));
  return true;
}

void smtpcodes_decode(benchmark::State& state) {
  if (!select_path(state)) return;
  const auto chunk = static_cast<std::size_t>(state.range(0));
  const long sink = static_cast<long>(state.range(2));
  const std::string& in = wire();
  measure(
      state, in.size(),
      [&] {
        smtpcodes::dot_decoder decoder;
        std::size_t w = 0;
        for (std::size_t at = 0; at < in.size(); at += chunk) {
          const std::size_t n = std::min(chunk, in.size() - at);
          const auto r = decoder.decode(std::string_view(in.data() + at, n), sink_at(sink, w), n);
          w += r.produced;
          if (r.failed()) std::abort();
          if (r.is_complete()) break;
        }
        if (w != body().size()) std::abort();
        benchmark::ClobberMemory();
      },
      sink);
}

/// decode_each: the message as views of each chunk, nothing copied (a server that writes the
/// segments to its spool with writev); the consumer counts them and their octets.
void smtpcodes_decode_each(benchmark::State& state) {
  if (!select_path(state)) return;
  const auto chunk = static_cast<std::size_t>(state.range(0));
  const std::string& in = wire();
  measure(state, in.size(), [&] {
    smtpcodes::dot_decoder decoder;
    std::size_t octets = 0;
    std::size_t segments = 0;
    for (std::size_t at = 0; at < in.size(); at += chunk) {
      const std::size_t n = std::min(chunk, in.size() - at);
      const auto r =
          decoder.decode_each(std::string_view(in.data() + at, n), [&](std::string_view s) {
            octets += s.size();
            ++segments;
          });
      if (r.failed()) std::abort();
      if (r.is_complete()) break;
    }
    if (octets != body().size()) std::abort();
    benchmark::DoNotOptimize(segments);
  });
}

void smtpcodes_encode(benchmark::State& state) {
  if (!select_path(state)) return;
  const auto chunk = static_cast<std::size_t>(state.range(0));
  const long sink = static_cast<long>(state.range(2));
  const std::string& in = body();
  measure(
      state, in.size(),
      [&] {
        smtpcodes::dot_encoder encoder;
        std::size_t w = 0;
        for (std::size_t at = 0; at < in.size(); at += chunk) {
          const std::size_t n = std::min(chunk, in.size() - at);
          const auto r = encoder.encode(std::string_view(in.data() + at, n), sink_at(sink, w),
                                        smtpcodes::dot_encoder::max_encoded_size(n));
          if (r.failed()) std::abort();
          w += r.produced;
        }
        w += encoder.finish(sink_at(sink, w), smtpcodes::dot_encoder::max_finish_size).produced;
        if (w != wire().size()) std::abort();
        benchmark::ClobberMemory();
      },
      sink);
}

/// What a straightforward receiver does: one switch per octet, carrying a small state.
void byte_state_machine_decode(benchmark::State& state) {
  const auto chunk = static_cast<std::size_t>(state.range(0));
  const std::string& in = wire();
  measure(state, in.size(), [&] {
    enum { start, dot, dot_cr, mid, cr } st = start;
    char* out = output().data();
    std::size_t w = 0;
    bool done = false;
    for (std::size_t at = 0; at < in.size() && !done; at += chunk) {
      const std::size_t n = std::min(chunk, in.size() - at);
      for (std::size_t i = 0; i < n && !done; ++i) {
        const char c = in[at + i];
        switch (st) {
          case start:
            if (c == '.') {
              st = dot;
            } else {
              out[w++] = c;
              st = c == '\r' ? cr : mid;
            }
            break;
          case dot:
            if (c == '\r') {
              st = dot_cr;
            } else {
              out[w++] = c;
              st = mid;
            }
            break;
          case dot_cr:
            if (c == '\n') {
              done = true;
            } else {
              out[w++] = '\r';
              out[w++] = c;
              st = mid;
            }
            break;
          case mid:
            out[w++] = c;
            if (c == '\r') st = cr;
            break;
          case cr:
            out[w++] = c;
            st = c == '\n' ? start : (c == '\r' ? cr : mid);
            break;
        }
      }
    }
    if (w != body().size()) std::abort();
    benchmark::ClobberMemory();
  });
}

}  // namespace

// memcpy first: the others report their ratio to it.
BENCHMARK(memcpy_chunks)
    ->ArgsProduct({{65536, 1460}, {0, 1}})
    ->ArgNames({"chunk", "sink"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(memchr_chunks)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);
// Each SIMD path this machine has (the second argument is the simd_path: 0 portable, 1 sse2,
// 3 avx2, 4 avx512bw), so the paths are compared in one run.
const std::vector<std::int64_t> simd_paths = {0, 1, 3, 4};
BENCHMARK(smtpcodes_decode)
    ->ArgsProduct({{65536, 1460}, simd_paths, {0, 1}})
    ->ArgNames({"chunk", "path", "sink"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(smtpcodes_decode_each)
    ->ArgsProduct({{65536, 1460}, simd_paths})
    ->ArgNames({"chunk", "path"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(smtpcodes_encode)
    ->ArgsProduct({{65536, 1460}, simd_paths, {0, 1}})
    ->ArgNames({"chunk", "path", "sink"})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(byte_state_machine_decode)->Arg(65536)->Arg(1460)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
