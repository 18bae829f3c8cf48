#include <cstdio>
#include <smtpcodes.hpp>

int main() {
  const auto code = smtpcodes::parse_reply_code("354");
  if (!code) return 1;
  std::printf("354: %.*s\n", static_cast<int>(smtpcodes::name(*code).size()),
              smtpcodes::name(*code).data());
  return 0;
}
