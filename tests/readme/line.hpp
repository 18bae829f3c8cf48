// Context of README.md's line framing fragment: the receive buffer and what the server does
// with each command line.
#include <smtpcodes.hpp>
#include <string>
#include <string_view>

inline std::string buffer;  // bytes received from the client, from the start of a line
inline void handle(const smtpcodes::command_result& /*command*/) {}
