// Language catalogs (issue 15): every language header compiles, its tables hold one entry per
// English entry (the header's own static_assert; checked here again at run time), its texts
// are translated, and matches_english refuses a catalog with an entry missing or out of order.
#include <doctest/doctest.h>

#include <smtpcodes/catalog.hpp>
#include <smtpcodes/lang/ar.hpp>
#include <smtpcodes/lang/fr.hpp>
#include <smtpcodes/lang/ru.hpp>
#include <smtpcodes/lang/tr.hpp>
#include <smtpcodes/lang/zh.hpp>
#include <string_view>

namespace {
using namespace smtpcodes;

const catalog* const all[] = {&lang::ar, &lang::fr, &lang::ru, &lang::tr, &lang::zh};

// Two English-sized reply tables that differ from the real one: one entry short, and two
// entries swapped (built from the English keys so only the defect differs).
constexpr reply_code_text short_table[] = {{211, "a", "", "", "", ""}};
constexpr catalog with_short_table = {"xx",
                                      "xx",
                                      short_table,
                                      lang::tr.reply_code_usages,
                                      lang::tr.enhanced_classes,
                                      lang::tr.enhanced_subjects,
                                      lang::tr.enhanced_details};
static_assert(!matches_english(with_short_table), "a missing entry must be refused");
}  // namespace

TEST_CASE("every catalog has every English entry, in order, with its keys") {
  for (const catalog* c : all) {
    CAPTURE(c->tag);
    CHECK(matches_english(*c));
    REQUIRE(c->reply_codes.size == std::size(detail::reply_code_table));
    REQUIRE(c->enhanced_details.size == std::size(detail::enhanced_detail_table));
    for (std::size_t i = 0; i < c->reply_codes.size; ++i) {
      const reply_code_text& t = c->reply_codes.entries[i];
      const reply_code_info& e = detail::reply_code_table[i];
      CAPTURE(e.code);
      CHECK(t.code == e.code);
      CHECK(!t.name.empty());
      CHECK(t.name != e.name);  // translated, not copied
      CHECK(!t.description.empty());
      CHECK(t.description != e.description);
      CHECK(!t.fix.empty());
    }
    for (std::size_t i = 0; i < c->enhanced_details.size; ++i) {
      const enhanced_detail_text& t = c->enhanced_details.entries[i];
      const enhanced_detail_info& e = detail::enhanced_detail_table[i];
      CHECK(t.subject == e.subject);
      CHECK(t.detail == e.detail);
      CHECK(t.label != e.label);
      CHECK(t.description != e.description);
    }
  }
}

TEST_CASE("a catalog with two entries swapped is refused") {
  reply_code_text swapped[std::size(detail::reply_code_table)] = {};
  for (std::size_t i = 0; i < std::size(swapped); ++i) swapped[i] = lang::tr.reply_codes.entries[i];
  CHECK(matches_english({"xx", "xx", swapped, lang::tr.reply_code_usages, lang::tr.enhanced_classes,
                         lang::tr.enhanced_subjects, lang::tr.enhanced_details}));
  std::swap(swapped[3], swapped[4]);
  CHECK_FALSE(
      matches_english({"xx", "xx", swapped, lang::tr.reply_code_usages, lang::tr.enhanced_classes,
                       lang::tr.enhanced_subjects, lang::tr.enhanced_details}));
}

TEST_CASE("tags and native names") {
  CHECK(lang::ar.tag == "ar");
  CHECK(lang::ar.native_name == "العربية");
  CHECK(lang::fr.native_name == "Français");
  CHECK(lang::ru.native_name == "Русский");
  CHECK(lang::tr.tag == "tr");
  CHECK(lang::tr.native_name == "Türkçe");
  CHECK(lang::zh.native_name == "简体中文");
}

// The accessors work in constant expressions, English included.
static_assert(smtpcodes::name(smtpcodes::reply_code(354), smtpcodes::lang::en) ==
              "Start Mail Input");
static_assert(smtpcodes::explain(smtpcodes::reply_code(250), smtpcodes::lang::tr)->code == 250);

TEST_CASE("lang::en is the built-in English") {
  CHECK(matches_english(lang::en));
  for (const reply_code_info& e : registered_reply_codes()) {
    const std::optional<reply_code_info> got = explain(e.as_code(), lang::en);
    REQUIRE(got.has_value());
    CHECK(got->description.data() == e.description.data());  // a view of the table, not a copy
    CHECK(got->fix == e.fix);
  }
}

TEST_CASE("explain and name in a language: texts translated, facts kept") {
  const reply_code_info& english = *lookup(reply_code(550));
  const std::optional<reply_code_info> fr = explain(reply_code(550), lang::fr);
  REQUIRE(fr.has_value());
  const std::size_t at = static_cast<std::size_t>(&english - detail::reply_code_table);
  CHECK(fr->name == lang::fr.reply_codes.entries[at].name);
  CHECK(fr->fix == lang::fr.reply_codes.entries[at].fix);
  CHECK(fr->name != english.name);
  CHECK(fr->rfcs == english.rfcs);  // never translated
  CHECK(fr->status == english.status);
  CHECK(name(reply_code(550), lang::zh) == lang::zh.reply_codes.entries[at].name);
  CHECK(name(reply_code(259), lang::zh).empty());  // unregistered: no name
  // An unregistered code: what explain builds from its digits, still in English.
  const std::optional<reply_code_info> unregistered = explain(reply_code(259), lang::ru);
  REQUIRE(unregistered.has_value());
  CHECK(unregistered->status == code_status::unregistered);
  CHECK(unregistered->description == explain(reply_code(259))->description);
  CHECK_FALSE(explain(reply_code(600), lang::ru).has_value());
}

TEST_CASE("localize usages and enhanced-status entries") {
  for (const reply_code_usage& u : usages(reply_code(220))) {
    const reply_code_usage got = localize(u, lang::ru);
    CHECK(got.context == u.context);
    CHECK(got.rfc == u.rfc);
    CHECK(got.meaning != u.meaning);
    CHECK(!got.meaning.empty());
  }
  const enhanced_detail_info& e = *lookup(enhanced_status{5, 1, 1});
  const enhanced_detail_info zh = localize(e, lang::zh);
  CHECK(zh.subject == 1);
  CHECK(zh.detail == 1);
  CHECK(zh.basic_codes == e.basic_codes);
  CHECK(zh.rfc == e.rfc);
  CHECK(zh.label != e.label);
  CHECK(zh.label == lang::zh.enhanced_details.entries[&e - detail::enhanced_detail_table].label);
  const enhanced_class_info ar = localize(*lookup_enhanced_class(5), lang::ar);
  CHECK(ar.klass == 5);
  CHECK(ar.label == lang::ar.enhanced_classes.entries[2].label);
  const enhanced_subject_info tr = localize(*lookup_enhanced_subject(7), lang::tr);
  CHECK(tr.subject == 7);
  CHECK(tr.description == lang::tr.enhanced_subjects.entries[7].description);
}

TEST_CASE("a catalog nobody checked is never read past its tables") {
  // with_short_table has one reply-code entry: every other code falls back to English.
  const std::optional<reply_code_info> got = explain(reply_code(550), with_short_table);
  REQUIRE(got.has_value());
  CHECK(got->name == lookup(reply_code(550))->name);
  const reply_code_text blank[1] = {};
  const catalog one_blank_entry = {"xx",
                                   "xx",
                                   blank,
                                   lang::tr.reply_code_usages,
                                   lang::tr.enhanced_classes,
                                   lang::tr.enhanced_subjects,
                                   lang::tr.enhanced_details};
  CHECK(explain(reply_code(211), one_blank_entry)->name.empty());  // entry 0 is the one given
}
