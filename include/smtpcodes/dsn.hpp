/**
 * @file dsn.hpp
 * @brief Reads a whole bounce message held in memory: the RFC 5322 header block, the MIME
 *        structure (RFC 2045, RFC 2046), the multipart/report (RFC 6522) and its
 *        message/delivery-status part (RFC 3464; message/global-delivery-status, RFC 6533), and
 *        tells a DSN from an abuse report (RFC 5965), an automatic reply (RFC 3834) and a bounce
 *        that has no report part, so a bounce handler can route each kind.
 *
 * `parse_dsn(message, scratch, scratch_size)` makes one linear pass over the message. A part
 * sent with Content-Transfer-Encoding base64 or quoted-printable (RFC 2045 §6.7, §6.8) is
 * decoded into the caller's scratch buffer; every view of the result then lies inside the
 * message or inside the first `scratch_used` octets of the scratch, and lives as long as both.
 * Recipients are read lazily from the status part (`dsn_result::recipients()`), so any number
 * of them costs no memory.
 *
 * Lines may end in CRLF or in a bare LF (a message saved to a file), even mixed. Field names
 * are matched without regard to ASCII case. Values are views of the text as written: a folded
 * value keeps its line breaks and the white space that starts each continuation line; leading
 * and trailing white space is trimmed. Quoted-pairs in a quoted parameter value are not undone.
 *
 * Strict on structure (the header syntax, delimiters, required fields, encodings), lenient on
 * field content (unknown Action values, a typed field without its "type;", unknown fields,
 * 8-bit octets), each leniency of structure by a named option in `dsn_options`.
 *
 * Includes config.hpp, error.hpp, enhanced_status.hpp, find.hpp and detail/ascii.hpp. Never
 * allocates, never throws.
 */
#ifndef SMTPCODES_DSN_HPP
#define SMTPCODES_DSN_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "config.hpp"
#include "detail/ascii.hpp"
#include "enhanced_status.hpp"
#include "error.hpp"
#include "find.hpp"

namespace smtpcodes {

/// What a message is, so a bounce handler can route it.
enum class message_kind : std::uint8_t {
  not_a_bounce = 0,     ///< None of the kinds below.
  dsn,                  ///< Has a message/delivery-status or message/global-delivery-status part.
  feedback_report,      ///< multipart/report; report-type=feedback-report (RFC 5965 ARF).
  auto_reply,           ///< An automatic reply such as a vacation notice (see `parse_dsn`).
  non_standard_bounce,  ///< A bounce without a report part: read `human_text` (find.hpp).
};

/// "dsn", "feedback_report", "auto_reply", "non_standard_bounce", "not_a_bounce".
[[nodiscard]] constexpr std::string_view to_string(message_kind k) noexcept {
  switch (k) {
    case message_kind::not_a_bounce:
      return "not_a_bounce";
    case message_kind::dsn:
      return "dsn";
    case message_kind::feedback_report:
      return "feedback_report";
    case message_kind::auto_reply:
      return "auto_reply";
    case message_kind::non_standard_bounce:
      return "non_standard_bounce";
  }
  return "not_a_bounce";
}

/// The Action field (RFC 3464 §2.3.3).
enum class dsn_action : std::uint8_t {
  unknown = 0,  ///< Missing, or a value RFC 3464 does not define.
  failed,       ///< Could not be delivered.
  delayed,      ///< Not delivered yet; the MTA keeps trying.
  delivered,    ///< Delivered to the recipient's mailbox.
  relayed,      ///< Handed to a system that sends no DSNs.
  expanded,     ///< Delivered, then forwarded to several addresses (an alias or list).
};

/// "failed", "delayed", "delivered", "relayed", "expanded"; "unknown" otherwise.
[[nodiscard]] constexpr std::string_view to_string(dsn_action a) noexcept {
  switch (a) {
    case dsn_action::unknown:
      return "unknown";
    case dsn_action::failed:
      return "failed";
    case dsn_action::delayed:
      return "delayed";
    case dsn_action::delivered:
      return "delivered";
    case dsn_action::relayed:
      return "relayed";
    case dsn_action::expanded:
      return "expanded";
  }
  return "unknown";
}

/// The action named by an Action value, without regard to case; a comment after the word
/// ("failed (bad address)") is allowed. `unknown` for anything else.
[[nodiscard]] constexpr dsn_action parse_dsn_action(std::string_view value) noexcept {
  std::size_t n = 0;
  while (n < value.size() && detail::is_alpha(value[n])) ++n;
  const std::string_view word = value.substr(0, n);
  if (n < value.size() && value[n] != ' ' && value[n] != '\t' && value[n] != '(' &&
      value[n] != '\r' && value[n] != '\n')
    return dsn_action::unknown;
  constexpr std::string_view names[] = {"failed", "delayed", "delivered", "relayed", "expanded"};
  for (std::size_t i = 0; i < 5; ++i) {
    if (detail::iequals(word, names[i])) return static_cast<dsn_action>(i + 1);
  }
  return dsn_action::unknown;
}

/// A field of the form "type; value" (RFC 3464 §2.1.2: address-type, MTA-name-type,
/// diagnostic-type), e.g. "rfc822; a@example.com", "dns; mx.example.com", "smtp; 550 ...".
/// Without a ";" the whole value is `value` and `type` is empty.
struct dsn_typed_field {
  bool present = false;    ///< The field was given.
  std::string_view type;   ///< "rfc822", "dns", "smtp", "utf-8", "X-Postfix" ... as written.
  std::string_view value;  ///< After the ";", trimmed.
  std::string_view raw;    ///< The whole field value, trimmed.
};

/**
 * One per-recipient group (RFC 3464 §2.3). Views lie inside the status part (the message or
 * the scratch) and live as long as both; an absent field is an empty view at the group's start.
 */
struct dsn_recipient {
  dsn_typed_field final_recipient;          ///< Final-Recipient (§2.3.2), required.
  dsn_typed_field original_recipient;       ///< Original-Recipient (§2.3.1).
  dsn_action action = dsn_action::unknown;  ///< Action (§2.3.3), required.
  std::string_view action_text;             ///< The Action value as written.
  std::optional<enhanced_status> status;    ///< Status (§2.3.4), required; empty if malformed.
  std::string_view status_text;             ///< The Status value as written.
  dsn_typed_field remote_mta;               ///< Remote-MTA (§2.3.5).
  dsn_typed_field diagnostic_code;          ///< Diagnostic-Code (§2.3.6).
  /// `find_reply(diagnostic_code.value)`: the reply's code, enhanced code and text.
  found_reply reply;
  std::string_view last_attempt_date;  ///< Last-Attempt-Date (§2.3.7).
  std::string_view final_log_id;       ///< Final-Log-ID (§2.3.8).
  std::string_view will_retry_until;   ///< Will-Retry-Until (§2.3.9).
  std::string_view raw;                ///< The whole group, first field to last line.
};

/// The few fields of an abuse report (message/feedback-report, RFC 5965 §3.1, §3.2) a bounce
/// handler routes by; the first occurrence of each.
struct feedback_fields {
  std::string_view feedback_type;       ///< Feedback-Type ("abuse", "fraud", ...), required.
  std::string_view user_agent;          ///< User-Agent, required by §3.1.
  std::string_view version;             ///< Version, required by §3.1.
  std::string_view original_mail_from;  ///< Original-Mail-From.
  std::string_view original_rcpt_to;    ///< Original-Rcpt-To (the first one).
  std::string_view source_ip;           ///< Source-IP.
  std::string_view reported_domain;     ///< Reported-Domain (the first one).
  std::string_view arrival_date;        ///< Arrival-Date.
};

/**
 * Leniencies and bounds. Sizes of 0 mean no limit. Each `accept_` option names its risk.
 */
struct dsn_options {
  /// Largest header block (of the message or of one part), in octets.
  std::size_t max_header_size = 256 * 1024;
  /// Largest field with its continuation lines (header fields and status fields), in octets.
  std::size_t max_field_size = 64 * 1024;
  /// Deepest nesting of multipart entities (the top-level multipart is depth 1). The walk
  /// recurses per level, so 0 and anything above 64 mean 64: the stack stays bounded.
  std::size_t max_depth = 8;
  /// Skip header lines that have no colon (an mbox "From " line left at the top, a broken
  /// gateway). Risk: a damaged header is read as if whole; a field may be lost.
  bool accept_header_lines_without_colon = false;
  /// A multipart body that ends without its close delimiter ends at the end of its enclosing
  /// entity. Risk: a truncated message is taken as complete; its last part may be cut short.
  bool accept_unterminated_multipart = false;
  /// Accept a status part without Reporting-MTA, a recipient group without Final-Recipient,
  /// Action or Status, no recipient group at all, an abuse report without Feedback-Type; a first
  /// group that holds Final-Recipient is then also read as a recipient. Risk: recipients with
  /// empty fields reach the caller, who must not take an empty address as a real one.
  bool accept_missing_fields = false;
  /// Accept a Status value that is not an RFC 3463 code ("5.1.1" followed by white space or a
  /// comment is always fine); `status` is then empty. Risk: the caller must classify the
  /// recipient from `reply` or `action` instead.
  bool accept_malformed_status = false;
};

class dsn_recipients;

/**
 * What `parse_dsn` found. On error, `error` and `offset` say what and where (octets into the
 * message); when the error lies in a decoded part, `in_decoded` is set, `offset` is where that
 * part's encoded body starts and `decoded_offset` the octet inside the decoded text. Fields
 * found before an error keep their values. Every view lies inside the message or the first
 * `scratch_used` octets of the scratch, empty ones included (absent fields are empty views at
 * the message's start).
 */
struct [[nodiscard]] dsn_result {
  errc error{};
  std::size_t offset = 0;
  bool in_decoded = false;
  std::size_t decoded_offset = 0;
  /// Octets of scratch the decoded parts need: on `scratch_too_small`, the size that will do.
  std::size_t scratch_needed = 0;
  std::size_t scratch_used = 0;  ///< Octets of scratch in use by views.

  message_kind kind = message_kind::not_a_bounce;
  bool global = false;  ///< The status part is message/global-delivery-status (RFC 6533 §4, §6.4).

  // The top-level header.
  std::string_view content_type;    ///< The message's Content-Type value, as written.
  std::string_view report_type;     ///< report-type of the (first) multipart/report (RFC 6522).
  std::string_view from;            ///< From.
  std::string_view subject;         ///< Subject.
  std::string_view auto_submitted;  ///< Auto-Submitted (RFC 3834 §5).

  // Per-message fields (RFC 3464 §2.2).
  dsn_typed_field reporting_mta;          ///< Reporting-MTA (§2.2.2), required.
  dsn_typed_field dsn_gateway;            ///< DSN-Gateway (§2.2.3).
  dsn_typed_field received_from_mta;      ///< Received-From-MTA (§2.2.4).
  std::string_view arrival_date;          ///< Arrival-Date (§2.2.5).
  std::string_view original_envelope_id;  ///< Original-Envelope-Id (§2.2.1).

  std::size_t recipient_count = 0;   ///< Per-recipient groups in the status part.
  std::string_view status_part;      ///< The decoded status part (also feedback-report part).
  std::string_view recipients_text;  ///< Where the recipient groups are (inside status_part).

  feedback_fields feedback;  ///< For `feedback_report`.

  std::string_view human_text;     ///< The first text/plain part (else first text/*), decoded.
  std::string_view human_charset;  ///< Its charset parameter.
  std::string_view returned;       ///< Body of the returned message or headers part, raw.
  std::string_view returned_type;  ///< Its Content-Type value (message/rfc822, ...).

  [[nodiscard]] constexpr bool ok() const noexcept { return error == errc{}; }
  [[nodiscard]] constexpr bool failed() const noexcept { return error != errc{}; }

  /// The recipient groups, read one at a time as the range is walked (no allocation).
  [[nodiscard]] constexpr dsn_recipients recipients() const noexcept;
};

namespace detail {

constexpr bool dsn_wsp(char c) noexcept {
  return c == ' ' || c == '\t';
}
constexpr bool dsn_ws(char c) noexcept {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

constexpr std::string_view dsn_trim(std::string_view s) noexcept {
  std::size_t a = 0;
  std::size_t b = s.size();
  while (a < b && dsn_ws(s[a])) ++a;
  while (b > a && dsn_ws(s[b - 1])) --b;
  return s.substr(a, b - a);
}

/// One line: [start, end) is its content, `next` the start of the following line.
struct dsn_line {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t next = 0;
};

constexpr dsn_line dsn_get_line(std::string_view s, std::size_t pos) noexcept {
  const std::size_t nl = s.find('\n', pos);
  if (nl == std::string_view::npos) return {pos, s.size(), s.size()};
  std::size_t end = nl;
  if (end > pos && s[end - 1] == '\r') --end;
  return {pos, end, nl + 1};
}

/// A line that is empty or holds only SP and HT.
constexpr bool dsn_blank(std::string_view s, const dsn_line& l) noexcept {
  for (std::size_t i = l.start; i < l.end; ++i) {
    if (!dsn_wsp(s[i])) return false;
  }
  return true;
}

enum class field_step : std::uint8_t { field, blank, end, error };

struct field_read {
  field_step step = field_step::end;
  errc error{};
  std::string_view name;
  std::string_view value;
  std::size_t start = 0;  ///< Where the field (or the problem) is.
  std::size_t next = 0;   ///< Where the next field or line starts.
};

/**
 * Reads the field at `pos` with its continuation lines (RFC 5322 §2.2, §2.2.3), a blank line
 * (the end of a block) or the end of the text. A name is 1*ftext (printable ASCII but ":");
 * white space before the colon is allowed (RFC 5322 §4.5.3's obsolete form). `bad` is the error
 * for a line that is no field.
 */
constexpr field_read dsn_read_field(std::string_view s, std::size_t pos, std::size_t max_field,
                                    errc bad) noexcept {
  field_read r;
  r.start = pos;
  if (pos >= s.size()) {
    r.next = s.size();
    return r;
  }
  const dsn_line line = dsn_get_line(s, pos);
  if (dsn_blank(s, line)) {
    r.step = field_step::blank;
    r.next = line.next;
    return r;
  }
  r.step = field_step::error;
  r.error = bad;
  const std::size_t colon = s.substr(0, line.end).find(':', pos);
  if (dsn_wsp(s[pos]) || colon == std::string_view::npos) return r;
  std::size_t name_end = colon;
  while (name_end > pos && dsn_wsp(s[name_end - 1])) --name_end;
  if (name_end == pos) return r;
  for (std::size_t i = pos; i < name_end; ++i) {
    const auto u = static_cast<unsigned char>(s[i]);
    if (u < 33 || u > 126) {
      r.start = i;
      return r;
    }
  }
  std::size_t end = line.end;
  std::size_t next = line.next;
  while (next < s.size() && dsn_wsp(s[next])) {
    const dsn_line more = dsn_get_line(s, next);
    if (dsn_blank(s, more)) break;
    end = more.end;
    next = more.next;
    if (max_field != 0 && end - pos > max_field) break;
  }
  if (max_field != 0 && end - pos > max_field) {
    r.error = errc::header_too_large;
    r.start = pos + max_field;
    return r;
  }
  r.step = field_step::field;
  r.error = errc{};
  r.name = s.substr(pos, name_end - pos);
  r.value = dsn_trim(s.substr(colon + 1, end - colon - 1));
  r.next = next;
  return r;
}

constexpr dsn_typed_field dsn_typed(std::string_view value) noexcept {
  dsn_typed_field f;
  f.present = true;
  f.raw = value;
  const std::size_t semi = find_char(value, ';');
  if (semi == std::string_view::npos) {
    f.type = value.substr(0, 0);
    f.value = value;
  } else {
    f.type = dsn_trim(value.substr(0, semi));
    f.value = dsn_trim(value.substr(semi + 1));
    if (f.type.empty()) f.type = value.substr(0, 0);
    if (f.value.empty()) f.value = value.substr(value.size());
  }
  return f;
}

constexpr dsn_typed_field dsn_empty_typed(std::string_view anchor) noexcept {
  dsn_typed_field f;
  f.type = f.value = f.raw = anchor;
  return f;
}

/// The Status value's code: the first word, which may be followed by white space or a comment.
constexpr std::optional<enhanced_status> dsn_status(std::string_view value) noexcept {
  std::size_t n = 0;
  while (n < value.size() && !dsn_ws(value[n]) && value[n] != '(') ++n;
  return parse_enhanced_status(value.substr(0, n));
}

/// An empty recipient whose views all sit at `anchor` (an empty view).
constexpr dsn_recipient dsn_empty_recipient(std::string_view anchor) noexcept {
  dsn_recipient r;
  r.final_recipient = r.original_recipient = r.remote_mta = r.diagnostic_code =
      dsn_empty_typed(anchor);
  r.action_text = r.status_text = r.last_attempt_date = r.final_log_id = r.will_retry_until =
      r.raw = anchor;
  r.reply = find_reply(anchor);
  return r;
}

/// One block of fields (a group): [start, end) from its first field to its last line's end;
/// `next` after it. `found` is false when only blank lines remain.
struct dsn_block {
  bool found = false;
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t next = 0;
};

constexpr dsn_block dsn_next_block(std::string_view s, std::size_t pos) noexcept {
  dsn_block b;
  while (pos < s.size()) {
    const dsn_line l = dsn_get_line(s, pos);
    if (!dsn_blank(s, l)) break;
    pos = l.next;
  }
  if (pos >= s.size()) {
    b.start = b.end = b.next = s.size();
    return b;
  }
  b.found = true;
  b.start = pos;
  while (pos < s.size()) {
    const dsn_line l = dsn_get_line(s, pos);
    if (dsn_blank(s, l)) {
      b.next = l.next;
      return b;
    }
    b.end = l.end;
    pos = l.next;
  }
  b.next = s.size();
  return b;
}

/// Calls `visit(name, value, offset)` for each field of the block [start, end) of `s`; returns
/// the first structural problem (offset into `s`) or no error.
template <class Visit>
constexpr field_read dsn_visit_block(std::string_view s, const dsn_block& b, std::size_t max_field,
                                     Visit visit) noexcept {
  const std::string_view block = s.substr(0, b.end);
  std::size_t pos = b.start;
  while (true) {
    const field_read f = dsn_read_field(block, pos, max_field, errc::bad_dsn_field);
    if (f.step == field_step::error) return f;
    if (f.step != field_step::field) return field_read{};
    visit(f.name, f.value, f.start);
    pos = f.next;
  }
}

/// Fills a recipient from a block already checked by `parse_dsn`.
constexpr dsn_recipient dsn_read_recipient(std::string_view s, const dsn_block& b) noexcept {
  dsn_recipient r = dsn_empty_recipient(s.substr(b.start, 0));
  r.raw = s.substr(b.start, b.end - b.start);
  (void)dsn_visit_block(s, b, 0, [&r](std::string_view name, std::string_view value, std::size_t) {
    if (iequals(name, "Final-Recipient")) {
      if (!r.final_recipient.present) r.final_recipient = dsn_typed(value);
    } else if (iequals(name, "Original-Recipient")) {
      if (!r.original_recipient.present) r.original_recipient = dsn_typed(value);
    } else if (iequals(name, "Action")) {
      if (r.action_text.empty()) {
        r.action_text = value;
        r.action = parse_dsn_action(value);
      }
    } else if (iequals(name, "Status")) {
      if (r.status_text.empty()) {
        r.status_text = value;
        r.status = dsn_status(value);
      }
    } else if (iequals(name, "Remote-MTA")) {
      if (!r.remote_mta.present) r.remote_mta = dsn_typed(value);
    } else if (iequals(name, "Diagnostic-Code")) {
      if (!r.diagnostic_code.present) r.diagnostic_code = dsn_typed(value);
    } else if (iequals(name, "Last-Attempt-Date")) {
      if (r.last_attempt_date.empty()) r.last_attempt_date = value;
    } else if (iequals(name, "Final-Log-ID")) {
      if (r.final_log_id.empty()) r.final_log_id = value;
    } else if (iequals(name, "Will-Retry-Until")) {
      if (r.will_retry_until.empty()) r.will_retry_until = value;
    }
  });
  r.reply = find_reply(r.diagnostic_code.value);
  return r;
}

}  // namespace detail

/**
 * The recipient groups of a status part, as a range: `for (const dsn_recipient& r :
 * result.recipients())`. Each step reads the next group; the recipient returned by `*it`
 * lives until the iterator moves. The views live as long as the message and scratch.
 */
class dsn_recipients {
 public:
  class iterator {
   public:
    constexpr iterator() noexcept = default;
    constexpr iterator(std::string_view text, std::size_t pos) noexcept : text_(text) {
      advance(pos);
    }
    [[nodiscard]] constexpr const dsn_recipient& operator*() const noexcept { return current_; }
    [[nodiscard]] constexpr const dsn_recipient* operator->() const noexcept { return &current_; }
    constexpr iterator& operator++() noexcept {
      advance(next_);
      return *this;
    }
    [[nodiscard]] friend constexpr bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.done_ == b.done_ && (a.done_ || a.start_ == b.start_);
    }
    [[nodiscard]] friend constexpr bool operator!=(const iterator& a, const iterator& b) noexcept {
      return !(a == b);
    }

   private:
    constexpr void advance(std::size_t pos) noexcept {
      const detail::dsn_block b = detail::dsn_next_block(text_, pos);
      if (!b.found) {
        done_ = true;
        return;
      }
      done_ = false;
      start_ = b.start;
      next_ = b.next;
      current_ = detail::dsn_read_recipient(text_, b);
    }
    std::string_view text_;
    std::size_t start_ = 0;
    std::size_t next_ = 0;
    bool done_ = true;
    dsn_recipient current_;
  };

  constexpr dsn_recipients() noexcept = default;
  constexpr explicit dsn_recipients(std::string_view text, std::size_t count) noexcept
      : text_(text), count_(count) {}

  [[nodiscard]] constexpr iterator begin() const noexcept {
    iterator it(text_, 0);
    return it;
  }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator(); }
  [[nodiscard]] constexpr std::size_t size() const noexcept { return count_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return count_ == 0; }

 private:
  std::string_view text_;
  std::size_t count_ = 0;
};

constexpr dsn_recipients dsn_result::recipients() const noexcept {
  return dsn_recipients(recipients_text, recipient_count);
}

namespace detail {

// ---- Content-Type (RFC 2045 §5.1) ---------------------------------------------------------

struct content_type_info {
  bool ok = true;
  std::size_t error_at = 0;  ///< Offset inside the value.
  std::string_view type;
  std::string_view subtype;
  std::string_view boundary;
  std::string_view report_type;
  std::string_view charset;
};

/// RFC 2045 §5.1 token octets, one bit per octet: printable ASCII (33-126) but the tspecials
/// ()<>@,;:\"/[]?= . Written out: computing it cost every TU's constant evaluation;
/// tests/constexpr_test.cpp derives it from the grammar and fails on any difference.
inline constexpr std::uint64_t dsn_token_bits[2] = {0x03FF6CFA00000000, 0x7FFFFFFFC7FFFFFE};

/// RFC 2045 §5.1 token octet (one load and a shift).
constexpr bool dsn_token_char(char c) noexcept {
  const auto u = static_cast<unsigned char>(c);
  return u < 128 && ((dsn_token_bits[u / 64] >> (u % 64)) & 1U) != 0;
}

/// Skips white space, line breaks and (possibly nested) comments (RFC 5322 §3.2.2 CFWS).
constexpr std::size_t dsn_skip_cfws(std::string_view s, std::size_t i) noexcept {
  while (i < s.size()) {
    if (dsn_ws(s[i])) {
      ++i;
    } else if (s[i] == '(') {
      std::size_t depth = 0;
      for (; i < s.size(); ++i) {
        if (s[i] == '\\') {
          ++i;
        } else if (s[i] == '(') {
          ++depth;
        } else if (s[i] == ')' && --depth == 0) {
          ++i;
          break;
        }
      }
    } else {
      break;
    }
  }
  return i;
}

/**
 * Parses a Content-Type value: type "/" subtype *(";" attribute "=" value). Values are tokens or
 * quoted strings (returned without the quotes); an unquoted value may also hold tspecials other
 * than ";" and '"' (seen in the wild: boundary=----=_Part_1). A trailing ";" is allowed;
 * unknown parameters (and RFC 2231 continuations) are skipped.
 */
constexpr content_type_info parse_content_type(std::string_view v) noexcept {
  content_type_info ct;
  auto fail = [&ct](std::size_t at) {
    ct.ok = false;
    ct.error_at = at;
    return ct;
  };
  std::size_t i = dsn_skip_cfws(v, 0);
  std::size_t a = i;
  while (i < v.size() && dsn_token_char(v[i])) ++i;
  if (i == a) return fail(i);
  ct.type = v.substr(a, i - a);
  i = dsn_skip_cfws(v, i);
  if (i >= v.size() || v[i] != '/') return fail(i);
  i = dsn_skip_cfws(v, i + 1);
  a = i;
  while (i < v.size() && dsn_token_char(v[i])) ++i;
  if (i == a) return fail(i);
  ct.subtype = v.substr(a, i - a);
  while (true) {
    i = dsn_skip_cfws(v, i);
    if (i >= v.size()) return ct;
    if (v[i] != ';') return fail(i);
    i = dsn_skip_cfws(v, i + 1);
    if (i >= v.size()) return ct;
    a = i;
    while (i < v.size() && dsn_token_char(v[i])) ++i;
    if (i == a) return fail(i);
    const std::string_view name = v.substr(a, i - a);
    i = dsn_skip_cfws(v, i);
    if (i >= v.size() || v[i] != '=') return fail(i);
    i = dsn_skip_cfws(v, i + 1);
    std::string_view value;
    if (i < v.size() && v[i] == '"') {
      a = ++i;
      while (i < v.size() && v[i] != '"') i += v[i] == '\\' ? 2 : 1;
      if (i >= v.size()) return fail(v.size());
      value = v.substr(a, i - a);
      ++i;
    } else {
      a = i;
      while (i < v.size() && !dsn_ws(v[i]) && v[i] != ';' && v[i] != '"' && v[i] != '(') ++i;
      if (i == a) return fail(i);
      value = v.substr(a, i - a);
    }
    if (iequals(name, "boundary")) {
      if (ct.boundary.empty()) ct.boundary = value;
    } else if (iequals(name, "report-type")) {
      if (ct.report_type.empty()) ct.report_type = value;
    } else if (iequals(name, "charset")) {
      if (ct.charset.empty()) ct.charset = value;
    }
  }
}

// ---- transfer encodings (RFC 2045 §6) -----------------------------------------------------

enum class dsn_cte : std::uint8_t { identity, base64, quoted_printable, unknown };

constexpr dsn_cte dsn_parse_cte(std::string_view v) noexcept {
  v = dsn_trim(v);
  std::size_t n = 0;
  while (n < v.size() && dsn_token_char(v[n])) ++n;
  const std::string_view w = v.substr(0, n);
  if (dsn_skip_cfws(v, n) != v.size()) return dsn_cte::unknown;
  if (w.empty() || iequals(w, "7bit") || iequals(w, "8bit") || iequals(w, "binary"))
    return dsn_cte::identity;
  if (iequals(w, "base64")) return dsn_cte::base64;
  if (iequals(w, "quoted-printable")) return dsn_cte::quoted_printable;
  return dsn_cte::unknown;
}

/// What a decoder did: `size` octets of output (all counted, written only below capacity).
struct dsn_decoded {
  std::size_t size = 0;
  bool ok = true;
  std::size_t error_at = 0;
};

constexpr int dsn_base64_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

/// RFC 2045 §6.8: octets outside the alphabet are ignored, "=" ends the data. A lone last
/// sextet (input cut inside a group) is an error.
constexpr dsn_decoded dsn_decode_base64(std::string_view in, char* out, std::size_t cap) noexcept {
  dsn_decoded d;
  unsigned acc = 0;
  std::size_t sextets = 0;
  std::size_t last = 0;
  auto put = [&](unsigned octet) {
    if (d.size < cap) out[d.size] = static_cast<char>(static_cast<unsigned char>(octet));
    ++d.size;
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '=') break;
    const int v = dsn_base64_value(in[i]);
    if (v < 0) continue;
    last = i;
    acc = (acc << 6) | static_cast<unsigned>(v);
    if (++sextets == 4) {
      put((acc >> 16) & 0xFF);
      put((acc >> 8) & 0xFF);
      put(acc & 0xFF);
      acc = 0;
      sextets = 0;
    }
  }
  if (sextets == 1) return {d.size, false, last};
  if (sextets == 2) put((acc >> 4) & 0xFF);
  if (sextets == 3) {
    put((acc >> 10) & 0xFF);
    put((acc >> 2) & 0xFF);
  }
  return d;
}

constexpr unsigned dsn_hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'A' && c <= 'F') return static_cast<unsigned>(c - 'A' + 10);
  return static_cast<unsigned>(c - 'a' + 10);
}

/// RFC 2045 §6.7: "=XX" (either case of hex), "=" before a line end (a soft break; white space
/// between them allowed), white space at the end of a line dropped. Any other "=" is an error.
constexpr dsn_decoded dsn_decode_qp(std::string_view in, char* out, std::size_t cap) noexcept {
  dsn_decoded d;
  auto put = [&](char c) {
    if (d.size < cap) out[d.size] = c;
    ++d.size;
  };
  std::size_t i = 0;
  while (i < in.size()) {
    const char c = in[i];
    if (c == '=') {
      if (i + 2 < in.size() && is_hex(in[i + 1]) && is_hex(in[i + 2])) {
        put(static_cast<char>(dsn_hex_value(in[i + 1]) * 16U + dsn_hex_value(in[i + 2])));
        i += 3;
        continue;
      }
      std::size_t j = i + 1;
      while (j < in.size() && dsn_wsp(in[j])) ++j;
      if (j == in.size()) {
        i = j;
      } else if (in[j] == '\n') {
        i = j + 1;
      } else if (in[j] == '\r' && j + 1 < in.size() && in[j + 1] == '\n') {
        i = j + 2;
      } else {
        return {d.size, false, i};
      }
    } else if (dsn_wsp(c)) {
      std::size_t j = i;
      while (j < in.size() && dsn_wsp(in[j])) ++j;
      if (j == in.size() || in[j] == '\r' || in[j] == '\n') {
        i = j;
      } else {
        for (; i < j; ++i) put(in[i]);
      }
    } else {
      put(c);
      ++i;
    }
  }
  return d;
}

// ---- the MIME walk ------------------------------------------------------------------------

/// A leaf part worth keeping: its body (raw, in the message) and encoding.
struct dsn_leaf {
  bool found = false;
  std::string_view body;
  std::string_view header_cte;
  std::string_view type;  ///< Content-Type value.
  std::string_view charset;
  bool global = false;
};

struct dsn_walk {
  std::string_view msg;
  const dsn_options* opt = nullptr;
  errc error{};
  std::size_t offset = 0;
  std::string_view report_type;
  std::size_t report_end = 0;  ///< Where the first multipart/report's body ends.
  bool saw_report = false;
  dsn_leaf status;
  dsn_leaf feedback;
  dsn_leaf human_plain;
  dsn_leaf human_other;
  dsn_leaf returned;
  // Top-level fields.
  std::string_view content_type;
  std::string_view from;
  std::string_view subject;
  std::string_view auto_submitted;
  std::string_view precedence;
  bool x_autoreply = false;

  constexpr std::size_t at(std::string_view inner, std::size_t i) const noexcept {
    return static_cast<std::size_t>(inner.data() - msg.data()) + i;
  }
  constexpr bool fail(errc e, std::size_t off) noexcept {
    error = e;
    offset = off;
    return false;
  }
};

/// The header of an entity: its Content-Type and Content-Transfer-Encoding values, and where the
/// body starts.
struct dsn_entity {
  std::string_view content_type;
  std::string_view cte;
  std::size_t body_start = 0;
};

constexpr bool dsn_read_header(dsn_walk& w, std::string_view e, bool top,
                               dsn_entity& out) noexcept {
  const dsn_options& opt = *w.opt;
  std::size_t pos = 0;
  bool have_ct = false;
  bool have_cte = false;
  while (true) {
    if (opt.max_header_size != 0 && pos > opt.max_header_size)
      return w.fail(errc::header_too_large, w.at(e, opt.max_header_size));
    const field_read f = dsn_read_field(e, pos, opt.max_field_size, errc::bad_mime_header);
    if (f.step == field_step::end) {
      out.body_start = e.size();
      return true;
    }
    if (f.step == field_step::blank) {
      out.body_start = f.next;
      return true;
    }
    if (f.step == field_step::error) {
      if (f.error == errc::bad_mime_header && opt.accept_header_lines_without_colon) {
        pos = dsn_get_line(e, pos).next;
        continue;
      }
      return w.fail(f.error, w.at(e, f.start));
    }
    pos = f.next;
    const std::string_view n = f.name;
    if (iequals(n, "Content-Type")) {
      if (!have_ct) out.content_type = f.value;
      have_ct = true;
    } else if (iequals(n, "Content-Transfer-Encoding")) {
      if (!have_cte) out.cte = f.value;
      have_cte = true;
    } else if (top) {
      if (iequals(n, "From")) {
        if (w.from.empty()) w.from = f.value;
      } else if (iequals(n, "Subject")) {
        if (w.subject.empty()) w.subject = f.value;
      } else if (iequals(n, "Auto-Submitted")) {
        if (w.auto_submitted.empty()) w.auto_submitted = f.value;
      } else if (iequals(n, "Precedence")) {
        if (w.precedence.empty()) w.precedence = f.value;
      } else if (iequals(n, "X-Autoreply") || iequals(n, "X-Autorespond")) {
        w.x_autoreply = true;
      }
    }
  }
}

/// The walk recurses once per nested multipart: whatever `max_depth` says, it stops here.
inline constexpr std::size_t dsn_depth_cap = 64;

/// Is the line [l.start, l.end) of `s` a delimiter of `boundary` ("--" boundary ["--"]
/// *LWSP, RFC 2046 §5.1.1)? Sets `close` for the close delimiter.
constexpr bool dsn_is_delimiter(std::string_view s, const dsn_line& l, std::string_view boundary,
                                bool& close) noexcept {
  const std::size_t n = l.end - l.start;
  if (n < boundary.size() + 2 || s[l.start] != '-' || s[l.start + 1] != '-') return false;
  if (s.substr(l.start + 2, boundary.size()) != boundary) return false;
  std::size_t i = l.start + 2 + boundary.size();
  close = false;
  if (i + 2 <= l.end && s[i] == '-' && s[i + 1] == '-') {
    close = true;
    i += 2;
  }
  for (; i < l.end; ++i) {
    if (!dsn_wsp(s[i])) return false;
  }
  return true;
}

constexpr bool dsn_walk_entity(dsn_walk& w, std::string_view e, std::size_t depth) noexcept;

/// Walks the parts of a multipart body.
constexpr bool dsn_walk_multipart(dsn_walk& w, std::string_view body, std::string_view boundary,
                                  std::size_t depth) noexcept {
  std::size_t pos = 0;
  std::size_t part_start = std::string_view::npos;
  while (true) {
    if (pos >= body.size()) {
      if (part_start == std::string_view::npos)
        return w.fail(errc::unterminated_multipart, w.at(body, body.size()));
      if (!w.opt->accept_unterminated_multipart)
        return w.fail(errc::unterminated_multipart, w.at(body, body.size()));
      return dsn_walk_entity(w, body.substr(part_start), depth);
    }
    const dsn_line l = dsn_get_line(body, pos);
    bool close = false;
    if (body[pos] == '-' && dsn_is_delimiter(body, l, boundary, close)) {
      if (part_start != std::string_view::npos) {
        std::size_t end = l.start;
        if (end > part_start && body[end - 1] == '\n') --end;
        if (end > part_start && body[end - 1] == '\r') --end;
        if (!dsn_walk_entity(w, body.substr(part_start, end - part_start), depth)) return false;
      }
      if (close) return true;
      part_start = l.next;
    }
    pos = l.next;
  }
}

constexpr void dsn_keep(dsn_leaf& leaf, std::string_view body, const dsn_entity& h,
                        const content_type_info& ct) noexcept {
  if (leaf.found) return;
  leaf.found = true;
  leaf.body = body;
  leaf.header_cte = h.cte;
  leaf.type = h.content_type;
  leaf.charset = ct.charset;
}

/// Reads an entity's header and files the entity (or walks its parts).
constexpr bool dsn_walk_entity(dsn_walk& w, std::string_view e, std::size_t depth) noexcept {
  dsn_entity h;
  const bool top = depth == 0;
  if (!dsn_read_header(w, e, top, h)) return false;
  if (top) w.content_type = h.content_type;
  const std::string_view body = e.substr(h.body_start);
  content_type_info ct;
  if (h.content_type.empty()) {
    ct.type = "text";  // RFC 2045 §5.2: the default is text/plain; charset=us-ascii
    ct.subtype = "plain";
  } else {
    ct = parse_content_type(h.content_type);
    if (!ct.ok) {
      return w.fail(errc::bad_content_type, w.at(h.content_type, ct.error_at < h.content_type.size()
                                                                     ? ct.error_at
                                                                     : h.content_type.size()));
    }
  }
  if (iequals(ct.type, "multipart")) {
    const std::size_t cap = w.opt->max_depth == 0 || w.opt->max_depth > dsn_depth_cap
                                ? dsn_depth_cap
                                : w.opt->max_depth;
    if (depth + 1 > cap) return w.fail(errc::mime_too_deep, w.at(e, 0));
    if (ct.boundary.empty() || ct.boundary.size() > 200)
      return w.fail(errc::missing_boundary, w.at(h.content_type, 0));
    const bool report = iequals(ct.subtype, "report");
    if (report && !w.saw_report) {
      w.saw_report = true;
      w.report_type = ct.report_type;
    }
    if (!dsn_walk_multipart(w, body, ct.boundary, depth + 1)) return false;
    if (report && w.report_end == 0) w.report_end = w.at(body, body.size());
    return true;
  }
  if (iequals(ct.type, "message")) {
    if (iequals(ct.subtype, "delivery-status")) {
      dsn_keep(w.status, body, h, ct);
    } else if (iequals(ct.subtype, "global-delivery-status")) {
      if (!w.status.found) w.status.global = true;
      dsn_keep(w.status, body, h, ct);
    } else if (iequals(ct.subtype, "feedback-report")) {
      dsn_keep(w.feedback, body, h, ct);
    } else if (iequals(ct.subtype, "rfc822") || iequals(ct.subtype, "global") ||
               iequals(ct.subtype, "global-headers") || iequals(ct.subtype, "partial")) {
      dsn_keep(w.returned, body, h, ct);
    }
    return true;
  }
  if (iequals(ct.type, "text")) {
    if (iequals(ct.subtype, "rfc822-headers")) {
      dsn_keep(w.returned, body, h, ct);
    } else if (iequals(ct.subtype, "plain")) {
      dsn_keep(w.human_plain, body, h, ct);
    } else {
      dsn_keep(w.human_other, body, h, ct);
    }
  }
  return true;
}

/// `needle` occurs in `hay`, without regard to ASCII case (`needle` is lower case). Short
/// haystacks only (a Subject, a From).
constexpr bool dsn_icontains(std::string_view hay, std::string_view needle) noexcept {
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (iequals(hay.substr(i, needle.size()), needle)) return true;
  }
  return false;
}

/// A sender or subject that bounces carry (see `parse_dsn`).
constexpr bool dsn_looks_like_bounce(std::string_view from, std::string_view subject) noexcept {
  if (from.size() <= 4096 &&
      (dsn_icontains(from, "mailer-daemon") || dsn_icontains(from, "postmaster@") ||
       dsn_icontains(from, "mail delivery subsystem") ||
       dsn_icontains(from, "mail delivery system")))
    return true;
  if (subject.size() > 4096) return false;
  constexpr std::string_view phrases[] = {
      "undelivered mail returned to sender",  // Postfix
      "mail delivery failed",                 // Exim
      "returned mail:",                       // Sendmail
      "delivery status notification",         // Gmail, Exchange
      "undeliverable:",                       // Exchange / Microsoft 365
      "undeliverable mail",
      "failure notice",  // qmail, Yahoo
      "delivery failure",
      "non-delivery",
      "nondeliverable",
      "mail system error",
      "delivery has failed",
  };
  for (const std::string_view p : phrases) {
    if (dsn_icontains(subject, p)) return true;
  }
  return false;
}

/// An automatic reply by its header (RFC 3834 §5; older vacation programs).
constexpr bool dsn_looks_like_auto_reply(const dsn_walk& w) noexcept {
  std::size_t n = 0;
  const std::string_view a = dsn_trim(w.auto_submitted);
  while (n < a.size() && !dsn_ws(a[n]) && a[n] != ';' && a[n] != '(') ++n;
  if (iequals(a.substr(0, n), "auto-replied")) return true;
  if (w.x_autoreply) return true;
  return iequals(dsn_trim(w.precedence), "auto_reply");
}

/// Scratch bookkeeping: decodes a leaf into what is left, counting the need past the end.
struct dsn_scratch {
  char* data = nullptr;
  std::size_t size = 0;
  std::size_t used = 0;
  std::size_t needed = 0;
  bool overflow = false;
};

/// A problem found in a decoded or raw report part: its errc and the octet inside the part.
struct dsn_problem {
  errc error{};
  std::size_t at = 0;
};

constexpr dsn_problem dsn_problem_at(errc e, std::size_t at) noexcept {
  return dsn_problem{e, at};
}

/// The fields of `feedback_fields` by name (RFC 5965 §3.1, §3.2).
struct dsn_feedback_slot {
  std::string_view name;
  std::string_view feedback_fields::*field;
};
inline constexpr dsn_feedback_slot dsn_feedback_slots[] = {
    {"Feedback-Type", &feedback_fields::feedback_type},
    {"User-Agent", &feedback_fields::user_agent},
    {"Version", &feedback_fields::version},
    {"Original-Mail-From", &feedback_fields::original_mail_from},
    {"Original-Rcpt-To", &feedback_fields::original_rcpt_to},
    {"Source-IP", &feedback_fields::source_ip},
    {"Reported-Domain", &feedback_fields::reported_domain},
    {"Arrival-Date", &feedback_fields::arrival_date},
};

/// Reads the fields of a message/feedback-report part (RFC 5965 §3) into `r.feedback`.
constexpr dsn_problem dsn_read_feedback(std::string_view text, const dsn_options& options,
                                        dsn_result& r) noexcept {
  feedback_fields& fb = r.feedback;
  std::size_t pos = 0;
  while (true) {
    const dsn_block b = dsn_next_block(text, pos);
    if (!b.found) break;
    const field_read bad =
        dsn_visit_block(text, b, options.max_field_size,
                        [&fb](std::string_view name, std::string_view value, std::size_t) {
                          for (const dsn_feedback_slot& slot : dsn_feedback_slots) {
                            if (!iequals(name, slot.name)) continue;
                            if ((fb.*slot.field).empty()) fb.*slot.field = value;
                            break;
                          }
                        });
    if (bad.step == field_step::error) return dsn_problem_at(bad.error, bad.start);
    pos = b.next;
  }
  if (fb.feedback_type.empty() && !options.accept_missing_fields)
    return dsn_problem_at(errc::missing_dsn_field, text.size());
  return {};
}

/// Reads a delivery-status part: the per-message fields into `r`, then checks and counts the
/// recipient groups.
constexpr dsn_problem dsn_read_status(std::string_view text, const dsn_options& options,
                                      dsn_result& r) noexcept {
  // The per-message group (RFC 3464 §2.2), then the recipient groups (§2.3).
  const dsn_block first = dsn_next_block(text, 0);
  bool first_is_recipient = false;
  const field_read bad =
      dsn_visit_block(text, first, options.max_field_size,
                      [&](std::string_view name, std::string_view value, std::size_t) {
                        if (iequals(name, "Reporting-MTA")) {
                          if (!r.reporting_mta.present) r.reporting_mta = dsn_typed(value);
                        } else if (iequals(name, "DSN-Gateway")) {
                          if (!r.dsn_gateway.present) r.dsn_gateway = dsn_typed(value);
                        } else if (iequals(name, "Received-From-MTA")) {
                          if (!r.received_from_mta.present) r.received_from_mta = dsn_typed(value);
                        } else if (iequals(name, "Arrival-Date")) {
                          if (r.arrival_date.empty()) r.arrival_date = value;
                        } else if (iequals(name, "Original-Envelope-Id")) {
                          if (r.original_envelope_id.empty()) r.original_envelope_id = value;
                        } else if (iequals(name, "Final-Recipient")) {
                          first_is_recipient = true;
                        }
                      });
  if (bad.step == field_step::error) return dsn_problem_at(bad.error, bad.start);
  if (!r.reporting_mta.present && !options.accept_missing_fields)
    return dsn_problem_at(errc::missing_dsn_field, first.start);
  const std::size_t groups_at =
      first_is_recipient && options.accept_missing_fields ? first.start : first.next;
  r.recipients_text = text.substr(groups_at);
  const std::string_view groups = r.recipients_text;
  std::size_t pos = 0;
  while (true) {
    const dsn_block b = dsn_next_block(groups, pos);
    if (!b.found) break;
    bool final_recipient = false;
    bool action = false;
    bool status = false;
    std::size_t bad_status = std::string_view::npos;
    const field_read e =
        dsn_visit_block(groups, b, options.max_field_size,
                        [&](std::string_view name, std::string_view value, std::size_t at) {
                          if (iequals(name, "Final-Recipient")) {
                            final_recipient = true;
                          } else if (iequals(name, "Action")) {
                            action = true;
                          } else if (iequals(name, "Status")) {
                            if (!status && !dsn_status(value)) bad_status = at;
                            status = true;
                          }
                        });
    const std::size_t base = groups_at;
    if (e.step == field_step::error) return dsn_problem_at(e.error, base + e.start);
    if (bad_status != std::string_view::npos && !options.accept_malformed_status)
      return dsn_problem_at(errc::bad_dsn_field, base + bad_status);
    if (!(final_recipient && action && status) && !options.accept_missing_fields)
      return dsn_problem_at(errc::missing_dsn_field, base + b.start);
    ++r.recipient_count;
    pos = b.next;
  }
  if (r.recipient_count == 0 && !options.accept_missing_fields)
    return dsn_problem_at(errc::missing_dsn_field, text.size());
  return {};
}

}  // namespace detail

/**
 * Parses a whole message (header and body, CRLF or LF line ends) as a bounce.
 *
 * `scratch` (`scratch_size` octets, may be null when 0) receives the decoded text of the status,
 * feedback and human-readable parts when they are sent base64 or quoted-printable; the decoded
 * size never exceeds the encoded size, so a scratch as large as the message always does. A
 * scratch too small is `scratch_too_small` with `scratch_needed` set.
 *
 * How `kind` is chosen, first match wins:
 *  1. A multipart/report with report-type=feedback-report (RFC 5965 §2): `feedback_report`;
 *     its message/feedback-report part must be there (else `missing_status_part`).
 *  2. A message/delivery-status or message/global-delivery-status part anywhere outside a
 *     returned message (multipart/mixed or multipart/alternative wrappers are walked): `dsn`.
 *     A multipart/report with report-type delivery-status or global-delivery-status that has no
 *     such part is `missing_status_part`, at the end of the report's body.
 *  3. A sender naming MAILER-DAEMON, "postmaster@" or "Mail Delivery Subsystem/System", or a
 *     Subject holding a phrase that MTAs put in bounces ("Undelivered Mail Returned to Sender",
 *     "Mail delivery failed", "Returned mail:", "Delivery Status Notification", "Undeliverable:",
 *     "failure notice", ...): `non_standard_bounce`.
 *  4. Auto-Submitted: auto-replied (RFC 3834 §5.1), an X-Autoreply or X-Autorespond field, or
 *     Precedence: auto_reply (older vacation programs): `auto_reply`. (DSNs often carry
 *     Auto-Submitted too: rules 1-3 come first.)
 *  5. Otherwise `not_a_bounce`.
 * `human_text` is the first text/plain leaf (else the first other text leaf), whatever the
 * kind; message/rfc822 and the other returned-message parts are never entered.
 *
 * Errors: `bad_mime_header`, `header_too_large`, `bad_content_type`, `missing_boundary`,
 * `unterminated_multipart`, `mime_too_deep`, `bad_transfer_encoding`, `scratch_too_small`,
 * `missing_status_part`, `bad_dsn_field` (a status line that is no field; a malformed Status),
 * `missing_dsn_field` (Reporting-MTA; Final-Recipient, Action or Status of a group; no group;
 * Feedback-Type), each at its offset (see `dsn_result`).
 */
[[nodiscard]] constexpr dsn_result parse_dsn(std::string_view message, char* scratch,
                                             std::size_t scratch_size,
                                             const dsn_options& options = {}) noexcept {
  dsn_result r;
  const std::string_view anchor = message.substr(0, 0);
  r.content_type = r.report_type = r.from = r.subject = r.auto_submitted = anchor;
  r.reporting_mta = r.dsn_gateway = r.received_from_mta = detail::dsn_empty_typed(anchor);
  r.arrival_date = r.original_envelope_id = r.status_part = r.recipients_text = anchor;
  r.feedback.feedback_type = r.feedback.user_agent = r.feedback.version = anchor;
  r.feedback.original_mail_from = r.feedback.original_rcpt_to = r.feedback.source_ip = anchor;
  r.feedback.reported_domain = r.feedback.arrival_date = anchor;
  r.human_text = r.human_charset = r.returned = r.returned_type = anchor;

  detail::dsn_walk w;
  w.msg = message;
  w.opt = &options;
  const bool walked = detail::dsn_walk_entity(w, message, 0);
  r.content_type = w.content_type.empty() ? anchor : w.content_type;
  if (!w.report_type.empty()) r.report_type = w.report_type;
  if (!w.from.empty()) r.from = w.from;
  if (!w.subject.empty()) r.subject = w.subject;
  if (!w.auto_submitted.empty()) r.auto_submitted = w.auto_submitted;
  if (!walked) {
    r.error = w.error;
    r.offset = w.offset;
    return r;
  }
  auto fail = [&r](errc e, std::size_t off) {
    r.error = e;
    r.offset = off;
    return r;
  };
  const bool feedback_report = detail::iequals(w.report_type, "feedback-report");
  if (feedback_report && !w.feedback.found) return fail(errc::missing_status_part, w.report_end);
  if (!feedback_report && !w.status.found &&
      (detail::iequals(w.report_type, "delivery-status") ||
       detail::iequals(w.report_type, "global-delivery-status")))
    return fail(errc::missing_status_part, w.report_end);

  // Decode (or take as is) the parts kept, in a fixed order: status, feedback, human text.
  detail::dsn_scratch sc{scratch, scratch_size};
  std::size_t first_overflow = 0;
  auto take = [&](const detail::dsn_leaf& leaf, std::string_view& out) {
    const auto offset_of = [&](std::string_view v) {
      return static_cast<std::size_t>(v.data() - message.data());
    };
    const detail::dsn_cte cte = detail::dsn_parse_cte(leaf.header_cte);
    if (cte == detail::dsn_cte::unknown) {
      (void)fail(errc::bad_transfer_encoding, offset_of(leaf.header_cte));
      return false;
    }
    if (cte == detail::dsn_cte::identity) {
      out = leaf.body;
      return true;
    }
    const std::size_t room = sc.overflow ? 0 : sc.size - sc.used;
    char* dest = sc.overflow || sc.data == nullptr ? nullptr : sc.data + sc.used;
    const detail::dsn_decoded d = cte == detail::dsn_cte::base64
                                      ? detail::dsn_decode_base64(leaf.body, dest, dest ? room : 0)
                                      : detail::dsn_decode_qp(leaf.body, dest, dest ? room : 0);
    if (!d.ok) {
      (void)fail(errc::bad_transfer_encoding, offset_of(leaf.body) + d.error_at);
      return false;
    }
    sc.needed += d.size;
    if (sc.overflow || d.size > room || (d.size != 0 && dest == nullptr)) {
      if (!sc.overflow) first_overflow = offset_of(leaf.body);
      sc.overflow = true;
      return true;
    }
    out = std::string_view(dest == nullptr ? message.data() : dest, d.size);
    sc.used += d.size;
    return true;
  };
  std::string_view status_text = anchor;
  std::string_view human = anchor;
  const detail::dsn_leaf& report_leaf = feedback_report ? w.feedback : w.status;
  if (report_leaf.found && !take(report_leaf, status_text)) return r;
  const detail::dsn_leaf& human_leaf = w.human_plain.found ? w.human_plain : w.human_other;
  if (human_leaf.found && !take(human_leaf, human)) return r;
  r.scratch_needed = sc.needed;
  if (sc.overflow) return fail(errc::scratch_too_small, first_overflow);
  r.scratch_used = sc.used;
  if (human_leaf.found) {
    r.human_text = human;
    if (!human_leaf.charset.empty()) r.human_charset = human_leaf.charset;
  }
  if (w.returned.found) {
    r.returned = w.returned.body;
    r.returned_type = w.returned.type;
  }

  // Where an error inside the status part is: in the message, or in the decoded text.
  const bool decoded = report_leaf.found && status_text.data() != report_leaf.body.data();
  auto fail_in_status = [&](errc e, std::size_t at) {
    if (decoded) {
      r.in_decoded = true;
      r.decoded_offset = at;
      return fail(e, static_cast<std::size_t>(report_leaf.body.data() - message.data()));
    }
    return fail(e, static_cast<std::size_t>(status_text.data() - message.data()) + at);
  };

  auto fail_report = [&](detail::dsn_problem p) {
    return p.error == errc{} ? r : fail_in_status(p.error, p.at);
  };
  if (feedback_report) {
    r.kind = message_kind::feedback_report;
    r.status_part = status_text;
    return fail_report(detail::dsn_read_feedback(status_text, options, r));
  }
  if (w.status.found) {
    r.kind = message_kind::dsn;
    r.global = w.status.global;
    r.status_part = status_text;
    return fail_report(detail::dsn_read_status(status_text, options, r));
  }

  if (detail::dsn_looks_like_bounce(w.from, w.subject)) {
    r.kind = message_kind::non_standard_bounce;
  } else if (detail::dsn_looks_like_auto_reply(w)) {
    r.kind = message_kind::auto_reply;
  }
  return r;
}

}  // namespace smtpcodes

#endif  // SMTPCODES_DSN_HPP
