// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/bounce_reason.hpp.
#include <smtpcodes.hpp>
