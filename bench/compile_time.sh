#!/usr/bin/env bash
# What including a header costs: the median time of compiling a translation unit that includes
# only that header, beside one that includes only <string>, with g++ and clang++ at -O0 and -O2
# (C++17), all in the same run.
#
# Each TU is compiled to an object file (`-c -o /dev/null`), which is what a user pays;
# `-fsyntax-only` would leave out code generation for the inline and constexpr functions a
# header defines. Rounds are interleaved (every TU once per round) so that load from other
# processes spreads over all rows instead of landing on one. Two tables: the median wall time,
# and the median CPU time (user + sys of the compiler), which moves less on a shared machine.
# The ratio divides by the <string> row of the same compiler and level.
#
# Rows: <string>; the umbrella <smtpcodes.hpp>; each public header of include/smtpcodes/ alone
# (whatever is there, so the script runs unchanged on older checkouts); and, when installed,
# <nlohmann/json.hpp> (nlohmann-json3-dev) and <fmt/format.h> (libfmt-dev) for comparison.
#
# Usage: bench/compile_time.sh [-n N] [-c "g++ clang++"] [-O "-O0 -O2"] [-I DIR]... [HEADER...]
#   -n N      compiles per TU and configuration (default 5; N=3 on a busy machine)
#   -c LIST   compilers (default "g++ clang++"; missing ones are skipped)
#   -O LIST   optimisation levels (default "-O0 -O2")
#   -I DIR    the include directory to measure (default: include/ of this checkout). Give it
#             twice (e.g. an old checkout's include/ and this one) to measure both in the same
#             run: each row is then marked [1] or [2]
#   HEADER    measure only these (e.g. smtpcodes/reply.hpp); the <string> row is always there
# Environment: CXXFLAGS is added to every compile (e.g. CXXFLAGS=-std=c++20).
# Example: bench/compile_time.sh -n 3 -I /tmp/old/include -I include smtpcodes.hpp \
#            smtpcodes/reply.hpp
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
n=5
compilers="g++ clang++"
levels="-O0 -O2"
dirs=()
while getopts "n:c:O:I:h" opt; do
  case "$opt" in
    n) n="$OPTARG" ;;
    c) compilers="$OPTARG" ;;
    O) levels="$OPTARG" ;;
    I) dirs+=("$(cd "$OPTARG" && pwd)") ;;
    h | *)
      sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'
      [ "$opt" = h ] && exit 0 || exit 2
      ;;
  esac
done
shift $((OPTIND - 1))
[ ${#dirs[@]} -gt 0 ] || dirs=("$(cd "$here/../include" && pwd)")

# rows: "DIRINDEX|HEADER|LABEL"; DIRINDEX 0 means no -I (system headers only).
rows=("0|string|<string>")
add_row() {  # add_row HEADER: one row per include directory that has it
  local d tag
  for d in "${!dirs[@]}"; do
    [ -f "${dirs[$d]}/$1" ] || continue
    tag=""
    [ ${#dirs[@]} -gt 1 ] && tag="[$((d + 1))] "
    rows+=("$((d + 1))|$1|$tag<$1>")
  done
}
if [ $# -gt 0 ]; then
  for h in "$@"; do
    case "$h" in
      smtpcodes*) add_row "$h" ;;
      *) rows+=("0|$h|<$h>") ;;
    esac
  done
else
  add_row smtpcodes.hpp
  for h in $(cd "${dirs[-1]}" && ls smtpcodes/*.hpp); do add_row "$h"; done
  for extra in nlohmann/json.hpp fmt/format.h; do
    if echo "#include <$extra>" | g++ -std=c++17 -x c++ -E - -o /dev/null 2>/dev/null; then
      rows+=("0|$extra|<$extra>")
    else
      echo "note: <$extra> is not installed; its row is skipped" >&2
    fi
  done
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for i in "${!rows[@]}"; do
  IFS='|' read -r d h _ <<<"${rows[$i]}"
  printf '#include <%s>\nint main() { return 0; }\n' "$h" >"$work/tu$i.cpp"
  if [ "$d" -gt 0 ]; then echo "-I${dirs[$((d - 1))]}" >"$work/flags$i"; else : >"$work/flags$i"; fi
done

configs=()
for cxx in $compilers; do
  if ! command -v "$cxx" >/dev/null; then
    echo "note: $cxx not found; skipped" >&2
    continue
  fi
  for level in $levels; do configs+=("$cxx $level"); done
done
[ ${#configs[@]} -gt 0 ] || {
  echo "no compiler found" >&2
  exit 1
}

# compile CONFIG INDEX -> prints "wall user sys" in seconds (bash's time: the compiler and its
# children, cc1plus and the assembler)
compile() {
  local cxx="${1% *}" level="${1#* }" i="$2" TIMEFORMAT='%R %U %S'
  # shellcheck disable=SC2086,SC2046  # CXXFLAGS and the flags file are lists of flags
  { time "$cxx" -std=c++17 $level ${CXXFLAGS:-} $(cat "$work/flags$i") -c "$work/tu$i.cpp" \
    -o /dev/null 2>"$work/err"; } 2>&1
}

echo "compile_time: ${#rows[@]} TUs x ${#configs[@]} configurations x $n runs," \
  "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for d in "${!dirs[@]}"; do echo "  [$((d + 1))] ${dirs[$d]}" >&2; done
for c in "${configs[@]}"; do # one untimed compile each: warm the page cache, check it builds
  for i in "${!rows[@]}"; do
    compile "$c" "$i" >/dev/null || {
      echo "failed: $c ${rows[$i]}" >&2
      cat "$work/err" >&2
      exit 1
    }
  done
done
for round in $(seq "$n"); do
  echo "  round $round/$n" >&2
  for c in "${configs[@]}"; do
    for i in "${!rows[@]}"; do echo "$c|$i|$(compile "$c" "$i")" >>"$work/times"; done
  done
done
echo "  done; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The tables: one row per TU; per configuration the median in ms and the ratio to <string>.
{
  printf '%s\n' "${configs[@]}" | awk '{ print "config|" NR - 1 "|" $0 }'
  for i in "${!rows[@]}"; do echo "row|$i|${rows[$i]##*|}"; done
  cat "$work/times"
} | awk -F'|' -v n="$n" '
  $1 == "config" { cfg[$2] = $3; ncfg = $2 + 1; next }
  $1 == "row" { label[$2] = $3; nrow = $2 + 1; next }
  {
    split($3, f, " ")
    k = ++count[$1, $2]
    wall[$1, $2, k] = f[1] * 1000
    cpu[$1, $2, k] = (f[2] + f[3]) * 1000
  }
  function median(which, c, i,    k, m, j, tmp, v) {
    m = count[c, i]
    for (k = 1; k <= m; ++k) v[k] = which == "wall" ? wall[c, i, k] : cpu[c, i, k]
    for (k = 2; k <= m; ++k) {  # insertion sort; m is small
      tmp = v[k]
      for (j = k - 1; j >= 1 && v[j] > tmp; --j) v[j + 1] = v[j]
      v[j + 1] = tmp
    }
    return m % 2 ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
  }
  function table(which,    c, i, ms, base) {
    printf "%-40s", (which == "wall" ? "wall time" : "CPU time (user+sys)") ", median of " n
    for (c = 0; c < ncfg; ++c) printf " | %15s", cfg[c]
    printf "\n%-40s", "----------------------------------------"
    for (c = 0; c < ncfg; ++c) printf " | %15s", "---------------"
    printf "\n"
    for (c = 0; c < ncfg; ++c) base[c] = median(which, cfg[c], 0)
    for (i = 0; i < nrow; ++i) {
      printf "%-40s", label[i]
      for (c = 0; c < ncfg; ++c) {
        ms = median(which, cfg[c], i)
        printf " | %7.0f ms %4.2fx", ms, (base[c] > 0 ? ms / base[c] : 0)
      }
      printf "\n"
    }
  }
  END { table("wall"); printf "\n"; table("cpu") }'
