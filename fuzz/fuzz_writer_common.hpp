// Shared by the writer fuzz targets: an intent read from the input (a few header octets, then
// fields separated by 0x1F), an output buffer of exactly the capacity asked for (so ASan sees
// any write past it), and the checks every writer's result must pass whatever the intent.
#ifndef SMTPCODES_FUZZ_WRITER_COMMON_HPP
#define SMTPCODES_FUZZ_WRITER_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <smtpcodes/result.hpp>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"

/// The input as `header` octets (0 when the input is shorter) and 0x1F-separated fields.
struct fuzz_intent {
  static constexpr char separator = '\x1f';
  std::vector<std::uint8_t> header;
  std::vector<std::string_view> fields;  // none when nothing follows the header

  fuzz_intent(const std::uint8_t* p, std::size_t n, std::size_t header_size)
      : header(header_size, 0) {
    const std::size_t h = n < header_size ? n : header_size;
    for (std::size_t i = 0; i < h; ++i) header[i] = p[i];
    std::string_view rest(reinterpret_cast<const char*>(p + h), n - h);
    if (rest.empty()) return;
    while (true) {
      const std::size_t at = rest.find(separator);
      fields.push_back(rest.substr(0, at));
      if (at == std::string_view::npos) break;
      rest.remove_prefix(at + 1);
    }
  }
  std::string_view field(std::size_t i) const {
    return i < fields.size() ? fields[i] : std::string_view();
  }
};

/// A heap buffer of exactly `capacity` octets, filled with a pattern no writer produces.
struct fuzz_output {
  static constexpr char fill = '\xa5';
  std::size_t capacity;
  std::unique_ptr<char[]> data;

  explicit fuzz_output(std::size_t n) : capacity(n), data(new char[n == 0 ? 1 : n]) {
    for (std::size_t i = 0; i < n; ++i) data[i] = fill;
  }
  std::string_view view(std::size_t n) const { return std::string_view(data.get(), n); }
  bool untouched_from(std::size_t from) const {
    for (std::size_t i = from; i < capacity; ++i) {
      if (data[i] != fill) return false;
    }
    return true;
  }
  /// After a refusal: nothing written, or what was written cleared to NUL (no line left).
  bool holds_no_line() const {
    for (std::size_t i = 0; i < capacity; ++i) {
      if (data[i] != fill && data[i] != '\0') return false;
    }
    return true;
  }
  /// True when `v` lies inside the buffer (or is empty).
  bool contains(std::string_view v) const {
    if (v.empty()) return true;
    return v.data() >= data.get() && v.data() + v.size() <= data.get() + capacity;
  }
};

/**
 * What every writer result must satisfy: on success a line ending in CRLF inside the buffer and
 * nothing past it touched; on `output_too_small` a larger size and nothing written; on any
 * other refusal size 0, no line left in the buffer, and `part`/`offset` inside the inputs
 * (`part_size(i)`: the length of input i; `parts`: how many there are).
 */
template <class PartSize>
void check_write_shape(const smtpcodes::write_result& r, const fuzz_output& out, std::size_t parts,
                       PartSize part_size) {
  if (r.ok()) {
    check(r.size >= 2 && r.size <= out.capacity);
    check(out.view(r.size).substr(r.size - 2) == "\r\n");
    check(out.untouched_from(r.size));
  } else if (r.error == smtpcodes::errc::output_too_small) {
    check(r.size > out.capacity);
    check(out.untouched_from(0));
  } else {
    check(r.size == 0);
    check(out.holds_no_line());
    check(r.part < parts);
    check(r.offset <= part_size(r.part));
  }
}

#endif  // SMTPCODES_FUZZ_WRITER_COMMON_HPP
