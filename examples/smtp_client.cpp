// smtp_client: a blocking SMTP / LMTP client that delivers one message, built on
// smtpcodes::client_session (the protocol) with the socket, poll() timeouts, OpenSSL TLS and
// the SASL hashes supplied here. It shows the session's driving loop doing real I/O:
// STARTTLS and implicit TLS, AUTH through a sasl_client, pipelining, BDAT, LMTP, and a
// verdict per recipient.
//
//   smtp_client --host HOST --port PORT --from ADDR --to ADDR [--to ADDR ...] [--helo NAME]
//               [--tls none|opportunistic|required|implicit] [--cafile PEM] [--insecure]
//               [--user USER --password PASS] [--mech PLAIN|LOGIN|CRAM-MD5|SCRAM-SHA-256]
//               [--no-pipelining] [--no-chunking] [--lmtp] [--file PATH] [--timeout SECONDS]
//
// e.g.  printf 'Subject: hi\r\n\r\nHello\r\n' |
//         smtp_client --host 127.0.0.1 --port 2525 --tls none --from a@x --to b@y
//
// The message is read from stdin (or --file) as it is: it must use CR LF line ends (a bare CR
// or LF fails the delivery with bad_content under DATA; BDAT sends the octets unchanged), and
// DATA adds a final CR LF when the message lacks one (RFC 5321 §4.1.1.4).
//
// stdout: one line per recipient, "RECIPIENT <addr> CODE STEP VERDICT" (e.g. "RECIPIENT
// <b@y> 250 data_end delivered", "RECIPIENT <c@y> 550 rcpt refused"; CODE 000 when no reply
// decided), and "QUEUE_ID <id>" for each queue id the final replies carried. stderr: errors,
// and the session's failure() / violation() names. Exit status: 0 every recipient delivered,
// 1 otherwise (or the session failed), 2 usage error.
//
// Defaults and choices: --tls required (the library's default: no STARTTLS, no mail). The
// certificate is checked against --cafile (or the system's store) and --host; --insecure skips
// the check and says so on stderr. --timeout N sets every RFC 5321 §4.5.3.2 wait to N seconds
// (and bounds connect and the TLS handshake; 60 s when not given). With --user and no --mech,
// the mechanism is chosen from the server's AUTH offer (SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN,
// in that order); PLAIN and LOGIN, which send the password itself, only over TLS or when the
// server's address is loopback (127.0.0.0/8, ::1), also when named by --mech.
//
// Choosing from the offer is the session's (client_options::sasl_choices): it picks the first
// of our steppers the server's AUTH line names, once EHLO (and STARTTLS) are done.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <smtpcodes/client_session.hpp>
#include <smtpcodes/sasl.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace smtpcodes;
using steady = std::chrono::steady_clock;

// ---- command line ---------------------------------------------------------------------------

struct settings {
  std::string host, port, from, helo = "localhost", cafile, user, password, mech, file;
  std::vector<std::string> to;
  tls_mode tls = tls_mode::required;
  bool insecure = false, pipelining = true, chunking = true, lmtp = false, have_password = false;
  long timeout = 0;  // 0: the RFC's waits
};

int usage(const char* why) {
  std::fprintf(stderr,
               "smtp_client: %s\n"
               "usage: smtp_client --host HOST --port PORT --from ADDR --to ADDR [--to ADDR ...]\n"
               "  [--helo NAME] [--tls none|opportunistic|required|implicit] [--cafile PEM]\n"
               "  [--insecure] [--user USER --password PASS]\n"
               "  [--mech PLAIN|LOGIN|CRAM-MD5|SCRAM-SHA-256] [--no-pipelining] [--no-chunking]\n"
               "  [--lmtp] [--file PATH] [--timeout SECONDS]\n",
               why);
  return 2;
}

// Returns 0 when `s` is complete, otherwise the exit status (2).
int parse_args(int argc, char** argv, settings& s) {
  bool have_from = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (a == "--host") {
      if (!value(s.host)) return usage("--host needs a value");
    } else if (a == "--port") {
      if (!value(s.port)) return usage("--port needs a value");
    } else if (a == "--from") {
      if (!value(s.from)) return usage("--from needs a value");
      have_from = true;  // "" is the null reverse-path, <>
    } else if (a == "--to") {
      if (!value(v)) return usage("--to needs a value");
      s.to.push_back(v);
    } else if (a == "--helo") {
      if (!value(s.helo)) return usage("--helo needs a value");
    } else if (a == "--tls") {
      if (!value(v)) return usage("--tls needs a value");
      if (v == "none") {
        s.tls = tls_mode::none;
      } else if (v == "opportunistic") {
        s.tls = tls_mode::opportunistic;
      } else if (v == "required") {
        s.tls = tls_mode::required;
      } else if (v == "implicit") {
        s.tls = tls_mode::implicit;
      } else {
        return usage("--tls is none, opportunistic, required or implicit");
      }
    } else if (a == "--cafile") {
      if (!value(s.cafile)) return usage("--cafile needs a value");
    } else if (a == "--insecure") {
      s.insecure = true;
    } else if (a == "--user") {
      if (!value(s.user)) return usage("--user needs a value");
    } else if (a == "--password") {
      if (!value(s.password)) return usage("--password needs a value");
      s.have_password = true;
    } else if (a == "--mech") {
      if (!value(s.mech)) return usage("--mech needs a value");
      const auto m = parse_sasl_mechanism(s.mech);
      if (!m || (*m != sasl_mechanism::plain && *m != sasl_mechanism::login &&
                 *m != sasl_mechanism::cram_md5 && *m != sasl_mechanism::scram_sha_256))
        return usage("--mech is PLAIN, LOGIN, CRAM-MD5 or SCRAM-SHA-256");
    } else if (a == "--no-pipelining") {
      s.pipelining = false;
    } else if (a == "--no-chunking") {
      s.chunking = false;
    } else if (a == "--lmtp") {
      s.lmtp = true;
    } else if (a == "--file") {
      if (!value(s.file)) return usage("--file needs a value");
    } else if (a == "--timeout") {
      if (!value(v)) return usage("--timeout needs a value");
      char* end = nullptr;
      s.timeout = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || s.timeout <= 0 || s.timeout > 86400)
        return usage("--timeout is a number of seconds, 1 to 86400");
    } else {
      return usage(("unknown argument " + std::string(a)).c_str());
    }
  }
  if (s.host.empty() || s.port.empty() || !have_from || s.to.empty())
    return usage("--host, --port, --from and at least one --to are required");
  if (s.user.empty() != !s.have_password) return usage("--user and --password go together");
  if (!s.mech.empty() && s.user.empty()) return usage("--mech needs --user and --password");
  return 0;
}

bool read_message(const settings& s, std::string& out) {
  FILE* f = s.file.empty() ? stdin : std::fopen(s.file.c_str(), "rb");
  if (f == nullptr) {
    std::fprintf(stderr, "smtp_client: cannot open %s: %s\n", s.file.c_str(), std::strerror(errno));
    return false;
  }
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const bool ok = !std::ferror(f);
  if (f != stdin) std::fclose(f);
  if (!ok) std::fprintf(stderr, "smtp_client: cannot read the message\n");
  return ok;
}

// ---- the connection: a non-blocking socket, optionally under TLS ----------------------------

int ms_until(steady::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()).count();
  return left <= 0 ? 0 : left > 86400000 ? 86400000 : static_cast<int>(left);
}

// Waits for `events` on `fd`; false on timeout or error.
bool wait_for(int fd, short events, steady::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int r = ::poll(&p, 1, ms_until(deadline));
    if (r > 0) return true;
    if (r == 0) return false;
    if (errno != EINTR) return false;
  }
}

enum class io_status { ok, closed, timed_out, failed };

struct connection {
  int fd = -1;
  SSL_CTX* ctx = nullptr;
  SSL* ssl = nullptr;
  bool loopback = false;

  ~connection() {
    if (ssl != nullptr) {
      SSL_shutdown(ssl);  // close_notify; the socket is non-blocking, so no waiting
      SSL_free(ssl);
    }
    if (ctx != nullptr) SSL_CTX_free(ctx);
    if (fd >= 0) ::close(fd);
  }

  // Writes all of `bytes` (partial writes and EAGAIN handled).
  io_status write_all(std::string_view bytes, steady::time_point deadline) {
    while (!bytes.empty()) {
      if (ssl != nullptr) {
        const int chunk = bytes.size() > 1 << 30 ? 1 << 30 : static_cast<int>(bytes.size());
        const int n = SSL_write(ssl, bytes.data(), chunk);
        if (n > 0) {
          bytes.remove_prefix(static_cast<std::size_t>(n));
          continue;
        }
        const int e = SSL_get_error(ssl, n);
        if (e == SSL_ERROR_WANT_WRITE || e == SSL_ERROR_WANT_READ) {
          if (!wait_for(fd, e == SSL_ERROR_WANT_WRITE ? POLLOUT : POLLIN, deadline))
            return io_status::timed_out;
          continue;
        }
        return e == SSL_ERROR_ZERO_RETURN ? io_status::closed : io_status::failed;
      }
      const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        if (!wait_for(fd, POLLOUT, deadline)) return io_status::timed_out;
        continue;
      }
      return errno == EPIPE || errno == ECONNRESET ? io_status::closed : io_status::failed;
    }
    return io_status::ok;
  }

  // Appends what arrives (at least one octet) to `buffer`.
  io_status read_some(std::string& buffer, steady::time_point deadline) {
    char buf[16384];
    for (;;) {
      if (ssl != nullptr) {
        const int n = SSL_read(ssl, buf, sizeof buf);
        if (n > 0) {
          buffer.append(buf, static_cast<std::size_t>(n));
          return io_status::ok;
        }
        const int e = SSL_get_error(ssl, n);
        if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
          if (!wait_for(fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline))
            return io_status::timed_out;
          continue;
        }
        return e == SSL_ERROR_ZERO_RETURN || e == SSL_ERROR_SYSCALL ? io_status::closed
                                                                    : io_status::failed;
      }
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n > 0) {
        buffer.append(buf, static_cast<std::size_t>(n));
        return io_status::ok;
      }
      if (n == 0) return io_status::closed;
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        if (!wait_for(fd, POLLIN, deadline)) return io_status::timed_out;
        continue;
      }
      return errno == ECONNRESET ? io_status::closed : io_status::failed;
    }
  }
};

bool is_loopback(const sockaddr* sa) {
  if (sa->sa_family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
    return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
  }
  if (sa->sa_family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(sa);
    if (IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr)) return true;
    if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr)) return in6->sin6_addr.s6_addr[12] == 127;
  }
  return false;
}

// Tries each address of HOST:PORT in turn, each with a non-blocking connect bounded by the
// deadline.
bool dial(const settings& s, connection& c, steady::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const int g = ::getaddrinfo(s.host.c_str(), s.port.c_str(), &hints, &list);
  if (g != 0) {
    std::fprintf(stderr, "smtp_client: %s:%s: %s\n", s.host.c_str(), s.port.c_str(),
                 ::gai_strerror(g));
    return false;
  }
  int last_error = 0;
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      last_error = errno;
      continue;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    int r = ::connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (r < 0 && errno == EINPROGRESS) {
      if (wait_for(fd, POLLOUT, deadline)) {
        int err = 0;
        socklen_t len = sizeof err;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
        r = err == 0 ? 0 : -1;
        errno = err;
      } else {
        errno = ETIMEDOUT;
      }
    }
    if (r == 0) {
      c.fd = fd;
      c.loopback = is_loopback(ai->ai_addr);
      ::freeaddrinfo(list);
      return true;
    }
    last_error = errno;
    ::close(fd);
  }
  ::freeaddrinfo(list);
  std::fprintf(stderr, "smtp_client: connect to %s:%s: %s\n", s.host.c_str(), s.port.c_str(),
               std::strerror(last_error));
  return false;
}

void print_ssl_errors() {
  unsigned long e;
  while ((e = ERR_get_error()) != 0) {
    char text[256];
    ERR_error_string_n(e, text, sizeof text);
    std::fprintf(stderr, "smtp_client: %s\n", text);
  }
}

// The TLS handshake on the connected socket: SNI and the name check are --host (SNI only for
// a DNS name, RFC 6066 §3), the peer checked against --cafile unless --insecure.
bool start_tls(const settings& s, connection& c, steady::time_point deadline) {
  c.ctx = SSL_CTX_new(TLS_client_method());
  if (c.ctx == nullptr) return print_ssl_errors(), false;
  SSL_CTX_set_min_proto_version(c.ctx, TLS1_2_VERSION);
  if (s.insecure) {
    std::fprintf(stderr, "smtp_client: --insecure: the server's certificate is NOT verified\n");
    SSL_CTX_set_verify(c.ctx, SSL_VERIFY_NONE, nullptr);
  } else {
    const int ok = s.cafile.empty()
                       ? SSL_CTX_set_default_verify_paths(c.ctx)
                       : SSL_CTX_load_verify_locations(c.ctx, s.cafile.c_str(), nullptr);
    if (ok != 1) {
      std::fprintf(stderr, "smtp_client: cannot load CA certificates %s\n", s.cafile.c_str());
      return print_ssl_errors(), false;
    }
    SSL_CTX_set_verify(c.ctx, SSL_VERIFY_PEER, nullptr);
  }
  c.ssl = SSL_new(c.ctx);
  if (c.ssl == nullptr) return print_ssl_errors(), false;
  SSL_set_fd(c.ssl, c.fd);
  unsigned char ip[16];
  const bool is_ip = ::inet_pton(AF_INET, s.host.c_str(), ip) == 1 ||
                     ::inet_pton(AF_INET6, s.host.c_str(), ip) == 1;
  if (!is_ip) SSL_set_tlsext_host_name(c.ssl, s.host.c_str());
  if (!s.insecure) {
    X509_VERIFY_PARAM* param = SSL_get0_param(c.ssl);
    if (is_ip) {
      X509_VERIFY_PARAM_set1_ip_asc(param, s.host.c_str());
    } else {
      X509_VERIFY_PARAM_set1_host(param, s.host.c_str(), 0);
    }
  }
  for (;;) {
    const int r = SSL_connect(c.ssl);
    if (r == 1) break;
    const int e = SSL_get_error(c.ssl, r);
    if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
      if (wait_for(c.fd, e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT, deadline)) continue;
      std::fprintf(stderr, "smtp_client: TLS handshake timed out\n");
      return false;
    }
    const long v = SSL_get_verify_result(c.ssl);
    if (v != X509_V_OK)
      std::fprintf(stderr, "smtp_client: certificate: %s\n", X509_verify_cert_error_string(v));
    std::fprintf(stderr, "smtp_client: TLS handshake failed\n");
    print_ssl_errors();
    return false;
  }
  std::fprintf(stderr, "smtp_client: TLS %s, %s\n", SSL_get_version(c.ssl),
               SSL_get_cipher_name(c.ssl));
  return true;
}

// ---- SASL hashes from OpenSSL ---------------------------------------------------------------

void hmac_with(const EVP_MD* md, std::string_view key, std::string_view message, char* out) {
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       reinterpret_cast<unsigned char*>(out), &len);
}
void hmac_md5(void*, std::string_view key, std::string_view message, char* out) noexcept {
  hmac_with(EVP_md5(), key, message, out);
}
void hmac_sha256(void*, std::string_view key, std::string_view message, char* out) noexcept {
  hmac_with(EVP_sha256(), key, message, out);
}
void sha256(void*, std::string_view message, char* out) noexcept {
  unsigned int len = 0;
  EVP_Digest(message.data(), message.size(), reinterpret_cast<unsigned char*>(out), &len,
             EVP_sha256(), nullptr);
}

// ---- the session loop -----------------------------------------------------------------------

struct driver {
  const settings& cfg;
  connection& conn;
  std::string input;             // received, not yet consumed by the session
  std::vector<std::string> ids;  // queue ids of the final replies, in order
  // When the reply being waited for is due: set when the wait starts, so that a server
  // trickling octets cannot stretch it (RFC 5321 §4.5.3.2 times the whole reply).
  steady::time_point reply_due{};
  bool waiting = false;

  std::uint32_t fallback_wait() const {
    return cfg.timeout > 0 ? static_cast<std::uint32_t>(cfg.timeout) : 300;
  }
  steady::time_point deadline(std::uint32_t seconds) const {
    return steady::now() + std::chrono::seconds(seconds == 0 ? fallback_wait() : seconds);
  }

  // Hands the buffered octets to the session, one reply at a time; true when any was used.
  bool take_replies(client_session& s) {
    bool used = false;
    while (!input.empty() && !s.is_done()) {
      const client_event e = s.receive(input);
      if (e.result.needs_more()) break;
      if (e.result.failed()) {
        std::fprintf(stderr, "smtp_client: bad reply from the server: %s at octet %zu\n",
                     std::string(to_string(e.result.error)).c_str(), e.result.offset);
        break;
      }
      if (e.violation != client_violation::none) {
        std::fprintf(stderr, "smtp_client: reply %u to %s: %s\n",
                     static_cast<unsigned>(e.reply.code().value()),
                     std::string(to_string(e.step)).c_str(),
                     std::string(to_string(e.violation)).c_str());
        break;
      }
      if (e.queue_id.has_id()) {
        std::string id(e.queue_id.id);
        bool seen = false;
        for (const std::string& known : ids) seen = seen || known == id;
        if (!seen) ids.push_back(id);
      }
      input.erase(0, e.result.consumed);
      used = true;
    }
    return used;
  }

  // Runs the session up to its next `idle` (true) or `done` (false).
  bool run(client_session& s) {
    for (;;) {
      const client_action a = s.next();
      switch (a.kind) {
        case client_action_kind::send: {
          waiting = false;
          const io_status st = conn.write_all(a.bytes, deadline(s.timeout_seconds()));
          if (st == io_status::timed_out) {
            std::fprintf(stderr, "smtp_client: timed out writing to the server\n");
            s.timed_out();
          } else if (st != io_status::ok) {
            std::fprintf(stderr, "smtp_client: connection lost while writing\n");
            s.connection_closed();
          }
          break;
        }
        case client_action_kind::receive: {
          if (take_replies(s)) {
            waiting = false;
            break;
          }
          if (s.is_done()) break;
          if (!waiting) {
            reply_due = deadline(s.timeout_seconds());
            waiting = true;
          }
          const io_status st = conn.read_some(input, reply_due);
          if (st == io_status::timed_out) {
            std::fprintf(stderr, "smtp_client: no reply within %u seconds\n",
                         static_cast<unsigned>(s.timeout_seconds()));
            s.timed_out();
          } else if (st != io_status::ok) {
            s.connection_closed();
          } else if (take_replies(s)) {
            waiting = false;
          }
          break;
        }
        case client_action_kind::start_tls:
          if (start_tls(cfg, conn, deadline(fallback_wait()))) {
            s.tls_started();
          } else {
            s.tls_failed();
          }
          break;
        case client_action_kind::auth_response:
          s.cancel_auth();  // not reached: the session drives its sasl_client itself
          break;
        case client_action_kind::idle:
          return true;
        case client_action_kind::done:
          return false;
      }
    }
  }
};

void report_failure(const client_session& s) {
  if (s.failure() != client_failure::none)
    std::fprintf(stderr, "smtp_client: session failure: %s\n",
                 std::string(to_string(s.failure())).c_str());
  if (s.violation() != client_violation::none)
    std::fprintf(stderr, "smtp_client: protocol violation: %s\n",
                 std::string(to_string(s.violation())).c_str());
}

std::string_view step_name(reply_step st) {
  switch (st) {
    case reply_step::connect:
      return "connect";
    case reply_step::mail:
      return "mail";
    case reply_step::rcpt:
      return "rcpt";
    case reply_step::data:
      return "data";
    case reply_step::data_end:
      return "data_end";
    case reply_step::bdat:
      return "bdat";
    default:
      return "other";
  }
}

std::string_view verdict(const recipient_status& r) {
  if (r.delivered()) return "delivered";
  if (r.not_sent) return "not_sent";
  if (r.pending()) return "undecided";
  return r.code / 100 == 4 ? "deferred" : "refused";
}

}  // namespace

int main(int argc, char** argv) {
  settings cfg;
  if (const int u = parse_args(argc, argv, cfg); u != 0) return u;
  std::string content;
  if (!read_message(cfg, content)) return 1;
  ::signal(SIGPIPE, SIG_IGN);

  const std::size_t n = cfg.to.size();
  std::vector<std::string_view> recipients(cfg.to.begin(), cfg.to.end());
  std::vector<recipient_status> statuses(n);
  connection conn;
  driver d{cfg, conn, {}, {}};
  auto finish = [&](int status) {
    for (std::size_t i = 0; i < n; ++i) {
      const recipient_status& r = statuses[i];
      std::printf("RECIPIENT <%s> %03u %s %s\n", cfg.to[i].c_str(), static_cast<unsigned>(r.code),
                  std::string(step_name(r.step)).c_str(), std::string(verdict(r)).c_str());
    }
    for (const std::string& id : d.ids) std::printf("QUEUE_ID <%s>\n", id.c_str());
    return status;
  };

  if (!dial(cfg, conn, steady::now() + std::chrono::seconds(cfg.timeout > 0 ? cfg.timeout : 60)))
    return finish(1);

  client_options base;
  base.hello_name = cfg.helo;
  base.lmtp = cfg.lmtp;
  base.tls = cfg.tls;
  base.use_pipelining = cfg.pipelining;
  base.use_chunking = cfg.chunking;
  if (cfg.timeout > 0) {
    const auto t = static_cast<std::uint32_t>(cfg.timeout);
    base.timeouts = client_timeouts{t, t, t, t, t, t, t};
  }
  if (cfg.tls == tls_mode::implicit &&
      !start_tls(cfg, conn, steady::now() + std::chrono::seconds(d.fallback_wait())))
    return finish(1);

  // AUTH: the stepper, its credentials (a fresh SCRAM nonce) and OpenSSL's hashes.
  unsigned char random[24];
  char nonce[64] = {};
  std::string_view nonce_view;
  if (RAND_bytes(random, sizeof random) == 1) {
    const write_result w =
        base64_encode(std::string_view(reinterpret_cast<const char*>(random), sizeof random), nonce,
                      sizeof nonce);
    if (w.ok()) nonce_view = std::string_view(nonce, w.size);
  }
  sasl_credentials creds;
  creds.username = cfg.user;
  creds.password = cfg.password;
  creds.client_nonce = nonce_view;
  sasl_crypto crypto;
  crypto.hmac_md5 = hmac_md5;
  crypto.hmac_sha256 = hmac_sha256;
  crypto.sha256 = sha256;
  std::unique_ptr<sasl_client> sasl;
  std::vector<std::unique_ptr<sasl_client>> choices;
  std::vector<sasl_client*> choice_pointers;

  std::unique_ptr<client_session> session;
  if (!cfg.user.empty() && !cfg.mech.empty()) {
    const sasl_mechanism m = *parse_sasl_mechanism(cfg.mech);
    const bool tls_sure = cfg.tls == tls_mode::required || cfg.tls == tls_mode::implicit;
    if (sasl_sends_secret_in_clear(m) && !tls_sure && !conn.loopback) {
      std::fprintf(stderr,
                   "smtp_client: %s sends the password; it needs --tls required or implicit "
                   "(or a loopback server)\n",
                   cfg.mech.c_str());
      return finish(1);
    }
    sasl = std::make_unique<sasl_client>(m, creds, crypto);
    client_options o = base;
    o.sasl = sasl.get();
    session = std::make_unique<client_session>(o);
  } else if (!cfg.user.empty()) {
    // The mechanism comes from the offer, in our order of preference (see the file comment).
    for (const sasl_mechanism m : {sasl_mechanism::scram_sha_256, sasl_mechanism::cram_md5,
                                   sasl_mechanism::plain, sasl_mechanism::login})
      choices.push_back(std::make_unique<sasl_client>(m, creds, crypto));
    for (const auto& c : choices) choice_pointers.push_back(c.get());
    client_options o = base;
    o.sasl_choices = choice_pointers.data();
    o.sasl_choice_count = choice_pointers.size();
    o.allow_cleartext_auth = conn.loopback;  // PLAIN and LOGIN otherwise only over TLS
    session = std::make_unique<client_session>(o);
  } else {
    session = std::make_unique<client_session>(base);
  }

  client_session& s = *session;
  int status = 1;
  if (d.run(s)) {
    client_message msg;
    msg.reverse_path = cfg.from;
    msg.recipients = recipients.data();
    msg.recipient_count = n;
    msg.statuses = statuses.data();
    msg.content = content;
    // RFC 6152 §3: octets above 127 go as BODY=8BITMIME when the server offers it (otherwise
    // as they are; a strict server may refuse them).
    bool eight_bit = false;
    for (const char ch : content) eight_bit = eight_bit || static_cast<unsigned char>(ch) > 127;
    msg.eight_bit = eight_bit && s.capabilities().eightbitmime;
    const message_refusal r = s.start_message(msg);
    if (r != message_refusal::none) {
      std::fprintf(stderr, "smtp_client: message not sent: %s\n",
                   r == message_refusal::too_large ? "larger than the server's SIZE"
                   : r == message_refusal::bare_line_ending
                       ? "a CR or LF not part of CR LF (RFC 5321 2.3.8)"
                       : "refused before sending");
      for (recipient_status& st : statuses) {
        st.step = reply_step::mail;
        st.not_sent = true;
      }
      s.quit();
    } else if (d.run(s)) {
      s.quit();
    }
    (void)d.run(s);  // QUIT, then done
    status = s.failure() == client_failure::none ? 0 : 1;
    for (const recipient_status& st : statuses) status = st.delivered() ? status : 1;
  }
  report_failure(s);
  return finish(status);
}
