// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/config.hpp.
#include <smtpcodes.hpp>
