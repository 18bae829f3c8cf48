/**
 * @file smtpcodes.hpp
 * @brief The umbrella header: includes every part of smtpcodes (each part stands alone).
 */
#ifndef SMTPCODES_HPP
#define SMTPCODES_HPP

#include "smtpcodes/bounce.hpp"
#include "smtpcodes/bounce_reason.hpp"
#include "smtpcodes/catalog.hpp"
#include "smtpcodes/classify.hpp"
#include "smtpcodes/client_session.hpp"
#include "smtpcodes/command.hpp"
#include "smtpcodes/command_verb.hpp"
#include "smtpcodes/command_writer.hpp"
#include "smtpcodes/common_replies.hpp"
#include "smtpcodes/compare.hpp"
#include "smtpcodes/config.hpp"
#include "smtpcodes/dot_codec.hpp"
#include "smtpcodes/dsn.hpp"
#include "smtpcodes/dsn_writer.hpp"
#include "smtpcodes/ehlo.hpp"
#include "smtpcodes/enhanced_status.hpp"
#include "smtpcodes/enhanced_status_info.hpp"
#include "smtpcodes/error.hpp"
#include "smtpcodes/esmtp.hpp"
#include "smtpcodes/find.hpp"
#include "smtpcodes/limits.hpp"
#include "smtpcodes/line.hpp"
#include "smtpcodes/path.hpp"
#include "smtpcodes/providers.hpp"
#include "smtpcodes/queue_id.hpp"
#include "smtpcodes/redact.hpp"
#include "smtpcodes/reply.hpp"
#include "smtpcodes/reply_code.hpp"
#include "smtpcodes/reply_code_info.hpp"
#include "smtpcodes/reply_table.hpp"
#include "smtpcodes/reply_writer.hpp"
#include "smtpcodes/result.hpp"
#include "smtpcodes/sasl.hpp"
#include "smtpcodes/server_session.hpp"
#include "smtpcodes/simd.hpp"
#include "smtpcodes/xtext.hpp"

#endif  // SMTPCODES_HPP
