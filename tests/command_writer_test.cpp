// Tests for command_writer.hpp. The header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <cstdint>
#include <smtpcodes/command_writer.hpp>
#include <smtpcodes/sasl.hpp>
#include <string>
#include <vector>

using smtpcodes::command_options;
using smtpcodes::command_verb;
using smtpcodes::errc;
using smtpcodes::esmtp_param_to_write;
using smtpcodes::write_result;

namespace {

/// A buffer pre-filled with '#', to see what a writer left in it.
struct buffer {
  char data[1024];
  buffer() {
    for (char& c : data) c = '#';
  }
  std::string line(const write_result& r) const { return std::string(data, r.size); }
  /// True when the first `n` octets are NUL and the rest untouched: a refused line, cleared.
  bool cleared(std::size_t n) const {
    for (std::size_t i = 0; i < sizeof data; ++i) {
      if (data[i] != (i < n ? '\0' : '#')) return false;
    }
    return true;
  }
  bool untouched() const { return cleared(0); }
};

std::string where(const write_result& r) {
  return std::string(to_string(r.error)) + " part " + std::to_string(r.part) + " offset " +
         std::to_string(r.offset);
}

/// Runs `write(out, capacity)` on a fresh buffer: where it refused, and whether exactly the
/// first `cleared` octets were cleared (the refused line) and nothing else touched.
template <class Write>
std::string refusal(std::size_t cleared, Write write) {
  buffer b;
  const write_result r = write(b.data, sizeof b.data);
  return where(r) + (r.size == 0 && b.cleared(cleared) ? "" : " (buffer not as expected)");
}

}  // namespace

TEST_CASE("a mailbox cannot smuggle parameters into MAIL or RCPT (issue 10, defect 2)") {
  // Each line was written ("MAIL FROM:<a@b> RET=FULL ENVID=x>" CRLF), parsed, refused and
  // cleared: the path ends at the mailbox's own ">".
  auto path = [](command_verb verb, std::string mailbox) {
    const std::size_t line = (verb == command_verb::mail ? 11 : 9) + mailbox.size() + 3;
    return refusal(line, [&](char* out, std::size_t n) {
      return smtpcodes::write_path_command(out, n, verb, mailbox);
    });
  };
  CHECK(path(command_verb::mail, "a@b> RET=FULL ENVID=x") == "bad_path part 0 offset 3");
  CHECK(path(command_verb::rcpt, "victim@example.com> NOTIFY=SUCCESS ORCPT=rfc822;x") ==
        "bad_path part 0 offset 18");
  CHECK(path(command_verb::mail, "> AUTH=<>") == "bad_path part 0 offset 0");
  // "RET=FULL>" is no RET value: the parser refuses the line, the path is still to blame.
  CHECK(path(command_verb::mail, "a@b> RET=FULL") == "bad_path part 0 offset 3");
  // The same with parameters of its own: the smuggled ones would come first.
  const esmtp_param_to_write size[] = {{"SIZE", "10", true, false}};
  CHECK(refusal(std::string("MAIL FROM:<a@b> SMTPUTF8> SIZE=10\r\n").size(),
                [&](char* out, std::size_t n) {
                  return smtpcodes::write_path_command(out, n, command_verb::mail, "a@b> SMTPUTF8",
                                                       size, 1);
                }) == "bad_path part 0 offset 3");
  // A ">" inside a quoted local part is part of the path, and is written.
  buffer b;
  const auto ok = smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::rcpt,
                                                "\"a>b c\"@example.com");
  REQUIRE(ok.ok());
  CHECK(b.line(ok) == "RCPT TO:<\"a>b c\"@example.com>\r\n");
}

TEST_CASE("write_command: only verbs without a writer of their own, argument exactly as given") {
  buffer b;
  for (const command_verb verb : {command_verb::unknown, command_verb::mail, command_verb::rcpt,
                                  command_verb::auth, command_verb::bdat}) {
    const auto r = smtpcodes::write_command(b.data, sizeof b.data, verb, "FROM:<a@b> RET=FULL");
    CHECK(where(r) == "bad_argument part 0 offset 0");
  }
  CHECK(b.untouched());
  const auto helo =
      smtpcodes::write_command(b.data, sizeof b.data, command_verb::helo, "a.example");
  REQUIRE(helo.ok());
  CHECK(b.line(helo) == "HELO a.example\r\n");
  const auto vrfy = smtpcodes::write_command(b.data, sizeof b.data, command_verb::vrfy, "Smith");
  CHECK(b.line(vrfy) == "VRFY Smith\r\n");
  const auto data = smtpcodes::write_command(b.data, sizeof b.data, command_verb::data);
  CHECK(b.line(data) == "DATA\r\n");
  // What the parser refuses, the writer refuses, with the offset in the argument.
  CHECK(refusal(10, [](char* out, std::size_t n) {
          return smtpcodes::write_command(out, n, command_verb::quit, "now");
        }) == "bad_command_syntax part 0 offset 0");
  CHECK(refusal(21, [](char* out, std::size_t n) {
          return smtpcodes::write_command(out, n, command_verb::ehlo, "a.example junk");
        }) == "bad_command_syntax part 0 offset 9");
  buffer v;
  CHECK(where(smtpcodes::write_command(v.data, sizeof v.data, command_verb::vrfy)) ==
        "bad_command_syntax part 0 offset 0");
  CHECK(where(smtpcodes::write_command(v.data, sizeof v.data, command_verb::noop, "a\rb")) ==
        "line_break_in_text part 0 offset 1");
  CHECK(where(smtpcodes::write_command(v.data, sizeof v.data, command_verb::noop, "caf\xc3\xa9")) ==
        "invalid_octet part 0 offset 3");
}

TEST_CASE("write_path_command: part and offset name the input, before and after writing") {
  buffer b;
  auto one = [&](esmtp_param_to_write p) {
    return where(smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail,
                                               "a@example.com", &p, 1));
  };
  CHECK(one({"", "1", true, false}) == "bad_esmtp_parameter part 1 offset 0");
  CHECK(one({"-X", "1", true, false}) == "bad_esmtp_parameter part 1 offset 0");
  CHECK(one({"S@ZE", "1", true, false}) == "bad_esmtp_parameter part 1 offset 1");
  CHECK(one({"X", "", true, false}) == "bad_esmtp_parameter part 1 offset 2");
  CHECK(one({"X", "", true, true}) == "bad_esmtp_parameter part 1 offset 2");
  CHECK(one({"XY", "a b", true, false}) == "bad_esmtp_parameter part 1 offset 4");
  CHECK(one({"XY", "a=b", true, false}) == "bad_esmtp_parameter part 1 offset 4");
  CHECK(one({"XY", "ab\n", true, false}) == "line_break_in_text part 1 offset 5");
  CHECK(one({"XY", "\xc3\xa9", true, false}) == "non_ascii_without_smtputf8 part 1 offset 3");
  CHECK(one({"XY", "ignored?", false, false}) == "bad_esmtp_parameter part 1 offset 2");
  CHECK(b.untouched());
  // Found by parsing the line: SIZE's value is no number.
  CHECK(one({"SIZE", "12a", true, false}) == "bad_esmtp_parameter part 1 offset 5");
  CHECK(b.cleared(std::string("MAIL FROM:<a@example.com> SIZE=12a\r\n").size()));
  // A duplicate: the second parameter, where it starts.
  const esmtp_param_to_write twice[] = {{"ENVID", "a", true, true}, {"ENVID", "b", true, true}};
  CHECK(where(smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail, "a@b.c",
                                            twice, 2)) ==
        "duplicate_esmtp_parameter part 2 offset 0");
  // Paths the parser refuses, and octets no path may hold.
  auto path = [&](command_verb verb, const std::string& mailbox) {
    return where(smtpcodes::write_path_command(b.data, sizeof b.data, verb, mailbox));
  };
  CHECK(path(command_verb::rcpt, "") == "bad_path part 0 offset 0");
  CHECK(path(command_verb::rcpt, "a@@example.org") == "bad_path part 0 offset 2");
  CHECK(path(command_verb::rcpt, std::string(65, 'x') + "@example.org") ==
        "path_too_long part 0 offset 0");
  CHECK(path(command_verb::helo, "a@b.c") == "bad_argument part 0 offset 0");
  CHECK(path(command_verb::mail, "a\r\n@b.c") == "line_break_in_text part 0 offset 1");
  CHECK(path(command_verb::mail, "\xc3\xa9@b.c") == "invalid_octet part 0 offset 0");
  // More parameters than the parser takes.
  std::vector<esmtp_param_to_write> many(17, esmtp_param_to_write{"X", "1", true, false});
  CHECK(where(smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail, "a@b.c",
                                            many.data(), many.size())) ==
        "too_many_parameters part 17 offset 0");
}

TEST_CASE("write_path_command: line_too_long names the first octet past the limit") {
  buffer b;
  command_options o;
  // "MAIL FROM:<a@b>" is 15 octets, " ENVID=" 7 more: the value starts at 22. With room for 29
  // octets before CRLF, octet 7 of "+20+20+20" is the first past it: the third raw space.
  o.max_line_length = 31;
  const esmtp_param_to_write envid[] = {{"ENVID", "   ", true, true}};
  CHECK(where(smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail, "a@b", envid,
                                            1, o)) == "line_too_long part 1 offset 8");
  o.max_line_length = 14;  // room for 12: "MAIL FROM:<a" fits
  CHECK(where(smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail, "a@b",
                                            nullptr, 0, o)) == "line_too_long part 0 offset 1");
  CHECK(b.untouched());
  o.max_line_length = 0;  // no limit, as everywhere; the parser has the last word
  const std::string local(60, 'x');
  const auto wide = smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail,
                                                  local + "@example.com", nullptr, 0, o);
  CHECK((wide.ok() || wide.error == errc::line_too_long));
}

TEST_CASE("every command writer: output_too_small writes nothing and gives the size needed") {
  const esmtp_param_to_write params[] = {{"SIZE", "1000", true, false},
                                         {"ENVID", "id 1", true, true}};
  const std::string line = "MAIL FROM:<a@example.com> SIZE=1000 ENVID=id+201\r\n";
  for (std::size_t capacity = 0; capacity < line.size(); ++capacity) {
    buffer b;
    const auto r = smtpcodes::write_path_command(b.data, capacity, command_verb::mail,
                                                 "a@example.com", params, 2);
    CHECK(r.error == errc::output_too_small);
    CHECK(r.size == line.size());
    CHECK(b.untouched());
  }
  buffer b;
  const auto exact = smtpcodes::write_path_command(b.data, line.size(), command_verb::mail,
                                                   "a@example.com", params, 2);
  REQUIRE(exact.ok());
  CHECK(b.line(exact) == line);

  buffer c;
  const auto cmd = smtpcodes::write_command(c.data, 5, command_verb::quit);
  CHECK(cmd.error == errc::output_too_small);
  CHECK(cmd.size == 6);
  const auto auth = smtpcodes::write_auth(c.data, 10, "PLAIN", "AGFsaWNl");
  CHECK(auth.error == errc::output_too_small);
  CHECK(auth.size == 21);
  const auto bdat = smtpcodes::write_bdat(c.data, 3, 7, true);
  CHECK(bdat.error == errc::output_too_small);
  CHECK(bdat.size == 13);
  CHECK(c.untouched());
}

TEST_CASE("write_auth: mechanism and response checked, parsed back") {
  buffer b;
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "")) == "bad_argument part 0 offset 0");
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, std::string(21, 'A'))) ==
        "bad_argument part 0 offset 20");
  CHECK(smtpcodes::write_auth(b.data, sizeof b.data, std::string(20, 'A')).ok());
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PL@IN")) ==
        "bad_argument part 0 offset 2");
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "abc")) ==
        "bad_argument part 1 offset 3");
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "ab*d")) ==
        "bad_argument part 1 offset 2");
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "a=bc")) ==
        "bad_argument part 1 offset 1");
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "=")) ==
        "bad_argument part 1 offset 1");
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "ab\ncd")) ==
        "line_break_in_text part 1 offset 2");
  command_options o;
  o.max_line_length = 20;
  CHECK(where(smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "AGFsaWNl", false, o)) ==
        "line_too_long part 1 offset 7");
  const auto r = smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "AGFsaWNl");
  REQUIRE(r.ok());
  CHECK(b.line(r) == "AUTH PLAIN AGFsaWNl\r\n");
  const auto empty = smtpcodes::write_auth(b.data, sizeof b.data, "PLAIN", "", true);
  CHECK(b.line(empty) == "AUTH PLAIN =\r\n");
}

TEST_CASE("write_bdat: every size, parsed back") {
  buffer b;
  const auto most = smtpcodes::write_bdat(b.data, sizeof b.data, UINT64_MAX, true);
  REQUIRE(most.ok());
  CHECK(b.line(most) == "BDAT 18446744073709551615 LAST\r\n");
  const auto zero = smtpcodes::write_bdat(b.data, sizeof b.data, 0, false);
  CHECK(b.line(zero) == "BDAT 0\r\n");
  command_options o;
  o.max_line_length = 8;
  CHECK(where(smtpcodes::write_bdat(b.data, sizeof b.data, 12345, false, o)) ==
        "line_too_long part 0 offset 1");
}

TEST_CASE("what the writers write parses back to exactly the intent") {
  const esmtp_param_to_write params[] = {
      {"SIZE", "1000", true, false},
      {"BODY", "8BITMIME", true, false},
      {"ENVID", "id+1=x y\r\n\xff", true, true},
      {"AUTH", "<>", true, true},
      {"REQUIRETLS", "", false, false},
      {"X-VENDOR", "v", true, false},
  };
  buffer b;
  const auto w = smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail,
                                               "\"a b\"@[192.0.2.1]", params, 6);
  REQUIRE(w.ok());
  const auto parsed = smtpcodes::parse_command(std::string_view(b.data, w.size - 2));
  REQUIRE(parsed.ok());
  CHECK(parsed.cmd.path.mailbox == "\"a b\"@[192.0.2.1]");
  std::size_t k = 0;
  for (const auto& p : parsed.cmd.params()) {
    REQUIRE(k < 6);
    CHECK(p.keyword == params[k].keyword);
    char raw[64];
    const auto d = smtpcodes::decode_xtext(p.value, raw, sizeof raw);
    REQUIRE(d.ok());
    CHECK(std::string(raw, d.size) == params[k].raw_value);
    ++k;
  }
  CHECK(k == 6);
  // UTF-8 in the path with SMTPUTF8 on MAIL, or in a transaction that has it.
  const esmtp_param_to_write utf8[] = {{"SMTPUTF8", "", false, false}};
  const auto mail = smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::mail,
                                                  "j\xc3\xb6rg@example.com", utf8, 1);
  REQUIRE(mail.ok());
  CHECK(b.line(mail) == "MAIL FROM:<j\xc3\xb6rg@example.com> SMTPUTF8\r\n");
  command_options in_utf8;
  in_utf8.smtputf8 = true;
  CHECK(smtpcodes::write_path_command(b.data, sizeof b.data, command_verb::rcpt,
                                      "j\xc3\xb6rg@example.com", nullptr, 0, in_utf8)
            .ok());
}

TEST_CASE("command writers are constexpr") {
  constexpr auto mail = [] {
    char out[64] = {};
    const esmtp_param_to_write p[] = {{"ENVID", "a b", true, true}};
    const auto r =
        smtpcodes::write_path_command(out, sizeof out, command_verb::mail, "a@b.c", p, 1);
    return r.ok() && r.size == 31 && out[25] == '+';
  };
  static_assert(mail(), "");
  constexpr auto smuggled = [] {
    char out[64] = {};
    return smtpcodes::write_path_command(out, sizeof out, command_verb::mail, "a@b> RET=FULL")
                   .error == errc::bad_path &&
           out[0] == '\0';
  };
  static_assert(smuggled(), "");
  CHECK(true);
}

TEST_CASE("AUTH's base64: the parser, the writer and the decoder agree on every answer") {
  // One check (detail/base64.hpp) behind all three: what the writer refuses, the parser refuses
  // and the decoder refuses, at the same octet. The decoder alone also refuses unused bits
  // that are not zero (RFC 4648 §3.5).
  struct sample {
    std::string_view text;
    std::size_t bad;  // npos: base64
  };
  constexpr std::size_t ok = std::string_view::npos;
  const sample samples[] = {
      {"Zm9v", ok},       {"Zm9vYg==", ok}, {"Zm9vYmE=", ok}, {"AGFsaWNlAHNlY3JldA==", ok},
      {"Zm9", 3},         {"Zm9vYg=", 7},   {"Zg=a", 2},      {"Z===", 1},
      {"====", 0},        {"Zm9v Yg==", 4}, {"Zm-v", 2},      {"Zm9vY===", 5},
      {"Zm9vYg=\xC3", 6}, {"=Zm9", 0},
  };
  char out[128];
  char decoded[64];
  for (const sample& s : samples) {
    CAPTURE(s.text);
    const std::string line = "AUTH PLAIN " + std::string(s.text);
    const smtpcodes::command_result parsed = smtpcodes::parse_command(line);
    CHECK(parsed.ok() == (s.bad == ok));
    const write_result w = smtpcodes::write_auth(out, sizeof out, "PLAIN", s.text);
    const write_result d = smtpcodes::base64_decode(s.text, decoded, sizeof decoded);
    if (s.bad == ok) {
      CHECK(w.ok());
      CHECK(d.ok());
    } else {
      CHECK(w.failed());
      CHECK(d.error == errc::bad_argument);
      CHECK(d.offset == s.bad);
      if (w.error == errc::bad_argument) CHECK(w.offset == s.bad);  // else a text error first
    }
  }
  // Unused bits: the parser and the writer take "Zh==" as base64; only the decoder refuses it.
  CHECK(smtpcodes::parse_command("AUTH PLAIN Zh==").ok());
  CHECK(smtpcodes::write_auth(out, sizeof out, "PLAIN", "Zh==").ok());
  CHECK(smtpcodes::base64_decode("Zh==", decoded, sizeof decoded).offset == 1);
}
