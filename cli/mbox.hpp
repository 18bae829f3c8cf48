// Splits what `smtpcodes bounce` reads into messages: one .eml, or an mbox (RFC 4155), where
// each message starts with a "From " separator line at the start of the file or after an empty
// line. The separator is not part of the message; ">From " body lines are left as they are
// (the DSN fields never start with "From "). Views point into the input.
#ifndef SMTPCODES_CLI_MBOX_HPP
#define SMTPCODES_CLI_MBOX_HPP

#include <cstddef>
#include <string_view>
#include <vector>

namespace smtpcodes_cli {

/// One message of an mbox, and the octet offset of its first header line in the input.
struct mbox_message {
  std::string_view text;
  std::size_t offset = 0;
};

inline bool is_from_line(std::string_view input, std::size_t pos) {
  return input.compare(pos, 5, "From ") == 0;
}

/// The messages of `input`: the whole input when it does not start with "From ", else each
/// message between separators (RFC 4155 §2: a separator follows an empty line).
inline std::vector<mbox_message> split_mbox(std::string_view input) {
  std::vector<mbox_message> out;
  if (!is_from_line(input, 0)) {
    out.push_back({input, 0});
    return out;
  }
  std::size_t start = std::string_view::npos;  // of the current message's text
  std::size_t pos = 0;                         // start of the current line
  bool after_empty = true;
  while (pos < input.size()) {
    std::size_t end = input.find('\n', pos);
    const std::size_t next = end == std::string_view::npos ? input.size() : end + 1;
    if (end == std::string_view::npos) end = input.size();
    const std::size_t content_end = end > pos && input[end - 1] == '\r' ? end - 1 : end;
    if (after_empty && is_from_line(input, pos)) {
      if (start != std::string_view::npos) out.push_back({input.substr(start, pos - start), start});
      start = next;
    }
    after_empty = content_end == pos;
    pos = next;
  }
  if (start != std::string_view::npos && start <= input.size())
    out.push_back({input.substr(start), start});
  return out;
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_MBOX_HPP
