// Tests for reply_code_info.hpp: the table of registered codes and the explanations. The header
// comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <set>
#include <smtpcodes/reply_code_info.hpp>
#include <string>

using smtpcodes::code_status;
using smtpcodes::reply_category;
using smtpcodes::reply_class;
using smtpcodes::reply_code;

namespace {

// Every code an RFC defines, and every basic code the IANA enhanced-status registry associates
// with an entry. Sources: RFC 5321 §4.2.2/§4.2.3; RFC 4954 §4, §6; RFC 3207 §4; RFC 7504 §3;
// RFC 1985 §5; RFC 2645 §5; RFC 1870 §6; RFC 6531 §3.7; RFC 1845 (355); the IANA registry's
// "Associated basic status code" column.
constexpr int registered_codes[] = {
    211, 214, 220, 221, 235, 250, 251, 252, 253, 334, 354, 355, 421, 422, 430,
    432, 450, 451, 452, 453, 454, 455, 458, 459, 500, 501, 502, 503, 504, 521,
    523, 524, 525, 530, 533, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556,
};

}  // namespace

TEST_CASE("every code defined by the RFCs is in the table, and nothing else") {
  std::set<int> expected(std::begin(registered_codes), std::end(registered_codes));
  std::set<int> actual;
  for (const auto& info : smtpcodes::registered_reply_codes()) actual.insert(info.code);
  CHECK(actual == expected);
  for (const int code : registered_codes) {
    CAPTURE(code);
    const auto* info = smtpcodes::lookup(reply_code(static_cast<std::uint16_t>(code)));
    REQUIRE(info != nullptr);
    CHECK(info->code == code);
    CHECK(!info->name.empty());
    CHECK(!info->description.empty());
    CHECK(!info->when.empty());
    CHECK(!info->fix.empty());
    CHECK(info->rfcs.find("RFC ") != std::string_view::npos);
    CHECK(info->status != code_status::unregistered);
  }
}

TEST_CASE("lookup, name and describe") {
  CHECK(smtpcodes::name(reply_code(354)) == "Start Mail Input");
  CHECK(smtpcodes::name(reply_code(235)) == "Authentication Succeeded");
  CHECK(smtpcodes::describe(reply_code(354)).find("<CRLF>.<CRLF>") != std::string_view::npos);
  CHECK(smtpcodes::lookup(reply_code(235))->rfcs.find("RFC 4954") == 0);
  CHECK(smtpcodes::lookup(reply_code(521))->rfcs.find("RFC 7504") == 0);
  CHECK(smtpcodes::lookup(reply_code(259)) == nullptr);
  CHECK(smtpcodes::name(reply_code(259)).empty());
  CHECK(smtpcodes::describe(reply_code(600)).empty());
  CHECK(smtpcodes::is_registered(reply_code(250)));
  CHECK_FALSE(smtpcodes::is_registered(reply_code(259)));
}

TEST_CASE("status marks deprecated and registry-only codes") {
  // RFC 4954 §6 keeps 538 "for historical purposes only": historic, not obsolete.
  CHECK(smtpcodes::lookup(reply_code(538))->status == code_status::historic);
  CHECK(smtpcodes::to_string(smtpcodes::lookup(reply_code(538))->status) == "historic");
  // 355: RFC 1845 CHECKPOINT (experimental), the reply to a resumed MAIL.
  REQUIRE(smtpcodes::lookup(reply_code(355)) != nullptr);
  CHECK(smtpcodes::lookup(reply_code(355))->status == code_status::historic);
  CHECK(smtpcodes::lookup(reply_code(355))->rfcs.find("RFC 1845") == 0);
  // Named only in the IANA enhanced-status registry's associated-code column.
  for (const int code : {422, 430, 523, 524, 525, 533}) {
    CAPTURE(code);
    CHECK(smtpcodes::lookup(reply_code(static_cast<std::uint16_t>(code)))->status ==
          code_status::registry_only);
  }
  CHECK(smtpcodes::lookup(reply_code(250))->status == code_status::current);
  CHECK(smtpcodes::lookup(reply_code(453))->status == code_status::current);
}

TEST_CASE("explain: registered, unregistered and malformed codes") {
  const auto registered = smtpcodes::explain(reply_code(550));
  REQUIRE(registered);
  CHECK(registered->name == "Mailbox Unavailable");

  const auto unregistered = smtpcodes::explain(reply_code(259));
  REQUIRE(unregistered);
  CHECK(unregistered->status == code_status::unregistered);
  CHECK(unregistered->name == "Unregistered Success (mail system)");
  CHECK(unregistered->description == smtpcodes::class_meaning(reply_class::positive_completion));
  CHECK(unregistered->when == smtpcodes::category_meaning(reply_category::mail_system));
  CHECK(unregistered->fix == smtpcodes::class_action(reply_class::positive_completion));

  const auto transient = smtpcodes::explain(reply_code(447));
  REQUIRE(transient);
  CHECK(transient->name == "Unregistered Temporary Failure (unspecified)");
  const auto syntax = smtpcodes::explain(reply_code(509));
  REQUIRE(syntax);
  CHECK(syntax->name == "Unregistered Permanent Failure (syntax)");

  CHECK_FALSE(smtpcodes::explain(reply_code(199)));
  CHECK_FALSE(smtpcodes::explain(reply_code(600)));
  CHECK_FALSE(smtpcodes::explain(reply_code(270)));
}

TEST_CASE("usages give context-specific meanings") {
  const auto tls_or_auth = smtpcodes::usages(reply_code(454));
  REQUIRE(tls_or_auth.size() == 2);
  CHECK(tls_or_auth[0].context == "AUTH");
  CHECK(tls_or_auth[1].context == "STARTTLS");
  const auto etrn = smtpcodes::usages(reply_code(251));
  REQUIRE(etrn.size() == 1);
  CHECK(etrn[0].context == "ETRN");
  CHECK(smtpcodes::usages(reply_code(211)).empty());
  CHECK(smtpcodes::usages(reply_code(259)).empty());
  for (const auto& usage : smtpcodes::usages(reply_code(530))) {
    CHECK(smtpcodes::is_registered(reply_code(usage.code)));
  }
}

TEST_CASE("every named constant is a registered code") {
  using namespace smtpcodes::codes;
  for (const reply_code c : {system_status,
                             help_message,
                             service_ready,
                             service_closing,
                             authentication_succeeded,
                             ok,
                             user_not_local_will_forward,
                             cannot_verify_user,
                             etrn_pending_messages_started,
                             auth_challenge,
                             start_mail_input,
                             service_not_available,
                             password_transition_needed,
                             mailbox_unavailable_transient,
                             local_error,
                             insufficient_storage,
                             atrn_no_mail,
                             temporary_failure,
                             cannot_accommodate_parameters,
                             etrn_unable_to_queue,
                             etrn_node_not_allowed,
                             syntax_error,
                             syntax_error_in_parameters,
                             command_not_implemented,
                             bad_sequence,
                             parameter_not_implemented,
                             does_not_accept_mail,
                             authentication_required,
                             mechanism_too_weak,
                             authentication_credentials_invalid,
                             encryption_required_for_mechanism,
                             mailbox_unavailable,
                             user_not_local,
                             exceeded_storage_allocation,
                             mailbox_name_not_allowed,
                             transaction_failed,
                             parameters_not_recognized,
                             domain_does_not_accept_mail}) {
    CAPTURE(c.value());
    CHECK(smtpcodes::is_registered(c));
  }
}

TEST_CASE("to_string of classes, categories and statuses") {
  CHECK(smtpcodes::to_string(reply_class::positive_completion) == "Positive Completion");
  CHECK(smtpcodes::to_string(reply_class::positive_intermediate) == "Positive Intermediate");
  CHECK(smtpcodes::to_string(reply_class::transient_negative) == "Transient Negative Completion");
  CHECK(smtpcodes::to_string(reply_class::permanent_negative) == "Permanent Negative Completion");
  CHECK(smtpcodes::to_string(reply_category::syntax) == "syntax");
  CHECK(smtpcodes::to_string(reply_category::mail_system) == "mail system");
  CHECK(smtpcodes::to_string(code_status::obsolete) == "obsolete");
  CHECK(smtpcodes::to_string(code_status::registry_only) == "registry only");
  CHECK(smtpcodes::to_string(code_status::unregistered) == "unregistered");
}

namespace {
bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}
const smtpcodes::reply_code_info& info_of(int code) {
  return *smtpcodes::lookup(reply_code(static_cast<std::uint16_t>(code)));
}
}  // namespace

TEST_CASE("530 replies to every command but EHLO, NOOP and QUIT (RFC 3207 §4, RFC 4954 §6)") {
  const auto& info = info_of(530);
  CHECK(info.commands == "any command but EHLO, NOOP, QUIT");
  // The old text listed STARTTLS and AUTH, the two commands one of the RFCs never sends it to.
  CHECK_FALSE(contains(info.commands, "STARTTLS"));
  // Its context-specific meanings belong to the extensions, not to the AUTH and STARTTLS
  // commands, which are the ones RFC 4954 and RFC 3207 exclude.
  for (const auto& usage : smtpcodes::usages(reply_code(530))) {
    CAPTURE(usage.context);
    CHECK(usage.context != "AUTH");
    CHECK(usage.context != "STARTTLS");
  }
  CHECK(contains(info.when, "RFC 3207 §4"));
  CHECK(contains(info.when, "RFC 4954 §6"));
}

TEST_CASE("211 answers HELP only (RFC 5321 §4.3.2)") {
  const auto& info = info_of(211);
  CHECK(info.commands == "HELP");
  CHECK_FALSE(contains(info.commands, "NOOP"));
  CHECK_FALSE(contains(info.description, "no standard command"));
  CHECK(contains(info.description, "HELP"));
}

TEST_CASE("556 is the recipient's null MX (X.1.10); a sender's is 550 5.7.27") {
  const auto& info = info_of(556);
  CHECK(info.commands == "RCPT");
  CHECK_FALSE(contains(info.description, "sender's) domain"));
  CHECK(contains(info.description, "550 5.7.27"));
  CHECK(contains(info.description, "X.1.10"));
}

TEST_CASE("534 is a mechanism weaker than policy permits; no TLS is 538 or 523 (RFC 4954 §6)") {
  const auto& info = info_of(534);
  CHECK_FALSE(contains(info.when, "over an unencrypted connection"));
  CHECK(contains(info.description, "policy permits"));
  CHECK(contains(info.when, "538"));
  CHECK(contains(info.when, "523"));
}

TEST_CASE("misleading texts corrected") {
  // 451 4.7.1 is usually greylisting or a policy deferral, not only the receiver's fault.
  CHECK(contains(info_of(451).description, "greylisting"));
  CHECK_FALSE(contains(info_of(451).fix, "the fault is on the receiving side"));
  // After 235 with a security layer, EHLO again (RFC 4954 §4).
  CHECK(contains(info_of(235).fix, "EHLO again"));
  CHECK(contains(info_of(235).rfcs, "§4"));
  // 450 does not answer MAIL (RFC 5321 §4.3.2).
  CHECK_FALSE(contains(info_of(450).commands, "MAIL"));
  CHECK(contains(info_of(450).commands, "RCPT"));
  // 500 unrecognised vs 502 recognised but not implemented (RFC 5321 §4.2.4).
  CHECK_FALSE(contains(info_of(500).when, "unsupported verb"));
  CHECK(contains(info_of(500).when, "502"));
  CHECK(contains(info_of(502).description, "500"));
  CHECK(contains(info_of(502).rfcs, "§4.2.4"));
  // 538 is historic, not obsolete (RFC 4954 §6 keeps it for historical purposes).
  CHECK_FALSE(contains(info_of(538).fix, "deprecates"));
}
