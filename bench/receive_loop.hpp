// The receive loop every parser benchmark shares, so all contenders read the same way.
#ifndef SMTPCODES_BENCH_RECEIVE_LOOP_HPP
#define SMTPCODES_BENCH_RECEIVE_LOOP_HPP

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

/// Feeds `s` in chunks of `chunk` bytes to `parse_buffer(data, size, items)`, which consumes
/// whole items from the front of the buffer and returns how many bytes it used; the rest is
/// kept, as a socket reader does. Returns the number of items counted.
template <typename ParseBuffer>
std::size_t feed_in_chunks(const std::string& s, std::size_t chunk, ParseBuffer parse_buffer) {
  // The receive buffer lives across iterations, as a connection's buffer does.
  static std::vector<char> buffer;
  if (buffer.size() < chunk + 8192) buffer.resize(chunk + 8192);
  std::size_t held = 0;
  std::size_t items = 0;
  for (std::size_t at = 0; at < s.size(); at += chunk) {
    const std::size_t n = std::min(chunk, s.size() - at);
    if (held + n > buffer.size()) buffer.resize(held + n);
    std::memcpy(buffer.data() + held, s.data() + at, n);
    held += n;
    const std::size_t used = parse_buffer(buffer.data(), held, items);
    std::memmove(buffer.data(), buffer.data() + used, held - used);
    held -= used;
  }
  return items;
}

/// The floor the parsers are measured beside, as a `parse_buffer` for feed_in_chunks: finds
/// every line end with memchr and does nothing else (no octet checked, no field read).
inline std::size_t memchr_line_ends(const char* data, std::size_t size, std::size_t& n) {
  const char* p = data;
  const char* end = data + size;
  while (const void* hit = std::memchr(p, '\n', static_cast<std::size_t>(end - p))) {
    ++n;
    p = static_cast<const char*>(hit) + 1;
  }
  return static_cast<std::size_t>(p - data);
}

#endif  // SMTPCODES_BENCH_RECEIVE_LOOP_HPP
