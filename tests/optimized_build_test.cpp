// Built with -O3 and the project's warnings as errors: g++'s optimiser warns (-Warray-bounds)
// about what inlining shows it, which a -O0 build never sees, and a user's release build with
// -Werror would stop on such a warning in our headers. Short literals are the inputs g++ sees
// through: each call below once made g++ 12 -O3 warn about a scanner's 16-octet load or a
// 4-octet step past a literal shorter than that.
#include <smtpcodes.hpp>
#include <string_view>

int main() {
  smtpcodes::line_reader reader;
  std::size_t lines = 0;
  if (!reader.feed_each("NOOP\nNOOP\r\n", [&](std::string_view) { ++lines; }).failed()) return 1;
  if (!reader.feed_each("NOOP\r\n", [&](std::string_view) { ++lines; }).failed()) return 1;
  reader.reset();
  if (reader.feed_each("NOOP\r\n", [&](std::string_view) { ++lines; }).consumed != 6) return 1;
  if (lines != 1) return 1;

  char out[8];
  if (smtpcodes::decode_xtext("+41", out, sizeof out).size != 1) return 1;
  if (smtpcodes::decode_xtext("a+2", out, sizeof out).offset != 1) return 1;
  if (smtpcodes::decode_xtext("a b", out, sizeof out).ok()) return 1;

  smtpcodes::reply_parser parser;
  std::size_t replies = 0;
  if (parser.feed_each("250 ok\r\n", [&](const smtpcodes::reply_view&) { ++replies; }).consumed !=
      8)
    return 1;
  if (replies != 1) return 1;
  smtpcodes::reply_parser ehlo_reader;
  if (!ehlo_reader.feed("250-mx\r\n250 SIZE 9\r\n").is_complete()) return 1;
  if (!smtpcodes::parse_ehlo(ehlo_reader.reply()).ok()) return 1;

  if (!smtpcodes::parse_command("QUIT").ok()) return 1;
  if (!smtpcodes::parse_command("MAIL FROM:<a@b> SIZE=9").ok()) return 1;
  if (!smtpcodes::parse_command("RCPT TO:<a@b> ORCPT=rfc822;a+2Bb").ok()) return 1;
  if (!smtpcodes::find_reply("550 5.1.1 no").ok()) return 1;
  if (!smtpcodes::parse_enhanced_status("5.7.1")) return 1;

  char coded[32];
  smtpcodes::dot_encoder encoder;
  if (encoder.encode(".a\r\n", coded, sizeof coded).produced != 5) return 1;
  smtpcodes::dot_decoder decoder;
  const auto decoded = decoder.decode("..a\r\n.\r\n", coded, sizeof coded);
  return decoded.is_complete() && decoded.produced == 4 ? 0 : 1;
}
