#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (-fsanitize=fuzzer,address,undefined) and runs each
# for SECONDS (default 10) on a copy of its seed corpus, with its dictionary (fuzz/TARGET.dict,
# else the SMTP one). Prints one summary line per target and exits non-zero on the first
# crash, leak or mismatch.
# Usage: fuzz/run.sh [SECONDS [TARGET...]]  (targets: line reply ehlo command dot_decoder
# dot_encoder command_writer reply_writer xtext find dsn classify client_session server_session redact; all by default)
# Needs clang++ and libclang-rt-dev (Debian: apt-get install clang libclang-rt-14-dev).
set -euo pipefail
seconds=${1:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
out=${FUZZ_OUT:-$(mktemp -d)}
targets=(line reply ehlo command dot_decoder dot_encoder command_writer reply_writer xtext find dsn classify client_session server_session redact)
if [ "$#" -gt 1 ]; then
  targets=("${@:2}")
fi
cxx=${CXX_FUZZ:-clang++}

# Two compilers at a time: building the targets takes longer than fuzzing them for 5 seconds.
export cxx root out
printf '%s\0' "${targets[@]}" | xargs -0 -P"${FUZZ_JOBS:-2}" -I{} sh -c \
  '"$cxx" -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$root/include" "$root/fuzz/fuzz_$1.cpp" -o "$out/fuzz_$1"' sh {}

for t in "${targets[@]}"; do
  work="$out/corpus_$t"
  mkdir -p "$work"
  cp -r "$root/fuzz/corpus/$t/." "$work/" 2>/dev/null || true
  log="$out/fuzz_$t.log"
  dict="$root/fuzz/$t.dict"
  [ -f "$dict" ] || dict="$root/fuzz/smtp.dict"
  if ! "$out/fuzz_$t" -max_total_time="$seconds" -dict="$dict" \
      -print_final_stats=1 -artifact_prefix="$out/crash_$t-" "$work" >"$log" 2>&1; then
    echo "fuzz: $t FAILED; see $log" >&2
    tail -40 "$log" >&2
    exit 1
  fi
  runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  cov=$(grep -E '#[0-9]+.*DONE' "$log" | sed -E 's/.*cov: ([0-9]+).*/\1/' | tail -1)
  echo "fuzz: $t: ${runs:-?} executions in ${seconds}s, coverage ${cov:-?} edges, corpus $(ls "$work" | wc -l) inputs, no crash"
done
