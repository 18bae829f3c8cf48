// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/reply_code_info.hpp.
#include <smtpcodes.hpp>
