/**
 * @file limits.hpp
 * @brief Every limit the SMTP RFCs set, named once with the section that sets it.
 *
 * Options that take a length or a count use 0 for "no limit" (see `no_limit`).
 * Includes only config.hpp.
 */
#ifndef SMTPCODES_LIMITS_HPP
#define SMTPCODES_LIMITS_HPP

#include <cstddef>
#include <cstdint>

#include "config.hpp"

namespace smtpcodes {

/// The value of a length or count option that means "no limit".
inline constexpr std::size_t no_limit = 0;

/// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets, counting CRLF.
inline constexpr std::size_t command_line_limit = 512;
/// RFC 5321 §4.5.3.1.5: a reply line is at most 512 octets, counting CRLF.
inline constexpr std::size_t reply_line_limit = 512;
/// RFC 5321 §4.5.3.1.6: a text line (message data) is at most 1000 octets, counting CRLF.
inline constexpr std::size_t text_line_limit = 1000;
/// RFC 5321 §4.5.3.1.1: a local part is at most 64 octets.
inline constexpr std::size_t local_part_limit = 64;
/// RFC 5321 §4.5.3.1.2: a domain is at most 255 octets.
inline constexpr std::size_t domain_limit = 255;
/// RFC 5321 §4.5.3.1.3: a reverse- or forward-path is at most 256 octets, punctuation included.
inline constexpr std::size_t path_limit = 256;
/// RFC 5321 §4.5.3.1.8: a server must accept at least 100 recipients per message.
inline constexpr std::size_t min_recipients_limit = 100;
/// RFC 3461 §4.4: an ENVID value is at most 100 octets (before xtext decoding).
inline constexpr std::size_t envid_limit = 100;
/// RFC 4422 §3.1: a SASL mechanism name is 1 to 20 characters.
inline constexpr std::size_t sasl_mechanism_limit = 20;
// RFC 5321 §4.5.3.2: timeouts, in seconds. The sessions keep no clock; callers time the wait.
/// §4.5.3.2.7: a server should wait at least 5 minutes for the next command.
inline constexpr std::uint32_t server_timeout_seconds = 300;
/// §4.5.3.2.1-§4.5.3.2.6: how long a client waits for each reply (a server that takes longer
/// risks the client giving up).
inline constexpr std::uint32_t greeting_timeout_seconds = 300;          ///< §4.5.3.2.1
inline constexpr std::uint32_t mail_timeout_seconds = 300;              ///< §4.5.3.2.2
inline constexpr std::uint32_t rcpt_timeout_seconds = 300;              ///< §4.5.3.2.3
inline constexpr std::uint32_t data_initiation_timeout_seconds = 120;   ///< §4.5.3.2.4
inline constexpr std::uint32_t data_block_timeout_seconds = 180;        ///< §4.5.3.2.5
inline constexpr std::uint32_t data_termination_timeout_seconds = 600;  ///< §4.5.3.2.6

/// Digits of the largest 64-bit unsigned number (2^64 - 1): the longest number we parse.
inline constexpr std::size_t max_uint64_digits = 20;

}  // namespace smtpcodes

#endif  // SMTPCODES_LIMITS_HPP
