// `smtpcodes session`: reads the two byte streams of one SMTP or LMTP connection (client to
// server, server to client, as a proxy or a capture gives them), matches every command with the
// reply it got — in order, as RFC 2920 §3.1 says pipelined replies come — and finds what breaks
// the protocol, each with its offsets.
#ifndef SMTPCODES_CLI_SESSION_HPP
#define SMTPCODES_CLI_SESSION_HPP

#include <smtpcodes.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace smtpcodes_cli {

/// One command (or the greeting, verb "CONNECT") and what the server said to it.
struct session_step {
  std::string verb;              ///< The verb as the tool prints it; "CONNECT" for the greeting.
  std::size_t offset = 0;        ///< In the client stream (0 for CONNECT).
  int reply = -1;                ///< The reply's code; -1 when none came.
  std::size_t reply_offset = 0;  ///< In the server stream.
  std::string reply_text;        ///< The reply's first line, for the text output.
  std::string violation;         ///< A name, or empty.
  std::size_t violation_offset = 0;  ///< Where (client stream for client faults, else server).
  bool violation_in_server = true;
  std::string argument;            ///< The path of MAIL and RCPT; empty otherwise.
  bool sasl_response = false;      ///< A line answering 334: verb AUTH, argument "(response)".
  bool unsolicited = false;        ///< A reply no command asked for: verb "(none)".
  bool has_data_reply = false;     ///< DATA and BDAT LAST: the reply after the content.
  std::vector<int> data_replies;   ///< One, or in LMTP one per accepted recipient.
  std::size_t content_octets = 0;  ///< DATA or BDAT content on the wire.
};

/// The whole analysis: every step in client order, and how the streams ended.
struct session_analysis {
  std::vector<session_step> steps;
  bool tls_started = false;  ///< Stopped at STARTTLS: the rest is TLS.
  std::size_t violations = 0;
};

namespace detail_session {

/// Reads replies one at a time from the server stream.
struct server_reader {
  std::string_view stream;
  std::size_t at = 0;
  smtpcodes::reply_parser parser;
  std::string error;
  std::size_t error_offset = 0;

  explicit server_reader(std::string_view s) : stream(s), parser(lenient()) {}

  static smtpcodes::reply_options lenient() {
    smtpcodes::reply_options o;
    o.accept_8bit = true;  // SMTPUTF8 servers; the text is shown, not trusted
    return o;
  }

  /// The next reply: true and `reply` set, or false (end of stream, or `error` set).
  bool next(smtpcodes::reply_view& reply, std::size_t& offset) {
    if (!error.empty() || at >= stream.size()) return false;
    const smtpcodes::parse_result r = parser.feed(stream.substr(at));
    if (r.failed()) {
      error = std::string(smtpcodes::to_string(r.error));
      error_offset = at + r.offset;
      return false;
    }
    if (!r.is_complete()) {
      error = "unterminated_line";
      error_offset = stream.size();
      return false;
    }
    reply = parser.reply();
    offset = at;
    at += r.consumed;
    return true;
  }
};

inline std::string first_line(const smtpcodes::reply_view& reply) {
  for (const smtpcodes::reply_line& line : reply) return std::string(line.text);
  return {};
}

}  // namespace detail_session

/**
 * Analyses one connection. Rules: each command gets the next reply; a reply code RFC 5321
 * §4.3.2 never gives that command is `unexpected_reply_code`; the content follows DATA only
 * after 354 (RFC 5321 §4.1.1.4) and BDAT always (RFC 3030 §2); after 334 the next client line
 * is a SASL response (RFC 4954 §4); LMTP gives a reply per accepted recipient after the content
 * (RFC 2033 §4.2); STARTTLS ends the readable part: text after it where TLS should start is
 * `pipelined_after_starttls` (client) or `plaintext_after_starttls` (server) (RFC 3207 §4.2,
 * §5); replies left over at the end are `unsolicited_reply`.
 */
inline session_analysis analyse_session(std::string_view client, std::string_view server,
                                        bool lmtp) {
  using smtpcodes::command_verb;
  using smtpcodes::reply_step;
  session_analysis out;
  detail_session::server_reader replies(server);
  auto violate = [&](session_step& s, std::string name, std::size_t at, bool in_server) {
    if (!s.violation.empty()) return;
    s.violation = std::move(name);
    s.violation_offset = at;
    s.violation_in_server = in_server;
    ++out.violations;
  };
  // Takes the next reply for step `step` into `s` (reply, offset, text), checking it.
  auto take = [&](session_step& s, reply_step step, int& code_out, bool record) -> bool {
    smtpcodes::reply_view reply;
    std::size_t at = 0;
    if (!replies.next(reply, at)) {
      if (!replies.error.empty()) {
        violate(s, "bad_reply:" + replies.error, replies.error_offset, true);
      } else {
        violate(s, "no_reply", server.size(), true);
      }
      return false;
    }
    code_out = reply.code().value();
    if (record) {
      s.reply_offset = at;
      s.reply_text = detail_session::first_line(reply);
    }
    reply_step checked = step == reply_step::lhlo ? reply_step::ehlo : step;
    bool ok = smtpcodes::may_reply(checked, reply.code());
    if (step == reply_step::bdat && smtpcodes::may_reply(reply_step::data_end, reply.code()))
      ok = true;
    if (!ok) violate(s, "unexpected_reply_code", at, true);
    return true;
  };

  session_step greeting;
  greeting.verb = "CONNECT";
  take(greeting, reply_step::connect, greeting.reply, true);
  out.steps.push_back(greeting);
  if (greeting.reply < 0) return out;

  smtpcodes::line_options framing;
  framing.max_line_length = smtpcodes::command_line_limit;
  framing.accept_8bit = true;
  smtpcodes::line_reader reader(framing);
  smtpcodes::command_options options;
  std::string_view rest = client;
  std::size_t base = 0;
  std::size_t accepted = 0;  // RCPTs accepted since MAIL
  bool in_auth = false;      // the last reply was 334: the next line is a SASL response
  std::string scratch;
  while (!rest.empty()) {
    const auto r = reader.feed(rest);
    session_step s;
    s.offset = base;
    if (r.failed() || r.needs_more()) {
      s.verb = "?";
      violate(s, r.failed() ? std::string(smtpcodes::to_string(r.error)) : "unterminated_line",
              base + (r.failed() ? r.offset : rest.size()), false);
      out.steps.push_back(s);
      break;
    }
    const std::string_view line = reader.line();
    rest.remove_prefix(r.consumed);
    base += r.consumed;
    if (in_auth) {
      // A SASL response (never shown: it may carry a credential).
      s.verb = "AUTH";
      s.argument = "(response)";  // --json's; the text output says it in the language
      s.sasl_response = true;
      in_auth = false;
      if (take(s, reply_step::auth, s.reply, true)) in_auth = s.reply == 334;
      out.steps.push_back(s);
      continue;
    }
    const auto parsed = smtpcodes::parse_command(line, options);
    if (!parsed.ok()) {
      s.verb = "?";
      violate(s, "bad_command:" + std::string(smtpcodes::to_string(parsed.error)),
              s.offset + parsed.offset, false);
      // It is still a line the server answered.
      int code = -1;
      take(s, reply_step::connect, code, true);
      s.reply = code;
      out.steps.push_back(s);
      continue;
    }
    const smtpcodes::command& c = parsed.cmd;
    s.verb = c.verb == command_verb::unknown ? std::string(c.verb_text)
                                             : std::string(smtpcodes::to_string(c.verb));
    if (c.verb == command_verb::mail || c.verb == command_verb::rcpt)
      s.argument = std::string(c.path.mailbox);
    const reply_step step = smtpcodes::step_of(c.verb);
    if (c.verb == command_verb::unknown) {
      int code = -1;
      take(s, reply_step::connect, code, true);
      s.reply = code;
      out.steps.push_back(s);
      continue;
    }
    if (c.verb == command_verb::bdat) {
      // The chunk follows the command line at once (RFC 3030 §2), whatever the reply.
      smtpcodes::bdat_chunk chunk(c.chunk_size, c.last);
      const std::size_t n = chunk.take(rest.size());
      s.content_octets = n;
      rest.remove_prefix(n);
      base += n;
      if (!chunk.is_complete()) violate(s, "unterminated_data", base, false);
      if (!take(s, reply_step::bdat, s.reply, true)) {
        out.steps.push_back(s);
        break;
      }
      if (c.last) {
        s.has_data_reply = true;
        s.data_replies.push_back(s.reply);
        // LMTP: one reply per accepted recipient (RFC 2033 §4.2); the first is the one above.
        for (std::size_t k = 1; lmtp && k < accepted; ++k) {
          int code = -1;
          if (!take(s, reply_step::bdat, code, false)) break;
          s.data_replies.push_back(code);
        }
        accepted = 0;
      }
      out.steps.push_back(s);
      continue;
    }
    if (!take(s, step, s.reply, true)) {
      out.steps.push_back(s);
      break;
    }
    const int klass = s.reply / 100;
    switch (c.verb) {
      case command_verb::mail:
        accepted = 0;
        options.smtputf8 = c.values.smtputf8;
        break;
      case command_verb::rcpt:
        if (klass == 2) ++accepted;
        break;
      case command_verb::rset:
      case command_verb::helo:
      case command_verb::ehlo:
      case command_verb::lhlo:
        accepted = 0;
        options.smtputf8 = false;
        break;
      case command_verb::auth:
        in_auth = s.reply == 334;
        break;
      default:
        break;
    }
    if (c.verb == command_verb::starttls && klass == 2) {
      // The client must wait for the 220 (RFC 3207 §4.2): anything it sent before TLS began is
      // plaintext the server must never act on; after it, the streams are TLS.
      // TLS records start with 0x16, a handshake (RFC 8446 §5.1): a line of text there is a
      // command pipelined behind STARTTLS, or on the server's side, an injected reply.
      if (!rest.empty() && rest[0] != '\x16') violate(s, "pipelined_after_starttls", base, false);
      const std::string_view after = server.substr(replies.at);
      if (!after.empty() && after[0] != '\x16')
        violate(s, "plaintext_after_starttls", replies.at, true);
      out.tls_started = true;
      out.steps.push_back(s);
      break;
    }
    if (c.verb == command_verb::data && s.reply == 354) {
      smtpcodes::dot_decoder decoder;
      scratch.resize(decoder.max_decoded_size(rest.size()));
      const auto d = decoder.decode(rest, &scratch[0], scratch.size());
      if (d.failed() || !d.is_complete()) {
        violate(s, d.failed() ? std::string(smtpcodes::to_string(d.error)) : "unterminated_data",
                base + (d.failed() ? d.offset : rest.size()), false);
        out.steps.push_back(s);
        break;
      }
      s.content_octets = d.consumed;
      rest.remove_prefix(d.consumed);
      base += d.consumed;
      s.has_data_reply = true;
      const std::size_t expected = lmtp ? (accepted == 0 ? 1 : accepted) : 1;
      for (std::size_t k = 0; k < expected; ++k) {
        int code = -1;
        if (!take(s, reply_step::data_end, code, false)) break;
        s.data_replies.push_back(code);
      }
      accepted = 0;
      options.smtputf8 = false;
    }
    out.steps.push_back(s);
    if (c.verb == command_verb::quit) break;
  }
  if (out.tls_started) {
    // Octets in the server stream after the 220 are TLS (not checked); so are the client's.
    return out;
  }
  // Replies nobody asked for.
  smtpcodes::reply_view extra;
  std::size_t at = 0;
  if (replies.next(extra, at)) {
    session_step s;
    s.verb = "(none)";  // --json's; the text output says it in the language
    s.unsolicited = true;
    s.offset = base;
    s.reply = extra.code().value();
    s.reply_offset = at;
    s.reply_text = detail_session::first_line(extra);
    violate(s, "unsolicited_reply", at, true);
    out.steps.push_back(s);
  }
  return out;
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_SESSION_HPP
