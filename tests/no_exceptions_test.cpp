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
  // The template parts too: feed_each instantiated with a callback.
  smtpcodes::reply_parser parser;
  std::size_t replies = 0;
  const auto r = parser.feed_each("250-a\r\n250 b\r\n221 bye\r\n",
                                  [&](const smtpcodes::reply_view&) { ++replies; });
  if (!r.is_complete() || r.consumed != 23 || replies != 2) return 1;
  smtpcodes::line_reader reader;
  std::size_t lines = 0;
  const auto framed = reader.feed_each("EHLO a\r\nQUIT\r\nNO", [&](std::string_view) { ++lines; });
  if (!framed.is_complete() || framed.consumed != 14 || lines != 2) return 1;
  smtpcodes::dot_decoder decoder;
  std::size_t octets = 0;
  const auto data = decoder.decode_each("a\r\n..b\r\n.\r\nQUIT\r\n",
                                        [&](std::string_view s) { octets += s.size(); });
  if (!data.is_complete() || data.consumed != 11 || octets != 7) return 1;
  return comparison->same_class ? 1 : 0;
}
