/**
 * @file smtpcodes.hpp
 * @brief The umbrella header: includes every part of smtpcodes (each part stands alone).
 */
#ifndef SMTPCODES_HPP
#define SMTPCODES_HPP

#include "smtpcodes/command.hpp"
#include "smtpcodes/compare.hpp"
#include "smtpcodes/config.hpp"
#include "smtpcodes/dot_codec.hpp"
#include "smtpcodes/ehlo.hpp"
#include "smtpcodes/enhanced_status.hpp"
#include "smtpcodes/error.hpp"
#include "smtpcodes/line.hpp"
#include "smtpcodes/reply.hpp"
#include "smtpcodes/reply_code.hpp"
#include "smtpcodes/result.hpp"

#endif  // SMTPCODES_HPP
