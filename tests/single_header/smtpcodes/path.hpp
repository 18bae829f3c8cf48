// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/path.hpp.
#include <smtpcodes.hpp>
