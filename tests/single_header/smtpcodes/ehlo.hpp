// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/ehlo.hpp.
#include <smtpcodes.hpp>
