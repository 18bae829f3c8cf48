// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/reply_writer.hpp.
#include <smtpcodes.hpp>
