// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/limits.hpp.
#include <smtpcodes.hpp>
