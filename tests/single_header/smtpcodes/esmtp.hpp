// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/esmtp.hpp.
#include <smtpcodes.hpp>
