// The README's code example, built and run as a test so the README stays true.
#include <iostream>
#include <smtpcodes.hpp>

int main() {
  const auto code = smtpcodes::parse_reply_code("550");  // checked: 2-5, 0-5, 0-9
  const auto info = smtpcodes::explain(*code);           // name, class, when, fix, RFC
  std::cout << code->value() << ' ' << info->name << " (" << info->rfcs << ")\n";
  if (code->is_permanent()) std::cout << "fix: " << info->fix << '\n';

  const auto esc = smtpcodes::match_enhanced_status("5.7.1 Relaying denied");
  std::cout << smtpcodes::explain(esc->code)->label() << '\n';
  static_assert(smtpcodes::name(smtpcodes::codes::start_mail_input) == "Start Mail Input");
}
