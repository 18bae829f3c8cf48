// Output helpers for the smtpcodes tool: a minimal JSON writer, terminal-safe text and a
// word-wrapping printer.
// The tool may allocate and use iostreams; the library headers never do.
#ifndef SMTPCODES_CLI_OUTPUT_HPP
#define SMTPCODES_CLI_OUTPUT_HPP

#include <cstdint>
#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>

namespace smtpcodes_cli {

namespace detail {

/// One step of a UTF-8 decoder (RFC 3629 §4; Unicode 15 Table 3-7).
struct utf8_step {
  std::size_t length;  ///< Octets taken: the whole sequence, or the maximal ill-formed subpart.
  bool valid;          ///< Whether those octets are a well-formed sequence.
  std::uint32_t code_point;  ///< When valid.
};

/// Decodes the sequence starting at `s[i]` (i < s.size()). Overlong forms (C0, C1, E0 80..9F,
/// F0 80..8F), surrogates (ED A0..BF), code points above U+10FFFF (F4 90.., F5..FF) and truncated
/// sequences are ill-formed; `length` is then the maximal subpart (Unicode §3.9, "U+FFFD
/// substitution of maximal subparts", as Python's and WHATWG's decoders do), at least 1.
inline utf8_step next_utf8(std::string_view s, std::size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {1, true, b0};
  std::size_t n = 0;
  unsigned lo = 0x80;
  unsigned hi = 0xBF;
  std::uint32_t cp = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2;
    cp = b0 & 0x1Fu;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    cp = b0 & 0x0Fu;
    if (b0 == 0xE0) lo = 0xA0;  // overlong below U+0800
    if (b0 == 0xED) hi = 0x9F;  // surrogates U+D800..DFFF
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    cp = b0 & 0x07u;
    if (b0 == 0xF0) lo = 0x90;  // overlong below U+10000
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {1, false, 0};  // 80..C1 (continuation or overlong lead), F5..FF
  }
  for (std::size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) return {k, false, 0};
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < lo || b > hi) return {k, false, 0};
    cp = (cp << 6) | (b & 0x3Fu);
    lo = 0x80;
    hi = 0xBF;
  }
  return {n, true, cp};
}

/// C0 controls, DEL and C1 controls: never printed raw, in JSON or on a terminal.
constexpr bool is_control(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

}  // namespace detail

/// Appends `text` as a JSON string literal that is valid UTF-8 whatever `text` holds (RFC 8259
/// §7, §8.1): well-formed UTF-8 passes through; each maximal ill-formed subpart becomes one
/// U+FFFD; `"` and `\` are escaped; C0, DEL and C1 controls are written as \u00XX (\n, \r, \t
/// as themselves). The only writer of JSON strings in the tool: json_writer calls it for every
/// key and string value.
inline void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const detail::utf8_step step = detail::next_utf8(text, i);
    if (!step.valid) {
      out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
    } else if (step.code_point == '"') {
      out += "\\\"";
    } else if (step.code_point == '\\') {
      out += "\\\\";
    } else if (step.code_point == '\n') {
      out += "\\n";
    } else if (step.code_point == '\r') {
      out += "\\r";
    } else if (step.code_point == '\t') {
      out += "\\t";
    } else if (detail::is_control(step.code_point)) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(step.code_point));
      out += buf;
    } else {
      out.append(text.data() + i, step.length);
    }
    i += step.length;
  }
  out += '"';
}

/// `text` made safe for a terminal: well-formed UTF-8 passes through, except controls (C0,
/// DEL, C1), which are written as \xHH per octet, as is every octet of an ill-formed sequence.
/// For display only: a backslash in the input is not escaped, so this is not reversible.
inline std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const detail::utf8_step step = detail::next_utf8(text, i);
    if (step.valid && !detail::is_control(step.code_point)) {
      out.append(text.data() + i, step.length);
    } else {
      for (std::size_t k = 0; k < step.length; ++k) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(text[i + k]));
        out += buf;
      }
    }
    i += step.length;
  }
  return out;
}

/// Builds one JSON object or array; keys are emitted in call order so output is stable.
class json_writer {
 public:
  json_writer& begin_object() {
    separate();
    out_ += '{';
    first_ = true;
    return *this;
  }
  json_writer& end_object() {
    out_ += '}';
    first_ = false;
    return *this;
  }
  json_writer& begin_array() {
    separate();
    out_ += '[';
    first_ = true;
    return *this;
  }
  json_writer& end_array() {
    out_ += ']';
    first_ = false;
    return *this;
  }
  json_writer& key(std::string_view name) {
    separate();
    append_json_string(out_, name);
    out_ += ':';
    first_ = true;  // the value follows without a comma
    return *this;
  }
  json_writer& value(std::string_view text) {
    separate();
    append_json_string(out_, text);
    return *this;
  }
  json_writer& value(const char* text) { return value(std::string_view(text)); }
  json_writer& value(long long number) {
    separate();
    out_ += std::to_string(number);
    return *this;
  }
  json_writer& value(bool flag) {
    separate();
    out_ += flag ? "true" : "false";
    return *this;
  }
  json_writer& null() {
    separate();
    out_ += "null";
    return *this;
  }
  template <typename T>
  json_writer& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  const std::string& str() const { return out_; }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

/// Prints `text` wrapped at `width` columns: the first line indented by `indent` spaces, the
/// following ones by `indent + hang`.
inline void print_wrapped(std::ostream& os, std::string_view text, std::size_t indent,
                          std::size_t hang = 0, std::size_t width = 80) {
  const std::string first_pad(indent, ' ');
  const std::string pad(indent + hang, ' ');
  std::size_t column = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(pos, end - pos);
    if (word.empty()) break;
    if (column == 0) {
      os << first_pad << word;
      column = indent + word.size();
    } else if (column + 1 + word.size() > width) {
      os << '\n' << pad << word;
      column = indent + hang + word.size();
    } else {
      os << ' ' << word;
      column += 1 + word.size();
    }
    pos = end;
  }
  os << '\n';
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_OUTPUT_HPP
