// Test shim for -Dsingle_header=true: stands in for include/smtpcodes/command_writer.hpp.
#include <smtpcodes.hpp>
