/**
 * @file client_session.hpp
 * @brief An SMTP and LMTP client session without I/O: it says what to send next and reads
 *        each reply in the context of the command it answers. The caller owns the socket, TLS
 *        and the clock.
 *
 * The loop a caller writes:
 *
 *     smtpcodes::client_session s(options);
 *     for (;;) {
 *       const smtpcodes::client_action a = s.next();
 *       if (a.kind == client_action_kind::send) { write_all(fd, a.bytes); continue; }
 *       if (a.kind == client_action_kind::receive) {  // read, then one reply at a time
 *         append(buffer, read(fd));
 *         for (;;) {
 *           const smtpcodes::client_event e = s.receive(buffer);
 *           if (!e.result.is_complete()) break;  // need more, or an error the session keeps
 *           buffer.erase(0, e.result.consumed);
 *         }
 *         continue;
 *       }
 *       if (a.kind == client_action_kind::start_tls) { handshake(fd); s.tls_started(); continue; }
 *       if (a.kind == client_action_kind::auth_response) { s.respond(sasl.step(a.challenge));
 * continue; } if (a.kind == client_action_kind::idle) { if (auto* m = next_message())
 * s.start_message(*m); else s.quit(); continue; } break;  // done: s.failure() says why, the
 * recipients' statuses say what happened
 *     }
 *
 * What it does (RFC sections beside each rule in the code): EHLO, or LHLO in LMTP mode; HELO
 * when EHLO is refused with 500 or 502 (RFC 5321 §3.2); the capabilities of the EHLO reply
 * decide PIPELINING (RFC 2920), SIZE (RFC 1870), 8BITMIME (RFC 6152), SMTPUTF8 (RFC 6531),
 * CHUNKING (RFC 3030), DSN (RFC 3461), REQUIRETLS (RFC 8689) and LIMITS RCPTMAX (RFC 9422);
 * STARTTLS (RFC 3207), forgetting every capability and sending EHLO again afterwards, and
 * refusing any octet received after the 220 before TLS (the plaintext injection of
 * CVE-2011-0411); AUTH (RFC 4954) with the SASL steps given by the caller; transactions with a
 * status per recipient, in pipelined groups whose replies are matched to the commands in order;
 * DATA and BDAT; LMTP's reply per accepted recipient (RFC 2033 §4.2); 421 at any point
 * (RFC 5321 §3.8); QUIT. A reply code the command can never get (RFC 5321 §4.3.2, reply_table.hpp)
 * is a protocol violation that ends the session, unless `accept_any_reply_code` is set.
 *
 * Sessions layer: includes reply.hpp, reply_table.hpp, ehlo.hpp, command_writer.hpp,
 * dot_codec.hpp, queue_id.hpp, sasl.hpp. Never allocates, never throws. The session object holds
 * its output buffer (`client_buffer_size` octets), so keep it off small stacks.
 */
#ifndef SMTPCODES_CLIENT_SESSION_HPP
#define SMTPCODES_CLIENT_SESSION_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "command_verb.hpp"
#include "command_writer.hpp"
#include "config.hpp"
#include "dot_codec.hpp"
#include "ehlo.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "queue_id.hpp"
#include "reply.hpp"
#include "reply_code.hpp"
#include "reply_table.hpp"
#include "result.hpp"
#include "sasl.hpp"

namespace smtpcodes {

/// RFC 5321 §4.5.3.2: how long a client waits for each reply, in seconds. The session says which
/// applies (`client_session::timeout_seconds`); the caller's clock enforces it and calls
/// `timed_out()`.
struct client_timeouts {
  std::uint32_t greeting = greeting_timeout_seconds;                  ///< initial 220
  std::uint32_t mail = mail_timeout_seconds;                          ///< MAIL
  std::uint32_t rcpt = rcpt_timeout_seconds;                          ///< RCPT
  std::uint32_t data_initiation = data_initiation_timeout_seconds;    ///< DATA until 354
  std::uint32_t data_block = data_block_timeout_seconds;              ///< each write of the body
  std::uint32_t data_termination = data_termination_timeout_seconds;  ///< after "." until the reply
  /// Other commands (EHLO, STARTTLS, AUTH, RSET, QUIT): §4.5.3.2 names none; 5 minutes, as MAIL.
  std::uint32_t other = mail_timeout_seconds;
};

/// How the session treats TLS.
enum class tls_mode : std::uint8_t {
  /// STARTTLS is required: a server that does not offer it, or refuses it, ends the session
  /// before any envelope or credentials are sent. The default.
  required,
  /// STARTTLS when the server offers it, plaintext otherwise (RFC 7435 opportunistic security,
  /// as MTAs relay). Risk: an attacker who strips STARTTLS from the EHLO reply gets plaintext.
  opportunistic,
  /// The connection is TLS from the start (implicit TLS, RFC 8314 §3): no STARTTLS.
  implicit,
  /// Never STARTTLS (loopback, tests). Risk: everything, credentials included, is plaintext.
  none,
};

/// Why a session ended without finishing its work (`client_session::failure`).
enum class client_failure : std::uint8_t {
  none,
  greeting_refused,    ///< The greeting was 554 (RFC 5321 §3.1) or another refusal.
  hello_refused,       ///< EHLO (and HELO) or LHLO refused.
  tls_not_offered,     ///< `tls_mode::required` and no STARTTLS in the EHLO reply.
  tls_refused,         ///< `tls_mode::required` and STARTTLS got an error reply.
  tls_failed,          ///< The caller's handshake failed (`tls_failed()`).
  auth_not_offered,    ///< AUTH asked for, but the server offers no AUTH or not the mechanism.
  auth_failed,         ///< AUTH got an error reply (535 and the like), or the SASL step failed.
  auth_unverified,     ///< 235, but the SASL stepper did not accept it (the server unproven).
  service_closing,     ///< The server sent 421 (RFC 5321 §3.8).
  protocol_violation,  ///< A reply the session cannot trust; see `violation()`.
  timed_out,           ///< The caller reported a timeout (`timed_out()`).
  connection_closed,   ///< The caller reported the connection gone (`connection_closed()`).
  bad_content,         ///< The message breaks the body's line-ending policy, found during DATA.
};

/// A server behaviour outside the protocol (`client_event::violation`); each ends the session.
enum class client_violation : std::uint8_t {
  none,
  bad_reply,                 ///< The reply breaks RFC 5321 §4.2 (see the event's result).
  unexpected_reply_code,     ///< A code RFC 5321 §4.3.2 never gives that command.
  unsolicited_reply,         ///< A reply when no command is waiting for one (not 421).
  plaintext_after_starttls,  ///< Octets after the 220 to STARTTLS, before TLS (RFC 3207 §5).
  bad_ehlo_reply,            ///< A 250 to EHLO that `parse_ehlo` refuses.
  bad_auth_challenge,        ///< A 334 whose text is not base64 (RFC 4954 §4), or too long.
};

[[nodiscard]] constexpr std::string_view to_string(client_failure f) noexcept {
  switch (f) {
    case client_failure::none:
      return "none";
    case client_failure::greeting_refused:
      return "greeting_refused";
    case client_failure::hello_refused:
      return "hello_refused";
    case client_failure::tls_not_offered:
      return "tls_not_offered";
    case client_failure::tls_refused:
      return "tls_refused";
    case client_failure::tls_failed:
      return "tls_failed";
    case client_failure::auth_not_offered:
      return "auth_not_offered";
    case client_failure::auth_failed:
      return "auth_failed";
    case client_failure::auth_unverified:
      return "auth_unverified";
    case client_failure::service_closing:
      return "service_closing";
    case client_failure::protocol_violation:
      return "protocol_violation";
    case client_failure::timed_out:
      return "timed_out";
    case client_failure::connection_closed:
      return "connection_closed";
    case client_failure::bad_content:
      return "bad_content";
  }
  return "unknown";
}

[[nodiscard]] constexpr std::string_view to_string(client_violation v) noexcept {
  switch (v) {
    case client_violation::none:
      return "none";
    case client_violation::bad_reply:
      return "bad_reply";
    case client_violation::unexpected_reply_code:
      return "unexpected_reply_code";
    case client_violation::unsolicited_reply:
      return "unsolicited_reply";
    case client_violation::plaintext_after_starttls:
      return "plaintext_after_starttls";
    case client_violation::bad_ehlo_reply:
      return "bad_ehlo_reply";
    case client_violation::bad_auth_challenge:
      return "bad_auth_challenge";
  }
  return "unknown";
}

/// Client settings. Views must live as long as the session.
struct client_options {
  /// The EHLO/HELO/LHLO argument: the client's domain or address literal (RFC 5321 §4.1.1.1).
  std::string_view hello_name = "localhost";
  /// LMTP (RFC 2033): LHLO, no HELO fallback, a reply per accepted recipient after the message.
  bool lmtp = false;
  tls_mode tls = tls_mode::required;
  /// Pipeline commands when the server offers PIPELINING (RFC 2920).
  bool use_pipelining = true;
  /// Send the message with BDAT when the server offers CHUNKING (RFC 3030).
  bool use_chunking = true;
  /// Most commands sent before their replies are read (pipelining's window); at least 1.
  std::size_t pipeline_window = 64;
  /// A SASL stepper (sasl.hpp) the session drives itself: its mechanism goes on the AUTH line,
  /// its initial response with it, its answer to each 334; a 235 it does not accept (SCRAM's
  /// server signature unproven, RFC 5802 §3) ends the session as `auth_unverified`. It must
  /// live as long as the session. When set, `auth_mechanism` and the initial response below
  /// are ignored and no `auth_response` action is given.
  sasl_client* sasl = nullptr;
  /// Steppers to choose from once the server's offer is known (after EHLO, and after TLS when
  /// there is TLS), in the caller's order of preference: the first whose mechanism the server
  /// offers is driven as `sasl` is (`choose_sasl_mechanism`); none: `auth_not_offered`. PLAIN,
  /// LOGIN, XOAUTH2 and OAUTHBEARER are skipped while the connection is not encrypted unless
  /// `allow_cleartext_auth`. Used when `sasl` is not set; the array and steppers must outlive
  /// the session.
  sasl_client* const* sasl_choices = nullptr;
  std::size_t sasl_choice_count = 0;
  /// Lets the choice above send a password or token without TLS. Risk: whoever reads the
  /// connection (or strips STARTTLS from the EHLO reply) gets the secret. Loopback only.
  bool allow_cleartext_auth = false;
  /// Authenticate with this SASL mechanism after EHLO (and TLS), answering each 334 through the
  /// `auth_response` action; empty (and no `sasl`): no AUTH.
  std::string_view auth_mechanism{};
  /// The mechanism's initial response, raw (the session base64-encodes it); sent on the AUTH
  /// line when `auth_has_initial_response` (empty: "=", RFC 4954 §4).
  std::string_view auth_initial_response{};
  bool auth_has_initial_response = false;
  /// Takes any well-formed reply code at face value, by its first digit (RFC 5321 §4.2.1),
  /// instead of ending the session on a code the command can never get. Risk: a desynchronised
  /// pipeline, where a reply answers another command than the one it is matched with, goes
  /// unnoticed, and recipients can be reported delivered that were not.
  bool accept_any_reply_code = false;
  client_timeouts timeouts{};
  reply_options reply{};
  ehlo_options ehlo{};
  command_options command{};
  /// How the message's bare CR and LF are treated in DATA (BDAT sends the octets as they are).
  dot_encoder_options body{};
};

/// What the server's EHLO reply allowed (after STARTTLS, what the second EHLO allowed).
struct server_capabilities {
  bool esmtp = false;  ///< EHLO (or LHLO) was accepted; false after a HELO fallback.
  bool pipelining = false;
  bool chunking = false;
  bool starttls = false;
  bool eightbitmime = false;
  bool smtputf8 = false;
  bool dsn = false;
  bool requiretls = false;
  bool enhancedstatuscodes = false;
  bool auth = false;
  std::optional<std::uint64_t> size;     ///< SIZE's limit; 0 means no fixed limit (RFC 1870).
  std::optional<std::uint64_t> rcptmax;  ///< LIMITS RCPTMAX (RFC 9422 §4.2).
  char auth_mechanisms_storage[256] = {};
  std::size_t auth_mechanisms_size = 0;

  /// The mechanisms of the AUTH line, as sent (cut at 256 octets).
  [[nodiscard]] constexpr std::string_view auth_mechanisms() const noexcept {
    return {auth_mechanisms_storage, auth_mechanisms_size};
  }
  /// The AUTH line names `mechanism` (ignoring case).
  [[nodiscard]] constexpr bool offers_mechanism(std::string_view mechanism) const noexcept {
    return detail::list_has_word(auth_mechanisms(), mechanism);
  }
};

/// What became of one recipient. `step` is the command whose reply decided: `mail` (the MAIL was
/// refused), `rcpt` (refused), `data` (DATA refused), `data_end` or `bdat` (the message's
/// verdict, or in LMTP the recipient's own); `connect` while undecided.
struct recipient_status {
  reply_step step = reply_step::connect;
  std::uint16_t code = 0;  ///< The deciding reply's code; 0 while undecided.
  std::optional<enhanced_status> enhanced;
  bool accepted = false;  ///< RCPT got 2yz.
  /// The session did not send the command `step` names: the address or a parameter could not
  /// be written (the writers refuse what would inject), or the content broke the body policy.
  bool not_sent = false;

  /// The message was accepted for this recipient.
  [[nodiscard]] constexpr bool delivered() const noexcept {
    return (step == reply_step::data_end || step == reply_step::bdat) && code / 100 == 2;
  }
  /// Nothing decided yet (or the session ended first).
  [[nodiscard]] constexpr bool pending() const noexcept { return code == 0; }
};

/// One message to send. Views and arrays must live until the session reports `idle` again.
struct client_message {
  std::string_view reverse_path;  ///< MAIL FROM's address without <>; empty: the null sender.
  const std::string_view* recipients = nullptr;
  std::size_t recipient_count = 0;
  recipient_status* statuses = nullptr;  ///< `recipient_count` entries the session fills.
  std::string_view content;              ///< Header and body, CR LF line ends, not dot-stuffed.
  bool eight_bit = false;   ///< BODY=8BITMIME (RFC 6152 §3); the server must offer it.
  bool smtputf8 = false;    ///< SMTPUTF8 (RFC 6531 §3.4); the server must offer it.
  bool requiretls = false;  ///< REQUIRETLS (RFC 8689 §4); needs TLS and the server's offer.
  /// DSN parameters (RFC 3461 §4), sent only when the server offers DSN (§5.2: otherwise the
  /// client itself acts as if the request was relayed to a non-DSN server).
  dsn_return ret = dsn_return::none;  ///< RET (esmtp.hpp)
  std::string_view envid{};           ///< ENVID, raw (the writer xtext-encodes it).
  std::string_view notify{};  ///< NOTIFY for every recipient: "NEVER" or "SUCCESS,FAILURE,DELAY".
  /// ORCPT per recipient (RFC 3461 §4.2): null, or `recipient_count` entries, each the address
  /// the message was first sent to (empty: no ORCPT for that recipient), written as
  /// "ORCPT=rfc822;" and the address xtext-encoded. An address over `path_limit` octets or with
  /// an octet outside printable ASCII (RFC 6533's utf-8 form is not written) is not sent: the
  /// recipient is `not_sent`.
  const std::string_view* original_recipients = nullptr;
};

/// Why `start_message` refused a message (nothing was sent).
enum class message_refusal : std::uint8_t {
  none,
  not_idle,                ///< The session is not waiting for a message.
  no_recipients,           ///< `recipient_count` is 0 or `statuses` is null.
  too_large,               ///< Larger than the server's SIZE (RFC 1870 §6).
  eight_bit_not_offered,   ///< `eight_bit` without 8BITMIME.
  smtputf8_not_offered,    ///< `smtputf8` without SMTPUTF8.
  requiretls_unavailable,  ///< `requiretls` without TLS or without REQUIRETLS (RFC 8689 §4.1).
  /// A CR or LF in `content` not part of CR LF, under `line_ending_policy::reject` (the body
  /// option's default): RFC 5321 §2.3.8 allows them nowhere, and they are how SMTP smuggling
  /// hides a second message. Refused before anything is sent, for DATA and BDAT alike.
  bare_line_ending,
};

enum class client_action_kind : std::uint8_t {
  send,           ///< Write `bytes` to the server.
  receive,        ///< Read from the server and call `receive`.
  start_tls,      ///< Run the TLS handshake, then call `tls_started()` or `tls_failed()`.
  auth_response,  ///< Answer `challenge` (decoded) with `respond()` or `cancel_auth()`.
  idle,           ///< Ready for `start_message()` or `quit()`.
  done,           ///< The session is over; close the connection.
};

/// The next thing to do. `bytes` and `challenge` stay valid until the next call on the session.
struct client_action {
  client_action_kind kind = client_action_kind::done;
  std::string_view bytes;
  std::string_view challenge;
};

/// What one reply meant. The reply's views lie inside the input given to `receive`.
struct [[nodiscard]] client_event {
  /// need_more (nothing consumed); complete (`consumed` octets: drop them); error (the reply
  /// breaks RFC 5321 §4.2: `error`, `offset`; the session has ended).
  parse_result result;
  reply_step step = reply_step::connect;  ///< The command this reply answered.
  /// For `rcpt`, and for an LMTP recipient's reply after the message: the recipient's index.
  std::size_t recipient = static_cast<std::size_t>(-1);
  reply_view reply;
  client_violation violation = client_violation::none;
  /// The message's reply (`data_end`, `bdat`) when it accepted: the server's queue id and its
  /// format (queue_id.hpp), a view into the input; empty when the server gave none.
  queue_id_match queue_id{};
};

namespace detail {
/// The offset of the first CR or LF in `s` that is not part of a CR LF pair, or npos.
[[nodiscard]] inline std::size_t find_bare_line_ending(std::string_view s) noexcept {
  std::size_t i = 0;
  while (true) {
    i += find_cr_or_lf(s.data() + i, s.size() - i);
    if (i >= s.size()) return std::string_view::npos;
    if (s[i] == '\n' || i + 1 == s.size() || s[i + 1] != '\n') return i;
    i += 2;
  }
}
}  // namespace detail

/// Octets of the session's output buffer: an AUTH line of RFC 4954 §4's 12288 octets fits, and
/// each body step encodes half of it.
inline constexpr std::size_t client_buffer_size = 16384;
/// Octets of a decoded 334 challenge the session can hold.
inline constexpr std::size_t client_challenge_size = 4096;

class client_session {
 public:
  /// A session on a fresh connection: the first action is to read the greeting.
  explicit client_session(const client_options& options = {}) noexcept
      : options_(options), parser_(options.reply), encoder_(options.body) {
    if (options_.pipeline_window == 0) options_.pipeline_window = 1;
    if (options_.tls == tls_mode::implicit) tls_active_ = true;
    if (options_.sasl != nullptr) options_.auth_mechanism = to_string(options_.sasl->mechanism());
    push(reply_step::connect);
    phase_ = phase::await_replies;
  }

  client_session(const client_session&) = delete;
  client_session& operator=(const client_session&) = delete;

  /// The next thing to do (see the file comment).
  [[nodiscard]] client_action next() noexcept {
    switch (phase_) {
      case phase::need_hello:
        return send_hello();
      case phase::need_starttls:
        return send_simple(command_verb::starttls, reply_step::starttls);
      case phase::tls_handshake:
        return {client_action_kind::start_tls, {}, {}};
      case phase::need_auth:
        return send_auth();
      case phase::auth_challenge:
        return {client_action_kind::auth_response, {}, challenge()};
      case phase::auth_answer:
        phase_ = phase::await_replies;
        push(reply_step::auth);
        return {client_action_kind::send, {out_, out_size_}, {}};
      case phase::idle:
        return {client_action_kind::idle, {}, {}};
      case phase::need_quit:
        return send_simple(command_verb::quit, reply_step::quit);
      case phase::transaction:
        return next_in_transaction();
      case phase::body:
        return next_body_chunk();
      case phase::await_replies:
        return {client_action_kind::receive, {}, {}};
      case phase::done:
        break;
    }
    return {client_action_kind::done, {}, {}};
  }

  /**
   * Reads one reply from `input` (everything received and not yet consumed, as with
   * `reply_parser::feed`). Complete: the event says which command it answered; drop `consumed`
   * octets and call again while octets remain. A violation or a reply error ends the session.
   */
  client_event receive(std::string_view input) noexcept {
    client_event ev;
    if (phase_ == phase::done) {
      ev.result = parse_result::fail(errc::bad_argument, 0);
      return ev;
    }
    if (phase_ == phase::tls_handshake && !input.empty()) {
      // RFC 3207 §5: whatever came after the 220 is plaintext an attacker could have injected.
      return violate(ev, client_violation::plaintext_after_starttls);
    }
    ev.result = parser_.feed(input);
    if (ev.result.needs_more()) return ev;
    if (ev.result.failed()) {
      ev.violation = client_violation::bad_reply;
      end(client_failure::protocol_violation, client_violation::bad_reply);
      return ev;
    }
    ev.reply = parser_.reply();
    const reply_code code = ev.reply.code();
    if (queue_size_ == 0) {
      if (code.value() == 421) {  // RFC 5321 §3.8: the server may close at any time
        decide_remaining(reply_step::connect, ev.reply);
        end(client_failure::service_closing, client_violation::none);
        return ev;
      }
      return violate(ev, client_violation::unsolicited_reply);
    }
    const pending p = queue_[queue_head_];
    ev.step = p.step;
    ev.recipient = p.recipient;
    if (!options_.accept_any_reply_code && !allowed(p.step, code))
      return violate(ev, client_violation::unexpected_reply_code);
    pop();
    if (code.value() == 421 && p.step != reply_step::quit) {
      decide_remaining(p.step, ev.reply);
      end(client_failure::service_closing, client_violation::none);
      return ev;
    }
    on_reply(p, ev);
    if (phase_ != phase::done && p.step == reply_step::starttls && code.value() / 100 == 2 &&
        input.size() > ev.result.consumed) {
      return violate(ev, client_violation::plaintext_after_starttls);
    }
    return ev;
  }

  /// The TLS handshake succeeded: the session forgets the capabilities and sends EHLO again
  /// (RFC 3207 §4.2).
  void tls_started() noexcept {
    if (phase_ != phase::tls_handshake) return;
    tls_active_ = true;
    caps_ = server_capabilities{};
    parser_.reset();
    phase_ = phase::need_hello;
  }

  /// The TLS handshake failed: the session is over (the connection is in no state for QUIT).
  void tls_failed() noexcept {
    if (phase_ == phase::tls_handshake) end(client_failure::tls_failed, client_violation::none);
  }

  /// Answers the current 334 challenge with `raw` (the session base64-encodes it; empty sends an
  /// empty line, RFC 4954 §4). False when no challenge is waiting or the answer does not fit.
  [[nodiscard]] bool respond(std::string_view raw) noexcept {
    if (phase_ != phase::auth_challenge) return false;
    const write_result w = base64_encode(raw, out_, client_buffer_size - 2);
    if (w.failed()) return false;
    out_[w.size] = '\r';
    out_[w.size + 1] = '\n';
    out_size_ = w.size + 2;
    phase_ = phase::auth_answer;
    return true;
  }

  /// Cancels the AUTH exchange with "*" (RFC 4954 §4); the server answers 501.
  void cancel_auth() noexcept {
    if (phase_ != phase::auth_challenge) return;
    put("*\r\n");
    phase_ = phase::auth_answer;
  }

  /**
   * Starts sending `message` (the session must be `idle`). Checks it against the server's
   * capabilities first: nothing is sent when it is refused. Recipients beyond the server's
   * RCPTMAX go in further transactions of the same content.
   */
  [[nodiscard]] message_refusal start_message(const client_message& message) noexcept {
    if (phase_ != phase::idle) return message_refusal::not_idle;
    if (message.recipient_count == 0 || message.recipients == nullptr ||
        message.statuses == nullptr)
      return message_refusal::no_recipients;
    if (caps_.size && *caps_.size != 0 && message.content.size() > *caps_.size)
      return message_refusal::too_large;
    if (message.eight_bit && !caps_.eightbitmime) return message_refusal::eight_bit_not_offered;
    if (message.smtputf8 && !caps_.smtputf8) return message_refusal::smtputf8_not_offered;
    if (message.requiretls && (!tls_active_ || !caps_.requiretls))
      return message_refusal::requiretls_unavailable;
    normalize_content_ = false;
    if (detail::find_bare_line_ending(message.content) != std::string_view::npos) {
      if (options_.body.bare_line_endings == line_ending_policy::reject)
        return message_refusal::bare_line_ending;
      normalize_content_ = options_.body.bare_line_endings == line_ending_policy::normalize;
    }
    message_ = message;
    for (std::size_t i = 0; i < message.recipient_count; ++i) message.statuses[i] = {};
    batch_begin_ = 0;
    begin_batch();
    phase_ = phase::transaction;
    return message_refusal::none;
  }

  /// Ends the session politely: QUIT, then done (when idle; otherwise after the current work).
  void quit() noexcept {
    quit_requested_ = true;
    if (phase_ == phase::idle) phase_ = phase::need_quit;
  }

  /// The caller's clock ran out (see `timeout_seconds`): the session is over.
  void timed_out() noexcept {
    if (phase_ == phase::done) return;
    end(client_failure::timed_out, client_violation::none);
  }

  /// The connection closed under the session.
  void connection_closed() noexcept {
    if (phase_ == phase::done) return;
    end(quit_sent_ ? client_failure::none : client_failure::connection_closed,
        client_violation::none);
  }

  /// Seconds the caller should wait for the reply the session is reading now (RFC 5321
  /// §4.5.3.2); 0 when it waits for nothing.
  [[nodiscard]] std::uint32_t timeout_seconds() const noexcept {
    if (phase_ == phase::body) return options_.timeouts.data_block;
    if (phase_ == phase::done || queue_size_ == 0) return 0;
    switch (queue_[queue_head_].step) {
      case reply_step::connect:
        return options_.timeouts.greeting;
      case reply_step::mail:
        return options_.timeouts.mail;
      case reply_step::rcpt:
        return options_.timeouts.rcpt;
      case reply_step::data:
        return options_.timeouts.data_initiation;
      case reply_step::data_end:
      case reply_step::bdat:
        return options_.timeouts.data_termination;
      default:
        return options_.timeouts.other;
    }
  }

  [[nodiscard]] bool is_done() const noexcept { return phase_ == phase::done; }
  [[nodiscard]] client_failure failure() const noexcept { return failure_; }
  [[nodiscard]] client_violation violation() const noexcept { return violation_; }
  [[nodiscard]] bool tls_active() const noexcept { return tls_active_; }
  [[nodiscard]] bool authenticated() const noexcept { return authenticated_; }
  [[nodiscard]] const server_capabilities& capabilities() const noexcept { return caps_; }
  /// The greeting's code, or 0 before it came.
  [[nodiscard]] std::uint16_t greeting_code() const noexcept { return greeting_code_; }

 private:
  enum class phase : std::uint8_t {
    await_replies,  // commands are out; read their replies
    need_hello,
    need_starttls,
    tls_handshake,
    need_auth,
    auth_challenge,
    auth_answer,
    idle,
    transaction,
    body,
    need_quit,
    done,
  };

  // No default member initializers: the queue is not cleared when a session is made.
  struct pending {
    reply_step step;
    std::size_t recipient;
  };

  static constexpr std::size_t queue_capacity = 256;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  // ---- queue of commands waiting for replies ----
  void push(reply_step step, std::size_t recipient = npos) noexcept {
    queue_[(queue_head_ + queue_size_) % queue_capacity] = pending{step, recipient};
    ++queue_size_;
  }
  void pop() noexcept {
    queue_head_ = (queue_head_ + 1) % queue_capacity;
    --queue_size_;
  }

  [[nodiscard]] bool allowed(reply_step step, reply_code code) const noexcept {
    if (!code.is_well_formed()) return false;
    // LMTP's LHLO is answered as EHLO is (RFC 2033 §4.1); reply_table.hpp has no rows for it.
    if (step == reply_step::lhlo) step = reply_step::ehlo;
    // RFC 3030 §2: each BDAT chunk gets the replies that DATA's end of data gets.
    if (step == reply_step::bdat && may_reply(reply_step::data_end, code)) return true;
    return may_reply(step, code);
  }

  client_event& violate(client_event& ev, client_violation v) noexcept {
    ev.violation = v;
    end(client_failure::protocol_violation, v);
    return ev;
  }

  void end(client_failure f, client_violation v) noexcept {
    if (failure_ == client_failure::none) failure_ = f;
    if (violation_ == client_violation::none) violation_ = v;
    phase_ = phase::done;
  }

  // ---- writing ----
  void put(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size(); ++i) out_[i] = s[i];
    out_size_ = s.size();
  }
  client_action sent(reply_step step, std::size_t recipient = npos) noexcept {
    push(step, recipient);
    return {client_action_kind::send, {out_, out_size_}, {}};
  }

  client_action send_simple(command_verb verb, reply_step step) noexcept {
    const write_result w = write_command(out_, client_buffer_size, verb, {}, options_.command);
    out_size_ = w.ok() ? w.size : 0;
    if (verb == command_verb::quit) quit_sent_ = true;
    phase_ = phase::await_replies;
    return sent(step);
  }

  client_action send_hello() noexcept {
    const command_verb verb = options_.lmtp    ? command_verb::lhlo
                              : helo_fallback_ ? command_verb::helo
                                               : command_verb::ehlo;
    const write_result w =
        write_command(out_, client_buffer_size, verb, options_.hello_name, options_.command);
    if (w.failed()) {  // the caller's hello_name is not a domain or address literal
      end(client_failure::hello_refused, client_violation::none);
      return {client_action_kind::done, {}, {}};
    }
    out_size_ = w.size;
    phase_ = phase::await_replies;
    return sent(verb == command_verb::lhlo   ? reply_step::lhlo
                : verb == command_verb::helo ? reply_step::helo
                                             : reply_step::ehlo);
  }

  client_action send_auth() noexcept {
    char encoded[client_buffer_size / 4 * 3];
    std::size_t encoded_size = 0;
    if (options_.sasl != nullptr) {
      options_.auth_has_initial_response = options_.sasl->has_initial_response();
      options_.auth_initial_response = {};
      if (options_.auth_has_initial_response) {
        const sasl_result r = options_.sasl->initial_response(challenge_, client_challenge_size);
        if (r.failed()) {
          end(client_failure::auth_failed, client_violation::none);
          return {client_action_kind::done, {}, {}};
        }
        options_.auth_initial_response = std::string_view(challenge_, r.size);
      }
    }
    if (options_.auth_has_initial_response && !options_.auth_initial_response.empty()) {
      const write_result e = base64_encode(options_.auth_initial_response, encoded, sizeof encoded);
      if (e.failed()) {
        end(client_failure::auth_failed, client_violation::none);
        return {client_action_kind::done, {}, {}};
      }
      encoded_size = e.size;
    }
    command_options o = options_.command;
    o.max_line_length = client_buffer_size;  // RFC 4954 §4: AUTH lines may be 12288 octets
    const write_result w =
        write_auth(out_, client_buffer_size, options_.auth_mechanism,
                   std::string_view(encoded, encoded_size), options_.auth_has_initial_response, o);
    if (w.failed()) {
      end(client_failure::auth_failed, client_violation::none);
      return {client_action_kind::done, {}, {}};
    }
    out_size_ = w.size;
    phase_ = phase::await_replies;
    return sent(reply_step::auth);
  }

  // ---- after the greeting and each EHLO ----
  void after_hello() noexcept {
    if (!tls_active_ && options_.tls != tls_mode::none) {
      if (caps_.starttls) {
        phase_ = phase::need_starttls;
        return;
      }
      if (options_.tls == tls_mode::required) {
        end_with_quit(client_failure::tls_not_offered);
        return;
      }
    }
    after_tls();
  }

  void after_tls() noexcept {
    if (options_.sasl == nullptr && options_.sasl_choice_count > 0 && !authenticated_) {
      // Choose now that the offer is known (RFC 4954 §3: the EHLO reply lists the mechanisms).
      sasl_mechanism candidates[16] = {};
      const std::size_t n = options_.sasl_choice_count < 16 ? options_.sasl_choice_count : 16;
      for (std::size_t i = 0; i < n; ++i) candidates[i] = options_.sasl_choices[i]->mechanism();
      const std::optional<sasl_mechanism> chosen =
          choose_sasl_mechanism(caps_.auth_mechanisms(), candidates, n,
                                sasl_choice_options{tls_active_, options_.allow_cleartext_auth});
      if (!caps_.auth || !chosen) {
        end_with_quit(client_failure::auth_not_offered);
        return;
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (candidates[i] == *chosen) {
          options_.sasl = options_.sasl_choices[i];
          break;
        }
      }
      options_.auth_mechanism = to_string(*chosen);
    }
    if (!options_.auth_mechanism.empty() && !authenticated_) {
      if (!caps_.auth || !caps_.offers_mechanism(options_.auth_mechanism)) {
        end_with_quit(client_failure::auth_not_offered);
        return;
      }
      phase_ = phase::need_auth;
      return;
    }
    go_idle();
  }

  void go_idle() noexcept { phase_ = quit_requested_ ? phase::need_quit : phase::idle; }

  /// Records why the session cannot go on and sends QUIT (RFC 5321 §4.1.1.10: the polite end).
  void end_with_quit(client_failure f) noexcept {
    failure_ = f;
    phase_ = phase::need_quit;
  }

  void read_capabilities(const reply_view& reply) noexcept {
    caps_ = server_capabilities{};
    caps_.esmtp = true;
    const ehlo_result r = parse_ehlo(reply, options_.ehlo);
    const ehlo_capabilities& c = r.capabilities;
    caps_.pipelining = c.has(extension::pipelining);
    caps_.chunking = c.has(extension::chunking);
    caps_.starttls = c.has(extension::starttls);
    caps_.eightbitmime = c.has(extension::eightbitmime);
    caps_.smtputf8 = c.has(extension::smtputf8);
    caps_.dsn = c.has(extension::dsn);
    caps_.requiretls = c.has(extension::requiretls);
    caps_.enhancedstatuscodes = c.has(extension::enhancedstatuscodes);
    caps_.auth = c.has(extension::auth);
    caps_.size = c.size_limit();
    caps_.rcptmax = c.limits().rcptmax;
    const std::string_view mechanisms = c.parameters(extension::auth);
    const std::size_t n = mechanisms.size() < sizeof caps_.auth_mechanisms_storage
                              ? mechanisms.size()
                              : sizeof caps_.auth_mechanisms_storage;
    for (std::size_t i = 0; i < n; ++i) caps_.auth_mechanisms_storage[i] = mechanisms[i];
    caps_.auth_mechanisms_size = n;
    ehlo_ok_ = r.ok();
  }

  // ---- the reply of each command ----
  void on_reply(const pending& p, client_event& ev) noexcept {
    const reply_view& reply = ev.reply;
    const unsigned klass = reply.code().value() / 100U;
    switch (p.step) {
      case reply_step::connect:
        greeting_code_ = reply.code().value();
        if (klass == 2) {
          phase_ = phase::need_hello;
        } else {
          end_with_quit(client_failure::greeting_refused);  // RFC 5321 §3.1: 554, then QUIT
        }
        return;
      case reply_step::ehlo:
      case reply_step::lhlo:
        if (klass == 2) {
          read_capabilities(reply);
          if (!ehlo_ok_) {
            violate(ev, client_violation::bad_ehlo_reply);
            return;
          }
          after_hello();
        } else if (p.step == reply_step::ehlo &&
                   (reply.code().value() == 500 || reply.code().value() == 502)) {
          helo_fallback_ = true;  // RFC 5321 §3.2: an old server; fall back to HELO
          phase_ = phase::need_hello;
        } else {
          end_with_quit(client_failure::hello_refused);
        }
        return;
      case reply_step::helo:
        if (klass == 2) {
          caps_ = server_capabilities{};
          after_hello();
        } else {
          end_with_quit(client_failure::hello_refused);
        }
        return;
      case reply_step::starttls:
        if (klass == 2) {
          phase_ = phase::tls_handshake;
        } else if (options_.tls == tls_mode::required) {
          end_with_quit(client_failure::tls_refused);
        } else {
          after_tls();  // opportunistic: on in plaintext
        }
        return;
      case reply_step::auth:
        if (reply.code().value() == 334) {
          read_challenge(ev);
          if (phase_ == phase::auth_challenge && options_.sasl != nullptr) answer_with_stepper();
        } else if (klass == 2) {
          if (options_.sasl != nullptr && !options_.sasl->accepts_success()) {
            end_with_quit(client_failure::auth_unverified);
            return;
          }
          authenticated_ = true;
          go_idle();
        } else {
          end_with_quit(client_failure::auth_failed);
        }
        return;
      case reply_step::mail:
        if (!batch_over_) {
          mail_accepted_ = klass == 2;
          if (!mail_accepted_) {
            decide_batch(reply_step::mail, reply, false);
            batch_over_ = true;  // the RCPTs and DATA pipelined behind it are void
          }
        }
        advance();
        return;
      case reply_step::rcpt:
        if (!batch_over_ && p.recipient < message_.recipient_count) {
          recipient_status& s = message_.statuses[p.recipient];
          s.step = reply_step::rcpt;
          s.accepted = klass == 2;
          s.code = klass == 2 ? 0 : reply.code().value();  // accepted: the message decides
          s.enhanced = reply.enhanced();
          if (s.accepted) ++accepted_;
        }
        advance();
        return;
      case reply_step::data:
        if (reply.code().value() == 354) {
          encoder_.reset();
          body_at_ = 0;
          // RFC 2920 §3.1: DATA accepted with no recipient (or after a refused MAIL): a lone
          // dot ends it at once.
          body_dot_only_ = batch_over_ || accepted_ == 0;
          phase_ = phase::body;
          return;
        }
        if (!batch_over_) {
          decide_batch(reply_step::data, reply, true);
          batch_over_ = true;
          need_rset_ = true;  // the server may still hold the MAIL and RCPTs
        }
        advance();
        return;
      case reply_step::data_end:
      case reply_step::bdat:
        if (klass == 2) ev.queue_id = find_queue_id(reply);
        on_message_reply(p, ev);
        advance();
        return;
      case reply_step::rset:
        advance();
        return;
      case reply_step::quit:
        end(failure_, client_violation::none);
        return;
      default:
        return;
    }
  }

  void read_challenge(client_event& ev) noexcept {
    // The 334 text is the base64 challenge (RFC 4954 §4): the first line's text after "334 ".
    std::string_view text;
    for (const reply_line& line : ev.reply) {
      text = line.text;
      break;
    }
    const write_result d = base64_decode(text, challenge_, client_challenge_size);
    if (d.failed()) {
      violate(ev, client_violation::bad_auth_challenge);
      return;
    }
    challenge_size_ = d.size;
    phase_ = phase::auth_challenge;
  }

  /// The stepper's answer to the challenge just read, or "*" when it cannot answer.
  void answer_with_stepper() noexcept {
    char raw[client_buffer_size / 4 * 3 - 8];
    const sasl_result r = options_.sasl->respond(challenge(), raw, sizeof raw);
    if (r.failed() || !respond(std::string_view(raw, r.size))) cancel_auth();
  }

  [[nodiscard]] std::string_view challenge() const noexcept {
    return {challenge_, challenge_size_};
  }

  // ---- transactions ----
  [[nodiscard]] bool pipelining() const noexcept {
    return options_.use_pipelining && caps_.pipelining;
  }
  [[nodiscard]] bool chunking() const noexcept {
    // BDAT sends the content as it is; content to normalize goes through DATA's encoder.
    return options_.use_chunking && caps_.chunking && caps_.esmtp && !normalize_content_;
  }

  void begin_batch() noexcept {
    std::size_t n = message_.recipient_count - batch_begin_;
    if (caps_.rcptmax && *caps_.rcptmax > 0 && n > *caps_.rcptmax)
      n = static_cast<std::size_t>(*caps_.rcptmax);
    batch_end_ = batch_begin_ + n;
    next_rcpt_ = batch_begin_;
    mail_sent_ = false;
    data_sent_ = false;
    mail_accepted_ = false;
    batch_over_ = false;
    accepted_ = 0;
    lmtp_expected_ = 0;
    body_dot_only_ = false;
  }

  /// During a transaction: the next command, or `receive` while replies must come first.
  client_action next_in_transaction() noexcept {
    if (batch_over_) {
      if (queue_size_ != 0) return {client_action_kind::receive, {}, {}};
      finish_batch();
      return next();
    }
    const bool may_send = pipelining() ? queue_size_ < options_.pipeline_window : queue_size_ == 0;
    if (!may_send) return {client_action_kind::receive, {}, {}};
    if (need_rset_) {
      need_rset_ = false;
      const write_result w =
          write_command(out_, client_buffer_size, command_verb::rset, {}, options_.command);
      out_size_ = w.ok() ? w.size : 0;
      return sent(reply_step::rset);
    }
    if (!mail_sent_) {
      mail_sent_ = true;
      mail_accepted_ = true;  // until its reply says otherwise
      return write_mail();
    }
    if (next_rcpt_ < batch_end_) return write_rcpt(next_rcpt_++);
    if (!data_sent_) {
      if (!pipelining() && accepted_ == 0) {
        // Every RCPT refused: no DATA; RSET closes the transaction the MAIL opened.
        need_rset_ = true;
        batch_over_ = true;
        return next_in_transaction();
      }
      data_sent_ = true;
      if (chunking()) return write_bdat_header();
      const write_result w =
          write_command(out_, client_buffer_size, command_verb::data, {}, options_.command);
      out_size_ = w.ok() ? w.size : 0;
      return sent(reply_step::data);
    }
    return {client_action_kind::receive, {}, {}};
  }

  /// After a reply inside a transaction: back to sending (or to waiting) unless the body is
  /// being sent.
  void advance() noexcept {
    if (phase_ == phase::done || phase_ == phase::need_quit) return;
    if (phase_ == phase::body) return;
    phase_ = phase::transaction;
  }

  client_action write_mail() noexcept {
    esmtp_param_to_write params[6];
    std::size_t n = 0;
    char size_text[max_uint64_digits] = {};
    if (caps_.size) {
      // RFC 1870 §6: SIZE= the message's size in octets (its encoded form differs a little).
      const std::size_t len = detail::format_uint(size_text, message_.content.size());
      params[n++] = {"SIZE", std::string_view(size_text, len), true, false};
    }
    if (message_.eight_bit) params[n++] = {"BODY", "8BITMIME", true, false};
    if (message_.smtputf8) params[n++] = {"SMTPUTF8", {}, false, false};
    if (message_.requiretls) params[n++] = {"REQUIRETLS", {}, false, false};
    if (caps_.dsn && message_.ret != dsn_return::none)
      params[n++] = {"RET", message_.ret == dsn_return::full ? "FULL" : "HDRS", true, false};
    if (caps_.dsn && !message_.envid.empty()) params[n++] = {"ENVID", message_.envid, true, true};
    const write_result w = write_path_command(out_, client_buffer_size, command_verb::mail,
                                              message_.reverse_path, params, n, options_.command);
    if (w.failed()) {
      // The caller's address or parameters cannot be written: the batch fails here.
      mail_accepted_ = false;
      decide_local(reply_step::mail);
      batch_over_ = true;
      return next_in_transaction();
    }
    out_size_ = w.size;
    return sent(reply_step::mail);
  }

  client_action write_rcpt(std::size_t i) noexcept {
    esmtp_param_to_write params[2];
    std::size_t n = 0;
    if (caps_.dsn && !message_.notify.empty())
      params[n++] = {"NOTIFY", message_.notify, true, false};
    constexpr std::string_view rfc822 = "rfc822;";  // RFC 3461 §4.2: addr-type ";" xtext
    char orcpt[rfc822.size() + path_limit];         // filled only when ORCPT is sent
    bool writable = true;
    if (caps_.dsn && message_.original_recipients != nullptr &&
        !message_.original_recipients[i].empty()) {
      const std::string_view original = message_.original_recipients[i];
      writable = original.size() <= path_limit;
      for (std::size_t k = 0; writable && k < original.size(); ++k)
        writable = original[k] >= ' ' && original[k] <= '~';
      if (writable) {
        for (std::size_t k = 0; k < rfc822.size(); ++k) orcpt[k] = rfc822[k];
        for (std::size_t k = 0; k < original.size(); ++k) orcpt[rfc822.size() + k] = original[k];
        // xtext-encoded whole: "rfc822;" holds no octet that xtext changes (RFC 3461 §4).
        params[n++] = {"ORCPT", std::string_view(orcpt, rfc822.size() + original.size()), true,
                       true};
      }
    }
    command_options o = options_.command;
    o.smtputf8 = o.smtputf8 || message_.smtputf8;
    const write_result w = writable
                               ? write_path_command(out_, client_buffer_size, command_verb::rcpt,
                                                    message_.recipients[i], params, n, o)
                               : write_result{errc::bad_esmtp_parameter, 0, 0, 1 + n};
    if (w.failed()) {
      // Not a writable address: refused here, never sent (the writer would not inject it).
      recipient_status& s = message_.statuses[i];
      s.step = reply_step::rcpt;
      s.not_sent = true;
      return next_in_transaction();
    }
    out_size_ = w.size;
    return sent(reply_step::rcpt, i);
  }

  client_action write_bdat_header() noexcept {
    // One chunk with the whole message (RFC 3030 §2); its octets are sent as they are.
    const write_result w =
        write_bdat(out_, client_buffer_size, message_.content.size(), true, options_.command);
    out_size_ = w.ok() ? w.size : 0;
    bdat_body_pending_ = true;
    phase_ = phase::body;
    return sent(reply_step::bdat);
  }

  client_action next_body_chunk() noexcept {
    if (bdat_body_pending_) {  // BDAT: the content itself, no stuffing
      bdat_body_pending_ = false;
      phase_ = phase::transaction;
      if (message_.content.empty()) return next();
      return {client_action_kind::send, message_.content, {}};
    }
    if (body_dot_only_) {
      body_dot_only_ = false;
      phase_ = phase::transaction;
      put(".\r\n");
      return sent(reply_step::data_end);
    }
    const std::string_view content = message_.content;
    if (body_at_ < content.size()) {
      std::size_t take = (client_buffer_size - 2) / 2;
      if (take > content.size() - body_at_) take = content.size() - body_at_;
      const codec_result r =
          encoder_.encode(content.substr(body_at_, take), out_, client_buffer_size);
      if (r.failed()) {
        // The content breaks the line-ending policy: the server is inside DATA, and closing is
        // the only way out that delivers no partial message.
        decide_local(reply_step::data_end);
        end(client_failure::bad_content, client_violation::none);
        return {client_action_kind::done, {}, {}};
      }
      body_at_ += take;
      return {client_action_kind::send, {out_, r.produced}, {}};
    }
    const codec_result r = encoder_.finish(out_, client_buffer_size);
    phase_ = phase::transaction;
    out_size_ = r.ok() ? r.produced : 0;
    return sent(reply_step::data_end);
  }

  void on_message_reply(const pending& p, client_event& ev) noexcept {
    const reply_view& reply = ev.reply;
    if (batch_over_ || accepted_ == 0) {
      // The reply to a lone dot, or to a BDAT with nobody to deliver to (RFC 2033 §4.2: then a
      // single reply): the transaction ends; nobody's verdict changes.
      if (!batch_over_) need_rset_ = reply.code().value() / 100 != 2;
      batch_over_ = true;
      return;
    }
    if (!options_.lmtp) {
      decide_batch(p.step, reply, true);
      batch_over_ = true;
      return;
    }
    // LMTP (RFC 2033 §4.2): one reply per accepted recipient, in RCPT order.
    if (lmtp_expected_ == 0) {
      lmtp_expected_ = accepted_;
      lmtp_next_ = batch_begin_;
    }
    while (lmtp_next_ < batch_end_ && !message_.statuses[lmtp_next_].accepted) ++lmtp_next_;
    if (lmtp_next_ < batch_end_) {
      ev.recipient = lmtp_next_;
      recipient_status& s = message_.statuses[lmtp_next_++];
      s.step = p.step;
      s.code = reply.code().value();
      s.enhanced = reply.enhanced();
    }
    if (--lmtp_expected_ > 0) {
      push(p.step);  // the next accepted recipient's reply follows (nothing is queued behind)
      return;
    }
    batch_over_ = true;
  }

  /// Gives every recipient of the batch that the reply concerns its verdict: all of them (MAIL
  /// refused) or the accepted ones.
  void decide_batch(reply_step step, const reply_view& reply, bool accepted_only) noexcept {
    for (std::size_t i = batch_begin_; i < batch_end_; ++i) {
      recipient_status& s = message_.statuses[i];
      if (accepted_only ? !s.accepted : s.code != 0) continue;
      s.step = step;
      s.code = reply.code().value();
      s.enhanced = reply.enhanced();
    }
  }

  /// A batch that fails before anything is sent: its recipients stay undecided (code 0) with
  /// `step` saying where it stopped.
  void decide_local(reply_step step) noexcept {
    for (std::size_t i = batch_begin_; i < batch_end_; ++i) {
      if (message_.statuses[i].code == 0) message_.statuses[i].step = step;
    }
  }

  /// 421: every undecided recipient of the message gets the reply.
  void decide_remaining(reply_step step, const reply_view& reply) noexcept {
    if (message_.statuses == nullptr) return;
    for (std::size_t i = batch_begin_; i < message_.recipient_count; ++i) {
      recipient_status& s = message_.statuses[i];
      if (s.code != 0 || s.not_sent) continue;
      s.step = step;
      s.code = reply.code().value();
      s.enhanced = reply.enhanced();
    }
  }

  /// The batch is over and its replies are all in: the next batch, or the message is done.
  void finish_batch() noexcept {
    batch_begin_ = batch_end_;
    if (batch_begin_ < message_.recipient_count) {
      begin_batch();
      phase_ = phase::transaction;
      return;
    }
    message_ = client_message{};
    batch_begin_ = batch_end_ = 0;
    go_idle();
  }

  client_options options_;
  reply_parser parser_;
  dot_encoder encoder_;
  server_capabilities caps_{};
  client_message message_{};
  pending queue_[queue_capacity];
  std::size_t queue_head_ = 0;
  std::size_t queue_size_ = 0;
  phase phase_ = phase::await_replies;
  client_failure failure_ = client_failure::none;
  client_violation violation_ = client_violation::none;
  std::uint16_t greeting_code_ = 0;
  bool tls_active_ = false;
  bool authenticated_ = false;
  bool helo_fallback_ = false;
  bool ehlo_ok_ = false;
  bool quit_requested_ = false;
  bool quit_sent_ = false;
  bool need_rset_ = false;
  // the current batch of recipients
  std::size_t batch_begin_ = 0;
  std::size_t batch_end_ = 0;
  std::size_t next_rcpt_ = 0;
  std::size_t accepted_ = 0;
  std::size_t lmtp_expected_ = 0;
  std::size_t lmtp_next_ = 0;
  std::size_t body_at_ = 0;
  bool mail_sent_ = false;
  bool data_sent_ = false;
  bool mail_accepted_ = false;
  bool batch_over_ = false;
  bool bdat_body_pending_ = false;
  bool normalize_content_ = false;
  bool body_dot_only_ = false;
  std::size_t challenge_size_ = 0;
  std::size_t out_size_ = 0;
  char challenge_[client_challenge_size];
  char out_[client_buffer_size];
};

}  // namespace smtpcodes

#endif  // SMTPCODES_CLIENT_SESSION_HPP
