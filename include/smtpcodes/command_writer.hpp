/**
 * @file command_writer.hpp
 * @brief Writers for the client side of SMTP commands (RFC 5321 §4.1): every line they produce
 * is parsed again with `parse_command` and written only when it means exactly what was asked.
 *
 * Every writer returns a `write_result`. Its `part` numbers the writer's inputs: 0 is the
 * argument (the path of MAIL and RCPT, the mechanism of AUTH, the size of BDAT), 1 + i the
 * parameter i (AUTH: 1 is the initial response); `offset` is the octet in that input. For a
 * parameter, offsets count in "KEYWORD=VALUE" with the value as given (before xtext encoding).
 *
 * What the caller's buffer holds after a refusal: for `output_too_small` and every error found
 * in the inputs before writing, nothing was written. When the line was written but parsing it
 * refused it or gave another command, every octet written is overwritten with NUL: the buffer
 * holds no command either way, and `size` is 0. Errors in the inputs come first, then
 * `output_too_small`, then what only the whole line shows (`line_too_long`, the parser's).
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_COMMAND_WRITER_HPP
#define SMTPCODES_COMMAND_WRITER_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string_view>

#include "command.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "result.hpp"
#include "xtext.hpp"

namespace smtpcodes {

/// A parameter to write: `raw_value` is xtext-encoded when `xtext` is set (ENVID, ORCPT's
/// address, AUTH), written as is otherwise (then it must be an esmtp-value, RFC 5321 §4.1.2).
/// With `has_value` unset, `raw_value` must be empty.
struct esmtp_param_to_write {
  std::string_view keyword;
  std::string_view raw_value;
  bool has_value = false;
  bool xtext = false;
};

namespace detail {

/// Where an octet of a written line comes from: the `part` and `offset` of a `write_result`.
struct line_place {
  std::size_t part = 0;
  std::size_t offset = 0;
};

/// a + b, or SIZE_MAX when the sum does not fit (sizes only ever compare against capacities).
[[nodiscard]] constexpr std::size_t add_saturated(std::size_t a, std::size_t b) noexcept {
  return a > std::numeric_limits<std::size_t>::max() - b ? std::numeric_limits<std::size_t>::max()
                                                         : a + b;
}

/// Octets both strings start with.
[[nodiscard]] constexpr std::size_t common_prefix(std::string_view a, std::string_view b) noexcept {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

/// What `check_text` found: an empty `error` when the text is clean, else the first bad octet.
struct text_problem {
  errc error{};
  std::size_t offset = 0;
};

/// A text given to a command writer may hold no CR or LF (they would end the command and start
/// another), no other control octet, and 8-bit octets only with `allow_8bit`.
[[nodiscard]] constexpr text_problem check_text(std::string_view s, bool allow_8bit) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u == '\r' || u == '\n') return {errc::line_break_in_text, i};
    if (u < 32 || u == 127 || (u >= 0x80 && !allow_8bit)) return {errc::invalid_octet, i};
  }
  return {};
}

/// Octets a line may hold before its CRLF under `options.max_line_length` (0: no limit).
[[nodiscard]] constexpr std::size_t content_limit(const command_options& options) noexcept {
  if (options.max_line_length == no_limit) return std::numeric_limits<std::size_t>::max();
  return options.max_line_length < 2 ? 0 : options.max_line_length - 2;
}

/// Appends to a buffer whose room was checked beforehand.
struct line_builder {
  char* out;
  std::size_t w = 0;
  constexpr void put(std::string_view s) noexcept {
    if (!SMTPCODES_IS_CONSTANT_EVALUATED()) {  // a loop per octet was a fifth of a writer's time
      if (!s.empty()) std::memcpy(out + w, s.data(), s.size());
      w += s.size();
      return;
    }
    for (const char c : s) out[w++] = c;
  }
};

/// The parser's refusal of a written line, placed in the writer's inputs by `locate`.
template <class Locate>
[[nodiscard]] constexpr write_result parser_refusal(const command_result& parsed,
                                                    Locate locate) noexcept {
  const line_place at = locate(parsed.offset);
  return {parsed.error, 0, at.offset, at.part};
}

/**
 * The steps every command writer shares. `size` is the whole line with its CRLF; `locate` maps
 * an octet of the line to the input it came from; `write` fills the line (without CRLF);
 * `judge` takes the parse of the line and returns the refusal, if any (the parser's, or a
 * command other than the one asked for).
 * Checks the room (first: `output_too_small` comes before the errors of the line as a whole)
 * and the length limit, writes, parses the line again with `options`, and clears it on any
 * refusal (see the file comment).
 */
template <class Locate, class Write, class Judge>
constexpr write_result emit_command(char* out, std::size_t capacity, std::size_t size,
                                    const command_options& options, Locate locate, Write write,
                                    Judge judge) noexcept {
  if (size > capacity) return {errc::output_too_small, size, 0, 0};
  const std::size_t limit = content_limit(options);
  if (size - 2 > limit) {
    const line_place at = locate(limit);
    return {errc::line_too_long, 0, at.offset, at.part};
  }
  line_builder b{out};
  write(b);
  b.put("\r\n");
  const write_result refusal = judge(parse_command(std::string_view(out, size - 2), options));
  if (refusal.ok()) return {errc{}, size, 0, 0};
  for (std::size_t i = 0; i < size; ++i) out[i] = '\0';
  return refusal;
}

/// Octets parameter `p` takes on the line: SP KEYWORD ["=" VALUE], the value encoded.
[[nodiscard]] constexpr std::size_t written_size(const esmtp_param_to_write& p) noexcept {
  std::size_t n = add_saturated(1, p.keyword.size());
  if (!p.has_value) return n;
  return add_saturated(add_saturated(n, 1),
                       p.xtext ? xtext_encoded_size(p.raw_value) : p.raw_value.size());
}

/// Octets parameter `p` spans as given: KEYWORD ["=" VALUE], the value before encoding.
[[nodiscard]] constexpr std::size_t given_size(const esmtp_param_to_write& p) noexcept {
  return p.keyword.size() + (p.has_value ? 1 + p.raw_value.size() : 0);
}

/// Checks a parameter before anything is written: keyword grammar, value octets.
[[nodiscard]] constexpr write_result check_param(const esmtp_param_to_write& p, std::size_t part,
                                                 bool utf8) noexcept {
  const std::string_view key = p.keyword;
  // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-") (RFC 5321 §4.1.2)
  if (key.empty() || !is_alnum_ascii(key[0])) return {errc::bad_esmtp_parameter, 0, 0, part};
  for (std::size_t i = 1; i < key.size(); ++i) {
    if (!is_alnum_ascii(key[i]) && key[i] != '-') return {errc::bad_esmtp_parameter, 0, i, part};
  }
  const std::size_t value_at = key.size() + 1;
  if (!p.has_value) {
    if (!p.raw_value.empty()) return {errc::bad_esmtp_parameter, 0, key.size(), part};
    return {};
  }
  if (p.raw_value.empty()) return {errc::bad_esmtp_parameter, 0, value_at, part};
  if (p.xtext) return {};  // any octet can be encoded
  // esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 under SMTPUTF8 (RFC 6531 §3.3)
  for (std::size_t i = 0; i < p.raw_value.size(); ++i) {
    const auto u = static_cast<unsigned char>(p.raw_value[i]);
    if (u == '\r' || u == '\n') return {errc::line_break_in_text, 0, value_at + i, part};
    if (u < 33 || u == '=' || u == 127) return {errc::bad_esmtp_parameter, 0, value_at + i, part};
    if (u >= 0x80 && !utf8) return {errc::non_ascii_without_smtputf8, 0, value_at + i, part};
  }
  return {};
}

}  // namespace detail

/**
 * Writes "VERB[ SP argument]" CRLF, e.g. `write_command(buf, n, command_verb::ehlo,
 * "client.example.com")`. The argument is everything after the verb, and the line must parse
 * back (with `options`) as this verb with exactly this argument.
 * Errors (part 0 is the argument): `bad_argument` (verb `unknown`, or MAIL, RCPT, AUTH or BDAT,
 * which have their own writers below; a line that parses as something else),
 * `line_break_in_text`, `invalid_octet` (other controls, 8-bit), `line_too_long`,
 * `output_too_small`, or the parser's error for an argument the verb does not take (e.g.
 * `bad_command_syntax` for "QUIT now" or a malformed EHLO domain).
 */
[[nodiscard]] constexpr write_result write_command(char* out, std::size_t capacity,
                                                   command_verb verb,
                                                   std::string_view argument = {},
                                                   const command_options& options = {}) noexcept {
  if (verb == command_verb::unknown || verb == command_verb::mail || verb == command_verb::rcpt ||
      verb == command_verb::auth || verb == command_verb::bdat)
    return {errc::bad_argument, 0, 0, 0};
  const detail::text_problem t = detail::check_text(argument, false);
  if (t.error != errc{}) return {t.error, 0, t.offset, 0};
  const std::string_view name = to_string(verb);
  const std::size_t before = argument.empty() ? name.size() : name.size() + 1;
  const std::size_t size = detail::add_saturated(before + 2, argument.size());
  auto locate = [&](std::size_t at) {
    return detail::line_place{0, at <= before ? 0 : at - before};
  };
  auto write = [&](detail::line_builder& b) {
    b.put(name);
    if (!argument.empty()) {
      b.put(" ");
      b.put(argument);
    }
  };
  auto judge = [&](const command_result& parsed) -> write_result {
    if (!parsed.ok()) return detail::parser_refusal(parsed, locate);
    const command& c = parsed.cmd;
    if (c.verb != verb || c.argument != argument)
      return {errc::bad_argument, 0, detail::common_prefix(c.argument, argument), 0};
    return {};
  };
  return detail::emit_command(out, capacity, size, options, locate, write, judge);
}

/**
 * Writes "MAIL FROM:<path>" or "RCPT TO:<path>" with parameters and CRLF. `mailbox` is
 * local@domain as it goes between the brackets (empty for MAIL's null reverse-path); parameter
 * keywords follow the esmtp-keyword grammar; values marked `xtext` are encoded. The line must
 * parse back (with `options`) as this verb, this exact path and these exact parameters in this
 * order: a mailbox such as "a@b> RET=FULL" is refused (`bad_path`), never written as a path
 * followed by parameters. UTF-8 is allowed in the mailbox and in values when `options.smtputf8`
 * is set or MAIL carries an SMTPUTF8 parameter (RFC 6531 §3.4).
 * Errors (part 0: the mailbox; part 1 + i: parameter i): `bad_argument` (verb neither MAIL nor
 * RCPT), `line_break_in_text`, `invalid_octet`, `bad_esmtp_parameter` (bad keyword, a value that
 * is not an esmtp-value, `raw_value` without `has_value`, or a parameter that parses back
 * otherwise), `non_ascii_without_smtputf8`, `too_many_parameters` (over
 * `options.max_parameters`), `line_too_long`, `output_too_small`, and the parser's own errors
 * for the line (`bad_path`, `path_too_long`, `bad_esmtp_parameter` for a value its registered
 * parameter refuses, `duplicate_esmtp_parameter`...).
 */
[[nodiscard]] constexpr write_result write_path_command(
    char* out, std::size_t capacity, command_verb verb, std::string_view mailbox,
    const esmtp_param_to_write* params = nullptr, std::size_t param_count = 0,
    const command_options& options = {}) noexcept {
  if (verb != command_verb::mail && verb != command_verb::rcpt)
    return {errc::bad_argument, 0, 0, 0};
  bool utf8 = options.smtputf8;
  for (std::size_t k = 0; k < param_count; ++k) {
    if (verb == command_verb::mail && detail::iequals(params[k].keyword, "SMTPUTF8")) utf8 = true;
  }
  const detail::text_problem t = detail::check_text(mailbox, utf8);
  if (t.error != errc{}) return {t.error, 0, t.offset, 0};
  if (options.max_parameters != no_limit && param_count > options.max_parameters)
    return {errc::too_many_parameters, 0, 0, 1 + options.max_parameters};
  const std::string_view prefix = verb == command_verb::mail ? "MAIL FROM:<" : "RCPT TO:<";
  std::size_t size = detail::add_saturated(prefix.size() + 1 + 2, mailbox.size());  // ">" CRLF
  for (std::size_t k = 0; k < param_count; ++k) {
    const write_result checked = detail::check_param(params[k], 1 + k, utf8);
    if (checked.failed()) return checked;
    size = detail::add_saturated(size, detail::written_size(params[k]));
  }
  auto locate = [&](std::size_t at) -> detail::line_place {
    if (at < prefix.size()) return {0, 0};
    at -= prefix.size();
    if (at <= mailbox.size()) return {0, at};  // the closing ">" counts as the mailbox's end
    at -= mailbox.size() + 1;
    for (std::size_t k = 0; k < param_count; ++k) {
      const esmtp_param_to_write& p = params[k];
      const std::size_t length = detail::written_size(p);
      if (at < length) {
        if (at == 0) return {1 + k, 0};  // the space before it
        const std::size_t in = at - 1;   // in "KEYWORD=VALUE" as written
        const std::size_t value_at = p.keyword.size() + 1;
        if (!p.xtext || !p.has_value || in < value_at) return {1 + k, in};
        return {1 + k, value_at + detail::xtext_raw_index(p.raw_value, in - value_at)};
      }
      at -= length;
    }
    if (param_count == 0) return {0, mailbox.size()};
    return {param_count, detail::given_size(params[param_count - 1])};
  };
  auto write = [&](detail::line_builder& b) {
    b.put(prefix);
    b.put(mailbox);
    b.put(">");
    for (std::size_t k = 0; k < param_count; ++k) {
      const esmtp_param_to_write& p = params[k];
      b.put(" ");
      b.put(p.keyword);
      if (!p.has_value) continue;
      b.put("=");
      if (p.xtext) {
        const write_result x = encode_xtext(p.raw_value, b.out + b.w, size - b.w);
        b.w += x.size;  // the room was counted: this cannot fail
      } else {
        b.put(p.raw_value);
      }
    }
  };
  auto judge = [&](const command_result& parsed) -> write_result {
    const command& c = parsed.cmd;
    const std::string_view text = c.path.text;
    const std::string_view inner =
        text.size() < 2 ? std::string_view() : text.substr(1, text.size() - 2);
    // A path that parsed but ends before the mailbox does is the mailbox's fault, whatever the
    // parser then made of the rest ("a@b> RET=FULL" fails on RET's value "FULL>").
    if (!text.empty() && inner != mailbox)
      return {errc::bad_path, 0, detail::common_prefix(inner, mailbox), 0};
    if (!parsed.ok()) return detail::parser_refusal(parsed, locate);
    if (c.verb != verb || text.size() != mailbox.size() + 2 || inner != mailbox)
      return {errc::bad_path, 0, detail::common_prefix(inner, mailbox), 0};
    const esmtp_params got = c.params();
    auto it = got.begin();
    for (std::size_t k = 0; k < param_count; ++it, ++k) {
      const esmtp_param_to_write& p = params[k];
      if (it == got.end() || it->keyword != p.keyword)
        return {errc::bad_esmtp_parameter, 0, 0, 1 + k};
      const bool same_value = it->has_value == p.has_value &&
                              (p.xtext ? detail::is_xtext_encoding_of(it->value, p.raw_value)
                                       : it->value == p.raw_value);
      if (!same_value) return {errc::bad_esmtp_parameter, 0, p.keyword.size(), 1 + k};
    }
    if (it != got.end()) {
      return param_count == 0
                 ? write_result{errc::bad_path, 0, mailbox.size(), 0}
                 : write_result{errc::bad_esmtp_parameter, 0,
                                detail::given_size(params[param_count - 1]), param_count};
    }
    return {};
  };
  return detail::emit_command(out, capacity, size, options, locate, write, judge);
}

/**
 * Writes "AUTH mechanism[ initial-response]" CRLF (RFC 4954 §4). An empty `initial_response`
 * with `send_response` writes "=" (an empty response); otherwise the response must be base64.
 * The line must parse back as AUTH with this mechanism and this response.
 * Errors (part 0: the mechanism; part 1: the initial response): `bad_argument` (a mechanism
 * that is empty, longer than `sasl_mechanism_limit` or outside RFC 4422 §3.1's characters; a
 * response that is not base64), `line_break_in_text`, `invalid_octet`, `line_too_long` (RFC 4954
 * §4 asks servers for 12288 octets: raise `options.max_line_length`), `output_too_small`.
 */
[[nodiscard]] constexpr write_result write_auth(char* out, std::size_t capacity,
                                                std::string_view mechanism,
                                                std::string_view initial_response = {},
                                                bool send_response = false,
                                                const command_options& options = {}) noexcept {
  if (mechanism.empty()) return {errc::bad_argument, 0, 0, 0};
  if (mechanism.size() > sasl_mechanism_limit)
    return {errc::bad_argument, 0, sasl_mechanism_limit, 0};
  for (std::size_t i = 0; i < mechanism.size(); ++i) {
    const char ch = mechanism[i];
    if (!detail::is_alnum_ascii(ch) && ch != '-' && ch != '_') return {errc::bad_argument, 0, i, 0};
  }
  if (!initial_response.empty()) {
    const detail::text_problem t = detail::check_text(initial_response, false);
    if (t.error != errc{}) return {t.error, 0, t.offset, 1};
    const std::size_t bad = detail::find_base64_problem(initial_response);
    if (bad != std::string_view::npos) return {errc::bad_argument, 0, bad, 1};
  }
  const bool has_response = send_response || !initial_response.empty();
  const std::string_view response = initial_response.empty() ? "=" : initial_response;
  constexpr std::string_view verb = "AUTH ";
  std::size_t size = detail::add_saturated(verb.size() + 2, mechanism.size());
  if (has_response) size = detail::add_saturated(size, 1 + response.size());
  auto locate = [&](std::size_t at) -> detail::line_place {
    const std::size_t mechanism_end = verb.size() + mechanism.size();
    if (at <= mechanism_end) return {0, at < verb.size() ? 0 : at - verb.size()};
    return {1, at - mechanism_end - 1};
  };
  auto write = [&](detail::line_builder& b) {
    b.put(verb);
    b.put(mechanism);
    if (has_response) {
      b.put(" ");
      b.put(response);
    }
  };
  auto judge = [&](const command_result& parsed) -> write_result {
    if (!parsed.ok()) return detail::parser_refusal(parsed, locate);
    const command& c = parsed.cmd;
    if (c.verb != command_verb::auth || c.target != mechanism)
      return {errc::bad_argument, 0, detail::common_prefix(c.target, mechanism), 0};
    if (c.has_initial_response != has_response || c.initial_response != initial_response)
      return {errc::bad_argument, 0, detail::common_prefix(c.initial_response, initial_response),
              1};
    return {};
  };
  return detail::emit_command(out, capacity, size, options, locate, write, judge);
}

/**
 * Writes "BDAT size[ LAST]" CRLF (RFC 3030 §2); the line must parse back as this size and flag.
 * Errors (part 0: the size): `line_too_long`, `output_too_small`.
 */
[[nodiscard]] constexpr write_result write_bdat(char* out, std::size_t capacity, std::uint64_t size,
                                                bool last,
                                                const command_options& options = {}) noexcept {
  char digits[max_uint64_digits] = {};
  const std::size_t n = detail::format_uint(digits, size);
  const std::string_view number(digits, n);
  constexpr std::string_view verb = "BDAT ";
  constexpr std::string_view last_word = " LAST";
  const std::size_t line_size = verb.size() + n + (last ? last_word.size() : 0) + 2;
  auto locate = [&](std::size_t at) {
    return detail::line_place{0, at <= verb.size() ? 0 : at - verb.size()};
  };
  auto write = [&](detail::line_builder& b) {
    b.put(verb);
    b.put(number);
    if (last) b.put(last_word);
  };
  auto judge = [&](const command_result& parsed) -> write_result {
    if (!parsed.ok()) return detail::parser_refusal(parsed, locate);
    const command& c = parsed.cmd;
    if (c.verb != command_verb::bdat || c.chunk_size != size || c.last != last)
      return {errc::bad_argument, 0, 0, 0};
    return {};
  };
  return detail::emit_command(out, capacity, line_size, options, locate, write, judge);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMMAND_WRITER_HPP
