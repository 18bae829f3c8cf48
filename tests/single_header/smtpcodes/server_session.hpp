// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/server_session.hpp.
#include <smtpcodes.hpp>
