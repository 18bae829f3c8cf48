// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/common_replies.hpp.
#include <smtpcodes.hpp>
