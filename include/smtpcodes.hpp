/**
 * @file smtpcodes.hpp
 * @brief The umbrella header: includes every part of smtpcodes, in dependency order.
 */
#ifndef SMTPCODES_HPP
#define SMTPCODES_HPP

#include "smtpcodes/config.hpp"
#include "smtpcodes/reply_code.hpp"
#include "smtpcodes/enhanced_status.hpp"
#include "smtpcodes/compare.hpp"

#endif  // SMTPCODES_HPP
