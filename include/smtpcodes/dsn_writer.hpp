/**
 * @file dsn_writer.hpp
 * @brief Writes a delivery status notification: a multipart/report (RFC 6522) holding a
 *        text/plain part for people, a message/delivery-status part (RFC 3464; or
 *        message/global-delivery-status, RFC 6533) and, when given, the returned message or
 *        its header (message/rfc822 or text/rfc822-headers). Every line ends in CRLF.
 *
 * `write_dsn` checks every input, writes into the caller's buffer, then reads what it wrote
 * with `parse_dsn` and keeps it only when From, Subject and every status field read back as
 * given (To, Date and Message-ID are checked for line breaks only). Its `write_result`
 * names the input at fault by `part` (see `dsn_part` and `dsn_recipient_part`) and the octet
 * inside that input by `offset`.
 *
 * What the buffer holds after a refusal: nothing was written for `output_too_small` and for
 * every error found in the inputs; when the written message did not read back as given, every
 * octet written is overwritten with NUL and `size` is 0.
 *
 * Includes dsn.hpp, enhanced_status.hpp, error.hpp, result.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_DSN_WRITER_HPP
#define SMTPCODES_DSN_WRITER_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "dsn.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "result.hpp"

namespace smtpcodes {

/// One recipient group to write (RFC 3464 §2.3). Optional fields are left out when empty.
struct dsn_recipient_to_write {
  std::string_view final_recipient;  ///< The address, required (Final-Recipient, §2.3.2).
  std::string_view final_recipient_type = "rfc822";  ///< address-type; "utf-8" (RFC 6533 §3).
  std::string_view original_recipient;  ///< Original-Recipient (§2.3.1), as ORCPT gave it.
  std::string_view original_recipient_type = "rfc822";
  dsn_action action = dsn_action::failed;  ///< Required; `unknown` is refused.
  enhanced_status status;                  ///< Required, well-formed (§2.3.4).
  std::string_view remote_mta;             ///< A host name, written "dns; NAME" (§2.3.5).
  std::string_view diagnostic_code;        ///< The reply, one line: written "smtp; TEXT" (§2.3.6).
  std::string_view last_attempt_date;      ///< An RFC 5322 date-time (§2.3.7).
  std::string_view will_retry_until;       ///< An RFC 5322 date-time (§2.3.9), for `delayed`.
  std::string_view final_log_id;           ///< §2.3.8.
};

/// The whole notification. Top-level header fields are left out when empty.
struct dsn_to_write {
  std::string_view from;        ///< From, e.g. "MAILER-DAEMON@mx.example.com".
  std::string_view to;          ///< To: the envelope sender of the returned message.
  std::string_view subject;     ///< Subject.
  std::string_view date;        ///< Date, an RFC 5322 date-time.
  std::string_view message_id;  ///< Message-ID, with its angle brackets.
  /// RFC 2046 §5.1.1 boundary: 1 to 70 of DIGIT, ALPHA, "'()+_,-./:=?" and SP (not last).
  /// Empty: one is made from a hash of the content, retried until it occurs in no content.
  std::string_view boundary;
  std::string_view reporting_mta;  ///< Required host name: "Reporting-MTA: dns; NAME" (§2.2.2).
  std::string_view original_envelope_id;  ///< Original-Envelope-Id (§2.2.1).
  std::string_view received_from_mta;     ///< "Received-From-MTA: dns; NAME" (§2.2.4).
  std::string_view arrival_date;          ///< Arrival-Date (§2.2.5).
  /// The text for people: lines end in LF or CRLF (written as CRLF), at most 998 octets each;
  /// UTF-8 allowed (then sent as 8bit, charset=utf-8).
  std::string_view human_text;
  const dsn_recipient_to_write* recipients = nullptr;  ///< At least one.
  std::size_t recipient_count = 0;
  /// The returned message (or its header when `returned_headers_only`); empty: no third part.
  /// Same line rules as `human_text`.
  std::string_view returned;
  bool returned_headers_only = true;  ///< text/rfc822-headers rather than message/rfc822.
  /// Write message/global-delivery-status (RFC 6533 §4, §6.4): status fields and the top-level
  /// header may then hold UTF-8. Otherwise 8-bit octets there are refused.
  bool global = false;
};

/// `write_result::part` for the top-level inputs.
enum dsn_part : std::size_t {
  dsn_part_from = 0,
  dsn_part_to = 1,
  dsn_part_subject = 2,
  dsn_part_date = 3,
  dsn_part_message_id = 4,
  dsn_part_boundary = 5,
  dsn_part_reporting_mta = 6,
  dsn_part_original_envelope_id = 7,
  dsn_part_received_from_mta = 8,
  dsn_part_arrival_date = 9,
  dsn_part_human_text = 10,
  dsn_part_returned = 11,
  dsn_part_recipients = 12,  ///< No recipient (`recipient_count` 0 or `recipients` null).
};

/// Fields of a recipient, for `dsn_recipient_part`.
enum dsn_recipient_field : std::size_t {
  dsn_field_final_recipient = 0,
  dsn_field_final_recipient_type = 1,
  dsn_field_original_recipient = 2,
  dsn_field_original_recipient_type = 3,
  dsn_field_action = 4,
  dsn_field_status = 5,
  dsn_field_remote_mta = 6,
  dsn_field_diagnostic_code = 7,
  dsn_field_last_attempt_date = 8,
  dsn_field_will_retry_until = 9,
  dsn_field_final_log_id = 10,
};

/// The `part` of recipient `index`'s `field`: 16 + 16 * index + field.
[[nodiscard]] constexpr std::size_t dsn_recipient_part(std::size_t index,
                                                       dsn_recipient_field field) noexcept {
  return 16 + 16 * index + static_cast<std::size_t>(field);
}

namespace detail {

/// RFC 5322 §2.1.1: a line holds at most 998 octets before its CRLF.
inline constexpr std::size_t dsn_line_limit = 998;

/// Counts, or writes when `out` is set.
struct dsn_sink {
  char* out = nullptr;
  std::size_t n = 0;
  constexpr void put(std::string_view s) noexcept {
    if (out != nullptr) {
      for (std::size_t i = 0; i < s.size(); ++i) out[n + i] = s[i];
    }
    n += s.size();
  }
  constexpr void put(char c) noexcept {
    if (out != nullptr) out[n] = c;
    ++n;
  }
};

/// A one-line value: no CR or LF, no other control but HT, 8-bit only when allowed, and the
/// line it makes ("Name: " + prefix + value) within 998 octets.
[[nodiscard]] constexpr write_result dsn_check_value(std::string_view v, std::size_t part,
                                                     std::size_t line_prefix,
                                                     bool allow_8bit) noexcept {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const auto u = static_cast<unsigned char>(v[i]);
    if (u == '\r' || u == '\n') return {errc::line_break_in_text, 0, i, part};
    if ((u < 32 && u != '\t') || u == 127) return {errc::invalid_octet, 0, i, part};
    if (u >= 0x80 && !allow_8bit) return {errc::invalid_octet, 0, i, part};
  }
  if (line_prefix + v.size() > dsn_line_limit) {
    const std::size_t at = line_prefix >= dsn_line_limit ? 0 : dsn_line_limit - line_prefix;
    return {errc::line_too_long, 0, at, part};
  }
  return {};
}

/// An atom (RFC 5322 §3.2.3), for the address and MTA-name types of RFC 3464 §2.1.2.
[[nodiscard]] constexpr write_result dsn_check_atom(std::string_view v, std::size_t part) noexcept {
  if (v.empty()) return {errc::bad_argument, 0, 0, part};
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!is_atext(v[i])) return {errc::bad_argument, 0, i, part};
  }
  return {};
}

/// Multi-line text: LF or CRLF line ends, no bare CR, no NUL, lines within 998 octets.
/// `eight_bit` tells whether an octet above 127 occurs.
[[nodiscard]] constexpr write_result dsn_check_text(std::string_view t, std::size_t part,
                                                    bool& eight_bit) noexcept {
  std::size_t line = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto u = static_cast<unsigned char>(t[i]);
    if (u == '\r') {
      if (i + 1 >= t.size() || t[i + 1] != '\n') return {errc::bare_cr, 0, i, part};
      continue;
    }
    if (u == '\n') {
      line = 0;
      continue;
    }
    if (u == 0) return {errc::invalid_octet, 0, i, part};
    if (u >= 0x80) eight_bit = true;
    if (++line > dsn_line_limit) return {errc::line_too_long, 0, i, part};
  }
  return {};
}

/// Writes multi-line text with every line end as CRLF.
constexpr void dsn_put_text(dsn_sink& s, std::string_view t) noexcept {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n' && (i == 0 || t[i - 1] != '\r')) s.put('\r');
    s.put(t[i]);
  }
}

/// RFC 2046 §5.1.1 bchars.
[[nodiscard]] constexpr bool dsn_bchar(char c) noexcept {
  return is_alnum_ascii(c) || find_char("'()+_,-./:=? ", c) != std::string_view::npos;
}

[[nodiscard]] constexpr write_result dsn_check_boundary(std::string_view b) noexcept {
  if (b.empty() || b.size() > 70) return {errc::bad_argument, 0, b.size(), dsn_part_boundary};
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!dsn_bchar(b[i])) return {errc::bad_argument, 0, i, dsn_part_boundary};
  }
  if (b.back() == ' ') return {errc::bad_argument, 0, b.size() - 1, dsn_part_boundary};
  return {};
}

/// FNV-1a, 64 bits: the seed of a made boundary.
[[nodiscard]] constexpr std::uint64_t dsn_hash(std::uint64_t h, std::string_view s) noexcept {
  for (const char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

/// Everything the writer writes, in order; counted with a null sink, written with a real one.
constexpr void dsn_put_all(dsn_sink& s, const dsn_to_write& d, std::string_view boundary,
                           bool human_8bit, bool returned_8bit) noexcept {
  auto field = [&s](std::string_view name, std::string_view value) {
    if (value.empty()) return;
    s.put(name);
    s.put(": ");
    s.put(value);
    s.put("\r\n");
  };
  auto typed = [&s](std::string_view name, std::string_view type, std::string_view value) {
    if (value.empty()) return;
    s.put(name);
    s.put(": ");
    s.put(type);
    s.put("; ");
    s.put(value);
    s.put("\r\n");
  };
  field("From", d.from);
  field("To", d.to);
  field("Subject", d.subject);
  field("Date", d.date);
  field("Message-ID", d.message_id);
  s.put("MIME-Version: 1.0\r\n");
  s.put(d.global ? "Content-Type: multipart/report; report-type=global-delivery-status;\r\n"
                 : "Content-Type: multipart/report; report-type=delivery-status;\r\n");
  s.put("\tboundary=\"");
  s.put(boundary);
  s.put("\"\r\n");
  // A DSN answers a message: IANA's Auto-Submitted registry (RFC 3834 §5) calls that
  // "auto-replied".
  s.put("Auto-Submitted: auto-replied\r\n\r\n");
  s.put("--");
  s.put(boundary);
  s.put(human_8bit ? "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Content-Transfer-Encoding: 8bit\r\n\r\n"
                   : "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n");
  dsn_put_text(s, d.human_text);
  s.put("\r\n--");
  s.put(boundary);
  s.put(d.global ? "\r\nContent-Type: message/global-delivery-status\r\n\r\n"
                 : "\r\nContent-Type: message/delivery-status\r\n\r\n");
  typed("Reporting-MTA", "dns", d.reporting_mta);
  field("Original-Envelope-Id", d.original_envelope_id);
  typed("Received-From-MTA", "dns", d.received_from_mta);
  field("Arrival-Date", d.arrival_date);
  for (std::size_t i = 0; i < d.recipient_count; ++i) {
    const dsn_recipient_to_write& r = d.recipients[i];
    s.put("\r\n");
    typed("Original-Recipient", r.original_recipient_type, r.original_recipient);
    typed("Final-Recipient", r.final_recipient_type, r.final_recipient);
    field("Action", to_string(r.action));
    field("Status", to_text(r.status).view());
    typed("Remote-MTA", "dns", r.remote_mta);
    typed("Diagnostic-Code", "smtp", r.diagnostic_code);
    field("Last-Attempt-Date", r.last_attempt_date);
    field("Final-Log-ID", r.final_log_id);
    field("Will-Retry-Until", r.will_retry_until);
  }
  // The last field's CRLF is the one that belongs to the delimiter (RFC 2046 §5.1.1).
  if (!d.returned.empty()) {
    s.put("--");
    s.put(boundary);
    s.put(d.returned_headers_only ? "\r\nContent-Type: text/rfc822-headers\r\n"
                                  : "\r\nContent-Type: message/rfc822\r\n");
    if (returned_8bit) s.put("Content-Transfer-Encoding: 8bit\r\n");
    s.put("\r\n");
    dsn_put_text(s, d.returned);
    s.put("\r\n");
  }
  s.put("--");
  s.put(boundary);
  s.put("--\r\n");
}

/// `a` read back as `b`.
[[nodiscard]] constexpr bool dsn_same_typed(const dsn_typed_field& got, std::string_view type,
                                            std::string_view value) noexcept {
  if (value.empty()) return !got.present;
  return got.present && got.type == type && got.value == value;
}

/// The checks of one recipient's fields (see `write_dsn`).
[[nodiscard]] constexpr write_result dsn_check_recipient(const dsn_recipient_to_write& r,
                                                         std::size_t i, bool g) noexcept {
  auto part = [i](dsn_recipient_field f) { return dsn_recipient_part(i, f); };
  if (r.final_recipient.empty()) return {errc::bad_argument, 0, 0, part(dsn_field_final_recipient)};
  // Each prefix is "Name: " (with "type; " for typed fields), counted toward the 998 octets.
  const write_result e[] = {
      dsn_check_atom(r.final_recipient_type, part(dsn_field_final_recipient_type)),
      dsn_check_value(r.final_recipient, part(dsn_field_final_recipient),
                      19 + r.final_recipient_type.size(), g),
      r.original_recipient.empty()
          ? write_result{}
          : dsn_check_atom(r.original_recipient_type, part(dsn_field_original_recipient_type)),
      dsn_check_value(r.original_recipient, part(dsn_field_original_recipient),
                      22 + r.original_recipient_type.size(), g),
      dsn_check_value(r.remote_mta, part(dsn_field_remote_mta), 17, g),
      dsn_check_value(r.diagnostic_code, part(dsn_field_diagnostic_code), 23, g),
      dsn_check_value(r.last_attempt_date, part(dsn_field_last_attempt_date), 19, false),
      dsn_check_value(r.will_retry_until, part(dsn_field_will_retry_until), 18, false),
      dsn_check_value(r.final_log_id, part(dsn_field_final_log_id), 14, g)};
  for (const write_result& x : e) {
    if (x.failed()) return x;
  }
  if (r.action == dsn_action::unknown || static_cast<unsigned>(r.action) > 5)
    return {errc::bad_argument, 0, 0, part(dsn_field_action)};
  if (!r.status.is_well_formed()) return {errc::bad_argument, 0, 0, part(dsn_field_status)};
  return {};
}

/// Every check of the inputs that comes before writing; tells whether the texts hold 8-bit.
[[nodiscard]] constexpr write_result dsn_check_inputs(const dsn_to_write& dsn, bool& human_8bit,
                                                      bool& returned_8bit) noexcept {
  const bool g = dsn.global;
  const write_result e[] = {
      dsn_check_value(dsn.from, dsn_part_from, 6, g),
      dsn_check_value(dsn.to, dsn_part_to, 4, g),
      dsn_check_value(dsn.subject, dsn_part_subject, 9, g),
      dsn_check_value(dsn.date, dsn_part_date, 6, g),
      dsn_check_value(dsn.message_id, dsn_part_message_id, 12, g),
      dsn.boundary.empty() ? write_result{} : dsn_check_boundary(dsn.boundary),
      dsn.reporting_mta.empty() ? write_result{errc::bad_argument, 0, 0, dsn_part_reporting_mta}
                                : dsn_check_value(dsn.reporting_mta, dsn_part_reporting_mta, 20, g),
      dsn_check_value(dsn.original_envelope_id, dsn_part_original_envelope_id, 22, false),
      dsn_check_value(dsn.received_from_mta, dsn_part_received_from_mta, 24, g),
      dsn_check_value(dsn.arrival_date, dsn_part_arrival_date, 14, false),
      dsn_check_text(dsn.human_text, dsn_part_human_text, human_8bit),
      dsn_check_text(dsn.returned, dsn_part_returned, returned_8bit)};
  for (const write_result& x : e) {
    if (x.failed()) return x;
  }
  if (dsn.recipient_count == 0 || dsn.recipients == nullptr)
    return {errc::bad_argument, 0, 0, dsn_part_recipients};
  for (std::size_t i = 0; i < dsn.recipient_count; ++i) {
    const write_result x = dsn_check_recipient(dsn.recipients[i], i, g);
    if (x.failed()) return x;
  }
  return {};
}

/// Where boundary `b` occurs in the multi-line texts, as a refusal; no error when nowhere.
[[nodiscard]] constexpr write_result dsn_boundary_clash(const dsn_to_write& dsn,
                                                        std::string_view b) noexcept {
  const std::size_t h = dsn.human_text.find(b);
  if (h != std::string_view::npos) return {errc::boundary_in_content, 0, h, dsn_part_human_text};
  const std::size_t r = dsn.returned.find(b);
  if (r != std::string_view::npos) return {errc::boundary_in_content, 0, r, dsn_part_returned};
  return {};
}

/// A boundary for `dsn`: "=_smtpcodes_" and 16 hex digits of a hash of the content, hashed
/// again (up to 16 times) while the content holds it. Written into `made`.
[[nodiscard]] constexpr write_result dsn_make_boundary(const dsn_to_write& dsn, char (&made)[32],
                                                       std::string_view& boundary) noexcept {
  std::uint64_t h = 14695981039346656037ULL;
  h = dsn_hash(h, dsn.human_text);
  h = dsn_hash(h, dsn.returned);
  h = dsn_hash(h, dsn.reporting_mta);
  write_result clash{};
  for (unsigned attempt = 0; attempt < 16; ++attempt) {
    const std::string_view prefix = "=_smtpcodes_";
    std::size_t n = 0;
    for (const char c : prefix) made[n++] = c;
    std::uint64_t v = h;
    for (int k = 0; k < 16; ++k) {
      made[n++] = "0123456789abcdef"[v & 0xF];
      v >>= 4;
    }
    boundary = std::string_view(made, n);
    clash = dsn_boundary_clash(dsn, boundary);
    if (clash.ok()) return clash;
    h = dsn_hash(h * 31 + attempt + 1, boundary);
  }
  return clash;
}

/// The field of `dsn` that `back` (the parse of what was written) does not give back, as
/// {bad_argument, part}; the parser's own error with part 0; no error when all agree.
[[nodiscard]] constexpr write_result dsn_read_back(const dsn_to_write& dsn,
                                                   const dsn_result& back) noexcept {
  auto refuse = [](std::size_t part) { return write_result{errc::bad_argument, 0, 0, part}; };
  if (back.failed()) return {back.error, 0, 0, 0};
  if (back.kind != message_kind::dsn || back.global != dsn.global) return refuse(0);
  if (back.from != dsn.from) return refuse(dsn_part_from);
  if (back.subject != dsn.subject) return refuse(dsn_part_subject);
  if (!dsn_same_typed(back.reporting_mta, "dns", dsn.reporting_mta))
    return refuse(dsn_part_reporting_mta);
  if (back.original_envelope_id != dsn.original_envelope_id)
    return refuse(dsn_part_original_envelope_id);
  if (!dsn_same_typed(back.received_from_mta, "dns", dsn.received_from_mta))
    return refuse(dsn_part_received_from_mta);
  if (back.arrival_date != dsn.arrival_date) return refuse(dsn_part_arrival_date);
  if (back.recipient_count != dsn.recipient_count) return refuse(dsn_part_recipients);
  std::size_t i = 0;
  for (const dsn_recipient& got : back.recipients()) {
    const dsn_recipient_to_write& want = dsn.recipients[i];
    auto part = [i](dsn_recipient_field f) { return dsn_recipient_part(i, f); };
    if (!dsn_same_typed(got.final_recipient, want.final_recipient_type, want.final_recipient))
      return refuse(part(dsn_field_final_recipient));
    if (!dsn_same_typed(got.original_recipient, want.original_recipient_type,
                        want.original_recipient))
      return refuse(part(dsn_field_original_recipient));
    if (got.action != want.action) return refuse(part(dsn_field_action));
    if (!got.status || *got.status != want.status) return refuse(part(dsn_field_status));
    if (!dsn_same_typed(got.remote_mta, "dns", want.remote_mta))
      return refuse(part(dsn_field_remote_mta));
    if (!dsn_same_typed(got.diagnostic_code, "smtp", want.diagnostic_code))
      return refuse(part(dsn_field_diagnostic_code));
    if (got.last_attempt_date != want.last_attempt_date)
      return refuse(part(dsn_field_last_attempt_date));
    if (got.will_retry_until != want.will_retry_until)
      return refuse(part(dsn_field_will_retry_until));
    if (got.final_log_id != want.final_log_id) return refuse(part(dsn_field_final_log_id));
    ++i;
  }
  return {};
}

}  // namespace detail

/**
 * Writes `dsn` into `out` (capacity `capacity`) as a whole message, CRLF line ends.
 * Errors, checked in this order (the first found is returned):
 *  - `line_break_in_text` (CR or LF in a one-line field), `invalid_octet` (another control
 *    octet; an 8-bit octet in a field without `global`; NUL in a text), `bare_cr` (a CR not
 *    before LF in a text), `line_too_long` (a line over 998 octets, RFC 5322 §2.1.1), each with
 *    the part and offset;
 *  - `bad_argument`: no recipient (`dsn_part_recipients`), an empty `reporting_mta` or
 *    `final_recipient`, an address type that is not an atom, `action` unknown, a status that is
 *    not well-formed, a boundary outside RFC 2046 §5.1.1;
 *  - `boundary_in_content`: the boundary given occurs in `human_text` or `returned` (part and
 *    offset of the occurrence); a made boundary that could not avoid them;
 *  - `output_too_small`: `size` is the capacity needed;
 *  - the written message did not read back (the parser's error with `part` and `offset` 0, or
 *    `bad_argument` with the part whose field read back otherwise, e.g. a value with leading
 *    white space).
 * On success `size` is the message's length.
 */
[[nodiscard]] constexpr write_result write_dsn(const dsn_to_write& dsn, char* out,
                                               std::size_t capacity) noexcept {
  bool human_8bit = false;
  bool returned_8bit = false;
  const write_result bad = detail::dsn_check_inputs(dsn, human_8bit, returned_8bit);
  if (bad.failed()) return bad;

  // The boundary: given (and then refused if the content holds it), or made.
  char made[32] = {};
  std::string_view boundary = dsn.boundary;
  const write_result clash = boundary.empty() ? detail::dsn_make_boundary(dsn, made, boundary)
                                              : detail::dsn_boundary_clash(dsn, boundary);
  if (clash.failed()) return clash;

  detail::dsn_sink count;
  detail::dsn_put_all(count, dsn, boundary, human_8bit, returned_8bit);
  if (count.n > capacity) return {errc::output_too_small, count.n, 0, 0};
  detail::dsn_sink sink{out, 0};
  detail::dsn_put_all(sink, dsn, boundary, human_8bit, returned_8bit);

  const write_result back =
      detail::dsn_read_back(dsn, parse_dsn(std::string_view(out, sink.n), nullptr, 0));
  if (back.ok()) return {errc{}, sink.n, 0, 0};
  for (std::size_t i = 0; i < sink.n; ++i) out[i] = '\0';
  return back;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_DSN_WRITER_HPP
