// A client reads the server's greeting and EHLO reply from a socket-like source that hands out
// a few bytes at a time, then decides what to do next from the capabilities.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>

namespace {

// Stands in for a socket: returns the server's bytes in small, irregular pieces.
class fake_socket {
 public:
  explicit fake_socket(std::string_view data) : data_(data) {}
  std::size_t recv(char* buffer, std::size_t capacity) {
    const std::size_t n = std::min({capacity, data_.size(), std::size_t{7} + data_.size() % 5});
    std::memcpy(buffer, data_.data(), n);
    data_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view data_;
};

// Reads one complete reply into `buffer` (bytes [0, used) are unconsumed input) and returns
// its size; `parser.reply()` describes it until the caller drops those bytes.
std::size_t read_reply(fake_socket& socket, smtpcodes::reply_parser& parser, char* buffer,
                       std::size_t capacity, std::size_t& used) {
  while (true) {
    const auto r = parser.feed(std::string_view(buffer, used));
    if (r.is_complete()) return r.consumed;
    if (r.failed()) {
      std::printf("protocol error: %s at byte %zu\n", smtpcodes::to_string(r.error).data(),
                  r.offset);
      return 0;
    }
    const std::size_t n = socket.recv(buffer + used, capacity - used);
    if (n == 0) return 0;  // connection closed mid-reply
    used += n;
  }
}

}  // namespace

int main() {
  fake_socket socket(
      "220-mx.example.com ESMTP ready\r\n"
      "220 No unsolicited mail, please\r\n"
      "250-mx.example.com Hello client.example.net\r\n"
      "250-SIZE 10485760\r\n"
      "250-PIPELINING\r\n"
      "250-AUTH PLAIN LOGIN\r\n"
      "250 STARTTLS\r\n");
  char buffer[4096];
  std::size_t used = 0;
  smtpcodes::reply_parser parser;

  const std::size_t greeting = read_reply(socket, parser, buffer, sizeof buffer, used);
  if (greeting == 0 || parser.reply().code() != smtpcodes::codes::service_ready) return 1;
  std::printf("greeting: %zu lines from a 220 reply\n", parser.reply().line_count());
  std::memmove(buffer, buffer + greeting, used - greeting);  // drop the greeting
  used -= greeting;

  // (Here the client would send "EHLO client.example.net".)
  const std::size_t ehlo_size = read_reply(socket, parser, buffer, sizeof buffer, used);
  if (ehlo_size == 0) return 1;
  const auto ehlo = smtpcodes::parse_ehlo(parser.reply());
  if (!ehlo.ok()) return 1;
  const auto& caps = ehlo.capabilities;
  std::printf("server %.*s: STARTTLS %s, PIPELINING %s, PLAIN %s, size limit %llu\n",
              static_cast<int>(caps.domain().size()), caps.domain().data(),
              caps.has(smtpcodes::extension::starttls) ? "yes" : "no",
              caps.has(smtpcodes::extension::pipelining) ? "yes" : "no",
              caps.supports_auth_mechanism("plain") ? "yes" : "no",
              static_cast<unsigned long long>(caps.size_limit().value_or(0)));
  // STARTTLS was on the last line: clients that only look at "250-" lines miss it.
  return caps.has(smtpcodes::extension::starttls) && caps.size_limit() == 10485760u ? 0 : 1;
}
