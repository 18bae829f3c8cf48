// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/redact.hpp.
#include <smtpcodes.hpp>
