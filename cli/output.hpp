// Output helpers for the smtpcodes tool: a minimal JSON writer, terminal-safe text and a
// word-wrapping printer.
// The tool may allocate and use iostreams; the library headers never do.
#ifndef SMTPCODES_CLI_OUTPUT_HPP
#define SMTPCODES_CLI_OUTPUT_HPP

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
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
/// as themselves), and U+2028 and U+2029 as \u2028 and \u2029, so that no reader splitting on
/// Unicode line breaks cuts a JSON Lines object in two. The only writer of JSON strings in the
/// tool: json_writer calls it for every key and string value.
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
    } else if (detail::is_control(step.code_point) || step.code_point == 0x2028 ||
               step.code_point == 0x2029) {
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

namespace detail {

/// A closed range of code points.
struct code_point_range {
  std::uint32_t first;
  std::uint32_t last;
};

template <std::size_t N>
constexpr bool in_ranges(std::uint32_t cp, const code_point_range (&ranges)[N]) {
  for (const auto& r : ranges) {
    if (cp < r.first) return false;  // sorted
    if (cp <= r.last) return true;
  }
  return false;
}

/// Code points that take no column: combining marks (general category Mn/Me) of the scripts
/// the tool prints — Latin, Cyrillic, Hebrew, Arabic, kana — conjoining Hangul vowels and
/// finals, variation selectors, and the zero-width and bidirectional format characters (Cf),
/// as wcwidth() counts them. Sorted.
inline constexpr code_point_range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},   {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},   {0x061C, 0x061C}, {0x064B, 0x065F},
    {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},   {0x06E7, 0x06E8}, {0x06EA, 0x06ED},
    {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},   {0x200B, 0x200F}, {0x202A, 0x202E},
    {0x2060, 0x2064}, {0x2066, 0x206F}, {0x20D0, 0x20FF},   {0x3099, 0x309A}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

/// Code points two columns wide: East Asian Wide (W) and Fullwidth (F) in Unicode Standard
/// Annex #11 (East Asian Width) and its data file EastAsianWidth.txt, compacted to blocks —
/// Hangul Jamo leading consonants, CJK radicals, punctuation, kana, bopomofo and compatibility,
/// CJK unified ideographs and extension A, Yi, Hangul syllables, CJK compatibility ideographs,
/// vertical and small forms, fullwidth forms, kana supplements, the emoji blocks and the
/// supplementary and tertiary ideographic planes. Sorted.
inline constexpr code_point_range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},
    {0xA000, 0xA4CF},   {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},
    {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF}, {0x1B000, 0x1B2FF}, {0x1F300, 0x1F64F},
    {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

/// Where a line may not break after (opening brackets and quotes) and before (closing
/// brackets, CJK commas and full stops, and the ASCII marks that close a phrase): the
/// prohibited breaks of UAX #14's classes OP and CL/CP/EX/IS/NS, for the punctuation the
/// catalogs use. Sorted.
inline constexpr code_point_range opening[] = {
    {'"', '"'},       {'\'', '('},      {'[', '['},       {'{', '{'},       {0x2018, 0x2018},
    {0x201C, 0x201C}, {0x3008, 0x3008}, {0x300A, 0x300A}, {0x300C, 0x300C}, {0x300E, 0x300E},
    {0x3010, 0x3010}, {0xFF08, 0xFF08}, {0xFF3B, 0xFF3B}, {0xFF5B, 0xFF5B},
};
inline constexpr code_point_range closing[] = {
    {'!', '"'},       {'%', '%'},       {'\'', '\''},     {')', ')'},       {',', ','},
    {'.', '.'},       {':', ';'},       {'?', '?'},       {']', ']'},       {'}', '}'},
    {0x2019, 0x2019}, {0x201D, 0x201D}, {0x2026, 0x2026}, {0x3001, 0x3002}, {0x3009, 0x3009},
    {0x300B, 0x300B}, {0x300D, 0x300D}, {0x300F, 0x300F}, {0x3011, 0x3011}, {0x30FC, 0x30FC},
    {0xFF01, 0xFF01}, {0xFF09, 0xFF09}, {0xFF0C, 0xFF0C}, {0xFF0E, 0xFF0E}, {0xFF1A, 0xFF1B},
    {0xFF1F, 0xFF1F}, {0xFF3D, 0xFF3D}, {0xFF5D, 0xFF5D},
};

}  // namespace detail

/// Columns a code point takes on a terminal: 0 for the combining marks and format characters
/// of detail::zero_width, 2 for the East Asian Wide and Fullwidth characters of detail::wide
/// (UAX #11), 1 otherwise. Arabic letters take one column each and are printed in logical
/// order; the terminal shapes and orders them.
constexpr std::size_t code_point_width(std::uint32_t cp) {
  if (detail::in_ranges(cp, detail::zero_width)) return 0;
  if (detail::in_ranges(cp, detail::wide)) return 2;
  return 1;
}

/// Columns `text` takes on a terminal: code points counted by code_point_width; each octet of
/// an ill-formed sequence counts 1 (printable() has already escaped them in tool output).
inline std::size_t display_width(std::string_view text) {
  std::size_t columns = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const detail::utf8_step step = detail::next_utf8(text, i);
    columns += step.valid ? code_point_width(step.code_point) : step.length;
    i += step.length;
  }
  return columns;
}

namespace detail {

/// Whether a line may break between the code points `before` and `after` of one word (no
/// space between them): next to a wide character — Chinese and Japanese are written without
/// spaces and break between any two ideographs (UAX #14 class ID) — except before a mark of
/// no width, after an opening bracket or quote and before a closing one or a CJK comma or
/// full stop.
constexpr bool may_break_between(std::uint32_t before, std::uint32_t after) {
  if (code_point_width(before) != 2 && code_point_width(after) != 2) return false;
  if (code_point_width(after) == 0) return false;
  return !in_ranges(before, opening) && !in_ranges(after, closing);
}

/// The next piece of `text` from `pos`: the spaces before it skipped (`spaced` says whether
/// there were any), then up to the next space or the next break between characters
/// (may_break_between). Pieces end only at code point boundaries, so no line ever splits a
/// UTF-8 sequence. An empty piece when only spaces remain.
struct text_piece {
  std::string_view text;
  bool spaced;
};
inline text_piece next_piece(std::string_view text, std::size_t& pos) {
  const std::size_t start = pos;
  while (pos < text.size() && text[pos] == ' ') ++pos;
  const bool spaced = pos > start;
  const std::size_t begin = pos;
  std::uint32_t previous = 0;
  bool have_previous = false;
  while (pos < text.size() && text[pos] != ' ') {
    const utf8_step step = next_utf8(text, pos);
    const std::uint32_t cp = step.valid ? step.code_point : 0xFFFD;
    if (have_previous && step.valid && may_break_between(previous, cp)) break;
    previous = step.valid ? cp : 0x3F;  // an ill-formed octet breaks like a letter
    have_previous = true;
    pos += step.length;
  }
  return {text.substr(begin, pos - begin), spaced};
}

}  // namespace detail

/// Prints `lead` as it is, then the words of `text` after it, wrapped at `width` columns
/// (display width, see display_width); continuation lines are indented by `hang` spaces. Lines
/// break at spaces and, in Chinese and other text written without spaces, between wide
/// characters (detail::next_piece). Runs of spaces between words become one; a word longer
/// than the line stands alone on its line.
inline void print_labelled(std::ostream& os, std::string_view lead, std::string_view text,
                           std::size_t hang, std::size_t width) {
  const std::string pad(hang, ' ');
  std::size_t column = display_width(lead);
  bool first = true;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const detail::text_piece piece = detail::next_piece(text, pos);
    if (piece.text.empty()) break;
    const std::size_t w = display_width(piece.text);
    const std::size_t space = first || !piece.spaced ? 0 : 1;
    if (column + space + w > width && column > hang) {
      // The lead alone when not even the first word fits after it, without trailing spaces.
      if (first) os << lead.substr(0, lead.find_last_not_of(' ') + 1);
      os << '\n' << pad << piece.text;
      column = hang + w;
    } else {
      if (first) os << lead;
      if (space != 0) os << ' ';
      os << piece.text;
      column += space + w;
    }
    first = false;
  }
  if (first) os << lead;
  os << '\n';
}

/// Prints `text` wrapped at `width` columns: the first line indented by `indent` spaces, the
/// following ones by `indent + hang`.
inline void print_wrapped(std::ostream& os, std::string_view text, std::size_t indent,
                          std::size_t hang, std::size_t width) {
  print_labelled(os, std::string(indent, ' '), text, indent + hang, width);
}

/// The width text output wraps at: COLUMNS when it is a positive number, else the width of the
/// terminal on standard output (ioctl TIOCGWINSZ) when it is one, else 80. At least 20, so an
/// indented line always has room for a word.
inline std::size_t terminal_width() {
  constexpr std::size_t fallback = 80;
  constexpr std::size_t narrowest = 20;
  std::size_t width = 0;
  if (const char* columns = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const unsigned long n = std::strtoul(columns, &end, 10);
    if (end != columns && *end == '\0' && n > 0 && n < 100000) width = n;
  }
  if (width == 0 && isatty(STDOUT_FILENO) == 1) {
    winsize size{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) width = size.ws_col;
  }
  if (width == 0) width = fallback;
  return width < narrowest ? narrowest : width;
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_OUTPUT_HPP
