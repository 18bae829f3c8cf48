// Test shim: with -Dsingle_header=true the tests include this instead of include/smtpcodes/reply_code.hpp.
#include <smtpcodes.hpp>
