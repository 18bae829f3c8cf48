// Context of README.md's command parser fragment: the line reader that framed the line, and the
// server's replies.
#include <cstdint>
#include <smtpcodes.hpp>
#include <string_view>

inline smtpcodes::line_reader reader;  // its feed() returned complete
inline std::uint64_t limit = 0;        // the SIZE the server announced
inline void reply_501(std::string_view /*error*/, std::size_t /*offset*/) {}
inline void reply_552() {}
inline void log(std::string_view /*keyword*/, std::string_view /*value*/) {}
