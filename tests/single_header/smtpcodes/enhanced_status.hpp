// Test shim: with -Dsingle_header=true the tests include this instead of include/smtpcodes/enhanced_status.hpp.
#include <smtpcodes.hpp>
