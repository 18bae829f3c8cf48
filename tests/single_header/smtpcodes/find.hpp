// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/find.hpp.
#include <smtpcodes.hpp>
