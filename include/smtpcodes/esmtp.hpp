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

/// BODY values (RFC 6152, RFC 3030). detail::check_body relies on this order.
enum class body_type : std::uint8_t { none, seven_bit, eight_bit_mime, binary_mime };
/// RET values (RFC 3461 §4.3). detail::check_ret relies on this order.
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
  [[nodiscard]] constexpr esmtp_param find(std::string_view keyword) const noexcept {
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

/// RFC 2852 §4 by-time and RFC 4865 holdfor-value: at most 9 digits.
inline constexpr std::size_t max_time_digits = 9;

/// The commands a registered parameter belongs to, as bits.
enum param_commands : std::uint8_t { on_mail = 1, on_rcpt = 2 };

/// Checks one registered parameter's value and stores it typed in `v`. `value` is empty when
/// the parameter has none (an esmtp-value is never empty). `utf8`: SMTPUTF8 is in play. On
/// error, `bad_at` is the offset of the problem in the value (0 unless set).
using param_checker = errc (*)(std::string_view value, bool utf8, esmtp_values& v,
                               std::size_t& bad_at) noexcept;

/// One registered parameter: its keyword, the commands it belongs to, its checker.
struct param_row {
  std::string_view keyword;
  std::uint8_t commands;
  param_checker check;
};

constexpr errc bad_param() noexcept {
  return errc::bad_esmtp_parameter;
}

/// SIZE=1*20DIGIT (RFC 1870 §3, up to 2^64 - 1).
constexpr errc check_size(std::string_view val, bool, esmtp_values& v, std::size_t&) noexcept {
  if (!parse_uint(val, max_uint64_digits, v.size)) return bad_param();
  v.has_size = true;
  return errc{};
}

/// The position of `val` in `words` (ASCII case-insensitive), or `N` when it is none of them.
template <std::size_t N>
constexpr std::size_t word_index(std::string_view val,
                                 const std::string_view (&words)[N]) noexcept {
  std::size_t k = 0;
  while (k < N && !iequals(val, words[k])) ++k;
  return k;
}

/// BODY=7BIT / 8BITMIME (RFC 6152 §2) / BINARYMIME (RFC 3030 §3).
constexpr errc check_body(std::string_view val, bool, esmtp_values& v, std::size_t&) noexcept {
  constexpr folded_word seven_bit{"7BIT"};
  constexpr folded_word eight_bit_mime{"8BITMIME"};  // the common one: one compare
  constexpr folded_word binary_mime{"BINARYMIME"};
  if (iequals_folded(val, eight_bit_mime)) {
    v.body = body_type::eight_bit_mime;
  } else if (iequals_folded(val, seven_bit)) {
    v.body = body_type::seven_bit;
  } else if (iequals_folded(val, binary_mime)) {
    v.body = body_type::binary_mime;
  } else {
    return bad_param();
  }
  return errc{};
}

/// SMTPUTF8, no value (RFC 6531 §3.4).
constexpr errc check_smtputf8(std::string_view val, bool, esmtp_values& v, std::size_t&) noexcept {
  if (!val.empty()) return bad_param();
  v.smtputf8 = true;
  return errc{};
}

/// RET=FULL / HDRS (RFC 3461 §4.3), in `dsn_return`'s order.
constexpr errc check_ret(std::string_view val, bool, esmtp_values& v, std::size_t&) noexcept {
  constexpr std::string_view words[] = {"FULL", "HDRS"};
  const std::size_t k = word_index(val, words);
  if (k == 2) return bad_param();
  v.ret = static_cast<dsn_return>(k + 1);
  return errc{};
}

/// An xtext value (RFC 3461 §4), at most `limit` octets (0: no limit).
constexpr errc check_xtext_value(std::string_view val, bool utf8, std::size_t limit,
                                 std::size_t& bad_at) noexcept {
  const std::size_t bad = check_xtext(val, utf8);
  if (bad != std::string_view::npos) {
    bad_at = bad;
    return bad_param();
  }
  if (val.empty() || (limit != no_limit && val.size() > limit)) return bad_param();
  return errc{};
}

/// ENVID=xtext, at most 100 octets (RFC 3461 §4.4).
constexpr errc check_envid(std::string_view val, bool utf8, esmtp_values&,
                           std::size_t& bad_at) noexcept {
  return check_xtext_value(val, utf8, envid_limit, bad_at);
}

/// AUTH=xtext mailbox or "<>" (RFC 4954 §5).
constexpr errc check_auth(std::string_view val, bool utf8, esmtp_values&,
                          std::size_t& bad_at) noexcept {
  return check_xtext_value(val, utf8, no_limit, bad_at);
}

/// BY=by-time ";" by-mode [by-trace] (RFC 2852 §4).
constexpr errc check_by(std::string_view val, bool, esmtp_values& v, std::size_t&) noexcept {
  const std::size_t semi = find_char(val, ';');
  if (semi == std::string_view::npos) return bad_param();
  std::string_view t = val.substr(0, semi);
  const bool negative = !t.empty() && t[0] == '-';
  if (!t.empty() && (t[0] == '-' || t[0] == '+')) t.remove_prefix(1);
  std::uint64_t seconds = 0;
  if (!parse_uint(t, max_time_digits, seconds)) return bad_param();
  const std::string_view mode = val.substr(semi + 1);
  if (mode.empty() || mode.size() > 2) return bad_param();
  const char m = to_upper_ascii(mode[0]);
  if (m != 'N' && m != 'R') return bad_param();
  if (mode.size() == 2 && to_upper_ascii(mode[1]) != 'T') return bad_param();
  v.has_by = true;
  v.by_time = negative ? -static_cast<std::int64_t>(seconds) : static_cast<std::int64_t>(seconds);
  v.by_mode = m;
  v.by_trace = mode.size() == 2;
  return errc{};
}

/// HOLDFOR=1*9DIGIT (RFC 4865).
constexpr errc check_holdfor(std::string_view val, bool, esmtp_values& v, std::size_t&) noexcept {
  if (!parse_uint(val, max_time_digits, v.holdfor)) return bad_param();
  v.has_holdfor = true;
  return errc{};
}

/// HOLDUNTIL=date-time (RFC 4865, RFC 3339).
constexpr errc check_holduntil(std::string_view val, bool, esmtp_values&, std::size_t&) noexcept {
  return is_date_time(val) ? errc{} : bad_param();
}

/// MT-PRIORITY=["+" / "-"] DIGIT, -9 to 9 (RFC 6710 §3).
constexpr errc check_mt_priority(std::string_view val, bool, esmtp_values& v,
                                 std::size_t&) noexcept {
  std::string_view d = val;
  const bool negative = !d.empty() && d[0] == '-';
  if (!d.empty() && (d[0] == '-' || d[0] == '+')) d.remove_prefix(1);
  if (d.size() != 1 || !is_digit(d[0])) return bad_param();
  v.has_mt_priority = true;
  v.mt_priority = negative ? -(d[0] - '0') : d[0] - '0';
  return errc{};
}

/// REQUIRETLS, no value (RFC 8689 §4.1).
constexpr errc check_requiretls(std::string_view val, bool, esmtp_values& v,
                                std::size_t&) noexcept {
  if (!val.empty()) return bad_param();
  v.requiretls = true;
  return errc{};
}

/// NOTIFY="NEVER" / 1#("SUCCESS" / "FAILURE" / "DELAY") (RFC 3461 §4.1).
constexpr errc check_notify(std::string_view val, bool, esmtp_values& v,
                            std::size_t& bad_at) noexcept {
  if (val.empty()) return bad_param();
  constexpr folded_word never{"NEVER"};
  constexpr folded_word success{"SUCCESS"};
  constexpr folded_word failure{"FAILURE"};
  constexpr folded_word delay{"DELAY"};
  std::uint8_t flags = 0;
  for (std::size_t i = 0; i <= val.size();) {
    const std::string_view rest = val.substr(i);
    std::size_t size = 0;  // of the keyword there; the keywords differ in their first letter
    std::uint8_t bit = 0;
    switch (i < val.size() ? to_upper_ascii(val[i]) : 0) {
      case 'N':
        if (iequals_prefix(rest, never)) size = never.size, bit = notify_never;
        break;
      case 'S':
        if (iequals_prefix(rest, success)) size = success.size, bit = notify_success;
        break;
      case 'F':
        if (iequals_prefix(rest, failure)) size = failure.size, bit = notify_failure;
        break;
      case 'D':
        if (iequals_prefix(rest, delay)) size = delay.size, bit = notify_delay;
        break;
      default:
        break;
    }
    const std::size_t end = i + size;
    if (bit == 0 || (flags & bit) != 0 || (end != val.size() && val[end] != ',')) {
      bad_at = i;
      return bad_param();
    }
    flags = static_cast<std::uint8_t>(flags | bit);
    i = end + 1;
  }
  if ((flags & notify_never) != 0 && flags != notify_never) return bad_param();
  v.notify = flags;
  return errc{};
}

/// ORCPT=addr-type ";" xtext (RFC 3461 §4.2); addr-type is atext.
constexpr errc check_orcpt(std::string_view val, bool utf8, esmtp_values&,
                           std::size_t& bad_at) noexcept {
  const std::size_t semi = skip_class(val, 0, class_atext);
  if (semi == 0 || semi == val.size() || val[semi] != ';') return bad_param();
  const errc e = check_xtext_value(val.substr(semi + 1), utf8, no_limit, bad_at);
  if (e != errc{}) bad_at += semi + 1;
  return e;
}

/// RRVS=date-time [";" ("C" / "R")] (RFC 7293 §3).
constexpr errc check_rrvs(std::string_view val, bool, esmtp_values&, std::size_t&) noexcept {
  const std::size_t semi = find_char(val, ';');
  if (!is_date_time(val.substr(0, semi))) return bad_param();
  if (semi != std::string_view::npos) {
    const std::string_view mode = val.substr(semi + 1);
    if (mode.size() != 1 || (to_upper_ascii(mode[0]) != 'C' && to_upper_ascii(mode[0]) != 'R'))
      return bad_param();
  }
  return errc{};
}

/// The registered parameters, one row each; a row's index is its bit in the duplicate set. A new
/// parameter costs one row and one checker. A keyword on a command its row does not name (SIZE
/// on RCPT) is kept as an unregistered parameter: syntax-checked, not typed.
inline constexpr param_row param_rows[] = {
    {"SIZE", on_mail, check_size},                // RFC 1870
    {"BODY", on_mail, check_body},                // RFC 6152, RFC 3030
    {"SMTPUTF8", on_mail, check_smtputf8},        // RFC 6531
    {"RET", on_mail, check_ret},                  // RFC 3461
    {"ENVID", on_mail, check_envid},              // RFC 3461
    {"AUTH", on_mail, check_auth},                // RFC 4954
    {"BY", on_mail, check_by},                    // RFC 2852
    {"HOLDFOR", on_mail, check_holdfor},          // RFC 4865
    {"HOLDUNTIL", on_mail, check_holduntil},      // RFC 4865
    {"MT-PRIORITY", on_mail, check_mt_priority},  // RFC 6710
    {"REQUIRETLS", on_mail, check_requiretls},    // RFC 8689
    {"NOTIFY", on_rcpt, check_notify},            // RFC 3461
    {"ORCPT", on_rcpt, check_orcpt},              // RFC 3461
    {"RRVS", on_rcpt, check_rrvs},                // RFC 7293
};
inline constexpr std::size_t param_row_count = sizeof param_rows / sizeof param_rows[0];

constexpr bool param_rows_well_formed() noexcept {
  for (std::size_t a = 0; a < param_row_count; ++a) {
    const param_row& r = param_rows[a];
    if (r.keyword.empty() || !is_alnum_ascii(r.keyword[0]) || r.commands == 0 ||
        is_null_function(r.check))
      return false;
    for (const char c : r.keyword) {
      if (!has_class(c, class_ldh) || to_upper_ascii(c) != c) return false;
    }
    for (std::size_t b = a + 1; b < param_row_count; ++b) {
      if (iequals(r.keyword, param_rows[b].keyword)) return false;
    }
  }
  return true;
}
static_assert(param_row_count <= 32, "a row's duplicate bit must fit in std::uint32_t");
static_assert(param_rows_well_formed(),
              "keywords are upper-case esmtp-keywords, unique, each with commands and a checker");

/// Checks and types one parameter on `command` (`on_mail` or `on_rcpt`) if its row is there;
/// unregistered ones are only syntax-checked (by the caller). `seen` holds the rows already
/// given (bit = row index). The rows are unrolled at compile time (`Row` counts up), so each
/// checker is a direct call the compiler can inline (a loop calling through the table's
/// pointers ran 10% more instructions per command than the hand-written branches; this runs 2%
/// fewer), and the whole chain is forced inline (g++ otherwise cut it into calls every few rows:
/// 7% more instructions per command). The keyword and value come by value: read back from
/// memory, they would stall on the stores that just made them.
template <std::size_t Row = 0>
SMTPCODES_ALWAYS_INLINE constexpr errc apply_param(std::string_view k, std::string_view val,
                                                   std::uint8_t command, bool utf8, esmtp_values& v,
                                                   std::uint32_t& seen,
                                                   std::size_t& bad_at) noexcept {
  if constexpr (Row == param_row_count) {
    return errc{};  // an unregistered parameter: syntax was checked by the caller
  } else {
    constexpr param_row row = param_rows[Row];
    constexpr folded_word<row.keyword.size()> keyword{row.keyword};
    if ((row.commands & command) == 0 || !iequals_folded(k, keyword))
      return apply_param<Row + 1>(k, val, command, utf8, v, seen, bad_at);
    constexpr std::uint32_t bit = std::uint32_t{1} << Row;
    if ((seen & bit) != 0) return errc::duplicate_esmtp_parameter;
    seen |= bit;
    bad_at = 0;
    return row.check(val, utf8, v, bad_at);
  }
}

/// Checks "KEY[=VALUE] *(SP KEY[=VALUE])" and types the registered ones.
constexpr errc check_params(std::string_view text, std::size_t base, bool mail, bool utf8,
                            std::size_t max_parameters, esmtp_values& values,
                            std::size_t& offset) noexcept {
  const std::uint8_t command = mail ? on_mail : on_rcpt;
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
    const errc e = apply_param(keyword, value, command, utf8, values, seen, bad_at);
    if (e == errc::duplicate_esmtp_parameter) return fail(e, start);
    if (e != errc{}) return fail(e, start + keyword.size() + (has_value ? 1 : 0) + bad_at);
    if (i == text.size()) return errc{};
    ++i;  // the SP; another parameter must follow
  }
}

}  // namespace detail

}  // namespace smtpcodes

#endif  // SMTPCODES_ESMTP_HPP
