// A bounce processor explains a failure reply: temporary or permanent, what the enhanced code
// says, and what to do — from the tables, without copying the reply.
#include <cstdio>
#include <smtpcodes.hpp>
#include <string_view>

namespace {

void print(std::string_view label, std::string_view text) {
  std::printf("%-12.*s %.*s\n", static_cast<int>(label.size()), label.data(),
              static_cast<int>(text.size()), text.data());
}

}  // namespace

int main() {
  const std::string_view failure =
      "550-5.1.1 The email account that you tried to reach does not exist. Please\r\n"
      "550-5.1.1 check the recipient's address for typos or unnecessary spaces.\r\n"
      "550 5.1.1 Learn more at https://support.example.com/bounce q1si2.example\r\n";
  smtpcodes::reply_parser parser;
  if (!parser.feed(failure).is_complete()) return 1;
  const smtpcodes::reply_view reply = parser.reply();

  const auto basic = smtpcodes::explain(reply.code());
  print("reply", basic->name);
  print("verdict", reply.code().is_permanent() ? "permanent: remove or fix the address"
                                               : "temporary: keep retrying");
  if (const auto status = reply.enhanced()) {
    const auto e = smtpcodes::explain(*status);
    print("enhanced", smtpcodes::to_text(*status).view());
    print("meaning", e->label());
    print("subject", e->subject->label);
    print("what to do", e->fix());
  }
  for (const auto& line : reply) print("server said", reply.message(line));
  return reply.code().is_permanent() && reply.enhanced() && reply.enhanced()->subject == 1 &&
                 reply.enhanced()->detail == 1
             ? 0
             : 1;
}
