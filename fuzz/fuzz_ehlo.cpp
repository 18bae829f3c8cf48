// Fuzzes parse_ehlo on every reply the reply parser completes (with the lenient reply options
// from the first octet, so odd EHLO replies reach it), and walks every accessor. On success and
// on error, every view (domain, greeting, each capability's keyword and parameters) lies inside
// the input.
#include <smtpcodes.hpp>

#include "fuzz_common.hpp"
#include "fuzz_views.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* p, std::size_t n) {
  const fuzz_input in(p, n);
  smtpcodes::reply_options ro;
  ro.accept_bare_lf = in.flag(0);
  ro.accept_8bit = in.flag(1);
  ro.accept_missing_separator = in.flag(2);
  ro.accept_inconsistent_enhanced_status = true;
  ro.accept_bare_cr = in.flag(5);
  smtpcodes::ehlo_options eo;
  eo.accept_malformed_keywords = in.flag(3);
  eo.accept_old_auth_form = in.flag(4);
  smtpcodes::reply_parser parser(ro);
  std::string_view rest = in.data;
  while (true) {
    const auto r = parser.feed(rest);
    if (!r.is_complete()) break;
    const auto ehlo = smtpcodes::parse_ehlo(parser.reply(), eo);
    check(ehlo.ok() != ehlo.failed());
    check_ehlo_views(ehlo, rest.substr(0, r.consumed));
    if (ehlo.ok()) {
      const auto& c = ehlo.capabilities;
      check(!c.domain().empty());
      (void)c.size_limit();
      (void)c.limits();
      (void)c.deliver_by_minimum();
      (void)c.supports_auth_mechanism("XOAUTH2");
      for (std::size_t e = 0; e < smtpcodes::extension_count; ++e) {
        const auto ext = static_cast<smtpcodes::extension>(e);
        if (!c.has(ext)) check(c.parameters(ext).empty());
      }
      if (c.size_limit()) check(c.has(smtpcodes::extension::size));
      for (const auto& cap : c) {
        // "KEYWORD=..." is never read as a known extension (issue 10, 8b).
        if (cap.known != nullptr) check(cap.keyword.find('=') == std::string_view::npos);
        if (cap.old_auth_form) check(cap.known == nullptr);
      }
    } else {
      check(ehlo.offset <= parser.reply().raw().size());
    }
    rest.remove_prefix(r.consumed);
  }
  return 0;
}
