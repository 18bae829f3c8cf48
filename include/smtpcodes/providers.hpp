/**
 * @file providers.hpp
 * @brief What the big receivers' own codes and texts mean (Microsoft 365 / Outlook.com /
 *        Exchange, Gmail / Google Workspace, Yahoo / AOL, Apple iCloud, Yandex, Mail.ru,
 *        GMX / Web.de, Zoho, Proton, Fastmail, Comcast, Orange, T-Online) and the blocklists
 *        named in reply texts (Spamhaus, Barracuda, SpamCop...), each fact with the URL of the
 *        provider's own documentation. Meanings and fixes are our own words.
 *
 * Knowledge layer: includes bounce_reason.hpp, reply_code.hpp, enhanced_status.hpp,
 * detail/ascii.hpp and detail/table.hpp. constexpr, no allocation, no exceptions; matching is
 * case-insensitive. The table is detail/provider_table.inc; docs/providers.md lists the pages
 * each provider's entries come from.
 *
 * How a reply is matched (find_provider_code), in one pass over the text:
 * - Words (runs of letters, digits, '.', '-', '_') are looked up in a sorted word table built at
 *   compile time from the entries' tokens ("TSS04", "BL000001", "OFR_999", "spamhaus") and the
 *   provider markers ("gsmtp"); dotted words are matched by label suffix against the domains
 *   ("zen.spamhaus.org", "protection.outlook.com", "yahoodns.net"); words that are enhanced codes
 *   ("5.7.606") are collected. A domain right after '@' is an address, not a marker.
 * - An entry whose code is an enhanced code outside the IANA registry (Microsoft's 5.7.606 to
 *   5.7.649, Gmail's 5.7.32) or a provider token names its provider by itself. An entry whose
 *   code is a registered enhanced code (Gmail's 5.7.1 variants, Microsoft's 5.1.10) or that has
 *   no code (a phrase only) matches only when the provider is detected (remote host, else the
 *   text's markers), and its phrase, if any, must be in the text.
 * - The most specific match wins: a phrase (+64), then a provider token (40), an exact enhanced
 *   code (32), a dotted or alphabetic token (24 plus its length, at most 15), a code range (16).
 */
#ifndef SMTPCODES_PROVIDERS_HPP
#define SMTPCODES_PROVIDERS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>  // std::size too (C++17 [iterator.range]): no <iterator>

#include "bounce_reason.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "detail/scan.hpp"
#include "detail/table.hpp"
#include "enhanced_status.hpp"
#include "reply_code.hpp"

// 1: the tables derived from the provider table are computed at compile time (the generator
// and the test that checks detail/provider_index.inc); 0, the default: they are read from it.
#ifndef SMTPCODES_PROVIDER_INDEX_COMPUTE
#define SMTPCODES_PROVIDER_INDEX_COMPUTE 0
#endif

namespace smtpcodes {

/// A receiver or blocklist operator whose codes we know. Append-only.
enum class provider : std::uint8_t {
  none = 0,
  microsoft,
  google,
  yahoo,
  apple,
  yandex,
  mailru,
  gmx_webde,
  zoho,
  proton,
  fastmail,
  comcast,
  orange,
  t_online,
  spamhaus,
  barracuda,
  spamcop,
};

/**
 * One provider-specific code or text. `code` is the token as it appears in a reply: an enhanced
 * code the provider gives its own meaning ("5.7.606"), or a provider token ("TSS04", "RP-001").
 * `phrase`, when not empty, must also appear in the reply text (lower case, matched without
 * regard to case) — for a registered code whose meaning at this provider comes from its text.
 * An entry with an empty `code` is matched by its phrase alone, for the detected provider.
 */
struct provider_code_info {
  provider who;
  std::string_view code;
  std::string_view phrase;
  bounce_reason reason;
  std::string_view meaning;
  std::string_view fix;
  std::string_view url;  ///< The provider's documentation of this code.
  /// The last code of a range that starts at `code` ("5.7.649" for 5.7.606 to 5.7.649); empty
  /// for a single code.
  std::string_view code_last;
};

/// Short display name ("Microsoft 365 / Outlook.com / Exchange Online"); empty for `none`.
[[nodiscard]] constexpr std::string_view to_string(provider p) noexcept;

/// The provider's identifier in JSON ("microsoft", "google", "yahoo"...); empty for `none`.
[[nodiscard]] constexpr std::string_view provider_id(provider p) noexcept;

/**
 * The provider a reply came from, from the remote host name when given (suffixes such as
 * ".protection.outlook.com", ".google.com", ".yahoodns.net") or from markers in the text
 * ("gsmtp", "outlook.com", "[TSS04]"). `provider::none` when nothing says.
 */
[[nodiscard]] constexpr provider detect_provider(std::string_view text,
                                                 std::string_view remote_host = {}) noexcept;

/**
 * The provider entry a reply matches, or nullptr: its enhanced code, basic code and text, and
 * optionally the remote host. An entry whose code is a registered enhanced code matches only
 * when the provider is detected (or its phrase is found); a provider-only token ("TSS04",
 * "5.7.606") identifies its provider by itself. Most specific match wins.
 */
[[nodiscard]] constexpr const provider_code_info* find_provider_code(
    std::optional<reply_code> code, std::optional<enhanced_status> enhanced, std::string_view text,
    std::string_view remote_host = {}) noexcept;

/// Both answers of one scan of the text: the detected provider and the matching entry.
struct provider_match {
  provider who = provider::none;  ///< As detect_provider (the entry's provider may differ:
                                  ///< a Yahoo reply naming Spamhaus gives yahoo and Spamhaus's
                                  ///< entry).
  const provider_code_info* entry = nullptr;  ///< As find_provider_code.
};

/**
 * detect_provider and find_provider_code in one pass over the text, for callers that want both
 * (a classifier): half the cost of calling the two.
 */
[[nodiscard]] constexpr provider_match match_provider(std::optional<reply_code> code,
                                                      std::optional<enhanced_status> enhanced,
                                                      std::string_view text,
                                                      std::string_view remote_host = {}) noexcept;

/**
 * `explain 5.7.606` / `explain TSS04`: the entry for a code token on its own, when a single
 * provider defines it; nullptr otherwise (registered codes with no provider context).
 */
[[nodiscard]] constexpr const provider_code_info* lookup_provider_code(
    std::string_view token) noexcept;

/// The whole provider table, grouped by provider, for listings. Entries are static.
[[nodiscard]] constexpr table_range<provider_code_info> provider_codes() noexcept;

/// True for the blocklist operators (Spamhaus, Barracuda, SpamCop), whose entries say the
/// sender is listed rather than which receiver answered.
[[nodiscard]] constexpr bool is_blocklist(provider p) noexcept {
  return p == provider::spamhaus || p == provider::barracuda || p == provider::spamcop;
}

/// True when `e` is in the IANA "SMTP Enhanced Status Codes" registry (RFC 3463, RFC 5248):
/// X.0.0, X.1.0-X.1.10, X.2.0-X.2.4, X.3.0-X.3.6, X.4.0-X.4.7, X.5.0-X.5.6, X.6.0-X.6.10 and
/// X.7.0-X.7.30, the entries of detail/enhanced_detail_table.inc. Codes beyond are a
/// provider's own (Microsoft's 5.7.606, Gmail's 4.7.32).
[[nodiscard]] constexpr bool is_registered_enhanced_status(enhanced_status e) noexcept {
  constexpr std::uint16_t last_detail[8] = {0, 10, 4, 6, 7, 6, 10, 30};
  return e.is_well_formed() && e.subject < 8 && e.detail <= last_detail[e.subject];
}

namespace detail {

using std::string_view_literals::operator""sv;

// clang-format off
inline constexpr provider_code_info provider_code_table[] = {
#include "detail/provider_table.inc"
};
// clang-format on

inline constexpr std::size_t provider_code_count =
    sizeof(provider_code_table) / sizeof(provider_code_table[0]);

/// Case-insensitive three-way comparison (ASCII).
[[nodiscard]] constexpr int icompare(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size() < b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char x = to_lower_ascii(a[i]);
    const char y = to_lower_ascii(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

[[nodiscard]] constexpr bool is_space_or_break(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// After a line break in a multi-line reply, the next line's "450-4.2.1 " or "550 " prefix.
[[nodiscard]] constexpr std::size_t skip_reply_prefix(std::string_view s, std::size_t i) noexcept {
  if (i + 4 > s.size() || !is_digit(s[i]) || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
      (s[i + 3] != '-' && s[i + 3] != ' ')) {
    return i;
  }
  std::size_t j = i + 4;
  enhanced_status e;
  const std::size_t n = parse_status_prefix(s.substr(j), e);
  if (n != 0 && j + n < s.size() && s[j + n] == ' ') j += n + 1;
  return j;
}

/// Whether `phrase` (lower case) starts at hay[i], ignoring case. A space in the phrase
/// matches any run of white space, and a line break with the next line's reply-code prefix
/// ("that\r\n450-4.2.1 prevents"), so that a phrase wrapped across reply lines still matches.
[[nodiscard]] constexpr bool phrase_at(std::string_view hay, std::size_t i,
                                       std::string_view phrase) noexcept {
  for (std::size_t k = 0; k < phrase.size(); ++k) {
    if (phrase[k] == ' ') {
      if (i >= hay.size() || !is_space_or_break(hay[i])) return false;
      bool line_break = false;
      while (i < hay.size() && is_space_or_break(hay[i])) {
        line_break = line_break || hay[i] == '\n';
        ++i;
      }
      if (line_break) i = skip_reply_prefix(hay, i);
      continue;
    }
    if (i >= hay.size() || to_lower_ascii(hay[i]) != phrase[k]) return false;
    ++i;
  }
  return true;
}

/// Whether `needle` (lower case) occurs in `hay`, ignoring case (and as phrase_at says).
[[nodiscard]] constexpr bool icontains(std::string_view hay, std::string_view needle) noexcept {
  if (needle.empty()) return true;
  if (needle.size() > hay.size()) return false;
  const char first = needle[0];
  // A letter matches in either case: its two cases differ in bit 0x20 only.
  const char fold = is_alpha(first) ? static_cast<char>(0x20) : static_cast<char>(0);
  std::size_t i = 0;
  if (has_pair_mask && !SMTPCODES_IS_CONSTANT_EVALUATED() && needle.size() >= 2 &&
      needle[1] != ' ') {
    // Where the first two octets match, 16 positions a step (needle[1] is no space, which
    // phrase_at would let match a run of white space).
    const char second = needle[1];
    const char fold2 = is_alpha(second) ? static_cast<char>(0x20) : static_cast<char>(0);
    for (; i + simd_block_width + 1 <= hay.size(); i += simd_block_width) {
      for (unsigned m = pair_mask(hay.data() + i, first, fold, second, fold2); m != 0; m &= m - 1) {
        if (phrase_at(hay, i + count_trailing_zeros64(m), needle)) return true;
      }
    }
  }
  for (; i < hay.size(); ++i) {
    if (static_cast<char>(hay[i] | fold) == first && phrase_at(hay, i, needle)) return true;
  }
  return false;
}

/// `word` is `suffix` or ends with "." + `suffix`, ignoring case.
[[nodiscard]] constexpr bool has_label_suffix(std::string_view word,
                                              std::string_view suffix) noexcept {
  if (word.size() < suffix.size()) return false;
  const std::size_t at = word.size() - suffix.size();
  if (at != 0 && word[at - 1] != '.') return false;
  return iequals(word.substr(at), suffix);
}

[[nodiscard]] constexpr bool is_word_char(char c) noexcept {
  return is_alnum_ascii(c) || c == '.' || c == '-' || c == '_';
}

[[nodiscard]] constexpr bool has_char(std::string_view s, char c) noexcept {
  return find_char(s, c) != std::string_view::npos;
}

[[nodiscard]] constexpr bool has_alpha(std::string_view s) noexcept {
  for (const char c : s) {
    if (is_alpha(c)) return true;
  }
  return false;
}

/// (class, subject, detail) in one comparable number.
[[nodiscard]] constexpr std::uint32_t status_key(enhanced_status e) noexcept {
  return (static_cast<std::uint32_t>(e.klass) << 20) |
         (static_cast<std::uint32_t>(e.subject) << 10) | e.detail;
}

/// The entry's code as an enhanced status, when it is one.
[[nodiscard]] constexpr std::optional<enhanced_status> entry_status(
    const provider_code_info& e) noexcept {
  return parse_enhanced_status(e.code);
}

// ---- Markers: texts and host names that say which provider answered --------------------------

struct provider_marker {
  std::string_view text;  ///< A word ("gsmtp") or a domain suffix ("yahoodns.net").
  provider who;
  std::uint8_t strength;    ///< 2: the provider's own infrastructure; 1: one of its domains.
  bool in_address = false;  ///< Counts after '@' too: a postmaster contact, never a user's.
};

/// Host and text markers. Domains are matched by label suffix; a host name of the provider's
/// mail servers (gmail-smtp-in.l.google.com, mta5.am0.yahoodns.net, mx01.mail.icloud.com,
/// hotmail-com.olc.protection.outlook.com, mxs.mail.ru, in1-smtp.messagingengine.com, ...)
/// ends in one of them.
inline constexpr provider_marker provider_markers[] = {
    // Words. "gsmtp" and "gcdp" end every Gmail error (support.google.com/a/answer/3726730).
    {"gsmtp"sv, provider::google, 2},
    {"gcdp"sv, provider::google, 2},
    {"zoho"sv, provider::zoho, 1},
    {"yandex"sv, provider::yandex, 1},
    // Domains.
    {"protection.outlook.com"sv, provider::microsoft, 2},
    {"outlook.com"sv, provider::microsoft, 1},
    {"hotmail.com"sv, provider::microsoft, 1},
    {"live.com"sv, provider::microsoft, 1},
    {"office365.com"sv, provider::microsoft, 1},
    {"microsoft.com"sv, provider::microsoft, 1},
    {"aka.ms"sv, provider::microsoft, 1},
    {"google.com"sv, provider::google, 1},
    {"gmail.com"sv, provider::google, 1},
    {"googlemail.com"sv, provider::google, 1},
    {"yahoodns.net"sv, provider::yahoo, 2},
    {"yahooinc.com"sv, provider::yahoo, 1},
    {"yahoo.com"sv, provider::yahoo, 1},
    {"aol.com"sv, provider::yahoo, 1},
    {"icloud.com"sv, provider::apple, 1},
    {"apple.com"sv, provider::apple, 1},
    {"me.com"sv, provider::apple, 1},
    {"mac.com"sv, provider::apple, 1},
    {"yandex.net"sv, provider::yandex, 2},
    {"yandex.ru"sv, provider::yandex, 1},
    {"yandex.com"sv, provider::yandex, 1},
    {"mail.ru"sv, provider::mailru, 1},
    {"gmx.net"sv, provider::gmx_webde, 1},
    {"gmx.com"sv, provider::gmx_webde, 1},
    {"gmx.de"sv, provider::gmx_webde, 1},
    {"web.de"sv, provider::gmx_webde, 1},
    {"zoho.com"sv, provider::zoho, 1},
    {"zoho.eu"sv, provider::zoho, 1},
    {"zohomail.com"sv, provider::zoho, 1},
    {"protonmail.ch"sv, provider::proton, 2},
    {"protonmail.com"sv, provider::proton, 1},
    {"proton.me"sv, provider::proton, 1},
    {"messagingengine.com"sv, provider::fastmail, 2},
    {"fastmail.com"sv, provider::fastmail, 1},
    {"comcast.net"sv, provider::comcast, 1},
    {"xfinity.com"sv, provider::comcast, 1},
    {"orange.fr"sv, provider::orange, 1},
    {"wanadoo.fr"sv, provider::orange, 1},
    {"t-online.de"sv, provider::t_online, 1},
    // T-Online's replies name their postmaster desks, e.g. tobr@rx.t-online.de.
    {"rx.t-online.de"sv, provider::t_online, 2, true},
};

// ---- Tables derived from provider_code_table at compile time ---------------------------------

struct word_slot {
  std::string_view word;
  provider who;
  std::uint8_t strength;  ///< As provider_marker; 0 for blocklists.
  std::int16_t entry;     ///< Index into provider_code_table, or -1 for a bare marker.
  bool in_address;        ///< As provider_marker.
};

[[nodiscard]] constexpr bool is_dotted_token(std::string_view s) noexcept {
  return has_char(s, '.');
}

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
[[nodiscard]] constexpr std::size_t count_word_slots(bool dotted) noexcept {
  std::size_t n = 0;
  for (const auto& e : provider_code_table) {
    if (!e.code.empty() && !entry_status(e) && is_dotted_token(e.code) == dotted) ++n;
  }
  for (const auto& m : provider_markers) {
    if (is_dotted_token(m.text) == dotted) ++n;
  }
  return n;
}
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

/// Plain words are at most this long (a static_assert checks), so that the scan can reject a
/// word by its length and its first and last octets before any comparison.
inline constexpr std::size_t max_plain_word = 15;

template <std::size_t N>
struct word_slots {
  word_slot slot[N > 0 ? N : 1]{};
  /// Bit c of first[len] (last[len]): some word of length len starts (ends) with octet c,
  /// lower-cased.
  std::uint32_t first[max_plain_word + 1][8] = {};
  std::uint32_t last[max_plain_word + 1][8] = {};
  std::size_t longest = 0;
};

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
/// The tokens and markers, plain words (dotted == false) or domains (dotted == true); plain
/// words sorted case-insensitively for binary search.
template <std::size_t N>
[[nodiscard]] constexpr word_slots<N> make_word_slots(bool dotted) noexcept {
  word_slots<N> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    const auto& e = provider_code_table[i];
    if (e.code.empty() || entry_status(e) || is_dotted_token(e.code) != dotted) continue;
    out.slot[n++] = word_slot{e.code, e.who, static_cast<std::uint8_t>(is_blocklist(e.who) ? 0 : 2),
                              static_cast<std::int16_t>(i), false};
  }
  for (const auto& m : provider_markers) {
    if (is_dotted_token(m.text) != dotted) continue;
    out.slot[n++] = word_slot{m.text, m.who, m.strength, -1, m.in_address};
  }
  if (!dotted) {
    // Insertion sort: a few dozen entries, once, at compile time.
    for (std::size_t i = 1; i < n; ++i) {
      const word_slot v = out.slot[i];
      std::size_t j = i;
      while (j > 0 && icompare(v.word, out.slot[j - 1].word) < 0) {
        out.slot[j] = out.slot[j - 1];
        --j;
      }
      out.slot[j] = v;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view w = out.slot[i].word;
    if (w.size() > out.longest) out.longest = w.size();
    if (w.size() > max_plain_word) continue;
    const auto f = static_cast<unsigned char>(to_lower_ascii(w.front()));
    const auto l = static_cast<unsigned char>(to_lower_ascii(w.back()));
    out.first[w.size()][f / 32] |= std::uint32_t{1} << (f % 32);
    out.last[w.size()][l / 32] |= std::uint32_t{1} << (l % 32);
  }
  return out;
}

inline constexpr std::size_t plain_word_count = count_word_slots(false);
inline constexpr std::size_t dotted_word_count = count_word_slots(true);
inline constexpr word_slots<plain_word_count> plain_words =
    make_word_slots<plain_word_count>(false);
inline constexpr word_slots<dotted_word_count> dotted_words =
    make_word_slots<dotted_word_count>(true);
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

/// An entry whose code is an enhanced code, as the key range it covers.
struct status_span {
  std::uint32_t first;
  std::uint32_t last;
  std::uint16_t entry;
  bool names_provider;
};

// ---- Table checks ----------------------------------------------------------------------------

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
[[nodiscard]] constexpr bool is_lower_ascii_text(std::string_view s) noexcept {
  for (const char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

[[nodiscard]] constexpr bool is_word(std::string_view s) noexcept {
  if (s.empty() || s.front() == '.' || s.back() == '.') return false;
  for (const char c : s) {
    if (!is_word_char(c)) return false;
  }
  return true;
}

/// Every entry: a provider; meaning, fix and an https URL; a lower-case phrase; a code that is
/// an enhanced code or a word the scanner can find (a dotted one with letters); a phrase when
/// there is no code; a range only on an enhanced code, ending in the same class and subject.
[[nodiscard]] constexpr bool provider_entries_well_formed() noexcept {
  for (const auto& e : provider_code_table) {
    if (e.who == provider::none || e.meaning.empty() || e.fix.empty()) return false;
    if (e.url.substr(0, 8) != "https://"sv || e.url.size() <= 8) return false;
    if (!is_lower_ascii_text(e.phrase)) return false;
    if (e.code.empty() && e.phrase.empty()) return false;
    const auto s = entry_status(e);
    if (!e.code.empty() && !s) {
      if (!is_word(e.code)) return false;
      if (is_dotted_token(e.code) && !has_alpha(e.code)) return false;
    }
    if (!e.code_last.empty()) {
      const auto last = parse_enhanced_status(e.code_last);
      if (!s || !last || last->klass != s->klass || last->subject != s->subject ||
          last->detail <= s->detail) {
        return false;
      }
    }
  }
  return true;
}

#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

/// No two entries share (who, code, phrase).
[[nodiscard]] constexpr bool provider_entries_unique() noexcept {
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    for (std::size_t j = i + 1; j < provider_code_count; ++j) {
      const auto& a = provider_code_table[i];
      const auto& b = provider_code_table[j];
      if (a.who == b.who && iequals(a.code, b.code) && a.phrase == b.phrase) return false;
    }
  }
  return true;
}

/// What the checks and the matcher need of each entry, computed once.
/// A 256-bit set of the octet pairs (lower-cased, hashed) of a text: a phrase whose pairs are
/// not all in a text's set is not in the text, so most phrase searches end after four ANDs.
struct pair_set {
  std::uint64_t bits[4] = {};

  constexpr void add(char a, char b) noexcept {
    // Setting bit 0x20 folds letter case (other octets fold too, alike on both sides).
    const unsigned h =
        ((static_cast<unsigned char>(a) | 0x20U) * 31U + (static_cast<unsigned char>(b) | 0x20U)) &
        255U;
    bits[h / 64] |= std::uint64_t{1} << (h % 64);
  }
  [[nodiscard]] constexpr bool covers(const pair_set& needed) const noexcept {
    return (needed.bits[0] & ~bits[0]) == 0 && (needed.bits[1] & ~bits[1]) == 0 &&
           (needed.bits[2] & ~bits[2]) == 0 && (needed.bits[3] & ~bits[3]) == 0;
  }
};

/// The pairs of a text: every two adjacent octets.
[[nodiscard]] constexpr pair_set text_pairs(std::string_view text) noexcept {
  pair_set out;
  for (std::size_t i = 1; i < text.size(); ++i) out.add(text[i - 1], text[i]);
  return out;
}

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
/// The pairs a phrase needs: adjacent octets with no space between them (a space in a phrase
/// may stand for a line break and a reply-code prefix, see phrase_at).
[[nodiscard]] constexpr pair_set phrase_pairs(std::string_view phrase) noexcept {
  pair_set out;
  for (std::size_t i = 1; i < phrase.size(); ++i) {
    if (phrase[i - 1] != ' ' && phrase[i] != ' ') out.add(phrase[i - 1], phrase[i]);
  }
  return out;
}
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

struct entry_fact {
  pair_set pairs;       ///< phrase_pairs(phrase).
  bool status = false;  ///< `code` is an enhanced code.
  bool names_provider = false;
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

struct entry_facts {
  entry_fact fact[provider_code_count]{};
};

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
[[nodiscard]] constexpr entry_facts make_entry_facts() noexcept {
  entry_facts out{};
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    const auto& e = provider_code_table[i];
    const auto s = entry_status(e);
    entry_fact& f = out.fact[i];
    f.pairs = phrase_pairs(e.phrase);
    f.status = s.has_value();
    f.names_provider = !e.code.empty() && (!s || !is_registered_enhanced_status(*s));
    if (s) {
      const auto last = e.code_last.empty() ? s : parse_enhanced_status(e.code_last);
      f.first = status_key(*s);
      f.last = last ? status_key(*last) : f.first;
    }
  }
  return out;
}

inline constexpr entry_facts provider_entry_facts = make_entry_facts();
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
[[nodiscard]] constexpr std::size_t count_entries(int kind) noexcept {
  std::size_t n = 0;
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    const entry_fact& f = provider_entry_facts.fact[i];
    const bool phrase_only = provider_code_table[i].code.empty();
    if (kind == 0   ? (f.status && f.first == f.last)
        : kind == 1 ? (f.status && f.first != f.last)
                    : phrase_only) {
      ++n;
    }
  }
  return n;
}

inline constexpr std::size_t exact_span_count = count_entries(0);
inline constexpr std::size_t range_span_count = count_entries(1);
inline constexpr std::size_t phrase_only_count = count_entries(2);
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

template <std::size_t N>
struct status_spans {
  status_span span[N > 0 ? N : 1]{};
};

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
/// The entries with one enhanced code (ranges == false, sorted by code for binary search) or
/// a range of them (ranges == true, a handful, searched in order).
template <std::size_t N>
[[nodiscard]] constexpr status_spans<N> make_status_spans(bool ranges) noexcept {
  status_spans<N> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    const entry_fact& f = provider_entry_facts.fact[i];
    if (!f.status || (f.first != f.last) != ranges) continue;
    const status_span v{f.first, f.last, static_cast<std::uint16_t>(i), f.names_provider};
    std::size_t j = n++;
    // Insertion by code, stable: entries of one code keep their table order.
    while (!ranges && j > 0 && v.first < out.span[j - 1].first) {
      out.span[j] = out.span[j - 1];
      --j;
    }
    out.span[j] = v;
  }
  return out;
}

inline constexpr status_spans<exact_span_count> exact_spans =
    make_status_spans<exact_span_count>(false);
inline constexpr status_spans<range_span_count> range_spans =
    make_status_spans<range_span_count>(true);
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

template <std::size_t N>
struct entry_list {
  std::uint16_t entry[N > 0 ? N : 1]{};
};

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
/// The entries with no code, matched by their phrase for the detected provider.
[[nodiscard]] constexpr entry_list<phrase_only_count> make_phrase_only_list() noexcept {
  entry_list<phrase_only_count> out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    if (provider_code_table[i].code.empty()) out.entry[n++] = static_cast<std::uint16_t>(i);
  }
  return out;
}

inline constexpr entry_list<phrase_only_count> phrase_only_entries = make_phrase_only_list();
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

#if SMTPCODES_PROVIDER_INDEX_COMPUTE
/// The plain word table is sorted without duplicates (binary search needs it), and no marker
/// repeats a token.
template <std::size_t N>
[[nodiscard]] constexpr bool word_slots_sorted(const word_slots<N>& t, std::size_t n) noexcept {
  for (std::size_t i = 1; i < n; ++i) {
    if (icompare(t.slot[i - 1].word, t.slot[i].word) >= 0) return false;
  }
  return true;
}

static_assert(provider_code_count > 0, "the provider table is empty");
static_assert(provider_entries_well_formed(),
              "a provider entry lacks a meaning, fix, https URL or well-formed code/phrase/range");
// provider_entries_unique() and provider_tokens_exclusive() compare every pair of entries: they
// are static_asserted once, in tests/providers_test.cpp, not in every translation unit that
// includes this header (they were a third of its compile time).
static_assert(plain_words.longest <= max_plain_word, "a plain provider token is too long");
static_assert(word_slots_sorted(plain_words, plain_word_count),
              "two plain provider tokens or markers are equal ignoring case");
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

// ---- Scanning ------------------------------------------------------------------------------

/// The last two labels of a domain ("outlook.com" of "mail.protection.outlook.com"), or all of
/// it when it has fewer.
[[nodiscard]] constexpr std::string_view last_two_labels(std::string_view w) noexcept {
  std::size_t dots = 0;
  for (std::size_t i = w.size(); i-- > 0;) {
    if (w[i] == '.' && ++dots == 2) return w.substr(i + 1);
  }
  return w;
}

/// A hash of `s` (not empty) in [0, 1024), ignoring ASCII case: its length and three of its
/// octets, enough to spread a few dozen domains, and no chain of multiplications.
[[nodiscard]] constexpr unsigned fold_hash10(std::string_view s) noexcept {
  const auto at = [s](std::size_t i) {
    return static_cast<unsigned>(static_cast<unsigned char>(to_lower_ascii(s[i])));
  };
  const unsigned h = static_cast<unsigned>(s.size()) * 157U + at(0) * 31U + at(s.size() / 2) * 7U +
                     at(s.size() - 1);
  return (h ^ (h >> 10)) & 1023U;
}

/// Bit fold_hash10(last_two_labels(d)) set for each domain slot d, and each slot's hash: a
/// domain slot that is a label suffix of a word has the word's last two labels, so a word whose
/// bit is clear matches none (most domains in a text: the sender's, the recipient's,
/// example.org) without a comparison, and one whose bit is set is compared with the slots of
/// its hash only.
template <std::size_t N>
struct domain_filter {
  std::uint64_t bits[16] = {};
  std::uint16_t hash[N > 0 ? N : 1] = {};
};
#if SMTPCODES_PROVIDER_INDEX_COMPUTE
[[nodiscard]] constexpr domain_filter<dotted_word_count> make_domain_filter() noexcept {
  domain_filter<dotted_word_count> f{};
  for (std::size_t i = 0; i < dotted_word_count; ++i) {
    const unsigned h = fold_hash10(last_two_labels(dotted_words.slot[i].word));
    f.bits[h / 64] |= std::uint64_t{1} << (h % 64);
    f.hash[i] = static_cast<std::uint16_t>(h);
  }
  return f;
}
inline constexpr domain_filter<dotted_word_count> dotted_word_filter = make_domain_filter();

/// Every domain slot has a label before its last dot and after it ("a.b", not ".b" or "a."),
/// which the filter needs.
[[nodiscard]] constexpr bool domain_slots_have_two_labels() noexcept {
  for (std::size_t i = 0; i < dotted_word_count; ++i) {
    const std::string_view w = dotted_words.slot[i].word;
    const std::size_t dot = w.rfind('.');
    if (dot == 0 || dot + 1 >= w.size() || w.front() == '.') return false;
  }
  return true;
}
static_assert(domain_slots_have_two_labels(), "a provider domain lacks a label around its dot");
#else
// The same tables, computed by the code above and written out by tools/gen_provider_index.cpp:
// a translation unit that includes this header evaluates none of it (it was a third of this
// header's compile time). tests/provider_index_test.cpp proves they are equal.
#include "detail/provider_index.inc"
#endif  // SMTPCODES_PROVIDER_INDEX_COMPUTE

/// A token (non-enhanced code) belongs to one provider only, and so does an unregistered
/// enhanced code: either names its provider by itself.
[[nodiscard]] constexpr bool provider_tokens_exclusive() noexcept {
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    const entry_fact& fa = provider_entry_facts.fact[i];
    if (!fa.names_provider) continue;
    for (std::size_t j = i + 1; j < provider_code_count; ++j) {
      const entry_fact& fb = provider_entry_facts.fact[j];
      const auto& a = provider_code_table[i];
      const auto& b = provider_code_table[j];
      if (!fb.names_provider || a.who == b.who || fa.status != fb.status) continue;
      if (fa.status ? !(fa.last < fb.first || fb.last < fa.first) : iequals(a.code, b.code)) {
        return false;
      }
    }
  }
  return true;
}

/// The first exact span whose code is not below `key`.
[[nodiscard]] constexpr std::size_t first_exact_span(std::uint32_t key) noexcept {
  std::size_t low = 0;
  std::size_t high = exact_span_count;
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    if (exact_spans.span[mid].first < key) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

[[nodiscard]] constexpr bool in_mask(const std::uint32_t* mask, char c) noexcept {
  const auto u = static_cast<unsigned char>(to_lower_ascii(c));
  return ((mask[u / 32] >> (u % 32)) & 1U) != 0;
}

/// False when no plain word has the length, first and last octets of `w`.
[[nodiscard]] constexpr bool maybe_plain_word(std::string_view w) noexcept {
  return w.size() <= max_plain_word && in_mask(plain_words.first[w.size()], w.front()) &&
         in_mask(plain_words.last[w.size()], w.back());
}

/// The plain word slot equal to `w` (ignoring case), or nullptr.
[[nodiscard]] constexpr const word_slot* find_plain_word(std::string_view w) noexcept {
  if (!maybe_plain_word(w)) return nullptr;
  std::size_t low = 0;
  std::size_t high = plain_word_count;
  while (low < high) {
    const std::size_t mid = low + (high - low) / 2;
    const int c = icompare(plain_words.slot[mid].word, w);
    if (c == 0) return &plain_words.slot[mid];
    if (c < 0) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return nullptr;
}

/// The longest domain slot that `w` ends with (by labels), or nullptr.
[[nodiscard]] constexpr const word_slot* find_dotted_word(std::string_view w) noexcept {
  const unsigned h = fold_hash10(last_two_labels(w));
  if (((dotted_word_filter.bits[h / 64] >> (h % 64)) & 1U) == 0) return nullptr;
  const word_slot* best = nullptr;
  for (std::size_t i = 0; i < dotted_word_count; ++i) {
    if (dotted_word_filter.hash[i] != h) continue;
    const word_slot& s = dotted_words.slot[i];
    if (has_label_suffix(w, s.word) && (best == nullptr || s.word.size() > best->word.size())) {
      best = &s;
    }
  }
  return best;
}

/// The host-name provider: the longest marker domain `host` ends with.
[[nodiscard]] constexpr provider host_provider(std::string_view host) noexcept {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty()) return provider::none;
  const word_slot* s = find_dotted_word(host);
  return s != nullptr && s->entry < 0 ? s->who : provider::none;
}

struct scan_result {
  provider marker = provider::none;
  int marker_strength = -1;
  const provider_code_info* token = nullptr;  ///< The best token entry found.
  int token_score = -1;
  std::uint32_t code_keys[4] = {};  ///< status_key of the enhanced codes in the text, first ones.
  std::size_t code_count = 0;
};

constexpr void note_marker(scan_result& r, provider who, int strength) noexcept {
  if (strength > r.marker_strength) {
    r.marker = who;
    r.marker_strength = strength;
  }
}

[[nodiscard]] constexpr bool has_digit(std::string_view s) noexcept {
  for (const char c : s) {
    if (is_digit(c)) return true;
  }
  return false;
}

/// A token with a digit ("TSS04", "BL000001") is a provider's code: 40. A dotted or plain word
/// ("zen.spamhaus.org", "spamhaus") says less the shorter it is: 24 plus its length, at most
/// 15. A phrase adds 64.
[[nodiscard]] constexpr int token_score(const provider_code_info& e) noexcept {
  const int base = (is_dotted_token(e.code) || !has_digit(e.code))
                       ? 24 + static_cast<int>(e.code.size() < 15 ? e.code.size() : 15)
                       : 40;
  return base + (e.phrase.empty() ? 0 : 64);
}

constexpr void note_slot(scan_result& r, const word_slot& s, std::string_view text) noexcept {
  note_marker(r, s.who, s.strength);
  if (s.entry < 0) return;
  const provider_code_info& e = provider_code_table[static_cast<std::size_t>(s.entry)];
  if (!e.phrase.empty() && !icontains(text, e.phrase)) return;
  const int score = token_score(e);
  if (score > r.token_score) {
    r.token = &e;
    r.token_score = score;
  }
}

constexpr void note_status_word(scan_result& r, std::string_view w) noexcept {
  // "550-5.7.606" (a continuation line) holds the code after a hyphen.
  std::size_t start = 0;
  while (start <= w.size() && r.code_count < 4) {
    std::size_t end = start;
    while (end < w.size() && w[end] != '-') ++end;
    const auto s = parse_enhanced_status(w.substr(start, end - start));
    if (s) r.code_keys[r.code_count++] = status_key(*s);
    start = end + 1;
  }
}

/// What a word of the scan holds besides letters.
enum scan_flag : unsigned {
  scan_alpha = 1,
  scan_digit = 2,
  scan_dot = 4,
  scan_mark = 8,  ///< '-' or '_': a word holding one goes the general way.
};

/// The scan_flags of the octets [s, e) of a block.
[[nodiscard]] constexpr unsigned scan_flags_in(const word_masks& m, unsigned s,
                                               unsigned e) noexcept {
  const std::uint64_t range = low_bits(e) & ~low_bits(s);
  return ((m.alpha & range) != 0 ? scan_alpha : 0U) | ((m.digit & range) != 0 ? scan_digit : 0U) |
         ((m.dot & range) != 0 ? scan_dot : 0U) | ((m.mark & range) != 0 ? scan_mark : 0U);
}

/// One word of the scan: [begin, end) of `text`, letters, digits, '.', '-' and '_'.
constexpr void scan_word(scan_result& r, std::string_view text, std::size_t begin, std::size_t end,
                         unsigned flags) noexcept {
  const char* p = text.data();
  if ((flags & (scan_digit | scan_dot | scan_mark)) == 0) {
    // Letters only, the common case: the masks reject almost every such word.
    const std::string_view w(p + begin, end - begin);
    if (maybe_plain_word(w)) {
      if (const word_slot* s = find_plain_word(w)) note_slot(r, *s, text);
    }
    return;
  }
  while (end > begin && (p[end - 1] == '.' || p[end - 1] == '-')) --end;
  if (end == begin) return;
  const std::string_view w(p + begin, end - begin);
  if ((flags & scan_alpha) == 0) {
    if ((flags & scan_dot) != 0 && r.code_count < 4) note_status_word(r, w);
    return;
  }
  if ((flags & scan_dot) != 0 && has_char(w, '.')) {
    const word_slot* s = find_dotted_word(w);
    const bool address = begin > 0 && p[begin - 1] == '@';
    if (s != nullptr && (!address || s->in_address)) note_slot(r, *s, text);
  } else if (const word_slot* s = find_plain_word(w)) {
    note_slot(r, *s, text);
  }
}

/// One pass over `text`: markers, token entries and enhanced codes. Words (runs of letters,
/// digits, '.', '-' and '_') are found 64 octets at a time from bit masks (detail/scan.hpp), so a
/// word costs a few bit operations; most are plain words that no table holds and fail a length
/// and first-letter test.
[[nodiscard]] constexpr scan_result scan_text(std::string_view text) noexcept {
  scan_result r;
  const char* p = text.data();
  const std::size_t n = text.size();
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t open = none;  // the start of a word that runs on past the previous block
  unsigned open_flags = 0;
  for (std::size_t base = 0; base < n; base += mask_block_width) {
    const word_masks m = word_masks_of(p, n, base);
    const std::uint64_t special = m.digit | m.dot | m.mark;
    const std::uint64_t word = m.alpha | special;
    const std::uint64_t gaps = ~word;  // bits from len up are set
    std::uint64_t starts = word & ~(word << 1);
    if (open != none) {
      if (gaps == 0) {
        open_flags |= scan_flags_in(m, 0, 64);
        continue;
      }
      const unsigned e = count_trailing_zeros64(gaps);
      scan_word(r, text, open, base + e, open_flags | scan_flags_in(m, 0, e));
      open = none;
      starts &= ~low_bits(e);
    }
    while (starts != 0) {
      const unsigned s = count_trailing_zeros64(starts);
      starts &= starts - 1;
      const std::uint64_t rest = gaps >> s;
      if (rest == 0) {  // the word runs to the end of a full block, maybe beyond
        open = base + s;
        open_flags = scan_flags_in(m, s, 64);
        break;
      }
      const unsigned e = s + count_trailing_zeros64(rest);
      if ((special & low_bits(e) & ~low_bits(s)) == 0 &&
          !maybe_plain_word(std::string_view(p + base + s, e - s))) {
        continue;  // letters only, and no token or marker has its length and first and last letters
      }
      scan_word(r, text, base + s, base + e, scan_flags_in(m, s, e));
    }
  }
  if (open != none) scan_word(r, text, open, n, open_flags);
  return r;
}

[[nodiscard]] constexpr provider detect(const scan_result& r, std::string_view host) noexcept {
  const provider h = host_provider(host);
  if (h != provider::none) return h;
  return r.marker;
}

}  // namespace detail

constexpr std::string_view to_string(provider p) noexcept {
  switch (p) {
    case provider::none:
      return {};
    case provider::microsoft:
      return "Microsoft 365 / Outlook.com / Exchange Online";
    case provider::google:
      return "Gmail / Google Workspace";
    case provider::yahoo:
      return "Yahoo / AOL";
    case provider::apple:
      return "Apple iCloud Mail";
    case provider::yandex:
      return "Yandex Mail";
    case provider::mailru:
      return "Mail.ru";
    case provider::gmx_webde:
      return "GMX / WEB.DE";
    case provider::zoho:
      return "Zoho Mail";
    case provider::proton:
      return "Proton Mail";
    case provider::fastmail:
      return "Fastmail";
    case provider::comcast:
      return "Comcast / Xfinity";
    case provider::orange:
      return "Orange";
    case provider::t_online:
      return "T-Online (Deutsche Telekom)";
    case provider::spamhaus:
      return "Spamhaus";
    case provider::barracuda:
      return "Barracuda Reputation Block List";
    case provider::spamcop:
      return "SpamCop Blocking List";
  }
  return {};
}

constexpr std::string_view provider_id(provider p) noexcept {
  switch (p) {
    case provider::none:
      return {};
    case provider::microsoft:
      return "microsoft";
    case provider::google:
      return "google";
    case provider::yahoo:
      return "yahoo";
    case provider::apple:
      return "apple";
    case provider::yandex:
      return "yandex";
    case provider::mailru:
      return "mailru";
    case provider::gmx_webde:
      return "gmx_webde";
    case provider::zoho:
      return "zoho";
    case provider::proton:
      return "proton";
    case provider::fastmail:
      return "fastmail";
    case provider::comcast:
      return "comcast";
    case provider::orange:
      return "orange";
    case provider::t_online:
      return "t_online";
    case provider::spamhaus:
      return "spamhaus";
    case provider::barracuda:
      return "barracuda";
    case provider::spamcop:
      return "spamcop";
  }
  return {};
}

constexpr provider detect_provider(std::string_view text, std::string_view remote_host) noexcept {
  return detail::detect(detail::scan_text(text), remote_host);
}

namespace detail {

/// The phrase checks of one find_provider_code call: the text's pair set is computed on the
/// first phrase that needs it.
struct phrase_checker {
  std::string_view text;
  pair_set pairs;
  int searches = 0;  ///< Phrase searches so far; the pair set is built for the third.

  [[nodiscard]] constexpr bool found(std::size_t index) noexcept {
    const provider_code_info& e = provider_code_table[index];
    if (e.phrase.empty()) return true;
    if (searches == 2) pairs = text_pairs(text);
    if (searches++ >= 2 && !pairs.covers(provider_entry_facts.fact[index].pairs)) return false;
    return icontains(text, e.phrase);
  }
};

struct best_match {
  const provider_code_info* entry = nullptr;
  int score = -1;

  constexpr void offer(std::size_t index, int s) noexcept {
    if (s > score) {
      entry = &provider_code_table[index];
      score = s;
    }
  }
};

constexpr void match_span(const status_span& span, provider who, phrase_checker& phrases,
                          best_match& best) noexcept {
  const provider_code_info& e = provider_code_table[span.entry];
  if (!span.names_provider && e.who != who) return;
  const int score = (span.first == span.last ? 32 : 16) + (e.phrase.empty() ? 0 : 64);
  if (score <= best.score || !phrases.found(span.entry)) return;
  best.offer(span.entry, score);
}

}  // namespace detail

constexpr provider_match match_provider(std::optional<reply_code> code,
                                        std::optional<enhanced_status> enhanced,
                                        std::string_view text,
                                        std::string_view remote_host) noexcept {
  // The basic code adds nothing the enhanced code and the text do not already say; entries are
  // keyed on those. It is part of the signature so that callers pass what they have.
  static_cast<void>(code);
  const detail::scan_result scan = detail::scan_text(text);
  const provider who = detail::detect(scan, remote_host);
  detail::best_match best;
  best.entry = scan.token;
  best.score = scan.token_score;
  detail::phrase_checker phrases{text, {}, 0};

  std::uint32_t keys[5] = {};
  std::size_t count = 0;
  if (enhanced && enhanced->is_well_formed()) keys[count++] = detail::status_key(*enhanced);
  for (std::size_t i = 0; i < scan.code_count; ++i) {
    bool seen = false;
    for (std::size_t k = 0; k < count; ++k) seen = seen || keys[k] == scan.code_keys[i];
    if (!seen) keys[count++] = scan.code_keys[i];
  }
  for (std::size_t c = 0; c < count; ++c) {
    const std::uint32_t key = keys[c];
    for (std::size_t i = detail::first_exact_span(key);
         i < detail::exact_span_count && detail::exact_spans.span[i].first == key; ++i) {
      detail::match_span(detail::exact_spans.span[i], who, phrases, best);
    }
    for (const auto& span : detail::range_spans.span) {
      if (key >= span.first && key <= span.last) detail::match_span(span, who, phrases, best);
    }
  }
  if (who != provider::none && best.score < 64) {
    for (const std::uint16_t index : detail::phrase_only_entries.entry) {
      if (detail::provider_code_table[index].who != who || !phrases.found(index)) continue;
      best.offer(index, 64);
      break;
    }
  }
  return provider_match{who, best.entry};
}

constexpr const provider_code_info* find_provider_code(std::optional<reply_code> code,
                                                       std::optional<enhanced_status> enhanced,
                                                       std::string_view text,
                                                       std::string_view remote_host) noexcept {
  return match_provider(code, enhanced, text, remote_host).entry;
}

constexpr const provider_code_info* lookup_provider_code(std::string_view token) noexcept {
  while (!token.empty() && (token.front() == ' ' || token.front() == '[' || token.front() == '(')) {
    token.remove_prefix(1);
  }
  while (!token.empty() && (token.back() == ' ' || token.back() == ']' || token.back() == ')')) {
    token.remove_suffix(1);
  }
  if (token.empty()) return nullptr;
  if (const auto s = parse_enhanced_status(token)) {
    if (is_registered_enhanced_status(*s)) return nullptr;
    const std::uint32_t key = detail::status_key(*s);
    const provider_code_info* found = nullptr;
    bool found_exact = false;
    const auto consider = [&](const detail::status_span& span) {
      const provider_code_info& e = detail::provider_code_table[span.entry];
      if (found != nullptr && found->who != e.who) return false;
      const bool exact = span.first == span.last && e.phrase.empty();
      if (found == nullptr || (exact && !found_exact)) {
        found = &e;
        found_exact = exact;
      }
      return true;
    };
    for (std::size_t i = detail::first_exact_span(key);
         i < detail::exact_span_count && detail::exact_spans.span[i].first == key; ++i) {
      if (!consider(detail::exact_spans.span[i])) return nullptr;
    }
    for (const auto& span : detail::range_spans.span) {
      if (key >= span.first && key <= span.last && !consider(span)) return nullptr;
    }
    return found;
  }
  if (detail::is_dotted_token(token)) {
    for (const auto& s : detail::dotted_words.slot) {
      if (s.entry >= 0 && detail::iequals(s.word, token)) {
        return &detail::provider_code_table[static_cast<std::size_t>(s.entry)];
      }
    }
    return nullptr;
  }
  const detail::word_slot* s = detail::find_plain_word(token);
  if (s == nullptr || s->entry < 0) return nullptr;
  return &detail::provider_code_table[static_cast<std::size_t>(s->entry)];
}

constexpr table_range<provider_code_info> provider_codes() noexcept {
  return {std::begin(detail::provider_code_table), std::end(detail::provider_code_table)};
}

}  // namespace smtpcodes

#endif  // SMTPCODES_PROVIDERS_HPP
