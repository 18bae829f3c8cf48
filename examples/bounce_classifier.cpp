// A bounce processor decides what a failure reply means for the address: drop it (a hard
// bounce), or keep it and retry or fix something first. A 5yz is not enough to drop an
// address: a reputation block is a 5yz too, and the address behind it is good.
#include <cstdio>
#include <smtpcodes.hpp>
#include <string_view>

namespace {

void print(std::string_view label, std::string_view text) {
  std::printf("%-12.*s %.*s\n", static_cast<int>(label.size()), label.data(),
              static_cast<int>(text.size()), text.data());
}

/// Classifies one reply as received from the server, after RCPT.
smtpcodes::classification decide(std::string_view wire) {
  smtpcodes::reply_parser parser;
  if (!parser.feed(wire).is_complete()) return smtpcodes::classify(smtpcodes::classify_input{});
  const smtpcodes::reply_view reply = parser.reply();
  const smtpcodes::classification c = smtpcodes::classify(reply, smtpcodes::answered_command::rcpt);
  print("reply", wire.substr(0, wire.find('\r')));
  print("reason", smtpcodes::to_string(c.reason));
  print("verdict", c.hard ? "hard bounce: suppress the address" : "soft: keep the address");
  print("retry", smtpcodes::to_string(c.retry));
  if (c.who != smtpcodes::provider::none) print("provider", smtpcodes::to_string(c.who));
  print("what to do", c.fix);
  std::printf("\n");
  return c;
}

}  // namespace

int main() {
  const smtpcodes::classification unknown = decide(
      "550-5.1.1 The email account that you tried to reach does not exist. Please\r\n"
      "550-5.1.1 check the recipient's address for typos or unnecessary spaces.\r\n"
      "550 5.1.1 Learn more at https://support.example.com/bounce q1si2 - gsmtp\r\n");
  const smtpcodes::classification banned =
      decide("550 5.7.606 Access denied, banned sending IP [192.0.2.7]\r\n");
  // The first address is gone; the second is fine once the sending IP is delisted.
  return unknown.hard && unknown.reason == smtpcodes::bounce_reason::userunknown && !banned.hard &&
                 banned.who == smtpcodes::provider::microsoft
             ? 0
             : 1;
}
