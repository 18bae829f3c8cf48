// Built with -fno-exceptions -fno-rtti: the whole library must compile and work that way.
#include <smtpcodes.hpp>

int main() {
  const auto code = smtpcodes::parse_reply_code("550");
  const auto status = smtpcodes::parse_enhanced_status("5.7.1");
  const auto comparison =
      smtpcodes::compare(smtpcodes::reply_code(235), smtpcodes::reply_code(354));
  if (!code || !status || !comparison) return 1;
  if (smtpcodes::name(*code) != "Mailbox Unavailable") return 1;
  if (!smtpcodes::explain(*status)->is_registered()) return 1;
  return comparison->same_class ? 1 : 0;
}
