// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/line.hpp.
#include <smtpcodes.hpp>
