// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/sasl.hpp.
#include <smtpcodes.hpp>
