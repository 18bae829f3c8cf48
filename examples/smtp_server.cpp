// smtp_server: a small poll()-based SMTP / LMTP server built on smtpcodes::server_session,
// which writes each message it accepts to a directory. It shows the server session doing
// real I/O: several non-blocking connections at once, pipelined commands, DATA and BDAT,
// STARTTLS with OpenSSL, AUTH PLAIN and LOGIN, LMTP's reply per recipient, idle timeouts.
// It is a test fixture, not a mail server: it delivers nothing and trusts loopback clients.
//
//   smtp_server --listen 127.0.0.1:PORT --maildir DIR [--cert PEM --key PEM]
//               [--auth USER:PASSWORD] [--lmtp] [--max-size N] [--max-messages N]
//               [--timeout SECONDS] [--hostname NAME] [--require-auth] [--allow-remote]
//               [--implicit-tls] [--line-endings reject|normalize]
//
// e.g.  smtp_server --listen 127.0.0.1:0 --maildir /tmp/mail --max-messages 1
//
// PORT 0 picks a free port. When it listens it prints "LISTENING <port>" on stdout. Each
// accepted message becomes DIR/msg-N.eml (the message octets as decoded from DATA, after
// dot-unstuffing, or as sent in BDAT chunks; nothing added) and DIR/msg-N.env ("FROM <addr>"
// and a "TO <addr>" line per accepted recipient), N counting from 1, each written to a
// temporary name and renamed, so a reader never sees half a file. The final reply is
// "250 2.0.0 Ok: queued as <ID>" (ID: 14 upper-case hex digits, as Postfix's short ids).
//
// Offers: PIPELINING, SIZE (--max-size; default 64 MiB, 0: no limit), 8BITMIME, CHUNKING,
// ENHANCEDSTATUSCODES; STARTTLS when --cert and --key are given; AUTH PLAIN LOGIN when --auth
// is given, checked against it (listed only after TLS when a certificate is given, in
// plaintext otherwise: server_options::auth_requires_tls). --require-auth refuses MAIL before
// AUTH. --lmtp: LHLO and one reply per recipient. A connection idle for --timeout seconds
// (default 300, RFC 5321 §4.5.3.2.7) gets the session's 421 and is closed. It exits after
// --max-messages accepted messages (once the connections still open have ended, or 10 s
// later), or on SIGTERM / SIGINT. --listen must be a loopback address unless --allow-remote.
// --implicit-tls: TLS from the first octet (RFC 8314), no STARTTLS. --line-endings: the DATA
// policy for bare CR and LF (default reject: 554 and close, as strict servers do since the SMTP
// smuggling reports; normalize stores them as CR LF).
//
// Test rules, for exercising clients: RCPT to a local part starting "reject" gets
// 550 5.1.1, "defer" 450 4.2.1; a recipient starting "faildata" makes the message's reply
// 550 5.7.1 (in LMTP only that recipient's reply) and is left out of the stored .env.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <smtpcodes/server_session.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace smtpcodes;
using steady = std::chrono::steady_clock;

volatile std::sig_atomic_t stop_requested = 0;
extern "C" void on_signal(int) {
  stop_requested = 1;
}

struct settings {
  std::string listen_host, listen_port, maildir, cert, key, user, password, hostname = "localhost";
  bool have_auth = false, lmtp = false, require_auth = false, allow_remote = false,
       implicit_tls = false;
  line_ending_policy line_endings = line_ending_policy::reject;
  std::uint64_t max_size = 64 * 1024 * 1024;  // held in memory: a bound by default
  long max_messages = 0;                      // 0: no limit
  long timeout = 300;
};

int usage(const char* why) {
  std::fprintf(stderr,
               "smtp_server: %s\n"
               "usage: smtp_server --listen 127.0.0.1:PORT --maildir DIR [--cert PEM --key PEM]\n"
               "  [--auth USER:PASSWORD] [--lmtp] [--max-size N] [--max-messages N]\n"
               "  [--timeout SECONDS] [--hostname NAME] [--require-auth] [--allow-remote]\n"
               "  [--implicit-tls] [--line-endings reject|normalize]\n",
               why);
  return 2;
}

bool parse_number(const char* text, unsigned long long max, unsigned long long& out) {
  if (*text < '0' || *text > '9') return false;
  char* end = nullptr;
  errno = 0;
  out = std::strtoull(text, &end, 10);
  return errno == 0 && *end == '\0' && out <= max;
}

int parse_args(int argc, char** argv, settings& s) {
  std::string listen;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : nullptr;
    const bool takes_value = a == "--listen" || a == "--maildir" || a == "--cert" || a == "--key" ||
                             a == "--auth" || a == "--max-size" || a == "--max-messages" ||
                             a == "--timeout" || a == "--hostname" || a == "--line-endings";
    if (takes_value && v == nullptr) return usage((std::string(a) + " needs a value").c_str());
    if (takes_value) ++i;
    unsigned long long n = 0;
    if (a == "--listen") {
      listen = v;
    } else if (a == "--maildir") {
      s.maildir = v;
    } else if (a == "--cert") {
      s.cert = v;
    } else if (a == "--key") {
      s.key = v;
    } else if (a == "--auth") {
      const std::string_view up = v;
      const std::size_t colon = up.find(':');
      if (colon == std::string_view::npos || colon == 0 || colon + 1 == up.size())
        return usage("--auth is USER:PASSWORD");
      s.user = std::string(up.substr(0, colon));
      s.password = std::string(up.substr(colon + 1));
      s.have_auth = true;
    } else if (a == "--max-size") {
      if (!parse_number(v, ~0ULL, n)) return usage("--max-size is a number of octets");
      s.max_size = n;
    } else if (a == "--max-messages") {
      if (!parse_number(v, 1000000000ULL, n)) return usage("--max-messages is a number");
      s.max_messages = static_cast<long>(n);
    } else if (a == "--timeout") {
      if (!parse_number(v, 86400, n) || n == 0) return usage("--timeout is 1 to 86400 seconds");
      s.timeout = static_cast<long>(n);
    } else if (a == "--hostname") {
      s.hostname = v;
    } else if (a == "--lmtp") {
      s.lmtp = true;
    } else if (a == "--require-auth") {
      s.require_auth = true;
    } else if (a == "--allow-remote") {
      s.allow_remote = true;
    } else if (a == "--implicit-tls") {
      s.implicit_tls = true;
    } else if (a == "--line-endings") {
      const std::string_view p = v;
      if (p == "reject") {
        s.line_endings = line_ending_policy::reject;
      } else if (p == "normalize") {
        s.line_endings = line_ending_policy::normalize;
      } else {
        return usage("--line-endings is reject or normalize");
      }
    } else {
      return usage(("unknown argument " + std::string(a)).c_str());
    }
  }
  if (listen.empty() || s.maildir.empty()) return usage("--listen and --maildir are required");
  const std::size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size())
    return usage("--listen is ADDRESS:PORT");
  s.listen_host = listen.substr(0, colon);
  s.listen_port = listen.substr(colon + 1);
  if (s.listen_host.size() > 2 && s.listen_host.front() == '[' && s.listen_host.back() == ']')
    s.listen_host = s.listen_host.substr(1, s.listen_host.size() - 2);
  if (s.listen_host == "localhost") s.listen_host = "127.0.0.1";
  unsigned long long port = 0;
  if (!parse_number(s.listen_port.c_str(), 65535, port)) return usage("bad --listen port");
  if (s.cert.empty() != s.key.empty()) return usage("--cert and --key go together");
  if (s.require_auth && !s.have_auth) return usage("--require-auth needs --auth");
  if (s.implicit_tls && s.cert.empty()) return usage("--implicit-tls needs --cert and --key");
  return 0;
}

bool is_loopback(const sockaddr* sa) {
  if (sa->sa_family == AF_INET)
    return (ntohl(reinterpret_cast<const sockaddr_in*>(sa)->sin_addr.s_addr) >> 24) == 127;
  if (sa->sa_family == AF_INET6)
    return IN6_IS_ADDR_LOOPBACK(&reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr);
  return false;
}

void print_ssl_errors() {
  unsigned long e;
  while ((e = ERR_get_error()) != 0) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    std::fprintf(stderr, "smtp_server: %s\n", text);
  }
}

// Writes `content` to `dir/name` through a temporary file and a rename.
bool write_atomically(const std::string& dir, const std::string& name, std::string_view content) {
  const std::string tmp = dir + "/." + name + ".tmp";
  const std::string path = dir + "/" + name;
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return false;
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (ok) ok = std::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) std::remove(tmp.c_str());
  return ok;
}

// ---- one client connection ------------------------------------------------------------------

bool has_prefix(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

enum class conn_state { smtp, tls_flush, tls_handshake, closing, dead };

struct connection {
  int fd = -1;
  SSL* ssl = nullptr;
  conn_state state = conn_state::smtp;
  steady::time_point last_activity = steady::now();
  std::unique_ptr<char[]> data_buffer;
  std::unique_ptr<server_session> session;
  std::string in;   // received, not consumed by the session
  std::string out;  // replies not yet sent
  bool ssl_wants_write = false;
  bool peer_closed = false;
  // the transaction
  std::string from;
  std::vector<std::string> rcpts;
  std::string body;
  std::string queue_id;  // of the message whose verdicts are being given

  ~connection() {
    if (ssl != nullptr) {
      if (state != conn_state::tls_handshake) SSL_shutdown(ssl);  // close_notify, no waiting
      SSL_free(ssl);
    }
    if (fd >= 0) ::close(fd);
  }
};

constexpr std::size_t data_buffer_size = 65536;
constexpr std::size_t max_pending_output = 1 << 20;  // stop reading a client that never reads
constexpr std::size_t read_chunk = 16384;
constexpr std::size_t max_connections = 256;

struct server {
  settings cfg;
  server_options options;
  SSL_CTX* tls = nullptr;
  int listen_fd = -1;
  std::vector<std::unique_ptr<connection>> conns;
  long messages = 0;  // accepted and written
  std::uint64_t next_file = 1;

  bool limit_reached() const { return cfg.max_messages > 0 && messages >= cfg.max_messages; }

  // Stores the current message; its queue id, or empty on failure.
  std::string store(connection& c, const std::vector<std::string>& rcpts) {
    char id[32];
    // Time, process and count: distinct across runs and servers (Postfix's short-id alphabet).
    std::snprintf(
        id, sizeof id, "%06X%04X%04X", static_cast<unsigned>(std::time(nullptr)) & 0xFFFFFFu,
        static_cast<unsigned>(::getpid()) & 0xFFFFu, static_cast<unsigned>(next_file & 0xFFFF));
    const std::string base = "msg-" + std::to_string(next_file);
    std::string env = "FROM <" + c.from + ">\n";
    for (const std::string& r : rcpts) env += "TO <" + r + ">\n";
    // The .eml first: the harness may take the .env's arrival as the message's.
    if (!write_atomically(cfg.maildir, base + ".eml", c.body) ||
        !write_atomically(cfg.maildir, base + ".env", env)) {
      std::fprintf(stderr, "smtp_server: cannot write %s/%s: %s\n", cfg.maildir.c_str(),
                   base.c_str(), std::strerror(errno));
      return {};
    }
    ++next_file;
    ++messages;
    std::fprintf(stderr, "smtp_server: stored %s (%zu octets, %zu recipients)\n", base.c_str(),
                 c.body.size(), rcpts.size());
    return id;
  }

  void answer(connection& c, const server_result& r) {
    server_session& s = *c.session;
    errc e{};
    switch (r.event) {
      case server_event::hello:
        e = s.accept();
        break;
      case server_event::mail:
        c.from = std::string(s.parsed_command().path.mailbox);
        c.rcpts.clear();
        c.body.clear();
        e = s.accept();
        break;
      case server_event::rcpt: {
        // Test rules (see the file comment): refuse or defer by the local part's prefix.
        const std::string_view local = s.parsed_command().path.local_part;
        if (has_prefix(local, "reject")) {
          e = s.reject();  // 550 5.1.1
        } else if (has_prefix(local, "defer")) {
          e = s.reject(reply_code(450), enhanced_status{4, 2, 1}, "Mailbox busy, try later");
        } else {
          c.rcpts.emplace_back(s.parsed_command().path.mailbox);
          e = s.accept();
        }
        break;
      }
      case server_event::auth: {
        const server_credentials cr = s.credentials();
        const bool ok = cr.authcid == cfg.user && cr.password == cfg.password &&
                        (cr.authzid.empty() || cr.authzid == cfg.user);
        e = ok ? s.accept() : s.reject();
        break;
      }
      case server_event::message_end: {
        // Test rule: a recipient whose local part starts "faildata" refuses the message (in
        // LMTP only for itself, RFC 2033 §4.2; in SMTP for all, as there is one reply).
        const std::size_t i = s.recipient_index();
        std::vector<std::string> keep;
        for (const std::string& r : c.rcpts)
          if (!has_prefix(r, "faildata")) keep.push_back(r);
        const bool refused = cfg.lmtp ? i < c.rcpts.size() && has_prefix(c.rcpts[i], "faildata")
                                      : keep.size() != c.rcpts.size();
        if (i == 0) {
          c.queue_id.clear();
          if (cfg.lmtp ? !keep.empty() : !refused) c.queue_id = store(c, keep);
        }
        if (refused) {
          e = s.reject(reply_code(550), enhanced_status{5, 7, 1}, "Refused by the test rule");
        } else if (c.queue_id.empty()) {
          e = s.reject(reply_code(451), enhanced_status{4, 3, 0}, "Cannot store the message");
        } else {
          e = s.accept("Ok: queued as " + c.queue_id);
        }
        if (s.recipient_index() + 1 >= c.rcpts.size()) c.body.clear();
        break;
      }
      default:
        return;
    }
    if (e != errc{}) {
      std::fprintf(stderr, "smtp_server: cannot answer %s: %s\n",
                   std::string(to_string(r.event)).c_str(), std::string(to_string(e)).c_str());
    }
  }

  void take_output(connection& c) {
    const std::string_view o = c.session->output();
    c.out.append(o.data(), o.size());
    c.session->clear_output();
  }

  // Feeds the received octets to the session until it needs more (bounded).
  void work(connection& c) {
    server_session& s = *c.session;
    for (int guard = 0; guard < 100000 && c.state == conn_state::smtp; ++guard) {
      if (c.out.size() > max_pending_output) break;  // let the client read first
      const server_result r = s.feed(c.in);
      if (r.event == server_event::message_data) c.body.append(r.data.data(), r.data.size());
      if (r.needs_answer()) answer(c, r);
      if (r.event == server_event::message_refused) c.body.clear();
      c.in.erase(0, r.consumed);
      take_output(c);
      if (r.event == server_event::start_tls) {
        c.in.clear();  // RFC 3207 §4.2: nothing sent before the handshake is acted on
        c.state = conn_state::tls_flush;
        break;
      }
      if (r.event == server_event::closed) {
        c.state = conn_state::closing;
        break;
      }
      if (r.event == server_event::need_more || r.event == server_event::answer_pending) break;
    }
  }

  // Sends what is queued; false when the connection broke.
  bool flush(connection& c) {
    c.ssl_wants_write = false;
    while (!c.out.empty()) {
      if (c.ssl != nullptr) {
        const int n = SSL_write(c.ssl, c.out.data(), static_cast<int>(c.out.size()));
        if (n > 0) {
          c.out.erase(0, static_cast<std::size_t>(n));
          continue;
        }
        const int err = SSL_get_error(c.ssl, n);
        if (err == SSL_ERROR_WANT_WRITE || err == SSL_ERROR_WANT_READ) {
          c.ssl_wants_write = true;
          return true;
        }
        return false;
      }
      const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n > 0) {
        c.out.erase(0, static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;
      return false;
    }
    return true;
  }

  // Reads what is there (at most a few chunks); false when the connection broke.
  bool receive(connection& c) {
    char buf[read_chunk];
    for (int k = 0; k < 8; ++k) {
      if (c.ssl != nullptr) {
        const int n = SSL_read(c.ssl, buf, sizeof buf);
        if (n > 0) {
          c.in.append(buf, static_cast<std::size_t>(n));
          c.last_activity = steady::now();
          continue;
        }
        const int err = SSL_get_error(c.ssl, n);
        if (err == SSL_ERROR_WANT_READ) return true;
        if (err == SSL_ERROR_WANT_WRITE) {
          c.ssl_wants_write = true;
          return true;
        }
        c.peer_closed = true;
        return err == SSL_ERROR_ZERO_RETURN;
      }
      const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n > 0) {
        c.in.append(buf, static_cast<std::size_t>(n));
        c.last_activity = steady::now();
        continue;
      }
      if (n == 0) {
        c.peer_closed = true;
        return true;
      }
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK;
    }
    return true;
  }

  void handshake(connection& c) {
    if (c.ssl == nullptr) {
      c.ssl = SSL_new(tls);
      if (c.ssl == nullptr || SSL_set_fd(c.ssl, c.fd) != 1) {
        print_ssl_errors();
        c.state = conn_state::dead;
        return;
      }
    }
    const int r = SSL_accept(c.ssl);
    if (r == 1) {
      if (!cfg.implicit_tls) c.session->tls_started();
      c.state = conn_state::smtp;
      c.last_activity = steady::now();
      return;
    }
    const int err = SSL_get_error(c.ssl, r);
    if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) {
      c.ssl_wants_write = err == SSL_ERROR_WANT_WRITE;
      return;
    }
    std::fprintf(stderr, "smtp_server: TLS handshake failed\n");
    print_ssl_errors();
    SSL_free(c.ssl);
    c.ssl = nullptr;
    c.state = conn_state::dead;  // no state for SMTP after a failed handshake
  }

  // One round of work on a connection after poll said something about it.
  void service(connection& c, short revents) {
    if (revents & (POLLERR | POLLNVAL)) {
      c.state = conn_state::dead;
      return;
    }
    if (c.state == conn_state::tls_handshake) {
      handshake(c);
      if (c.state != conn_state::smtp) return;
    }
    if (c.state == conn_state::smtp && (revents & (POLLIN | POLLHUP))) {
      if (!receive(c)) {
        c.state = conn_state::dead;
        return;
      }
    }
    if (c.state == conn_state::smtp) work(c);
    if (!flush(c)) {
      c.state = conn_state::dead;
      return;
    }
    if (c.state == conn_state::tls_flush && c.out.empty()) {
      c.state = conn_state::tls_handshake;  // the 220 is out in plaintext
      handshake(c);
      if (c.state == conn_state::smtp) work(c);
      if (!flush(c)) c.state = conn_state::dead;
    }
    if (c.state == conn_state::closing && c.out.empty()) c.state = conn_state::dead;
    if (c.state == conn_state::smtp && c.peer_closed) {
      c.state = c.out.empty() ? conn_state::dead : conn_state::closing;  // replies still due
    }
  }

  void accept_clients() {
    for (int k = 0; k < 16; ++k) {
      sockaddr_storage peer{};
      socklen_t len = sizeof peer;
      const int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&peer), &len,
                               SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) return;
      auto c = std::make_unique<connection>();
      c->fd = fd;
      c->data_buffer = std::make_unique<char[]>(data_buffer_size);
      c->session =
          std::make_unique<server_session>(options, c->data_buffer.get(), data_buffer_size);
      if (c->session->accept() != errc{}) {  // the 220 greeting
        std::fprintf(stderr, "smtp_server: bad --hostname\n");
        continue;
      }
      take_output(*c);
      if (cfg.implicit_tls) {
        c->state = conn_state::tls_handshake;  // the greeting waits in `out` for the handshake
        handshake(*c);
        if (c->state == conn_state::dead) continue;
      }
      if (c->state == conn_state::smtp && !flush(*c)) continue;
      conns.push_back(std::move(c));
    }
  }

  void check_timeouts() {
    const auto now = steady::now();
    for (auto& cp : conns) {
      connection& c = *cp;
      if (c.state == conn_state::dead) continue;
      if (now - c.last_activity < std::chrono::seconds(cfg.timeout)) continue;
      if (c.state == conn_state::smtp) {
        std::fprintf(stderr, "smtp_server: client idle for %ld s, closing\n", cfg.timeout);
        if (c.session->timeout() != errc{}) c.session->clear_output();  // then room for 421
        (void)c.session->timeout();
        take_output(c);
        c.state = conn_state::closing;
        c.last_activity = now;  // a further --timeout to take the 421
        if (!flush(c)) c.state = conn_state::dead;
      } else {
        c.state = conn_state::dead;  // stuck in the handshake or not reading the 421
      }
    }
  }

  int run() {
    steady::time_point stop_at{};
    bool stopping = false;
    for (long rounds = 0;; ++rounds) {
      if (stop_requested) break;
      if (!stopping && limit_reached()) {
        stopping = true;  // no new clients; those connected may finish (QUIT)
        stop_at = steady::now() + std::chrono::seconds(10);
        ::close(listen_fd);
        listen_fd = -1;
      }
      if (stopping && (conns.empty() || steady::now() >= stop_at)) break;
      std::vector<pollfd> fds;
      int timeout = 1000;
      // At max_connections, new clients wait in the listen queue.
      if (listen_fd >= 0)
        fds.push_back(
            {listen_fd, static_cast<short>(conns.size() < max_connections ? POLLIN : 0), 0});
      for (auto& cp : conns) {
        const connection& c = *cp;
        short ev = 0;
        if (c.state == conn_state::smtp) {
          if (c.out.size() <= max_pending_output) ev |= POLLIN;
          if (!c.out.empty() || c.ssl_wants_write) ev |= POLLOUT;
        } else if (c.state == conn_state::tls_handshake) {
          ev = c.ssl_wants_write ? POLLOUT : POLLIN;
        } else {
          ev = POLLOUT;  // tls_flush, closing: only the output is left
        }
        // Octets OpenSSL already holds make no poll event: come back at once.
        if (c.ssl != nullptr && SSL_pending(c.ssl) > 0) timeout = 0;
        fds.push_back({c.fd, ev, 0});
      }
      const int r = ::poll(fds.data(), fds.size(), timeout);
      if (r < 0 && errno != EINTR) {
        std::perror("smtp_server: poll");
        return 1;
      }
      std::size_t at = 0;
      if (listen_fd >= 0) {
        if (r > 0 && (fds[0].revents & POLLIN)) accept_clients();
        at = 1;
      }
      for (std::size_t i = 0; r >= 0 && at + i < fds.size() && i < conns.size(); ++i) {
        short revents = fds[at + i].revents;
        if (conns[i]->ssl != nullptr && SSL_pending(conns[i]->ssl) > 0) revents |= POLLIN;
        if (revents != 0) service(*conns[i], revents);
      }
      check_timeouts();
      std::vector<std::unique_ptr<connection>> alive;
      for (auto& cp : conns)
        if (cp->state != conn_state::dead) alive.push_back(std::move(cp));
      conns.swap(alive);
    }
    return 0;
  }
};

int open_listener(const settings& s) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  addrinfo* list = nullptr;
  const int g = ::getaddrinfo(s.listen_host.c_str(), s.listen_port.c_str(), &hints, &list);
  if (g != 0) {
    std::fprintf(stderr, "smtp_server: --listen %s: %s (a numeric address is needed)\n",
                 s.listen_host.c_str(), ::gai_strerror(g));
    return -1;
  }
  if (!s.allow_remote && !is_loopback(list->ai_addr)) {
    std::fprintf(stderr, "smtp_server: %s is not a loopback address (--allow-remote)\n",
                 s.listen_host.c_str());
    ::freeaddrinfo(list);
    return -1;
  }
  const int fd = ::socket(list->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  const int one = 1;
  if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (fd < 0 || ::bind(fd, list->ai_addr, list->ai_addrlen) != 0 || ::listen(fd, 64) != 0) {
    std::perror("smtp_server: listen");
    if (fd >= 0) ::close(fd);
    ::freeaddrinfo(list);
    return -1;
  }
  ::freeaddrinfo(list);
  return fd;
}

int port_of(int fd) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) return -1;
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&a)->sin_port);
  return ntohs(reinterpret_cast<sockaddr_in6*>(&a)->sin6_port);
}

}  // namespace

int main(int argc, char** argv) {
  server srv;
  settings& cfg = srv.cfg;
  if (const int u = parse_args(argc, argv, cfg); u != 0) return u;
  if (::mkdir(cfg.maildir.c_str(), 0755) != 0 && errno != EEXIST) {
    std::fprintf(stderr, "smtp_server: cannot create %s: %s\n", cfg.maildir.c_str(),
                 std::strerror(errno));
    return 1;
  }
  ::signal(SIGPIPE, SIG_IGN);
  struct sigaction sa {};
  sa.sa_handler = on_signal;  // no SA_RESTART: poll returns EINTR
  ::sigaction(SIGTERM, &sa, nullptr);
  ::sigaction(SIGINT, &sa, nullptr);

  server_options& o = srv.options;
  o.host_name = cfg.hostname;
  o.lmtp = cfg.lmtp;
  o.chunking = true;
  o.max_message_size = cfg.max_size;
  // Python's smtplib sends "HELO [127.0.0.1]" when it falls back from EHLO (command.hpp).
  o.commands.accept_helo_address_literal = true;
  o.starttls = !cfg.cert.empty();
  o.auth_plain = o.auth_login = cfg.have_auth;
  o.auth_requires_tls = !cfg.cert.empty();  // no certificate: AUTH in plaintext (loopback tests)
  o.require_auth = cfg.require_auth;
  o.tls_active = cfg.implicit_tls;  // implicit TLS (RFC 8314): no STARTTLS, AUTH offered
  o.data_line_endings = cfg.line_endings;

  if (!cfg.cert.empty()) {
    srv.tls = SSL_CTX_new(TLS_server_method());
    if (srv.tls == nullptr || SSL_CTX_use_certificate_chain_file(srv.tls, cfg.cert.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(srv.tls, cfg.key.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(srv.tls) != 1) {
      std::fprintf(stderr, "smtp_server: cannot load %s / %s\n", cfg.cert.c_str(), cfg.key.c_str());
      print_ssl_errors();
      return 1;
    }
    SSL_CTX_set_min_proto_version(srv.tls, TLS1_2_VERSION);
  }

  srv.listen_fd = open_listener(cfg);
  if (srv.listen_fd < 0) return 1;
  std::printf("LISTENING %d\n", port_of(srv.listen_fd));
  std::fflush(stdout);
  const int status = srv.run();
  if (srv.listen_fd >= 0) ::close(srv.listen_fd);
  srv.conns.clear();
  if (srv.tls != nullptr) SSL_CTX_free(srv.tls);
  std::fprintf(stderr, "smtp_server: %ld messages stored\n", srv.messages);
  return status;
}
