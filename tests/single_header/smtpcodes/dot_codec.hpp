// Test shim: with -Dsingle_header=true the tests include this instead of include/smtpcodes/dot_codec.hpp.
#include <smtpcodes.hpp>
