// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/catalog.hpp.
#include <smtpcodes.hpp>
