/**
 * @file error.hpp
 * @brief The `errc` enum: every error the parsers, codec and writers can report, and its name.
 *
 * Values start at 1 and are only ever appended, never renumbered, so they are stable across
 * versions. Includes config.hpp only.
 */
#ifndef SMTPCODES_ERROR_HPP
#define SMTPCODES_ERROR_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"

namespace smtpcodes {

/// What went wrong. Each error is reported with the byte offset where it was found.
enum class errc : std::uint8_t {
  // Line framing (line.hpp).
  line_too_long = 1,      ///< A line exceeds its limit (RFC 5321 §4.5.3.1), counting CRLF.
  bare_lf = 2,            ///< LF without CR before it (RFC 5321 §2.3.8).
  bare_cr = 3,            ///< CR not followed by LF (RFC 5321 §2.3.8).
  invalid_octet = 4,      ///< NUL, another control character, DEL, or an 8-bit octet not allowed.
  unterminated_line = 5,  ///< Input ended inside a line (`finish`).
  // Replies (reply.hpp).
  bad_reply_code = 6,           ///< A reply line does not start with a well-formed code (§4.2).
  bad_reply_separator = 7,      ///< The octet after the code is not SP, "-" or the line end.
  inconsistent_reply_code = 8,  ///< A line of a multi-line reply carries another code (§4.2.1).
  inconsistent_enhanced_status = 9,  ///< Lines carry different enhanced codes (RFC 2034 §4).
  too_many_reply_lines = 10,         ///< More lines in one reply than the configured bound.
  // Writers.
  output_too_small = 11,    ///< The caller's output buffer cannot hold the result.
  line_break_in_text = 12,  ///< CR or LF inside text given to a writer (would inject a line).
  bad_argument = 13,        ///< A writer was given an invalid code or value.
  // EHLO (ehlo.hpp).
  bad_ehlo_reply = 14,      ///< Not a 250 reply, or no domain on its first line.
  bad_ehlo_keyword = 15,    ///< A capability keyword outside RFC 5321 §4.1.1.1's grammar.
  bad_ehlo_parameter = 16,  ///< A malformed capability parameter (control octet, bad number).
  // DATA codec (dot_codec.hpp).
  message_too_large = 17,  ///< The decoded message exceeds the configured size (answer 552).
  unterminated_data = 18,  ///< Input ended before CR LF "." CR LF.
  // Commands (command.hpp).
  bad_command_syntax = 19,          ///< The arguments do not match the command's grammar.
  bad_path = 20,                    ///< A MAIL or RCPT path breaks RFC 5321 §4.1.2.
  path_too_long = 21,               ///< Path, local part or domain over RFC 5321 §4.5.3.1 limits.
  bad_esmtp_parameter = 22,         ///< A malformed parameter keyword or value.
  duplicate_esmtp_parameter = 23,   ///< The same parameter given twice.
  non_ascii_without_smtputf8 = 24,  ///< An octet above 127 where SMTPUTF8 is not in play.
  bad_xtext = 25,                   ///< Malformed xtext (RFC 3461 §4).
  too_many_parameters = 26,         ///< More ESMTP parameters than `max_parameters`.
  // Values are only ever appended: a value, once released, keeps its meaning.
  input_shrank = 27,  ///< `feed` got fewer octets than an earlier call had already examined.
  // Messages and delivery status notifications (dsn.hpp, dsn_writer.hpp).
  bad_mime_header = 28,         ///< A header line that is neither a field nor a continuation.
  header_too_large = 29,        ///< A header block or one field over the configured size.
  bad_content_type = 30,        ///< A malformed Content-Type (RFC 2045 §5.1).
  missing_boundary = 31,        ///< A multipart entity without a boundary (RFC 2046 §5.1.1).
  unterminated_multipart = 32,  ///< No delimiter, or no close delimiter (RFC 2046 §5.1.1).
  mime_too_deep = 33,           ///< Multipart entities nested deeper than the configured bound.
  bad_transfer_encoding = 34,   ///< Unknown Content-Transfer-Encoding or malformed base64 / QP.
  scratch_too_small = 35,       ///< The scratch buffer cannot hold the decoded parts.
  missing_status_part = 36,     ///< A report without its machine-readable part (RFC 6522 §3).
  bad_dsn_field = 37,           ///< A malformed field in a status part (RFC 3464 §2).
  missing_dsn_field = 38,       ///< A required status field or recipient is missing (RFC 3464).
  boundary_in_content = 39,     ///< A writer's boundary occurs inside the content it encloses.
};

/// The enumerator's name, e.g. "bare_lf"; "unknown" for values not in the enum.
constexpr std::string_view to_string(errc e) noexcept {
  switch (e) {
    case errc::line_too_long:
      return "line_too_long";
    case errc::bare_lf:
      return "bare_lf";
    case errc::bare_cr:
      return "bare_cr";
    case errc::invalid_octet:
      return "invalid_octet";
    case errc::unterminated_line:
      return "unterminated_line";
    case errc::bad_reply_code:
      return "bad_reply_code";
    case errc::bad_reply_separator:
      return "bad_reply_separator";
    case errc::inconsistent_reply_code:
      return "inconsistent_reply_code";
    case errc::inconsistent_enhanced_status:
      return "inconsistent_enhanced_status";
    case errc::too_many_reply_lines:
      return "too_many_reply_lines";
    case errc::output_too_small:
      return "output_too_small";
    case errc::line_break_in_text:
      return "line_break_in_text";
    case errc::bad_argument:
      return "bad_argument";
    case errc::bad_ehlo_reply:
      return "bad_ehlo_reply";
    case errc::bad_ehlo_keyword:
      return "bad_ehlo_keyword";
    case errc::bad_ehlo_parameter:
      return "bad_ehlo_parameter";
    case errc::message_too_large:
      return "message_too_large";
    case errc::unterminated_data:
      return "unterminated_data";
    case errc::bad_command_syntax:
      return "bad_command_syntax";
    case errc::bad_path:
      return "bad_path";
    case errc::path_too_long:
      return "path_too_long";
    case errc::bad_esmtp_parameter:
      return "bad_esmtp_parameter";
    case errc::duplicate_esmtp_parameter:
      return "duplicate_esmtp_parameter";
    case errc::non_ascii_without_smtputf8:
      return "non_ascii_without_smtputf8";
    case errc::bad_xtext:
      return "bad_xtext";
    case errc::too_many_parameters:
      return "too_many_parameters";
    case errc::input_shrank:
      return "input_shrank";
    case errc::bad_mime_header:
      return "bad_mime_header";
    case errc::header_too_large:
      return "header_too_large";
    case errc::bad_content_type:
      return "bad_content_type";
    case errc::missing_boundary:
      return "missing_boundary";
    case errc::unterminated_multipart:
      return "unterminated_multipart";
    case errc::mime_too_deep:
      return "mime_too_deep";
    case errc::bad_transfer_encoding:
      return "bad_transfer_encoding";
    case errc::scratch_too_small:
      return "scratch_too_small";
    case errc::missing_status_part:
      return "missing_status_part";
    case errc::bad_dsn_field:
      return "bad_dsn_field";
    case errc::missing_dsn_field:
      return "missing_dsn_field";
    case errc::boundary_in_content:
      return "boundary_in_content";
  }
  return "unknown";
}

/// What an `errc` means in one language: the key and one sentence for people.
struct error_text {
  errc key;
  std::string_view text;
};

namespace detail {
using std::string_view_literals::operator""sv;
// clang-format off
/// In the order of `errc`, from errc(1). Our words.
inline constexpr error_text error_text_table[] = {
#include "detail/error_text_table.inc"
};
// clang-format on
constexpr bool error_texts_in_order() noexcept {
  for (std::size_t i = 0; i < std::size(error_text_table); ++i) {
    if (static_cast<std::size_t>(error_text_table[i].key) != i + 1) return false;
  }
  return true;
}
static_assert(error_texts_in_order(), "error_text_table: one row per errc, in order");
// And no errc after the last row: to_string's switch names every value (-Wswitch says when one
// is missing), so an unnamed value past the table means the table is complete.
static_assert(to_string(static_cast<errc>(std::size(error_text_table) + 1)) == "unknown",
              "error_text_table: an errc has no text (add its row)");
}  // namespace detail

/// One sentence for people: what the error means ("unknown error" for values not in the enum).
constexpr std::string_view describe(errc e) noexcept {
  const std::size_t i = static_cast<std::size_t>(e) - 1;  // errc(0) wraps: not in the table
  return i < std::size(detail::error_text_table) ? detail::error_text_table[i].text
                                                 : std::string_view("unknown error");
}

}  // namespace smtpcodes

#endif  // SMTPCODES_ERROR_HPP
