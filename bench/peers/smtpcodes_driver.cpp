// bench/peers driver for smtpcodes and the two baselines, memcpy and memchr.
// Usage: smtpcodes_driver CONTENDER WORKLOAD INPUT OUTPUT REPS
//   CONTENDER: smtpcodes | memcpy | memchr; WORKLOAD: stuff | unstuff | replies.
//   `smtpcodes_driver simd` prints the SIMD path the DATA codec runs on here (simd.hpp).
// Reads INPUT into memory, runs the work REPS times, timing only the work, and prints
//   RESULT <contender> <workload> <bytes/s of input, median> <check fields>
// The output of the last repetition goes to OUTPUT (stuff, unstuff, memcpy) for run.sh to hash.
#include <algorithm>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/reply.hpp>
#include <smtpcodes/simd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::string read_file(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void write_file(const char* path, const char* data, std::size_t size) {
  std::FILE* f = std::fopen(path, "wb");
  if (f == nullptr || std::fwrite(data, 1, size, f) != size || std::fclose(f) != 0) {
    std::fprintf(stderr, "cannot write %s\n", path);
    std::exit(2);
  }
}

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "smtpcodes_driver: %s\n", what);
  std::exit(1);
}

/// Runs `work` `reps` times; the median duration in seconds.
template <typename Work>
double median_seconds(int reps, Work work) {
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

volatile std::size_t sink;

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "simd") {
    const std::string_view path = smtpcodes::to_string(smtpcodes::active_simd_path());
    std::printf("%.*s\n", static_cast<int>(path.size()), path.data());
    return 0;
  }
  if (argc != 6) die("usage: smtpcodes_driver CONTENDER WORKLOAD INPUT OUTPUT REPS");
  const std::string contender = argv[1];
  const std::string workload = argv[2];
  const char* output_path = argv[4];
  const int reps = std::max(1, std::atoi(argv[5]));
  const std::string in = read_file(argv[3]);
  std::vector<char> out(2 * in.size() + 16);
  std::size_t produced = 0;
  char extra[160] = "";
  double seconds = 0;

  if (contender == "memcpy") {
    seconds = median_seconds(reps, [&] {
      std::memcpy(out.data(), in.data(), in.size());
      produced = in.size();
      sink = static_cast<unsigned char>(out[in.size() / 2]);
    });
    write_file(output_path, out.data(), produced);
  } else if (contender == "memchr") {
    std::size_t lines = 0;
    seconds = median_seconds(reps, [&] {
      lines = 0;
      const char* p = in.data();
      const char* end = p + in.size();
      while (const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
        ++lines;
        p = static_cast<const char*>(hit) + 1;
      }
      sink = lines;
    });
    std::snprintf(extra, sizeof extra, "lines=%zu", lines);
  } else if (contender == "smtpcodes" && workload == "stuff") {
    seconds = median_seconds(reps, [&] {
      smtpcodes::dot_encoder encoder;  // reject: the body has CR LF line ends only
      const auto r = encoder.encode(in, out.data(), out.size());
      if (r.failed()) die("encode failed");
      const auto f = encoder.finish(out.data() + r.produced, out.size() - r.produced);
      if (!f.is_complete()) die("finish failed");
      produced = r.produced + f.produced;
    });
    write_file(output_path, out.data(), produced);
  } else if (contender == "smtpcodes" && workload == "unstuff") {
    std::size_t consumed = 0;
    seconds = median_seconds(reps, [&] {
      smtpcodes::dot_decoder decoder;
      const auto r = decoder.decode(in, out.data(), out.size());
      if (!r.is_complete()) die("decode did not complete");
      produced = r.produced;
      consumed = r.consumed;
    });
    write_file(output_path, out.data(), produced);
    std::snprintf(extra, sizeof extra, "end=%zu", consumed);
  } else if (contender == "smtpcodes" && workload == "replies") {
    std::uint64_t count = 0, lines = 0, sum = 0;
    std::uint32_t hash = 0;
    seconds = median_seconds(reps, [&] {
      count = lines = sum = 0;
      hash = 0;
      // The whole stream in one feed_each call, as a client reads a buffer of pipelined
      // replies (every reply checked as `feed` would check it).
      smtpcodes::reply_parser parser;
      const auto r = parser.feed_each(in, [&](const smtpcodes::reply_view& reply) {
        const unsigned code = reply.code().value();
        ++count;
        lines += reply.line_count();
        sum += code;
        hash = hash * 31U + code;
      });
      if (!r.is_complete() || r.consumed != in.size()) die("reply parse failed");
    });
    std::snprintf(extra, sizeof extra,
                  "replies=%" PRIu64 " lines=%" PRIu64 " sum=%" PRIu64 " hash=%" PRIu32, count,
                  lines, sum, hash);
  } else {
    die("unknown contender or workload");
  }
  std::printf("RESULT %s %s %.0f %s\n", contender.c_str(), workload.c_str(),
              static_cast<double>(in.size()) / seconds, extra);
  return 0;
}
