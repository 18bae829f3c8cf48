// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/client_session.hpp.
#include <smtpcodes.hpp>
