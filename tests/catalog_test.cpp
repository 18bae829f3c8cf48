// Language catalogs (issue 15): every language header compiles, its tables hold one entry per
// English entry (the header's own static_assert; checked here again at run time), its texts
// are translated, and matches_english refuses a catalog with an entry missing or out of order.
#include <doctest/doctest.h>

#include <deque>
#include <optional>
#include <smtpcodes/catalog.hpp>
#include <smtpcodes/compare.hpp>
#include <smtpcodes/lang/ar.hpp>
#include <smtpcodes/lang/fr.hpp>
#include <smtpcodes/lang/ru.hpp>
#include <smtpcodes/lang/tr.hpp>
#include <smtpcodes/lang/zh.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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
                                      lang::tr.enhanced_details,
                                      {},  // no class, category, bounce and unregistered-name
                                      {},  // tables: English
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {},
                                      {}};
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
  catalog c = lang::tr;
  c.reply_codes = swapped;
  CHECK(matches_english(c));
  std::swap(swapped[3], swapped[4]);
  CHECK_FALSE(matches_english(c));
  // The class, category and bounce-reason tables are checked too: swapped, or left out.
  reply_category_text categories[5] = {};
  for (std::size_t i = 0; i < 5; ++i) categories[i] = lang::tr.reply_categories.entries[i];
  c = lang::tr;
  c.reply_categories = categories;
  CHECK(matches_english(c));
  std::swap(categories[3], categories[4]);
  CHECK_FALSE(matches_english(c));
  c = lang::tr;
  c.reply_classes = {};
  CHECK_FALSE(matches_english(c));
  bounce_reason_text reasons[bounce_reason_count] = {};
  for (std::size_t i = 0; i < bounce_reason_count; ++i)
    reasons[i] = lang::tr.bounce_reasons.entries[i];
  c = lang::tr;
  c.bounce_reasons = reasons;
  CHECK(matches_english(c));
  std::swap(reasons[1], reasons[2]);
  CHECK_FALSE(matches_english(c));
  c.bounce_reasons = {};
  CHECK_FALSE(matches_english(c));
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
  // An unregistered code: what explain builds from its digits, in the language; its commands
  // and RFC as in English.
  const std::optional<reply_code_info> unregistered = explain(reply_code(259), lang::ru);
  const std::optional<reply_code_info> english_259 = explain(reply_code(259));
  REQUIRE(unregistered.has_value());
  CHECK(unregistered->status == code_status::unregistered);
  CHECK(unregistered->description == lang::ru.reply_classes.entries[0].meaning);
  CHECK(unregistered->when == lang::ru.reply_categories.entries[4].meaning);
  CHECK(unregistered->fix == lang::ru.reply_classes.entries[0].action);
  CHECK(unregistered->description != english_259->description);
  CHECK(unregistered->name == lang::ru.reply_unregistered_names.entries[4].name);  // 2yz, x5z
  CHECK(unregistered->name != english_259->name);
  CHECK(unregistered->commands == lang::ru.reply_unregistered_texts.entries[0].text);
  CHECK(unregistered->commands != english_259->commands);
  CHECK(unregistered->rfcs.substr(0, 15) == english_259->rfcs.substr(0, 15));  // RFC 5321 §4.2.1
  CHECK(unregistered->rfcs != english_259->rfcs);  // and the note on it translated
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
                                   lang::tr.enhanced_details,
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {},
                                   {}};
  CHECK(explain(reply_code(211), one_blank_entry)->name.empty());  // entry 0 is the one given
}

TEST_CASE("class and category names and texts in each language") {
  for (const catalog* c : all) {
    CAPTURE(c->tag);
    REQUIRE(c->reply_classes.size == 4);
    REQUIRE(c->reply_categories.size == 5);
    const reply_class classes[] = {
        reply_class::positive_completion, reply_class::positive_intermediate,
        reply_class::transient_negative, reply_class::permanent_negative};
    for (std::size_t i = 0; i < 4; ++i) {
      const reply_class k = classes[i];
      CAPTURE(to_string(k));
      CHECK(class_name(k, *c) == c->reply_classes.entries[i].name);
      CHECK(class_meaning(k, *c) == c->reply_classes.entries[i].meaning);
      CHECK(class_action(k, *c) == c->reply_classes.entries[i].action);
      CHECK(class_name(k, *c) != to_string(k));  // translated, not copied
      CHECK(class_meaning(k, *c) != class_meaning(k));
      CHECK(class_action(k, *c) != class_action(k));
      CHECK(!class_name(k, *c).empty());
    }
    const reply_category categories[] = {reply_category::syntax, reply_category::information,
                                         reply_category::connections, reply_category::unspecified,
                                         reply_category::mail_system};
    for (std::size_t i = 0; i < 5; ++i) {
      const reply_category k = categories[i];
      CAPTURE(to_string(k));
      CHECK(category_name(k, *c) == c->reply_categories.entries[i].name);
      CHECK(category_meaning(k, *c) == c->reply_categories.entries[i].meaning);
      CHECK(category_name(k, *c) != to_string(k));
      CHECK(category_meaning(k, *c) != category_meaning(k));
    }
    // x4z is unspecified, like x3z.
    CHECK(category_name(reply_code(541).category(), *c) ==
          category_name(reply_code(530).category(), *c));
  }
  CHECK(class_name(reply_class::permanent_negative, lang::fr) == "Réponse négative définitive");
  CHECK(category_name(reply_category::mail_system, lang::fr) == "système de messagerie");
  CHECK(class_name(reply_class::transient_negative, lang::zh) == "暂时否定完成");
  CHECK(category_name(reply_category::syntax, lang::tr) == "sözdizimi");
}

// English through lang::en is the built-in text, and works in constant expressions.
static_assert(smtpcodes::class_name(smtpcodes::reply_class::permanent_negative,
                                    smtpcodes::lang::en) == "Permanent Negative Completion");
static_assert(smtpcodes::category_name(smtpcodes::reply_category::mail_system,
                                       smtpcodes::lang::en) == "mail system");
static_assert(smtpcodes::category_name(smtpcodes::reply_category::connections,
                                       smtpcodes::lang::fr) == "connexions");

TEST_CASE("class and category texts fall back to English in a catalog without them") {
  // with_short_table has the first five tables only.
  CHECK(with_short_table.reply_classes.size == 0);
  for (const reply_class k : {reply_class::positive_completion, reply_class::permanent_negative}) {
    CHECK(class_name(k, with_short_table) == to_string(k));
    CHECK(class_meaning(k, with_short_table) == class_meaning(k));
    CHECK(class_action(k, with_short_table) == class_action(k));
  }
  CHECK(category_name(reply_category::mail_system, with_short_table) == "mail system");
  CHECK(category_meaning(reply_category::syntax, with_short_table) ==
        category_meaning(reply_category::syntax));
  CHECK(explain(reply_code(259), with_short_table)->description ==
        explain(reply_code(259))->description);
  CHECK(explain(reply_code(259), with_short_table)->name == "Unregistered Success (mail system)");
  CHECK(class_name(reply_class::positive_completion, lang::en).data() ==
        to_string(reply_class::positive_completion).data());  // a view, not a copy
}

TEST_CASE("bounce reasons in each language: texts translated, name and facts kept") {
  for (const catalog* c : all) {
    CAPTURE(c->tag);
    REQUIRE(c->bounce_reasons.size == bounce_reason_count);
    for (std::size_t i = 0; i < bounce_reason_count; ++i) {
      const bounce_reason_info& e = bounce_reason_table[i];
      CAPTURE(e.name);
      const bounce_reason_info got = reason_info(e.reason, *c);
      CHECK(got.reason == e.reason);
      CHECK(got.name == e.name);  // an identifier, never translated
      CHECK(got.hard == e.hard);
      CHECK(got.retry == e.retry);
      CHECK(got.actor == e.actor);
      CHECK(got.description == c->bounce_reasons.entries[i].description);
      CHECK(got.when == c->bounce_reasons.entries[i].when);
      CHECK(got.fix == c->bounce_reasons.entries[i].fix);
      CHECK(got.description != e.description);  // translated, not copied
      CHECK(got.fix != e.fix);
      CHECK(!got.when.empty());
      CHECK(localize(e, *c).description == got.description);
    }
  }
  const bounce_reason_info fr = reason_info(bounce_reason::userunknown, lang::fr);
  CHECK(fr.name == "userunknown");
  CHECK(fr.description.find("La boîte aux lettres du destinataire") == 0);
  // Quoted server replies stay as servers send them.
  CHECK(reason_info(bounce_reason::userunknown, lang::zh).when.find("\"550 5.1.1 User unknown\"") !=
        std::string_view::npos);
}

static_assert(smtpcodes::reason_info(smtpcodes::bounce_reason::mailboxfull, smtpcodes::lang::en)
                  .description.data() ==
              smtpcodes::reason_info(smtpcodes::bounce_reason::mailboxfull).description.data());

TEST_CASE("bounce reasons fall back to English") {
  for (const bounce_reason_info& e : bounce_reason_table) {
    const bounce_reason_info got = reason_info(e.reason, with_short_table);
    CHECK(got.description == e.description);
    CHECK(got.when == e.when);
    CHECK(got.fix == e.fix);
    CHECK(reason_info(e.reason, lang::en).fix.data() == e.fix.data());  // a view of the table
  }
  // A value outside the enum: reason_info gives the undefined row, in the language; a row
  // carrying such a value comes back from localize as it is.
  const auto outside = static_cast<bounce_reason>(200);
  CHECK(reason_info(outside, lang::fr).description ==
        lang::fr.bounce_reasons.entries[0].description);
  bounce_reason_info odd = reason_info(bounce_reason::blocked);
  odd.reason = outside;
  CHECK(localize(odd, lang::fr).description == odd.description);
  // A row passed in that is not the table's (a caller's copy with another text) keeps its key.
  bounce_reason_info mine = reason_info(bounce_reason::blocked);
  mine.description = "ours";
  CHECK(localize(mine, lang::ru).description ==
        lang::ru.bounce_reasons.entries[static_cast<std::size_t>(bounce_reason::blocked)]
            .description);
}

TEST_CASE("unregistered codes' names in each language") {
  for (const catalog* c : all) {
    CAPTURE(c->tag);
    REQUIRE(c->reply_unregistered_names.size == 20);
    for (unsigned value = 200; value < 600; ++value) {
      const reply_code code(static_cast<std::uint16_t>(value));
      if (!code.is_well_formed() || is_registered(code)) continue;
      CAPTURE(value);
      const std::optional<reply_code_info> english = explain(code);
      const std::optional<reply_code_info> got = explain(code, *c);
      REQUIRE(got.has_value());
      CHECK(got->name != english->name);
      CHECK(!got->name.empty());
      // The same name for every code of the same class and category (x3z and x4z alike).
      const unsigned first = value / 100U, second = (value / 10U) % 10U;
      std::size_t at = 0;
      while (c->reply_unregistered_names.entries[at].klass != first ||
             c->reply_unregistered_names.entries[at].category != (second == 4U ? 3U : second))
        ++at;
      CHECK(got->name == c->reply_unregistered_names.entries[at].name);
    }
  }
  CHECK(explain(reply_code(259), lang::fr)->name ==
        "Succès non enregistré (système de messagerie)");
  CHECK(explain(reply_code(541), lang::tr)->name == "Kayıtsız kalıcı hata (belirtilmemiş)");
  CHECK(explain(reply_code(259), lang::en)->name == explain(reply_code(259))->name);
}

TEST_CASE("provider codes in a language: meaning and fix translated, facts kept") {
  constexpr std::size_t n = std::size(detail::provider_code_table);
  static provider_code_text texts[n] = {};
  for (std::size_t i = 0; i < n; ++i) {
    const provider_code_info& e = detail::provider_code_table[i];
    texts[i] = {e.who, e.code, "sens", "correctif"};
  }
  catalog c = lang::tr;
  c.provider_codes = texts;
  CHECK(matches_english(c));
  for (const provider_code_info& e : provider_codes()) {
    CAPTURE(e.code);
    const provider_code_info got = localize(e, c);
    CHECK(got.meaning == "sens");
    CHECK(got.fix == "correctif");
    CHECK(got.code.data() == e.code.data());
    CHECK(got.phrase.data() == e.phrase.data());
    CHECK(got.url.data() == e.url.data());
    CHECK(got.reason == e.reason);
    CHECK(got.who == e.who);
    // English: the table's own views.
    CHECK(localize(e, lang::en).meaning.data() == e.meaning.data());
  }
  // A copy of an entry is found by its keys; an entry not in the table comes back unchanged.
  provider_code_info copy = detail::provider_code_table[5];
  CHECK(localize(copy, c).meaning == "sens");
  copy.code = "9.9.9";
  CHECK(localize(copy, c).meaning == detail::provider_code_table[5].meaning);
  // Out of order or missing: refused.
  std::swap(texts[0], texts[n - 1]);
  CHECK_FALSE(matches_english(c));
  std::swap(texts[0], texts[n - 1]);
  c.provider_codes = catalog_table<provider_code_text>(texts);
  c.provider_codes.size = n - 1;
  CHECK_FALSE(matches_english(c));
  // A catalog without the table (written before it existed) gives the English texts.
  c.provider_codes = {};
  CHECK(localize(detail::provider_code_table[0], c).meaning.data() ==
        detail::provider_code_table[0].meaning.data());
}

namespace {
// A marker text built from an English text: "«" + English + "»", kept alive for the test run.
std::string_view mark(std::string_view english) {
  static std::deque<std::string> store;
  store.push_back("\xC2\xAB" + std::string(english) + "\xC2\xBB");
  return store.back();
}

// A copy of an English keyed table with every text replaced by its marker.
template <class Key, std::size_t N>
std::vector<keyed_text<Key>> marked(const keyed_text<Key> (&english)[N]) {
  std::vector<keyed_text<Key>> out;
  for (const keyed_text<Key>& e : english) out.push_back({e.key, mark(e.text)});
  return out;
}

template <class T>
catalog_table<T> table_of(const std::vector<T>& rows) {
  catalog_table<T> t;
  t.entries = rows.data();
  t.size = rows.size();
  return t;
}
}  // namespace

TEST_CASE("an unregistered code's commands and RFC note in a language") {
  std::vector<reply_unregistered_text> texts = marked(detail::reply_unregistered_text_table);
  REQUIRE(texts.size() == 2);
  catalog c = lang::tr;
  c.reply_unregistered_texts = table_of(texts);
  CHECK(matches_english(c));
  const std::optional<reply_code_info> english = explain(reply_code(259));
  const std::optional<reply_code_info> got = explain(reply_code(259), c);
  REQUIRE(got.has_value());
  CHECK(got->commands ==
        "\xC2\xAB"
        "any\xC2\xBB");
  CHECK(got->rfcs ==
        "\xC2\xAB"
        "RFC 5321 §4.2.1 (meaning of the digits)\xC2\xBB");
  CHECK(got->code == 259);
  CHECK(got->status == code_status::unregistered);
  CHECK(got->name == explain(reply_code(259), lang::tr)->name);
  // A registered code keeps its own commands and RFCs.
  CHECK(explain(reply_code(250), c)->commands == explain(reply_code(250), lang::tr)->commands);
  CHECK(explain(reply_code(250), c)->rfcs.data() == lookup(reply_code(250))->rfcs.data());
  // Swapped or short: refused.
  std::swap(texts[0], texts[1]);
  c.reply_unregistered_texts = table_of(texts);
  CHECK_FALSE(matches_english(c));
  std::swap(texts[0], texts[1]);
  c.reply_unregistered_texts = table_of(texts);
  c.reply_unregistered_texts.size = 1;
  CHECK_FALSE(matches_english(c));
  // An empty table (a catalog written before the table) gives the English texts themselves.
  c.reply_unregistered_texts = {};
  CHECK(explain(reply_code(259), c)->commands.data() == english->commands.data());
  CHECK(explain(reply_code(259), c)->rfcs.data() == english->rfcs.data());
  CHECK(explain(reply_code(259), lang::en)->rfcs.data() == english->rfcs.data());
}

TEST_CASE("an enhanced explanation's own notes in a language") {
  std::vector<enhanced_note_text> texts = marked(detail::enhanced_note_table);
  REQUIRE(texts.size() == 7);
  catalog c = lang::tr;
  c.enhanced_notes = table_of(texts);
  CHECK(matches_english(c));
  auto marker = [](enhanced_note n) {
    return "\xC2\xAB" + std::string(detail::enhanced_note_table[static_cast<int>(n)].text) +
           "\xC2\xBB";
  };
  // An unregistered subject: its label and its note.
  const auto subject = explain(enhanced_status{5, 9, 1}, c);
  REQUIRE(subject.has_value());
  CHECK(subject->label() == marker(enhanced_note::unregistered_subject_label));
  CHECK(subject->when() == marker(enhanced_note::unregistered_subject));
  CHECK(subject->description() == explain(enhanced_status{5, 9, 1}, lang::tr)->description());
  CHECK(subject->code == enhanced_status{5, 9, 1});
  CHECK(subject->rfc() == explain(enhanced_status{5, 9, 1})->rfc());
  // An unregistered detail.
  const auto detail_ = explain(enhanced_status{5, 1, 99}, c);
  CHECK(detail_->when() == marker(enhanced_note::unregistered_detail));
  CHECK(detail_->label() == lang::tr.enhanced_subjects.entries[1].label);
  // Details that contradict their class: the pairing notes.
  const std::optional<enhanced_status_explanation> e211 = explain(enhanced_status{2, 1, 1});
  const std::optional<enhanced_status_explanation> e415 = explain(enhanced_status{4, 1, 5});
  const std::optional<enhanced_status_explanation> e515 = explain(enhanced_status{5, 1, 5});
  REQUIRE(e211->contradicts_class());
  REQUIRE(e415->contradicts_class());
  REQUIRE(e515->contradicts_class());
  CHECK(explain(enhanced_status{2, 1, 1}, c)->description() ==
        marker(enhanced_note::positive_with_failure_detail));
  CHECK(explain(enhanced_status{4, 1, 5}, c)->description() ==
        marker(enhanced_note::temporary_with_success_detail));
  CHECK(explain(enhanced_status{5, 1, 5}, c)->description() ==
        marker(enhanced_note::permanent_with_success_detail));
  CHECK(explain(enhanced_status{5, 1, 5}, c)->when() == marker(enhanced_note::unusual_pairing));
  CHECK(explain(enhanced_status{5, 1, 5}, c)->label() == localize(*e515->detail, lang::tr).label);
  CHECK(explain(enhanced_status{5, 1, 5}, c)->basic_codes() == e515->basic_codes());
  // A registered code: the language's texts, facts unchanged, no note used.
  const auto e511 = explain(enhanced_status{5, 1, 1}, c);
  const std::optional<enhanced_status_explanation> en511 = explain(enhanced_status{5, 1, 1});
  CHECK(e511->label() == localize(*en511->detail, lang::tr).label);
  CHECK(e511->when() == localize(*en511->detail, lang::tr).when);
  CHECK(e511->fix() == localize(*en511->detail, lang::tr).fix);
  CHECK(e511->rfc().data() == en511->rfc().data());
  CHECK(e511->is_registered());
  CHECK(!explain(enhanced_status{9, 1, 1}, c).has_value());
  // The explanation view points into the object and reads the same.
  const enhanced_status_explanation view = subject->explanation();
  CHECK(view.label() == subject->label());
  CHECK(view.notes == texts.data());
  // Swapped or short: refused.
  std::swap(texts[0], texts[6]);
  c.enhanced_notes = table_of(texts);
  CHECK_FALSE(matches_english(c));
  std::swap(texts[0], texts[6]);
  c.enhanced_notes = table_of(texts);
  c.enhanced_notes.size = 6;
  CHECK_FALSE(matches_english(c));
  CHECK(explain(enhanced_status{5, 9, 1}, c)->label() == "Unregistered Subject");  // not read
  // Empty (a catalog written before the table): the English notes themselves.
  c.enhanced_notes = {};
  const std::optional<enhanced_status_explanation> en591 = explain(enhanced_status{5, 9, 1});
  CHECK(explain(enhanced_status{5, 9, 1}, c)->when().data() == en591->when().data());
  CHECK(explain(enhanced_status{5, 9, 1}, c)->label().data() == en591->label().data());
  CHECK(explain(enhanced_status{5, 9, 1}, lang::fr)->label() != en591->label());
  CHECK(en591->label() == "Unregistered Subject");
  CHECK(en591->notes == nullptr);
}

TEST_CASE("common replies' advice and the who-acts and retry labels in a language") {
  std::vector<common_reply_text> texts;
  for (const common_reply& e : common_replies())
    texts.push_back({e.code, e.status, mark(e.title), mark(e.check_first), mark(e.retry_when)});
  REQUIRE(texts.size() == std::size(detail::common_reply_table));
  std::vector<who_acts_text> who = marked(detail::who_acts_table);
  std::vector<retry_advice_text> retry = marked(detail::retry_advice_table);
  REQUIRE(who.size() == 5);
  REQUIRE(retry.size() == 3);
  catalog c = lang::tr;
  c.common_replies = table_of(texts);
  c.who_acts_labels = table_of(who);
  c.retry_advice_labels = table_of(retry);
  CHECK(matches_english(c));
  for (const common_reply& e : common_replies()) {
    CAPTURE(e.code);
    const common_reply got = localize(e, c);
    CHECK(got.title == "\xC2\xAB" + std::string(e.title) + "\xC2\xBB");
    CHECK(got.check_first == "\xC2\xAB" + std::string(e.check_first) + "\xC2\xBB");
    CHECK(got.retry_when == "\xC2\xAB" + std::string(e.retry_when) + "\xC2\xBB");
    CHECK(got.code == e.code);
    CHECK(got.status == e.status);
    CHECK(got.who == e.who);
    CHECK(got.retry == e.retry);
    CHECK(got.rfc.data() == e.rfc.data());
    CHECK(to_string(e.who, c) == "\xC2\xAB" + std::string(to_string(e.who)) + "\xC2\xBB");
    CHECK(to_string(e.retry, c) == "\xC2\xAB" + std::string(to_string(e.retry)) + "\xC2\xBB");
    CHECK(localize(e, lang::en).title.data() == e.title.data());
  }
  const common_reply* found = find_common_reply(reply_code(550), enhanced_status{5, 1, 1});
  REQUIRE(found != nullptr);
  CHECK(localize(*found, c).title.substr(0, 2) == "\xC2\xAB");
  common_reply other = *found;
  other.status = enhanced_status{5, 9, 9};
  CHECK(localize(other, c).title.data() == found->title.data());  // not a row: unchanged
  // Swapped or short: refused.
  std::swap(texts[0], texts[1]);
  c.common_replies = table_of(texts);
  CHECK_FALSE(matches_english(c));
  std::swap(texts[0], texts[1]);
  c.common_replies = table_of(texts);
  c.common_replies.size = texts.size() - 1;
  CHECK_FALSE(matches_english(c));
  c.common_replies = table_of(texts);
  std::swap(who[0], who[4]);
  CHECK_FALSE(matches_english(c));
  std::swap(who[0], who[4]);
  std::swap(retry[1], retry[2]);
  CHECK_FALSE(matches_english(c));
  std::swap(retry[1], retry[2]);
  CHECK(matches_english(c));
  // Empty (a catalog written before the tables): the English texts themselves.
  catalog old = lang::fr;
  old.common_replies = {};
  old.who_acts_labels = {};
  old.retry_advice_labels = {};
  CHECK(matches_english(old));
  CHECK(localize(*found, old).title.data() == found->title.data());
  CHECK(to_string(who_acts::sender, old).data() == to_string(who_acts::sender).data());
  CHECK(to_string(retry_advice::never, old).data() == to_string(retry_advice::never).data());
  CHECK(localize(*found, lang::fr).title != found->title);
  CHECK(to_string(who_acts::sender, lang::fr) != to_string(who_acts::sender));
  CHECK(to_string(who_acts::sender) == "the sender");
  CHECK(to_string(retry_advice::after_fix) == "after fix");
}

TEST_CASE("compare in a language: labels, clauses and sentences translated, facts kept") {
  std::vector<next_step_text> steps = marked(detail::next_step_table);
  std::vector<compare_aspect_text> aspects = marked(detail::compare_aspect_table);
  std::vector<compare_phrase_text> phrases = marked(detail::compare_phrase_table);
  std::vector<reply_next_text> nexts;
  for (const auto& e : detail::reply_next_table) nexts.push_back({e.code, mark(e.text)});
  std::vector<hand_relation_text> hands;
  for (const auto& e : detail::hand_relation_table) hands.push_back({e.low, e.high, mark(e.text)});
  std::vector<who_acts_text> who = marked(detail::who_acts_table);
  catalog c = lang::tr;
  c.next_steps = table_of(steps);
  c.compare_aspects = table_of(aspects);
  c.compare_phrases = table_of(phrases);
  c.reply_nexts = table_of(nexts);
  c.hand_relations = table_of(hands);
  c.who_acts_labels = table_of(who);
  c.reply_unregistered_texts = {};  // an unregistered code's "defined in" as in English
  CHECK(matches_english(c));
  const std::string open = "\xC2\xAB";
  auto marked_as = [&open](std::string_view got, std::string_view english) {
    return got == open + std::string(english) + "\xC2\xBB";
  };

  // A hand-written pair: the language's sentence, the language's clauses and labels.
  const auto hand = compare(reply_code(235), reply_code(354), c);
  const auto hand_en = compare(reply_code(235), reply_code(354));
  REQUIRE(hand.has_value());
  CHECK(hand->hand_written);
  CHECK(marked_as(hand->relation.view(), hand_en->relation.view()));
  CHECK(marked_as(hand->first.next_text, hand_en->first.next_text));
  CHECK(hand->first.name == explain(reply_code(235), lang::tr)->name);
  CHECK(hand->first.commands == explain(reply_code(235), lang::tr)->commands);
  CHECK(hand->first.rfcs.data() == hand_en->first.rfcs.data());

  std::vector<code_ref> codes;
  for (unsigned v :
       {211u, 220u, 221u, 250u, 259u, 334u, 421u, 450u, 452u, 500u, 530u, 550u, 554u, 559u})
    codes.push_back(reply_code(static_cast<std::uint16_t>(v)));
  for (const enhanced_status e :
       {enhanced_status{2, 1, 1}, enhanced_status{4, 1, 1}, enhanced_status{5, 1, 1},
        enhanced_status{5, 7, 1}, enhanced_status{5, 7, 8}, enhanced_status{5, 9, 1},
        enhanced_status{4, 1, 99}, enhanced_status{5, 5, 2}})
    codes.push_back(e);
  for (const code_ref& a : codes) {
    for (const code_ref& b : codes) {
      const auto got = compare(a, b, c);
      const auto en = compare(a, b);
      REQUIRE(got.has_value());
      CAPTURE(en->relation.view());
      // Every sentence comes from the language: it starts with a marker, every {name} filled.
      CHECK(got->relation.view().substr(0, 2) == open);
      CHECK(got->relation.view().find('{') == std::string_view::npos);
      CHECK(got->relation.view().find(en->first.text.view()) != std::string_view::npos);
      // The facts are the English comparison's.
      CHECK(got->same_code == en->same_code);
      CHECK(got->same_class == en->same_class);
      CHECK(got->same_category == en->same_category);
      CHECK(got->hand_written == en->hand_written);
      CHECK(got->first.next == en->first.next);
      CHECK(got->second.who == en->second.who);
      CHECK(got->second.status == en->second.status);
      CHECK(got->first.code == en->first.code);
      CHECK(got->first.text.view() == en->first.text.view());
      CHECK(marked_as(got->second.next_text, en->second.next_text));
      REQUIRE(got->difference_count == en->difference_count);
      for (std::size_t i = 0; i < en->difference_count; ++i) {
        const code_difference& d = got->difference_list[i];
        const code_difference& e = en->difference_list[i];
        CHECK(marked_as(d.aspect, e.aspect));
        if (e.aspect == "next step" || e.aspect == "kind" || e.aspect == "who acts") {
          CHECK(marked_as(d.first, e.first));
          CHECK(marked_as(d.second, e.second));
        }
        if (e.aspect == "defined in") CHECK(d.first == e.first);
      }
      // English as a catalog is English.
      CHECK(compare(a, b, lang::en)->relation.view() == en->relation.view());
    }
  }
  // Enhanced codes: the explanation's texts in the language.
  const auto e = compare(enhanced_status{5, 9, 1}, enhanced_status{5, 1, 1}, c);
  CHECK(e->first.name == explain(enhanced_status{5, 9, 1}, lang::tr)->label());
  CHECK(e->second.fix == explain(enhanced_status{5, 1, 1}, lang::tr)->fix());

  // Each table swapped or short: refused.
  auto refused_when_swapped = [&c](auto& rows, auto catalog::*field) {
    std::swap(rows[0], rows[1]);
    c.*field = table_of(rows);
    const bool swapped = matches_english(c);
    std::swap(rows[0], rows[1]);
    c.*field = table_of(rows);
    (c.*field).size = rows.size() - 1;
    const bool short_ = matches_english(c);
    c.*field = table_of(rows);
    return !swapped && !short_ && matches_english(c);
  };
  CHECK(refused_when_swapped(steps, &catalog::next_steps));
  CHECK(refused_when_swapped(aspects, &catalog::compare_aspects));
  CHECK(refused_when_swapped(phrases, &catalog::compare_phrases));
  CHECK(refused_when_swapped(nexts, &catalog::reply_nexts));
  CHECK(refused_when_swapped(hands, &catalog::hand_relations));

  // Empty (a catalog written before the tables): the English texts themselves.
  catalog old = lang::fr;
  old.next_steps = {};
  old.compare_aspects = {};
  old.compare_phrases = {};
  old.reply_nexts = {};
  old.hand_relations = {};
  CHECK(matches_english(old));
  const auto fr = compare(reply_code(235), reply_code(354), old);
  CHECK(fr->relation.view() == hand_en->relation.view());
  CHECK(fr->first.next_text.data() == hand_en->first.next_text.data());
  CHECK(fr->difference_list[0].aspect.data() == hand_en->difference_list[0].aspect.data());
  CHECK(to_string(next_step::retry_later, old).data() == to_string(next_step::retry_later).data());
  CHECK(compare(reply_code(235), reply_code(354), lang::fr)->relation.view() !=
        hand_en->relation.view());
  CHECK(to_string(next_step::retry_later, c) == open + "retry later\xC2\xBB");
}

TEST_CASE("what an error means, in a language; English where a catalog has no error texts") {
  std::vector<error_text> texts;
  for (const error_text& e : detail::error_text_table) texts.push_back({e.key, mark(e.text)});
  catalog c = lang::tr;
  c.error_texts = table_of(texts);
  CHECK(matches_english(c));
  CHECK(describe(errc::bare_lf, c) ==
        "\xC2\xAB" + std::string(describe(errc::bare_lf)) + "\xC2\xBB");
  CHECK(describe(errc::boundary_in_content, c).substr(0, 2) == "\xC2\xAB");
  // Every errc has its text, in order: the first and the last, and nothing past them.
  CHECK(describe(errc::line_too_long) ==
        "line longer than the configured limit (RFC 5321 4.5.3.1)");
  CHECK(describe(errc::boundary_in_content) ==
        "boundary occurs inside the content it would enclose (RFC 2046 5.1.1)");
  CHECK(describe(static_cast<errc>(0)) == "unknown error");
  CHECK(describe(static_cast<errc>(200)) == "unknown error");
  CHECK(describe(static_cast<errc>(0), c) == "unknown error");
  CHECK(describe(static_cast<errc>(200), c) == "unknown error");
  static_assert(describe(errc::bare_cr) == "CR not followed by LF (RFC 5321 2.3.8)");
  // Swapped or short: refused.
  std::swap(texts[0], texts[1]);
  c.error_texts = table_of(texts);
  CHECK_FALSE(matches_english(c));
  std::swap(texts[0], texts[1]);
  c.error_texts = table_of(texts);
  c.error_texts.size = texts.size() - 1;
  CHECK_FALSE(matches_english(c));
  // Empty (a catalog written before the table): the English text itself; English as a catalog
  // is English.
  c.error_texts = {};
  CHECK(describe(errc::bare_lf, c).data() == describe(errc::bare_lf).data());
  CHECK(describe(errc::bare_lf, lang::fr) != describe(errc::bare_lf));
  CHECK(describe(errc::bare_lf, lang::en).data() == describe(errc::bare_lf).data());
}

TEST_CASE("compare lists the same differences in every language: decided on the facts") {
  // 259's commands are "any" and 500's "any command" in English; a language may render both
  // alike ("herhangi bir komut"), and the difference must still be listed.
  const catalog* languages[] = {&lang::en, &lang::ar, &lang::fr, &lang::ru, &lang::tr, &lang::zh};
  std::vector<code_ref> codes;
  for (unsigned v : {211u, 220u, 250u, 259u, 354u, 421u, 450u, 500u, 530u, 550u, 554u, 559u})
    codes.push_back(reply_code(static_cast<std::uint16_t>(v)));
  for (const enhanced_status e : {enhanced_status{2, 1, 1}, enhanced_status{4, 1, 1},
                                  enhanced_status{5, 1, 1}, enhanced_status{5, 9, 1}})
    codes.push_back(e);
  for (const code_ref& a : codes) {
    for (const code_ref& b : codes) {
      const auto en = compare(a, b);
      for (const catalog* language : languages) {
        const auto got = compare(a, b, *language);
        CAPTURE(language->tag);
        CAPTURE(en->relation.view());
        REQUIRE(got.has_value());
        REQUIRE(got->difference_count == en->difference_count);
        // The same aspects, in the same order, each with the language's label.
        for (std::size_t i = 0; i < en->difference_count; ++i) {
          std::size_t row = 0;
          while (detail::compare_aspect_table[row].text != en->difference_list[i].aspect) ++row;
          const compare_aspect_text* label = language->compare_aspects.at(row);
          CHECK(got->difference_list[i].aspect ==
                (label != nullptr ? label->text : detail::compare_aspect_table[row].text));
        }
      }
    }
  }
}

TEST_CASE("every shipped language has every table, entry for entry") {
  // matches_english accepts an empty table (a catalog written before the table existed); the
  // catalogs we ship must leave none empty.
  for (const catalog* c : {&lang::ar, &lang::fr, &lang::ru, &lang::tr, &lang::zh}) {
    CAPTURE(c->tag);
    CHECK(matches_english(*c));
    CHECK(is_complete(*c));
    catalog partial = *c;  // one table left empty: still matches, no longer complete
    partial.hand_relations = {};
    CHECK(matches_english(partial));
    CHECK_FALSE(is_complete(partial));
    CHECK(c->reply_codes.size == std::size(detail::reply_code_table));
    CHECK(c->reply_code_usages.size == std::size(detail::reply_code_usage_table));
    CHECK(c->enhanced_classes.size == std::size(detail::enhanced_class_table));
    CHECK(c->enhanced_subjects.size == std::size(detail::enhanced_subject_table));
    CHECK(c->enhanced_details.size == std::size(detail::enhanced_detail_table));
    CHECK(c->reply_classes.size == std::size(detail::reply_class_table));
    CHECK(c->reply_categories.size == std::size(detail::reply_category_table));
    CHECK(c->bounce_reasons.size == std::size(bounce_reason_table));
    CHECK(c->reply_unregistered_names.size == std::size(detail::reply_unregistered_name_table));
    CHECK(c->provider_codes.size == std::size(detail::provider_code_table));
    CHECK(c->reply_unregistered_texts.size == std::size(detail::reply_unregistered_text_table));
    CHECK(c->enhanced_notes.size == std::size(detail::enhanced_note_table));
    CHECK(c->common_replies.size == std::size(detail::common_reply_table));
    CHECK(c->who_acts_labels.size == std::size(detail::who_acts_table));
    CHECK(c->retry_advice_labels.size == std::size(detail::retry_advice_table));
    CHECK(c->next_steps.size == std::size(detail::next_step_table));
    CHECK(c->compare_aspects.size == std::size(detail::compare_aspect_table));
    CHECK(c->reply_nexts.size == std::size(detail::reply_next_table));
    CHECK(c->compare_phrases.size == std::size(detail::compare_phrase_table));
    CHECK(c->hand_relations.size == std::size(detail::hand_relation_table));
    CHECK(c->error_texts.size == std::size(detail::error_text_table));
    // And every text is there where the English has one.
    for (std::size_t i = 0; i < c->provider_codes.size; ++i) {
      CHECK_FALSE(c->provider_codes.entries[i].meaning.empty());
      CHECK_FALSE(c->provider_codes.entries[i].fix.empty());
    }
    for (const error_text& e : c->error_texts) CHECK_FALSE(e.text.empty());
    for (const compare_phrase_text& e : c->compare_phrases) CHECK_FALSE(e.text.empty());
  }
}

TEST_CASE("Chinese sentences are joined without a space after the ideographic full stop") {
  for (const auto& [a, b] : {std::pair<unsigned, unsigned>{250, 550}, {421, 554}, {220, 221}}) {
    const auto zh = compare(reply_code(static_cast<std::uint16_t>(a)),
                            reply_code(static_cast<std::uint16_t>(b)), lang::zh);
    REQUIRE(zh.has_value());
    CAPTURE(zh->relation.view());
    CHECK(zh->relation.view().find("\xE3\x80\x82 ") == std::string_view::npos);
    CHECK(zh->relation.view().find("\xE3\x80\x82") != std::string_view::npos);
  }
  // Other languages keep their space between sentences.
  const auto fr = compare(reply_code(250), reply_code(550), lang::fr);
  CHECK(fr->relation.view().find(". 550") != std::string_view::npos);
}
