// Tests for common_replies.hpp: the operational advice for the replies admins meet most. The
// header comes first to prove it is self-contained.
#include <doctest/doctest.h>

#include <set>
#include <smtpcodes/common_replies.hpp>
#include <smtpcodes/enhanced_status_info.hpp>
#include <smtpcodes/reply_code_info.hpp>
#include <string>
#include <utility>

using smtpcodes::enhanced_status;
using smtpcodes::reply_code;
using smtpcodes::retry_advice;
using smtpcodes::who_acts;

namespace {
constexpr enhanced_status esc(int k, int s, int d) {
  return enhanced_status{static_cast<std::uint8_t>(k), static_cast<std::uint16_t>(s),
                         static_cast<std::uint16_t>(d)};
}
constexpr reply_code rc(int c) {
  return reply_code(static_cast<std::uint16_t>(c));
}

static_assert(smtpcodes::find_common_reply(rc(550), esc(5, 1, 1))->retry == retry_advice::never);
static_assert(smtpcodes::find_common_reply(rc(550), esc(5, 1, 2)) == nullptr);
}  // namespace

TEST_CASE("the fifteen common replies are all there") {
  const std::pair<int, enhanced_status> wanted[] = {
      {550, esc(5, 1, 1)}, {550, esc(5, 7, 1)}, {554, esc(5, 7, 1)},  {421, esc(4, 7, 0)},
      {450, esc(4, 2, 0)}, {451, esc(4, 7, 1)}, {451, esc(4, 3, 0)},  {452, esc(4, 5, 3)},
      {552, esc(5, 3, 4)}, {452, esc(4, 2, 2)}, {552, esc(5, 2, 2)},  {535, esc(5, 7, 8)},
      {530, esc(5, 7, 0)}, {554, esc(5, 7, 9)}, {550, esc(5, 7, 26)}, {451, esc(4, 4, 1)},
  };
  for (const auto& row : wanted) {
    const int code = row.first;
    const enhanced_status status = row.second;
    CAPTURE(code);
    CAPTURE(status.subject);
    CAPTURE(status.detail);
    const auto* r = smtpcodes::find_common_reply(rc(code), status);
    REQUIRE(r != nullptr);
    CHECK(!r->title.empty());
    CHECK(!r->check_first.empty());
    CHECK(!r->retry_when.empty());
    CHECK(r->rfc.find("RFC") != std::string_view::npos);
    // Both codes are registered, and the enhanced code reads right for its class.
    if (r->code != 0) {
      CHECK(smtpcodes::is_registered(rc(r->code)));
    }
    const auto e = smtpcodes::explain(status);
    REQUIRE(e);
    CHECK(e->is_registered());
    CHECK_FALSE(e->contradicts_class());
  }
  CHECK(smtpcodes::common_replies().size() == 16);
}

TEST_CASE("who acts and whether to retry follow the class") {
  for (const auto& r : smtpcodes::common_replies()) {
    CAPTURE(r.title);
    // A transient class is retried by the queue; a permanent one needs a change first or never.
    if (r.status.klass == 4) {
      CHECK(r.retry == retry_advice::automatic);
    } else {
      CHECK(r.retry != retry_advice::automatic);
    }
  }
  CHECK(smtpcodes::find_common_reply(rc(550), esc(5, 1, 1))->who == who_acts::sender);
  CHECK(smtpcodes::find_common_reply(rc(451), esc(4, 3, 0))->who == who_acts::receiving_admin);
  CHECK(smtpcodes::find_common_reply(rc(452), esc(4, 2, 2))->who == who_acts::recipient);
  CHECK(smtpcodes::find_common_reply(rc(550), esc(5, 7, 26))->who == who_acts::sender_admin);
  CHECK(smtpcodes::find_common_reply(rc(451), esc(4, 7, 1))->who == who_acts::no_one);
  // 4.4.1 holds for any basic code, and without one.
  CHECK(smtpcodes::find_common_reply(rc(421), esc(4, 4, 1)) != nullptr);
  CHECK(smtpcodes::find_common_reply(reply_code(), esc(4, 4, 1)) != nullptr);
  // 5.7.9 after DATA is a policy rejection (some providers), not a weak mechanism.
  const auto* weak = smtpcodes::find_common_reply(rc(554), esc(5, 7, 9));
  REQUIRE(weak != nullptr);
  CHECK(weak->check_first.find("DMARC") != std::string_view::npos);
  CHECK(smtpcodes::to_string(who_acts::receiving_admin) == "the receiving admin");
  CHECK(smtpcodes::to_string(retry_advice::after_fix) == "after fix");
}
