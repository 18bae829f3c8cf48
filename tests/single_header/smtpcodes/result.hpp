// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/result.hpp.
#include <smtpcodes.hpp>
