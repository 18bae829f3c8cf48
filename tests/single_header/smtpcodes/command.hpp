// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/command.hpp.
#include <smtpcodes.hpp>
