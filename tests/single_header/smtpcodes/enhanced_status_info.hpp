// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/enhanced_status_info.hpp.
#include <smtpcodes.hpp>
