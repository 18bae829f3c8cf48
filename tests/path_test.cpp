// Tests for path.hpp: reverse- and forward-path grammar (RFC 5321 §4.1.2-4.1.3), mostly through
// parse_command, with the address-literal scanner checked directly at its edges.
#include <doctest/doctest.h>

#include <smtpcodes/command.hpp>
#include <smtpcodes/path.hpp>
#include <string>
#include <string_view>

#include "command_error_of.hpp"

using smtpcodes::command_options;
using smtpcodes::parse_command;

namespace {

// The end scan_address_literal finds for a literal alone, or "bad".
std::string literal(std::string_view s) {
  const std::size_t end = smtpcodes::detail::scan_address_literal(s, 0);
  return end == std::string_view::npos ? "bad" : std::to_string(end);
}

}  // namespace

TEST_CASE("issue 10 #8a: a general address literal's tag is an Ldh-str, then 1*dcontent") {
  CHECK(literal("[x-tag:anything]") == "16");
  CHECK(literal("[X1:a]") == "6");
  CHECK(literal("[1:a]") == "5");      // a tag may be digits
  CHECK(literal("[-x:a]") == "6");     // Ldh-str = *(ALPHA / DIGIT / "-") Let-dig: '-' may lead
  CHECK(literal("[x.y:z]") == "bad");  // a dot: a domain is not a tag (issue 10 #8a)
  CHECK(literal("[a.b.c:z]") == "bad");
  CHECK(literal("[x-:z]") == "bad");  // ends with a letter or digit
  CHECK(literal("[-:z]") == "bad");
  CHECK(literal("[x_y:z]") == "bad");
  CHECK(literal("[:z]") == "bad");
  CHECK(literal("[x:]") == "bad");
  CHECK(literal("[x]") == "bad");
  CHECK(literal("[]") == "bad");
  CHECK(literal("[x:a b]") == "bad");  // dcontent is %d33-90 / %d94-126
  CHECK(literal("[x:a\\b]") == "bad");
  CHECK(literal("[x:a[b]") == "bad");
  CHECK(literal("[x:a\x80]") == "bad");
  CHECK(literal("[x:!~]") == "6");
  CHECK(literal("[x:a") == "bad");  // unclosed
}

TEST_CASE("IPv4 address literals") {
  CHECK(literal("[192.0.2.1]") == "11");
  CHECK(literal("[0.0.0.0]") == "9");
  CHECK(literal("[255.255.255.255]") == "17");
  CHECK(literal("[001.2.3.4]") == "11");  // Snum = 1*3DIGIT
  CHECK(literal("[1.2.3.256]") == "bad");
  CHECK(literal("[1.2.3.0004]") == "bad");
  CHECK(literal("[1.2.3]") == "bad");
  CHECK(literal("[1.2.3.4.5]") == "bad");
  CHECK(literal("[1.2.3.]") == "bad");
  CHECK(literal("[.1.2.3]") == "bad");
  CHECK(literal("[1..2.3]") == "bad");
}

TEST_CASE("IPv6 address literals: full, compressed, with an IPv4 tail") {
  CHECK(literal("[IPv6:1:2:3:4:5:6:7:8]") != "bad");
  CHECK(literal("[ipv6:1:2:3:4:5:6:7:8]") != "bad");  // ABNF strings are case-insensitive
  CHECK(literal("[IPv6:1:2:3:4:5:6:7]") == "bad");
  CHECK(literal("[IPv6:1:2:3:4:5:6:7:8:9]") == "bad");
  CHECK(literal("[IPv6:::]") != "bad");
  CHECK(literal("[IPv6:::1]") != "bad");
  CHECK(literal("[IPv6:1::]") != "bad");
  CHECK(literal("[IPv6:1:2:3::4:5:6]") != "bad");    // six groups besides "::"
  CHECK(literal("[IPv6:1:2:3::4:5:6:7]") == "bad");  // seven: too many (RFC 5321 §4.1.3)
  CHECK(literal("[IPv6:1::2::3]") == "bad");
  CHECK(literal("[IPv6::::]") == "bad");
  CHECK(literal("[IPv6::1]") == "bad");
  CHECK(literal("[IPv6:1:]") == "bad");
  CHECK(literal("[IPv6:12345::]") == "bad");
  CHECK(literal("[IPv6:g::]") == "bad");
  CHECK(literal("[IPv6:]") == "bad");
  CHECK(literal("[IPv6:1:2:3:4:5:6:192.0.2.1]") != "bad");
  CHECK(literal("[IPv6:1:2:3:4::192.0.2.1]") != "bad");    // four groups besides "::" and IPv4
  CHECK(literal("[IPv6:1:2:3:4:5::192.0.2.1]") == "bad");  // five: too many
  CHECK(literal("[IPv6:::ffff:192.0.2.1]") != "bad");
  CHECK(literal("[IPv6:1:2:3:4:5:6:7:192.0.2.1]") == "bad");
  CHECK(literal("[IPv6:::192.0.2.256]") == "bad");
  CHECK(literal("[IPv6:::ab.0.2.1]") == "bad");
}

TEST_CASE("issue 10 #8a: address literals in paths, EHLO and HELO, with offsets") {
  CHECK(error_of("MAIL FROM:<a@[x.y:z]>") == "bad_path@13");
  CHECK(error_of("RCPT TO:<a@[x.y:z]>") == "bad_path@11");
  CHECK(error_of("RCPT TO:<a@[x-tag:z]>") == "ok");
  CHECK(error_of("MAIL FROM:<a@[192.0.2.1]x>") == "bad_path@24");
  CHECK(error_of("EHLO [x.y:z]") == "bad_command_syntax@5");
  CHECK(error_of("EHLO [x-tag:z]") == "ok");
  command_options helo;
  helo.accept_helo_address_literal = true;
  CHECK(error_of("HELO [x.y:z]", helo) == "bad_command_syntax@5");
  CHECK(error_of("HELO [x-tag:z]", helo) == "ok");
}

TEST_CASE("path limits by name: local part, domain, whole path") {
  const std::string local(smtpcodes::local_part_limit, 'a');
  CHECK(error_of("MAIL FROM:<" + local + "@example.com>") == "ok");
  CHECK(error_of("MAIL FROM:<" + local + "a@example.com>") == "path_too_long@11");
  command_options lenient;
  lenient.accept_long_local_part = true;
  CHECK(error_of("MAIL FROM:<" + local + "a@example.com>", lenient) == "ok");
}
