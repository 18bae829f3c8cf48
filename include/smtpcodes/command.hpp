/**
 * @file command.hpp
 * @brief SMTP commands (RFC 5321 §4.1): a zero-allocation parser for one command line (server
 *        side), path validation (§4.1.2, RFC 6531 for UTF-8), ESMTP parameters with typed access
 *        to the registered ones, xtext (RFC 3461 §4), and writers for the client side.
 *
 * Includes line.hpp (limits), detail/ascii.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_COMMAND_HPP
#define SMTPCODES_COMMAND_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/scan.hpp"
#include "error.hpp"
#include "line.hpp"

namespace smtpcodes {

/// The commands smtpcodes knows; anything else is `unknown` (the server answers 500 itself).
enum class command_verb : std::uint8_t {
  unknown,
  helo,      ///< RFC 5321 §4.1.1.1
  ehlo,      ///< RFC 5321 §4.1.1.1
  lhlo,      ///< RFC 2033 (LMTP)
  mail,      ///< RFC 5321 §4.1.1.2
  rcpt,      ///< RFC 5321 §4.1.1.3
  data,      ///< RFC 5321 §4.1.1.4
  bdat,      ///< RFC 3030 §2
  rset,      ///< RFC 5321 §4.1.1.5
  vrfy,      ///< RFC 5321 §4.1.1.6
  expn,      ///< RFC 5321 §4.1.1.7
  help,      ///< RFC 5321 §4.1.1.8
  noop,      ///< RFC 5321 §4.1.1.9
  quit,      ///< RFC 5321 §4.1.1.10
  starttls,  ///< RFC 3207 §4
  auth,      ///< RFC 4954 §4
  etrn,      ///< RFC 1985 §5
  atrn,      ///< RFC 2645 §5
  burl,      ///< RFC 4468 §3
};

/// The verb as commands spell it ("MAIL"); "" for unknown.
constexpr std::string_view to_string(command_verb v) noexcept {
  constexpr std::string_view names[] = {"",         "HELO", "EHLO", "LHLO", "MAIL", "RCPT", "DATA",
                                        "BDAT",     "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT",
                                        "STARTTLS", "AUTH", "ETRN", "ATRN", "BURL"};
  return names[static_cast<std::size_t>(v)];
}

/// A reverse-path or forward-path (RFC 5321 §4.1.2), as views into the command line.
struct mailbox_path {
  std::string_view text;          ///< "<...>" as sent.
  std::string_view mailbox;       ///< local@domain, without brackets or source route; empty for <>.
  std::string_view local_part;    ///< As sent: a quoted local part keeps its quotes.
  std::string_view domain;        ///< A domain, or an address literal with its brackets.
  bool is_null = false;           ///< "<>" (MAIL only).
  bool is_postmaster = false;     ///< "<Postmaster>" without a domain (RCPT only, §4.1.1.3).
  bool has_source_route = false;  ///< "<@a,@b:user@c>": the route is accepted and ignored.
  bool is_quoted = false;         ///< The local part is a quoted string.
  bool is_address_literal = false;
};

/// BODY values (RFC 6152, RFC 3030).
enum class body_type : std::uint8_t { none, seven_bit, eight_bit_mime, binary_mime };
/// RET values (RFC 3461 §4.3).
enum class dsn_return : std::uint8_t { none, full, headers };
/// NOTIFY flags (RFC 3461 §4.1), combined as bits.
enum notify_flags : std::uint8_t {
  notify_none = 0,
  notify_never = 1,
  notify_success = 2,
  notify_failure = 4,
  notify_delay = 8,
};

/**
 * The registered MAIL and RCPT parameters found on the command, checked and typed. Parameters
 * whose value is text (ENVID, AUTH, HOLDUNTIL, ORCPT, RRVS) are checked during parsing and read
 * through `command`'s accessors, which find them in the line (kept small: this struct is
 * cleared for every command).
 */
struct esmtp_values {
  bool has_size = false;
  std::uint64_t size = 0;             ///< SIZE (RFC 1870)
  body_type body = body_type::none;   ///< BODY (RFC 6152, RFC 3030)
  bool smtputf8 = false;              ///< SMTPUTF8 (RFC 6531)
  dsn_return ret = dsn_return::none;  ///< RET (RFC 3461)
  bool has_by = false;                ///< BY (RFC 2852)
  std::int64_t by_time = 0;
  char by_mode = 0;  ///< 'N' or 'R'
  bool by_trace = false;
  bool has_holdfor = false;  ///< HOLDFOR (RFC 4865)
  std::uint64_t holdfor = 0;
  bool has_mt_priority = false;  ///< MT-PRIORITY (RFC 6710), -9..9
  int mt_priority = 0;
  bool requiretls = false;            ///< REQUIRETLS (RFC 8689)
  std::uint8_t notify = notify_none;  ///< NOTIFY (RFC 3461), RCPT
};

/// One ESMTP parameter, KEYWORD[=VALUE].
struct esmtp_param {
  std::string_view keyword;
  std::string_view value;
  bool has_value = false;
};

/// A lazy sequence of the parameters of a MAIL or RCPT command; no storage.
class esmtp_params {
 public:
  constexpr esmtp_params() noexcept = default;
  constexpr explicit esmtp_params(std::string_view text) noexcept : text_(text) {}

  class iterator {
   public:
    constexpr iterator() noexcept = default;
    constexpr explicit iterator(std::string_view rest) noexcept : rest_(rest) { load(); }
    constexpr const esmtp_param& operator*() const noexcept { return current_; }
    constexpr const esmtp_param* operator->() const noexcept { return &current_; }
    constexpr iterator& operator++() noexcept {
      rest_ = next_;
      load();
      return *this;
    }
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.rest_.size() == b.rest_.size();
    }
    friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    constexpr void load() noexcept {
      if (rest_.empty()) return;
      const std::size_t space = rest_.find(' ');
      const std::string_view item = rest_.substr(0, space);
      next_ =
          space == std::string_view::npos ? rest_.substr(rest_.size()) : rest_.substr(space + 1);
      const std::size_t eq = item.find('=');
      current_.keyword = item.substr(0, eq);
      current_.has_value = eq != std::string_view::npos;
      current_.value = current_.has_value ? item.substr(eq + 1) : std::string_view();
    }
    std::string_view rest_{};
    std::string_view next_{};
    esmtp_param current_{};
  };

  constexpr iterator begin() const noexcept { return iterator(text_); }
  constexpr iterator end() const noexcept { return iterator(text_.substr(text_.size())); }
  constexpr bool empty() const noexcept { return text_.empty(); }

  /// The parameter with this keyword (case-insensitive), or one with an empty keyword.
  constexpr esmtp_param find(std::string_view keyword) const noexcept {
    for (const esmtp_param& p : *this) {
      if (detail::iequals(p.keyword, keyword)) return p;
    }
    return {};
  }

 private:
  std::string_view text_{};
};

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
  constexpr esmtp_params params() const noexcept { return esmtp_params(parameter_text); }

  /// ENVID (RFC 3461 §4.4), still xtext-encoded; empty when absent.
  constexpr std::string_view envid() const noexcept { return params().find("ENVID").value; }
  /// AUTH= on MAIL (RFC 4954 §5): an xtext mailbox or "<>"; empty when absent.
  constexpr std::string_view auth_mailbox() const noexcept { return params().find("AUTH").value; }
  /// HOLDUNTIL (RFC 4865): an RFC 3339 date-time; empty when absent.
  constexpr std::string_view hold_until() const noexcept {
    return params().find("HOLDUNTIL").value;
  }
  /// ORCPT's address type (RFC 3461 §4.2), e.g. "rfc822"; empty when absent.
  constexpr std::string_view orcpt_type() const noexcept {
    const std::string_view v = params().find("ORCPT").value;
    return v.substr(0, v.find(';'));
  }
  /// ORCPT's address, still xtext-encoded; empty when absent.
  constexpr std::string_view orcpt() const noexcept {
    const std::string_view v = params().find("ORCPT").value;
    const std::size_t semi = v.find(';');
    return semi == std::string_view::npos ? std::string_view() : v.substr(semi + 1);
  }
  /// RRVS (RFC 7293): date-time [";" mode]; empty when absent.
  constexpr std::string_view rrvs() const noexcept { return params().find("RRVS").value; }
};

/// Parser settings. Strict by default.
struct command_options {
  /// Longest command line, counting CRLF (RFC 5321 §4.5.3.1.4: 512). Extensions may add to it
  /// (RFC 1870 and others ask for room for their parameters); raise it to match.
  std::size_t max_line_length = command_line_limit;
  /// The transaction uses SMTPUTF8 (MAIL had the parameter): RCPT paths may hold UTF-8.
  /// MAIL itself enables UTF-8 for its own path when it carries SMTPUTF8.
  bool smtputf8 = false;
  /// Accept local parts longer than 64 octets (RFC 5321 §4.5.3.1.1). Mailing lists with VERP
  /// addresses exceed it (aiosmtpd#257); the risk is only larger addresses downstream.
  bool relax_local_part_limit = false;
  /// Accept a space between "FROM:"/"TO:" and the path ("MAIL FROM: <a@b>"), as many clients
  /// send. RFC 5321 §4.1.2 allows none.
  bool allow_space_before_path = false;
  /// Most ESMTP parameters on one MAIL or RCPT. RFC 5321 sets no number; real clients send
  /// fewer than ten, and a bound keeps per-command work small whatever the line length.
  std::size_t max_parameters = 16;
};

/// Result of `parse_command`: on error, `error` and `offset` in the line.
struct command_result {
  errc error{};
  std::size_t offset = 0;
  command cmd{};
  constexpr bool ok() const noexcept { return error == errc{}; }
};

namespace detail {

struct path_scan {
  errc error{};
  std::size_t pos = 0;  // the end of the path, or where the error is
};

/// A view of s[begin, end), without substr's bounds check (callers pass positions they found).
constexpr std::string_view part(std::string_view s, std::size_t begin, std::size_t end) noexcept {
  return std::string_view(s.data() + begin, end - begin);
}

/// Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] (RFC 5321 §4.1.2).
/// With `utf8`, labels may also hold UTF-8 (U-labels, RFC 6531 §3.3). Returns the end or npos.
constexpr std::size_t scan_domain(std::string_view s, std::size_t i, bool utf8) noexcept {
  bool label_start = true;
  char previous = 0;
  const std::size_t begin = i;
  while (i < s.size()) {
    const std::size_t run = skip_class(s, i, class_ldh);  // most of a label at once
    if (run != i) {
      if (label_start && s[i] == '-') break;  // a label starts with a letter or digit
      label_start = false;
      previous = s[run - 1];
      i = run;
      if (i == s.size()) break;
    }
    const char c = s[i];
    if (static_cast<unsigned char>(c) >= 0x80 && utf8) {
      const std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) return std::string_view::npos;
      label_start = false;
      previous = 'x';
      i += n;
    } else if (c == '.' && !label_start && previous != '-') {
      label_start = true;
      ++i;
    } else {
      break;
    }
  }
  if (i == begin || label_start || previous == '-') return std::string_view::npos;
  return i;
}

/// Snum = 1*3DIGIT, 0 to 255.
constexpr std::size_t scan_snum(std::string_view s, std::size_t i) noexcept {
  std::size_t n = 0;
  unsigned v = 0;
  while (i + n < s.size() && n < 3 && is_digit(s[i + n]))
    v = v * 10 + static_cast<unsigned>(s[i + n++] - '0');
  if (n == 0 || v > 255) return std::string_view::npos;
  return i + n;
}

constexpr bool is_ipv4(std::string_view s) noexcept {
  std::size_t i = 0;
  for (int part = 0; part < 4; ++part) {
    if (part > 0) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
    i = scan_snum(s, i);
    if (i == std::string_view::npos) return false;
  }
  return i == s.size();
}

/// RFC 5321 §4.1.3 IPv6-addr: full, compressed ("::", at most 6 other groups), and the forms
/// ending in an IPv4 address.
constexpr bool is_ipv6(std::string_view s) noexcept {
  std::size_t groups = 0;
  bool compressed = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    compressed = true;
    i = 2;
  }
  while (i < s.size()) {
    std::size_t n = 0;
    while (i + n < s.size() && n < 5 && is_hex(s[i + n])) ++n;
    if (i + n < s.size() && s[i + n] == '.') {  // the IPv4 tail counts as two groups
      if (!is_ipv4(s.substr(i))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (n == 0 || n > 4) return false;
    ++groups;
    i += n;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    if (i + 1 < s.size() && s[i + 1] == ':') {
      if (compressed) return false;
      compressed = true;
      i += 2;
    } else {
      ++i;
      if (i == s.size()) return false;  // a trailing single ':'
    }
  }
  return compressed ? groups <= 6 : groups == 8;
}

/// address-literal = "[" ( IPv4 / "IPv6:" IPv6 / Standardized-tag ":" 1*dcontent ) "]".
constexpr std::size_t scan_address_literal(std::string_view s, std::size_t i) noexcept {
  const std::size_t close = s.find(']', i);
  if (close == std::string_view::npos) return std::string_view::npos;
  const std::string_view inside = s.substr(i + 1, close - i - 1);
  if (is_ipv4(inside)) return close + 1;
  if (inside.size() > 5 && iequals(inside.substr(0, 5), "IPv6:")) {
    return is_ipv6(inside.substr(5)) ? close + 1 : std::string_view::npos;
  }
  // General-address-literal: a tag (Ldh-str) ":" 1*dcontent (%d33-90 / %d94-126).
  const std::size_t colon = inside.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == inside.size())
    return std::string_view::npos;
  if (scan_domain(inside.substr(0, colon), 0, false) != colon) return std::string_view::npos;
  for (const char c : inside.substr(colon + 1)) {
    if (c < 33 || c > 126 || c == '[' || c == '\\' || c == ']') return std::string_view::npos;
  }
  return close + 1;
}

/// Where a path's parts are in the line; `make_path` turns them into a `mailbox_path`.
struct path_marks {
  std::size_t start = 0;         // '<'
  std::size_t local_start = 0;   // the local part
  std::size_t domain_start = 0;  // after '@'
  std::size_t end = 0;           // after '>'; 0 until the path is known to be good
  bool is_null = false;
  bool is_postmaster = false;
  bool has_source_route = false;
  bool is_quoted = false;
  bool is_address_literal = false;
};

/// Parses "<...>" at s[i]. `allow_null`: MAIL; `allow_postmaster`: RCPT.
constexpr path_scan scan_path(std::string_view s, std::size_t i, bool allow_null,
                              bool allow_postmaster, bool utf8, const command_options& options,
                              path_marks& out) noexcept {
  const std::size_t start = i;
  auto fail = [](errc e, std::size_t at) { return path_scan{e, at}; };
  if (i >= s.size() || s[i] != '<') return fail(errc::bad_path, i);
  out.start = start;
  ++i;
  if (i < s.size() && s[i] == '>') {
    if (!allow_null) return fail(errc::bad_path, i);
    out.is_null = true;
    out.end = i + 1;
    return {errc{}, i + 1};
  }
  // A-d-l ":" — a source route, accepted and ignored (RFC 5321 §4.1.2, §C).
  if (i < s.size() && s[i] == '@') {
    while (true) {
      ++i;  // the '@'
      const std::size_t end = scan_domain(s, i, utf8);
      if (end == std::string_view::npos) return fail(errc::bad_path, i);
      i = end;
      if (i < s.size() && s[i] == ',' && i + 1 < s.size() && s[i + 1] == '@') {
        ++i;
        continue;
      }
      break;
    }
    if (i >= s.size() || s[i] != ':') return fail(errc::bad_path, i);
    ++i;
    out.has_source_route = true;
  }
  const std::size_t local_start = i;
  if (i < s.size() && s[i] == '"') {  // Quoted-string
    out.is_quoted = true;
    ++i;
    while (true) {
      if (i >= s.size()) return fail(errc::bad_path, i);
      const char c = s[i];
      const auto u = static_cast<unsigned char>(c);
      if (c == '"') {
        ++i;
        break;
      }
      if (c == '\\') {  // quoted-pairSMTP = %d92 %d32-126
        if (i + 1 >= s.size() || s[i + 1] < 32 || s[i + 1] > 126) return fail(errc::bad_path, i);
        i += 2;
      } else if (u >= 0x80) {
        if (!utf8) return fail(errc::non_ascii_without_smtputf8, i);
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) return fail(errc::bad_path, i);
        i += n;
      } else if (u < 32 || u > 126) {  // qtextSMTP = %d32-33 / %d35-91 / %d93-126
        return fail(errc::bad_path, i);
      } else {
        ++i;
      }
    }
  } else {  // Dot-string = Atom *("." Atom)
    bool atom_start = true;
    while (true) {
      const std::size_t run = skip_class(s, i, class_atext);  // most of an atom at once
      if (run != i) {
        atom_start = false;
        i = run;
      }
      if (i == s.size()) break;
      const char c = s[i];
      if (static_cast<unsigned char>(c) >= 0x80) {
        if (!utf8) return fail(errc::non_ascii_without_smtputf8, i);
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) return fail(errc::bad_path, i);
        atom_start = false;
        i += n;
      } else if (c == '.' && !atom_start) {
        atom_start = true;
        ++i;
      } else {
        break;
      }
    }
    if (i == local_start || atom_start) return fail(errc::bad_path, i);
  }
  out.local_start = local_start;
  if (!options.relax_local_part_limit && i - local_start > 64)
    return fail(errc::path_too_long, local_start);
  if (i < s.size() && s[i] == '>' && allow_postmaster && !out.has_source_route &&
      iequals(part(s, local_start, i), "postmaster")) {
    out.is_postmaster = true;
    out.end = i + 1;
    return {errc{}, i + 1};
  }
  if (i >= s.size() || s[i] != '@') return fail(errc::bad_path, i);
  ++i;
  const std::size_t domain_start = i;
  if (i < s.size() && s[i] == '[') {
    i = scan_address_literal(s, i);
    out.is_address_literal = true;
  } else {
    i = scan_domain(s, i, utf8);
  }
  if (i == std::string_view::npos) return fail(errc::bad_path, domain_start);
  if (i - domain_start > 255) return fail(errc::path_too_long, domain_start);
  if (i >= s.size() || s[i] != '>') return fail(errc::bad_path, i);
  // RFC 5321 §4.5.3.1.3: at most 256 octets including the punctuation.
  if (i + 1 - start > 256) return fail(errc::path_too_long, start);
  out.domain_start = domain_start;
  out.end = i + 1;
  return {errc{}, i + 1};
}

/// The views of a path scanned into `m` (empty when there is none).
constexpr mailbox_path make_path(std::string_view s, const path_marks& m) noexcept {
  if (m.end == 0) return {};
  const std::string_view text = part(s, m.start, m.end);
  if (m.is_null) return {text, {}, {}, {}, true};
  const std::size_t close = m.end - 1;  // '>'
  const std::string_view mailbox = part(s, m.local_start, close);
  // <Postmaster>: no domain, never routed, quoted or a literal.
  if (m.is_postmaster) return {text, mailbox, mailbox, {}, false, true};
  return {text,
          mailbox,
          part(s, m.local_start, m.domain_start - 1),
          part(s, m.domain_start, close),
          false,
          false,
          m.has_source_route,
          m.is_quoted,
          m.is_address_literal};
}

/// xtext (RFC 3461 §4): xchar = %d33-42 / %d44-60 / %d62-126; hexchar = "+" 2HEXDIG (upper).
/// Returns the offset of the first bad octet, or npos when valid. UTF-8 allowed with `utf8`.
constexpr std::size_t check_xtext(std::string_view s, bool utf8) noexcept {
  std::size_t i = 0;
  while (true) {
    i = skip_class(s, i, class_xchar);
    if (i == s.size()) return std::string_view::npos;
    const auto u = static_cast<unsigned char>(s[i]);
    if (s[i] == '+') {
      if (i + 2 >= s.size() || !is_hex_upper(s[i + 1]) || !is_hex_upper(s[i + 2])) return i;
      i += 3;
    } else if (u >= 0x80 && utf8) {
      const std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) return i;
      i += n;
    } else {  // below 33, "=", DEL, or 8-bit without `utf8`
      return i;
    }
  }
}

/// RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z / +HH:MM / -HH:MM).
constexpr bool is_date_time(std::string_view s) noexcept {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t k = 0; k < n; ++k) {
      if (!is_digit(s[at + k])) return false;
    }
    return true;
  };
  if (!digits(0, 4) || s.size() < 20 || s[4] != '-' || !digits(5, 2) || s[7] != '-' ||
      !digits(8, 2) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2) || s[13] != ':' ||
      !digits(14, 2) || s[16] != ':' || !digits(17, 2))
    return false;
  std::size_t i = 19;
  if (s[i] == '.') {
    ++i;
    const std::size_t begin = i;
    while (i < s.size() && is_digit(s[i])) ++i;
    if (i == begin) return false;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && digits(i + 1, 2) && s[i + 3] == ':' &&
         digits(i + 4, 2);
}

}  // namespace detail

/**
 * Decodes xtext (RFC 3461 §4: "+XX" for octets outside printable ASCII, "+" and "=") into
 * `out`. Decoded text is never longer than the input. Errors: `bad_xtext` (offset of the bad
 * octet), `output_too_small`.
 */
struct xtext_result {
  errc error{};
  std::size_t size = 0;    ///< Octets written.
  std::size_t offset = 0;  ///< On `bad_xtext`.
  constexpr bool ok() const noexcept { return error == errc{}; }
};

constexpr xtext_result decode_xtext(std::string_view text, char* out,
                                    std::size_t capacity) noexcept {
  const std::size_t bad = detail::check_xtext(text, true);
  if (bad != std::string_view::npos) return {errc::bad_xtext, 0, bad};
  auto hex = [](char c) { return c <= '9' ? c - '0' : c - 'A' + 10; };
  std::size_t w = 0;
  for (std::size_t i = 0; i < text.size(); ++w) {
    if (w >= capacity) return {errc::output_too_small, w, 0};
    if (text[i] == '+') {
      out[w] = static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 3;
    } else {
      out[w] = text[i++];
    }
  }
  return {errc{}, w, 0};
}

/// Octets `encode_xtext` needs at most for `n` input octets.
constexpr std::size_t max_xtext_size(std::size_t n) noexcept {
  return 3 * n;
}

/// Encodes octets as xtext: printable ASCII except "+" and "=" stays, everything else (space,
/// controls, CR, LF, 8-bit) becomes "+XX". Fails with `output_too_small` only.
constexpr xtext_result encode_xtext(std::string_view raw, char* out,
                                    std::size_t capacity) noexcept {
  constexpr char digits[] = "0123456789ABCDEF";
  std::size_t w = 0;
  for (const char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    const bool plain = u >= 33 && u <= 126 && c != '+' && c != '=';
    if (w + (plain ? 1 : 3) > capacity) return {errc::output_too_small, w, 0};
    if (plain) {
      out[w++] = c;
    } else {
      out[w++] = '+';
      out[w++] = digits[u >> 4];
      out[w++] = digits[u & 15];
    }
  }
  return {errc{}, w, 0};
}

namespace detail {

/// Checks and types one registered parameter; unregistered ones are only syntax-checked.
/// `seen` tracks duplicates of registered keywords (bit per keyword). The keyword and value
/// come by value: read back from memory, they would stall on the stores that just made them.
constexpr errc apply_param(std::string_view k, std::string_view val, bool has_value, bool mail,
                           bool utf8, esmtp_values& v, std::uint32_t& seen,
                           std::size_t& bad_at) noexcept {
  bad_at = 0;  // relative to the value, unless said otherwise
  auto once = [&](unsigned bit) {
    if ((seen >> bit) & 1U) return false;
    seen |= 1U << bit;
    return true;
  };
  auto needs_value = [&]() { return has_value; };
  if (mail) {
    if (iequals(k, "SIZE")) {
      if (!once(0)) return errc::duplicate_esmtp_parameter;
      if (!needs_value() || !parse_uint(val, 20, v.size)) return errc::bad_esmtp_parameter;
      v.has_size = true;
      return errc{};
    }
    if (iequals(k, "BODY")) {
      if (!once(1)) return errc::duplicate_esmtp_parameter;
      if (iequals(val, "7BIT")) {
        v.body = body_type::seven_bit;
      } else if (iequals(val, "8BITMIME")) {
        v.body = body_type::eight_bit_mime;
      } else if (iequals(val, "BINARYMIME")) {
        v.body = body_type::binary_mime;
      } else {
        return errc::bad_esmtp_parameter;
      }
      return errc{};
    }
    if (iequals(k, "SMTPUTF8")) {
      if (!once(2)) return errc::duplicate_esmtp_parameter;
      if (has_value) return errc::bad_esmtp_parameter;
      v.smtputf8 = true;
      return errc{};
    }
    if (iequals(k, "RET")) {
      if (!once(3)) return errc::duplicate_esmtp_parameter;
      if (iequals(val, "FULL")) {
        v.ret = dsn_return::full;
      } else if (iequals(val, "HDRS")) {
        v.ret = dsn_return::headers;
      } else {
        return errc::bad_esmtp_parameter;
      }
      return errc{};
    }
    if (iequals(k, "ENVID")) {
      if (!once(4)) return errc::duplicate_esmtp_parameter;
      const std::size_t bad = check_xtext(val, utf8);
      if (!needs_value() || bad != std::string_view::npos || val.size() > 100) {
        bad_at = bad == std::string_view::npos ? 0 : bad;
        return errc::bad_esmtp_parameter;
      }
      return errc{};
    }
    if (iequals(k, "AUTH")) {
      if (!once(5)) return errc::duplicate_esmtp_parameter;
      const std::size_t bad = check_xtext(val, utf8);
      if (!needs_value() || bad != std::string_view::npos) {
        bad_at = bad == std::string_view::npos ? 0 : bad;
        return errc::bad_esmtp_parameter;
      }
      return errc{};
    }
    if (iequals(k, "BY")) {  // by-time ";" by-mode [by-trace], RFC 2852 §4
      if (!once(6)) return errc::duplicate_esmtp_parameter;
      const std::size_t semi = find_char(val, ';');
      if (semi == std::string_view::npos) return errc::bad_esmtp_parameter;
      std::string_view t = val.substr(0, semi);
      const bool negative = !t.empty() && t[0] == '-';
      if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
      std::uint64_t seconds = 0;
      if (!parse_uint(t, 9, seconds)) return errc::bad_esmtp_parameter;
      const std::string_view mode = val.substr(semi + 1);
      if (mode.empty() || mode.size() > 2) return errc::bad_esmtp_parameter;
      const char m = to_upper_ascii(mode[0]);
      if (m != 'N' && m != 'R') return errc::bad_esmtp_parameter;
      if (mode.size() == 2 && to_upper_ascii(mode[1]) != 'T') return errc::bad_esmtp_parameter;
      v.has_by = true;
      v.by_time =
          negative ? -static_cast<std::int64_t>(seconds) : static_cast<std::int64_t>(seconds);
      v.by_mode = m;
      v.by_trace = mode.size() == 2;
      return errc{};
    }
    if (iequals(k, "HOLDFOR")) {
      if (!once(7)) return errc::duplicate_esmtp_parameter;
      if (!parse_uint(val, 9, v.holdfor)) return errc::bad_esmtp_parameter;
      v.has_holdfor = true;
      return errc{};
    }
    if (iequals(k, "HOLDUNTIL")) {
      if (!once(8)) return errc::duplicate_esmtp_parameter;
      if (!is_date_time(val)) return errc::bad_esmtp_parameter;
      return errc{};
    }
    if (iequals(k, "MT-PRIORITY")) {
      if (!once(9)) return errc::duplicate_esmtp_parameter;
      std::string_view d = val;
      const bool negative = !d.empty() && d[0] == '-';
      if (!d.empty() && (d[0] == '-' || d[0] == '+')) d.remove_prefix(1);
      if (d.size() != 1 || !is_digit(d[0])) return errc::bad_esmtp_parameter;
      v.has_mt_priority = true;
      v.mt_priority = negative ? -(d[0] - '0') : d[0] - '0';
      return errc{};
    }
    if (iequals(k, "REQUIRETLS")) {
      if (!once(10)) return errc::duplicate_esmtp_parameter;
      if (has_value) return errc::bad_esmtp_parameter;
      v.requiretls = true;
      return errc{};
    }
  } else {
    if (iequals(k, "NOTIFY")) {  // "NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" )
      if (!once(11)) return errc::duplicate_esmtp_parameter;
      if (!needs_value()) return errc::bad_esmtp_parameter;
      std::uint8_t flags = 0;
      for (std::size_t i = 0; i <= val.size();) {
        std::string_view word;  // the keywords differ in their first letter
        std::uint8_t bit = 0;
        switch (i < val.size() ? to_upper_ascii(val[i]) : 0) {
          case 'N':
            word = "NEVER", bit = notify_never;
            break;
          case 'S':
            word = "SUCCESS", bit = notify_success;
            break;
          case 'F':
            word = "FAILURE", bit = notify_failure;
            break;
          case 'D':
            word = "DELAY", bit = notify_delay;
            break;
          default:
            break;
        }
        const std::size_t end = i + word.size();
        if (bit == 0 || (flags & bit) != 0 || !iequals(val.substr(i, word.size()), word) ||
            (end != val.size() && val[end] != ',')) {
          bad_at = i;
          return errc::bad_esmtp_parameter;
        }
        flags = static_cast<std::uint8_t>(flags | bit);
        i = end + 1;
      }
      if ((flags & notify_never) != 0 && flags != notify_never) return errc::bad_esmtp_parameter;
      v.notify = flags;
      return errc{};
    }
    if (iequals(k, "ORCPT")) {  // addr-type ";" xtext
      if (!once(12)) return errc::duplicate_esmtp_parameter;
      const std::size_t semi = skip_class(val, 0, class_atext);  // addr-type is atext
      if (semi == 0 || semi == val.size() || val[semi] != ';') return errc::bad_esmtp_parameter;
      const std::string_view address = val.substr(semi + 1);
      const std::size_t bad = check_xtext(address, utf8);
      if (address.empty() || bad != std::string_view::npos) {
        bad_at = bad == std::string_view::npos ? semi + 1 : semi + 1 + bad;
        return errc::bad_esmtp_parameter;
      }
      return errc{};
    }
    if (iequals(k, "RRVS")) {  // date-time [";" ("C" / "R")], RFC 7293 §3
      if (!once(13)) return errc::duplicate_esmtp_parameter;
      const std::size_t semi = find_char(val, ';');
      if (!is_date_time(val.substr(0, semi))) return errc::bad_esmtp_parameter;
      if (semi != std::string_view::npos) {
        const std::string_view mode = val.substr(semi + 1);
        if (mode.size() != 1 || (to_upper_ascii(mode[0]) != 'C' && to_upper_ascii(mode[0]) != 'R'))
          return errc::bad_esmtp_parameter;
      }
      return errc{};
    }
  }
  return errc{};  // an unregistered parameter: syntax was checked by the caller
}

/// Checks "KEY[=VALUE] *(SP KEY[=VALUE])" and types the registered ones.
constexpr errc check_params(std::string_view text, std::size_t base, bool mail, bool utf8,
                            std::size_t max_parameters, esmtp_values& values,
                            std::size_t& offset) noexcept {
  std::uint32_t seen = 0;
  std::size_t i = 0;
  std::size_t count = 0;
  auto fail = [&](errc e, std::size_t at) {
    offset = base + at;
    return e;
  };
  while (true) {
    const std::size_t start = i;
    if (++count > max_parameters) return fail(errc::too_many_parameters, i);
    // esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")
    if (i >= text.size() || !is_alnum_ascii(text[i])) return fail(errc::bad_esmtp_parameter, i);
    i = skip_class(text, i + 1, class_ldh);
    const std::string_view keyword = part(text, start, i);
    std::string_view value;
    const bool has_value = i < text.size() && text[i] == '=';
    if (has_value) {
      const std::size_t value_start = ++i;
      // esmtp-value = 1*(%d33-60 / %d62-126), plus UTF-8 under SMTPUTF8 (RFC 6531 §3.3)
      while (true) {
        i = skip_class(text, i, class_esmtp_value);
        if (i == text.size() || text[i] == ' ') break;
        if (static_cast<unsigned char>(text[i]) < 0x80) return fail(errc::bad_esmtp_parameter, i);
        if (!utf8) return fail(errc::non_ascii_without_smtputf8, i);
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return fail(errc::bad_esmtp_parameter, i);
        i += n;
      }
      if (i == value_start) return fail(errc::bad_esmtp_parameter, i);
      value = part(text, value_start, i);
    }
    if (i < text.size() && text[i] != ' ') return fail(errc::bad_esmtp_parameter, i);
    std::size_t bad_at = 0;
    const errc e = apply_param(keyword, value, has_value, mail, utf8, values, seen, bad_at);
    if (e == errc::duplicate_esmtp_parameter) return fail(e, start);
    if (e != errc{}) return fail(e, start + keyword.size() + (has_value ? 1 : 0) + bad_at);
    if (i == text.size()) return errc{};
    ++i;  // the SP; another parameter must follow
  }
}

/// The four letters packed, upper-cased (ASCII letters only), for one comparison per verb.
constexpr std::uint32_t pack_verb(std::string_view v) noexcept {
  std::uint32_t key = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    key = (key << 8) | static_cast<unsigned char>(to_upper_ascii(v[i]));
  }
  return key;
}

constexpr command_verb lookup_verb(std::string_view v) noexcept {
  if (v.size() == 8 && iequals(v, "STARTTLS")) return command_verb::starttls;
  if (v.size() != 4) return command_verb::unknown;
  // Letters only: a 0x20 mask would also fold digits and punctuation into letters.
  for (const char ch : v) {
    if (!is_alpha(ch)) return command_verb::unknown;
  }
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

constexpr bool is_base64(std::string_view s) noexcept {
  if (s.empty() || s.size() % 4 != 0) return false;
  std::size_t pad = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '=') {
      ++pad;
      if (i + 3 < s.size() || pad > 2) return false;  // only at the end
    } else if (pad != 0 || !(is_alnum_ascii(c) || c == '+' || c == '/')) {
      return false;
    }
  }
  return true;
}

}  // namespace detail

/**
 * Parses one command line, without its CRLF (from `line_reader`). Unknown verbs are not errors:
 * `verb` is `unknown` and `verb_text` holds what was sent. Errors, each with the offset of the
 * offending octet: `bare_cr` / `bare_lf` (a line break inside the line: command injection),
 * `invalid_octet` (NUL and other controls, DEL), `line_too_long`, `non_ascii_without_smtputf8`,
 * `bad_command_syntax` (missing, extra or malformed arguments), `bad_path`, `path_too_long`,
 * `bad_esmtp_parameter`, `duplicate_esmtp_parameter`. After an error, `cmd` holds the verb and
 * its argument if the line got that far.
 */
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

/// `find_special` from s[i] in whole 16-octet blocks when s has 16: the last block ends where s
/// ends, overlapping octets already known to be plain, rather than leaving them to a byte loop.
inline std::size_t find_special_from(std::string_view s, std::size_t i, bool allow_8bit) noexcept {
  const std::size_t whole = s.size() < 16 ? s.size() - i : (s.size() - i) & ~std::size_t{15};
  const std::size_t at = i + find_special(s.data() + i, whole, allow_8bit);
  if (at < i + whole || i + whole == s.size()) return at;
  const std::size_t last = s.size() - 16;
  return last + find_special(s.data() + last, 16, allow_8bit);
}

// The body of `parse_command`: where the parts are (`m`) and the typed parameters (`values`).
constexpr parse_failure parse_command_into(std::string_view line, const command_options& options,
                                           command_marks& m, esmtp_values& values) noexcept {
  auto fail = [](errc e, std::size_t at) { return parse_failure{e, at}; };
  const std::size_t limit = options.max_line_length < 3 ? 3 : options.max_line_length;
  if (line.size() + 2 > limit) return fail(errc::line_too_long, limit - 2);
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
  if (m.verb == command_verb::unknown) return {};
  auto set_target = [&m, arg_at](std::size_t size) {  // `target` is the argument's first `size`
    m.has_target = true;
    m.target_end = arg_at + size;
  };

  // Only MAIL and RCPT can allow 8-bit octets (SMTPUTF8); everywhere else they are refused.
  const bool mail = m.verb == command_verb::mail;
  const bool rcpt = m.verb == command_verb::rcpt;
  if (first_8bit != std::string_view::npos && !mail && !rcpt)
    return fail(errc::non_ascii_without_smtputf8, first_8bit);

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
      const std::size_t end = argument[0] == '[' && m.verb != command_verb::helo
                                  ? detail::scan_address_literal(argument, 0)
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
      if (mechanism.empty() || mechanism.size() > 20) return fail(errc::bad_command_syntax, arg_at);
      for (std::size_t i = 0; i < mechanism.size(); ++i) {
        const char ch = mechanism[i];
        if (!detail::is_alnum_ascii(ch) && ch != '-' && ch != '_')
          return fail(errc::bad_command_syntax, arg_at + i);
      }
      if (sp != std::string_view::npos) {
        const std::string_view response = argument.substr(sp + 1);
        m.has_initial_response = true;
        if (response != "=" && !detail::is_base64(response))
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
        if (!detail::parse_uint(first, 20, m.chunk_size))
          return fail(errc::bad_command_syntax, arg_at);
      } else {
        set_target(first.size());
      }
      return {};
    }
    case command_verb::mail:
    case command_verb::rcpt: {
      const std::string_view prefix = mail ? "FROM:" : "TO:";
      if (argument.size() < prefix.size() ||
          !detail::iequals(argument.substr(0, prefix.size()), prefix))
        return fail(errc::bad_command_syntax, arg_at);
      std::size_t i = arg_at + prefix.size();
      if (options.allow_space_before_path) {
        while (i < line.size() && line[i] == ' ') ++i;
      }
      // SMTPUTF8 (RFC 6531 §3.4): on MAIL, the parameter itself; on RCPT, the transaction.
      bool utf8 = options.smtputf8;
      if (mail && !utf8 && first_8bit != std::string_view::npos) {
        for (std::size_t at = find_char(line, ' ', i); at != std::string_view::npos;
             at = find_char(line, ' ', at + 1)) {
          const std::string_view word = line.substr(at + 1, 8);
          if (detail::iequals(word, "SMTPUTF8") && (at + 9 == line.size() || line[at + 9] == ' '))
            utf8 = true;
        }
      }
      const detail::path_scan p = detail::scan_path(line, i, mail, rcpt, utf8, options, m.path);
      if (p.error != errc{}) return fail(p.error, p.pos);
      i = p.pos;
      if (i == line.size()) return {};
      if (line[i] != ' ' || i + 1 == line.size()) return fail(errc::bad_command_syntax, i);
      m.has_parameters = true;
      std::size_t offset = 0;
      const errc e = detail::check_params(part(line, i + 1, line.size()), i + 1, mail, utf8,
                                          options.max_parameters, values, offset);
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
  const std::size_t arg_at = m.verb_end + 1;
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

constexpr command_result parse_command(std::string_view line,
                                       const command_options& options = {}) noexcept {
  detail::command_marks marks{};
  esmtp_values values{};
  const detail::parse_failure f = detail::parse_command_into(line, options, marks, values);
  return detail::make_result(line, f, marks, values);
}

// ---------------------------------------------------------------------------------------------
// Writers (client side)

/// Result of a command writer: on success `size` octets were written.
struct command_write_result {
  errc error{};
  std::size_t size = 0;
  std::size_t offset = 0;  ///< On `line_break_in_text` / `invalid_octet`: in the offending input.
  constexpr bool ok() const noexcept { return error == errc{}; }
};

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
constexpr command_write_result check_text(std::string_view s, bool allow_8bit) noexcept {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u == '\r' || u == '\n') return {errc::line_break_in_text, 0, i};
    if (u < 32 || u == 127 || (u >= 0x80 && !allow_8bit)) return {errc::invalid_octet, 0, i};
  }
  return {};
}

constexpr command_write_result finish_command(command_writer& w,
                                              const command_options& limits) noexcept {
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
constexpr command_write_result write_command(char* out, std::size_t capacity, command_verb verb,
                                             std::string_view argument = {},
                                             const command_options& limits = {}) noexcept {
  if (verb == command_verb::unknown) return {errc::bad_argument, 0, 0};
  const command_write_result checked = detail::check_text(argument, false);
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
constexpr command_write_result write_path_command(char* out, std::size_t capacity,
                                                  command_verb verb, std::string_view mailbox,
                                                  const esmtp_param_to_write* params = nullptr,
                                                  std::size_t param_count = 0,
                                                  const command_options& options = {}) noexcept {
  if (verb != command_verb::mail && verb != command_verb::rcpt) return {errc::bad_argument, 0, 0};
  bool utf8 = options.smtputf8;
  for (std::size_t k = 0; k < param_count; ++k) {
    if (verb == command_verb::mail && detail::iequals(params[k].keyword, "SMTPUTF8")) utf8 = true;
  }
  const command_write_result checked = detail::check_text(mailbox, utf8);
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
      verb == command_verb::rcpt, utf8, options, path);
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
        const xtext_result x = encode_xtext(p.raw_value, out + w.w, w.capacity - w.w);
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
constexpr command_write_result write_auth(char* out, std::size_t capacity,
                                          std::string_view mechanism,
                                          std::string_view initial_response = {},
                                          bool send_response = false,
                                          const command_options& limits = {}) noexcept {
  if (mechanism.empty() || mechanism.size() > 20) return {errc::bad_argument, 0, 0};
  for (const char ch : mechanism) {
    if (!detail::is_alnum_ascii(ch) && ch != '-' && ch != '_') return {errc::bad_argument, 0, 0};
  }
  if (!initial_response.empty() && !detail::is_base64(initial_response)) {
    const command_write_result checked = detail::check_text(initial_response, false);
    return checked.ok() ? command_write_result{errc::bad_argument, 0, 0} : checked;
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
constexpr command_write_result write_bdat(char* out, std::size_t capacity, std::uint64_t size,
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

#endif  // SMTPCODES_COMMAND_HPP
