// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/command_verb.hpp.
#include <smtpcodes.hpp>
