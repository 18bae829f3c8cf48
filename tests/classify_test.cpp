// Tests for classify.hpp: every reason reachable by a built-in rule, each rule reachable on its
// own, the conflict decisions, the class adjustments, the caller's rules, case and word
// matching, the reply_view and found_reply overloads, compile-time use and no allocation.
// (Each header compiling alone is checked by compiling it first in a file of its own.)
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <new>
#include <set>
#include <smtpcodes/classify.hpp>
#include <smtpcodes/find.hpp>
#include <smtpcodes/reply.hpp>
#include <string>
#include <vector>

using smtpcodes::answered_command;
using smtpcodes::bounce_actor;
using smtpcodes::bounce_reason;
using smtpcodes::bounce_retry;
using smtpcodes::classification;
using smtpcodes::classify;
using smtpcodes::classify_evidence;
using smtpcodes::classify_input;
using smtpcodes::classify_rule;
using smtpcodes::classify_rules;
using smtpcodes::enhanced_pattern;
using smtpcodes::reply_code;

namespace {

constexpr classify_input make(int code, std::string_view enhanced, std::string_view text,
                              answered_command command = answered_command::none) {
  classify_input in;
  if (code != 0) in.code = smtpcodes::make_reply_code(code);
  if (!enhanced.empty()) in.enhanced = smtpcodes::parse_enhanced_status(enhanced);
  in.text = text;
  in.command = command;
  return in;
}

classification run(int code, std::string_view enhanced, std::string_view text,
                   answered_command command = answered_command::none) {
  return classify(make(code, enhanced, text, command));
}

bool inside(std::string_view v, std::string_view input) {
  const auto lo = reinterpret_cast<std::uintptr_t>(input.data());
  const auto at = reinterpret_cast<std::uintptr_t>(v.data());
  return at >= lo && at - lo <= input.size();
}

// The fields every classification must agree on.
void check_consistent(const classification& c) {
  REQUIRE(c.info != nullptr);
  CHECK(c.info == &smtpcodes::reason_info(c.reason));
  if (c.provider_entry == nullptr) CHECK(c.fix == c.info->fix);
  if (c.hard) CHECK(c.retry == bounce_retry::never);
}

}  // namespace

// ---- compile time -----------------------------------------------------------------------------

static_assert(classify(make(550, "5.1.1", "User unknown")).reason == bounce_reason::userunknown);
static_assert(classify(make(550, "5.1.1", "Mailbox full")).reason == bounce_reason::mailboxfull);
static_assert(classify(make(550, "5.1.1", "x")).hard);
static_assert(!classify(make(450, "4.1.1", "x")).hard);
static_assert(classify(make(250, "2.0.0", "Ok")).reason == bounce_reason::delivered);
static_assert(classify(make(0, "", "relay access denied")).reason == bounce_reason::norelaying);
static_assert(classify(make(550, "", "")).evidence == classify_evidence::none);

constexpr classify_rule compile_time_rules[] = {
    {bounce_reason::blocked, "our own list"},
};
static_assert(classify(make(550, "5.1.1", "on OUR OWN LIST"), compile_time_rules).reason ==
              bounce_reason::blocked);

// ---- reachability -----------------------------------------------------------------------------

TEST_CASE("every reason but undefined, delivered, vacation and feedback has a built-in rule") {
  std::set<bounce_reason> seen;
  for (const classify_rule& r : smtpcodes::builtin_classify_rules()) seen.insert(r.reason);
  for (std::size_t i = 0; i < smtpcodes::bounce_reason_count; ++i) {
    const auto r = static_cast<bounce_reason>(i);
    const bool outside = r == bounce_reason::undefined || r == bounce_reason::delivered ||
                         r == bounce_reason::vacation || r == bounce_reason::feedback;
    CHECK_MESSAGE(seen.count(r) == (outside ? 0U : 1U), smtpcodes::to_string(r));
  }
  // delivered and undefined come from the class and the fallback; vacation and feedback from
  // auto-replies and feedback reports, never from an SMTP reply.
  CHECK(run(250, "", "Ok").reason == bounce_reason::delivered);
  CHECK(run(550, "", "Requested action not taken").reason == bounce_reason::undefined);
}

TEST_CASE("one sample reply per reason") {
  struct sample {
    int code;
    std::string_view enhanced;
    std::string_view text;
    answered_command command;
    bounce_reason reason;
  };
  const sample samples[] = {
      {550, "5.1.1", "<bob@example.com>: Recipient address rejected: User unknown",
       answered_command::rcpt, bounce_reason::userunknown},
      {552, "5.2.2", "Mailbox full", answered_command::rcpt, bounce_reason::mailboxfull},
      {550, "5.1.2", "Recipient address rejected: Domain not found", answered_command::rcpt,
       bounce_reason::hostunknown},
      {551, "", "User not local; please try <bob@example.net>", answered_command::rcpt,
       bounce_reason::hasmoved},
      {550, "5.2.1", "The account you tried to reach is off", answered_command::rcpt,
       bounce_reason::suspend},
      {452, "4.5.3", "Error: too many recipients", answered_command::rcpt,
       bounce_reason::exceedlimit},
      {552, "5.3.4", "Message size exceeds fixed maximum message size", answered_command::data,
       bounce_reason::mesgtoobig},
      {554, "5.7.1", "<bob@example.org>: Relay access denied", answered_command::rcpt,
       bounce_reason::norelaying},
      {554, "5.7.1", "Service unavailable; Client host [192.0.2.1] blocked using bl.example.org",
       answered_command::rcpt, bounce_reason::blocked},
      {421, "4.7.0", "Deferred: poor reputation of the sending IP", answered_command::connect,
       bounce_reason::badreputation},
      {550, "5.7.25", "The sending IP has no PTR", answered_command::rcpt,
       bounce_reason::requireptr},
      {554, "5.7.1", "Message rejected as spam", answered_command::data,
       bounce_reason::spamdetected},
      {554, "5.7.1", "Virus found in attachment", answered_command::data,
       bounce_reason::virusdetected},
      {554, "5.6.0", "Message could not be converted", answered_command::data,
       bounce_reason::contenterror},
      {550, "5.7.1", "Message refused by local policy", answered_command::data,
       bounce_reason::policyviolation},
      {550, "5.7.23", "The message failed the checks", answered_command::data,
       bounce_reason::authfailure},
      {550, "5.7.1", "Message is not RFC 5322 compliant", answered_command::data,
       bounce_reason::notcompliantrfc},
      {535, "5.7.8", "Authentication credentials invalid", answered_command::auth,
       bounce_reason::securityerror},
      {454, "4.7.0", "TLS not available due to temporary reason", answered_command::starttls,
       bounce_reason::failedstarttls},
      {553, "5.1.8", "<x@nowhere.invalid>: Sender address rejected", answered_command::mail,
       bounce_reason::rejected},
      {550, "5.7.2", "Not allowed to expand", answered_command::rcpt, bounce_reason::filtered},
      {554, "5.4.7", "Delivery time expired", answered_command::none, bounce_reason::expired},
      {451, "4.4.1", "Connection timed out", answered_command::none, bounce_reason::networkerror},
      {451, "4.3.0", "Local error in processing", answered_command::data,
       bounce_reason::systemerror},
      {452, "4.3.1", "Insufficient system storage", answered_command::mail,
       bounce_reason::systemfull},
      {550, "5.2.4", "List expansion failed", answered_command::rcpt, bounce_reason::mailererror},
      {421, "4.7.0", "Too many connections from your IP", answered_command::connect,
       bounce_reason::toomanyconn},
      {450, "4.7.1", "Rate limit exceeded, slow down", answered_command::rcpt,
       bounce_reason::speeding},
      {500, "5.5.2", "Syntax error, command unrecognized", answered_command::none,
       bounce_reason::syntaxerror},
      {556, "5.1.10", "Recipient address has null MX", answered_command::rcpt,
       bounce_reason::notaccept},
      {450, "4.2.0", "Recipient address rejected: Greylisted", answered_command::rcpt,
       bounce_reason::onhold},
      {550, "5.1.1", "Address is on the suppression list", answered_command::rcpt,
       bounce_reason::suppressed},
  };
  std::set<bounce_reason> covered;
  for (const sample& s : samples) {
    const classification c = run(s.code, s.enhanced, s.text, s.command);
    CHECK_MESSAGE(c.reason == s.reason, s.text << " gave " << smtpcodes::to_string(c.reason));
    check_consistent(c);
    covered.insert(s.reason);
  }
  CHECK(covered.size() == smtpcodes::bounce_reason_count - 4);
}

TEST_CASE("each built-in phrase gives its reason on its own, in any case") {
  for (const classify_rule& r : smtpcodes::builtin_classify_rules()) {
    if (r.phrase.empty()) continue;
    const classification c = run(0, "", r.phrase);
    CHECK_MESSAGE(c.reason == r.reason, r.phrase << " gave " << smtpcodes::to_string(c.reason));
    // A blocklist's name ("spamhaus") is also a provider entry (providers.hpp), which is
    // consulted first and gives the same reason.
    CHECK_MESSAGE((c.evidence == classify_evidence::phrase ||
                   (c.evidence == classify_evidence::provider_code && c.reason == r.reason)),
                  r.phrase);
    std::string upper(r.phrase);
    for (char& ch : upper) ch = smtpcodes::detail::to_upper_ascii(ch);
    const std::string framed = "xx " + upper + ", yy";
    CHECK_MESSAGE(run(0, "", framed).reason == r.reason, framed);
    // A phrase does not start inside a word; a one-word phrase glued to a letter is no match.
    const std::string glued = "x" + std::string(r.phrase);
    CHECK(!smtpcodes::classify_phrase_found(glued, r.phrase));
    if (r.phrase.find_first_of(" -") == std::string_view::npos)
      CHECK_MESSAGE(run(0, "", glued).evidence == classify_evidence::none, glued);
  }
}

TEST_CASE("each built-in code rule gives its reason on its own") {
  for (const classify_rule& r : smtpcodes::builtin_classify_rules()) {
    if (!r.phrase.empty()) continue;
    classify_input in;
    in.command = r.command;
    int klass = r.enhanced.klass != 0 ? r.enhanced.klass : 0;
    if (r.code >= 100) klass = r.code / 100;
    if (r.code >= 2 && r.code <= 5) klass = r.code;
    if (klass == 0) klass = 4;
    // An unruled basic code of the class when the rule names none: 450 or 550.
    in.code = reply_code(static_cast<std::uint16_t>(r.code >= 100 ? r.code : klass * 100 + 50));
    if (!r.enhanced.is_any()) {
      smtpcodes::enhanced_status e;
      e.klass = static_cast<std::uint8_t>(klass);
      e.subject = r.enhanced.subject;
      e.detail = r.enhanced.detail == enhanced_pattern::any ? 99 : r.enhanced.detail;
      in.enhanced = e;
    }
    const classification c = classify(in);
    CHECK_MESSAGE(c.reason == r.reason, in.code->value()
                                            << " " << r.enhanced.subject << "." << r.enhanced.detail
                                            << " gave " << smtpcodes::to_string(c.reason));
    CHECK(c.evidence ==
          (r.enhanced.is_any() ? classify_evidence::basic_code : classify_evidence::enhanced_code));
  }
}

// ---- conflicts ------------------------------------------------------------------------------

TEST_CASE("a specific phrase beats an enhanced code: 5.1.1 that says mailbox full") {
  const classification c =
      run(550, "5.1.1", "<bob@example.com>: Mailbox full", answered_command::rcpt);
  CHECK(c.reason == bounce_reason::mailboxfull);
  CHECK(c.evidence == classify_evidence::phrase);
  CHECK(!c.hard);
  CHECK(c.retry == bounce_retry::retry_after_fix);
  // And the other way round: a mailbox-full code whose text says the user is unknown.
  CHECK(run(552, "5.2.2", "User unknown").reason == bounce_reason::userunknown);
  // Without the phrase the code decides.
  const classification code = run(550, "5.1.1", "<bob@example.com>: rejected");
  CHECK(code.reason == bounce_reason::userunknown);
  CHECK(code.evidence == classify_evidence::enhanced_code);
  CHECK(code.hard);
}

TEST_CASE("a generic phrase beats only generic codes") {
  // A specific enhanced code beats "blocked" and "spam".
  CHECK(run(550, "5.1.1", "Recipient blocked").reason == bounce_reason::userunknown);
  CHECK(run(550, "5.2.2", "spam folder full").reason == bounce_reason::mailboxfull);
  CHECK(run(550, "5.7.23", "blocked").reason == bounce_reason::authfailure);
  // Generic X.7.1 and bare codes lose to them.
  const classification spam = run(550, "5.7.1", "Message looks like spam", answered_command::data);
  CHECK(spam.reason == bounce_reason::spamdetected);
  CHECK(spam.evidence == classify_evidence::phrase);
  CHECK(run(550, "5.7.1", "Delivery not authorized").reason == bounce_reason::rejected);
  CHECK(run(554, "", "blocked", answered_command::connect).reason == bounce_reason::blocked);
  CHECK(run(451, "", "Mailbox does not exist").reason == bounce_reason::userunknown);
  // A specific basic code beats a generic phrase: 535 with "blocked" stays securityerror.
  CHECK(run(535, "", "blocked").reason == bounce_reason::securityerror);
}

TEST_CASE("within a tier the table's order decides, not the position in the text") {
  // mailboxfull rules come before userunknown rules.
  CHECK(run(550, "", "user unknown or mailbox full").reason == bounce_reason::mailboxfull);
  CHECK(run(550, "", "mailbox full or user unknown").reason == bounce_reason::mailboxfull);
  // "spamhaus" (specific, blocked) before "spam" (generic).
  CHECK(run(554, "", "listed by spamhaus").reason == bounce_reason::blocked);
}

TEST_CASE("texts about the sender or the client are not read as the recipient's") {
  CHECK(run(450, "4.1.8", "<a@nowhere.example>: Sender address rejected: Domain not found",
            answered_command::rcpt)
            .reason == bounce_reason::rejected);
  CHECK(run(550, "5.1.2", "<a@nowhere.example>: Recipient address rejected: Domain not found")
            .reason == bounce_reason::hostunknown);
  CHECK(run(450, "4.7.1", "<mx>: Helo command rejected: Host not found").reason ==
        bounce_reason::rejected);
  CHECK(run(450, "4.7.1", "Client host rejected: cannot find your hostname").reason ==
        bounce_reason::requireptr);
  CHECK(run(550, "", "example.org does not accept mail from you").reason ==
        bounce_reason::filtered);
  CHECK(run(550, "", "example.org does not accept mail").reason == bounce_reason::notaccept);
  CHECK(run(550, "5.4.5", "Daily user sending quota exceeded").reason == bounce_reason::speeding);
  // X.7.27 is the sender's null MX: not a hard bounce of the recipient.
  const classification sender_null = run(550, "5.7.27", "Sender address has null MX");
  CHECK(sender_null.reason == bounce_reason::rejected);
  CHECK(!sender_null.hard);
}

TEST_CASE("enhanced codes: the registry meaning, class-specific rules, subjects") {
  CHECK(run(521, "5.3.2", "").reason == bounce_reason::notaccept);
  CHECK(run(453, "4.3.2", "").reason == bounce_reason::systemerror);
  CHECK(run(550, "5.7.13", "").reason == bounce_reason::securityerror);
  CHECK(run(550, "5.7.17", "").reason == bounce_reason::hasmoved);
  CHECK(run(550, "5.7.17", "").hard);
  CHECK(run(421, "4.7.28", "").reason == bounce_reason::speeding);
  CHECK(run(550, "5.7.30", "").reason == bounce_reason::failedstarttls);
  CHECK(run(550, "5.1.3", "").reason == bounce_reason::syntaxerror);
  CHECK(run(550, "5.4.4", "").reason == bounce_reason::networkerror);
  CHECK(run(550, "5.1.0", "", answered_command::mail).reason == bounce_reason::rejected);
  CHECK(run(550, "5.1.0", "", answered_command::rcpt).reason == bounce_reason::undefined);
  CHECK(run(554, "5.7.1", "", answered_command::connect).reason == bounce_reason::blocked);
  CHECK(run(550, "5.7.0", "").reason == bounce_reason::rejected);
  CHECK(run(550, "5.0.0", "").reason == bounce_reason::undefined);
  CHECK(run(550, "5.2.0", "").reason == bounce_reason::undefined);
  // An enhanced code alone (a DSN Status field) is classified too.
  const classification alone = run(0, "5.1.1", "");
  CHECK(alone.reason == bounce_reason::userunknown);
  CHECK(alone.hard);
  // A class that disagrees with the basic code is ignored (RFC 3463 §2).
  const classification mismatched = run(550, "4.2.2", "");
  CHECK(mismatched.reason == bounce_reason::undefined);
  CHECK(mismatched.evidence == classify_evidence::none);
}

TEST_CASE("basic codes and the command they answered") {
  CHECK(run(552, "", "", answered_command::rcpt).reason == bounce_reason::mailboxfull);
  CHECK(run(552, "", "", answered_command::mail).reason == bounce_reason::mesgtoobig);
  CHECK(run(552, "", "", answered_command::data).reason == bounce_reason::mesgtoobig);
  CHECK(run(552, "", "").reason == bounce_reason::mailboxfull);
  CHECK(run(452, "", "", answered_command::rcpt).reason == bounce_reason::exceedlimit);
  CHECK(run(452, "", "", answered_command::mail).reason == bounce_reason::systemfull);
  CHECK(run(452, "", "").reason == bounce_reason::systemfull);
  CHECK(run(554, "", "", answered_command::connect).reason == bounce_reason::blocked);
  CHECK(run(554, "", "", answered_command::data).reason == bounce_reason::undefined);
  CHECK(run(550, "", "", answered_command::mail).reason == bounce_reason::rejected);
  CHECK(run(550, "", "", answered_command::rcpt).reason == bounce_reason::undefined);
  CHECK(run(530, "", "").reason == bounce_reason::securityerror);
  CHECK(run(421, "", "").reason == bounce_reason::systemerror);
  CHECK(run(451, "", "").reason == bounce_reason::systemerror);
  CHECK(run(521, "", "").reason == bounce_reason::notaccept);
  CHECK(run(503, "", "").reason == bounce_reason::syntaxerror);
  CHECK(run(454, "", "", answered_command::auth).reason == bounce_reason::securityerror);
  CHECK(run(501, "", "", answered_command::starttls).reason == bounce_reason::failedstarttls);
  CHECK(run(550, "", "").evidence == classify_evidence::none);
  CHECK(run(521, "", "").evidence == classify_evidence::basic_code);
}

// ---- hard, retry, actor -------------------------------------------------------------------------

TEST_CASE("a 4yz is never hard and never 'never'") {
  const classification c = run(450, "4.1.1", "User unknown", answered_command::rcpt);
  CHECK(c.reason == bounce_reason::userunknown);
  CHECK(!c.hard);
  CHECK(c.retry == bounce_retry::retry_with_backoff);
  CHECK(c.actor == bounce_actor::sender);
  // Reasons that name a fix keep it on a 4yz.
  CHECK(run(421, "", "blocked using bl.example.org").retry == bounce_retry::retry_after_fix);
  CHECK(run(452, "4.2.2", "").retry == bounce_retry::retry_with_backoff);
}

TEST_CASE("a 5yz turns retry_with_backoff into retry_after_fix; hard only for hard reasons") {
  const classification full = run(552, "5.2.2", "Mailbox full");
  CHECK(!full.hard);
  CHECK(full.retry == bounce_retry::retry_after_fix);
  CHECK(full.actor == bounce_actor::recipient);
  const classification unknown = run(550, "5.1.1", "");
  CHECK(unknown.hard);
  CHECK(unknown.retry == bounce_retry::never);
  for (const char* text : {"blocked using bl.example.org", "poor reputation", "spam detected",
                           "rejected by local policy", "SPF check failed"}) {
    const classification c = run(550, "5.7.1", text);
    CHECK_MESSAGE(!c.hard, text);
    CHECK_MESSAGE(c.retry == bounce_retry::retry_after_fix, text);
  }
  const classification undefined = run(550, "", "no idea");
  CHECK(!undefined.hard);
  CHECK(undefined.retry == bounce_retry::retry_after_fix);
  CHECK(run(450, "", "no idea").retry == bounce_retry::retry_with_backoff);
}

TEST_CASE("a text alone keeps the reason's own values") {
  const classification full = run(0, "", "mailbox full");
  CHECK(full.retry == bounce_retry::retry_with_backoff);
  const classification unknown = run(0, "", "no such user");
  CHECK(unknown.hard);
  CHECK(unknown.retry == bounce_retry::never);
  const classification nothing = run(0, "", "");
  CHECK(nothing.reason == bounce_reason::undefined);
  CHECK(nothing.evidence == classify_evidence::none);
  check_consistent(nothing);
}

TEST_CASE("2yz is delivered, 3yz is no outcome") {
  const classification ok = run(250, "2.0.0", "Ok: queued as 4F3; spam score 0.1, blocked 0");
  CHECK(ok.reason == bounce_reason::delivered);
  CHECK(ok.evidence == classify_evidence::basic_code);
  CHECK(ok.retry == bounce_retry::not_applicable);
  CHECK(ok.actor == bounce_actor::none);
  CHECK(!ok.hard);
  const classification status = run(0, "2.1.5", "");
  CHECK(status.reason == bounce_reason::delivered);
  CHECK(status.evidence == classify_evidence::enhanced_code);
  const classification go = run(354, "", "End data with <CR><LF>.<CR><LF>");
  CHECK(go.reason == bounce_reason::undefined);
  CHECK(go.retry == bounce_retry::not_applicable);
  CHECK(go.actor == bounce_actor::none);
}

// ---- the caller's rules -------------------------------------------------------------------------

TEST_CASE("the caller's rules come first, in their order") {
  static constexpr classify_rule mine[] = {
      {bounce_reason::blocked, "our-blocklist"},
      {bounce_reason::suspend, "user unknown", 550, {5, 1, 1}, answered_command::rcpt},
      {bounce_reason::onhold, {}, 250, {}, answered_command::data},
      classify_rule{bounce_reason::policyviolation}.with_code(5).with_enhanced({0, 7}).with_phrase(
          "Corporate Rule"),
      classify_rule{bounce_reason::speeding}.with_command(answered_command::ehlo),
  };
  const classification c =
      classify(make(550, "5.1.1", "User unknown", answered_command::rcpt), mine);
  CHECK(c.reason == bounce_reason::suspend);
  CHECK(c.evidence == classify_evidence::caller_rule);
  CHECK(!c.hard);
  // Every condition must hold: another command falls through to the built-in rules.
  const classification other =
      classify(make(550, "5.1.1", "User unknown", answered_command::mail), mine);
  CHECK(other.reason == bounce_reason::userunknown);
  CHECK(other.evidence == classify_evidence::phrase);
  CHECK(classify(make(550, "5.1.1", "on OUR-BLOCKLIST today"), mine).reason ==
        bounce_reason::blocked);
  // Even a 2yz.
  CHECK(classify(make(250, "", "queued for review", answered_command::data), mine).reason ==
        bounce_reason::onhold);
  CHECK(classify(make(250, "", "queued", answered_command::rcpt), mine).reason ==
        bounce_reason::delivered);
  // Class digit only, subject only, and a mixed-case phrase.
  CHECK(classify(make(554, "5.7.9", "per corporate rule 7"), mine).reason ==
        bounce_reason::policyviolation);
  CHECK(classify(make(454, "4.7.9", "per corporate rule 7"), mine).reason !=
        bounce_reason::policyviolation);
  CHECK(classify(make(502, "", "", answered_command::ehlo), mine).reason ==
        bounce_reason::speeding);
  // Pointer and count, and table_range.
  CHECK(classify(make(550, "5.1.1", "our-blocklist"), classify_rules{mine, 1}).reason ==
        bounce_reason::blocked);
  CHECK(
      classify(make(550, "5.1.1", "user unknown", answered_command::rcpt), classify_rules{mine, 1})
          .reason == bounce_reason::userunknown);
  const smtpcodes::table_range<classify_rule> range{mine, mine + 2};
  CHECK(classify(make(550, "5.1.1", "user unknown", answered_command::rcpt), range).reason ==
        bounce_reason::suspend);
  CHECK(classify(make(550, "", "x"), classify_rules{}).reason == bounce_reason::undefined);
}

TEST_CASE("a rule with no condition matches everything") {
  static constexpr classify_rule all[] = {{bounce_reason::systemerror}};
  CHECK(classify(make(550, "5.1.1", "User unknown"), all).reason == bounce_reason::systemerror);
  CHECK(classify(make(0, "", ""), all).reason == bounce_reason::systemerror);
}

// ---- phrases ----------------------------------------------------------------------------------

TEST_CASE("phrases: any case, at a word start, any end, one line") {
  CHECK(run(550, "", "MAILBOX FULL").reason == bounce_reason::mailboxfull);
  CHECK(run(550, "", "MaIlBoX FuLl").reason == bounce_reason::mailboxfull);
  CHECK(run(550, "", "antispam engine says no").reason == bounce_reason::undefined);
  CHECK(run(550, "", "spammy content").reason == bounce_reason::spamdetected);
  CHECK(run(550, "", "(spam)").reason == bounce_reason::spamdetected);
  CHECK(run(550, "", "quotas").reason == bounce_reason::mailboxfull);
  CHECK(run(550, "", "Mailbox\r\nfull").reason == bounce_reason::undefined);
  CHECK(run(550, "", "mailbox  full").reason == bounce_reason::undefined);
  CHECK(run(550, "", "user unknow").reason == bounce_reason::undefined);
  CHECK(run(550, "", "is throttled").reason == bounce_reason::speeding);
  CHECK(smtpcodes::classify_phrase_found("Over Quota", "over quota"));
  CHECK(smtpcodes::classify_phrase_found("x", ""));
  CHECK(!smtpcodes::classify_phrase_found("xover quota", "over quota"));
  CHECK(smtpcodes::classify_phrase_found("[TSS04]", "tss04"));
  CHECK(smtpcodes::classify_phrase_found("5.7.606", "5.7.606"));
  CHECK(!smtpcodes::classify_phrase_found("15.7.606", "5.7.606"));
  CHECK(!smtpcodes::classify_phrase_found("over", "over quota"));
  // Octets above 0x7F are not letters.
  CHECK(run(550, "", "\xc3\xa9spam").reason == bounce_reason::spamdetected);
  CHECK(run(550, "", std::string_view("mailbox\0full", 12)).reason == bounce_reason::undefined);
}

// The scan finds word starts 64 octets at a time (SIMD where the target has it): a phrase is
// found at every offset across two block boundaries, after a word that runs over a boundary,
// and not when glued to a letter on the far side of one.
TEST_CASE("phrases at every offset across the scan's blocks") {
  for (std::size_t k = 0; k < 150; ++k) {
    CAPTURE(k);
    const std::string spaces(k, ' ');
    CHECK(run(550, "", spaces + "Mailbox full").reason == bounce_reason::mailboxfull);
    // One long word up to the phrase: the word start after it is still seen.
    const std::string word = std::string(k, 'q') + " ";
    CHECK(run(550, "", word + "mailbox FULL").reason == bounce_reason::mailboxfull);
    CHECK(run(550, "", std::string(k + 1, 'q') + "mailbox full").reason ==
          bounce_reason::undefined);
    CHECK(run(550, "", std::string(k + 1, '7') + "mailbox full").reason ==
          bounce_reason::undefined);
    // The phrase is cut by the end of the text: no match, no read past it.
    const std::string cut = spaces + "mailbox ful";
    CHECK(run(550, "", std::string_view(cut)).reason == bounce_reason::undefined);
  }
}

// ---- the overloads ----------------------------------------------------------------------------

TEST_CASE("reply_view: code, enhanced code and each line's message") {
  const std::string wire =
      "550-5.1.1 The email account that you tried to reach\r\n"
      "550-5.1.1 is over quota. Please try again later\r\n"
      "550 5.1.1 https://support.example.com/mail\r\n";
  smtpcodes::reply_parser parser;
  REQUIRE(parser.feed(wire).is_complete());
  const smtpcodes::reply_view reply = parser.reply();
  const classification c = classify(reply, answered_command::rcpt);
  CHECK(c.reason == bounce_reason::mailboxfull);
  CHECK(c.evidence == classify_evidence::phrase);
  check_consistent(c);
  // The enhanced code is removed from each line's message: "5.1.1" is not a phrase there.
  static constexpr classify_rule code_phrase[] = {{bounce_reason::blocked, "5.1.1"}};
  CHECK(classify(reply, code_phrase, answered_command::rcpt).reason == bounce_reason::mailboxfull);
  // The command the caller gives is used.
  smtpcodes::reply_parser bare;
  REQUIRE(bare.feed(std::string_view("552 Error\r\n")).is_complete());
  CHECK(classify(bare.reply(), answered_command::rcpt).reason == bounce_reason::mailboxfull);
  CHECK(classify(bare.reply(), answered_command::mail).reason == bounce_reason::mesgtoobig);
  // A default reply_view (no reply) is undefined.
  CHECK(classify(smtpcodes::reply_view{}).reason == bounce_reason::undefined);
}

TEST_CASE("found_reply: code, enhanced code, text and command") {
  const std::string bounce =
      "<bob@example.com>: host mx.example.com[192.0.2.7] said: 550 5.1.1 <bob@example.com>: "
      "Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO "
      "command)";
  const smtpcodes::found_reply f = smtpcodes::find_reply(bounce);
  REQUIRE(f.found);
  const classification c = classify(f);
  CHECK(c.reason == bounce_reason::userunknown);
  CHECK(c.hard);
  CHECK(!inside(c.fix, bounce));
  check_consistent(c);

  const std::string data =
      "host mx.example.net said: 552 Message size exceeds maximum permitted (in reply to end of "
      "DATA command)";
  const smtpcodes::found_reply d = smtpcodes::find_reply(data);
  REQUIRE(d.command == answered_command::data);
  CHECK(classify(d).reason == bounce_reason::mesgtoobig);

  // A multi-line reply: the phrase on a later line counts.
  const std::string multi =
      "said: 550-5.7.1 [192.0.2.1] Our system has found this\n"
      "550-5.7.1 message to be listed in a blocklist\n"
      "550 5.7.1 of ours.\n";
  const smtpcodes::found_reply m = smtpcodes::find_reply(multi);
  REQUIRE(m.line_count == 3);
  CHECK(classify(m).reason == bounce_reason::blocked);

  const smtpcodes::found_reply none = smtpcodes::find_reply("nothing to see");
  REQUIRE(!none.found);
  const classification n = classify(none);
  CHECK(n.reason == bounce_reason::undefined);
  CHECK(n.evidence == classify_evidence::none);
  static constexpr classify_rule mine[] = {{bounce_reason::filtered, "bob"}};
  CHECK(classify(f, mine).reason == bounce_reason::filtered);
}

TEST_CASE("results point at static text, never into the input") {
  const std::string text = "Mailbox full";
  const classification c = run(552, "5.2.2", text);
  CHECK(!inside(c.fix, text));
  CHECK(c.fix == smtpcodes::reason_info(bounce_reason::mailboxfull).fix);
  CHECK(c.provider_entry == nullptr);
  CHECK(c.who == smtpcodes::provider::none);
}

TEST_CASE("a provider entry comes after the caller's rules and before the built-in rules") {
  // Microsoft's 5.7.606 (banned sending IP) is no registered code: providers.hpp knows it.
  const classification c = run(550, "5.7.606", "Access denied, banned sending IP [192.0.2.1]");
  CHECK(c.reason == bounce_reason::blocked);
  CHECK(c.evidence == classify_evidence::provider_code);
  REQUIRE(c.provider_entry != nullptr);
  CHECK(c.fix == c.provider_entry->fix);
  CHECK(c.who == smtpcodes::provider::microsoft);
  CHECK_FALSE(c.hard);
  static constexpr classify_rule mine[] = {{bounce_reason::filtered, "banned sending"}};
  CHECK(classify(make(550, "5.7.606", "Access denied, banned sending IP"), mine).reason ==
        bounce_reason::filtered);
  // Not for a 2yz.
  CHECK(run(250, "", "Access denied, banned sending IP 5.7.606").reason ==
        bounce_reason::delivered);
  classify_input in = make(550, "5.1.1", "User unknown");
  in.remote_host = "mx.google.com";
  CHECK(classify(in).who == smtpcodes::provider::google);
  CHECK(classify(in).reason == bounce_reason::userunknown);
}
