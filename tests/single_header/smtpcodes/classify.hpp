// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/classify.hpp.
#include <smtpcodes.hpp>
