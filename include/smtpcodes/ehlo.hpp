/**
 * @file ehlo.hpp
 * @brief EHLO replies: the server's domain and greeting, and its capabilities (RFC 5321
 *        §4.1.1.1), with every keyword of the IANA SMTP Service Extensions registry recognised
 *        and typed access to SIZE, AUTH, LIMITS, DELIVERBY and MT-PRIORITY parameters.
 *
 * Includes reply.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_EHLO_HPP
#define SMTPCODES_EHLO_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>  // std::size too (C++17 [iterator.range]): no <iterator>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/sorted.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "reply.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/// Every keyword of the IANA "SMTP Service Extensions" registry.
enum class extension : std::uint8_t {
  eightbitmime,         ///< 8BITMIME, RFC 6152
  atrn,                 ///< ATRN, RFC 2645
  auth,                 ///< AUTH, RFC 4954 (parameters: SASL mechanisms)
  binarymime,           ///< BINARYMIME, RFC 3030
  burl,                 ///< BURL, RFC 4468
  checkpoint,           ///< CHECKPOINT, RFC 1845
  chunking,             ///< CHUNKING, RFC 3030
  conneg,               ///< CONNEG, RFC 4141
  conperm,              ///< CONPERM, RFC 4141
  deliverby,            ///< DELIVERBY, RFC 2852 (parameter: minimum by-time)
  dsn,                  ///< DSN, RFC 3461
  enhancedstatuscodes,  ///< ENHANCEDSTATUSCODES, RFC 2034
  etrn,                 ///< ETRN, RFC 1985
  expn,                 ///< EXPN, RFC 5321
  futurerelease,        ///< FUTURERELEASE, RFC 4865 (parameters: interval and date-time)
  help,                 ///< HELP, RFC 5321
  limits,               ///< LIMITS, RFC 9422 (parameters: NAME=VALUE pairs)
  mt_priority,          ///< MT-PRIORITY, RFC 6710 (parameter: priority profile)
  mtrk,                 ///< MTRK, RFC 3885
  no_soliciting,        ///< NO-SOLICITING, RFC 3865
  onex,                 ///< ONEX (no RFC; registered by E. Allman)
  pipelining,           ///< PIPELINING, RFC 2920
  requiretls,           ///< REQUIRETLS, RFC 8689
  rrvs,                 ///< RRVS, RFC 7293
  saml,                 ///< SAML, RFC 821 (deprecated by RFC 2821)
  send,                 ///< SEND, RFC 821 (deprecated by RFC 2821)
  size,                 ///< SIZE, RFC 1870 (parameter: maximum message size)
  smtputf8,             ///< SMTPUTF8, RFC 6531
  soml,                 ///< SOML, RFC 821 (deprecated by RFC 2821)
  starttls,             ///< STARTTLS, RFC 3207
  submitter,            ///< SUBMITTER, RFC 4405 (deprecated: Sender ID is historic)
  turn,                 ///< TURN, RFC 821 (deprecated by RFC 2821)
  utf8smtp,             ///< UTF8SMTP, RFC 5336 (deprecated by RFC 6531)
  verb,                 ///< VERB (no RFC; registered by E. Allman)
};

/// Number of `extension` values.
inline constexpr std::size_t extension_count = static_cast<std::size_t>(extension::verb) + 1;

/// A registry entry: the keyword as registered, what it is, where it is defined.
struct extension_info {
  std::string_view keyword;
  extension id;
  std::string_view description;
  std::string_view rfc;
  bool deprecated;
};

namespace detail {

// Sorted by keyword (ASCII). Keywords and references from the IANA registry; descriptions ours.
using std::string_view_literals::operator""sv;  // a literal's length, without counting

inline constexpr extension_info extension_table[] = {
    {"8BITMIME"sv, extension::eightbitmime, "8-bit MIME message bodies"sv, "RFC 6152"sv, false},
    {"ATRN"sv, extension::atrn, "Authenticated TURN (On-Demand Mail Relay)"sv, "RFC 2645"sv, false},
    {"AUTH"sv, extension::auth, "SASL authentication"sv, "RFC 4954"sv, false},
    {"BINARYMIME"sv, extension::binarymime, "Binary MIME bodies (with BDAT)"sv, "RFC 3030"sv,
     false},
    {"BURL"sv, extension::burl, "Message content fetched from a URL"sv, "RFC 4468"sv, false},
    {"CHECKPOINT"sv, extension::checkpoint, "Checkpoint and restart of transfers"sv, "RFC 1845"sv,
     false},
    {"CHUNKING"sv, extension::chunking, "BDAT chunked message transfer"sv, "RFC 3030"sv, false},
    {"CONNEG"sv, extension::conneg, "Content conversion negotiation"sv, "RFC 4141"sv, false},
    {"CONPERM"sv, extension::conperm, "Content conversion permission"sv, "RFC 4141"sv, false},
    {"DELIVERBY"sv, extension::deliverby, "Deliver-by deadline"sv, "RFC 2852"sv, false},
    {"DSN"sv, extension::dsn, "Delivery status notifications"sv, "RFC 3461"sv, false},
    {"ENHANCEDSTATUSCODES"sv, extension::enhancedstatuscodes, "Enhanced status codes in replies"sv,
     "RFC 2034"sv, false},
    {"ETRN"sv, extension::etrn, "Remote queue start (extended TURN)"sv, "RFC 1985"sv, false},
    {"EXPN"sv, extension::expn, "Expand a mailing list"sv, "RFC 5321"sv, false},
    {"FUTURERELEASE"sv, extension::futurerelease, "Hold for release at a future time"sv,
     "RFC 4865"sv, false},
    {"HELP"sv, extension::help, "Help text"sv, "RFC 5321"sv, false},
    {"LIMITS"sv, extension::limits, "Announced transaction limits"sv, "RFC 9422"sv, false},
    {"MT-PRIORITY"sv, extension::mt_priority, "Message priority handling"sv, "RFC 6710"sv, false},
    {"MTRK"sv, extension::mtrk, "Message tracking"sv, "RFC 3885"sv, false},
    {"NO-SOLICITING"sv, extension::no_soliciting, "No-soliciting notification"sv, "RFC 3865"sv,
     false},
    {"ONEX"sv, extension::onex, "One message transaction only"sv, "no RFC (E. Allman)"sv, false},
    {"PIPELINING"sv, extension::pipelining, "Command pipelining"sv, "RFC 2920"sv, false},
    {"REQUIRETLS"sv, extension::requiretls, "Require TLS for onward relay"sv, "RFC 8689"sv, false},
    {"RRVS"sv, extension::rrvs, "Require recipient valid since"sv, "RFC 7293"sv, false},
    {"SAML"sv, extension::saml, "Send as mail and to terminal"sv, "RFC 821"sv, true},
    {"SEND"sv, extension::send, "Send to terminal"sv, "RFC 821"sv, true},
    {"SIZE"sv, extension::size, "Message size declaration"sv, "RFC 1870"sv, false},
    {"SMTPUTF8"sv, extension::smtputf8, "Internationalized addresses and headers"sv, "RFC 6531"sv,
     false},
    {"SOML"sv, extension::soml, "Send as mail or to terminal"sv, "RFC 821"sv, true},
    {"STARTTLS"sv, extension::starttls, "Upgrade the connection to TLS"sv, "RFC 3207"sv, false},
    {"SUBMITTER"sv, extension::submitter, "Responsible submitter (Sender ID)"sv, "RFC 4405"sv,
     true},
    {"TURN"sv, extension::turn, "Swap client and server roles"sv, "RFC 821"sv, true},
    {"UTF8SMTP"sv, extension::utf8smtp, "Internationalized addresses (experimental)"sv,
     "RFC 5336"sv, true},
    {"VERB"sv, extension::verb, "Verbose mode"sv, "no RFC (E. Allman)"sv, false},
};

[[nodiscard]] constexpr std::string_view keyword_of(const extension_info& e) noexcept {
  return e.keyword;
}
static_assert(is_strictly_sorted(extension_table, keyword_of),
              "extension_table must be sorted by keyword and unique");
static_assert(std::size(extension_table) == extension_count,
              "one table entry per extension enumerator");

[[nodiscard]] constexpr bool extension_ids_in_order() noexcept {
  for (std::size_t i = 0; i < extension_count; ++i) {
    if (static_cast<std::size_t>(extension_table[i].id) != i) return false;
  }
  return true;
}
static_assert(extension_ids_in_order(), "enumerators follow the table order");

/// ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")  (RFC 5321 §4.1.1.1)
[[nodiscard]] constexpr bool is_ehlo_keyword(std::string_view k) noexcept {
  if (k.empty() || !is_alnum_ascii(k[0])) return false;
  for (const char c : k) {
    if (!is_alnum_ascii(c) && c != '-') return false;
  }
  return true;
}

/// A decimal number that fits in 64 bits, or nothing.
[[nodiscard]] constexpr std::optional<std::uint64_t> parse_decimal(std::string_view s) noexcept {
  std::uint64_t v = 0;
  if (!parse_uint(s, max_uint64_digits, v)) return std::nullopt;
  return v;
}

}  // namespace detail

namespace detail {

/// A hash of a keyword ignoring ASCII case, from its length and first, second and last octets
/// (no loop: EHLO replies are read once per connection, but by every connection).
[[nodiscard]] constexpr unsigned keyword_slot(std::string_view k) noexcept {
  if (k.empty()) return 0;
  const auto up = [](char c) {
    return static_cast<unsigned>(static_cast<unsigned char>(c) & 0xDFU);
  };
  const unsigned h = static_cast<unsigned>(k.size()) * 31U + up(k[0]) * 7U +
                     up(k[k.size() > 1 ? 1 : 0]) * 3U + up(k[k.size() - 1]);
  return h % 128U;
}

/// The extension table by keyword_slot, open addressing: index + 1, 0 for an empty slot.
struct keyword_index {
  std::uint8_t slot[128] = {};
};
[[nodiscard]] constexpr keyword_index make_keyword_index() noexcept {
  keyword_index x{};
  for (std::size_t i = 0; i < extension_count; ++i) {
    unsigned at = keyword_slot(extension_table[i].keyword);
    while (x.slot[at] != 0) at = (at + 1) % 128U;
    x.slot[at] = static_cast<std::uint8_t>(i + 1);
  }
  return x;
}
inline constexpr keyword_index extension_keyword_index = make_keyword_index();

}  // namespace detail

/// The registry entry for a keyword (case-insensitive), or nullptr for an unknown keyword.
[[nodiscard]] constexpr const extension_info* lookup_extension(std::string_view keyword) noexcept {
  for (unsigned at = detail::keyword_slot(keyword);; at = (at + 1) % 128U) {
    const unsigned i = detail::extension_keyword_index.slot[at];
    if (i == 0) return nullptr;
    const extension_info& e = detail::extension_table[i - 1];
    if (detail::iequals(e.keyword, keyword)) return &e;
  }
}

/// The registry entry of a known extension.
[[nodiscard]] constexpr const extension_info& registry_entry(extension e) noexcept {
  return detail::extension_table[static_cast<std::size_t>(e)];
}

/**
 * One capability line (RFC 5321 §4.1.1.1: ehlo-keyword *(SP ehlo-param)): the keyword and the
 * parameter text as sent, and the registry entry when the keyword is registered.
 */
struct ehlo_capability {
  std::string_view keyword;     ///< Up to the first SP ("SIZE=100" is one, malformed, keyword).
  std::string_view parameters;  ///< Everything after the keyword and one SP; may be empty.
  const extension_info* known = nullptr;  ///< nullptr for unregistered keywords ("X-...").
  /// The pre-standard "AUTH=LOGIN PLAIN" line: `keyword` is "AUTH", `parameters` the mechanisms
  /// ("LOGIN PLAIN"), and `known` is nullptr, since it is not the registered AUTH line (its
  /// mechanisms are read only under `ehlo_options::accept_old_auth_form`).
  bool old_auth_form = false;
};

/// Limits announced with LIMITS (RFC 9422); each is absent when not announced.
struct ehlo_limits {
  std::optional<std::uint64_t> rcptmax;
  std::optional<std::uint64_t> mailmax;
  std::optional<std::uint64_t> rcptdomainmax;
};

namespace detail {
/// The prefix of the pre-standard AUTH line (RFC 4954 §1 calls such clients "deployed").
inline constexpr std::string_view old_auth_prefix = "AUTH=";

/// Splits a capability line's text at its first SP into keyword and parameters; only SP
/// separates them (RFC 5321 §4.1.1.1), except in the old "AUTH=" form.
[[nodiscard]] constexpr ehlo_capability split_capability(std::string_view text) noexcept {
  ehlo_capability cap;
  if (text.size() >= old_auth_prefix.size() &&
      iequals(text.substr(0, old_auth_prefix.size()), old_auth_prefix)) {
    cap.keyword = text.substr(0, old_auth_prefix.size() - 1);
    cap.parameters = text.substr(old_auth_prefix.size());
    cap.old_auth_form = true;
    return cap;
  }
  const std::size_t space = text.find(' ');
  cap.keyword = text.substr(0, space);
  if (space != std::string_view::npos) cap.parameters = text.substr(space + 1);
  cap.known = lookup_extension(cap.keyword);
  return cap;
}

/// Index of the first octet of `p` that breaks ehlo-param *(SP ehlo-param) (RFC 5321 §4.1.1.1:
/// ehlo-param = 1*(%d33-126)): a control octet, DEL, 8-bit, or a leading, trailing or doubled
/// SP. `p.size()` when there is none.
[[nodiscard]] constexpr std::size_t bad_parameter_octet(std::string_view p) noexcept {
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    const bool space_ok = c == ' ' && i > 0 && i + 1 < p.size() && p[i - 1] != ' ';
    if (!space_ok && (c < 33 || c > 126)) return i;
  }
  return p.size();
}

struct ehlo_parser_access;  // the body of `parse_ehlo`, below
}  // namespace detail

/**
 * A parsed EHLO reply. Views point into the reply's bytes (see `reply_view` for how long they
 * live). Capabilities of registered extensions are indexed; every line, unknown keywords
 * included, can be walked with `begin()`/`end()`.
 */
class ehlo_capabilities {
 public:
  /// The server's name: the first word of the first line (RFC 5321 §4.1.1.1 ehlo-greet).
  [[nodiscard]] constexpr std::string_view domain() const noexcept { return domain_; }
  /// The rest of the first line after the domain, possibly empty.
  [[nodiscard]] constexpr std::string_view greeting() const noexcept { return greeting_; }
  /// True when the server announced the extension.
  [[nodiscard]] constexpr bool has(extension e) const noexcept {
    return (present_ >> static_cast<unsigned>(e)) & 1U;
  }
  /// The parameter text announced with the extension ("PLAIN LOGIN" for AUTH); empty when none.
  [[nodiscard]] constexpr std::string_view parameters(extension e) const noexcept {
    return parameters_[static_cast<std::size_t>(e)];
  }

  /**
   * SIZE (RFC 1870 §4): an optional, holding the fixed maximum message size in octets when SIZE
   * was announced with a number (0 meaning "no fixed limit"); empty (`std::nullopt`) when SIZE
   * was not announced or announced without a number. So `size_limit() == 0u` means "announced,
   * no fixed limit", and `!size_limit()` means "no number announced".
   */
  [[nodiscard]] constexpr std::optional<std::uint64_t> size_limit() const noexcept {
    if (!has(extension::size)) return std::nullopt;
    return detail::parse_decimal(parameters(extension::size));
  }

  /// True when the AUTH line lists the SASL mechanism, case-insensitively; under
  /// `ehlo_options::accept_old_auth_form`, the old "AUTH=" line's list counts too.
  [[nodiscard]] constexpr bool supports_auth_mechanism(std::string_view mechanism) const noexcept {
    return detail::list_has_word(parameters(extension::auth), mechanism) ||
           detail::list_has_word(old_auth_, mechanism);
  }

  /// LIMITS (RFC 9422): the values announced for RCPTMAX, MAILMAX and RCPTDOMAINMAX.
  [[nodiscard]] constexpr ehlo_limits limits() const noexcept {
    ehlo_limits out;
    const std::string_view list = parameters(extension::limits);
    std::size_t i = 0;
    while (i < list.size()) {
      std::size_t j = list.find(' ', i);
      if (j == std::string_view::npos) j = list.size();
      const std::string_view item = list.substr(i, j - i);
      const std::size_t eq = item.find('=');
      if (eq != std::string_view::npos) {
        const std::string_view name = item.substr(0, eq);
        const auto value = detail::parse_decimal(item.substr(eq + 1));
        if (detail::iequals(name, "RCPTMAX")) out.rcptmax = value;
        if (detail::iequals(name, "MAILMAX")) out.mailmax = value;
        if (detail::iequals(name, "RCPTDOMAINMAX")) out.rcptdomainmax = value;
      }
      i = j + 1;
    }
    return out;
  }

  /// DELIVERBY (RFC 2852): the minimum by-time in seconds, when one was announced.
  [[nodiscard]] constexpr std::optional<std::uint64_t> deliver_by_minimum() const noexcept {
    const std::string_view p = parameters(extension::deliverby);
    return detail::parse_decimal(p.substr(0, p.find(',')));
  }

  /// MT-PRIORITY (RFC 6710): the priority profile announced ("MIXER", "STANAG4406", "NSEP").
  [[nodiscard]] constexpr std::string_view priority_profile() const noexcept {
    return parameters(extension::mt_priority);
  }

  /// Walks every capability line (all lines but the first), in order.
  class iterator {
   public:
    constexpr iterator() noexcept = default;
    constexpr explicit iterator(reply_view::iterator line) noexcept : line_(line) {}
    constexpr ehlo_capability operator*() const noexcept {
      return detail::split_capability(line_->text);
    }
    constexpr iterator& operator++() noexcept {
      ++line_;
      return *this;
    }
    /// Lines with no text (a bare final "250") are walked too, with an empty keyword.
    friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.line_ == b.line_;
    }
    friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    reply_view::iterator line_{};
  };
  [[nodiscard]] constexpr iterator begin() const noexcept {
    auto it = reply_.begin();
    if (it != reply_.end()) ++it;
    return iterator(it);
  }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(reply_.end()); }

  /// The reply the capabilities came from.
  [[nodiscard]] constexpr const reply_view& reply() const noexcept { return reply_; }

 private:
  friend struct detail::ehlo_parser_access;
  reply_view reply_{};
  std::string_view domain_{};
  std::string_view greeting_{};
  std::string_view old_auth_{};  // the first "AUTH=" line's mechanisms, when accepted
  std::uint64_t present_ = 0;
  std::string_view parameters_[extension_count]{};
};

/// What the EHLO parser tolerates. Strict by default.
struct ehlo_options {
  /// Accepts lines whose keyword breaks ehlo-keyword (RFC 5321 §4.1.1.1), e.g. with ".", "_" or
  /// "=" ("SIZE=100"), keeping them in the walk as unknown capabilities (never read as a known
  /// extension) instead of failing with `bad_ehlo_keyword`. Risk: garbage from a broken or
  /// desynchronised server passes unnoticed.
  bool accept_malformed_keywords = false;
  /// Also reads the mechanisms of the pre-standard "AUTH=LOGIN PLAIN" line (sent by old
  /// Microsoft servers and by Postfix with broken_sasl_auth_clients), relaxing ehlo-keyword
  /// *(SP ehlo-param) of RFC 5321 §4.1.1.1 and the AUTH syntax of RFC 4954 §3. Off, such a line
  /// is neither an error nor AUTH: it stays in the walk as an unrecognised line (servers that
  /// send it send the standard AUTH line too). Risk: a mechanism offered only there is taken as
  /// offered, though no standard line announced it.
  bool accept_old_auth_form = false;
};

/**
 * Result of `parse_ehlo`: on error, `error` and `offset` (octets from the start of the reply's
 * `raw()`), and `capabilities` holds what was read before the error (its views, like those of a
 * success, lie inside the reply).
 */
struct [[nodiscard]] ehlo_result {
  errc error{};
  std::size_t offset = 0;
  ehlo_capabilities capabilities{};
  constexpr bool ok() const noexcept { return error == errc{}; }
  constexpr bool failed() const noexcept { return error != errc{}; }
};

namespace detail {
/// The body of `parse_ehlo`, a friend of `ehlo_capabilities`.
struct ehlo_parser_access {
  static constexpr ehlo_result parse(const reply_view& reply,
                                     const ehlo_options& options) noexcept {
    ehlo_result result;
    ehlo_capabilities& caps = result.capabilities;
    caps.reply_ = reply;
    if (reply.code() != codes::ok) {
      result.error = errc::bad_ehlo_reply;
      return result;
    }
    const char* base = reply.raw().data();
    bool first = true;
    for (const reply_line& line : reply) {
      const std::size_t at = static_cast<std::size_t>(line.text.data() - base);
      if (first) {
        first = false;
        const std::size_t space = line.text.find(' ');
        caps.domain_ = line.text.substr(0, space);
        if (space != std::string_view::npos) caps.greeting_ = line.text.substr(space + 1);
        if (caps.domain_.empty()) {
          result.error = errc::bad_ehlo_reply;
          result.offset = at;
          return result;
        }
        continue;
      }
      if (line.text.empty()) continue;  // a bare final "250": nothing announced on it
      const ehlo_capability cap = detail::split_capability(line.text);
      if (cap.old_auth_form && !options.accept_old_auth_form) continue;  // kept, not read
      if (!cap.old_auth_form && !detail::is_ehlo_keyword(cap.keyword)) {
        if (options.accept_malformed_keywords) continue;
        result.error = errc::bad_ehlo_keyword;
        result.offset = at;
        return result;
      }
      const std::size_t params_at = at + cap.keyword.size() + 1;  // after "KEYWORD " or "AUTH="
      const std::size_t bad = detail::bad_parameter_octet(cap.parameters);
      if (bad != cap.parameters.size()) {
        result.error = errc::bad_ehlo_parameter;
        result.offset = params_at + bad;
        return result;
      }
      if (cap.old_auth_form) {
        // The first one counts; a default view (no data) means none seen yet.
        if (caps.old_auth_.data() == nullptr) caps.old_auth_ = cap.parameters;
        continue;
      }
      if (cap.known == nullptr) continue;
      const auto index = static_cast<unsigned>(cap.known->id);
      if ((caps.present_ >> index) & 1U) continue;  // a repeated keyword: the first one counts
      if (cap.known->id == extension::size && !cap.parameters.empty() &&
          !detail::parse_decimal(cap.parameters)) {
        result.error = errc::bad_ehlo_parameter;
        result.offset = params_at;
        return result;
      }
      caps.present_ |= std::uint64_t{1} << index;
      caps.parameters_[index] = cap.parameters;
    }
    return result;
  }
};
}  // namespace detail

/**
 * Parses a complete EHLO reply (from `reply_parser`). Errors: `bad_ehlo_reply` (not 250, or no
 * domain on the first line), `bad_ehlo_keyword` (a keyword outside RFC 5321's grammar, such as
 * "SIZE=100"; the old "AUTH=" line is never an error, see `ehlo_options::accept_old_auth_form`),
 * `bad_ehlo_parameter` (a control octet or doubled space in parameters, or SIZE not a number),
 * each with the offset of the offending line or octet in the reply.
 */
[[nodiscard]] constexpr ehlo_result parse_ehlo(const reply_view& reply,
                                               const ehlo_options& options = {}) noexcept {
  return detail::ehlo_parser_access::parse(reply, options);
}

}  // namespace smtpcodes

#endif  // SMTPCODES_EHLO_HPP
