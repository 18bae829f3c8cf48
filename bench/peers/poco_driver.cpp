// bench/peers driver for POCO's Net library (libpoco-dev): Poco::Net::MailOutputStream for
// stuffing, Poco::Net::MailInputStream for unstuffing with end detection.
// Usage: poco_driver WORKLOAD INPUT OUTPUT REPS, WORKLOAD stuff | unstuff.
//   stuff:   a MailOutputStream over an ostream writing into a preallocated buffer; the body is
//            written at once, then close() writes the terminator
//   unstuff: a MailInputStream over an istream reading the input in place, read in 64 KiB
//            blocks until it reports the end; end = octets it took from the input
// Prints RESULT poco WORKLOAD <bytes/s, median> <check fields>, as the smtpcodes driver does.
#include <Poco/Net/MailStream.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <istream>
#include <iterator>
#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace {

/// Reads a string in place.
struct view_buf : std::streambuf {
  explicit view_buf(std::string& s) { setg(&s[0], &s[0], &s[0] + s.size()); }
  std::size_t taken() const { return static_cast<std::size_t>(gptr() - eback()); }
};

/// Writes into a buffer allocated beforehand (as large as the output can get).
struct fixed_buf : std::streambuf {
  explicit fixed_buf(std::vector<char>& v) { setp(v.data(), v.data() + v.size()); }
  std::size_t written() const { return static_cast<std::size_t>(pptr() - pbase()); }
};

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "poco_driver: %s\n", what);
  std::exit(1);
}

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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) die("usage: poco_driver WORKLOAD INPUT OUTPUT REPS");
  const std::string workload = argv[1];
  const int reps = std::max(1, std::atoi(argv[4]));
  std::ifstream file(argv[2], std::ios::binary);
  std::string in((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  std::vector<char> out(2 * in.size() + 16);
  std::size_t produced = 0;
  char extra[64] = "";
  double seconds = 0;
  if (workload == "stuff") {
    seconds = median_seconds(reps, [&] {
      fixed_buf buf(out);
      std::ostream sink(&buf);
      Poco::Net::MailOutputStream mail(sink);
      mail.write(in.data(), static_cast<std::streamsize>(in.size()));
      mail.close();
      if (!sink) die("output failed");
      produced = buf.written();
    });
  } else if (workload == "unstuff") {
    std::size_t end = 0;
    seconds = median_seconds(reps, [&] {
      view_buf buf(in);
      std::istream source(&buf);
      Poco::Net::MailInputStream mail(source);
      produced = 0;
      while (mail.read(out.data() + produced, 65536) || mail.gcount() > 0)
        produced += static_cast<std::size_t>(mail.gcount());
      end = buf.taken();
    });
    std::snprintf(extra, sizeof extra, "end=%zu", end);
  } else {
    die("unknown workload");
  }
  std::FILE* f = std::fopen(argv[3], "wb");
  if (f == nullptr || std::fwrite(out.data(), 1, produced, f) != produced || std::fclose(f) != 0)
    die("cannot write the output");
  std::printf("RESULT poco %s %.0f %s\n", workload.c_str(),
              static_cast<double>(in.size()) / seconds, extra);
  return 0;
}
