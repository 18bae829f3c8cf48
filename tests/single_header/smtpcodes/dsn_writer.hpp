// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/dsn_writer.hpp.
#include <smtpcodes.hpp>
