/**
 * @file server_session.hpp
 * @brief An SMTP / LMTP server session without I/O (RFC 5321, RFC 2033): the caller owns the
 *        socket, TLS and clocks; the session reads the octets it is given, reports events one at
 *        a time, takes the caller's decisions, and writes every reply (with `write_reply`) into
 *        its own fixed output buffer for the caller to send.
 *
 * Covers the command sequence of RFC 5321 §4.1.4, pipelining (RFC 2920), SIZE (RFC 1870),
 * 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531), CHUNKING (RFC 3030), DSN parameters (RFC 3461),
 * ENHANCEDSTATUSCODES (RFC 2034, codes of RFC 3463), STARTTLS (RFC 3207), AUTH PLAIN and LOGIN
 * (RFC 4954, RFC 4616), LIMITS RCPTMAX (RFC 9422) and LMTP (RFC 2033).
 *
 * Sessions layer: includes command.hpp, line.hpp, dot_codec.hpp, reply_writer.hpp, sasl.hpp and
 * what they include. Never allocates, never throws.
 */
#ifndef SMTPCODES_SERVER_SESSION_HPP
#define SMTPCODES_SERVER_SESSION_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "command.hpp"
#include "command_verb.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "dot_codec.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "line.hpp"
#include "reply_code.hpp"
#include "reply_writer.hpp"
#include "result.hpp"
#include "sasl.hpp"

namespace smtpcodes {

// Timeouts: limits.hpp (RFC 5321 §4.5.3.2). The session keeps no clock: the caller times the
// connection and calls `server_session::timeout()` when one runs out.

/// Longest AUTH exchange line the session reads, counting CRLF: the base64 form of the longest
/// PLAIN message (three fields of `sasl_plain_field_limit` octets and two NULs, RFC 4616 §2) and
/// CRLF. A longer line is answered 500 5.5.6 (RFC 4954 §6). The caller's input buffer must hold
/// this many octets while an exchange runs.
inline constexpr std::size_t server_auth_line_limit =
    (3 * sasl_plain_field_limit + 2 + 2) / 3 * 4 + 2;

/// What the server offers and enforces. Defaults: plain SMTP with PIPELINING, 8BITMIME,
/// ENHANCEDSTATUSCODES and SIZE (no limit), 100 recipients, strict DATA line endings.
struct server_options {
  /// Our host name, in the greeting, the EHLO reply and the 221 / 421 replies (RFC 5321 §4.2:
  /// a Domain or address literal). Viewed, not copied: it must outlive the session. `accept`
  /// of the connection fails with `bad_argument` when it is empty, longer than `domain_limit`,
  /// or holds a space or a control octet.
  std::string_view host_name;
  /// LMTP (RFC 2033): LHLO in place of HELO/EHLO, and after the message one reply per accepted
  /// recipient, in RCPT order (§4.2).
  bool lmtp = false;
  /// MAIL needs HELO or EHLO first (503 5.5.1 otherwise). RFC 5321 §4.1.4 says a client must
  /// greet first but lets servers decide; false accepts MAIL at once (then the extensions
  /// offered are in effect, as if EHLO had been sent). LMTP always requires LHLO (RFC 2033 §4.1).
  bool require_hello = true;
  bool pipelining = true;             ///< Offer PIPELINING (RFC 2920).
  bool eight_bit_mime = true;         ///< Offer 8BITMIME (RFC 6152): BODY=7BIT / 8BITMIME.
  bool smtputf8 = false;              ///< Offer SMTPUTF8 (RFC 6531).
  bool chunking = false;              ///< Offer CHUNKING (RFC 3030): BDAT.
  bool dsn = false;                   ///< Offer DSN (RFC 3461): RET, ENVID, NOTIFY, ORCPT.
  bool enhanced_status_codes = true;  ///< Offer ENHANCEDSTATUSCODES and send them (RFC 2034).
  bool size = true;                   ///< Offer SIZE (RFC 1870) with `max_message_size`.
  /// Largest message in octets (SIZE, RFC 1870): MAIL with a larger SIZE= gets 552 5.3.4, and
  /// so does a body that grows past it (after its end). `no_limit` (0): none ("SIZE 0").
  std::uint64_t max_message_size = no_limit;
  /// Most accepted recipients per message (RFC 5321 §4.5.3.1.8 asks for at least 100); one
  /// more gets 452 4.5.3 (§4.5.3.1.10). `no_limit` (0): none.
  std::size_t max_recipients = min_recipients_limit;
  /// Offer "LIMITS RCPTMAX=n" (RFC 9422 §5.2) with `max_recipients` (not when it is 0).
  bool advertise_limits = false;
  /// Offer STARTTLS (RFC 3207); the caller must be able to start TLS when told.
  bool starttls = false;
  /// The connection is already encrypted (implicit TLS, RFC 8314): STARTTLS is not offered.
  bool tls_active = false;
  /// Refuse MAIL, AUTH, VRFY and EXPN with 530 5.7.0 until TLS is active (RFC 3207 §4).
  bool require_tls = false;
  bool auth_plain = false;  ///< Offer AUTH PLAIN (RFC 4954, RFC 4616).
  bool auth_login = false;  ///< Offer AUTH LOGIN (the widespread non-standard mechanism).
  /// AUTH only over TLS: before it, AUTH is not listed and gets 538 5.7.11 (RFC 4954 §6).
  bool auth_requires_tls = true;
  /// Refuse MAIL, VRFY and EXPN with 530 5.7.0 until AUTH succeeded (RFC 4954 §6).
  bool require_auth = false;
  /// Longest command line, counting CRLF (RFC 5321 §4.5.3.1.4: 512; SIZE and other parameters
  /// may ask for more, RFC 1870 §3). A longer line gets 500 5.5.6. 0 for no limit (then the
  /// caller's input buffer is the limit).
  std::size_t max_command_line = command_line_limit;
  /// Longest text line of DATA (RFC 5321 §4.5.3.1.6: 1000), off (0) by default as the codec's;
  /// a message with a longer line gets 554 5.6.0 after its end.
  std::size_t max_text_line = no_limit;
  /// Bare CR and LF inside DATA: the codec's policy (reject by default; see
  /// `line_ending_policy`, which names the SMTP smuggling risk of `pass`). Under reject, the end
  /// of a message with a bare line ending cannot be told safely, so the session answers
  /// 554 5.6.0 and closes.
  line_ending_policy data_line_endings = line_ending_policy::reject;
  /// Accepts MAIL / RCPT parameters of extensions this server did not offer (and any
  /// unregistered one), passing them to the caller; by default they get 555 5.5.4 (RFC 5321
  /// §4.1.1.11). Risk: the caller must honour or knowingly ignore each one itself.
  bool accept_unoffered_parameters = false;
  /// Command parser leniencies (`accept_*`, `max_parameters`). Its `max_line_length` and
  /// `smtputf8` are set by the session.
  command_options commands{};
};

/// What `feed` reports. Those marked "answer" wait for `accept()` or `reject()`; until then
/// `feed` gives back `answer_pending`.
enum class server_event : std::uint8_t {
  /// Everything usable was consumed: send `output()`, read more, feed the unconsumed octets
  /// with the new ones appended.
  need_more,
  /// The output buffer has too little room for the next reply: send `output()`, clear it
  /// (`clear_output` / `consume_output`), feed again. Nothing more was consumed.
  flush,
  /// An earlier event still waits for its answer (nothing consumed).
  answer_pending,
  hello,  ///< answer: HELO / EHLO / LHLO; `parsed_command().target` is the client's name.
  mail,   ///< answer: MAIL FROM; `parsed_command()` holds the path and parameters.
  rcpt,   ///< answer: RCPT TO; `parsed_command().path` is the recipient.
  auth,   ///< answer: AUTH credentials, decoded: `credentials()`. Verify them.
  /// A piece of the message: `server_result::data`, valid until the next call to the session
  /// (DATA: in the caller's data buffer, dot-unstuffed; BDAT: in the input, as sent).
  message_data,
  /// answer: the whole message has arrived. LMTP: one event per accepted recipient, in RCPT
  /// order (`recipient_index()`).
  message_end,
  /// The session refused the message itself (size or line limit) and wrote the reply (one per
  /// recipient in LMTP): drop what `message_data` gave. `error()` says why.
  message_refused,
  /// The 220 reply to STARTTLS is in `output()`: send it, clear the output, drop every octet
  /// received so far (all of it is consumed; see `discarded()`), start TLS, call `tls_started`.
  start_tls,
  /// The session is over (QUIT, 421, a fatal error: `error()`): send `output()`, then close.
  closed,
};

/// The event's name, e.g. "message_end".
[[nodiscard]] constexpr std::string_view to_string(server_event e) noexcept {
  constexpr std::string_view names[] = {
      "need_more", "flush",        "answer_pending", "hello",           "mail",      "rcpt",
      "auth",      "message_data", "message_end",    "message_refused", "start_tls", "closed"};
  const auto i = static_cast<std::size_t>(e);
  return i < sizeof names / sizeof names[0] ? names[i] : "unknown";
}

/// The `auth` event's credentials. Views into the session's own buffer, valid until the answer
/// (the buffer is then wiped).
struct server_credentials {
  sasl_mechanism mechanism = sasl_mechanism::plain;  ///< PLAIN or LOGIN (sasl.hpp)
  std::string_view authzid;  ///< PLAIN: who to act as; empty for "the same" (and for LOGIN).
  std::string_view authcid;  ///< The user name.
  std::string_view password;
};

/// Result of `feed`. `consumed`: octets of the input the caller is done with (drop them before
/// the next `feed`, but only once done with the views the event gave, which may point into
/// them). `data`: the `message_data` piece.
struct [[nodiscard]] server_result {
  server_event event = server_event::need_more;
  std::size_t consumed = 0;
  std::string_view data;

  /// True for the events that wait for `accept()` / `reject()`.
  [[nodiscard]] constexpr bool needs_answer() const noexcept {
    return event == server_event::hello || event == server_event::mail ||
           event == server_event::rcpt || event == server_event::auth ||
           event == server_event::message_end;
  }
};

namespace detail {

/// `a`, a space and `b` (just `a` when `b` is empty) in `buf`, cut at `capacity` (the reply
/// writer then refuses the over-long line).
constexpr std::string_view join_words(char* buf, std::size_t capacity, std::string_view a,
                                      std::string_view b) noexcept {
  std::size_t n = 0;
  for (const char c : a) {
    if (n < capacity) buf[n++] = c;
  }
  if (!b.empty()) {
    if (n < capacity) buf[n++] = ' ';
    for (const char c : b) {
      if (n < capacity) buf[n++] = c;
    }
  }
  return std::string_view(buf, n);
}

}  // namespace detail

/**
 * One SMTP or LMTP server connection, h11-style.
 *
 * The session starts waiting for the caller's decision on the connection: `accept()` writes
 * the 220 greeting, `reject()` a refusal (554 by default, RFC 5321 §3.1: then every command
 * but QUIT gets 503 5.5.1). Then, in a loop: `feed(input)` with every received octet not yet
 * consumed. It works through them in order, answering what it can itself (syntax and sequence
 * errors, NOOP, RSET, DATA's 354, ...) and stops at the first event for the caller. Pipelined
 * commands (RFC 2920) are thus handled one at a time, and their replies written in order.
 *
 * Output: the session's own buffer of `output_capacity` octets; `output()` holds the replies not
 * yet taken. Send them whenever convenient, and always before waiting for more input (RFC 2920
 * §3.2), then `consume_output(n)` / `clear_output()`. The session never writes a reply that does
 * not fit: it returns `flush` first.
 *
 * Input: zero-copy, like `line_reader`: the caller keeps the unconsumed octets and feeds them
 * again with more appended; its buffer must hold one command line (`max_command_line`, and
 * `server_auth_line_limit` during AUTH).
 *
 * DATA bodies are dot-unstuffed (`dot_decoder`) into the data buffer the caller gives the
 * constructor; BDAT chunks are handed over as sent. Everything is fixed-size: no allocation.
 *
 * @code
 * server_session s(options, body_buf, sizeof body_buf);
 * (void)s.accept();                                   // 220 greeting
 * for (;;) {
 *   const server_result r = s.feed(pending);          // pending: unconsumed received octets
 *   if (r.event == server_event::message_data) store(r.data);
 *   if (r.needs_answer()) (void)(allowed(s) ? s.accept() : s.reject());
 *   pending.erase(0, r.consumed);
 *   send(s.output()); s.clear_output();
 *   if (r.event == server_event::start_tls) { pending.clear(); handshake(); s.tls_started(); }
 *   if (r.event == server_event::closed) break;
 *   if (r.event == server_event::need_more) pending += read_some();
 * }
 * @endcode
 */
class server_session {
 public:
  /// Size of the session's output buffer.
  static constexpr std::size_t output_capacity = 4096;
  /// Room the session wants before it reads the next command: more than its largest reply.
  static constexpr std::size_t reply_reserve = 1536;

  /**
   * `data_buffer` (may be null when DATA is never used: DATA then gets 451 4.3.0) receives the
   * decoded DATA body, `data_capacity` octets at a time at most; it must outlive the session.
   * Any size works; the larger, the fewer `message_data` events (4 octets at least under the
   * normalize policy, which may double octets).
   */
  explicit server_session(const server_options& options, char* data_buffer = nullptr,
                          std::size_t data_capacity = 0) noexcept
      : options_(options),
        data_(data_buffer),
        data_capacity_(data_buffer == nullptr ? 0 : data_capacity),
        tls_(options.tls_active) {
    if (options_.lmtp) options_.require_hello = true;
    set_reader(options_.max_command_line);
  }

  server_session(const server_session&) = delete;
  server_session& operator=(const server_session&) = delete;

  /**
   * Works through `input` (every received octet not yet consumed, oldest first) up to the next
   * event; see `server_event` for what each asks of the caller. Views in the result and in
   * `parsed_command()` point into `input` (or the data buffer) and live until the caller
   * drops those octets or calls `feed` again.
   */
  server_result feed(std::string_view input) noexcept {
    std::size_t used = 0;
    while (true) {
      if (phase_ == phase::closed) return {server_event::closed, used, {}};
      if (pending_ != decision::none) return {server_event::answer_pending, used, {}};
      const std::string_view rest = input.substr(used);
      switch (phase_) {
        case phase::tls_wait:
          // RFC 3207 §4.2: nothing received before the handshake may be acted on after it.
          discarded_ += rest.size();
          return {server_event::need_more, input.size(), {}};
        case phase::data: {
          if (rest.empty()) return {server_event::need_more, used, {}};
          const codec_result r =
              decoder_.decode(rest.substr(0, data_budget(rest.size())), data_, data_capacity_);
          used += r.consumed;
          if (r.failed()) {
            error_ = r.error;
            if (r.error == errc::message_too_large) {  // RFC 1870 §6, RFC 5321 §4.5.3.1.10
              start_refusal(552, {5, 3, 4}, "Message size exceeds fixed maximum message size",
                            false, verdict_count());
            } else if (r.error == errc::line_too_long) {  // RFC 5321 §4.5.3.1.6
              start_refusal(554, {5, 6, 0}, "Message line too long", false, verdict_count());
            } else {  // bare CR / LF under reject: where the message ends is ambiguous
              start_refusal(554, {5, 6, 0}, "Bare CR or LF in message data, closing", true, 1);
            }
          } else if (r.is_complete()) {
            start_verdicts();
          }
          if (r.produced != 0) {
            return {server_event::message_data, used, std::string_view(data_, r.produced)};
          }
          continue;
        }
        case phase::bdat: {
          if (!chunk_.is_complete()) {
            if (rest.empty()) return {server_event::need_more, used, {}};
            const std::size_t k = chunk_.take(rest.size());
            used += k;
            if (!bdat_refused_) return {server_event::message_data, used, rest.substr(0, k)};
            continue;
          }
          if (!has_room()) return {server_event::flush, used, {}};
          if (bdat_refused_ && refusal_code_ == 552) {
            // The message is over: one reply (LMTP: one per recipient after LAST, RFC 2033
            // §4.2), then message_refused.
            start_refusal(552, refusal_status_, refusal_text_, false,
                          options_.lmtp && chunk_.is_last() ? recipients_ : 1);
          } else if (bdat_refused_) {
            put(refusal_code_, refusal_status_, refusal_text_);
            phase_ = phase::command;
            if (chunk_.is_last()) reset_transaction();
          } else if (chunk_.is_last()) {
            start_verdicts();
          } else {
            char digits[max_uint64_digits + 32] = {};
            const std::size_t n = detail::format_uint(digits, chunk_size_);
            put(250, {2, 0, 0},
                detail::join_words(digits + n, 32, std::string_view(digits, n), "octets received"));
            phase_ = phase::command;
          }
          continue;
        }
        case phase::verdict:
          if (!has_room()) return {server_event::flush, used, {}};
          pending_ = decision::message;
          return {server_event::message_end, used, {}};
        case phase::refusal:
          while (refusals_left_ != 0) {
            if (!has_room()) return {server_event::flush, used, {}};
            put(refusal_code_, refusal_status_, refusal_text_);
            --refusals_left_;
          }
          reset_transaction();
          if (refusal_closes_) {
            phase_ = phase::closed;
            return {server_event::closed, used, {}};
          }
          phase_ = phase::command;
          return {server_event::message_refused, used, {}};
        case phase::skip: {
          const std::size_t lf = rest.find('\n');
          if (lf == std::string_view::npos) return {server_event::need_more, input.size(), {}};
          if (!has_room()) return {server_event::flush, used, {}};
          used += lf + 1;
          skip_done();
          continue;
        }
        case phase::command:
        case phase::auth_response:
        case phase::refused: {
          if (!has_room()) return {server_event::flush, used, {}};
          const parse_result pr = reader_.feed(rest);
          if (pr.needs_more()) return {server_event::need_more, used, {}};
          if (pr.failed()) {
            reader_.reset();
            if (pr.error == errc::input_shrank) continue;  // rescan from the line's start
            if (pr.error == errc::bare_lf) {
              used += pr.offset + 1;  // the bare LF ends the bad line
              bad_line(errc::bare_lf);
            } else {
              skip_error_ = pr.error;  // too long, bare CR, control octet: skip to its LF
              skip_phase_ = phase_;
              phase_ = phase::skip;
            }
            continue;
          }
          const std::string_view line = reader_.line();
          used += pr.consumed;
          if (phase_ == phase::auth_response) {
            auth_line(line);
            if (pending_ != decision::none) return {server_event::auth, used, {}};
            continue;
          }
          const server_event e = command_line(line);
          if (e == server_event::start_tls) {
            discarded_ = input.size() - used;  // pipelined behind STARTTLS: never executed
            return {server_event::start_tls, input.size(), {}};
          }
          if (e != server_event::need_more) return {e, used, {}};
          continue;
        }
        case phase::closed:
          break;
      }
      return {server_event::closed, used, {}};
    }
  }

  /**
   * Accepts what the pending decision asks about and writes the reply: connection 220,
   * HELO 250 / EHLO and LHLO 250 with the capabilities, MAIL 250 2.1.0, RCPT 250 2.1.5,
   * AUTH 235 2.7.0, message 250 2.0.0. `text` replaces the default text (for the greeting and
   * HELO/EHLO it follows the host name; for a message it is the place for a queue id).
   * Errors, with nothing written and the decision still pending: `bad_argument` (no decision
   * pending; for the connection, a malformed `host_name`) and the reply writer's errors for
   * `text` (`line_break_in_text`, `invalid_octet`, `line_too_long`).
   */
  [[nodiscard]] errc accept(std::string_view text = {}) noexcept {
    switch (pending_) {
      case decision::none:
        return errc::bad_argument;
      case decision::connect: {
        if (!host_name_ok()) return errc::bad_argument;
        char buf[reply_line_limit];
        const errc e = put_plain(220, detail::join_words(buf, sizeof buf, options_.host_name,
                                                         text.empty() ? default_greeting() : text));
        if (e != errc{}) return e;
        phase_ = phase::command;
        break;
      }
      case decision::hello: {
        const errc e = hello_reply(text);
        if (e != errc{}) return e;
        hello_ = hello_verb_;
        break;
      }
      case decision::mail: {
        const errc e = put(250, {2, 1, 0}, text.empty() ? "Sender OK" : text);  // RFC 3463 X.1.0
        if (e != errc{}) return e;
        in_transaction_ = true;
        transaction_smtputf8_ = mail_smtputf8_;
        break;
      }
      case decision::rcpt: {
        const errc e = put(250, {2, 1, 5}, text.empty() ? "Recipient OK" : text);  // X.1.5
        if (e != errc{}) return e;
        ++recipients_;
        break;
      }
      case decision::auth: {
        const errc e = put(235, {2, 7, 0}, text.empty() ? "Authentication successful" : text);
        if (e != errc{}) return e;  // RFC 4954 §6
        authenticated_ = true;
        wipe_auth();
        break;
      }
      case decision::message: {
        const errc e = put(250, {2, 0, 0}, text.empty() ? "Message accepted" : text);
        if (e != errc{}) return e;
        next_verdict();
        break;
      }
    }
    pending_ = decision::none;
    return errc{};
  }

  /**
   * Refuses what the pending decision asks about with `code` (4yz or 5yz), `status` (its
   * class must match; when absent and ENHANCEDSTATUSCODES is on, class.0.0 is sent) and `text`
   * (empty: a default). A 421 closes the session (RFC 5321 §3.8); a refused connection (any
   * code but 421) waits for QUIT (§3.1). Errors, nothing written, decision still pending:
   * `bad_argument` (no decision pending, a code that is not 4yz/5yz, a status of another
   * class) and the reply writer's errors for `text`.
   */
  [[nodiscard]] errc reject(reply_code code, std::optional<enhanced_status> status = std::nullopt,
                            std::string_view text = {}) noexcept {
    if (pending_ == decision::none || !code.is_well_formed() || code.value() < 400)
      return errc::bad_argument;
    if (status && (!status->is_well_formed() || !status->matches(code))) return errc::bad_argument;
    const enhanced_status used_status =
        status ? *status : enhanced_status{static_cast<std::uint8_t>(code.value() / 100), 0, 0};
    const std::string_view t = text.empty() ? default_refusal_text() : text;
    errc e{};
    if (pending_ == decision::connect) {
      if (!host_name_ok()) return errc::bad_argument;
      char buf[reply_line_limit];
      const std::string_view line = detail::join_words(buf, sizeof buf, options_.host_name, t);
      e = status ? put(code.value(), *status, line) : put_plain(code.value(), line);
    } else {
      e = put(code.value(), used_status, t);
    }
    if (e != errc{}) return e;
    switch (pending_) {
      case decision::connect:
        phase_ = phase::refused;
        break;
      case decision::hello:
        hello_ = command_verb::unknown;
        break;
      case decision::auth:
        wipe_auth();
        break;
      case decision::message:
        next_verdict();
        break;
      default:
        break;
    }
    pending_ = decision::none;
    if (code.value() == 421) phase_ = phase::closed;
    return errc{};
  }

  /// `reject` with the decision's usual refusal: connection 554 (RFC 5321 §3.1), HELO/EHLO
  /// 550 5.7.1, MAIL 550 5.7.1, RCPT 550 5.1.1, AUTH 535 5.7.8 (RFC 4954 §6), message
  /// 554 5.7.1. `bad_argument` when no decision is pending.
  [[nodiscard]] errc reject() noexcept {
    switch (pending_) {
      case decision::none:
        return errc::bad_argument;
      case decision::connect:
        return reject(reply_code(554), std::nullopt, "No SMTP service here");
      case decision::hello:
        return reject(reply_code(550), enhanced_status{5, 7, 1}, "Hello refused");
      case decision::mail:
        return reject(reply_code(550), enhanced_status{5, 7, 1}, "Sender refused");
      case decision::rcpt:
        return reject(reply_code(550), enhanced_status{5, 1, 1}, "No such recipient here");
      case decision::auth:
        return reject(reply_code(535), enhanced_status{5, 7, 8},
                      "Authentication credentials invalid");
      case decision::message:
        break;
    }
    return reject(reply_code(554), enhanced_status{5, 7, 1}, "Message refused");
  }

  /**
   * The TLS handshake after `start_tls` succeeded: the session starts afresh (RFC 3207 §4.2):
   * HELO/EHLO needed again, transaction and authentication forgotten, STARTTLS no longer
   * offered. Precondition: the last event was `start_tls` (otherwise nothing happens).
   */
  void tls_started() noexcept {
    if (phase_ != phase::tls_wait) return;
    tls_ = true;
    hello_ = command_verb::unknown;
    authenticated_ = false;
    reset_transaction();
    set_reader(options_.max_command_line);
    phase_ = phase::command;
  }

  /**
   * The caller's timer ran out (RFC 5321 §4.5.3.2): writes 421 4.4.2 and closes. A pending
   * decision is dropped. Errors: `output_too_small` (send and clear the output, call again).
   * Nothing happens once closed.
   */
  [[nodiscard]] errc timeout() noexcept {
    if (phase_ == phase::closed) return errc{};
    char buf[reply_line_limit];
    const errc e =
        put(421, {4, 4, 2},
            detail::join_words(buf, sizeof buf, options_.host_name, "Timeout, closing connection"));
    if (e != errc{}) return e;
    pending_ = decision::none;
    wipe_auth();
    error_ = errc{};
    phase_ = phase::closed;
    return errc{};
  }

  /// The replies written and not yet consumed. Valid until the next call that writes or
  /// consumes output.
  [[nodiscard]] std::string_view output() const noexcept {
    return std::string_view(out_, out_size_);
  }
  /// Drops the first `n` octets of `output()` (those sent); more than there are drops all.
  void consume_output(std::size_t n) noexcept {
    if (n >= out_size_) {
      out_size_ = 0;
      return;
    }
    for (std::size_t i = n; i < out_size_; ++i) out_[i - n] = out_[i];
    out_size_ -= n;
  }
  /// Drops all of `output()`.
  void clear_output() noexcept { out_size_ = 0; }

  /// The command of the last hello / mail / rcpt event; views into that `feed`'s input.
  [[nodiscard]] const command& parsed_command() const noexcept { return cmd_; }
  /// The `auth` event's credentials (empty views when no AUTH decision is pending).
  [[nodiscard]] server_credentials credentials() const noexcept {
    return pending_ == decision::auth ? credentials_ : server_credentials{};
  }
  /// The `message_end` event's recipient: its place among the accepted RCPTs (0 in SMTP).
  [[nodiscard]] std::size_t recipient_index() const noexcept { return verdict_index_; }
  /// Recipients accepted in the current transaction.
  [[nodiscard]] std::size_t recipients() const noexcept { return recipients_; }
  /// Octets thrown away after STARTTLS (received behind it, or before `tls_started`).
  [[nodiscard]] std::size_t discarded() const noexcept { return discarded_; }
  /// Why the message was refused or the session closed (`errc{}` after QUIT or a timeout).
  [[nodiscard]] errc error() const noexcept { return error_; }
  [[nodiscard]] bool is_closed() const noexcept { return phase_ == phase::closed; }
  [[nodiscard]] bool is_tls_active() const noexcept { return tls_; }
  [[nodiscard]] bool is_authenticated() const noexcept { return authenticated_; }
  [[nodiscard]] bool in_transaction() const noexcept { return in_transaction_; }
  /// True while an event (or the connection, before the first `accept` / `reject`) waits for
  /// its answer.
  [[nodiscard]] bool is_answer_pending() const noexcept { return pending_ != decision::none; }
  [[nodiscard]] const server_options& options() const noexcept { return options_; }

 private:
  enum class phase : std::uint8_t {
    command,        // reading command lines
    refused,        // the connection was refused: only QUIT (RFC 5321 §3.1)
    auth_response,  // reading an AUTH exchange line
    skip,           // dropping the rest of a bad line up to its LF
    data,           // DATA body through the decoder
    bdat,           // BDAT chunk octets
    verdict,        // message complete: one message_end per verdict
    refusal,        // writing the session's own refusals of a message
    tls_wait,       // STARTTLS answered: waiting for tls_started
    closed,
  };
  enum class decision : std::uint8_t { none, connect, hello, mail, rcpt, auth, message };
  enum class auth_step : std::uint8_t { plain, login_user, login_password };

  // ---- output ----------------------------------------------------------------------------

  bool has_room() const noexcept { return output_capacity - out_size_ >= reply_reserve; }

  errc take(const write_result& r) noexcept {
    if (r.failed()) return r.error;
    out_size_ += r.size;
    return errc{};
  }

  // A reply; its enhanced code only when ENHANCEDSTATUSCODES is on (RFC 2034 §3) and the code
  // is not 3yz.
  errc put(std::uint16_t code, enhanced_status status, std::string_view text) noexcept {
    std::optional<enhanced_status> es;
    if (options_.enhanced_status_codes && code / 100 != 3) es = status;
    return take(
        write_reply(out_ + out_size_, output_capacity - out_size_, reply_code(code), es, &text, 1));
  }
  errc put_plain(std::uint16_t code, std::string_view text) noexcept {
    return take(write_reply(out_ + out_size_, output_capacity - out_size_, reply_code(code),
                            std::nullopt, &text, 1));
  }
  // "334 " CRLF: RFC 4954 §4's continue-req is "334" SP [base64]; the writer drops a separator
  // with no text after it, so the space is put back here.
  void put_empty_challenge() noexcept {
    if (take(write_reply(out_ + out_size_, output_capacity - out_size_, reply_code(334),
                         std::nullopt, nullptr, 0)) != errc{})
      return;
    out_[out_size_ - 2] = ' ';
    out_[out_size_ - 1] = '\r';
    out_[out_size_++] = '\n';
  }

  bool host_name_ok() const noexcept {
    const std::string_view h = options_.host_name;
    if (h.empty() || h.size() > domain_limit) return false;
    for (const char c : h) {
      const auto u = static_cast<unsigned char>(c);
      if (u <= ' ' || u >= 127) return false;
    }
    return true;
  }

  std::string_view default_greeting() const noexcept {
    return options_.lmtp ? "LMTP service ready" : "ESMTP service ready";
  }

  std::string_view default_refusal_text() const noexcept {
    switch (pending_) {
      case decision::connect:
        return "No SMTP service here";
      case decision::auth:
        return "Authentication failed";
      case decision::rcpt:
        return "Recipient refused";
      default:
        return "Refused";
    }
  }

  bool auth_offered() const noexcept {
    return (options_.auth_plain || options_.auth_login) && (tls_ || !options_.auth_requires_tls);
  }

  // HELO: one line; EHLO / LHLO: the capabilities (RFC 5321 §4.1.1.1), no enhanced codes
  // (RFC 2034 §3 does not ask for them on these replies).
  errc hello_reply(std::string_view text) noexcept {
    char first[reply_line_limit];
    std::string_view lines[16];
    std::size_t n = 0;
    lines[n++] =
        detail::join_words(first, sizeof first, options_.host_name, text.empty() ? "Hello" : text);
    char size_line[8 + max_uint64_digits] = {'S', 'I', 'Z', 'E', ' '};
    char limits_line[16 + max_uint64_digits] = {'L', 'I', 'M', 'I', 'T', 'S', ' ', 'R',
                                                'C', 'P', 'T', 'M', 'A', 'X', '='};
    if (hello_verb_ != command_verb::helo) {
      if (options_.pipelining) lines[n++] = "PIPELINING";  // RFC 2920
      if (options_.size) {                                 // RFC 1870 §4
        lines[n++] = std::string_view(
            size_line, 5 + detail::format_uint(size_line + 5, options_.max_message_size));
      }
      if (options_.eight_bit_mime) lines[n++] = "8BITMIME";                    // RFC 6152
      if (options_.smtputf8) lines[n++] = "SMTPUTF8";                          // RFC 6531
      if (options_.chunking) lines[n++] = "CHUNKING";                          // RFC 3030
      if (options_.dsn) lines[n++] = "DSN";                                    // RFC 3461
      if (options_.enhanced_status_codes) lines[n++] = "ENHANCEDSTATUSCODES";  // RFC 2034
      if (options_.starttls && !tls_) lines[n++] = "STARTTLS";  // RFC 3207 §4.2: not after TLS
      if (auth_offered()) {                                     // RFC 4954 §3
        lines[n++] = options_.auth_plain && options_.auth_login ? "AUTH PLAIN LOGIN"
                     : options_.auth_plain                      ? "AUTH PLAIN"
                                                                : "AUTH LOGIN";
      }
      if (options_.advertise_limits && options_.max_recipients != no_limit) {  // RFC 9422 §5.2
        lines[n++] = std::string_view(
            limits_line, 15 + detail::format_uint(limits_line + 15, options_.max_recipients));
      }
    }
    return take(write_reply(out_ + out_size_, output_capacity - out_size_, reply_code(250),
                            std::nullopt, lines, n));
  }

  // ---- state ---------------------------------------------------------------------------

  void set_reader(std::size_t limit) noexcept {
    line_options lo;
    lo.max_line_length = limit;
    lo.accept_8bit = true;  // the command parser decides (SMTPUTF8 on MAIL and RCPT)
    reader_ = line_reader(lo);
  }

  // RFC 5321 §4.1.1.5 (RSET), §4.1.4 (HELO/EHLO reset the transaction too).
  void reset_transaction() noexcept {
    in_transaction_ = false;
    transaction_smtputf8_ = false;
    recipients_ = 0;
    bdat_used_ = false;
    bdat_failed_ = false;
    bdat_total_ = 0;
    verdict_index_ = 0;
  }

  void wipe_auth() noexcept {
    for (char& c : auth_buf_) c = 0;  // the password does not stay in memory
    auth_user_size_ = 0;
    credentials_ = {};
  }

  std::size_t data_budget(std::size_t available) const noexcept {
    // The most input whose decoded form surely fits the data buffer (dot_decoder's
    // max_decoded_size, inverted).
    std::size_t budget = data_capacity_;
    if (options_.data_line_endings == line_ending_policy::pass)
      budget = budget < 1 ? 0 : budget - 1;
    if (options_.data_line_endings == line_ending_policy::normalize)
      budget = budget < 2 ? 0 : (budget - 2) / 2;
    return available < budget ? available : budget;
  }

  // RFC 2033 §4.2: LMTP gives one reply per accepted RCPT after the message; SMTP one.
  std::size_t verdict_count() const noexcept { return options_.lmtp ? recipients_ : 1; }

  void start_verdicts() noexcept {
    verdicts_ = verdict_count();
    verdict_index_ = 0;
    phase_ = phase::verdict;
  }

  void next_verdict() noexcept {
    if (++verdict_index_ < verdicts_) return;
    // RFC 5321 §4.1.1.4: the transaction ends with the message.
    reset_transaction();
    phase_ = phase::command;
  }

  void start_refusal(std::uint16_t code, enhanced_status status, std::string_view text, bool closes,
                     std::size_t count) noexcept {
    refusal_code_ = code;
    refusal_status_ = status;
    refusal_text_ = text;
    refusals_left_ = count;
    refusal_closes_ = closes;
    phase_ = phase::refusal;
  }

  // A command line ended by a bare LF, or one with a bare CR or control octet (RFC 5321
  // §2.3.8), or over the limit: answered, never executed.
  void bad_line(errc why) noexcept {
    const bool in_auth = phase_ == phase::auth_response ||
                         (phase_ == phase::skip && skip_phase_ == phase::auth_response);
    if (why == errc::line_too_long) {
      // RFC 5321 §4.5.3.1.10 / RFC 4954 §6: 500 5.5.6.
      put(500, {5, 5, 6}, in_auth ? "Authentication Exchange line is too long" : "Line too long");
    } else {
      put(in_auth ? 501 : 500, {5, 5, 2}, "Syntax error: bare CR, bare LF or control octet");
    }
    if (in_auth) {
      wipe_auth();
      phase_ = phase::command;
      set_reader(options_.max_command_line);
    }
  }

  void skip_done() noexcept {
    phase_ = skip_phase_;
    bad_line(skip_error_);
  }

  // ---- commands --------------------------------------------------------------------------

  void sequence_error(std::string_view text) noexcept { put(503, {5, 5, 1}, text); }

  // The reply to a command the parser refused.
  void syntax_error(const command_result& r) noexcept {
    const bool mail = r.cmd.verb == command_verb::mail;
    switch (r.error) {
      case errc::line_too_long:
        put(500, {5, 5, 6}, "Line too long");
        return;
      case errc::non_ascii_without_smtputf8:
        if (mail || r.cmd.verb == command_verb::rcpt) {  // RFC 6531 §3.7.4.1
          put(553, {5, 6, 7}, "Non-ASCII address without SMTPUTF8");
          return;
        }
        put(500, {5, 5, 2}, "Syntax error: non-ASCII octet");
        return;
      case errc::bad_path:
      case errc::path_too_long:  // RFC 5321 §4.5.3.1.10: 501 path too long
        // RFC 3463 X.1.7 (sender) / X.1.3 (destination) address syntax.
        put(501, mail ? enhanced_status{5, 1, 7} : enhanced_status{5, 1, 3},
            r.error == errc::path_too_long ? "Path too long" : "Bad address syntax");
        return;
      case errc::bare_cr:
      case errc::bare_lf:
      case errc::invalid_octet:
        put(500, {5, 5, 2}, "Syntax error: control octet");
        return;
      default:  // bad_command_syntax, parameter errors: RFC 3463 X.5.4
        put(501, {5, 5, 4}, "Syntax error in parameters or arguments");
        return;
    }
  }

  // RFC 5321 §4.1.1.11: 555 for parameters not recognised or not implemented.
  bool parameters_offered(const command& c, bool mail) const noexcept {
    if (options_.accept_unoffered_parameters) return true;
    const bool extended = hello_ == command_verb::ehlo || hello_ == command_verb::lhlo ||
                          hello_ == command_verb::unknown;
    for (const esmtp_param& p : c.params()) {
      if (!extended) return false;  // after HELO no extension is in effect
      const std::string_view k = p.keyword;
      bool ok = false;
      if (mail) {
        if (detail::iequals(k, "SIZE")) ok = options_.size;
        if (detail::iequals(k, "BODY"))
          ok = options_.eight_bit_mime && c.values.body != body_type::binary_mime;
        if (detail::iequals(k, "SMTPUTF8")) ok = options_.smtputf8;
        if (detail::iequals(k, "RET") || detail::iequals(k, "ENVID")) ok = options_.dsn;
        if (detail::iequals(k, "AUTH")) ok = auth_offered();  // RFC 4954 §5
      } else {
        if (detail::iequals(k, "NOTIFY") || detail::iequals(k, "ORCPT")) ok = options_.dsn;
      }
      if (!ok) return false;
    }
    return true;
  }

  // RFC 3207 §4 (530 5.7.0 before STARTTLS), RFC 4954 §6 (530 5.7.0 before AUTH).
  bool policy_refuses() noexcept {
    if (options_.require_tls && !tls_) {
      put(530, {5, 7, 0}, "Must issue a STARTTLS command first");
      return true;
    }
    if (options_.require_auth && !authenticated_) {
      put(530, {5, 7, 0}, "Authentication required");
      return true;
    }
    return false;
  }

  // One command line. Returns the event to report, or need_more to go on.
  server_event command_line(std::string_view line) noexcept {
    command_options co = options_.commands;
    co.max_line_length = options_.max_command_line;
    co.smtputf8 = transaction_smtputf8_;
    const command_result r = parse_command(line, co);
    const command_verb verb = r.cmd.verb;
    if (phase_ == phase::refused) {  // RFC 5321 §3.1: wait for QUIT, 503 to the rest
      if (verb == command_verb::quit && r.ok()) return quit();
      sequence_error("No SMTP service here; send QUIT");
      return server_event::need_more;
    }
    switch (verb) {
      case command_verb::unknown:
        put(500, {5, 5, 2}, "Command unrecognized");  // RFC 5321 §4.2.4, RFC 3463 X.5.2
        return server_event::need_more;
      case command_verb::helo:
      case command_verb::ehlo:
      case command_verb::lhlo:
        if (options_.lmtp != (verb == command_verb::lhlo)) {
          if (verb == command_verb::lhlo) {
            put(500, {5, 5, 2}, "Command unrecognized");
          } else {
            put(500, {5, 5, 1}, "This is LMTP: use LHLO (RFC 2033)");
          }
          return server_event::need_more;
        }
        if (r.failed()) break;
        reset_transaction();  // RFC 5321 §4.1.4
        hello_verb_ = verb;
        return decide(decision::hello, r.cmd, server_event::hello);
      case command_verb::mail:
        if (hello_ == command_verb::unknown && options_.require_hello) {
          sequence_error(options_.lmtp ? "Send LHLO first" : "Send HELO/EHLO first");
          return server_event::need_more;
        }
        if (in_transaction_) {
          sequence_error("Nested MAIL command");  // RFC 5321 §4.1.1.2
          return server_event::need_more;
        }
        if (policy_refuses()) return server_event::need_more;
        if (r.failed()) break;
        if (!parameters_offered(r.cmd, true)) {
          put(555, {5, 5, 4}, "MAIL parameters not recognized or not implemented");
          return server_event::need_more;
        }
        if (r.cmd.values.has_size && options_.max_message_size != no_limit &&
            r.cmd.values.size > options_.max_message_size) {  // RFC 1870 §6
          put(552, {5, 3, 4}, "Message size exceeds fixed maximum message size");
          return server_event::need_more;
        }
        mail_smtputf8_ = r.cmd.values.smtputf8;
        return decide(decision::mail, r.cmd, server_event::mail);
      case command_verb::rcpt:
        if (!in_transaction_) {
          sequence_error("Need MAIL before RCPT");  // RFC 5321 §4.1.4
          return server_event::need_more;
        }
        if (r.failed()) break;
        if (!parameters_offered(r.cmd, false)) {
          put(555, {5, 5, 4}, "RCPT parameters not recognized or not implemented");
          return server_event::need_more;
        }
        if (options_.max_recipients != no_limit && recipients_ >= options_.max_recipients) {
          put(452, {4, 5, 3}, "Too many recipients");  // RFC 5321 §4.5.3.1.10, RFC 3463
          return server_event::need_more;
        }
        return decide(decision::rcpt, r.cmd, server_event::rcpt);
      case command_verb::data:
        if (r.failed()) break;
        if (!in_transaction_) {
          sequence_error("Need MAIL before DATA");
        } else if (recipients_ == 0) {
          sequence_error("Need RCPT before DATA");  // RFC 5321 §3.3
        } else if (bdat_used_) {
          sequence_error("DATA after BDAT in one transaction");  // RFC 3030 §2
        } else if (data_budget(4) == 0) {
          put(451, {4, 3, 0}, "No room for message data");
        } else {
          put_plain(354, "End data with <CR><LF>.<CR><LF>");  // RFC 5321 §4.3.2
          dot_decoder_options d;
          d.bare_line_endings = options_.data_line_endings;
          d.max_line_length = options_.max_text_line;
          d.max_message_size = options_.max_message_size;
          decoder_ = dot_decoder(d);
          phase_ = phase::data;
        }
        return server_event::need_more;
      case command_verb::bdat:
        if (r.failed()) break;  // no chunk size: what follows is read as commands
        bdat_command(r.cmd);
        return server_event::need_more;
      case command_verb::rset:
        if (r.failed()) break;
        reset_transaction();
        put(250, {2, 0, 0}, "OK");
        return server_event::need_more;
      case command_verb::noop:
        put(250, {2, 0, 0}, "OK");  // RFC 5321 §4.1.1.9: arguments ignored
        return server_event::need_more;
      case command_verb::quit:
        if (r.failed()) break;
        return quit();
      case command_verb::help:
        put(214, {2, 0, 0}, "See RFC 5321");  // RFC 5321 §4.1.1.8
        return server_event::need_more;
      case command_verb::vrfy:
        if (policy_refuses()) return server_event::need_more;
        if (r.failed()) break;
        // RFC 5321 §3.5.3: 252 when the server will not verify but will try delivery.
        put(252, {2, 5, 0}, "Cannot VRFY user, but will accept message and attempt delivery");
        return server_event::need_more;
      case command_verb::starttls:
        if (!options_.starttls || tls_) {
          if (tls_) {
            sequence_error("TLS already active");  // RFC 3207 §4.2: offered once
          } else {
            put(502, {5, 5, 1}, "Command not implemented");
          }
          return server_event::need_more;
        }
        if (r.failed()) {
          put(501, {5, 5, 4}, "Syntax error (no parameters allowed)");  // RFC 3207 §4
          return server_event::need_more;
        }
        if (in_transaction_) {
          sequence_error("STARTTLS inside a mail transaction");
          return server_event::need_more;
        }
        put(220, {2, 0, 0}, "Ready to start TLS");  // RFC 3207 §4
        phase_ = phase::tls_wait;
        return server_event::start_tls;
      case command_verb::auth:
        auth_command(r);  // an initial response may complete the exchange at once
        return pending_ == decision::auth ? server_event::auth : server_event::need_more;
      case command_verb::expn:
      case command_verb::etrn:
      case command_verb::atrn:
      case command_verb::burl:
        put(502, {5, 5, 1}, "Command not implemented");  // RFC 5321 §4.2.4
        return server_event::need_more;
    }
    syntax_error(r);
    return server_event::need_more;
  }

  server_event decide(decision d, const command& c, server_event e) noexcept {
    cmd_ = c;
    pending_ = d;
    return e;
  }

  server_event quit() noexcept {
    error_ = errc{};
    char buf[reply_line_limit];
    // RFC 5321 §4.1.1.10, §4.2.2: "221 <domain> Service closing transmission channel".
    put(221, {2, 0, 0},
        detail::join_words(buf, sizeof buf, options_.host_name,
                           "Service closing transmission channel"));
    phase_ = phase::closed;
    return server_event::closed;
  }

  // RFC 3030 §2: a well-formed BDAT is always followed by its octets, whatever the reply, so
  // they are always read (else they would be taken as commands), then answered.
  void bdat_command(const command& c) noexcept {
    chunk_ = bdat_chunk(c.chunk_size, c.last);
    chunk_size_ = c.chunk_size;
    bdat_refused_ = true;
    refusal_status_ = {5, 5, 1};
    refusal_code_ = 503;
    if (!options_.chunking) {
      refusal_code_ = 502;
      refusal_text_ = "Command not implemented";
    } else if (!in_transaction_) {
      refusal_text_ = "Need MAIL before BDAT";
    } else if (recipients_ == 0) {
      refusal_text_ = "Need RCPT before BDAT";
    } else if (bdat_failed_) {
      // RFC 3030 §2: chunks pipelined after a failed one are read and discarded.
      refusal_text_ = "An earlier chunk failed; send RSET";
    } else {
      const std::uint64_t max = options_.max_message_size;
      if (max != no_limit && (c.chunk_size > max || bdat_total_ > max - c.chunk_size)) {
        refusal_code_ = 552;  // RFC 1870 §6
        refusal_status_ = {5, 3, 4};
        refusal_text_ = "Message size exceeds fixed maximum message size";
        bdat_failed_ = true;
        error_ = errc::message_too_large;
      } else {
        bdat_total_ += c.chunk_size;
        bdat_used_ = true;
        bdat_refused_ = false;
      }
    }
    phase_ = phase::bdat;
  }

  // ---- AUTH (RFC 4954) -----------------------------------------------------------------

  void auth_command(const command_result& r) noexcept {
    if (!options_.auth_plain && !options_.auth_login) {
      put(502, {5, 5, 1}, "Command not implemented");
      return;
    }
    if (hello_ != command_verb::ehlo && hello_ != command_verb::lhlo) {
      sequence_error(options_.lmtp ? "Send LHLO first" : "Send EHLO first");  // RFC 4954 §4
      return;
    }
    if (authenticated_) {
      sequence_error("Already authenticated");  // RFC 4954 §4: 503 after a successful AUTH
      return;
    }
    if (in_transaction_) {
      sequence_error("AUTH not permitted during a mail transaction");  // RFC 4954 §4
      return;
    }
    if (options_.require_tls && !tls_) {
      put(530, {5, 7, 0}, "Must issue a STARTTLS command first");  // RFC 3207 §4
      return;
    }
    if (options_.auth_requires_tls && !tls_) {
      // RFC 4954 §6: the mechanism may only be used over an encrypted connection.
      put(538, {5, 7, 11}, "Encryption required for requested authentication mechanism");
      return;
    }
    if (r.failed()) {
      // A malformed initial response is a base64 problem (RFC 4954 §4: 501).
      if (r.cmd.has_initial_response && !r.cmd.target.empty()) {
        put(501, {5, 5, 2}, "Cannot decode response");
      } else {
        put(501, {5, 5, 4}, "Syntax error in parameters or arguments");
      }
      return;
    }
    const std::string_view mech = r.cmd.target;
    const bool plain = options_.auth_plain && detail::iequals(mech, "PLAIN");
    const bool login = options_.auth_login && detail::iequals(mech, "LOGIN");
    if (!plain && !login) {
      put(504, {5, 5, 4}, "Unrecognized authentication type");  // RFC 4954 §4
      return;
    }
    wipe_auth();
    if (plain) {
      if (r.cmd.has_initial_response) {
        plain_response(r.cmd.initial_response);  // "=" is already an empty response
        return;
      }
      auth_step_ = auth_step::plain;
      put_empty_challenge();
    } else if (r.cmd.has_initial_response) {
      if (!login_user(r.cmd.initial_response)) return;
    } else {
      auth_step_ = auth_step::login_user;
      put_plain(334, "VXNlcm5hbWU6");  // base64 "Username:"
    }
    phase_ = phase::auth_response;
    set_reader(server_auth_line_limit);
  }

  void end_exchange() noexcept {
    phase_ = phase::command;
    set_reader(options_.max_command_line);
  }

  void cannot_decode() noexcept {
    put(501, {5, 5, 2}, "Cannot decode response");  // RFC 4954 §4
    wipe_auth();
    end_exchange();
  }

  void plain_response(std::string_view b64) noexcept {
    const write_result d = base64_decode(b64, auth_buf_, sizeof auth_buf_);
    if (d.failed()) return cannot_decode();
    const plain_result p = parse_plain_response(std::string_view(auth_buf_, d.size));
    if (p.failed()) return cannot_decode();
    credentials_ = {sasl_mechanism::plain, p.credentials.authzid, p.credentials.authcid,
                    p.credentials.password};
    end_exchange();
    pending_ = decision::auth;
  }

  bool login_user(std::string_view b64) noexcept {
    const write_result d = base64_decode(b64, auth_buf_, sasl_plain_field_limit);
    if (d.failed()) {
      cannot_decode();
      return false;
    }
    auth_user_size_ = d.size;
    auth_step_ = auth_step::login_password;
    put_plain(334, "UGFzc3dvcmQ6");  // base64 "Password:"
    return true;
  }

  void auth_line(std::string_view line) noexcept {
    if (line == "*") {  // RFC 4954 §4: the client cancels; 501
      put(501, {5, 7, 0}, "Authentication cancelled");
      wipe_auth();
      end_exchange();
      return;
    }
    switch (auth_step_) {
      case auth_step::plain:
        plain_response(line);
        return;
      case auth_step::login_user:
        (void)login_user(line);
        return;
      case auth_step::login_password: {
        const write_result d =
            base64_decode(line, auth_buf_ + auth_user_size_, sasl_plain_field_limit);
        if (d.failed()) return cannot_decode();
        credentials_ = {sasl_mechanism::login,
                        {},
                        std::string_view(auth_buf_, auth_user_size_),
                        std::string_view(auth_buf_ + auth_user_size_, d.size)};
        end_exchange();
        pending_ = decision::auth;
        return;
      }
    }
  }

  server_options options_;
  char* data_;
  std::size_t data_capacity_;
  phase phase_ = phase::command;
  decision pending_ = decision::connect;
  phase skip_phase_ = phase::command;
  errc skip_error_{};
  errc error_{};
  line_reader reader_{};
  dot_decoder decoder_{};
  bdat_chunk chunk_{0, false};
  std::uint64_t chunk_size_ = 0;
  bool bdat_refused_ = false;
  bool bdat_used_ = false;
  bool bdat_failed_ = false;
  std::uint64_t bdat_total_ = 0;
  command cmd_{};
  command_verb hello_ = command_verb::unknown;       // the accepted greeting, unknown if none
  command_verb hello_verb_ = command_verb::unknown;  // the greeting awaiting its answer
  bool tls_ = false;
  bool authenticated_ = false;
  bool in_transaction_ = false;
  bool mail_smtputf8_ = false;
  bool transaction_smtputf8_ = false;
  std::size_t recipients_ = 0;
  std::size_t verdicts_ = 0;
  std::size_t verdict_index_ = 0;
  std::uint16_t refusal_code_ = 0;
  enhanced_status refusal_status_{};
  std::string_view refusal_text_;
  std::size_t refusals_left_ = 0;
  bool refusal_closes_ = false;
  std::size_t discarded_ = 0;
  auth_step auth_step_ = auth_step::plain;
  std::size_t auth_user_size_ = 0;
  server_credentials credentials_{};
  char auth_buf_[base64_decoded_size_max(server_auth_line_limit - 2)] = {};
  std::size_t out_size_ = 0;
  char out_[output_capacity] = {};
};

}  // namespace smtpcodes

#endif  // SMTPCODES_SERVER_SESSION_HPP
