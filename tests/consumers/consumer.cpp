// The program every consumer project builds: it uses one part of each kind of header.
#include <cstdio>
#include <smtpcodes.hpp>

int main() {
  const auto info = smtpcodes::explain(smtpcodes::reply_code(550));
  smtpcodes::reply_parser parser;
  const auto r = parser.feed("250 2.0.0 OK\r\n");
  smtpcodes::dot_decoder decoder;
  char out[8];
  const auto d = decoder.decode(".\r\n", out, sizeof out);
  const auto c = smtpcodes::parse_command("MAIL FROM:<a@example.com>");
  if (!info || !r.is_complete() || !d.is_complete() || !c.ok()) return 1;
  std::printf("smtpcodes %s: %.*s\n", SMTPCODES_VERSION_STRING, static_cast<int>(info->name.size()),
              info->name.data());
  return 0;
}
