// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/enhanced_status.hpp.
#include <smtpcodes.hpp>
