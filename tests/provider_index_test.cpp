// detail/provider_index.inc holds what providers.hpp would compute from the provider table at
// compile time (word slots, entry facts, spans, the domain filter). This translation unit
// computes them (SMTPCODES_PROVIDER_INDEX_COMPUTE, with the header's own checks of the table)
// and proves the file equal, entry by entry: it fails to compile when the file is stale.
// Regenerate with tools/gen_provider_index.cpp (its first comment says how).
#define SMTPCODES_PROVIDER_INDEX_COMPUTE 1
#include <doctest/doctest.h>

#include <cstddef>
#include <smtpcodes/providers.hpp>

namespace smtpcodes {
namespace detail {
namespace generated {
#include <smtpcodes/detail/provider_index.inc>
}  // namespace generated

namespace {
template <std::size_t N, std::size_t M>
constexpr bool same_slots(const word_slots<N>& a, const word_slots<M>& b) noexcept {
  if (N != M || a.longest != b.longest) return false;
  for (std::size_t i = 0; i < N; ++i) {
    const word_slot& x = a.slot[i];
    const word_slot& y = b.slot[i];
    if (x.word != y.word || x.who != y.who || x.strength != y.strength || x.entry != y.entry ||
        x.in_address != y.in_address)
      return false;
  }
  for (std::size_t l = 0; l <= max_plain_word; ++l) {
    for (std::size_t k = 0; k < 8; ++k) {
      if (a.first[l][k] != b.first[l][k] || a.last[l][k] != b.last[l][k]) return false;
    }
  }
  return true;
}

constexpr bool same_facts(const entry_facts& a, const entry_facts& b) noexcept {
  for (std::size_t i = 0; i < provider_code_count; ++i) {
    const entry_fact& x = a.fact[i];
    const entry_fact& y = b.fact[i];
    for (std::size_t k = 0; k < 4; ++k) {
      if (x.pairs.bits[k] != y.pairs.bits[k]) return false;
    }
    if (x.status != y.status || x.names_provider != y.names_provider || x.first != y.first ||
        x.last != y.last)
      return false;
  }
  return true;
}

template <std::size_t N, std::size_t M>
constexpr bool same_spans(const status_spans<N>& a, const status_spans<M>& b) noexcept {
  if (N != M) return false;
  for (std::size_t i = 0; i < N; ++i) {
    const status_span& x = a.span[i];
    const status_span& y = b.span[i];
    if (x.first != y.first || x.last != y.last || x.entry != y.entry ||
        x.names_provider != y.names_provider)
      return false;
  }
  return true;
}

template <std::size_t N, std::size_t M>
constexpr bool same_entries(const entry_list<N>& a, const entry_list<M>& b) noexcept {
  if (N != M) return false;
  for (std::size_t i = 0; i < N; ++i) {
    if (a.entry[i] != b.entry[i]) return false;
  }
  return true;
}

template <std::size_t N, std::size_t M>
constexpr bool same_filter(const domain_filter<N>& a, const domain_filter<M>& b) noexcept {
  if (N != M) return false;
  for (std::size_t k = 0; k < 16; ++k) {
    if (a.bits[k] != b.bits[k]) return false;
  }
  for (std::size_t i = 0; i < N; ++i) {
    if (a.hash[i] != b.hash[i]) return false;
  }
  return true;
}

// "stale": detail/provider_index.inc no longer matches the table; regenerate it with
// tools/gen_provider_index.cpp.
static_assert(generated::plain_word_count == plain_word_count, "stale");
static_assert(generated::dotted_word_count == dotted_word_count, "stale");
static_assert(same_slots(generated::plain_words, plain_words), "stale: plain_words");
static_assert(same_slots(generated::dotted_words, dotted_words), "stale: dotted_words");
static_assert(same_facts(generated::provider_entry_facts, provider_entry_facts),
              "stale: provider_entry_facts");
static_assert(same_spans(generated::exact_spans, exact_spans), "stale: exact_spans");
static_assert(same_spans(generated::range_spans, range_spans), "stale: range_spans");
static_assert(same_entries(generated::phrase_only_entries, phrase_only_entries),
              "stale: phrase_only_entries");
static_assert(same_filter(generated::dotted_word_filter, dotted_word_filter),
              "stale: dotted_word_filter");
}  // namespace
}  // namespace detail
}  // namespace smtpcodes

TEST_CASE("the generated provider index is the one the provider table gives") {
  using namespace smtpcodes::detail;
  // The same checks at run time, so a failure names the table (the static_asserts above stop
  // the build first; these keep the test meaningful if one is ever relaxed).
  CHECK(same_slots(generated::plain_words, plain_words));
  CHECK(same_slots(generated::dotted_words, dotted_words));
  CHECK(same_facts(generated::provider_entry_facts, provider_entry_facts));
  CHECK(same_spans(generated::exact_spans, exact_spans));
  CHECK(same_spans(generated::range_spans, range_spans));
  CHECK(same_entries(generated::phrase_only_entries, phrase_only_entries));
  CHECK(same_filter(generated::dotted_word_filter, dotted_word_filter));
}
