#!/usr/bin/env bash
# Every figure the README's "Performance" section shows, from one run on one machine: the
# Google Benchmark suites (replies, commands, DATA codec on every run-time SIMD path, bounces,
# DSNs, sessions), the compile cost of the headers (compile_time.sh) and the peers
# (peers/run.sh), one after another, then a summary with the ratios issue 14 sets as goals.
#
#   bench/figures.sh [--out DIR] [--reps N] [--quick]
#     --out DIR   where the logs go (default: a new figures-DATE directory under /tmp)
#     --reps N    repetitions of each benchmark (default 7; medians are reported)
#     --quick     a smoke run in about two minutes (2 repetitions, short benchmarks, 1 MiB
#                 peers, one compile per TU): checks the script, not figures to publish
#
# It builds the benchmarks in build-figures/ (release, no -march: the default a user gets) and
# runs nothing else meanwhile; a busy machine moves the figures, so keep it otherwise idle. The
# outputs: DIR/machine.txt (CPU, cores, SIMD, compilers, commit), DIR/<suite>.json and .txt
# (Google Benchmark), DIR/compile_time.txt, DIR/peers.txt, DIR/summary.md (bench/summarize.py
# over the JSON files). Exit status 1 when a step fails. Not part of CI (it takes 15-20 minutes).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
out=""
reps=7
quick=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "figures.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$reps" in '' | *[!0-9]* | 0) echo "figures.sh: --reps takes a positive integer" >&2; exit 2 ;; esac
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/figures-$(date -u +%Y%m%d-%H%M).XXXX")"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
# A directory used before: its logs would be appended to.
rm -f "$out"/{machine,build,reply,command,dot,classify,dsn,session,compile_time,peers}.{txt,log,json} \
  "$out/summary.md"

step() { printf 'figures: [%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
# logged FILE COMMAND...: runs the command with its output in FILE; on failure shows its end.
logged() {
  local log="$1"
  shift
  if ! "$@" >>"$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "figures.sh: failed: $* (log: $log)" >&2
    exit 1
  fi
}

step "machine and tools -> $out/machine.txt"
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
  flags=""
  for f in sse2 avx2 avx512bw; do grep -qw "$f" /proc/cpuinfo && flags+="$f "; done
  echo "simd: ${flags% }"
  echo "g++: $(g++ --version | head -1)"
  command -v clang++ >/dev/null && echo "clang++: $(clang++ --version | head -1)"
  echo "build: meson --buildtype=release (-O3), no -march"
  if [ "$quick" = 1 ]; then echo "reps: 2 (quick run: not for publishing)"; else echo "reps: $reps"; fi
} | tee "$out/machine.txt"

step "building the benchmarks (build-figures/, release)"
build="$root/build-figures"
if [ ! -f "$build/build.ninja" ]; then
  logged "$out/build.log" meson setup "$build" "$root" --buildtype=release -Dbenchmarks=enabled \
    -Dtests=disabled -Dtool=disabled
fi
suites=(reply command dot classify dsn session)
logged "$out/build.log" ninja -C "$build" $(printf 'bench/bench_%s ' "${suites[@]}")

bench_args=(--benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true
  --benchmark_report_aggregates_only=true --benchmark_out_format=json)
[ "$quick" = 1 ] && bench_args=(--benchmark_repetitions=2 --benchmark_min_time=0.05
  --benchmark_report_aggregates_only=true --benchmark_out_format=json)
for s in "${suites[@]}"; do
  step "bench_$s ${bench_args[*]}"
  logged "$out/$s.txt" "$build/bench/bench_$s" "${bench_args[@]}" --benchmark_out="$out/$s.json"
done

headers=(smtpcodes.hpp smtpcodes/line.hpp smtpcodes/reply.hpp smtpcodes/ehlo.hpp
  smtpcodes/command.hpp smtpcodes/find.hpp smtpcodes/dsn.hpp smtpcodes/dot_codec.hpp
  smtpcodes/client_session.hpp smtpcodes/server_session.hpp smtpcodes/classify.hpp)
for extra in nlohmann/json.hpp fmt/format.h; do
  echo "#include <$extra>" | g++ -std=c++17 -x c++ -E - -o /dev/null 2>/dev/null && headers+=("$extra")
done
compiles=3
[ "$quick" = 1 ] && compiles=1
step "bench/compile_time.sh -n $compiles ${headers[*]}"
logged "$out/compile_time.txt" "$here/compile_time.sh" -n "$compiles" "${headers[@]}"

peer_args=(--size 16 --reps 3)
[ "$quick" = 1 ] && peer_args=(--size 1 --reps 1)
step "bench/peers/run.sh ${peer_args[*]}"
logged "$out/peers.txt" "$here/peers/run.sh" "${peer_args[@]}"

step "summary -> $out/summary.md"
python3 "$here/summarize.py" "$out" | tee "$out/summary.md"
step "done: $out"
