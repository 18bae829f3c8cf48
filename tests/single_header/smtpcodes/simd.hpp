// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/simd.hpp.
#include <smtpcodes.hpp>
