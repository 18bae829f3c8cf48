#!/usr/bin/env bash
# bench/peers: the DATA codec and the reply parser of smtpcodes beside other implementations,
# on the same inputs, in one run. See bench/peers/README.md.
#
#   bench/peers/run.sh [--size MiB] [--reps N]      (defaults: 16 MiB per workload, 3 reps)
#
# Workloads (made once by gen.py into a temp dir): stuffing a message body, unstuffing the
# stuffed body with end-of-data detection (a pipelined QUIT follows the terminator), reading a
# stream of replies. Every contender reads its input file into memory and times only the
# processing (its own clock, median of N). Each one's output is checked: the stuffed or
# unstuffed bytes (sha256), the offset where data ended, the count, lines, sum and sequence
# hash of reply codes must equal smtpcodes', and smtpcodes' must equal the generator's. Any
# mismatch or failure makes the script exit 1. The table gives throughput as a ratio to
# memchr (LF line split of the same input) and in MB/s (10^6 octets per second).
#
# Needs g++, /usr/bin/python3 (Debian's: aiosmtpd), and for the peers golang-go, libpoco-dev,
# python3-aiosmtpd, nodejs+npm and bench/peers/node/node_modules. Missing ones are installed
# (apt-get as root, `npm ci` from package-lock.json), and it says so; PEERS_NO_INSTALL=1
# skips that and leaves those contenders out with a "skipped:" line. Nothing else uses the
# network: Go builds with GOPROXY=off and the standard library only.
set -u -o pipefail

size=16
reps=3
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
case "$size" in ''|*[!0-9.]*) echo "run.sh: --size takes a number of MiB" >&2; exit 2 ;; esac
case "$reps" in ''|*[!0-9]*|0) echo "run.sh: --reps takes a positive integer" >&2; exit 2 ;; esac

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
tmp="$(mktemp -d "${TMPDIR:-/tmp}/smtpcodes-peers.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
limit=300   # seconds for any one contender run

failed=0
skipped=()
say() { echo "$*" >&2; }
skip() { skipped+=("$1"); echo "skipped: $1"; }

# --- tools: install only what is missing ---------------------------------------------------
apt_install() {  # apt_install PACKAGE... ; true when installed
  if [ -n "${PEERS_NO_INSTALL:-}" ]; then return 1; fi
  if [ "$(id -u)" != 0 ]; then say "run.sh: not root, cannot apt-get install $*"; return 1; fi
  say "run.sh: installing $* with apt-get (missing)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$tmp/apt.log" 2>&1 ||
    { apt-get update -q >>"$tmp/apt.log" 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$tmp/apt.log" 2>&1; }
}

command -v g++ >/dev/null || { echo "run.sh: g++ is needed" >&2; exit 2; }
[ -x "$py" ] || { echo "run.sh: $py is needed" >&2; exit 2; }

have_go=1
command -v go >/dev/null || apt_install golang-go || have_go=0
have_poco=1
[ -f /usr/include/Poco/Net/MailStream.h ] || apt_install libpoco-dev || have_poco=0
have_aiosmtpd=1
"$py" -c 'import aiosmtpd.smtp' 2>/dev/null || apt_install python3-aiosmtpd || have_aiosmtpd=0
have_node=1
{ command -v node >/dev/null && command -v npm >/dev/null; } || apt_install nodejs npm || have_node=0
if [ "$have_node" = 1 ] && [ ! -d "$here/node/node_modules/nodemailer" -o ! -d "$here/node/node_modules/smtp-server" ]; then
  if [ -n "${PEERS_NO_INSTALL:-}" ]; then
    have_node=0
  else
    say "run.sh: installing nodemailer and smtp-server into bench/peers/node/node_modules (npm ci, missing)"
    (cd "$here/node" && npm ci --ignore-scripts --no-audit --no-fund >"$tmp/npm.log" 2>&1) || have_node=0
  fi
fi

# --- build -----------------------------------------------------------------------------------
nice g++ -std=c++17 -O2 -I"$root/include" "$here/smtpcodes_driver.cpp" -o "$tmp/smtpcodes_driver" ||
  { echo "run.sh: cannot build the smtpcodes driver" >&2; exit 1; }
if [ "$have_poco" = 1 ]; then
  nice g++ -std=c++17 -O2 "$here/poco_driver.cpp" -o "$tmp/poco_driver" -lPocoNet -lPocoFoundation \
    2>"$tmp/poco_build.log" || have_poco=0
fi
if [ "$have_go" = 1 ]; then
  (cd "$here/go" && GOCACHE="$tmp/gocache" GOPATH="$tmp/gopath" GO111MODULE=off GOFLAGS= \
     GOPROXY=off GOTOOLCHAIN=local nice go build -o "$tmp/textproto" main.go) 2>"$tmp/go_build.log" || have_go=0
fi

# --- workloads -------------------------------------------------------------------------------
nice "$py" "$here/gen.py" "$tmp" "$size" || { echo "run.sh: gen.py failed" >&2; exit 1; }
head -c -6 "$tmp/wire.txt" >"$tmp/ref.stuff"   # the stuffed body and its terminator, no QUIT
wire_end=$(( $(stat -c %s "$tmp/wire.txt") - 6 ))
ref_replies=$(grep -c '^[0-9][0-9][0-9] ' "$tmp/replies.txt")
input() { case "$1" in stuff) echo "$tmp/body.txt" ;; unstuff) echo "$tmp/wire.txt" ;; replies) echo "$tmp/replies.txt" ;; esac; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

declare -A rate
declare -A expect_sha expect_lf_sha expect_end expect_replies

# check CONTENDER WORKLOAD RESULT_LINE OUTPUT_FILE: compares with the expectations; 0 if they hold
check() {
  local c=$1 w=$2 line=$3 out=$4 got
  case "$c:$w" in
    memcpy:*) cmp -s "$out" "$(input "$w")" || { echo "MISMATCH $c $w: copy differs"; return 1; }; return 0 ;;
    memchr:*) got=$(field "$line" lines)
      [ "$got" = "$(wc -l <"$(input "$w")")" ] || { echo "MISMATCH $c $w: lines=$got"; return 1; }; return 0 ;;
  esac
  case "$w" in
    stuff)
      got=$(sha "$out")
      [ "$got" = "${expect_sha[stuff]}" ] || { echo "MISMATCH $c stuff: sha256 $got, want ${expect_sha[stuff]}"; return 1; } ;;
    unstuff)
      got=$(sha "$out")
      if [ "$(field "$line" form)" = lf ]; then
        [ "$got" = "${expect_lf_sha[unstuff]}" ] || { echo "MISMATCH $c unstuff: sha256 $got (LF form), want ${expect_lf_sha[unstuff]}"; return 1; }
      else
        [ "$got" = "${expect_sha[unstuff]}" ] || { echo "MISMATCH $c unstuff: sha256 $got, want ${expect_sha[unstuff]}"; return 1; }
      fi
      got=$(field "$line" end)
      [ "$got" = "${expect_end[unstuff]}" ] || { echo "MISMATCH $c unstuff: end=$got, want ${expect_end[unstuff]}"; return 1; } ;;
    replies)
      got=$(tr ' ' '\n' <<<"$line" | grep -E '^(replies|lines|sum|hash)=' | tr '\n' ' ')
      [ "$got" = "${expect_replies[replies]}" ] || { echo "MISMATCH $c replies: $got, want ${expect_replies[replies]}"; return 1; } ;;
  esac
}

# run CONTENDER WORKLOAD COMMAND...: runs it, checks it, records its rate
run() {
  local c=$1 w=$2 line out="$tmp/out.$1.$2"
  shift 2
  rm -f "$out"
  if ! line=$(timeout "$limit" nice "$@" "$(input "$w")" "$out" "$reps" 2>"$tmp/err"); then
    echo "FAILED $c $w: $(tail -3 "$tmp/err" | tr '\n' ' ')"; failed=1; return
  fi
  line=$(grep '^RESULT ' <<<"$line" | tail -1)
  echo "$line"
  if [ "$c" = smtpcodes ]; then  # the reference for the others, itself checked against gen.py
    case "$w" in
      stuff) cmp -s "$out" "$tmp/ref.stuff" || { echo "MISMATCH smtpcodes stuff: differs from gen.py's"; failed=1; }
        expect_sha[stuff]=$(sha "$out") ;;
      unstuff) cmp -s "$out" "$tmp/body.txt" || { echo "MISMATCH smtpcodes unstuff: differs from gen.py's body"; failed=1; }
        [ "$(field "$line" end)" = "$wire_end" ] || { echo "MISMATCH smtpcodes unstuff: end is not $wire_end"; failed=1; }
        expect_sha[unstuff]=$(sha "$out")
        expect_lf_sha[unstuff]=$("$py" -c 'import sys; sys.stdout.buffer.write(open(sys.argv[1],"rb").read().replace(b"\r\n",b"\n"))' "$out" | sha256sum | cut -d' ' -f1)
        expect_end[unstuff]=$(field "$line" end) ;;
      replies) [ "$(field "$line" replies)" = "$ref_replies" ] || { echo "MISMATCH smtpcodes replies: not $ref_replies replies"; failed=1; }
        expect_replies[replies]=$(tr ' ' '\n' <<<"$line" | grep -E '^(replies|lines|sum|hash)=' | tr '\n' ' ') ;;
    esac
  elif ! check "$c" "$w" "$line" "$out"; then
    failed=1
  fi
  rm -f "$out"
  rate[$c:$w]=$(cut -d' ' -f4 <<<"$line")
}

contenders=(memcpy memchr smtpcodes textproto smtplib aiosmtpd poco nodemailer smtp-server)
echo "bench/peers: $size MiB per workload, $reps reps, median"
for w in stuff unstuff replies; do
  run memcpy "$w" "$tmp/smtpcodes_driver" memcpy "$w"
  run memchr "$w" "$tmp/smtpcodes_driver" memchr "$w"
  run smtpcodes "$w" "$tmp/smtpcodes_driver" smtpcodes "$w"
  if [ "$have_go" = 1 ]; then run textproto "$w" "$tmp/textproto" "$w"; fi
  case "$w" in stuff|replies) run smtplib "$w" "$py" "$here/smtplib_driver.py" "$w" ;; esac
  if [ "$w" = unstuff ] && [ "$have_aiosmtpd" = 1 ]; then run aiosmtpd "$w" "$py" "$here/aiosmtpd_driver.py" "$w"; fi
  case "$w" in stuff|unstuff) if [ "$have_poco" = 1 ]; then run poco "$w" "$tmp/poco_driver" "$w"; fi ;; esac
  if [ "$have_node" = 1 ]; then
    case "$w" in
      stuff|replies) run nodemailer "$w" node "$here/node/bench.js" nodemailer "$w" ;;
      unstuff) run smtp-server "$w" node "$here/node/bench.js" smtp-server "$w" ;;
    esac
  fi
done
[ "$have_go" = 1 ] || skip "textproto: Go not available (see golang-go)"
[ "$have_poco" = 1 ] || skip "poco: libpoco-dev not available or its driver did not build"
[ "$have_aiosmtpd" = 1 ] || skip "aiosmtpd: python3-aiosmtpd not available"
[ "$have_node" = 1 ] || skip "nodemailer, smtp-server: node, npm or bench/peers/node/node_modules not available"
echo "not run (no such function in that peer): smtplib unstuff (client only), aiosmtpd stuff and replies (server only),"
echo "  poco replies (only inside SMTPClientSession on a socket), nodemailer unstuff / smtp-server stuff and replies (the other package has them)"

# --- table -----------------------------------------------------------------------------------
ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo '?'; }
npmver() { sed -n 's/^ *"version": *"\(.*\)".*/\1/p' "$here/node/node_modules/$1/package.json" 2>/dev/null | head -1; }
echo
echo "Machine: $(uname -m), $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), $(nproc) cores"
echo "smtpcodes: g++ -O2, DATA codec on its $("$tmp/smtpcodes_driver" simd) path (run-time dispatch, simd.hpp)"
versions="$(g++ --version | head -1); Python $("$py" -c 'import platform; print(platform.python_version())')"
[ "$have_go" = 1 ] && versions+="; $(go version | cut -d' ' -f3)"
[ "$have_aiosmtpd" = 1 ] && versions+="; aiosmtpd $(ver python3-aiosmtpd)"
[ "$have_poco" = 1 ] && versions+="; POCO $(ver libpoco-dev)"
[ "$have_node" = 1 ] && versions+="; node $(node --version); nodemailer $(npmver nodemailer); smtp-server $(npmver smtp-server)"
echo "Versions: $versions"
echo "Command: bench/peers/run.sh --size $size --reps $reps"
echo
echo "Throughput as a ratio to memchr (LF line split of the same input), MB/s in brackets:"
echo
echo "| contender | stuffing | unstuffing + end of data | replies |"
echo "|---|---|---|---|"
for c in "${contenders[@]}"; do
  row="| $c |"
  any=0
  for w in stuff unstuff replies; do
    r=${rate[$c:$w]:-}
    m=${rate[memchr:$w]:-}
    if [ -n "$r" ] && [ -n "$m" ]; then
      row+=" $(awk -v r="$r" -v m="$m" 'BEGIN { printf "%.3g (%.0f MB/s)", r / m, r / 1e6 }') |"
      any=1
    else
      row+=" — |"
    fi
  done
  [ "$any" = 1 ] && echo "$row"
done
echo
if [ "$failed" != 0 ]; then echo "run.sh: FAILED (a contender failed or its output differs)"; exit 1; fi
echo "run.sh: all outputs match smtpcodes' (and smtpcodes' match gen.py's)"
