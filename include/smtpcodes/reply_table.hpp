/**
 * @file reply_table.hpp
 * @brief Which reply codes each command may get: the command → reply sequences of RFC 5321
 *        §4.3.2 and of the extensions (STARTTLS RFC 3207 §4, AUTH RFC 4954 §4/§6, BDAT
 *        RFC 3030 §2, ETRN RFC 1985 §5, ATRN RFC 2645, CHECKPOINT RFC 1845, experimental) as
 * constexpr data, with the connection greeting and the reply after DATA's terminator as steps of
 * their own.
 *
 * Two tables: `replies_for(step)` gives the codes named for one step; `general_replies()` gives
 * the codes any command may get (421, 500, 501, 502, ...; each with the commands it never
 * answers). `may_reply(step, code)` consults both. Knowledge layer: includes command_verb.hpp,
 * reply_code.hpp and detail/table.hpp, and none of the text tables. Everything here is
 * constexpr, never allocates and never throws.
 */
#ifndef SMTPCODES_REPLY_TABLE_HPP
#define SMTPCODES_REPLY_TABLE_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>  // std::size too (C++17 [iterator.range]): no <iterator>

#include "command_verb.hpp"
#include "config.hpp"
#include "detail/table.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/**
 * A point of the session where the server sends a reply: a command, or one of two steps that
 * are not command lines — the greeting when the connection opens (RFC 5321 §3.1, §4.3.2
 * "CONNECTION ESTABLISHMENT") and the final reply after the DATA terminator (§4.3.2, "DATA":
 * 354 is the intermediate reply to the command, then data, then this one).
 */
enum class reply_step : std::uint8_t {
  connect,   ///< The greeting, before any command ("CONNECT").
  helo,      ///< RFC 5321 §4.3.2 "EHLO or HELO"
  ehlo,      ///< RFC 5321 §4.3.2 "EHLO or HELO"
  lhlo,      ///< RFC 2033 (LMTP); no rows of its own here
  mail,      ///< RFC 5321 §4.3.2
  rcpt,      ///< RFC 5321 §4.3.2
  data,      ///< The DATA command line itself: 354 or a refusal (RFC 5321 §4.3.2)
  data_end,  ///< The reply after <CRLF>.<CRLF> (RFC 5321 §4.3.2)
  bdat,      ///< RFC 3030 §2; each chunk gets a reply, the LAST one the message's verdict
  rset,      ///< RFC 5321 §4.3.2
  vrfy,      ///< RFC 5321 §4.3.2
  expn,      ///< RFC 5321 §4.3.2
  help,      ///< RFC 5321 §4.3.2
  noop,      ///< RFC 5321 §4.3.2
  quit,      ///< RFC 5321 §4.3.2
  starttls,  ///< RFC 3207 §4
  auth,      ///< RFC 4954 §4, §6 (the AUTH command and its exchange lines)
  etrn,      ///< RFC 1985 §5
  atrn,      ///< RFC 2645
  burl,      ///< RFC 4468; no rows of its own here
};

/// How many `reply_step` values there are.
inline constexpr std::size_t reply_step_count = 20;

/// "connection greeting", "end of DATA", or the verb ("MAIL").
[[nodiscard]] constexpr std::string_view to_string(reply_step s) noexcept {
  constexpr std::string_view names[reply_step_count] = {"connection greeting",
                                                        "HELO",
                                                        "EHLO",
                                                        "LHLO",
                                                        "MAIL",
                                                        "RCPT",
                                                        "DATA",
                                                        "end of DATA",
                                                        "BDAT",
                                                        "RSET",
                                                        "VRFY",
                                                        "EXPN",
                                                        "HELP",
                                                        "NOOP",
                                                        "QUIT",
                                                        "STARTTLS",
                                                        "AUTH",
                                                        "ETRN",
                                                        "ATRN",
                                                        "BURL"};
  return names[static_cast<std::size_t>(s)];
}

/// The step a command verb starts. `command_verb::unknown` has no step of its own and gives
/// `connect`; callers check the verb first (the overloads below do).
[[nodiscard]] constexpr reply_step step_of(command_verb v) noexcept {
  switch (v) {
    case command_verb::helo:
      return reply_step::helo;
    case command_verb::ehlo:
      return reply_step::ehlo;
    case command_verb::lhlo:
      return reply_step::lhlo;
    case command_verb::mail:
      return reply_step::mail;
    case command_verb::rcpt:
      return reply_step::rcpt;
    case command_verb::data:
      return reply_step::data;
    case command_verb::bdat:
      return reply_step::bdat;
    case command_verb::rset:
      return reply_step::rset;
    case command_verb::vrfy:
      return reply_step::vrfy;
    case command_verb::expn:
      return reply_step::expn;
    case command_verb::help:
      return reply_step::help;
    case command_verb::noop:
      return reply_step::noop;
    case command_verb::quit:
      return reply_step::quit;
    case command_verb::starttls:
      return reply_step::starttls;
    case command_verb::auth:
      return reply_step::auth;
    case command_verb::etrn:
      return reply_step::etrn;
    case command_verb::atrn:
      return reply_step::atrn;
    case command_verb::burl:
      return reply_step::burl;
    case command_verb::unknown:
      break;
  }
  return reply_step::connect;
}

/// True for the steps that answer a command line (all but `connect` and `data_end`).
[[nodiscard]] constexpr bool is_command(reply_step s) noexcept {
  return s != reply_step::connect && s != reply_step::data_end;
}

/// One code named for one step. Its class says whether the RFCs list it as success (2yz),
/// intermediate (3yz) or error (4yz, 5yz).
struct reply_rule {
  reply_step step;
  std::uint16_t code;
  std::string_view rfc;  ///< Where the sequence names it.

  [[nodiscard]] constexpr reply_code as_code() const noexcept { return reply_code(code); }
};

/// A code any command may get, except the commands in `except` (bit `1 << step`).
struct general_reply_rule {
  std::uint16_t code;
  std::uint32_t except;
  std::string_view rfc;

  [[nodiscard]] constexpr reply_code as_code() const noexcept { return reply_code(code); }
  /// True when this code may answer `s`: a command step not in `except`.
  [[nodiscard]] constexpr bool applies_to(reply_step s) const noexcept {
    return is_command(s) && (except & (std::uint32_t{1} << static_cast<unsigned>(s))) == 0;
  }
};

namespace detail {

using std::string_view_literals::operator""sv;

[[nodiscard]] constexpr std::uint32_t step_bit(reply_step s) noexcept {
  return std::uint32_t{1} << static_cast<unsigned>(s);
}

// clang-format off
/// Sorted by (step, code). RFC 5321 §4.3.2 unless the row says otherwise; the §4.3.2 rows keep
/// the codes exactly as listed there (S: and I: rows as success/intermediate, E: as errors).
inline constexpr reply_rule reply_rule_table[] = {
    // CONNECTION ESTABLISHMENT: S: 220 E: 554 (§4.3.2); 421 may come before any command
    // (§3.8: asynchronously from command receipt); 521 as the greeting (RFC 7504 §3).
    {reply_step::connect, 220, "RFC 5321 §4.3.2, §3.1"sv},
    {reply_step::connect, 421, "RFC 5321 §3.8"sv},
    {reply_step::connect, 521, "RFC 7504 §3"sv},
    {reply_step::connect, 554, "RFC 5321 §4.3.2, §3.1"sv},
    // EHLO or HELO: S: 250 E: 504, 550, 502.
    {reply_step::helo, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::helo, 502, "RFC 5321 §4.3.2"sv},
    {reply_step::helo, 504, "RFC 5321 §4.3.2"sv},
    {reply_step::helo, 550, "RFC 5321 §4.3.2"sv},
    {reply_step::ehlo, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::ehlo, 502, "RFC 5321 §4.3.2"sv},
    {reply_step::ehlo, 504, "RFC 5321 §4.3.2"sv},
    {reply_step::ehlo, 550, "RFC 5321 §4.3.2"sv},
    // MAIL: S: 250 E: 552, 451, 452, 550, 553, 503, 455, 555 (no 450); 355 with the transaction
    // offset when a CHECKPOINT transaction is resumed by the same MAIL (RFC 1845, experimental).
    {reply_step::mail, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::mail, 355, "RFC 1845 (restart)"sv},
    {reply_step::mail, 451, "RFC 5321 §4.3.2"sv},
    {reply_step::mail, 452, "RFC 5321 §4.3.2; RFC 1870 §6"sv},
    {reply_step::mail, 455, "RFC 5321 §4.3.2"sv},
    {reply_step::mail, 503, "RFC 5321 §4.3.2"sv},
    {reply_step::mail, 550, "RFC 5321 §4.3.2"sv},
    {reply_step::mail, 552, "RFC 5321 §4.3.2; RFC 1870 §6"sv},
    {reply_step::mail, 553, "RFC 5321 §4.3.2"sv},
    {reply_step::mail, 555, "RFC 5321 §4.3.2"sv},
    // RCPT: S: 250, 251 E: 550, 551, 552, 553, 450, 451, 452, 503, 455, 555; 556 for a
    // recipient domain that accepts no mail (RFC 7504 §4, RFC 7505 §4).
    {reply_step::rcpt, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 251, "RFC 5321 §4.3.2, §3.4"sv},
    {reply_step::rcpt, 450, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 451, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 452, "RFC 5321 §4.3.2, §4.5.3.1.10"sv},
    {reply_step::rcpt, 455, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 503, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 550, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 551, "RFC 5321 §4.3.2, §3.4"sv},
    {reply_step::rcpt, 552, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 553, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 555, "RFC 5321 §4.3.2"sv},
    {reply_step::rcpt, 556, "RFC 7504 §4; RFC 7505 §4"sv},
    // DATA: I: 354 E: 503, 554.
    {reply_step::data, 354, "RFC 5321 §4.3.2"sv},
    {reply_step::data, 503, "RFC 5321 §4.3.2"sv},
    {reply_step::data, 554, "RFC 5321 §4.3.2"sv},
    // DATA final (after data): S: 250 E: 552, 554, 451, 452; E: 450, 550 (policy).
    {reply_step::data_end, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::data_end, 450, "RFC 5321 §4.3.2"sv},
    {reply_step::data_end, 451, "RFC 5321 §4.3.2"sv},
    {reply_step::data_end, 452, "RFC 5321 §4.3.2"sv},
    {reply_step::data_end, 550, "RFC 5321 §4.3.2"sv},
    {reply_step::data_end, 552, "RFC 5321 §4.3.2"sv},
    {reply_step::data_end, 554, "RFC 5321 §4.3.2"sv},
    // BDAT: 250 for each accepted chunk, 503 when mixed with DATA or out of sequence; a failed
    // chunk gets the 4yz/5yz a DATA terminator would get (RFC 3030 §2).
    {reply_step::bdat, 250, "RFC 3030 §2"sv},
    {reply_step::bdat, 450, "RFC 3030 §2"sv},
    {reply_step::bdat, 451, "RFC 3030 §2"sv},
    {reply_step::bdat, 452, "RFC 3030 §2"sv},
    {reply_step::bdat, 503, "RFC 3030 §2"sv},
    {reply_step::bdat, 550, "RFC 3030 §2"sv},
    {reply_step::bdat, 552, "RFC 3030 §2"sv},
    {reply_step::bdat, 554, "RFC 3030 §2"sv},
    // RSET: S: 250.
    {reply_step::rset, 250, "RFC 5321 §4.3.2"sv},
    // VRFY: S: 250, 251, 252 E: 550, 551, 553, 502, 504.
    {reply_step::vrfy, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::vrfy, 251, "RFC 5321 §4.3.2"sv},
    {reply_step::vrfy, 252, "RFC 5321 §4.3.2, §3.5.3"sv},
    {reply_step::vrfy, 502, "RFC 5321 §4.3.2"sv},
    {reply_step::vrfy, 504, "RFC 5321 §4.3.2"sv},
    {reply_step::vrfy, 550, "RFC 5321 §4.3.2"sv},
    {reply_step::vrfy, 551, "RFC 5321 §4.3.2"sv},
    {reply_step::vrfy, 553, "RFC 5321 §4.3.2"sv},
    // EXPN: S: 250, 252 E: 550, 500, 502, 504.
    {reply_step::expn, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::expn, 252, "RFC 5321 §4.3.2"sv},
    {reply_step::expn, 500, "RFC 5321 §4.3.2"sv},
    {reply_step::expn, 502, "RFC 5321 §4.3.2"sv},
    {reply_step::expn, 504, "RFC 5321 §4.3.2"sv},
    {reply_step::expn, 550, "RFC 5321 §4.3.2"sv},
    // HELP: S: 211, 214 E: 502, 504.
    {reply_step::help, 211, "RFC 5321 §4.3.2"sv},
    {reply_step::help, 214, "RFC 5321 §4.3.2"sv},
    {reply_step::help, 502, "RFC 5321 §4.3.2"sv},
    {reply_step::help, 504, "RFC 5321 §4.3.2"sv},
    // NOOP: S: 250 (only). QUIT: S: 221 (only).
    {reply_step::noop, 250, "RFC 5321 §4.3.2"sv},
    {reply_step::quit, 221, "RFC 5321 §4.3.2"sv},
    // STARTTLS: 220 ready, 501 (no parameters allowed), 454 TLS not available (RFC 3207 §4).
    {reply_step::starttls, 220, "RFC 3207 §4"sv},
    {reply_step::starttls, 454, "RFC 3207 §4"sv},
    {reply_step::starttls, 501, "RFC 3207 §4"sv},
    // AUTH and its exchange lines (RFC 4954 §4, §6).
    {reply_step::auth, 235, "RFC 4954 §4, §6"sv},
    {reply_step::auth, 334, "RFC 4954 §4"sv},
    {reply_step::auth, 432, "RFC 4954 §6"sv},
    {reply_step::auth, 454, "RFC 4954 §6"sv},
    {reply_step::auth, 500, "RFC 4954 §4"sv},
    {reply_step::auth, 501, "RFC 4954 §4"sv},
    {reply_step::auth, 503, "RFC 4954 §4"sv},
    {reply_step::auth, 504, "RFC 4954 §4"sv},
    {reply_step::auth, 534, "RFC 4954 §6"sv},
    {reply_step::auth, 535, "RFC 4954 §4, §6"sv},
    {reply_step::auth, 538, "RFC 4954 §6"sv},
    // ETRN (RFC 1985 §5).
    {reply_step::etrn, 250, "RFC 1985 §5"sv},
    {reply_step::etrn, 251, "RFC 1985 §5"sv},
    {reply_step::etrn, 252, "RFC 1985 §5"sv},
    {reply_step::etrn, 253, "RFC 1985 §5"sv},
    {reply_step::etrn, 458, "RFC 1985 §5"sv},
    {reply_step::etrn, 459, "RFC 1985 §5"sv},
    {reply_step::etrn, 500, "RFC 1985 §5"sv},
    {reply_step::etrn, 501, "RFC 1985 §5"sv},
    // ATRN (RFC 2645, On-Demand Mail Relay).
    {reply_step::atrn, 250, "RFC 2645"sv},
    {reply_step::atrn, 450, "RFC 2645"sv},
    {reply_step::atrn, 451, "RFC 2645"sv},
    {reply_step::atrn, 453, "RFC 2645"sv},
    {reply_step::atrn, 502, "RFC 2645"sv},
    {reply_step::atrn, 530, "RFC 2645"sv},
};

/// Codes any command may get, sorted by code.
inline constexpr general_reply_rule general_reply_table[] = {
    // The service is shutting down: after any command (§3.8, §4.2.2 421; §4.3.2 preamble).
    {421, 0, "RFC 5321 §4.3.2, §3.8"sv},
    // Unrecognised command or line too long; bad arguments (§4.3.2 preamble, §4.2.4).
    {500, 0, "RFC 5321 §4.3.2, §4.2.4"sv},
    {501, 0, "RFC 5321 §4.3.2"sv},
    // Recognised but not implemented (§4.2.4).
    {502, 0, "RFC 5321 §4.2.4"sv},
    // After a 554 greeting the server answers every command but QUIT with 503 (§3.1).
    {503, step_bit(reply_step::quit), "RFC 5321 §3.1"sv},
    // A host that never accepts mail may keep answering every command but QUIT with 521
    // (RFC 7504 §3).
    {521, step_bit(reply_step::quit), "RFC 7504 §3"sv},
    // TLS required (RFC 3207 §4: every command but NOOP, EHLO, STARTTLS, QUIT) or
    // authentication required (RFC 4954 §6: every command but AUTH, EHLO, HELO, NOOP, RSET,
    // QUIT): together, every command but EHLO, NOOP and QUIT.
    {530, step_bit(reply_step::ehlo) | step_bit(reply_step::noop) | step_bit(reply_step::quit),
     "RFC 3207 §4; RFC 4954 §6"sv},
    // Security too weak after STARTTLS: every command but QUIT (RFC 3207 §4.1).
    {554, step_bit(reply_step::quit), "RFC 3207 §4.1"sv},
};
// clang-format on

[[nodiscard]] constexpr unsigned rule_key(const reply_rule& r) noexcept {
  return static_cast<unsigned>(r.step) * 1000U + r.code;
}
[[nodiscard]] constexpr unsigned general_rule_key(const general_reply_rule& r) noexcept {
  return r.code;
}

static_assert(is_strictly_sorted(reply_rule_table, rule_key),
              "reply_rule_table must be sorted by step then code, with no duplicates");
static_assert(is_strictly_sorted(general_reply_table, general_rule_key),
              "general_reply_table must be sorted by code, with no duplicates");

[[nodiscard]] constexpr bool reply_tables_well_formed() noexcept {
  for (const auto& r : reply_rule_table) {
    if (!reply_code(r.code).is_well_formed() || r.rfc.empty()) return false;
    if (static_cast<std::size_t>(r.step) >= reply_step_count) return false;
  }
  for (const auto& r : general_reply_table) {
    if (!reply_code(r.code).is_well_formed() || r.rfc.empty()) return false;
    if ((r.except >> reply_step_count) != 0) return false;
  }
  return true;
}
static_assert(reply_tables_well_formed(), "every reply rule needs a well-formed code and an RFC");

}  // namespace detail

/// Every step-specific rule, sorted by step then code.
[[nodiscard]] constexpr table_range<reply_rule> reply_rules() noexcept {
  return {std::begin(detail::reply_rule_table), std::end(detail::reply_rule_table)};
}

/// The codes any command may get (each with the commands it never answers), sorted by code.
[[nodiscard]] constexpr table_range<general_reply_rule> general_replies() noexcept {
  return {std::begin(detail::general_reply_table), std::end(detail::general_reply_table)};
}

/**
 * The codes the RFCs name for one step, sorted by code; empty for LHLO and BURL, which have no
 * rows of their own. It does not repeat `general_replies()`: see `may_reply` for the union.
 */
[[nodiscard]] constexpr table_range<reply_rule> replies_for(reply_step step) noexcept {
  const auto& table = detail::reply_rule_table;
  const unsigned first = static_cast<unsigned>(step) * 1000U;
  const std::size_t i = detail::lower_bound(table, detail::rule_key, first);
  std::size_t j = i;
  while (j < std::size(table) && table[j].step == step) ++j;
  return {table + i, table + j};
}

/// The codes named for a command verb's step; empty for `command_verb::unknown`.
[[nodiscard]] constexpr table_range<reply_rule> replies_for(command_verb verb) noexcept {
  if (verb == command_verb::unknown) return {};
  return replies_for(step_of(verb));
}

/// The general rule for `code` that applies to `step`, or nullptr.
[[nodiscard]] constexpr const general_reply_rule* general_rule(reply_step step,
                                                               reply_code code) noexcept {
  for (const auto& r : detail::general_reply_table) {
    if (r.code == code.value() && r.applies_to(step)) return &r;
  }
  return nullptr;
}

namespace detail {

/// `may_reply` from the tables themselves: the step's rows, then the general rows.
[[nodiscard]] constexpr bool may_reply_by_rules(reply_step step, reply_code code) noexcept {
  for (const auto& r : replies_for(step)) {
    if (r.code == code.value()) return true;
  }
  return general_rule(step, code) != nullptr;
}

/// A well-formed code's place among the 240 (RFC 5321 §4.2: 2-5, 0-5, 0-9), or 240.
[[nodiscard]] constexpr unsigned reply_code_index(reply_code code) noexcept {
  if (!code.is_well_formed()) return 240;
  const unsigned v = code.value();
  return (v / 100 - 2) * 60 + (v / 10 % 10) * 10 + v % 10;
}

/// For each step, one bit per well-formed code: `may_reply_by_rules`, computed once, so that a
/// session checks each reply with one load instead of two table searches.
struct reply_permissions {
  std::uint64_t bits[reply_step_count][4] = {};
};
[[nodiscard]] constexpr reply_permissions make_reply_permissions() noexcept {
  reply_permissions p{};
  for (std::size_t s = 0; s < reply_step_count; ++s) {
    for (const auto& r : replies_for(static_cast<reply_step>(s))) {
      const unsigned i = reply_code_index(reply_code(r.code));
      p.bits[s][i / 64] |= std::uint64_t{1} << (i % 64);
    }
    for (const auto& r : general_reply_table) {
      if (!r.applies_to(static_cast<reply_step>(s))) continue;
      const unsigned i = reply_code_index(reply_code(r.code));
      p.bits[s][i / 64] |= std::uint64_t{1} << (i % 64);
    }
  }
  return p;
}
inline constexpr reply_permissions reply_permission_bits = make_reply_permissions();

}  // namespace detail

/**
 * True when the RFCs allow `code` as the server's reply at `step`: named for that step, or a
 * code any command may get (421, 500, 501, 502, 503, 521, 530, 554, with their exceptions).
 * Other codes are not forbidden outright (RFC 5321 §4.2.1 lets a client act on the first digit),
 * but a session engine should treat them as a peer outside the standard.
 */
[[nodiscard]] constexpr bool may_reply(reply_step step, reply_code code) noexcept {
  const unsigned i = detail::reply_code_index(code);
  const auto s = static_cast<std::size_t>(step);
  if (i >= 240 || s >= reply_step_count) return false;
  return ((detail::reply_permission_bits.bits[s][i / 64] >> (i % 64)) & 1U) != 0;
}

/// `may_reply` for the step of a command verb; for `command_verb::unknown` only the codes any
/// command may get (an unknown verb is still a command line).
[[nodiscard]] constexpr bool may_reply(command_verb verb, reply_code code) noexcept {
  if (verb != command_verb::unknown) return may_reply(step_of(verb), code);
  for (const auto& r : detail::general_reply_table) {
    if (r.code == code.value()) return true;
  }
  return false;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_REPLY_TABLE_HPP
