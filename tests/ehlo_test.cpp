// Tests for ehlo.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <fstream>
#include <smtpcodes/ehlo.hpp>
#include <sstream>
#include <string>
#include <vector>

using smtpcodes::errc;
using smtpcodes::extension;

namespace {

// Parses one complete reply out of `stream`; the stream must outlive the result.
smtpcodes::ehlo_result ehlo(const std::string& stream, smtpcodes::ehlo_options options = {}) {
  smtpcodes::reply_parser parser;
  const auto r = parser.feed(stream);
  REQUIRE(r.is_complete());
  return smtpcodes::parse_ehlo(parser.reply(), options);
}

std::string corpus(const std::string& name) {
  std::ifstream in(SMTPCODES_CORPUS_DIR "/replies/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("registry: every keyword, looked up case-insensitively") {
  CHECK(smtpcodes::extension_count == 34);
  for (const char* k : {"8BITMIME", "ATRN",        "AUTH",          "BINARYMIME",
                        "BURL",     "CHECKPOINT",  "CHUNKING",      "CONNEG",
                        "CONPERM",  "DELIVERBY",   "DSN",           "ENHANCEDSTATUSCODES",
                        "ETRN",     "EXPN",        "FUTURERELEASE", "HELP",
                        "LIMITS",   "MT-PRIORITY", "MTRK",          "NO-SOLICITING",
                        "ONEX",     "PIPELINING",  "REQUIRETLS",    "RRVS",
                        "SAML",     "SEND",        "SIZE",          "SMTPUTF8",
                        "SOML",     "STARTTLS",    "SUBMITTER",     "TURN",
                        "UTF8SMTP", "VERB"}) {
    CAPTURE(k);
    const auto* e = smtpcodes::lookup_extension(k);
    REQUIRE(e != nullptr);
    CHECK(e->keyword == k);
    CHECK(&smtpcodes::registry_entry(e->id) == e);
  }
  CHECK(smtpcodes::lookup_extension("starttls")->id == extension::starttls);
  CHECK(smtpcodes::lookup_extension("Mt-Priority")->id == extension::mt_priority);
  CHECK(smtpcodes::lookup_extension("X-ANONYMOUSTLS") == nullptr);
  CHECK(smtpcodes::registry_entry(extension::utf8smtp).deprecated);
  CHECK_FALSE(smtpcodes::registry_entry(extension::smtputf8).deprecated);
  CHECK(smtpcodes::registry_entry(extension::limits).rfc == "RFC 9422");
}

TEST_CASE("Postfix-style EHLO: domain, greeting and flags") {
  const std::string s = corpus("ehlo_postfix.smtp");
  const auto r = ehlo(s);
  REQUIRE(r.ok());
  const auto& c = r.capabilities;
  CHECK(!c.domain().empty());
  CHECK(c.has(extension::pipelining));
  CHECK(c.has(extension::starttls));
  CHECK(c.has(extension::enhancedstatuscodes));
  CHECK(c.has(extension::eightbitmime));
  CHECK(c.has(extension::dsn));
  CHECK(c.has(extension::smtputf8));
  CHECK(c.has(extension::chunking));
  CHECK_FALSE(c.has(extension::auth));
  CHECK(c.size_limit().has_value());
}

TEST_CASE("Gmail-style EHLO: SIZE number, AUTH mechanisms, last line keyword") {
  const std::string s = corpus("ehlo_gmail.smtp");
  const auto r = ehlo(s);
  REQUIRE(r.ok());
  const auto& c = r.capabilities;
  CHECK(c.domain() == "mx.example.com");
  CHECK(c.greeting() == "at your service, [2001:db8::25]");
  CHECK(c.size_limit() == 35882577u);
  CHECK(c.supports_auth_mechanism("PLAIN"));
  CHECK(c.supports_auth_mechanism("xoauth2"));
  CHECK_FALSE(c.supports_auth_mechanism("CRAM-MD5"));
  CHECK_FALSE(c.supports_auth_mechanism("PLAI"));
  CHECK(c.has(extension::requiretls));
  CHECK(c.has(extension::smtputf8));  // announced on the final line
  CHECK_FALSE(c.has(extension::starttls));
}

TEST_CASE("Exchange-style EHLO: unknown keywords and the old AUTH= line kept in the walk") {
  const std::string s = corpus("ehlo_exchange.smtp");
  const auto r = ehlo(s);
  REQUIRE(r.ok());
  const auto& c = r.capabilities;
  CHECK(c.supports_auth_mechanism("NTLM"));
  CHECK(c.supports_auth_mechanism("LOGIN"));
  CHECK(c.has(extension::binarymime));
  std::vector<std::string> unknown;
  bool saw_old_auth = false;
  for (const auto& cap : c) {
    if (cap.old_auth_form) {
      saw_old_auth = true;
      CHECK(cap.keyword == "AUTH");
      CHECK(cap.parameters == "LOGIN");
      CHECK(cap.known == nullptr);
    }
    if (cap.known == nullptr && !cap.old_auth_form) unknown.emplace_back(cap.keyword);
  }
  CHECK(saw_old_auth);
  CHECK(unknown == std::vector<std::string>{"X-ANONYMOUSTLS"});
}

TEST_CASE("KEYWORD=value is not a parameter: bad_ehlo_keyword, AUTH= not read (issue 10, 8b)") {
  // RFC 5321 §4.1.1.1: ehlo-line = ehlo-keyword *( SP ehlo-param ); "=" is not a separator.
  const std::string size = "250-mx.example.com\r\n250-SIZE=100\r\n250 PIPELINING\r\n";
  const auto r = ehlo(size);
  CHECK(r.error == errc::bad_ehlo_keyword);
  CHECK(r.offset == 24);
  CHECK_FALSE(r.capabilities.size_limit().has_value());
  smtpcodes::ehlo_options lenient;
  lenient.accept_malformed_keywords = true;
  const auto kept = ehlo(size, lenient);
  REQUIRE(kept.ok());
  CHECK_FALSE(kept.capabilities.has(extension::size));
  CHECK_FALSE(kept.capabilities.size_limit().has_value());
  CHECK(kept.capabilities.has(extension::pipelining));
  const std::string dsn = "250-mx.example.com\r\n250 DSN=yes\r\n";
  CHECK(ehlo(dsn).error == errc::bad_ehlo_keyword);
  // The old AUTH= line alone: neither an error nor AUTH by default.
  const std::string old_auth = "250-mx.example.com\r\n250 AUTH=LOGIN PLAIN\r\n";
  const auto a = ehlo(old_auth);
  REQUIRE(a.ok());
  CHECK_FALSE(a.capabilities.supports_auth_mechanism("PLAIN"));
  CHECK_FALSE(a.capabilities.supports_auth_mechanism("LOGIN"));
  CHECK_FALSE(a.capabilities.has(extension::auth));
}

TEST_CASE("accept_old_auth_form reads the old AUTH= line's mechanisms") {
  smtpcodes::ehlo_options old;
  old.accept_old_auth_form = true;
  const std::string s = "250-mx.example.com\r\n250-AUTH=LOGIN PLAIN\r\n250 auth=CRAM-MD5\r\n";
  const auto r = ehlo(s, old);
  REQUIRE(r.ok());
  CHECK(r.capabilities.supports_auth_mechanism("PLAIN"));
  CHECK(r.capabilities.supports_auth_mechanism("login"));
  CHECK_FALSE(r.capabilities.supports_auth_mechanism("CRAM-MD5"));  // the first one counts
  CHECK_FALSE(r.capabilities.has(extension::auth));
  std::size_t walked = 0;
  for (const auto& cap : r.capabilities) {
    CHECK(cap.old_auth_form);
    CHECK(cap.known == nullptr);
    ++walked;
  }
  CHECK(walked == 2);
  // Read means checked: its parameters follow the ehlo-param grammar.
  const std::string doubled = "250-mx.example.com\r\n250 AUTH=LOGIN  PLAIN\r\n";
  const auto d = ehlo(doubled, old);
  CHECK(d.error == errc::bad_ehlo_parameter);
  CHECK(d.offset == 35);
  CHECK(ehlo(doubled).ok());  // not read, not checked
  // Only "AUTH=" is the old form: other KEYWORD= lines stay errors.
  const std::string size = "250-mx.example.com\r\n250 SIZE=100\r\n";
  CHECK(ehlo(size, old).error == errc::bad_ehlo_keyword);
}

TEST_CASE("LIMITS, MT-PRIORITY, DELIVERBY, FUTURERELEASE parameters") {
  const std::string s = corpus("ehlo_limits_priority.smtp");
  const auto r = ehlo(s);
  REQUIRE(r.ok());
  const auto& c = r.capabilities;
  const auto limits = c.limits();
  CHECK(limits.rcptmax == 100u);
  CHECK(limits.mailmax == 1000u);
  CHECK_FALSE(limits.rcptdomainmax.has_value());
  CHECK(c.priority_profile() == "MIXER");
  CHECK(c.deliver_by_minimum() == 240u);
  CHECK(c.parameters(extension::futurerelease) == "604800 2026-12-31T23:59:59Z");
  CHECK(c.size_limit() == 26214400u);
}

TEST_CASE("SIZE forms: number, zero, none") {
  const std::string zero = "250-mx.example.com\r\n250 SIZE 0\r\n";
  CHECK(ehlo(zero).capabilities.size_limit() == 0u);
  const std::string bare = "250-mx.example.com\r\n250 SIZE\r\n";
  const auto r = ehlo(bare);
  CHECK(r.capabilities.has(extension::size));
  CHECK_FALSE(r.capabilities.size_limit().has_value());
  const std::string huge = "250-mx.example.com\r\n250 SIZE 30000000000000000000\r\n";
  CHECK(ehlo(huge).error == errc::bad_ehlo_parameter);  // over 2^64 - 1: refused, not wrapped
  const std::string none = "250 mx.example.com\r\n";
  CHECK_FALSE(ehlo(none).capabilities.size_limit().has_value());
}

TEST_CASE("a bare final line and a single-line EHLO reply") {
  const std::string s = corpus("ehlo_bare_final.smtp");
  CHECK(ehlo(s).ok());
  const std::string single = "250 mx.example.com\r\n";
  const auto r = ehlo(single);
  REQUIRE(r.ok());
  CHECK(r.capabilities.domain() == "mx.example.com");
  CHECK(r.capabilities.greeting().empty());
  CHECK(r.capabilities.begin() == r.capabilities.end());
}

TEST_CASE("errors with offsets") {
  const std::string not_ok = "550 5.7.1 go away\r\n";
  const auto n = ehlo(not_ok);
  CHECK(n.error == errc::bad_ehlo_reply);
  CHECK(n.failed());
  CHECK_FALSE(n.ok());
  const std::string fine = "250 mx.example.com\r\n";
  CHECK_FALSE(ehlo(fine).failed());
  const std::string no_domain = "250-\r\n250 SIZE 1\r\n";
  CHECK(ehlo(no_domain).error == errc::bad_ehlo_reply);
  // Found by fuzz_ehlo: a bare "250" reply; the offset must point into the reply.
  const std::string bare = "250\r\n";
  const auto b = ehlo(bare);
  CHECK(b.error == errc::bad_ehlo_reply);
  CHECK(b.offset == 3);
  const std::string bad_keyword = "250-mx.example.com\r\n250 X_BAD\r\n";
  const auto k = ehlo(bad_keyword);
  CHECK(k.error == errc::bad_ehlo_keyword);
  CHECK(k.offset == 24);
  smtpcodes::ehlo_options lenient;
  lenient.accept_malformed_keywords = true;
  CHECK(ehlo(bad_keyword, lenient).ok());
  const std::string bad_size = "250-mx.example.com\r\n250 SIZE big\r\n";
  const auto z = ehlo(bad_size);
  CHECK(z.error == errc::bad_ehlo_parameter);
  CHECK(z.offset == 29);
  const std::string double_space = "250-mx.example.com\r\n250 AUTH PLAIN  LOGIN\r\n";
  CHECK(ehlo(double_space).error == errc::bad_ehlo_parameter);
}

TEST_CASE("a repeated keyword: the first one counts") {
  const std::string s = "250-mx.example.com\r\n250-SIZE 100\r\n250 SIZE 200\r\n";
  CHECK(ehlo(s).capabilities.size_limit() == 100u);
}
