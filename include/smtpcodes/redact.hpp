/**
 * @file redact.hpp
 * @brief Redaction of the client side of an SMTP session (the command stream), one line at a
 *        time, so that logs and tools never show credentials: AUTH initial responses and the
 *        lines that answer 334 challenges (RFC 4954 §4) are masked.
 *
 * Sessions layer: includes command.hpp (for the verbs), reply_code.hpp, result.hpp and
 * error.hpp. Never allocates, never throws; everything is constexpr.
 *
 * What is masked, and with what:
 * - The mask is always `redaction_mask` ("***"), whatever the length of the secret (a length
 *   says something about a password, so it is not kept).
 * - `AUTH PLAIN AGFsaWNlAHNlY3JldA==` becomes `AUTH PLAIN ***`: the verb and the mechanism stay,
 *   the initial response goes. An empty initial response, "=" (RFC 4954 §4), stays as it is: it
 *   reveals nothing and says the client chose to send one.
 * - A line that answers a 334 is masked whole, except three lines that carry no secret and help
 *   whoever reads the log: the empty line (an empty response, e.g. after XOAUTH2's error
 *   challenge), "=" and "*" (the client cancels the exchange, RFC 4954 §4; "*" is not base64,
 *   so it can never be a credential).
 *
 * How the redactor knows which lines answer a challenge:
 * - With the server's replies: call `on_reply(code)` for each reply as it arrives, in order with
 *   the client's lines. Each 334 makes the next client line a SASL response, whatever it looks
 *   like (a 334 is only ever an AUTH challenge, so this holds even if the AUTH line was missed).
 *   235, 4yz and 5yz end the exchange; other codes leave it as it is.
 * - Without them (a capture of the client side only), the rule is conservative: after an AUTH
 *   command, each following line is masked while it looks like a SASL response (base64's
 *   alphabet and "=", or "*", or empty), or while it is anything else that does not start with a
 *   known command verb (credentials typed by hand, in telnet, are sent raw). The first line that
 *   starts with a known verb and is not base64-shaped ends the exchange and is shown. RFC 4954 §4
 *   makes the client wait for each 334, so no command is pipelined into the exchange; a short
 *   command that happens to be base64 ("QUIT", "RSET", "NOOP", "DATA") right after AUTH is
 *   masked too. That is the accepted cost: masking a QUIT is harmless, showing a password is not.
 *   The same rule covers client lines that come while replies are known but none is owed (a
 *   client that pipelines into the exchange, or replies reported late).
 * Limits: a capture without the AUTH line (and without replies) is not redacted at all; a
 * password typed by hand that starts with a command verb and a space ("MAIL x") ends the
 * exchange and is shown; mechanisms that authenticate with a command other than AUTH (such as
 * Microsoft's X-EXPS) are covered only through their 334 challenges, when replies are given.
 */
#ifndef SMTPCODES_REDACT_HPP
#define SMTPCODES_REDACT_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "command.hpp"
#include "command_verb.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/// What replaces a secret, in every masked line.
inline constexpr std::string_view redaction_mask = "***";

/// The most octets `client_redactor::redact` writes for a line of `n` octets: a masked line is
/// a prefix of the line followed by the mask (a short secret can be shorter than the mask).
[[nodiscard]] constexpr std::size_t redacted_size_max(std::size_t n) noexcept {
  return n > static_cast<std::size_t>(-1) - redaction_mask.size() ? static_cast<std::size_t>(-1)
                                                                  : n + redaction_mask.size();
}

/// What the redactor took a client line for.
enum class redacted_kind : std::uint8_t {
  command,        ///< An ordinary command (or other text): shown as sent.
  auth,           ///< An AUTH command: verb and mechanism shown, an initial response masked.
  sasl_response,  ///< A line answering a 334, known or presumed: masked unless "", "=" or "*".
};

/// The name of the kind: "command", "auth", "sasl_response".
[[nodiscard]] constexpr std::string_view to_string(redacted_kind k) noexcept {
  switch (k) {
    case redacted_kind::command:
      return "command";
    case redacted_kind::auth:
      return "auth";
    case redacted_kind::sasl_response:
      return "sasl_response";
  }
  return "unknown";
}

/**
 * Result of `client_redactor::redact`. On success, `text` is the line to show: the line itself
 * (same data pointer) when `masked` is false, else the caller's buffer holding the line's
 * prefix and `redaction_mask`. On error, `text` is empty and nothing of the line may be shown:
 * `error` is `output_too_small` (`size`: the capacity that would do; the redactor's state has
 * not moved, so the same line may be given again with a larger buffer), or `bare_cr` /
 * `bare_lf` (`offset`: the octet in the line) when the line holds a line break, which is sticky
 * until `reset()`.
 */
struct [[nodiscard]] redact_result {
  std::string_view text;
  errc error{};
  std::size_t offset = 0;
  std::size_t size = 0;
  redacted_kind kind = redacted_kind::command;
  bool masked = false;

  [[nodiscard]] constexpr bool ok() const noexcept { return error == errc{}; }
  [[nodiscard]] constexpr bool failed() const noexcept { return error != errc{}; }
};

namespace detail {

constexpr bool is_redact_space(char c) noexcept {
  return c == ' ' || c == '\t';
}

/// The first SP or HT at or after `i`, or the end of `s`.
constexpr std::size_t redact_word_end(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && !is_redact_space(s[i])) ++i;
  return i;
}

/// The first octet at or after `i` that is neither SP nor HT, or the end of `s`.
constexpr std::size_t redact_skip_space(std::string_view s, std::size_t i) noexcept {
  while (i < s.size() && is_redact_space(s[i])) ++i;
  return i;
}

/// Lines that answer a challenge but say nothing: an empty response, "=" and the cancel "*".
constexpr bool reveals_nothing(std::string_view line) noexcept {
  return line.empty() || line == "=" || line == "*";
}

/// Shaped like a SASL response: empty, "*", or octets of base64's alphabet and "=" (RFC 4648
/// §4). Length and padding are not checked: a malformed response still carries a secret.
constexpr bool looks_like_sasl_response(std::string_view line) noexcept {
  if (line == "*") return true;
  for (const char c : line) {
    if (!(is_alnum_ascii(c) || c == '+' || c == '/' || c == '=')) return false;
  }
  return true;
}

/// A mechanism name as RFC 4422 §3.1 writes them (1 to 20 of upper-case letters, digits, "-",
/// "_"), or a well-known one in any case ("plain"). Anything else may be a secret sent in its
/// place (a client that left the mechanism out), so it is masked with the rest.
constexpr bool is_safe_mechanism(std::string_view m) noexcept {
  if (m.empty() || m.size() > sasl_mechanism_limit) return false;
  bool lower = false;
  for (const char c : m) {
    if (c >= 'a' && c <= 'z') {
      lower = true;
    } else if (!(is_alnum_ascii(c) || c == '-' || c == '_')) {
      return false;
    }
  }
  if (!lower) return true;
  constexpr std::string_view known[] = {
      "PLAIN",       "LOGIN",       "CRAM-MD5",      "DIGEST-MD5",         "XOAUTH2",
      "OAUTHBEARER", "SCRAM-SHA-1", "SCRAM-SHA-256", "SCRAM-SHA-1-PLUS",   "NTLM",
      "GSSAPI",      "EXTERNAL",    "ANONYMOUS",     "SCRAM-SHA-256-PLUS", "GS2-KRB5"};
  for (const std::string_view k : known) {
    if (iequals(m, k)) return true;
  }
  return false;
}

/// Whether the line starts with a known verb, then SP or the end of the line.
constexpr bool starts_with_command_verb(std::string_view line) noexcept {
  const std::size_t sp = line.find(' ');
  return lookup_verb(line.substr(0, sp)) != command_verb::unknown;
}

}  // namespace detail

/**
 * Redacts the client side of one SMTP session, line by line (see the file comment for what is
 * masked and how the exchange is followed). Give it every client line in order, each without
 * its CRLF (as `line_reader` delivers them), and, if the server's replies are known, each
 * reply's code through `on_reply` at the moment it arrives. The state is two small counters:
 * copying the redactor copies the session's place.
 */
class client_redactor {
 public:
  constexpr client_redactor() noexcept = default;

  /**
   * Redacts one client line. `line`: one line without its ending. `out`, `capacity`: where a
   * masked line is written; they are not touched when nothing is masked (they may then be
   * null and 0), and `redacted_size_max(line.size())` always does. Result: see
   * `redact_result`. The view `text` points into `line` or into `out`; it lives as long as the
   * one it points into is left unchanged.
   */
  constexpr redact_result redact(std::string_view line, char* out, std::size_t capacity) noexcept {
    if (error_ != errc{}) return fail(error_, error_offset_);
    // A line break inside the line means the caller's framing and the client's differ: the
    // redactor no longer knows which line answers what, so it stops (sticky).
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\r' || line[i] == '\n') {
        error_ = line[i] == '\r' ? errc::bare_cr : errc::bare_lf;
        error_offset_ = i;
        return fail(error_, i);
      }
    }
    const plan p = decide(line);
    if (!p.mask) {
      commit(p);
      redact_result r;
      r.text = line;
      r.kind = p.kind;
      return r;
    }
    // A masked line keeps fewer octets than it has; were it ever not so, all would be masked.
    // (Saying so also bounds `keep` for the compiler's overflow checks.)
    const std::size_t keep = p.keep < line.size() ? p.keep : 0;
    const std::size_t need = keep + redaction_mask.size();
    if (need > capacity || out == nullptr) {
      redact_result r;
      r.error = errc::output_too_small;
      r.size = need;
      r.kind = p.kind;
      return r;
    }
    std::size_t o = 0;
    for (; o < keep; ++o) out[o] = line[o];
    for (const char c : redaction_mask) out[o++] = c;
    commit(p);
    redact_result r;
    r.text = std::string_view(out, need);
    r.kind = p.kind;
    r.masked = true;
    return r;
  }

  /**
   * Tells the redactor the server sent a reply with `code` (once per reply, not per line of a
   * multi-line reply; a call per line only masks more). 334 makes the next client line a SASL
   * response (RFC 4954 §4); 235 (success), 4yz and 5yz end the AUTH exchange (§4, §6); other
   * codes change nothing, so a reply that belongs to an earlier command never ends an exchange.
   */
  constexpr void on_reply(reply_code code) noexcept {
    if (code.value() == codes::auth_challenge.value()) {
      if (owed_ < max_owed) ++owed_;  // saturates: a flood of 334s cannot wrap it to zero
      exchange_ = true;
      return;
    }
    if (code.value() == codes::authentication_succeeded.value() ||
        (code.is_well_formed() && code.is_negative())) {
      owed_ = 0;
      exchange_ = false;
    }
  }

  /// Inside an AUTH exchange, known from the replies or presumed from the client's lines.
  [[nodiscard]] constexpr bool in_exchange() const noexcept { return exchange_ || owed_ != 0; }

  /// 334 challenges reported by `on_reply` that no client line has answered yet.
  [[nodiscard]] constexpr std::size_t challenges_pending() const noexcept { return owed_; }

  /// Back to the start of a session: no exchange, no pending challenge, no error.
  constexpr void reset() noexcept {
    owed_ = 0;
    exchange_ = false;
    error_ = errc{};
    error_offset_ = 0;
  }

 private:
  static constexpr std::uint8_t max_owed = 255;

  struct plan {
    redacted_kind kind = redacted_kind::command;
    bool mask = false;  // the line is shown as its first `keep` octets and the mask
    std::size_t keep = 0;
    std::uint8_t owed = 0;
    bool exchange = false;
  };

  static constexpr redact_result fail(errc e, std::size_t offset) noexcept {
    redact_result r;
    r.error = e;
    r.offset = offset;
    return r;
  }

  constexpr void commit(const plan& p) noexcept {
    owed_ = p.owed;
    exchange_ = p.exchange;
  }

  /// What to do with `line` and the state after it, without changing the state (so that an
  /// `output_too_small` leaves the redactor where it was).
  constexpr plan decide(std::string_view line) const noexcept {
    plan p;
    p.owed = owed_;
    p.exchange = exchange_;
    auto response = [&p, line]() {
      p.kind = redacted_kind::sasl_response;
      if (line == "*") {  // the client cancels: the exchange is over (RFC 4954 §4)
        p.owed = 0;
        p.exchange = false;
      } else if (!detail::reveals_nothing(line)) {
        p.mask = true;
        p.keep = 0;
      }
      return p;
    };
    if (owed_ != 0) {  // the server's 334 asked for this line: a response, whatever it holds
      --p.owed;
      p.exchange = true;
      return response();
    }
    if (exchange_) {  // presumed: replies are not known, or none is owed
      if (detail::looks_like_sasl_response(line) || !detail::starts_with_command_verb(line))
        return response();
      p.exchange = false;  // a command: the exchange is over; the line is read as one below
    }
    // "AUTH" SP mechanism [SP initial-response] (RFC 4954 §4). Leading blanks, HT for SP and
    // repeated blanks are not in the grammar but are read the same way, so that no spelling of
    // the command keeps its response in view.
    const std::size_t verb_at = detail::redact_skip_space(line, 0);
    const std::size_t verb_end = detail::redact_word_end(line, verb_at);
    if (!detail::iequals(line.substr(verb_at, verb_end - verb_at), "AUTH")) return p;
    p.kind = redacted_kind::auth;
    p.exchange = true;
    const std::size_t mech_at = detail::redact_skip_space(line, verb_end);
    if (mech_at == line.size()) return p;
    const std::size_t mech_end = detail::redact_word_end(line, mech_at);
    if (!detail::is_safe_mechanism(line.substr(mech_at, mech_end - mech_at))) {
      p.mask = true;
      p.keep = mech_at;
      return p;
    }
    const std::size_t response_at = detail::redact_skip_space(line, mech_end);
    if (response_at == line.size() || line.substr(response_at) == "=") return p;
    p.mask = true;
    p.keep = response_at;
    return p;
  }

  std::uint8_t owed_ = 0;  // 334s not yet answered
  bool exchange_ = false;  // inside an AUTH exchange
  errc error_{};
  std::size_t error_offset_ = 0;
};

}  // namespace smtpcodes

#endif  // SMTPCODES_REDACT_HPP
