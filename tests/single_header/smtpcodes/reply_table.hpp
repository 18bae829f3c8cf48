// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/reply_table.hpp.
#include <smtpcodes.hpp>
