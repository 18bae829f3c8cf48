// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/dot_codec.hpp.
#include <smtpcodes.hpp>
