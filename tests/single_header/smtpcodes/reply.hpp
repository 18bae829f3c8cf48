// Test shim: with -Dsingle_header=true the tests include this instead of include/smtpcodes/reply.hpp.
#include <smtpcodes.hpp>
