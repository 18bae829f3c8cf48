// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/bounce.hpp.
#include <smtpcodes.hpp>
