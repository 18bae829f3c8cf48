// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/error.hpp.
#include <smtpcodes.hpp>
