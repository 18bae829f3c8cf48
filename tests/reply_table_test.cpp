// Tests for reply_table.hpp: the command → reply sequences of RFC 5321 §4.3.2 and the
// extensions, and the agreement of every reply_code_info::commands text with them. The header
// comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <smtpcodes/command.hpp>
#include <smtpcodes/reply_code_info.hpp>
#include <smtpcodes/reply_table.hpp>
#include <string_view>

using smtpcodes::command_verb;
using smtpcodes::reply_code;
using smtpcodes::reply_step;

namespace {

constexpr std::uint32_t bit(reply_step s) {
  return std::uint32_t{1} << static_cast<unsigned>(s);
}

constexpr std::uint32_t all_command_steps() {
  std::uint32_t mask = 0;
  for (std::size_t i = 0; i < smtpcodes::reply_step_count; ++i) {
    const auto s = static_cast<reply_step>(i);
    if (smtpcodes::is_command(s)) mask |= bit(s);
  }
  return mask;
}

/// The steps at which the tables let `code` answer.
constexpr std::uint32_t table_steps(std::uint16_t code) {
  std::uint32_t mask = 0;
  for (const auto& r : smtpcodes::reply_rules()) {
    if (r.code == code) mask |= bit(r.step);
  }
  for (const auto& r : smtpcodes::general_replies()) {
    if (r.code == code) mask |= all_command_steps() & ~r.except;
  }
  return mask;
}

constexpr bool step_named(std::string_view name, std::uint32_t& mask) {
  for (std::size_t i = 0; i < smtpcodes::reply_step_count; ++i) {
    const auto s = static_cast<reply_step>(i);
    if (smtpcodes::to_string(s) == name) {
      mask |= bit(s);
      return true;
    }
  }
  return false;
}

struct parsed_commands {
  bool ok = false;
  bool in_principle = false;
  std::uint32_t steps = 0;
};

/// Reads a `commands` text: step names joined by ", ", "any command", a final
/// "any command but X, Y", or any of these followed by " (in principle)".
constexpr parsed_commands parse_commands(std::string_view text) {
  parsed_commands out;
  constexpr std::string_view suffix = " (in principle)";
  if (text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix) {
    out.in_principle = true;
    text = text.substr(0, text.size() - suffix.size());
  }
  constexpr std::string_view any = "any command";
  constexpr std::string_view any_but = "any command but ";
  bool excluding = false;
  std::uint32_t excluded = 0;
  while (!text.empty()) {
    const std::size_t comma = text.find(", ");
    std::string_view token = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 2);
    if (excluding) {
      if (!step_named(token, excluded)) return out;
    } else if (token == any) {
      out.steps |= all_command_steps();
    } else if (token.substr(0, any_but.size()) == any_but) {
      excluding = true;
      if (!step_named(token.substr(any_but.size()), excluded)) return out;
    } else if (!step_named(token, out.steps)) {
      return out;
    }
  }
  if (excluding) out.steps |= all_command_steps() & ~excluded;
  out.ok = true;
  return out;
}

/// 0 when every registered code's `commands` agrees with the tables, else the first code that
/// does not.
constexpr std::uint16_t first_disagreement() {
  for (const auto& info : smtpcodes::registered_reply_codes()) {
    const parsed_commands p = parse_commands(info.commands);
    if (!p.ok) return info.code;
    const bool registry_only = info.status == smtpcodes::code_status::registry_only;
    if (p.in_principle != registry_only) return info.code;
    if (registry_only) {
      if (table_steps(info.code) != 0) return info.code;
    } else if (p.steps != table_steps(info.code)) {
      return info.code;
    }
  }
  // And every code in the tables is registered.
  for (const auto& r : smtpcodes::reply_rules()) {
    if (!smtpcodes::is_registered(reply_code(r.code))) return r.code;
  }
  for (const auto& r : smtpcodes::general_replies()) {
    if (!smtpcodes::is_registered(reply_code(r.code))) return r.code;
  }
  return 0;
}

static_assert(first_disagreement() == 0,
              "a reply_code_info::commands text disagrees with reply_table.hpp");
static_assert(smtpcodes::may_reply(reply_step::connect, reply_code(220)));
static_assert(!smtpcodes::may_reply(command_verb::noop, reply_code(211)));

}  // namespace

TEST_CASE("every commands text agrees with the table, code by code") {
  for (const auto& info : smtpcodes::registered_reply_codes()) {
    CAPTURE(info.code);
    CAPTURE(info.commands);
    const parsed_commands p = parse_commands(info.commands);
    REQUIRE(p.ok);
    if (info.status == smtpcodes::code_status::registry_only) {
      CHECK(p.in_principle);
      CHECK(table_steps(info.code) == 0);
    } else {
      CHECK_FALSE(p.in_principle);
      CHECK(p.steps == table_steps(info.code));
    }
  }
  CHECK(first_disagreement() == 0);
}

TEST_CASE("the commands parser refuses what it does not know") {
  CHECK_FALSE(parse_commands("MAIL, FOO").ok);
  CHECK_FALSE(parse_commands("any command but BAR").ok);
  CHECK(parse_commands("any command but EHLO, NOOP, QUIT").steps ==
        (all_command_steps() &
         ~(bit(reply_step::ehlo) | bit(reply_step::noop) | bit(reply_step::quit))));
  CHECK(parse_commands("connection greeting, end of DATA").steps ==
        (bit(reply_step::connect) | bit(reply_step::data_end)));
}

TEST_CASE("RFC 5321 §4.3.2 sequences") {
  // CONNECTION ESTABLISHMENT: S: 220 E: 554.
  CHECK(smtpcodes::may_reply(reply_step::connect, reply_code(220)));
  CHECK(smtpcodes::may_reply(reply_step::connect, reply_code(554)));
  CHECK_FALSE(smtpcodes::may_reply(reply_step::connect, reply_code(250)));
  CHECK_FALSE(smtpcodes::may_reply(reply_step::connect, reply_code(500)));  // not a command
  // MAIL: S: 250 E: 552, 451, 452, 550, 553, 503, 455, 555 — no 450.
  for (const int code : {250, 552, 451, 452, 550, 553, 503, 455, 555}) {
    CAPTURE(code);
    CHECK(smtpcodes::may_reply(command_verb::mail, reply_code(static_cast<std::uint16_t>(code))));
  }
  CHECK_FALSE(smtpcodes::may_reply(command_verb::mail, reply_code(450)));
  CHECK(smtpcodes::may_reply(command_verb::rcpt, reply_code(450)));
  // DATA: I: 354 to the command, then the final reply after the terminator.
  CHECK(smtpcodes::may_reply(command_verb::data, reply_code(354)));
  CHECK_FALSE(smtpcodes::may_reply(command_verb::data, reply_code(250)));
  CHECK(smtpcodes::may_reply(reply_step::data_end, reply_code(250)));
  CHECK_FALSE(smtpcodes::may_reply(reply_step::data_end, reply_code(354)));
  for (const int code : {552, 554, 451, 452, 450, 550}) {
    CAPTURE(code);
    CHECK(smtpcodes::may_reply(reply_step::data_end, reply_code(static_cast<std::uint16_t>(code))));
  }
  // HELP: S: 211, 214; NOOP: S: 250 only (211 is not a NOOP reply).
  CHECK(smtpcodes::may_reply(command_verb::help, reply_code(211)));
  CHECK(smtpcodes::may_reply(command_verb::help, reply_code(214)));
  CHECK_FALSE(smtpcodes::may_reply(command_verb::noop, reply_code(211)));
  CHECK(smtpcodes::replies_for(command_verb::noop).size() == 1);
  CHECK(smtpcodes::replies_for(command_verb::quit).size() == 1);
  CHECK(smtpcodes::replies_for(command_verb::quit)[0].code == 221);
  // Any command: 421, 500, 501 (§4.3.2), 502 (§4.2.4).
  for (const int code : {421, 500, 501, 502}) {
    CAPTURE(code);
    CHECK(smtpcodes::may_reply(command_verb::noop, reply_code(static_cast<std::uint16_t>(code))));
    CHECK(
        smtpcodes::may_reply(command_verb::unknown, reply_code(static_cast<std::uint16_t>(code))));
  }
  CHECK_FALSE(smtpcodes::may_reply(command_verb::unknown, reply_code(250)));
  CHECK(smtpcodes::replies_for(command_verb::unknown).empty());
}

TEST_CASE("530: RFC 3207 §4 and RFC 4954 §6") {
  // Neither RFC sends 530 to EHLO, NOOP or QUIT.
  for (const auto v : {command_verb::ehlo, command_verb::noop, command_verb::quit}) {
    CAPTURE(smtpcodes::to_string(v));
    CHECK_FALSE(smtpcodes::may_reply(v, reply_code(530)));
  }
  // RFC 3207 allows it for AUTH (TLS first), RFC 4954 for STARTTLS; both for MAIL.
  for (const auto v : {command_verb::mail, command_verb::rcpt, command_verb::data,
                       command_verb::auth, command_verb::starttls, command_verb::helo}) {
    CAPTURE(smtpcodes::to_string(v));
    CHECK(smtpcodes::may_reply(v, reply_code(530)));
  }
  const auto* rule = smtpcodes::general_rule(reply_step::mail, reply_code(530));
  REQUIRE(rule != nullptr);
  CHECK(rule->rfc.find("RFC 3207 §4") != std::string_view::npos);
  CHECK(rule->rfc.find("RFC 4954 §6") != std::string_view::npos);
}

TEST_CASE("extension sequences") {
  CHECK(smtpcodes::may_reply(command_verb::starttls, reply_code(220)));
  CHECK(smtpcodes::may_reply(command_verb::starttls, reply_code(454)));
  CHECK(smtpcodes::may_reply(command_verb::auth, reply_code(334)));
  CHECK(smtpcodes::may_reply(command_verb::auth, reply_code(235)));
  CHECK(smtpcodes::may_reply(command_verb::auth, reply_code(538)));
  CHECK_FALSE(smtpcodes::may_reply(command_verb::mail, reply_code(235)));
  CHECK(smtpcodes::may_reply(command_verb::etrn, reply_code(253)));
  CHECK(smtpcodes::may_reply(command_verb::atrn, reply_code(453)));
  CHECK(smtpcodes::may_reply(command_verb::bdat, reply_code(250)));
  CHECK(smtpcodes::may_reply(command_verb::rcpt, reply_code(556)));
  CHECK_FALSE(smtpcodes::may_reply(command_verb::mail, reply_code(556)));
  CHECK(smtpcodes::may_reply(command_verb::mail, reply_code(355)));  // RFC 1845 restart
  // RFC 7504 §3: 521 as the greeting, then to every command but QUIT.
  CHECK(smtpcodes::may_reply(reply_step::connect, reply_code(521)));
  CHECK(smtpcodes::may_reply(command_verb::mail, reply_code(521)));
  CHECK_FALSE(smtpcodes::may_reply(command_verb::quit, reply_code(521)));
  // RFC 5321 §3.1: after a 554 greeting, 503 to every command but QUIT.
  CHECK(smtpcodes::may_reply(command_verb::helo, reply_code(503)));
  CHECK_FALSE(smtpcodes::may_reply(command_verb::quit, reply_code(503)));
}

TEST_CASE("replies_for ranges are sorted, complete and name their RFC") {
  std::size_t total = 0;
  for (std::size_t i = 0; i < smtpcodes::reply_step_count; ++i) {
    const auto s = static_cast<reply_step>(i);
    CAPTURE(smtpcodes::to_string(s));
    const auto range = smtpcodes::replies_for(s);
    total += range.size();
    unsigned previous = 0;
    for (const auto& r : range) {
      CHECK(r.step == s);
      CHECK(r.code > previous);
      previous = r.code;
      CHECK(r.rfc.find("RFC ") == 0);
    }
  }
  CHECK(total == smtpcodes::reply_rules().size());
  CHECK(smtpcodes::to_string(reply_step::connect) == "connection greeting");
  CHECK(smtpcodes::to_string(reply_step::data_end) == "end of DATA");
  CHECK(smtpcodes::to_string(reply_step::starttls) == "STARTTLS");
  CHECK(smtpcodes::step_of(command_verb::burl) == reply_step::burl);
  CHECK(smtpcodes::to_string(command_verb::rcpt) == "RCPT");
}

TEST_CASE("a usage whose context names a command is a reply the table allows for it") {
  for (const auto& info : smtpcodes::registered_reply_codes()) {
    for (const auto& usage : smtpcodes::usages(info.as_code())) {
      std::uint32_t mask = 0;
      if (!step_named(usage.context, mask)) continue;  // an extension or a phase, not a step
      CAPTURE(usage.code);
      CAPTURE(usage.context);
      CHECK((table_steps(usage.code) & mask) != 0);
    }
  }
}

TEST_CASE("may_reply's bit table says what the rule tables say, for every step and code") {
  std::size_t allowed = 0;
  for (std::size_t s = 0; s < smtpcodes::reply_step_count; ++s) {
    const auto step = static_cast<smtpcodes::reply_step>(s);
    for (unsigned v = 0; v < 1000; ++v) {
      const smtpcodes::reply_code code(static_cast<std::uint16_t>(v));
      const bool expected =
          code.is_well_formed() && smtpcodes::detail::may_reply_by_rules(step, code);
      CHECK_MESSAGE(smtpcodes::may_reply(step, code) == expected, s << " " << v);
      allowed += expected ? 1 : 0;
    }
  }
  CHECK(allowed > 200);
  CHECK(!smtpcodes::may_reply(static_cast<smtpcodes::reply_step>(200), smtpcodes::reply_code(250)));
}
