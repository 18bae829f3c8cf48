// Output helpers for the smtpcodes tool: a minimal JSON writer and a word-wrapping printer.
// The tool may allocate and use iostreams; the library headers never do.
#ifndef SMTPCODES_CLI_OUTPUT_HPP
#define SMTPCODES_CLI_OUTPUT_HPP

#include <cstdio>
#include <ostream>
#include <string>
#include <string_view>

namespace smtpcodes_cli {

/// Appends `text` as a JSON string literal (RFC 8259 §7 escaping; UTF-8 passes through).
inline void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
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
