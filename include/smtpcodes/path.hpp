/**
 * @file path.hpp
 * @brief Reverse- and forward-paths (RFC 5321 §4.1.2-4.1.3, RFC 6531 for UTF-8): the result type
 * and the scanner the command parser and writers share.
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_PATH_HPP
#define SMTPCODES_PATH_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "error.hpp"
#include "limits.hpp"

namespace smtpcodes {

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
  // General-address-literal = Standardized-tag ":" 1*dcontent, where Standardized-tag = Ldh-str
  // = *(ALPHA / DIGIT / "-") Let-dig: no dots (a domain's grammar is not a tag's), and it ends
  // with a letter or digit; dcontent = %d33-90 / %d94-126.
  const std::size_t colon = inside.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == inside.size())
    return std::string_view::npos;
  if (skip_class(inside, 0, class_ldh) != colon || inside[colon - 1] == '-')
    return std::string_view::npos;
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
                              bool allow_postmaster, bool utf8, bool accept_long_local_part,
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
  if (!accept_long_local_part && i - local_start > local_part_limit)
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
  if (i - domain_start > domain_limit) return fail(errc::path_too_long, domain_start);
  if (i >= s.size() || s[i] != '>') return fail(errc::bad_path, i);
  // RFC 5321 §4.5.3.1.3: at most 256 octets including the punctuation.
  if (i + 1 - start > path_limit) return fail(errc::path_too_long, start);
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

}  // namespace detail

}  // namespace smtpcodes

#endif  // SMTPCODES_PATH_HPP
