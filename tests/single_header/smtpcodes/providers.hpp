// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/providers.hpp.
#include <smtpcodes.hpp>
