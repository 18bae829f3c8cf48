// Context of README.md's reply parser fragment: the receive buffer and what the caller does
// with each line.
#include <smtpcodes.hpp>
#include <string>
#include <string_view>

inline std::string buffer;  // bytes received from the server, from the start of a reply
inline void use(std::string_view /*text*/, bool /*is_final*/) {}
