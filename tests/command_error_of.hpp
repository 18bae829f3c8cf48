// Shared by the command, path and ESMTP tests: a parse result as "ok" or "error@offset".
#ifndef SMTPCODES_TESTS_COMMAND_ERROR_OF_HPP
#define SMTPCODES_TESTS_COMMAND_ERROR_OF_HPP

#include <smtpcodes/command.hpp>
#include <string>
#include <string_view>

inline std::string error_of(std::string_view line, smtpcodes::command_options options = {}) {
  const auto r = smtpcodes::parse_command(line, options);
  if (r.ok()) return "ok";
  return std::string(to_string(r.error)) + "@" + std::to_string(r.offset);
}

#endif  // SMTPCODES_TESTS_COMMAND_ERROR_OF_HPP
