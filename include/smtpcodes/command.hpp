/**
 * @file command.hpp
 * @brief SMTP commands (RFC 5321 §4.1): a zero-allocation parser for one command line (server
 * side), with paths (path.hpp) and ESMTP parameters (esmtp.hpp).
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_COMMAND_HPP
#define SMTPCODES_COMMAND_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "command_verb.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/base64.hpp"
#include "detail/scan.hpp"
#include "error.hpp"
#include "esmtp.hpp"
#include "limits.hpp"
#include "line.hpp"
#include "path.hpp"

namespace smtpcodes {

/**
 * A parsed command line. Every view points into the line given to `parse_command`.
 */
struct command {
  command_verb verb = command_verb::unknown;
  std::string_view verb_text;  ///< The verb as sent.
  std::string_view argument;   ///< Everything after the verb and its space.
  /// HELO/EHLO/LHLO: the client's domain or address literal. VRFY/EXPN/HELP/NOOP: the string.
  /// AUTH: the mechanism. ETRN/ATRN: the node(s). BURL: the URL.
  std::string_view target;
  mailbox_path path;                  ///< MAIL and RCPT.
  std::string_view parameter_text;    ///< MAIL and RCPT: the ESMTP parameters as sent.
  esmtp_values values;                ///< MAIL and RCPT: registered parameters, typed.
  std::string_view initial_response;  ///< AUTH: base64, empty for "=".
  bool has_initial_response = false;
  std::uint64_t chunk_size = 0;  ///< BDAT
  bool last = false;             ///< BDAT and BURL: LAST given.

  /// MAIL and RCPT: every parameter, registered or not, in order.
  [[nodiscard]] constexpr esmtp_params params() const noexcept {
    return esmtp_params(parameter_text);
  }

  /// ENVID (RFC 3461 §4.4), still xtext-encoded; empty when absent.
  [[nodiscard]] constexpr std::string_view envid() const noexcept {
    return params().find("ENVID").value;
  }
  /// AUTH= on MAIL (RFC 4954 §5): an xtext mailbox or "<>"; empty when absent.
  [[nodiscard]] constexpr std::string_view auth_mailbox() const noexcept {
    return params().find("AUTH").value;
  }
  /// HOLDUNTIL (RFC 4865): an RFC 3339 date-time; empty when absent.
  [[nodiscard]] constexpr std::string_view hold_until() const noexcept {
    return params().find("HOLDUNTIL").value;
  }
  /// ORCPT's address type (RFC 3461 §4.2), e.g. "rfc822"; empty when absent.
  [[nodiscard]] constexpr std::string_view orcpt_type() const noexcept {
    const std::string_view v = params().find("ORCPT").value;
    return v.substr(0, v.find(';'));
  }
  /// ORCPT's address, still xtext-encoded; empty when absent.
  [[nodiscard]] constexpr std::string_view orcpt() const noexcept {
    const std::string_view v = params().find("ORCPT").value;
    const std::size_t semi = v.find(';');
    return semi == std::string_view::npos ? std::string_view() : v.substr(semi + 1);
  }
  /// RRVS (RFC 7293): date-time [";" mode]; empty when absent.
  [[nodiscard]] constexpr std::string_view rrvs() const noexcept {
    return params().find("RRVS").value;
  }
};

/// Parser settings. Strict by default: every `accept_` member is a leniency, off by default.
struct command_options {
  /// Longest command line, counting CRLF (RFC 5321 §4.5.3.1.4: 512). Extensions may add to it
  /// (RFC 1870 and others ask for room for their parameters); raise it to match. 0 (`no_limit`)
  /// means no limit; 1 and 2 are taken as 3 (the CRLF and one octet).
  std::size_t max_line_length = command_line_limit;
  /// The transaction uses SMTPUTF8 (its MAIL had the parameter): RCPT paths may hold UTF-8
  /// (RFC 6531 §3.4). MAIL decides for itself, from its own parameters: UTF-8 in its path and
  /// parameter values is allowed when SMTPUTF8 is one of them, or when this is set.
  bool smtputf8 = false;
  /// Accepts local parts longer than 64 octets (`local_part_limit`, RFC 5321 §4.5.3.1.1).
  /// Mailing lists with VERP addresses exceed it (aiosmtpd#257). Risk: longer addresses passed
  /// downstream, to systems that may truncate or refuse them.
  bool accept_long_local_part = false;
  /// Accepts spaces between "FROM:"/"TO:" and the path ("MAIL FROM: <a@b>"), as many clients
  /// send; RFC 5321 §4.1.2 (and §4.1.1.2's "no spaces" note) allows none. Risk: none known
  /// beyond accepting clients that break the grammar; the path itself is checked as strictly.
  bool accept_space_before_path = false;
  /// Most ESMTP parameters on one MAIL or RCPT. RFC 5321 sets no number; real clients send
  /// fewer than ten, and a bound keeps per-command work small whatever the line length.
  /// 0 (`no_limit`) means no limit beyond the line length.
  std::size_t max_parameters = 16;
  /// Accepts an address literal as HELO's argument ("HELO [127.0.0.1]"). RFC 5321 §4.1.1.1 gives
  /// HELO only a Domain, but §4.1.4 asks a client without a domain name to send an address
  /// literal, and Python's smtplib does exactly that when it falls back from EHLO to HELO.
  /// Risk: a HELO name that is not a name: code that looks it up or logs it as a domain must
  /// expect brackets (as it must for EHLO, where literals are always allowed).
  bool accept_helo_address_literal = false;
};

/// Result of `parse_command`. On error, `error` and `offset` (an octet offset in the line);
/// `cmd` then holds what was parsed before the error (at least the verb, unless the line failed
/// its length or octet checks). Every view in `cmd` lies inside the line or is empty, on
/// success and on error.
struct [[nodiscard]] command_result {
  errc error{};
  std::size_t offset = 0;
  command cmd{};
  constexpr bool ok() const noexcept { return error == errc{}; }
  constexpr bool failed() const noexcept { return error != errc{}; }
};

namespace detail {

/// The four letters packed, upper-cased (ASCII letters only), for one comparison per verb.
constexpr std::uint32_t pack_verb(std::string_view v) noexcept {
  std::uint32_t key = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    key = (key << 8) | static_cast<unsigned char>(to_upper_ascii(v[i]));
  }
  return key;
}

constexpr command_verb lookup_verb(std::string_view v) noexcept {
  constexpr folded_word starttls{"STARTTLS"};
  if (iequals_folded(v, starttls)) return command_verb::starttls;
  if (v.size() != 4) return command_verb::unknown;
  // Clearing bit 0x20 makes an upper-case ASCII letter of exactly the two cases of a letter
  // (digits, punctuation and 8-bit octets land elsewhere), so only letters reach a verb's key.
  const std::uint32_t key = (static_cast<std::uint32_t>(static_cast<unsigned char>(v[0])) << 24 |
                             static_cast<std::uint32_t>(static_cast<unsigned char>(v[1])) << 16 |
                             static_cast<std::uint32_t>(static_cast<unsigned char>(v[2])) << 8 |
                             static_cast<std::uint32_t>(static_cast<unsigned char>(v[3]))) &
                            0xDFDFDFDFU;  // upper-case four ASCII letters at once
  switch (key) {  // a few compares, where a table would be searched entry by entry
    case pack_verb("HELO"):
      return command_verb::helo;
    case pack_verb("EHLO"):
      return command_verb::ehlo;
    case pack_verb("LHLO"):
      return command_verb::lhlo;
    case pack_verb("MAIL"):
      return command_verb::mail;
    case pack_verb("RCPT"):
      return command_verb::rcpt;
    case pack_verb("DATA"):
      return command_verb::data;
    case pack_verb("BDAT"):
      return command_verb::bdat;
    case pack_verb("RSET"):
      return command_verb::rset;
    case pack_verb("VRFY"):
      return command_verb::vrfy;
    case pack_verb("EXPN"):
      return command_verb::expn;
    case pack_verb("HELP"):
      return command_verb::help;
    case pack_verb("NOOP"):
      return command_verb::noop;
    case pack_verb("QUIT"):
      return command_verb::quit;
    case pack_verb("AUTH"):
      return command_verb::auth;
    case pack_verb("ETRN"):
      return command_verb::etrn;
    case pack_verb("ATRN"):
      return command_verb::atrn;
    case pack_verb("BURL"):
      return command_verb::burl;
    default:
      return command_verb::unknown;
  }
}

}  // namespace detail

namespace detail {

/// Where the parts of a command are in the line. `parse_command` builds its views from these
/// at the end: clearing a whole `command_result` up front, for every line, cost more than
/// parsing most commands; this is small enough to clear with a few stores.
struct command_marks {
  std::size_t verb_end = 0;    // the space after the verb, or the end of the line
  std::size_t target_end = 0;  // `target` runs from the argument's start to here
  std::uint64_t chunk_size = 0;
  path_marks path;  // MAIL and RCPT
  command_verb verb = command_verb::unknown;
  bool has_verb = false;  // false when the line failed its length or octet checks
  bool has_target = false;
  bool has_parameters = false;  // `parameter_text` follows the path
  bool has_initial_response = false;
  bool last = false;
};

/// The first error in a line and where it is; an empty `error` for none.
struct parse_failure {
  errc error{};
  std::size_t offset = 0;
};

/// `find_special` from s[i] in whole SIMD blocks (`simd_block_width`) when s has one: the last
/// block ends where s ends, overlapping octets already known to be plain, rather than leaving them
/// to a byte loop.
inline std::size_t find_special_from(std::string_view s, std::size_t i, bool allow_8bit) noexcept {
  const std::size_t whole =
      s.size() < simd_block_width ? s.size() - i : (s.size() - i) & ~(simd_block_width - 1);
  const std::size_t at = i + find_special(s.data() + i, whole, allow_8bit);
  if (at < i + whole || i + whole == s.size()) return at;
  const std::size_t last = s.size() - simd_block_width;
  return last + find_special(s.data() + last, simd_block_width, allow_8bit);
}

// The body of `parse_command`: where the parts are (`m`) and the typed parameters (`values`).
constexpr parse_failure parse_command_into(std::string_view line, const command_options& options,
                                           command_marks& m, esmtp_values& values) noexcept {
  auto fail = [](errc e, std::size_t at) { return parse_failure{e, at}; };
  if (options.max_line_length != no_limit) {
    const std::size_t limit = options.max_line_length < 3 ? 3 : options.max_line_length;
    if (line.size() + 2 > limit) return fail(errc::line_too_long, limit - 2);
  }
  // Octets: CR and LF can never be inside a command (injection); other controls are invalid.
  std::size_t first_8bit = std::string_view::npos;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (!SMTPCODES_IS_CONSTANT_EVALUATED()) {  // skip plain text with SIMD at run time
      i = find_special_from(line, i, first_8bit != std::string_view::npos);
      if (i == line.size()) break;
    }
    const auto u = static_cast<unsigned char>(line[i]);
    if (u == '\r') return fail(errc::bare_cr, i);
    if (u == '\n') return fail(errc::bare_lf, i);
    if (u < 32 || u == 127) return fail(errc::invalid_octet, i);
    if (u >= 0x80 && first_8bit == std::string_view::npos) first_8bit = i;
  }
  const std::size_t space = find_char(line, ' ');
  const bool has_argument = space != std::string_view::npos;
  m.has_verb = true;
  m.verb_end = has_argument ? space : line.size();
  m.verb = detail::lookup_verb(part(line, 0, m.verb_end));
  const std::string_view argument = has_argument ? line.substr(space + 1) : std::string_view();
  const std::size_t arg_at = has_argument ? space + 1 : line.size();
  // Only MAIL and RCPT can allow 8-bit octets (SMTPUTF8); everywhere else, unknown verbs
  // included, they are refused (RFC 6531 §3.4 extends no other command we parse).
  const bool mail = m.verb == command_verb::mail;
  const bool rcpt = m.verb == command_verb::rcpt;
  if (first_8bit != std::string_view::npos && !mail && !rcpt)
    return fail(errc::non_ascii_without_smtputf8, first_8bit);
  if (m.verb == command_verb::unknown) return {};
  auto set_target = [&m, arg_at](std::size_t size) {  // `target` is the argument's first `size`
    m.has_target = true;
    m.target_end = arg_at + size;
  };

  switch (m.verb) {
    case command_verb::data:
    case command_verb::rset:
    case command_verb::quit:
    case command_verb::starttls:
      if (has_argument) return fail(errc::bad_command_syntax, space);
      return {};
    case command_verb::helo:
    case command_verb::ehlo:
    case command_verb::lhlo: {
      // HELO: Domain; EHLO/LHLO: Domain / address-literal (RFC 5321 §4.1.1.1)
      if (argument.empty()) return fail(errc::bad_command_syntax, arg_at);
      const bool literal = argument[0] == '[' &&
                           (m.verb != command_verb::helo || options.accept_helo_address_literal);
      const std::size_t end = literal ? detail::scan_address_literal(argument, 0)
                                      : detail::scan_domain(argument, 0, false);
      if (end != argument.size())
        return fail(errc::bad_command_syntax, arg_at + (end == std::string_view::npos ? 0 : end));
      set_target(argument.size());
      return {};
    }
    case command_verb::vrfy:
    case command_verb::expn:
    case command_verb::etrn:
      if (argument.empty()) return fail(errc::bad_command_syntax, arg_at);
      set_target(argument.size());
      return {};
    case command_verb::help:
    case command_verb::noop:
    case command_verb::atrn:
      if (has_argument) set_target(argument.size());
      return {};
    case command_verb::auth: {  // "AUTH" SP sasl-mech [SP initial-response] (RFC 4954 §4)
      const std::size_t sp = find_char(argument, ' ');
      const std::string_view mechanism = argument.substr(0, sp);
      set_target(mechanism.size());
      if (mechanism.empty() || mechanism.size() > sasl_mechanism_limit)
        return fail(errc::bad_command_syntax, arg_at);
      for (std::size_t i = 0; i < mechanism.size(); ++i) {
        const char ch = mechanism[i];
        if (!detail::is_alnum_ascii(ch) && ch != '-' && ch != '_')
          return fail(errc::bad_command_syntax, arg_at + i);
      }
      if (sp != std::string_view::npos) {
        const std::string_view response = argument.substr(sp + 1);
        m.has_initial_response = true;
        if (response != "=" && detail::find_base64_problem(response) != std::string_view::npos)
          return fail(errc::bad_command_syntax, arg_at + sp + 1);
      }
      return {};
    }
    case command_verb::bdat:
    case command_verb::burl: {  // BDAT SP chunk-size [SP "LAST"]; BURL SP url [SP "LAST"]
      const std::size_t sp = find_char(argument, ' ');
      const std::string_view first = argument.substr(0, sp);
      if (first.empty()) return fail(errc::bad_command_syntax, arg_at);
      if (sp != std::string_view::npos) {
        if (!detail::iequals(argument.substr(sp + 1), "LAST"))
          return fail(errc::bad_command_syntax, arg_at + sp + 1);
        m.last = true;
      }
      if (m.verb == command_verb::bdat) {
        if (!detail::parse_uint(first, max_uint64_digits, m.chunk_size))
          return fail(errc::bad_command_syntax, arg_at);
      } else {
        set_target(first.size());
      }
      return {};
    }
    case command_verb::mail:
    case command_verb::rcpt: {
      constexpr folded_word from{"FROM:"};
      constexpr folded_word to{"TO:"};
      if (mail ? !iequals_prefix(argument, from) : !iequals_prefix(argument, to))
        return fail(errc::bad_command_syntax, arg_at);
      std::size_t i = arg_at + (mail ? from.size : to.size);
      if (options.accept_space_before_path) {
        while (i < line.size() && line[i] == ' ') ++i;
      }
      // SMTPUTF8 (RFC 6531 §3.4): on RCPT, the transaction's; on MAIL, also its own parameter,
      // which is only known once the path has ended. So a MAIL line with 8-bit octets has its
      // path scanned as UTF-8 first, and 8-bit in it refused afterwards if SMTPUTF8 is not
      // among the parameters. A path malformed for another reason reports that error.
      bool utf8 = options.smtputf8;
      const bool path_utf8 = utf8 || (mail && first_8bit != std::string_view::npos);
      const detail::path_scan p =
          detail::scan_path(line, i, mail, rcpt, path_utf8, options.accept_long_local_part, m.path);
      if (p.error != errc{}) return fail(p.error, p.pos);
      i = p.pos;
      if (i == line.size()) {
        if (path_utf8 && !utf8) return fail(errc::non_ascii_without_smtputf8, first_8bit);
        return {};
      }
      if (line[i] != ' ' || i + 1 == line.size()) return fail(errc::bad_command_syntax, i);
      const std::string_view parameters = part(line, i + 1, line.size());
      if (path_utf8 && !utf8) {
        utf8 = !esmtp_params(parameters).find("SMTPUTF8").keyword.empty();
        if (!utf8 && first_8bit < i) return fail(errc::non_ascii_without_smtputf8, first_8bit);
      }
      m.has_parameters = true;
      std::size_t offset = 0;
      const errc e = detail::check_params(parameters, i + 1, mail, utf8, options.max_parameters,
                                          values, offset);
      if (e != errc{}) return fail(e, offset);
      return {};
    }
    case command_verb::unknown:
      break;
  }
  return {};
}

/// The result of `parse_command_into`, its views built from the marks.
constexpr command_result make_result(std::string_view line, const parse_failure& f,
                                     const command_marks& m, const esmtp_values& values) noexcept {
  if (!m.has_verb) return command_result{f.error, f.offset, command{}};
  // The argument starts after the verb's space; with no space, at the line's end (a view built
  // from verb_end + 1 there would start past the line: "AUTH" alone, issue 10).
  const std::size_t arg_at = m.verb_end < line.size() ? m.verb_end + 1 : line.size();
  const std::string_view after_target =  // AUTH's initial response, "=" for an empty one
      m.has_initial_response ? part(line, m.target_end + 1, line.size()) : std::string_view();
  return command_result{
      f.error, f.offset,
      command{m.verb, part(line, 0, m.verb_end),
              m.verb_end < line.size() ? part(line, arg_at, line.size()) : std::string_view(),
              m.has_target ? part(line, arg_at, m.target_end) : std::string_view(),
              make_path(line, m.path),
              m.has_parameters ? part(line, m.path.end + 1, line.size()) : std::string_view(),
              values, after_target == "=" ? std::string_view() : after_target,
              m.has_initial_response, m.chunk_size, m.last}};
}

}  // namespace detail

/**
 * Parses one command line, without its CRLF (from `line_reader`). Unknown verbs are not errors:
 * `verb` is `unknown` and `verb_text` holds what was sent. Errors, each with the offset of the
 * offending octet: `bare_cr` / `bare_lf` (a line break inside the line: command injection),
 * `invalid_octet` (NUL and other controls, DEL), `line_too_long`, `non_ascii_without_smtputf8`
 * (an 8-bit octet in any command but MAIL and RCPT, unknown verbs included; in MAIL without an
 * SMTPUTF8 parameter, or in RCPT without `options.smtputf8`), `bad_command_syntax` (missing,
 * extra or malformed arguments), `bad_path`, `path_too_long`, `bad_esmtp_parameter`,
 * `duplicate_esmtp_parameter`, `too_many_parameters`. After an error, `cmd` holds the verb and
 * its argument if the line got that far. Every view in the result points into `line` (or is
 * empty) and lives as long as the caller's buffer.
 */
[[nodiscard]] constexpr command_result parse_command(std::string_view line,
                                                     const command_options& options = {}) noexcept {
  detail::command_marks marks{};
  esmtp_values values{};
  const detail::parse_failure f = detail::parse_command_into(line, options, marks, values);
  return detail::make_result(line, f, marks, values);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMMAND_HPP
