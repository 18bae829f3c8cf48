// Context of README.md's EHLO fragment: a complete reply from reply_parser, and helpers.
#include <cstdint>
#include <smtpcodes.hpp>
#include <string_view>

inline smtpcodes::reply_view reply;  // parser.reply() after the EHLO reply is complete
inline std::uint64_t message_size = 0;
inline void fail(smtpcodes::errc /*error*/, std::size_t /*offset*/) {}
inline void use_starttls() {}
inline void send_smaller() {}
inline void log(std::string_view /*keyword*/, std::string_view /*parameters*/) {}
