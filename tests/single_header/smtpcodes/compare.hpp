// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/compare.hpp.
#include <smtpcodes.hpp>
