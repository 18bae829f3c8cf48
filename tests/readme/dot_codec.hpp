// Context of README.md's DATA decoder fragment: the chunk received, the output buffer, and
// where the message and the pipelined commands go.
#include <cstddef>
#include <smtpcodes.hpp>
#include <string>
#include <string_view>

inline std::string_view chunk;  // bytes received after the 354 reply
inline char out[4096];
inline std::size_t capacity = sizeof out;
inline std::string commands;  // the command parser's buffer
inline void deliver(const char* /*data*/, std::size_t /*size*/) {}
inline void spool(std::string_view /*segment*/) {}  // e.g. gathered for writev
