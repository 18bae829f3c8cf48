// Compiling this file is the test: the public API works in constant expressions.
#include <smtpcodes.hpp>

namespace sc = smtpcodes;

// Reply codes.
static_assert(sc::parse_reply_code("250") == sc::codes::ok);
static_assert(!sc::parse_reply_code("2x5"));
static_assert(!sc::parse_reply_code("199"));
static_assert(!sc::parse_reply_code("600"));
static_assert(sc::make_reply_code(354)->is_positive_intermediate());
static_assert(sc::codes::service_not_available.is_transient());
static_assert(sc::codes::mailbox_unavailable.is_permanent());
static_assert(sc::codes::ok.klass() == sc::reply_class::positive_completion);
static_assert(sc::codes::help_message.category() == sc::reply_category::information);
static_assert(sc::name(sc::codes::start_mail_input) == "Start Mail Input");
static_assert(sc::lookup(sc::reply_code(235))->rfcs.substr(0, 8) == "RFC 4954");
static_assert(sc::lookup(sc::reply_code(259)) == nullptr);
static_assert(sc::explain(sc::reply_code(259))->status == sc::code_status::unregistered);
static_assert(!sc::explain(sc::reply_code(600)));
static_assert(sc::usages(sc::reply_code(454)).size() == 2);
static_assert(sc::registered_reply_codes().size() == 45);  // 355 (RFC 1845) added

// Enhanced status codes.
static_assert(sc::parse_enhanced_status("5.7.1")->subject == 7);
static_assert(!sc::parse_enhanced_status("5.01.1"));
static_assert(sc::match_enhanced_status("4.7.0 try later")->length == 5);
static_assert(sc::to_text(*sc::parse_enhanced_status("4.7.29")).view() == "4.7.29");
static_assert(sc::lookup(*sc::parse_enhanced_status("5.1.1"))->basic_codes == "451, 550");
static_assert(sc::explain(*sc::parse_enhanced_status("5.1.99"))->label() == "Addressing Status");
static_assert(sc::is_associated(*sc::lookup(*sc::parse_enhanced_status("5.7.1")),
                                sc::codes::mailbox_unavailable));
static_assert(sc::registered_enhanced_statuses().size() == 81);

// Comparison.
static_assert(!sc::compare(sc::reply_code(235), sc::reply_code(354))->same_class);
static_assert(sc::compare(sc::reply_code(250), sc::reply_code(250))->differences().empty());
static_assert(!sc::compare(sc::reply_code(250), sc::reply_code(199)));

// detail/ascii.hpp's character-class table is written out (computing it cost every TU 45-60 ms of
// constant evaluation with clang++); each entry derived here from the grammars it encodes.
namespace ascii_table_check {
constexpr bool is_alnum(int c) {
  return sc::detail::is_alnum_ascii(static_cast<char>(c));
}
constexpr unsigned char expected_bits(int c) {
  constexpr std::string_view atext_specials = "!#$%&'*+-/=?^_`{|}~";  // RFC 5322 §3.2.3
  unsigned char b = 0;
  if (is_alnum(c) || atext_specials.find(static_cast<char>(c)) != std::string_view::npos)
    b |= sc::detail::class_atext;
  if (is_alnum(c) || c == '-') b |= sc::detail::class_ldh;  // RFC 5321 §4.1.2 Ldh-str
  if (c >= 33 && c <= 126 && c != '=') b |= sc::detail::class_esmtp_value;  // RFC 5321 §4.1.2
  if (c >= 33 && c <= 126 && c != '=' && c != '+') b |= sc::detail::class_xchar;  // RFC 3461 §4
  return b;
}
constexpr bool table_matches() {
  for (int c = 0; c < 256; ++c) {
    if (sc::detail::char_classes.bits[c] != expected_bits(c)) return false;
  }
  return true;
}
static_assert(table_matches(), "detail::char_classes differs from the grammars");
}  // namespace ascii_table_check

// dsn.hpp's token bits, the same way: RFC 2045 §5.1 token = printable ASCII but SP and tspecials.
namespace dsn_token_check {
constexpr bool table_matches() {
  constexpr std::string_view tspecials = "()<>@,;:\\\"/[]?=";
  for (int c = 0; c < 256; ++c) {
    const bool expected =
        c >= 33 && c <= 126 && tspecials.find(static_cast<char>(c)) == std::string_view::npos;
    if (sc::detail::dsn_token_char(static_cast<char>(c)) != expected) return false;
  }
  return true;
}
static_assert(table_matches(), "detail::dsn_token_bits differs from RFC 2045's token");
}  // namespace dsn_token_check

int main() {
  return 0;
}
