// Tests for providers.hpp: every table entry is found from a reply text that carries it,
// detection by host and by text marker, registered codes needing context, the most specific
// match winning, lookup for `explain`, constexpr use, and garbage input. The header comes
// first to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <set>
#include <smtpcodes/enhanced_status_info.hpp>
#include <smtpcodes/providers.hpp>
#include <string>
#include <string_view>

using smtpcodes::bounce_reason;
using smtpcodes::detect_provider;
using smtpcodes::enhanced_status;
using smtpcodes::find_provider_code;
using smtpcodes::lookup_provider_code;
using smtpcodes::parse_enhanced_status;
using smtpcodes::provider;
using smtpcodes::provider_code_info;
using smtpcodes::provider_codes;
using smtpcodes::reply_code;
using namespace std::string_view_literals;

namespace {

// A host name of each provider's inbound servers (or, for blocklists, nothing).
std::string host_of(provider p) {
  switch (p) {
    case provider::microsoft:
      return "contoso-com.mail.protection.outlook.com";
    case provider::google:
      return "gmail-smtp-in.l.google.com";
    case provider::yahoo:
      return "mta5.am0.yahoodns.net";
    case provider::apple:
      return "mx01.mail.icloud.com";
    case provider::yandex:
      return "mx.yandex.net";
    case provider::mailru:
      return "mxs.mail.ru";
    case provider::gmx_webde:
      return "mx00.gmx.net";
    case provider::zoho:
      return "mx.zoho.com";
    case provider::proton:
      return "mail.protonmail.ch";
    case provider::fastmail:
      return "in1-smtp.messagingengine.com";
    case provider::comcast:
      return "mx1a1.comcast.net";
    case provider::orange:
      return "smtp-in.orange.fr";
    case provider::t_online:
      return "mx00.t-online.de";
    default:
      return "";
  }
}

bool in_table(const provider_code_info* e) {
  const auto all = provider_codes();
  return e != nullptr && e >= all.begin() && e < all.end();
}

bool names_provider(const provider_code_info& e) {
  if (e.code.empty()) return false;
  const auto s = parse_enhanced_status(e.code);
  return !s || !smtpcodes::is_registered_enhanced_status(*s);
}

std::string basic_for(const provider_code_info& e) {
  const auto s = parse_enhanced_status(e.code);
  if (s && s->klass == 4) return "451";
  return "550";
}

// A reply text carrying the entry's code (or a default code), its phrase and, for a token, the
// token the way providers write it.
std::string reply_for(const provider_code_info& e, std::string_view code) {
  std::string text = basic_for(e) + " ";
  const auto s = parse_enhanced_status(code);
  if (s) {
    text += std::string(code) + " ";
  } else if (!code.empty()) {
    text += code.find('.') != std::string_view::npos
                ? "5.7.1 Client host [192.0.2.1] blocked using " + std::string(code) + "; "
                : "5.7.1 [" + std::string(code) + "] ";
  } else {
    text += "5.0.0 ";
  }
  text += "Sorry, " + std::string(e.phrase) + " - see the postmaster page.";
  return text;
}

}  // namespace

TEST_CASE("every entry is found from a reply text that carries it") {
  std::size_t checked = 0;
  for (const auto& e : provider_codes()) {
    CAPTURE(e.code);
    CAPTURE(e.phrase);
    const std::string host = names_provider(e) ? "" : host_of(e.who);
    std::string text = reply_for(e, e.code);
    const auto enhanced = parse_enhanced_status(e.code);
    const auto* found = find_provider_code(reply_code{550}, enhanced, text, host);
    CHECK(found == &e);
    // The enhanced code in the text alone (no parsed code passed) finds it too.
    if (enhanced) CHECK(find_provider_code(std::nullopt, std::nullopt, text, host) == &e);
    // Upper case text and host: matching ignores case.
    std::string upper = text;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string upper_host = host;
    for (auto& c : upper_host) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(find_provider_code(reply_code{550}, enhanced, upper, upper_host) == &e);
    // A range is found from its last code and one inside it.
    if (!e.code_last.empty()) {
      const std::string last_text = reply_for(e, e.code_last);
      CHECK(find_provider_code(std::nullopt, parse_enhanced_status(e.code_last), last_text, host) ==
            &e);
    }
    ++checked;
  }
  CHECK(checked == provider_codes().size());
  CHECK(checked >= 150);
}

TEST_CASE("realistic replies") {
  struct sample {
    std::string_view text;
    std::string_view host;
    provider who;
    std::string_view code;
    bounce_reason reason;
  };
  const sample samples[] = {
      {"550 5.7.606 Access denied, banned sending IP [203.0.113.7]. To request removal from this "
       "list please visit https://sender.office.com/ and follow the directions."sv,
       ""sv, provider::microsoft, "5.7.606"sv, bounce_reason::blocked},
      {"451 4.7.650 The mail server [203.0.113.7] has been temporarily rate limited due to IP "
       "reputation. For e-mail delivery information, see https://aka.ms/postmaster (S775)"sv,
       ""sv, provider::microsoft, "4.7.500"sv, bounce_reason::badreputation},
      {"550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP."sv, ""sv,
       provider::microsoft, "5.7.708"sv, bounce_reason::badreputation},
      {"550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"sv,
       "contoso-com.mail.protection.outlook.com"sv, provider::microsoft, "5.1.10"sv,
       bounce_reason::userunknown},
      {"550-5.1.1 The email account that you tried to reach does not exist. Please try\n"
       "550-5.1.1 double-checking the recipient's email address for typos or\n"
       "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser 41be03b00d2f7-abc - gsmtp"sv,
       ""sv, provider::google, "5.1.1"sv, bounce_reason::userunknown},
      {"450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n"
       "450 4.2.1 prevents additional messages from being delivered. - gsmtp"sv,
       ""sv, provider::google, "4.2.1"sv, bounce_reason::speeding},
      {"550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's\n"
       "550 5.7.26 DMARC policy. - gsmtp"sv,
       ""sv, provider::google, "5.7.26"sv, bounce_reason::authfailure},
      {"421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume "
       "or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes"sv,
       ""sv, provider::yahoo, "TSS04"sv, bounce_reason::badreputation},
      {"421 4.7.1 [TS03] All messages from 192.0.2.1 will be permanently deferred; Retrying will "
       "NOT succeed. See https://help.yahoo.com/kb/postmaster/SLN3436.html"sv,
       ""sv, provider::yahoo, "TS03"sv, bounce_reason::blocked},
      {"550 5.7.1 [CS01] Message rejected due to local policy. Please visit "
       "https://support.apple.com/en-us/HT204137"sv,
       ""sv, provider::apple, "CS01"sv, bounce_reason::policyviolation},
      {"554 resimta-po-01v.sys.comcast.net resimta-po-01v.sys.comcast.net 192.0.2.1 found on one "
       "or more DNSBLs (Spamhaus Zen), see https://www.xfinity.com/support/articles/email-errors "
       "BL000001"sv,
       ""sv, provider::comcast, "BL000001"sv, bounce_reason::blocked},
      {"421 mwinf5c10 ME Service refuse. Veuillez essayer plus tard. Service refused, please try "
       "later. OFR_999 [999]"sv,
       ""sv, provider::orange, "OFR_999"sv, bounce_reason::badreputation},
      {"554 IP=192.0.2.1 - None/bad reputation. Ask your postmaster for help or to contact "
       "tobr@rx.t-online.de for reset. (NOWL)"sv,
       ""sv, provider::t_online, ""sv, bounce_reason::badreputation},
      {"554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; "
       "https://www.spamhaus.org/query/ip/192.0.2.1"sv,
       ""sv, provider::spamhaus, "zen.spamhaus.org"sv, bounce_reason::blocked},
      {"553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in "
       "Spamhaus's list; see https://postmaster.yahooinc.com/error-codes"sv,
       ""sv, provider::spamhaus, "spamhaus"sv, bounce_reason::blocked},
      {"554 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org; "
       "http://www.barracudacentral.org/rbl/removal-request"sv,
       ""sv, provider::barracuda, "b.barracudacentral.org"sv, bounce_reason::blocked},
      {"550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.spamcop.net"sv,
       ""sv, provider::spamcop, "bl.spamcop.net"sv, bounce_reason::blocked},
      {"554 5.7.1 Message rejected under suspicion of SPAM; https://ya.cc/1IrBc"sv,
       "mx.yandex.ru"sv, provider::yandex, ""sv, bounce_reason::spamdetected},
      {"554-gmx.net (mxgmx104) Nemesis ESMTP Service not available\n554-No SMTP service\n"
       "554-IP address is block listed.\n554 For explanation visit "
       "https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=198.51.100.42"sv,
       ""sv, provider::gmx_webde, ""sv, bounce_reason::blocked},
  };
  for (const auto& s : samples) {
    CAPTURE(s.text);
    std::optional<enhanced_status> enhanced;
    // The code after the basic code, as a reply parser would give it.
    if (s.text.size() > 4) {
      std::string_view rest = s.text.substr(4);
      const auto sp = rest.find_first_of(" \n");
      enhanced = parse_enhanced_status(rest.substr(0, sp));
    }
    const auto* e = find_provider_code(std::nullopt, enhanced, s.text, s.host);
    REQUIRE(e != nullptr);
    CHECK(e->who == s.who);
    CHECK(e->code == s.code);
    CHECK(e->reason == s.reason);
    CHECK(in_table(e));
  }
}

TEST_CASE("detection by host name") {
  for (int v = 1; v <= static_cast<int>(provider::t_online); ++v) {
    const auto p = static_cast<provider>(v);
    CAPTURE(smtpcodes::provider_id(p));
    const std::string host = host_of(p);
    REQUIRE(!host.empty());
    CHECK(detect_provider("", host) == p);
    CHECK(detect_provider("550 5.1.1 no such user", host + ".") == p);
  }
  CHECK(detect_provider("", "hotmail-com.olc.protection.outlook.com") == provider::microsoft);
  CHECK(detect_provider("", "ALT1.GMAIL-SMTP-IN.L.GOOGLE.COM") == provider::google);
  // Suffixes match whole labels only.
  CHECK(detect_provider("", "mx.notgoogle.com") == provider::none);
  CHECK(detect_provider("", "mx.email.ru") == provider::none);
  CHECK(detect_provider("", "mx.example.com") == provider::none);
  // The host wins over text markers.
  CHECK(detect_provider("550 5.7.1 blocked - gsmtp", "mx.yandex.net") == provider::yandex);
}

TEST_CASE("detection by text markers") {
  CHECK(detect_provider("550 5.7.1 This message violates example.com email policy. - gcdp "
                        "<sessionid> - gsmtp") == provider::google);
  CHECK(detect_provider("421 4.7.0 [TSS04] Messages temporarily deferred") == provider::yahoo);
  CHECK(detect_provider("[DB3EUR04FT007.eop-eur04.prod.protection.outlook.com]") ==
        provider::microsoft);
  CHECK(detect_provider("see https://sendersupport.olc.protection.outlook.com/pm/") ==
        provider::microsoft);
  CHECK(detect_provider("For explanation visit https://postmaster.gmx.net/en/case") ==
        provider::gmx_webde);
  CHECK(detect_provider("contact tobr@rx.t-online.de for reset") == provider::t_online);
  CHECK(detect_provider("blocked using zen.spamhaus.org") == provider::spamhaus);
  // A mailbox provider's marker outranks a blocklist named in the same text.
  CHECK(detect_provider("553 5.7.1 [BL21] listed by Spamhaus; see https://senders.yahooinc.com/") ==
        provider::yahoo);
  // Infrastructure (gsmtp) outranks a plain domain (the recipient's yahoo.com in the text).
  CHECK(detect_provider("mail to yahoo.com users - gsmtp") == provider::google);
  // A domain after '@' is an address, not the answering provider.
  CHECK(detect_provider("550 5.1.1 <someone@gmail.com>: Recipient address rejected") ==
        provider::none);
  CHECK(detect_provider("550 5.1.1 user unknown") == provider::none);
  CHECK(detect_provider("") == provider::none);
  CHECK(detect_provider("GSMTP") == provider::google);
}

TEST_CASE("registered codes need the provider detected") {
  const auto gmail_511 =
      "550 5.1.1 The email account that you tried to reach does not exist. Please try"sv;
  const auto code = parse_enhanced_status("5.1.1");
  CHECK(find_provider_code(reply_code{550}, code, gmail_511) == nullptr);
  const auto* e = find_provider_code(reply_code{550}, code, std::string(gmail_511) + " - gsmtp");
  REQUIRE(e != nullptr);
  CHECK(e->who == provider::google);
  CHECK(find_provider_code(reply_code{550}, code, gmail_511, "gmail-smtp-in.l.google.com") == e);
  // The same code and text from another provider does not take Gmail's meaning.
  CHECK(find_provider_code(reply_code{550}, code, gmail_511, "mx.yandex.net") == nullptr);
  // Microsoft's 5.1.10 (registered: null MX) means "recipient not found" only at Microsoft.
  const auto c5110 = parse_enhanced_status("5.1.10");
  CHECK(find_provider_code(reply_code{550}, c5110, "550 5.1.10 Recipient not found") == nullptr);
  CHECK(find_provider_code(reply_code{550}, c5110, "550 5.1.10 Recipient not found",
                           "contoso-com.mail.protection.outlook.com") != nullptr);
  // A phrase-only entry needs its provider too.
  CHECK(find_provider_code(std::nullopt, std::nullopt, "554 IP=192.0.2.1 - None/bad reputation.") ==
        nullptr);
  // A registered code with the provider detected but the wrong phrase: no match.
  CHECK(find_provider_code(reply_code{550}, parse_enhanced_status("5.7.1"),
                           "550 5.7.1 something else entirely - gsmtp") == nullptr);
}

TEST_CASE("provider-only codes and tokens match anywhere") {
  // Microsoft's unregistered codes, with no marker in the text.
  for (const char* c : {"5.7.606", "5.7.620", "5.7.649", "5.7.509", "5.7.515", "5.4.14", "4.7.650",
                        "4.7.651", "5.7.750", "5.7.57", "5.7.133"}) {
    CAPTURE(c);
    const auto* e = find_provider_code(std::nullopt, parse_enhanced_status(c), "550 Access denied");
    REQUIRE(e != nullptr);
    CHECK(e->who == provider::microsoft);
  }
  CHECK(find_provider_code(std::nullopt, parse_enhanced_status("5.7.650"), "550 x") == nullptr);
  CHECK(find_provider_code(std::nullopt, std::nullopt, "421 4.7.0 [tss04] deferred")->who ==
        provider::yahoo);
  CHECK(find_provider_code(std::nullopt, std::nullopt, "550 BL000000 spam patterns")->who ==
        provider::comcast);
  // Tokens are whole words: TSS04X or XTSS04 are not TSS04.
  CHECK(find_provider_code(std::nullopt, std::nullopt, "421 TSS04X deferred") == nullptr);
  CHECK(find_provider_code(std::nullopt, std::nullopt, "421 XTSS04 deferred") == nullptr);
  // A multi-line Exchange reply: the code after the hyphen is found.
  CHECK(find_provider_code(std::nullopt, std::nullopt, "550-5.7.606 Access denied")->code ==
        "5.7.606");
}

TEST_CASE("the most specific match wins") {
  // An exact code beats the range around it.
  const auto* r = find_provider_code(std::nullopt, parse_enhanced_status("5.7.705"),
                                     "550 5.7.705 Access denied, tenant has exceeded threshold");
  REQUIRE(r != nullptr);
  CHECK(r->code == "5.7.705");
  CHECK(find_provider_code(std::nullopt, parse_enhanced_status("5.7.720"), "550 5.7.720")->code ==
        "5.7.700");
  // A phrase beats a bare code: Gmail 4.7.28 "same Message-ID" versus plain 4.7.28.
  const auto* p = find_provider_code(std::nullopt, parse_enhanced_status("4.7.28"),
                                     "421 4.7.28 exceeded the quota for sending messages that have "
                                     "the same Message-ID: - gsmtp");
  REQUIRE(p != nullptr);
  CHECK(p->phrase == "same message-id");
  CHECK(find_provider_code(std::nullopt, parse_enhanced_status("4.7.28"),
                           "421 4.7.28 unusual rate of unsolicited email - gsmtp")
            ->phrase.empty());
  // A receiver's own token beats the blocklist it names.
  CHECK(find_provider_code(std::nullopt, std::nullopt,
                           "554 BL000001 listed on Spamhaus zen.spamhaus.org")
            ->who == provider::comcast);
  // A longer blocklist name beats a shorter one.
  CHECK(find_provider_code(std::nullopt, std::nullopt, "blocked using xbl.spamhaus.org")->code ==
        "xbl.spamhaus.org");
  CHECK(find_provider_code(std::nullopt, std::nullopt,
                           "see https://check.spamhaus.org/ listed by Spamhaus")
            ->code == "spamhaus.org");
}

TEST_CASE("lookup_provider_code for explain") {
  CHECK(lookup_provider_code("5.7.606")->code == "5.7.606");
  CHECK(lookup_provider_code("5.7.620")->code == "5.7.606");
  CHECK(lookup_provider_code("4.7.650")->code == "4.7.500");
  CHECK(lookup_provider_code("5.7.705")->code == "5.7.705");
  CHECK(lookup_provider_code("5.7.515")->who == provider::microsoft);
  CHECK(lookup_provider_code("5.7.32")->who == provider::google);
  CHECK(lookup_provider_code("TSS04")->who == provider::yahoo);
  CHECK(lookup_provider_code("[TSS04]")->who == provider::yahoo);
  CHECK(lookup_provider_code("tss04")->who == provider::yahoo);
  CHECK(lookup_provider_code("CS01")->who == provider::apple);
  CHECK(lookup_provider_code("BL000001")->who == provider::comcast);
  CHECK(lookup_provider_code("OFR_999")->who == provider::orange);
  CHECK(lookup_provider_code("zen.spamhaus.org")->who == provider::spamhaus);
  CHECK(lookup_provider_code("ZEN.SPAMHAUS.ORG")->who == provider::spamhaus);
  // Registered codes say nothing on their own, whatever providers do with them.
  for (const char* c : {"5.7.1", "5.1.1", "5.1.10", "4.7.28", "5.7.26", "4.2.1", "5.2.2"}) {
    CAPTURE(c);
    CHECK(lookup_provider_code(c) == nullptr);
  }
  CHECK(lookup_provider_code("5.7.650") == nullptr);
  CHECK(lookup_provider_code("TSS99") == nullptr);
  CHECK(lookup_provider_code("gsmtp") == nullptr);  // a marker, not a code
  CHECK(lookup_provider_code("outlook.com") == nullptr);
  CHECK(lookup_provider_code("") == nullptr);
  CHECK(lookup_provider_code("[]") == nullptr);
  CHECK(in_table(lookup_provider_code("5.7.606")));
}

TEST_CASE("the registry test agrees with enhanced_status_info.hpp") {
  for (const std::uint8_t k : {2, 4, 5}) {
    for (std::uint16_t s = 0; s < 12; ++s) {
      for (std::uint16_t d = 0; d < 40; ++d) {
        const enhanced_status e{k, s, d};
        CAPTURE(s);
        CAPTURE(d);
        CHECK(smtpcodes::is_registered_enhanced_status(e) == (smtpcodes::lookup(e) != nullptr));
      }
    }
  }
}

TEST_CASE("names and ids") {
  std::set<std::string_view> ids;
  CHECK(smtpcodes::to_string(provider::none).empty());
  CHECK(smtpcodes::provider_id(provider::none).empty());
  for (int v = 1; v <= static_cast<int>(provider::spamcop); ++v) {
    const auto p = static_cast<provider>(v);
    CHECK(!smtpcodes::to_string(p).empty());
    CHECK(!smtpcodes::provider_id(p).empty());
    ids.insert(smtpcodes::provider_id(p));
  }
  CHECK(ids.size() == static_cast<std::size_t>(provider::spamcop));
  CHECK(smtpcodes::is_blocklist(provider::spamhaus));
  CHECK(!smtpcodes::is_blocklist(provider::google));
}

TEST_CASE("the table: urls, texts, one entry per (who, code, phrase)") {
  std::set<std::string> keys;
  for (const auto& e : provider_codes()) {
    CHECK(e.url.substr(0, 8) == "https://");
    CHECK(!e.meaning.empty());
    CHECK(!e.fix.empty());
    CHECK(e.who != provider::none);
    CHECK(keys.insert(std::string(smtpcodes::provider_id(e.who)) + "|" + std::string(e.code) + "|" +
                      std::string(e.phrase))
              .second);
  }
}

TEST_CASE("garbage and edge input") {
  std::mt19937 rng(12);
  const std::string_view alphabet = "5.7.60 4TSS0[]@-_ gsmtp.outlook.comBL0\r\n\x80\xff"sv;
  for (int round = 0; round < 20000; ++round) {
    std::string s(rng() % 120, ' ');
    for (auto& c : s) c = alphabet[rng() % alphabet.size()];
    const auto* e = find_provider_code(std::nullopt, std::nullopt, s, s.substr(0, s.size() / 3));
    CHECK((e == nullptr || in_table(e)));
    static_cast<void>(detect_provider(s, s));
    static_cast<void>(lookup_provider_code(s));
  }
  for (int round = 0; round < 2000; ++round) {
    std::string s(rng() % 64, ' ');
    for (auto& c : s) c = static_cast<char>(rng() % 256);
    CHECK((find_provider_code(std::nullopt, std::nullopt, s) == nullptr ||
           in_table(find_provider_code(std::nullopt, std::nullopt, s))));
  }
  CHECK(find_provider_code(std::nullopt, std::nullopt, "") == nullptr);
  CHECK(find_provider_code(std::nullopt, std::nullopt, "....---___") == nullptr);
  CHECK(find_provider_code(std::nullopt, std::nullopt, "5.7.606.") != nullptr);
  // Every prefix of a real reply: no crash, and the full text matches.
  const std::string full = "550 5.7.606 Access denied, banned sending IP [203.0.113.7]";
  for (std::size_t n = 0; n <= full.size(); ++n) {
    const auto* e = find_provider_code(std::nullopt, std::nullopt, full.substr(0, n));
    CHECK((e == nullptr || in_table(e)));
  }
  // An enhanced code that is not well formed is ignored, not trusted.
  CHECK(find_provider_code(std::nullopt, enhanced_status{9, 7, 606}, "x") == nullptr);
}

// Words are found 64 octets at a time from bit masks (SIMD where the target has it): every kind
// of word — a token, a domain, an enhanced code, a marker, a phrase — is found at every offset
// across two block boundaries, including after a word that runs over a boundary.
TEST_CASE("tokens, domains, codes and phrases at every offset across the scan's blocks") {
  const auto* tss04 = lookup_provider_code("TSS04");
  REQUIRE(tss04 != nullptr);
  for (std::size_t k = 0; k < 150; ++k) {
    CAPTURE(k);
    for (const std::string& filler : {std::string(k, ' '), std::string(k, 'q') + " ",
                                      std::string(k, '-') + " ", std::string(k, '1') + " "}) {
      CHECK(find_provider_code(std::nullopt, std::nullopt, filler + "[TSS04] deferred") == tss04);
      CHECK(detect_provider(filler + "Client host blocked using zen.spamhaus.org") ==
            provider::spamhaus);
      CHECK(detect_provider(filler + "rejected - gsmtp") == provider::google);
      const auto* e = find_provider_code(std::nullopt, std::nullopt,
                                         filler + "550 5.7.606 Access denied, banned sending IP");
      REQUIRE(e != nullptr);
      CHECK(e->code == "5.7.606");
    }
    // Glued to the word before it, a token is no longer a word of its own.
    CHECK(find_provider_code(std::nullopt, std::nullopt, std::string(k + 1, 'q') + "TSS04 x") ==
          nullptr);
  }
}

// constexpr: the whole API works in constant expressions.
// The table checks that compare every pair of entries (kept out of the header for its compile
// cost; see providers.hpp).
static_assert(smtpcodes::detail::provider_entries_unique(),
              "two provider entries share (who, code, phrase)");
static_assert(smtpcodes::detail::provider_tokens_exclusive(),
              "a provider token or unregistered enhanced code is claimed by two providers");
static_assert(find_provider_code(std::nullopt, parse_enhanced_status("5.7.606"),
                                 "550 5.7.606 Access denied, banned sending IP")
                  ->reason == bounce_reason::blocked);
static_assert(find_provider_code(std::nullopt, std::nullopt, "421 4.7.0 [TSS04] deferred")->who ==
              provider::yahoo);
static_assert(find_provider_code(std::nullopt, parse_enhanced_status("5.1.1"),
                                 "550 5.1.1 does not exist") == nullptr);
static_assert(detect_provider("x", "gmail-smtp-in.l.google.com") == provider::google);
static_assert(detect_provider("blah - gsmtp") == provider::google);
static_assert(lookup_provider_code("TSS04")->code == "TSS04");
static_assert(lookup_provider_code("5.7.1") == nullptr);
static_assert(smtpcodes::provider_codes().size() >= 150);
static_assert(smtpcodes::is_registered_enhanced_status(enhanced_status{5, 7, 30}));
static_assert(!smtpcodes::is_registered_enhanced_status(enhanced_status{5, 7, 31}));

TEST_CASE("match_provider gives both answers of one scan") {
  const auto text =
      "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip "
      "is in Spamhaus's list; see https://senders.yahooinc.com/smtp-error-codes/"sv;
  const auto m = smtpcodes::match_provider(std::nullopt, parse_enhanced_status("5.7.1"), text);
  CHECK(m.who == provider::yahoo);
  REQUIRE(m.entry != nullptr);
  CHECK(m.entry->who == provider::spamhaus);
  CHECK(m.who == detect_provider(text));
  CHECK(m.entry == find_provider_code(std::nullopt, parse_enhanced_status("5.7.1"), text));
  const auto none = smtpcodes::match_provider(reply_code{250}, std::nullopt, "250 2.0.0 Ok");
  CHECK(none.who == provider::none);
  CHECK(none.entry == nullptr);
}

static_assert(smtpcodes::match_provider(std::nullopt, std::nullopt, "x", "mx.yandex.net").who ==
              provider::yandex);

TEST_CASE("a phrase wrapped across reply lines, among many candidates") {
  // Gmail has 17 texts for 5.7.1: the later searches go through the pair prefilter, which must
  // not reject a phrase broken by a line end and the next line's "550-5.7.1 " prefix.
  const auto text =
      "550-5.7.1 [192.0.2.1] The IP you're using to send email is not authorized to send email\n"
      "550-5.7.1 directly to our servers. Please use the SMTP relay at your service provider\n"
      "550 5.7.1 instead. - gsmtp"sv;
  const auto* e = find_provider_code(reply_code{550}, parse_enhanced_status("5.7.1"), text);
  REQUIRE(e != nullptr);
  CHECK(e->phrase == "not authorized to send email directly to our servers");
  CHECK(e->reason == bounce_reason::blocked);
  // Without the continuation prefix skipped, a word of another line does not join the phrase.
  CHECK(find_provider_code(reply_code{550}, parse_enhanced_status("5.7.1"),
                           "550 5.7.1 not authorized to send email\nfoo directly to our servers"
                           " - gsmtp"sv) == nullptr);
}
