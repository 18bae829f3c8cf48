/**
 * @file command_verb.hpp
 * @brief The SMTP command verbs (RFC 5321 §4.1 and the extensions) as an enumeration, with their
 *        spelling. A value type: the command parser (command.hpp) and the command → reply table
 *        (reply_table.hpp) both use it.
 *
 * Includes only config.hpp and the standard library. Never allocates, never throws.
 */
#ifndef SMTPCODES_COMMAND_VERB_HPP
#define SMTPCODES_COMMAND_VERB_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"

namespace smtpcodes {

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
[[nodiscard]] constexpr std::string_view to_string(command_verb v) noexcept {
  constexpr std::string_view names[] = {"",         "HELO", "EHLO", "LHLO", "MAIL", "RCPT", "DATA",
                                        "BDAT",     "RSET", "VRFY", "EXPN", "HELP", "NOOP", "QUIT",
                                        "STARTTLS", "AUTH", "ETRN", "ATRN", "BURL"};
  return names[static_cast<std::size_t>(v)];
}

}  // namespace smtpcodes

#endif  // SMTPCODES_COMMAND_VERB_HPP
