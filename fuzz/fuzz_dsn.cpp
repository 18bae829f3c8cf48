// Fuzzes parse_dsn on any octets: the first octet chooses the leniencies, small limits and the
// scratch size; the input sits in an allocation of exactly its size and so does the scratch,
// so a read or write past either is caught. Every view of the result and of each recipient
// lies inside the input or the used scratch (empty ones too); the recipient walk gives
// recipient_count groups; a scratch of the size asked for is enough; a larger scratch changes
// nothing.
#include <smtpcodes/dsn.hpp>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_views.hpp"

namespace {

bool within(std::string_view v, std::string_view area) {
  const std::uintptr_t lo = reinterpret_cast<std::uintptr_t>(area.data());
  const std::uintptr_t at = reinterpret_cast<std::uintptr_t>(v.data());
  return area.data() != nullptr && at >= lo && at - lo <= area.size() &&
         v.size() <= area.size() - (at - lo);
}

struct views {
  std::string_view input;
  std::string_view scratch;
  void operator()(std::string_view v) const { check(within(v, input) || within(v, scratch)); }
  void typed(const smtpcodes::dsn_typed_field& f) const {
    (*this)(f.type);
    (*this)(f.value);
    (*this)(f.raw);
  }
};

std::size_t check_result(const smtpcodes::dsn_result& r, std::string_view input,
                         const char* scratch, std::size_t scratch_size) {
  check(r.ok() != r.failed());
  check(r.offset <= input.size());
  check(r.scratch_used <= scratch_size && r.scratch_used <= r.scratch_needed);
  const views in{input, std::string_view(scratch, r.scratch_used)};
  for (const std::string_view v : {r.content_type,
                                   r.report_type,
                                   r.from,
                                   r.subject,
                                   r.auto_submitted,
                                   r.arrival_date,
                                   r.original_envelope_id,
                                   r.status_part,
                                   r.recipients_text,
                                   r.human_text,
                                   r.human_charset,
                                   r.returned,
                                   r.returned_type,
                                   r.feedback.feedback_type,
                                   r.feedback.user_agent,
                                   r.feedback.version,
                                   r.feedback.original_mail_from,
                                   r.feedback.original_rcpt_to,
                                   r.feedback.source_ip,
                                   r.feedback.reported_domain,
                                   r.feedback.arrival_date}) {
    in(v);
  }
  in.typed(r.reporting_mta);
  in.typed(r.dsn_gateway);
  in.typed(r.received_from_mta);
  if (r.failed()) return 0;
  if (r.kind == smtpcodes::message_kind::dsn) check_inside(r.recipients_text, r.status_part);
  std::size_t n = 0;
  for (const smtpcodes::dsn_recipient& x : r.recipients()) {
    ++n;
    in.typed(x.final_recipient);
    in.typed(x.original_recipient);
    in.typed(x.remote_mta);
    in.typed(x.diagnostic_code);
    for (const std::string_view v :
         {x.action_text, x.status_text, x.last_attempt_date, x.final_log_id, x.will_retry_until,
          x.raw, x.reply.text, x.reply.match, x.reply.marker}) {
      in(v);
    }
    check(within(x.raw, r.recipients_text));
    if (x.status) check(x.status->is_well_formed());
    if (x.reply.found) check_inside(x.reply.match, x.diagnostic_code.value);
  }
  check(n == r.recipient_count);
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  const std::size_t size = in.data.size();
  std::vector<char> exact = exact_copy(in.data, size);
  if (exact.empty()) exact.push_back('\0');  // an address for the empty input
  const std::string_view input(exact.data(), size);

  smtpcodes::dsn_options options;
  options.accept_header_lines_without_colon = in.flag(0);
  options.accept_unterminated_multipart = in.flag(1);
  options.accept_missing_fields = in.flag(2);
  options.accept_malformed_status = in.flag(3);
  if (in.flag(4)) {
    options.max_header_size = 200;
    options.max_field_size = 60;
    options.max_depth = 2;
  }
  const std::size_t sizes[] = {0, 16, size / 2, size};
  const std::size_t scratch_size = sizes[(in.flags >> 5) & 3];
  std::vector<char> scratch(scratch_size == 0 ? 1 : scratch_size);
  const auto r = smtpcodes::parse_dsn(input, scratch_size == 0 ? nullptr : scratch.data(),
                                      scratch_size, options);
  check_result(r, input, scratch.data(), scratch_size);

  // A scratch as large as the input always does, and gives the same result otherwise.
  std::vector<char> full(size == 0 ? 1 : size);
  const auto f = smtpcodes::parse_dsn(input, full.data(), size, options);
  check_result(f, input, full.data(), size);
  check(f.error != smtpcodes::errc::scratch_too_small);
  if (r.error == smtpcodes::errc::scratch_too_small) {
    check(r.scratch_needed > scratch_size);
    std::vector<char> asked(r.scratch_needed);
    const auto a = smtpcodes::parse_dsn(input, asked.data(), asked.size(), options);
    check_result(a, input, asked.data(), asked.size());
    check(a.error != smtpcodes::errc::scratch_too_small);
  } else {
    check(f.error == r.error && f.offset == r.offset && f.kind == r.kind &&
          f.recipient_count == r.recipient_count && f.scratch_needed == r.scratch_needed);
  }
  return 0;
}
