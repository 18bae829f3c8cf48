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

int main() {
  return 0;
}
