/**
 * @file classify.hpp
 * @brief Classifies a reply into a bounce reason (bounce_reason.hpp): hard or soft, retry
 *        advice, who must act, a fix, and the evidence that decided it — from a parsed reply,
 *        a reply found in free text, or its parts.
 *
 * Evidence is combined by an ordered constexpr rule table (no regex, no allocation,
 * case-insensitive); the caller's own rules are consulted first.
 */
#ifndef SMTPCODES_CLASSIFY_HPP
#define SMTPCODES_CLASSIFY_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "bounce_reason.hpp"
#include "config.hpp"
#include "enhanced_status.hpp"
#include "find.hpp"
#include "providers.hpp"
#include "reply.hpp"
#include "reply_code.hpp"

namespace smtpcodes {

/// The parts of a reply classify reads. Views need live only for the call.
struct classify_input {
  std::optional<reply_code> code;
  std::optional<enhanced_status> enhanced;
  std::string_view text;
  answered_command command = answered_command::none;
  std::string_view remote_host;  ///< Optional: the host that gave the reply.
};

/// What decided the classification.
enum class classify_evidence : std::uint8_t {
  none,           ///< Nothing matched: `undefined`.
  caller_rule,    ///< One of the caller's rules.
  provider_code,  ///< A provider-specific code or text (providers.hpp).
  phrase,         ///< A phrase in the text.
  enhanced_code,  ///< The enhanced status code.
  basic_code,     ///< The basic reply code (with the command it answered).
};

/// The answer. `info` is never null; `provider_entry` is set when a provider entry matched.
struct [[nodiscard]] classification {
  bounce_reason reason = bounce_reason::undefined;
  bool hard = false;
  retry_advice retry = retry_advice::retry_with_backoff;
  bounce_actor actor = bounce_actor::unknown;
  const bounce_reason_info* info = nullptr;
  provider who = provider::none;
  const provider_code_info* provider_entry = nullptr;
  classify_evidence evidence = classify_evidence::none;
  std::string_view fix;  ///< The provider's fix when one matched, else the reason's.
};

}  // namespace smtpcodes

#endif  // SMTPCODES_CLASSIFY_HPP
