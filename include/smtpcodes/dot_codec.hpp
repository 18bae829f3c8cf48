/**
 * @file dot_codec.hpp
 * @brief The DATA codec (RFC 5321 §4.5.2, §4.1.1.4): a streaming dot-unstuffing decoder that
 *        stops exactly at CR LF "." CR LF, a dot-stuffing encoder with its terminator, one
 *        policy for bare CR and bare LF in both directions, and a BDAT chunk counter (RFC 3030).
 *
 * Safe against SMTP smuggling by default: only CR LF "." CR LF ends data, where the CR LF may be
 * the one that ended the DATA command; <LF>.<LF>, <LF>.<CR><LF>, <CR><LF>.<LF>, <CR>.<CR>,
 * <CR>.<CR><LF> and <CR><LF>.<CR> never do, under any policy. Unstuffing and end detection use
 * one definition of a line.
 *
 * Includes limits.hpp, result.hpp and detail/scan.hpp. Never allocates, never throws.
 */
#ifndef SMTPCODES_DOT_CODEC_HPP
#define SMTPCODES_DOT_CODEC_HPP

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "config.hpp"
#include "detail/scan.hpp"
#include "detail/wide_masks.hpp"
#include "error.hpp"
#include "limits.hpp"
#include "result.hpp"
#include "simd.hpp"

namespace smtpcodes {

namespace detail {

/// The width of the codec's block path: one bit per octet of the 64-bit masks of `line_masks`.
inline constexpr std::size_t dot_block_size = 64;
static_assert(dot_block_size == 8 * sizeof(std::uint64_t), "one mask bit per octet");

/// How far ahead of the block being read the block loops ask for the input (octets): streaming a
/// large message from memory, the hint made the decoder about 1.4 times faster on the machine of
/// the README's figures (bench_dot); on input already in cache it costs one instruction a block.
inline constexpr std::size_t dot_prefetch_distance = 1024;

/// Whether path `p` has a block path (NEON's would need a movemask it lacks: octets only).
[[nodiscard]] inline bool has_block_path(simd_path p) noexcept {
  return p == simd_path::sse2 || p == simd_path::avx2 || p == simd_path::avx512bw;
}

/// Runs a codec's block loop (`copy_plain_blocks_with<Copy>`, a template over the masks) in the
/// version of path `p`: the AVX2 and AVX-512BW ones are compiled for those targets, flattened
/// so that the loop and its compares inline into them. `p` must have a block path. `Copy`
/// false: the decoder's loop for `decode_each`, which passes plain blocks without copying them
/// (`out` unused).
template <class Codec, bool Copy = true>
struct block_path {
  static std::size_t run(Codec& c, simd_path p, const char* in, std::size_t n, std::size_t i,
                         char* out, std::size_t& w) noexcept {
#if SMTPCODES_HAS_X86_DISPATCH
    if (p == simd_path::avx512bw) return run_avx512(c, in, n, i, out, w);
    if (p == simd_path::avx2) return run_avx2(c, in, n, i, out, w);
#endif
    (void)p;
#if SMTPCODES_HAS_SSE2
    return c.template copy_plain_blocks_with<Copy>(sse2_masks{}, in, n, i, out, w);
#else
    (void)c, (void)in, (void)n, (void)out, (void)w;
    return i;  // not reached: without SSE2 no path has a block loop (has_block_path)
#endif
  }
#if SMTPCODES_HAS_X86_DISPATCH
  SMTPCODES_TARGET_AVX2 static std::size_t run_avx2(Codec& c, const char* in, std::size_t n,
                                                    std::size_t i, char* out,
                                                    std::size_t& w) noexcept {
    return c.template copy_plain_blocks_with<Copy>(avx2_masks{}, in, n, i, out, w);
  }
  SMTPCODES_TARGET_AVX512 static std::size_t run_avx512(Codec& c, const char* in, std::size_t n,
                                                        std::size_t i, char* out,
                                                        std::size_t& w) noexcept {
    return c.template copy_plain_blocks_with<Copy>(avx512_masks{}, in, n, i, out, w);
  }
#endif
};

/// Octets at the start of a and b that are equal (of n), compared a word at a time.
[[nodiscard]] inline std::size_t common_prefix(const char* a, const char* b,
                                               std::size_t n) noexcept {
  std::size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    std::uint64_t x;
    std::uint64_t y;
    std::memcpy(&x, a + k, 8);
    std::memcpy(&y, b + k, 8);
    if (x != y) break;
  }
  while (k < n && a[k] == b[k]) ++k;
  return k;
}

/// 2n + 2 (the codec's worst-case growth), or SIZE_MAX when that does not fit.
[[nodiscard]] constexpr std::size_t twice_plus_two(std::size_t n) noexcept {
  return n > (SIZE_MAX - 2) / 2 ? SIZE_MAX : 2 * n + 2;
}

/// capacity >= 2n + 2, computed without overflow (false when 2n + 2 does not fit).
[[nodiscard]] constexpr bool holds_twice_plus_two(std::size_t capacity, std::size_t n) noexcept {
  return capacity >= 2 && (capacity - 2) / 2 >= n;
}

}  // namespace detail

/**
 * What to do with a CR not followed by LF, or an LF not preceded by CR (RFC 5321 §2.3.8 says
 * they must not appear in SMTP data). The codec has a policy where the line and reply parsers
 * have `accept_bare_lf` / `accept_bare_cr` booleans because it copies the data, so besides
 * refusing or keeping a bare line ending it can normalise it to CR LF.
 */
enum class line_ending_policy : std::uint8_t {
  /// Fail with `bare_cr` or `bare_lf` at the octet. The default, and what Postfix
  /// (smtpd_forbid_bare_newline=reject) and Sendmail do since the 2023 smuggling reports.
  reject,
  /// Turn each bare CR or LF into CR LF: it ends a line, and a dot after it is (un)stuffed, but
  /// it never counts towards the end-of-data marker (Postfix's "normalize").
  normalize,
  /// Keep bare CR and LF as ordinary content: they do not end lines. DANGEROUS when relaying:
  /// a lax next hop may read <LF>.<LF> or <LF>.<CR><LF> in the content as the end of data and
  /// the rest as new commands (SMTP smuggling, CVE-2023-51764/51765/51766).
  pass,
};

/**
 * Outcome of a codec call: the `parse_result` fields, plus `produced` and `needed`.
 * - `status`: `need_more` (everything given was consumed), `complete` (the message ended:
 *   the decoder saw CR LF "." CR LF, the encoder's `finish` wrote it), or `error`.
 * - `consumed`: input octets read; `produced`: octets written to `out`, on error too (the
 *   output of the octets before `offset`).
 * - `offset`: on an error found in the input, where, from the start of this call's input
 *   (then `consumed == offset`); 0 for errors no octet of it caused (`output_too_small`,
 *   `bad_argument`, `unterminated_data`, a sticky error given back again).
 * - `needed`: on `output_too_small`, the capacity that would do (`max_decoded_size`,
 *   `max_encoded_size` or `max_finish_size` of this call; SIZE_MAX when no buffer can: feed less
 *   at a time), and nothing was read or written; 0 otherwise.
 */
struct [[nodiscard]] codec_result : parse_result {
  std::size_t produced = 0;
  std::size_t needed = 0;
};

namespace detail {

[[nodiscard]] constexpr codec_result codec_more(std::size_t consumed,
                                                std::size_t produced) noexcept {
  return {{parse_status::need_more, errc{}, consumed, 0}, produced, 0};
}

[[nodiscard]] constexpr codec_result codec_complete(std::size_t consumed,
                                                    std::size_t produced) noexcept {
  return {{parse_status::complete, errc{}, consumed, 0}, produced, 0};
}

/// An error at `offset` of the input, everything before it consumed.
[[nodiscard]] constexpr codec_result codec_error(errc e, std::size_t offset,
                                                 std::size_t produced) noexcept {
  return {{parse_status::error, e, offset, offset}, produced, 0};
}

[[nodiscard]] constexpr codec_result codec_too_small(std::size_t needed) noexcept {
  return {{parse_status::error, errc::output_too_small, 0, 0}, 0, needed};
}

}  // namespace detail

/// Decoder settings. Checks beyond the policy are off unless set.
struct dot_decoder_options {
  line_ending_policy bare_line_endings = line_ending_policy::reject;
  /// Longest line in octets, its line end included, as RFC 5321 §4.5.3.1.6 counts it: the
  /// octets as sent, less the one leading dot that unstuffing removes (the dot a sender doubles
  /// for transparency is not part of the line), plus 2 for the CR LF (a bare CR or LF that
  /// `normalize` makes a line end counts as the CR LF it becomes). That is the decoded line
  /// with its CR LF. The end-of-data line is not a line of the message. `no_limit` (0) for no
  /// check. The RFC sets 1000 (`text_line_limit`): "." and 998 more octets then CR LF, 1001
  /// octets on the wire, is within it. Real senders exceed it, so it is opt-in. A longer line
  /// is cut: output holds its first max_line_length - 2 decoded octets and stops, whatever the
  /// policy and the chunking; the decoder drains to the end of data and then reports
  /// `line_too_long`.
  std::size_t max_line_length = no_limit;
  /// Largest decoded message in octets; `no_limit` (0) for none. 64-bit, so a limit above
  /// 4 GiB (RFC 1870 SIZE) works on 32-bit targets too. Output stops after that many octets;
  /// the decoder drains to the end of data and then reports `message_too_large`, so the server
  /// can answer 552 (RFC 5321 §4.5.3.1.10) with the session still in step.
  std::uint64_t max_message_size = no_limit;
};

/**
 * Receiver side of DATA: feed it the octets after the 354 reply, in any chunks.
 *
 * `decode` copies the message to `out` with one leading dot removed from each line that has
 * one, and stops right after CR LF "." CR LF: `complete`, with `consumed` counting the
 * terminator, so the octets after it (pipelined commands) are left for the command parser.
 * Until then it returns `need_more` having consumed everything. The first line starts right
 * after the DATA command's CR LF, so "." CR LF at once is an empty message.
 * Errors: `bare_cr`, `bare_lf` (policy reject), and after draining to the end, `line_too_long`
 * or `message_too_large` (with `consumed` through the terminator): sticky until `reset`, given
 * back with nothing consumed. `output_too_small` and `bad_argument` are not sticky (nothing
 * happened: call again with a fitting buffer). Once complete, `decode` returns `complete`
 * with nothing consumed until `reset`: what follows the terminator is not data.
 */
class dot_decoder {
 public:
  constexpr dot_decoder() noexcept = default;
  constexpr explicit dot_decoder(const dot_decoder_options& options) noexcept : options_(options) {}

  /// Output octets `decode` may write for `n` input octets: n (reject), n + 1 (pass: a CR held
  /// back after a line-start dot or at the line limit), 2n + 2 (normalize: each bare CR or LF grows
  /// to CR LF); SIZE_MAX when that does not fit in `std::size_t` (no buffer will do: feed less at a
  /// time).
  [[nodiscard]] constexpr std::size_t max_decoded_size(std::size_t n) const noexcept {
    switch (options_.bare_line_endings) {
      case line_ending_policy::reject:
        return n;
      case line_ending_policy::pass:
        return n == SIZE_MAX ? SIZE_MAX : n + 1;
      case line_ending_policy::normalize:
        break;
    }
    return detail::twice_plus_two(n);
  }

  /**
   * Decodes `input` into `out` (which holds `capacity` octets, at least `max_decoded_size`;
   * otherwise `output_too_small` with `needed` set, and nothing is read). `out` may equal
   * `input.data()` under the reject policy (output never overtakes input); other overlaps are
   * not allowed (`bad_argument` when `out == input.data()`).
   */
  codec_result decode(std::string_view input, char* out, std::size_t capacity) noexcept {
    if (error_ != errc{}) return detail::codec_error(error_, 0, 0);
    if (done_) return detail::codec_complete(0, 0);
    if (out == input.data() && options_.bare_line_endings != line_ending_policy::reject) {
      return detail::codec_error(errc::bad_argument, 0, 0);
    }
    if (!fits(input.size(), capacity)) {
      return detail::codec_too_small(max_decoded_size(input.size()));
    }
    return run(input.data(), input.size(), out);
  }

  /// `decode` in place: the message is written over the start of `data` (reject policy only).
  codec_result decode_in_place(char* data, std::size_t size) noexcept {
    return decode(std::string_view(data, size), data, size);
  }

  /// Octets `decode_each` hands to `decode` at a time where the block path does not apply
  /// (the size of its buffer on the stack).
  static constexpr std::size_t decode_each_piece = 256;

  /**
   * `decode` without copying: calls `on_segment(std::string_view)` with the decoded message as
   * views of `input`, in order (their concatenation is what `decode` would write; a segment ends
   * where a line's leading dot is dropped, and at the end of each call). The result is
   * `decode`'s, with `produced` the octets given to `on_segment`; on an error, the segments
   * before it were given. For a server that writes the message to its spool straight from the
   * receive buffer (writev). Reject policy only, and a line limit of 0 or at least 2 (else
   * `bad_argument`): then every decoded octet is an octet of the input.
   *
   * 64-octet blocks the block path takes (plain ones, and ones with lines starting with a dot,
   * whose dots the segments skip) are passed from SIMD masks without being touched; anything
   * else goes through `decode`, `decode_each_piece` octets at a time into a buffer on the
   * stack, and its output is matched back to the input octets it came from.
   * `on_segment` must not throw or call this decoder.
   */
  template <class OnSegment>
  codec_result decode_each(std::string_view input, OnSegment&& on_segment) noexcept {
    if (error_ != errc{}) return detail::codec_error(error_, 0, 0);
    if (done_) return detail::codec_complete(0, 0);
    if (options_.bare_line_endings != line_ending_policy::reject || options_.max_line_length == 1)
      return detail::codec_error(errc::bad_argument, 0, 0);
    constexpr std::size_t block = detail::dot_block_size;
    const char* in = input.data();
    const std::size_t n = input.size();
    std::size_t produced = 0;
    std::size_t segment = 0;  // the segment being gathered: [segment, segment_end)
    std::size_t segment_end = 0;
    auto flush = [&] {
      if (segment_end != segment) on_segment(std::string_view(in + segment, segment_end - segment));
      segment = segment_end;
    };
    auto take = [&](std::size_t from, std::size_t count) {  // input octets that are output
      if (count == 0) return;
      if (from != segment_end) {
        flush();
        segment = from;
      }
      segment_end = from + count;
      produced += count;
    };
    const simd_path path = active_simd_path();
    const bool blocks = detail::has_block_path(path) && options_.max_line_length == 0;
    std::size_t i = 0;
    std::size_t octet_path_until = 0;  // after a block the block path refused
    while (i < n) {
      if (blocks && i >= octet_path_until && !draining_ && state_ != state::dot &&
          state_ != state::dot_cr && n - i >= block) {
        std::size_t passed = 0;
        const std::size_t j = pass_plain_blocks(path, in, n, i, passed);
        if (stuffed_dots_ != 0) {
          // The last block had lines starting with a dot: the segments skip those dots.
          const std::size_t dotted = j - block;
          take(i, dotted - i);
          std::size_t from = 0;
          for (std::uint64_t dots = stuffed_dots_; dots != 0; dots &= dots - 1) {
            const std::size_t dot = detail::count_trailing_zeros64(dots);
            take(dotted + from, dot - from);
            from = dot + 1;
          }
          take(dotted + from, block - from);
          stuffed_dots_ = 0;
          i = j;
          continue;  // the block path again at once
        }
        take(i, j - i);
        octet_path_until = j + block;
        i = j;
        if (i == n) break;
      }
      // A piece through `decode`. Its output is its input less the dots it dropped (and less
      // what a limit cut), so taking runs of equal octets and skipping an input octet at each
      // difference (the first input octet equal to each output octet) finds octets of the same
      // values in the same order.
      char decoded[decode_each_piece];
      const std::size_t piece = n - i < decode_each_piece ? n - i : decode_each_piece;
      const codec_result r = decode(std::string_view(in + i, piece), decoded, piece);
      const std::size_t read = r.failed() ? r.offset : r.consumed;
      std::size_t q = 0;
      std::size_t o = 0;
      while (o < r.produced && q < read) {
        const std::size_t most = read - q < r.produced - o ? read - q : r.produced - o;
        const std::size_t run = detail::common_prefix(in + i + q, decoded + o, most);
        take(i + q, run);
        q += run + 1;  // the octet after the run was dropped
        o += run;
      }
      // Not reached: under the reject policy every decoded octet is an octet of the piece
      // (tests/dot_each_test.cpp, fuzz_dot_decoder); refused rather than lost if it were.
      if (o != r.produced) return fail(errc::bad_argument, 0, produced);
      if (r.failed()) {
        flush();
        return detail::codec_error(r.error, i + r.offset, produced);
      }
      i += r.consumed;
      if (r.is_complete()) {
        flush();
        return detail::codec_complete(i, produced);
      }
    }
    flush();
    return detail::codec_more(n, produced);
  }

  /// At end of input (connection closed): `complete` if the end-of-data marker was seen, else
  /// `unterminated_data`.
  codec_result finish() noexcept {
    if (error_ != errc{}) return detail::codec_error(error_, 0, 0);
    if (done_) return detail::codec_complete(0, 0);
    return detail::codec_error(errc::unterminated_data, 0, 0);
  }

  /// Prepares for the next message.
  constexpr void reset() noexcept {
    state_ = state::line_start;
    strict_ = true;
    done_ = false;
    draining_ = false;
    cr_held_ = false;
    deferred_ = errc{};
    line_length_ = 0;
    size_ = 0;
    error_ = errc{};
  }

  /// Decoded octets so far (not counting what was dropped while draining).
  [[nodiscard]] constexpr std::uint64_t message_size() const noexcept { return size_; }
  /// True once a size or line limit was exceeded: output has stopped until the end of data.
  [[nodiscard]] constexpr bool is_draining() const noexcept { return draining_; }

  [[nodiscard]] constexpr const dot_decoder_options& options() const noexcept { return options_; }

 private:
  // capacity >= max_decoded_size(n), exactly and without overflow.
  constexpr bool fits(std::size_t n, std::size_t capacity) const noexcept {
    switch (options_.bare_line_endings) {
      case line_ending_policy::reject:
        return capacity >= n;
      case line_ending_policy::pass:
        return capacity > n;
      case line_ending_policy::normalize:
        break;
    }
    return detail::holds_twice_plus_two(capacity, n);
  }

  enum class state : std::uint8_t {
    line_start,  // at the start of a line
    dot,         // a line started with "." (held back)
    dot_cr,      // a line started with "." CR (held back)
    mid,         // inside a line
    cr,          // after a CR at the start or inside of a line (written unless cr_held_)
  };

  // Writes n octets unless draining. Past the size limit it writes what still fits (so the
  // output is the same for any chunking: exactly the first max_message_size octets) and drains.
  void emit(char* out, std::size_t& w, const char* from, std::size_t n) noexcept {
    if (draining_ || n == 0) return;
    if (options_.max_message_size != no_limit && n > options_.max_message_size - size_) {
      n = static_cast<std::size_t>(options_.max_message_size - size_);
      start_draining(errc::message_too_large);
    }
    if (out + w != from) std::memmove(out + w, from, n);
    w += n;
    size_ += n;
  }

  void emit_byte(char* out, std::size_t& w, char c) noexcept { emit(out, w, &c, 1); }

  // The line limit counts each line's decoded octets, so not the stuffing dot (RFC 5321
  // §4.5.3.1.6), and its line end as the CR LF it is or becomes (the end-of-data line is not a
  // line of the message). `line_length_` counts the decoded octets before the line end; while
  // not draining it stays within max_line_length - 2, so `line_room` is what the line may
  // still take.
  constexpr std::size_t line_room() const noexcept {
    const std::size_t max = options_.max_line_length;
    if (max == no_limit) return SIZE_MAX;
    return max < 2 ? 0 : max - 2 - line_length_;
  }

  // n octets of line content, written as they are; past the line limit only what still fits is
  // written (so the output does not depend on chunking) and the decoder drains.
  void emit_content(char* out, std::size_t& w, const char* from, std::size_t n) noexcept {
    if (draining_) return;
    const std::size_t room = line_room();
    if (n > room) {
      emit(out, w, from, room);
      start_draining(errc::line_too_long);
      return;
    }
    emit(out, w, from, n);
    line_length_ += n;
  }

  // Ends the line with `ending` (what is left to write of its CR LF): the line end counts two
  // octets, which only a limit below 2 refuses.
  void end_line(char* out, std::size_t& w, const char* ending, std::size_t n,
                bool strict) noexcept {
    if (!draining_ && options_.max_line_length != no_limit && options_.max_line_length < 2)
      start_draining(errc::line_too_long);
    emit(out, w, ending, n);
    new_line(strict);
  }

  // A CR inside a line or at its start. It is written at once (so output never overtakes
  // input), unless the line limit would refuse it as what the next octet may make of it (line
  // end, or under pass, content): then it is held until that octet is seen.
  void take_cr(char* out, std::size_t& w) noexcept {
    cr_held_ = !draining_ && options_.max_line_length != no_limit &&
               (options_.max_line_length < 2 ||
                (options_.bare_line_endings == line_ending_policy::pass && line_room() == 0));
    if (!cr_held_) emit_byte(out, w, '\r');
    state_ = state::cr;
  }

  // The CR before the current octet ends the line: write what is left of CR LF.
  void end_line_after_cr(char* out, std::size_t& w, bool strict) noexcept {
    const bool held = cr_held_;
    cr_held_ = false;
    end_line(out, w, held ? "\r\n" : "\n", held ? 2 : 1, strict);
  }

  // The CR before the current octet is content (pass).
  void cr_is_content(char* out, std::size_t& w) noexcept {
    if (cr_held_) {
      cr_held_ = false;
      emit_content(out, w, "\r", 1);  // refused: the line had no room left
    } else if (!draining_) {
      ++line_length_;  // written already, room checked then
    }
    state_ = state::mid;
  }

  void start_draining(errc why) noexcept {
    if (!draining_) deferred_ = why;
    draining_ = true;
  }

  void new_line(bool strict) noexcept {
    state_ = state::line_start;
    strict_ = strict;
    line_length_ = 0;
  }

  codec_result fail(errc e, std::size_t at, std::size_t w) noexcept {
    error_ = e;
    return detail::codec_error(e, at, w);
  }

  // The block path: copies whole blocks (detail::dot_block_size octets) in which every CR and
  // LF form CR LF pairs and no line starts with a dot, so output equals input; stops at the
  // first block that needs the octet-level state machine. Returns the new read position. One
  // version per SIMD path (detail::block_path).
  std::size_t copy_plain_blocks(simd_path path, const char* in, std::size_t n, std::size_t i,
                                char* out, std::size_t& w_out) noexcept {
    return detail::block_path<dot_decoder>::run(*this, path, in, n, i, out, w_out);
  }
  friend struct detail::block_path<dot_decoder>;
  friend struct detail::block_path<dot_decoder, false>;

  // `decode_each`'s version: passes whole plain blocks, copying nothing (`w_out` still counts
  // their output), and stops at any block the block path refuses or right after one with lines
  // starting with a dot, whose dots it leaves in `stuffed_dots_` (bit i: octet i of that block;
  // 0 after any other block).
  std::size_t pass_plain_blocks(simd_path path, const char* in, std::size_t n, std::size_t i,
                                std::size_t& w_out) noexcept {
    return detail::block_path<dot_decoder, false>::run(*this, path, in, n, i, nullptr, w_out);
  }

  template <bool Copy, class Masks>
  std::size_t copy_plain_blocks_with(Masks, const char* in, std::size_t n, std::size_t i, char* out,
                                     std::size_t& w_out) noexcept {
    constexpr std::size_t block = detail::dot_block_size;
    constexpr unsigned last = block - 1;  // the bit of the block's last octet
    // Locals, not members, inside the loop: stores through `this` could alias the octets.
    std::size_t w = w_out;
    std::uint64_t size = size_;
    std::uint64_t after_cr = state_ == state::cr ? 1U : 0U;  // a CR was written last
    std::uint64_t at_start = state_ == state::line_start ? 1U : 0U;
    const std::uint64_t limit =
        options_.max_message_size != 0 ? options_.max_message_size : ~std::uint64_t{0};
    const std::size_t start = i;
    std::uint64_t last_stuffed = 0;  // !Copy: the dots of the last block taken
    bool in_place = false;           // see `decode`
    if constexpr (Copy) in_place = out + w <= in + i && in + i < out + w + block;
    while (i + block <= n) {
      if (n - i > detail::dot_prefetch_distance)
        SMTPCODES_PREFETCH(in + i + detail::dot_prefetch_distance);
      const detail::block_masks m = Masks::line_masks(in + i);
      if ((m.lf & ~((m.cr << 1) | after_cr)) != 0) break;  // a bare LF
      if ((after_cr & ~m.lf) != 0) break;                  // a bare CR before the block
      if ((m.cr & ~(m.lf >> 1) & ~(std::uint64_t{1} << last)) != 0) break;  // a bare CR
      std::uint64_t stuffed = m.dot & ((m.lf << 1) | at_start);  // lines starting with "."
      // A dot in the last two octets, or a line that is just "." (perhaps the end): those go
      // to the octet path, which sees across the block edge.
      if ((stuffed >> (last - 1)) != 0 || (stuffed & (m.cr >> 1) & (m.lf >> 2)) != 0) break;
      if ((stuffed & 1U) != 0 && at_start != 0 && !strict_) break;  // normalize's loose start
      // (popcount only when needed: without POPCNT in the target it is a library call)
      const std::size_t removed =
          stuffed == 0 ? 0 : static_cast<std::size_t>(detail::popcount(stuffed));
      if (block - removed > limit - size) break;
      bool stop_after = false;
      if constexpr (!Copy) {
        // A block with lines starting with a dot is taken, and the loop stops after it:
        // `decode_each` cuts its segments at those dots (`stuffed_dots_`).
        stop_after = stuffed != 0;
        last_stuffed = stuffed;
        w += block - removed;
      } else if (stuffed == 0) {
        // The common case: the block is copied as is (a constant-size copy the compiler
        // inlines; in place, output may trail the input by less than a block: memmove).
        if (!in_place) {
          std::memcpy(out + w, in + i, block);
        } else if (out + w != in + i) {
          std::memmove(out + w, in + i, block);
        }
        w += block;
      } else {
        // Copy the block, dropping the first dot of each line that has one (RFC 5321 §4.5.2).
        std::size_t from = 0;
        while (stuffed != 0) {
          const std::size_t dot = detail::count_trailing_zeros64(stuffed);
          std::memmove(out + w, in + i + from, dot - from);
          w += dot - from;
          from = dot + 1;
          stuffed &= stuffed - 1;
        }
        std::memmove(out + w, in + i + from, block - from);
        w += block - from;
      }
      i += block;
      size += block - removed;
      at_start = m.lf >> last;
      after_cr = m.cr >> last;
      if (stop_after) break;
    }
    if constexpr (!Copy) stuffed_dots_ = last_stuffed;
    if (i != start) {
      w_out = w;
      size_ = size;
      state_ = at_start != 0 ? state::line_start : after_cr != 0 ? state::cr : state::mid;
      if (at_start != 0) strict_ = true;
    }
    return i;
  }

  codec_result run(const char* in, std::size_t n, char* out) noexcept {
    const line_ending_policy policy = options_.bare_line_endings;
    // Line lengths are counted octet by octet, so the block path is off when they are checked.
    const simd_path path = active_simd_path();
    const bool blocks = detail::has_block_path(path) && options_.max_line_length == 0;
    std::size_t i = 0;
    std::size_t w = 0;
    std::size_t octet_path_until = 0;  // after a block the block path refused
    while (i < n) {
      if (blocks && i >= octet_path_until && !draining_ && state_ != state::dot &&
          state_ != state::dot_cr && n - i >= detail::dot_block_size) {
        i = copy_plain_blocks(path, in, n, i, out, w);
        octet_path_until = i + detail::dot_block_size;
        if (i == n) break;
      }
      switch (state_) {
        case state::mid: {
          const std::size_t k = detail::find_cr_or_lf(in + i, n - i);
          emit_content(out, w, in + i, k);
          i += k;
          if (i == n) break;
          if (in[i] == '\r') {
            take_cr(out, w);
            ++i;
          } else if (!bare_lf(out, w, i, policy)) {
            return fail(errc::bare_lf, i, w);
          }
          break;
        }
        case state::cr:
          if (in[i] == '\n') {
            ++i;
            end_line_after_cr(out, w, true);
          } else if (policy == line_ending_policy::reject) {
            return fail(errc::bare_cr, i, w);
          } else if (policy == line_ending_policy::normalize) {
            end_line_after_cr(out, w, false);  // complete the bare CR to CR LF
          } else {
            cr_is_content(out, w);
          }
          break;
        case state::line_start:
          if (in[i] == '.') {
            state_ = state::dot;
            ++i;
          } else if (in[i] == '\r') {
            take_cr(out, w);
            ++i;
          } else if (in[i] == '\n') {
            if (!bare_lf(out, w, i, policy)) return fail(errc::bare_lf, i, w);
          } else {
            state_ = state::mid;
          }
          break;
        case state::dot:
          if (in[i] == '\r') {
            state_ = state::dot_cr;
            ++i;
          } else if (in[i] == '\n') {
            // "." then a bare LF: never an end of data.
            if (policy == line_ending_policy::reject) return fail(errc::bare_lf, i, w);
            if (policy == line_ending_policy::normalize) {
              emit_content(out, w, ".", 1);  // a line holding a lone dot, as content
              end_line(out, w, "\r\n", 2, false);
            } else {
              // pass: the first dot goes (uncounted, like every removed dot); the LF is content
              emit_content(out, w, "\n", 1);
              state_ = state::mid;
            }
            ++i;
          } else {
            // RFC 5321 §4.5.2: drop the first dot; the rest is content. The dropped dot does
            // not count towards the line limit (§4.5.3.1.6).
            state_ = state::mid;
          }
          break;
        case state::dot_cr:
          if (in[i] == '\n') {
            ++i;
            if (strict_) {
              done_ = true;
              if (draining_) return fail(deferred_, i, w);
              return detail::codec_complete(i, w);
            }
            // A lone-dot line after a normalized bare line ending: content, not the end.
            emit_content(out, w, ".", 1);
            end_line(out, w, "\r\n", 2, true);
          } else if (policy == line_ending_policy::reject) {
            return fail(errc::bare_cr, i, w);
          } else if (policy == line_ending_policy::normalize) {
            emit_content(out, w, ".", 1);  // "." ended by a bare CR: content
            end_line(out, w, "\r\n", 2, false);
          } else {
            // pass: ".", CR, more: drop the dot (uncounted), keep the CR
            emit_content(out, w, "\r", 1);
            state_ = state::mid;
          }
          break;
      }
    }
    return detail::codec_more(n, w);
  }

  // A bare LF at in[i] in state line_start or mid; false when the policy rejects it.
  bool bare_lf(char* out, std::size_t& w, std::size_t& i, line_ending_policy policy) noexcept {
    if (policy == line_ending_policy::reject) return false;
    if (policy == line_ending_policy::normalize) {
      end_line(out, w, "\r\n", 2, false);
    } else {
      emit_content(out, w, "\n", 1);  // pass: content
      state_ = state::mid;
    }
    ++i;
    return true;
  }

  dot_decoder_options options_{};
  state state_ = state::line_start;
  bool strict_ = true;  // the current line start follows a real CR LF (or the DATA command)
  bool done_ = false;
  bool draining_ = false;
  bool cr_held_ = false;  // state cr: the CR is not written yet (see take_cr)
  errc deferred_{};
  std::size_t line_length_ = 0;
  std::uint64_t size_ = 0;
  std::uint64_t stuffed_dots_ = 0;  // decode_each: see pass_plain_blocks
  errc error_{};                    // sticky
};

/// Encoder settings (the encoder has no limits: it writes what it is given).
struct dot_encoder_options {
  line_ending_policy bare_line_endings = line_ending_policy::reject;
};

/**
 * Sender side of DATA: stuffs a dot before every line that starts with one (the first line
 * included) and, in `finish`, writes the terminator, adding CR LF first when the message did
 * not end with one. Bare CR and LF follow the policy: reject (the default), normalize to CR LF
 * (what a relay should do), or pass (dangerous: see `line_ending_policy::pass`).
 */
class dot_encoder {
 public:
  constexpr dot_encoder() noexcept = default;
  constexpr explicit dot_encoder(const dot_encoder_options& options) noexcept : options_(options) {}

  /// Output octets `encode` may write for `n` input octets: every octet could double, plus a
  /// CR held back from the previous call; SIZE_MAX when 2n + 2 does not fit in `std::size_t`
  /// (no buffer will do: feed less at a time).
  [[nodiscard]] static constexpr std::size_t max_encoded_size(std::size_t n) noexcept {
    return detail::twice_plus_two(n);
  }
  /// Capacity `finish` needs: the LF completing a CR the input ended with (normalize) or a
  /// CR LF ending the last line, then "." CR LF.
  static constexpr std::size_t max_finish_size = 5;

  /**
   * Encodes `input` into `out` (at least `max_encoded_size(input.size())` octets, otherwise
   * `output_too_small` with `needed` set, and nothing is read). Consumes all input:
   * `need_more` (call `finish` at the end of the message), or an error (`bare_cr`, `bare_lf`
   * under reject; sticky until `reset`, given back with nothing consumed). A bare CR is
   * reported at the octet after it (which may be the first of a later call), and has been
   * written, as the decoder does; a bare LF is reported at itself.
   */
  codec_result encode(std::string_view input, char* out, std::size_t capacity) noexcept {
    if (error_ != errc{}) return detail::codec_error(error_, 0, 0);
    if (!detail::holds_twice_plus_two(capacity, input.size()))
      return detail::codec_too_small(max_encoded_size(input.size()));
    const char* in = input.data();
    const std::size_t n = input.size();
    std::size_t i = 0;
    std::size_t w = 0;
    if (pending_cr_ && n > 0) {  // the previous call ended with a CR (written)
      pending_cr_ = false;
      if (in[0] == '\n') {
        out[w++] = '\n';
        i = 1;
        line_start_ = true;
      } else if (!bare_cr(out, w)) {
        return fail(errc::bare_cr, 0, w);
      }
    }
    const simd_path path = active_simd_path();
    const bool blocks = detail::has_block_path(path);
    std::size_t octet_path_until = 0;  // after a block the block path refused
    while (i < n) {
      if (blocks && i >= octet_path_until && n - i >= detail::dot_block_size) {
        i = copy_plain_blocks(path, in, n, i, out, w);
        octet_path_until = i + detail::dot_block_size;
        if (i == n) break;
      }
      if (line_start_) {
        if (in[i] == '.') out[w++] = '.';  // RFC 5321 §4.5.2: double a leading dot
        line_start_ = false;
      }
      const std::size_t k = detail::find_cr_or_lf(in + i, n - i);
      put(out, w, in + i, k);
      i += k;
      if (i == n) break;
      if (in[i] == '\r') {
        out[w++] = '\r';  // every policy writes it first
        ++i;
        if (i == n) {
          pending_cr_ = true;  // the next call decides whether an LF follows
        } else if (in[i] == '\n') {
          out[w++] = '\n';
          ++i;
          line_start_ = true;
        } else if (!bare_cr(out, w)) {
          // Reported at the octet after the CR, as when the CR ended the previous chunk.
          return fail(errc::bare_cr, i, w);
        }
      } else {
        if (options_.bare_line_endings == line_ending_policy::reject)
          return fail(errc::bare_lf, i, w);
        if (options_.bare_line_endings == line_ending_policy::normalize) {
          put(out, w, "\r\n", 2);
          line_start_ = true;
        } else {
          out[w++] = '\n';  // pass: content, not a line end
        }
        ++i;
      }
    }
    return detail::codec_more(n, w);
  }

  /// Ends the message: completes a CR the input ended with per the policy, adds CR LF unless
  /// the message ended with one (or is empty), then "." CR LF: `complete`. `out` needs
  /// `max_finish_size` octets. The encoder is then ready for the next message, as after
  /// `reset` (unlike the decoder, which stays complete: what follows its terminator is not
  /// data, while nothing follows the encoder's).
  codec_result finish(char* out, std::size_t capacity) noexcept {
    if (error_ != errc{}) return detail::codec_error(error_, 0, 0);
    if (capacity < max_finish_size) return detail::codec_too_small(max_finish_size);
    std::size_t w = 0;
    if (pending_cr_) {
      pending_cr_ = false;
      if (!bare_cr(out, w)) return fail(errc::bare_cr, 0, 0);
    }
    if (!line_start_) put(out, w, "\r\n", 2);
    put(out, w, ".\r\n", 3);
    line_start_ = true;
    return detail::codec_complete(0, w);
  }

  /// Prepares for the next message.
  constexpr void reset() noexcept {
    line_start_ = true;
    pending_cr_ = false;
    error_ = errc{};
  }

  [[nodiscard]] constexpr const dot_encoder_options& options() const noexcept { return options_; }

 private:
  // The block path: copies whole blocks (detail::dot_block_size octets) in which every CR and
  // LF form CR LF pairs (none split across blocks) and no line starts with a dot: there is
  // nothing to stuff. One version per SIMD path (detail::block_path).
  std::size_t copy_plain_blocks(simd_path path, const char* in, std::size_t n, std::size_t i,
                                char* out, std::size_t& w_out) noexcept {
    return detail::block_path<dot_encoder>::run(*this, path, in, n, i, out, w_out);
  }
  friend struct detail::block_path<dot_encoder>;

  template <bool Copy, class Masks>
  std::size_t copy_plain_blocks_with(Masks, const char* in, std::size_t n, std::size_t i, char* out,
                                     std::size_t& w_out) noexcept {
    static_assert(Copy, "the encoder always copies");
    constexpr std::size_t block = detail::dot_block_size;
    constexpr unsigned last = block - 1;  // the bit of the block's last octet
    std::size_t w = w_out;
    std::uint64_t at_start = line_start_ ? 1U : 0U;
    std::uint64_t after_cr = 0;  // the previous block ended with a CR whose LF starts this one
    while (i + block <= n) {
      if (n - i > detail::dot_prefetch_distance)
        SMTPCODES_PREFETCH(in + i + detail::dot_prefetch_distance);
      const detail::block_masks m = Masks::line_masks(in + i);
      if ((m.lf & ~((m.cr << 1) | after_cr)) != 0) break;                   // a bare LF
      if ((m.cr & ~(m.lf >> 1) & ~(std::uint64_t{1} << last)) != 0) break;  // a bare CR
      // A CR in the last octet needs its LF right after the block, inside this input.
      if ((m.cr >> last) != 0 && (i + block == n || in[i + block] != '\n')) break;
      std::uint64_t stuffed = m.dot & ((m.lf << 1) | at_start);  // lines starting with "."
      if (stuffed == 0) {
        std::memcpy(out + w, in + i, block);  // the common case: a constant-size copy
        w += block;
      } else {
        // Copy the block, doubling the first dot of each line that starts with one.
        std::size_t from = 0;
        while (stuffed != 0) {
          const std::size_t dot = detail::count_trailing_zeros64(stuffed);
          std::memcpy(out + w, in + i + from, dot - from);
          w += dot - from;
          out[w++] = '.';
          from = dot;
          stuffed &= stuffed - 1;
        }
        std::memcpy(out + w, in + i + from, block - from);
        w += block - from;
      }
      i += block;
      at_start = m.lf >> last;
      after_cr = m.cr >> last;
    }
    // A block ending in CR stops only where its LF is the next octet, which the octet path
    // then sees as a bare LF: so step back over that CR instead.
    if (after_cr != 0) {
      --i;
      --w;
    }
    line_start_ = at_start != 0 && after_cr == 0;
    w_out = w;
    return i;
  }

  static void put(char* out, std::size_t& w, const char* from, std::size_t n) noexcept {
    std::memcpy(out + w, from, n);
    w += n;
  }

  // A CR not followed by LF, already written; false when the policy rejects it.
  bool bare_cr(char* out, std::size_t& w) noexcept {
    switch (options_.bare_line_endings) {
      case line_ending_policy::reject:
        return false;
      case line_ending_policy::normalize:
        out[w++] = '\n';  // complete it to CR LF
        line_start_ = true;
        return true;
      case line_ending_policy::pass:
        break;
    }
    line_start_ = false;
    return true;
  }

  codec_result fail(errc e, std::size_t at, std::size_t w) noexcept {
    error_ = e;
    return detail::codec_error(e, at, w);
  }

  dot_encoder_options options_{};
  bool line_start_ = true;
  bool pending_cr_ = false;  // the last octet given was a CR (written), its LF not yet seen
  errc error_{};             // sticky
};

/**
 * BDAT (RFC 3030 §2): counts exactly the announced octets of one chunk, with no unstuffing and
 * no end marker. `take(available)` says how many of the octets at hand belong to the chunk.
 */
class bdat_chunk {
 public:
  constexpr bdat_chunk(std::uint64_t size, bool last) noexcept : remaining_(size), last_(last) {}

  /// Consumes up to `available` octets of the chunk; returns how many belong to it.
  [[nodiscard]] constexpr std::size_t take(std::size_t available) noexcept {
    const std::size_t n = remaining_ < available ? static_cast<std::size_t>(remaining_) : available;
    remaining_ -= n;
    return n;
  }
  /// Octets of the chunk still to come.
  [[nodiscard]] constexpr std::uint64_t remaining() const noexcept { return remaining_; }
  /// True once every octet of the chunk has been taken.
  [[nodiscard]] constexpr bool is_complete() const noexcept { return remaining_ == 0; }
  /// True when the command was "BDAT n LAST": the message ends with this chunk.
  [[nodiscard]] constexpr bool is_last() const noexcept { return last_; }
  /// True when this chunk is complete and was the last: the whole message has arrived.
  [[nodiscard]] constexpr bool ends_message() const noexcept { return last_ && remaining_ == 0; }

 private:
  std::uint64_t remaining_;
  bool last_;
};

}  // namespace smtpcodes

#endif  // SMTPCODES_DOT_CODEC_HPP
