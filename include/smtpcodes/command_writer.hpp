/**
 * @file command_writer.hpp
 * @brief Writers for the client side of SMTP commands: every line they produce re-parses as the
 * command they were asked for.
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_COMMAND_WRITER_HPP
#define SMTPCODES_COMMAND_WRITER_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "command.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "error.hpp"
#include "path.hpp"
#include "result.hpp"
#include "xtext.hpp"

namespace smtpcodes {

namespace detail {

struct command_writer {
  char* out;
  std::size_t capacity;
  std::size_t w = 0;
  bool overflow = false;
  constexpr void put(std::string_view s) noexcept {
    if (w + s.size() > capacity) {
      overflow = true;
      return;
    }
    for (const char c : s) out[w++] = c;
  }
  constexpr void put_char(char c) noexcept { put(std::string_view(&c, 1)); }
};

/// An argument may hold no CR, LF or other control octet (they would inject a new command).
constexpr write_result check_text(std::string_view s, bool allow_8bit) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u == '\r' || u == '\n') return {errc::line_break_in_text, 0, i};
    if (u < 32 || u == 127 || (u >= 0x80 && !allow_8bit)) return {errc::invalid_octet, 0, i};
  }
  return {};
}

constexpr write_result finish_command(command_writer& w, const command_options& limits) noexcept {
  w.put("\r\n");
  if (w.overflow) return {errc::output_too_small, 0, 0};
  if (w.w > limits.max_line_length) return {errc::line_too_long, 0, 0};
  return {errc{}, w.w, 0};
}

}  // namespace detail

/**
 * Writes "VERB[ SP argument]" CRLF, e.g. `write_command(buf, n, command_verb::ehlo,
 * "client.example.com")`. The argument may not contain CR, LF or other control octets
 * (`line_break_in_text`, `invalid_octet`), nor 8-bit octets; the line must fit the limit.
 */
constexpr write_result write_command(char* out, std::size_t capacity, command_verb verb,
                                     std::string_view argument = {},
                                     const command_options& limits = {}) noexcept {
  if (verb == command_verb::unknown) return {errc::bad_argument, 0, 0};
  const write_result checked = detail::check_text(argument, false);
  if (!checked.ok()) return checked;
  detail::command_writer w{out, capacity};
  w.put(to_string(verb));
  if (!argument.empty()) {
    w.put_char(' ');
    w.put(argument);
  }
  return detail::finish_command(w, limits);
}

/// A parameter to write: `raw_value` is xtext-encoded when `xtext` is set (ENVID, ORCPT's
/// address, AUTH), written as is otherwise (and then checked like any argument).
struct esmtp_param_to_write {
  std::string_view keyword;
  std::string_view raw_value;
  bool has_value = false;
  bool xtext = false;
};

/**
 * Writes "MAIL FROM:<path>" or "RCPT TO:<path>" with parameters and CRLF. `mailbox` is
 * local@domain (or empty for the null reverse-path); it is validated like a received path.
 * Parameter keywords must follow the esmtp-keyword grammar; values marked `xtext` are encoded.
 */
constexpr write_result write_path_command(char* out, std::size_t capacity, command_verb verb,
                                          std::string_view mailbox,
                                          const esmtp_param_to_write* params = nullptr,
                                          std::size_t param_count = 0,
                                          const command_options& options = {}) noexcept {
  if (verb != command_verb::mail && verb != command_verb::rcpt) return {errc::bad_argument, 0, 0};
  bool utf8 = options.smtputf8;
  for (std::size_t k = 0; k < param_count; ++k) {
    if (verb == command_verb::mail && detail::iequals(params[k].keyword, "SMTPUTF8")) utf8 = true;
  }
  const write_result checked = detail::check_text(mailbox, utf8);
  if (!checked.ok()) return checked;
  detail::command_writer w{out, capacity};
  w.put(verb == command_verb::mail ? "MAIL FROM:<" : "RCPT TO:<");
  const std::size_t path_start = w.w - 1;
  w.put(mailbox);
  w.put_char('>');
  if (w.overflow) return {errc::output_too_small, 0, 0};
  // Validate the path we wrote with the parser's own rules.
  detail::path_marks path;
  const detail::path_scan scan = detail::scan_path(
      std::string_view(out + path_start, w.w - path_start), 0, verb == command_verb::mail,
      verb == command_verb::rcpt, utf8, options.accept_long_local_part, path);
  if (scan.error != errc{}) return {scan.error, 0, scan.pos == 0 ? 0 : scan.pos - 1};
  for (std::size_t k = 0; k < param_count; ++k) {
    const esmtp_param_to_write& p = params[k];
    const std::string_view key = p.keyword;
    if (key.empty() || !detail::is_alnum_ascii(key[0])) return {errc::bad_esmtp_parameter, 0, k};
    for (const char ch : key) {
      if (!detail::is_alnum_ascii(ch) && ch != '-') return {errc::bad_esmtp_parameter, 0, k};
    }
    w.put_char(' ');
    w.put(key);
    if (!p.has_value) continue;
    w.put_char('=');
    if (p.xtext) {
      if (w.w <= w.capacity) {
        const write_result x = encode_xtext(p.raw_value, out + w.w, w.capacity - w.w);
        if (!x.ok()) return {errc::output_too_small, 0, 0};
        w.w += x.size;
      }
    } else {
      if (p.raw_value.empty()) return {errc::bad_esmtp_parameter, 0, k};
      for (const char ch : p.raw_value) {
        const auto u = static_cast<unsigned char>(ch);
        if (u == '\r' || u == '\n') return {errc::line_break_in_text, 0, k};
        if (u < 33 || u == '=' || u == 127 || (u >= 0x80 && !utf8))
          return {errc::bad_esmtp_parameter, 0, k};
      }
      w.put(p.raw_value);
    }
  }
  return detail::finish_command(w, options);
}

/// "AUTH mechanism[ initial-response]" CRLF; an empty `initial_response` with `send_response`
/// writes "=" (RFC 4954 §4). The response must be base64.
constexpr write_result write_auth(char* out, std::size_t capacity, std::string_view mechanism,
                                  std::string_view initial_response = {},
                                  bool send_response = false,
                                  const command_options& limits = {}) noexcept {
  if (mechanism.empty() || mechanism.size() > 20) return {errc::bad_argument, 0, 0};
  for (const char ch : mechanism) {
    if (!detail::is_alnum_ascii(ch) && ch != '-' && ch != '_') return {errc::bad_argument, 0, 0};
  }
  if (!initial_response.empty() && !detail::is_base64(initial_response)) {
    const write_result checked = detail::check_text(initial_response, false);
    return checked.ok() ? write_result{errc::bad_argument, 0, 0} : checked;
  }
  detail::command_writer w{out, capacity};
  w.put("AUTH ");
  w.put(mechanism);
  if (send_response || !initial_response.empty()) {
    w.put_char(' ');
    w.put(initial_response.empty() ? std::string_view("=") : initial_response);
  }
  return detail::finish_command(w, limits);
}

/// "BDAT size[ LAST]" CRLF.
constexpr write_result write_bdat(char* out, std::size_t capacity, std::uint64_t size,
                                  bool last) noexcept {
  char digits[20] = {};
  std::size_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + size % 10);
    size /= 10;
  } while (size != 0);
  detail::command_writer w{out, capacity};
  w.put("BDAT ");
  while (n > 0) w.put_char(digits[--n]);
  if (last) w.put(" LAST");
  return detail::finish_command(w, command_options{});
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMMAND_WRITER_HPP
