// A server's read loop: commands framed by line_reader and parsed by parse_command, the message
// after DATA taken by dot_decoder up to CRLF.CRLF, replies framed by write_reply. The client's
// bytes arrive in 5-byte pieces, as slowly as a hostile client could send them.
#include <cstdio>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>

namespace {

struct session {
  std::string out;      // what the server sends
  std::string message;  // the decoded message
  bool in_data = false;
  smtpcodes::dot_decoder data;

  void reply(int code, const char* enhanced, std::string_view text) {
    char line[512];
    const auto w = smtpcodes::write_reply(
        line, sizeof line, smtpcodes::reply_code(static_cast<std::uint16_t>(code)),
        enhanced ? smtpcodes::parse_enhanced_status(enhanced) : std::nullopt, {text});
    out.append(line, w.size);
  }

  // Consumes what it can from the front of `input`; returns how many bytes it used.
  std::size_t handle(std::string_view input, smtpcodes::line_reader& reader) {
    if (in_data) {
      std::string chunk(data.max_decoded_size(input.size()), '\0');
      const auto r = data.decode(input, &chunk[0], chunk.size());
      message.append(chunk.data(), r.produced);
      if (r.failed()) {
        reply(550, "5.6.0", "Bare CR or LF in message refused");
        return input.size();
      }
      if (r.is_complete()) {
        in_data = false;
        reply(250, "2.0.0", "Message accepted");
      }
      return r.consumed;
    }
    const auto r = reader.feed(input);
    if (r.failed()) {
      reply(500, "5.5.2", smtpcodes::describe(r.error));
      return input.size();
    }
    if (!r.is_complete()) return 0;
    const auto c = smtpcodes::parse_command(reader.line());
    using v = smtpcodes::command_verb;
    if (!c.ok()) {
      reply(501, "5.5.4", smtpcodes::describe(c.error));
    } else if (c.cmd.verb == v::ehlo) {
      reply(250, nullptr, "mx.example.com");
    } else if (c.cmd.verb == v::mail || c.cmd.verb == v::rcpt) {
      reply(250, c.cmd.verb == v::mail ? "2.1.0" : "2.1.5", "OK");
    } else if (c.cmd.verb == v::data) {
      in_data = true;
      data.reset();
      reply(354, nullptr, "End data with <CR><LF>.<CR><LF>");
    } else if (c.cmd.verb == v::quit) {
      reply(221, "2.0.0", "Bye");
    } else {
      reply(502, "5.5.1", "Command not implemented");
    }
    return r.consumed;
  }
};

}  // namespace

int main() {
  const std::string client =
      "EHLO client.example.net\r\n"
      "MAIL FROM:<alice@example.com> SIZE=60\r\n"
      "RCPT TO:<bob@example.org>\r\n"
      "DATA\r\n"
      "Subject: hello\r\n\r\n..a line that starts with a dot\r\n.\r\n"
      "QUIT\r\n";
  session s;
  smtpcodes::line_reader reader;
  std::string buffer;
  for (std::size_t at = 0; at < client.size(); at += 5) {
    buffer += client.substr(at, 5);
    while (!buffer.empty()) {
      const std::size_t used = s.handle(buffer, reader);
      if (used == 0) break;
      buffer.erase(0, used);
    }
  }
  std::printf("%s", s.out.c_str());
  const bool ok = s.message == "Subject: hello\r\n\r\n.a line that starts with a dot\r\n" &&
                  s.out.find("250 2.0.0 Message accepted\r\n") != std::string::npos &&
                  s.out.find("221 2.0.0 Bye\r\n") != std::string::npos;
  return ok ? 0 : 1;
}
