// Test shim: with -Dsingle_header=true the tests include this instead of include/smtpcodes/command.hpp.
#include <smtpcodes.hpp>
