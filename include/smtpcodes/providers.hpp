/**
 * @file providers.hpp
 * @brief What the big receivers' own codes and texts mean (Microsoft 365 / Outlook.com /
 *        Exchange, Gmail / Google Workspace, Yahoo / AOL, Apple iCloud, Yandex, Mail.ru,
 *        GMX / Web.de, Zoho, Proton, Fastmail, Comcast, Orange, T-Online) and the blocklists
 *        named in reply texts (Spamhaus, Barracuda, SpamCop...), each fact with the URL of the
 *        provider's own documentation. Meanings and fixes are our own words.
 *
 * Knowledge layer: includes bounce_reason.hpp, reply_code.hpp, enhanced_status.hpp,
 * detail/ascii.hpp. constexpr, no allocation, no exceptions; matching is case-insensitive.
 */
#ifndef SMTPCODES_PROVIDERS_HPP
#define SMTPCODES_PROVIDERS_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "bounce_reason.hpp"
#include "config.hpp"
#include "detail/ascii.hpp"
#include "enhanced_status.hpp"
#include "reply_code.hpp"

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
 */
struct provider_code_info {
  provider who;
  std::string_view code;
  std::string_view phrase;
  bounce_reason reason;
  std::string_view meaning;
  std::string_view fix;
  std::string_view url;  ///< The provider's documentation of this code.
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
    std::optional<reply_code> code, std::optional<enhanced_status> enhanced,
    std::string_view text, std::string_view remote_host = {}) noexcept;

/**
 * `explain 5.7.606` / `explain TSS04`: the entry for a code token on its own, when a single
 * provider defines it; nullptr otherwise (registered codes with no provider context).
 */
[[nodiscard]] constexpr const provider_code_info* lookup_provider_code(
    std::string_view token) noexcept;

}  // namespace smtpcodes

#endif  // SMTPCODES_PROVIDERS_HPP
