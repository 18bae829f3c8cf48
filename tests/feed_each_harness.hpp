// The differential harness of the feed_each tests (line_each_test.cpp, reply_each_test.cpp):
// a socket reader that runs a stream through a reader's feed_each or through a loop of its feed
// calls, over every option set and several chunk sizes, and checks that both saw the same.
#ifndef SMTPCODES_TESTS_FEED_EACH_HARNESS_HPP
#define SMTPCODES_TESTS_FEED_EACH_HARNESS_HPP

#include <doctest/doctest.h>

#include <cstddef>
#include <smtpcodes/result.hpp>
#include <string>
#include <vector>

/// What a reader saw: every item (line or reply) as its adapter describes it, then how the
/// stream ended (the error and its offset from the start of the stream, or the octets left).
struct transcript {
  std::vector<std::string> items;
  std::string ending;
  bool operator==(const transcript& o) const { return items == o.items && ending == o.ending; }
};

inline std::string error_at(const smtpcodes::parse_result& r, std::size_t at) {
  return "error " + std::to_string(static_cast<int>(r.error)) + " at " + std::to_string(at);
}

/// A socket reader: appends each chunk to its buffer, takes what is complete, keeps the rest.
/// `each` picks feed_each; otherwise feed is called until it stops returning complete.
/// `Adapter` names the reader (`reader`, `options`), describes an item (`describe`) and gives
/// the item the last complete feed produced (`last`).
template <class Adapter>
transcript read_stream(const std::string& stream, std::size_t chunk,
                       const typename Adapter::options& options, bool each) {
  transcript t;
  typename Adapter::reader reader(options);
  std::string buffer;
  std::size_t dropped = 0;  // stream octets before the buffer's start
  for (std::size_t at = 0; at < stream.size() || at == 0; at += chunk) {
    buffer += stream.substr(at, chunk);
    if (each) {
      const auto r = reader.feed_each(
          buffer, [&](const auto& item) { t.items.push_back(Adapter::describe(item)); });
      if (r.failed()) {
        t.ending = error_at(r, dropped + r.offset);
        return t;
      }
      if (r.is_complete()) {
        CHECK(r.consumed > 0);
        dropped += r.consumed;
        buffer.erase(0, r.consumed);
      }
    } else {
      while (true) {
        const auto r = reader.feed(buffer);
        if (r.failed()) {
          t.ending = error_at(r, dropped + r.offset);
          return t;
        }
        if (!r.is_complete()) break;
        t.items.push_back(Adapter::describe(Adapter::last(reader)));
        dropped += r.consumed;
        buffer.erase(0, r.consumed);
      }
    }
    if (stream.empty()) break;
  }
  const auto f = reader.finish(buffer);
  t.ending = f.failed() ? error_at(f, dropped + f.offset) : "left " + std::to_string(buffer.size());
  return t;
}

/// feed_each and the feed loop see the same items and the same ending, for every option set
/// and chunk size (one octet at a time only for short streams, to keep the tests quick).
template <class Adapter>
void check_equal(const std::string& stream, const std::vector<typename Adapter::options>& sets) {
  const std::size_t chunks[] = {1, 5, 63, 64, 65, 200, 1460, 1 << 20};
  for (std::size_t o = 0; o < sets.size(); ++o) {
    for (const std::size_t chunk : chunks) {
      if (chunk == 1 && stream.size() > 3000) continue;
      CAPTURE(o);
      CAPTURE(chunk);
      const transcript want = read_stream<Adapter>(stream, chunk, sets[o], false);
      const transcript got = read_stream<Adapter>(stream, chunk, sets[o], true);
      CHECK(got.ending == want.ending);
      CHECK(got.items.size() == want.items.size());
      CHECK(got == want);
    }
  }
}

#endif  // SMTPCODES_TESTS_FEED_EACH_HARNESS_HPP
