// Bounce message parsing throughput: smtpcodes::parse_dsn over every checked-in bounce (the
// hand-made samples of tests/corpus/dsn and the real Postfix and Exim bounces of
// tests/corpus/bounces), beside two baselines over the same octets in the same run: finding
// every line end with memchr, and a hand-written reader that cuts lines into std::strings and
// picks out the Final-Recipient, Action, Status and Diagnostic-Code lines.
#include <benchmark/benchmark.h>
#include <dirent.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <smtpcodes/dsn.hpp>
#include <sstream>
#include <string>
#include <vector>

#ifndef SMTPCODES_CORPUS_DIR
#error "SMTPCODES_CORPUS_DIR must name tests/corpus"
#endif

namespace {

std::vector<std::string> load_dir(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  while (const dirent* e = readdir(d)) {
    const std::string name = e->d_name;
    if (name.size() < 4 || name.compare(name.size() - 4, 4, ".eml") != 0) continue;
    std::ifstream in(dir + "/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    out.push_back(s.str());
  }
  closedir(d);
  return out;
}

/// Every bounce, repeated until the workload holds about 8 MiB.
const std::vector<std::string>& messages() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> one = load_dir(std::string(SMTPCODES_CORPUS_DIR) + "/dsn");
    for (std::string& m : load_dir(std::string(SMTPCODES_CORPUS_DIR) + "/bounces"))
      one.push_back(std::move(m));
    if (one.empty()) std::abort();
    std::vector<std::string> out;
    std::size_t bytes = 0;
    while (bytes < (8u << 20)) {
      for (const std::string& m : one) {
        out.push_back(m);
        bytes += m.size();
      }
    }
    return out;
  }();
  return all;
}

std::size_t total_bytes() {
  std::size_t n = 0;
  for (const std::string& m : messages()) n += m.size();
  return n;
}

void smtpcodes_parse_dsn(benchmark::State& state) {
  const auto& all = messages();
  std::vector<char> scratch(1 << 20);
  std::size_t recipients = 0;
  for (auto _ : state) {
    recipients = 0;
    for (const std::string& m : all) {
      const smtpcodes::dsn_result r = smtpcodes::parse_dsn(m, scratch.data(), scratch.size());
      for (const smtpcodes::dsn_recipient& rcpt : r.recipients()) {
        benchmark::DoNotOptimize(rcpt.status);
        ++recipients;
      }
      benchmark::DoNotOptimize(r.kind);
    }
  }
  state.counters["recipients"] = static_cast<double>(recipients);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
}

void memchr_line_ends(benchmark::State& state) {
  const auto& all = messages();
  for (auto _ : state) {
    std::size_t lines = 0;
    for (const std::string& m : all) {
      const char* p = m.data();
      const char* end = p + m.size();
      while (const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        ++lines;
        p = static_cast<const char*>(hit) + 1;
      }
    }
    benchmark::DoNotOptimize(lines);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
}

/// What a hand-written bounce reader does: getline into a std::string, compare prefixes.
void hand_written_reader(benchmark::State& state) {
  const auto& all = messages();
  for (auto _ : state) {
    std::size_t fields = 0;
    for (const std::string& m : all) {
      std::istringstream in(m);
      std::string line;
      while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.rfind("Final-Recipient:", 0) == 0 || line.rfind("Action:", 0) == 0 ||
            line.rfind("Status:", 0) == 0 || line.rfind("Diagnostic-Code:", 0) == 0)
          ++fields;
      }
    }
    benchmark::DoNotOptimize(fields);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes()));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * all.size()));
}

}  // namespace

BENCHMARK(smtpcodes_parse_dsn)->Unit(benchmark::kMillisecond);
BENCHMARK(memchr_line_ends)->Unit(benchmark::kMillisecond);
BENCHMARK(hand_written_reader)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
