// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/dsn.hpp.
#include <smtpcodes.hpp>
