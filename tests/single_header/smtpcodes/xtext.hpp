// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/xtext.hpp.
#include <smtpcodes.hpp>
