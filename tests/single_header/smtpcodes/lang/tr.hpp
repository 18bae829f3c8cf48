// Test shim for -Dsingle_header=true: the language headers are opt-in, not part of the single
// header; next to it they take what they need from it (their includes meet its include guards).
#include <smtpcodes.hpp>

#include "../../../../include/smtpcodes/lang/tr.hpp"
