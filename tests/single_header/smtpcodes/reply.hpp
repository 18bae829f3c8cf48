// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/reply.hpp.
#include <smtpcodes.hpp>
