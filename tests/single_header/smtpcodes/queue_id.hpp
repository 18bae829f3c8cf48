// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/queue_id.hpp.
#include <smtpcodes.hpp>
