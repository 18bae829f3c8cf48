/**
 * @file esmtp.hpp
 * @brief ESMTP parameters of MAIL and RCPT (RFC 5321 §4.1.2 esmtp-param): the lazy parameter
 * sequence, the registered parameters typed and checked.
 *
 * Never allocates, never throws.
 */
#ifndef SMTPCODES_ESMTP_HPP
#define SMTPCODES_ESMTP_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/scan.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "path.hpp"
#include "xtext.hpp"

namespace smtpcodes {

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

namespace detail {

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
    if (++count > max_parameters && max_parameters != no_limit)
      return fail(errc::too_many_parameters, i);
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

}  // namespace detail

}  // namespace smtpcodes

#endif  // SMTPCODES_ESMTP_HPP
