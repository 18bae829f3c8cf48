// Context of README.md's find_reply fragment: the text a person pasted and what the caller does
// with what was found.
#include <smtpcodes.hpp>
#include <string_view>

inline std::string_view pasted =
    "<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: "
    "Recipient address rejected: User unknown (in reply to RCPT TO command)";
template <class T>
void show(const T& /*value*/) {}
inline void say_no_code_found() {}
