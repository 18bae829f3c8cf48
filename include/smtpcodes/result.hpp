/**
 * @file result.hpp
 * @brief The small result every incremental parser returns: need more input, complete, or an
 *        error with its byte offset.
 *
 * Includes error.hpp.
 */
#ifndef SMTPCODES_RESULT_HPP
#define SMTPCODES_RESULT_HPP

#include <cstddef>
#include <cstdint>

#include "config.hpp"
#include "error.hpp"

namespace smtpcodes {

/// Outcome of one `feed`. Needing more input is a status, never an error.
enum class parse_status : std::uint8_t {
  need_more,  ///< Everything given was valid; the item is not complete yet.
  complete,   ///< One item (a line, a reply) is complete; see `consumed`.
  error,      ///< Invalid input; see `error` and `offset`.
};

/**
 * `consumed`: on `complete`, the bytes of the item including its line ending (drop them before
 * the next feed); on `need_more`, 0 (keep the bytes and feed them again with more appended).
 * `offset`: on `error`, where the offending byte is, counted from the start of the input given
 * to `feed`.
 */
struct [[nodiscard]] parse_result {
  parse_status status = parse_status::need_more;
  errc error{};
  std::size_t consumed = 0;
  std::size_t offset = 0;

  constexpr bool is_complete() const noexcept { return status == parse_status::complete; }
  constexpr bool needs_more() const noexcept { return status == parse_status::need_more; }
  constexpr bool failed() const noexcept { return status == parse_status::error; }
  constexpr bool ok() const noexcept { return status != parse_status::error; }

  static constexpr parse_result more() noexcept { return {}; }
  static constexpr parse_result done(std::size_t consumed) noexcept {
    return {parse_status::complete, errc{}, consumed, 0};
  }
  static constexpr parse_result fail(errc e, std::size_t offset) noexcept {
    return {parse_status::error, e, 0, offset};
  }
};

/**
 * Result of every writer (replies, commands, xtext): nothing is written unless all of it is
 * valid and fits. `size`: on success, the octets written; on `output_too_small`, the capacity
 * that would do. On any other error, `offset` is the octet offset of the problem inside the
 * input named by `part` (the writer's documentation says how its inputs are numbered).
 */
struct [[nodiscard]] write_result {
  errc error{};
  std::size_t size = 0;
  std::size_t offset = 0;
  std::size_t part = 0;

  constexpr bool ok() const noexcept { return error == errc{}; }
  constexpr bool failed() const noexcept { return error != errc{}; }
};

}  // namespace smtpcodes

#endif  // SMTPCODES_RESULT_HPP
