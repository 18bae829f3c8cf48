// Command-line parsing for the smtpcodes tool: each command declares its options; unknown,
// repeated and malformed options are usage errors that name the option.
// The tool may allocate and throw; the library headers never do.
#ifndef SMTPCODES_CLI_ARGS_HPP
#define SMTPCODES_CLI_ARGS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "messages.hpp"
#include "output.hpp"

namespace smtpcodes_cli {

/// Thrown inside the tool only: main prints "smtpcodes: MESSAGE" on stderr and exits with 2.
struct usage_error {
  std::string message;
};

[[noreturn]] inline void fail(std::string message) {
  throw usage_error{std::move(message)};
}

/// An argument quoted for a message on the terminal: controls and ill-formed UTF-8 as \xHH.
inline std::string quoted(std::string_view s) {
  return "'" + printable(s) + "'";
}

/// "a", "a or b", "a, b or c", with the separators of `w`'s language.
inline std::string one_of(const std::vector<std::string_view>& words, const messages& w) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? w.list_or : w.list_comma;
    out += words[i];
  }
  return out;
}

/// One option a command accepts: a flag (no choices) or an option taking one of `choices`.
struct option_spec {
  std::string_view name;                  ///< With its dashes: "--json".
  std::vector<std::string_view> choices;  ///< Empty for a flag.
  bool free_value = false;                ///< Takes any value (a file name), not a choice.
};

/// What parse_options found: each option given (at most once) and the operands in order.
class parsed_options {
 public:
  bool has(std::string_view name) const {
    for (const auto& given : given_)
      if (given.first == name) return true;
    return false;
  }
  /// The value of an option that takes one, or `fallback` when it was not given.
  std::string_view value(std::string_view name, std::string_view fallback) const {
    for (const auto& given : given_)
      if (given.first == name) return given.second;
    return fallback;
  }
  std::vector<std::string_view> operands;

 private:
  friend parsed_options parse_options(const std::vector<std::string_view>&,
                                      const std::vector<option_spec>&, std::string_view,
                                      const messages&);
  std::vector<std::pair<std::string_view, std::string_view>> given_;
};

/// Whether `arg` is written as an option: "-x" or "--name"; "-" alone (stdin) is an operand.
inline bool looks_like_option(std::string_view arg) {
  return arg.size() > 1 && arg[0] == '-';
}

/// Parses the arguments after the command name. `--name value` and `--name=value` both work;
/// after "--" everything is an operand. Refuses (usage_error naming the option) an option the
/// command does not take, one given twice, a missing value, a value not among the choices and
/// a value given to a flag; the messages are `w`'s.
inline parsed_options parse_options(const std::vector<std::string_view>& args,
                                    const std::vector<option_spec>& specs, std::string_view command,
                                    const messages& w) {
  parsed_options out;
  bool options_ended = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (options_ended || !looks_like_option(arg)) {
      out.operands.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_ended = true;
      continue;
    }
    const std::size_t eq = arg.find('=');
    const std::string_view name = arg.substr(0, eq);
    const option_spec* spec = nullptr;
    for (const auto& s : specs)
      if (s.name == name) spec = &s;
    if (spec == nullptr)
      fail(fill(w.unknown_option_for, {{"option", quoted(name)}, {"command", command}}));
    if (out.has(name)) fail(fill(w.given_twice, {{"option", name}}));
    std::string_view value;
    if (spec->free_value) {
      if (eq != std::string_view::npos) {
        value = arg.substr(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args[++i];
      } else {
        fail(fill(w.needs_value, {{"option", name}}));
      }
    } else if (spec->choices.empty()) {
      if (eq != std::string_view::npos) fail(fill(w.takes_no_value, {{"option", name}}));
    } else {
      if (eq != std::string_view::npos) {
        value = arg.substr(eq + 1);
      } else if (i + 1 < args.size() && !looks_like_option(args[i + 1])) {
        value = args[++i];
      } else {
        fail(fill(w.needs_value_of, {{"option", name}, {"choices", one_of(spec->choices, w)}}));
      }
      bool known = false;
      for (const auto choice : spec->choices) known = known || choice == value;
      if (!known)
        fail(fill(
            w.takes_choices,
            {{"option", name}, {"choices", one_of(spec->choices, w)}, {"value", quoted(value)}}));
    }
    out.given_.emplace_back(name, value);
  }
  return out;
}

}  // namespace smtpcodes_cli

#endif  // SMTPCODES_CLI_ARGS_HPP
