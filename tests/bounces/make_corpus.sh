#!/bin/bash
# Make real MTAs (Debian 12's Postfix on this machine, Debian 12's Exim in a debootstrap
# chroot) write delivery status notifications (failures, a delay warning, a success) for the
# scenarios listed below, and save them as
# tests/corpus/bounces/<mta>-<scenario>.eml with tests/corpus/bounces/expected.tsv.
#
# Run by hand, as root, on a throwaway Debian 12 machine (see tests/bounces/README.md):
#     sudo bash tests/bounces/make_corpus.sh
# Never run in CI: CI only reads the checked-in files.
#
# Everything listens on and connects to loopback addresses only:
#   127.0.0.10:2510  Postfix (postfix.sender.test), its own config and queue under $WORK
#   127.0.0.20:2520  Exim (exim.sender.test), inside the chroot $CHROOT
#   127.0.0.30:2525  the receiving server mx.example.test (servers.py)
#   127.0.0.30:2599  nothing: the refused connection
#   127.0.0.40:2526  the bounce catcher for bounces.test (servers.py)
#   127.0.0.50:53    a DNS server that answers NXDOMAIN to everything (servers.py); both MTAs
#                    use it (Postfix through its chroot's etc/resolv.conf), never the host's.
# The whole run is bounded by `timeout`; every wait loop is bounded in count; the trap stops
# every process the script started, by its own id or pid file.
set -euo pipefail

if [ -z "${SMTPCODES_MAKE_CORPUS_BOUNDED:-}" ]; then
  exec timeout --kill-after=20 600 env SMTPCODES_MAKE_CORPUS_BOUNDED=1 bash "$0" "$@"
fi

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
OUT=$REPO/tests/corpus/bounces
WORK=${SMTPCODES_BOUNCE_WORK:-/var/tmp/smtpcodes-bounces-work}
CHROOT=${SMTPCODES_BOUNCE_CHROOT:-/var/tmp/smtpcodes-chroot}
PY=/usr/bin/python3
START=$(date +%s)

log() { printf '[%3ds] %s\n' "$(( $(date +%s) - START ))" "$*"; }
die() { log "ERROR: $*"; exit 1; }

[ "$(id -u)" = 0 ] || die "run as root (installs packages, runs MTAs, makes a chroot)"

SERVERS_PID=
EXIM_PID=
PROC_MOUNTED=
cleanup() {
  set +e
  if [ -f "$WORK/postfix-spool/pid/master.pid" ]; then
    postfix -c "$WORK/postfix-etc" stop >/dev/null 2>&1
    pid=$(tr -dc 0-9 < "$WORK/postfix-spool/pid/master.pid")
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  [ -n "$EXIM_PID" ] && kill "$EXIM_PID" 2>/dev/null && wait "$EXIM_PID" 2>/dev/null
  [ -n "$SERVERS_PID" ] && kill "$SERVERS_PID" 2>/dev/null && wait "$SERVERS_PID" 2>/dev/null
  [ -n "$PROC_MOUNTED" ] && umount "$CHROOT/proc" 2>/dev/null
  log "stopped everything this run started"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# --- 1. packages ------------------------------------------------------------------------------
need=()
command -v postfix >/dev/null || need+=(postfix)
command -v debootstrap >/dev/null || need+=(debootstrap)
$PY -c 'import aiosmtpd' 2>/dev/null || need+=(python3-aiosmtpd)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >"$WORK.apt.log" 2>&1 \
    || { apt-get update -q >/dev/null 2>&1; DEBIAN_FRONTEND=noninteractive \
         apt-get install -y -q "${need[@]}" >"$WORK.apt.log" 2>&1; }
fi
# Postfix's Debian package may have started a default instance; it is not ours, leave it, but
# it must not sit on our addresses (it listens on port 25 only, ours are 25xx).

# --- 2. the chroot for Exim (Postfix and Exim conflict as packages) ---------------------------
if [ ! -x "$CHROOT/usr/sbin/exim4" ]; then
  if [ ! -x "$CHROOT/usr/bin/apt-get" ]; then
    log "debootstrap bookworm into $CHROOT (about a minute)"
    mkdir -p "$CHROOT"
    debootstrap --variant=minbase bookworm "$CHROOT" http://deb.debian.org/debian \
      >"$WORK.debootstrap.log" 2>&1 || die "debootstrap failed, see $WORK.debootstrap.log"
  fi
  log "installing exim4-daemon-light in the chroot"
  cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"     # for apt only; replaced below
  printf '#!/bin/sh\nexit 101\n' > "$CHROOT/usr/sbin/policy-rc.d"
  chmod +x "$CHROOT/usr/sbin/policy-rc.d"
  mount -t proc proc "$CHROOT/proc"; PROC_MOUNTED=1
  DEBIAN_FRONTEND=noninteractive chroot "$CHROOT" apt-get install -y -q \
    --no-install-recommends exim4-daemon-light >"$WORK.exim-apt.log" 2>&1 \
    || die "apt-get in the chroot failed, see $WORK.exim-apt.log"
  umount "$CHROOT/proc"; PROC_MOUNTED=
fi
# From here on the chroot resolves names only through our NXDOMAIN server.
cat > "$CHROOT/etc/resolv.conf" <<'EOF'
nameserver 127.0.0.50
options timeout:1 attempts:1
EOF
printf '127.0.0.1\tlocalhost\n' > "$CHROOT/etc/hosts"
printf 'hosts: files dns\n' > "$CHROOT/etc/nsswitch.conf"

# --- 3. a fresh work directory ----------------------------------------------------------------
rm -rf "$WORK"
mkdir -p "$WORK/caught" "$WORK/messages"

# The messages the MTAs are given: one per scenario and MTA, from <mta>-<scenario>@bounces.test
# (so that the bounce lands at the catcher under that name).
#           scenario             recipient                    what happens
SCENARIOS=(
  "unknown-user               unknown@example.test         550 5.1.1 at RCPT"
  "mailbox-full               full@example.test            552 5.2.2 at RCPT"
  "mailbox-full-deferred      quota@example.test           452 4.2.2 at RCPT until the MTA gives up"
  "message-too-big            toobig@example.test          552 5.3.4 after DATA (the message is ~150 kB)"
  "relaying-denied            someone@elsewhere.test       554 5.7.1 at RCPT"
  "unresolvable-domain        someone@nonexistent.invalid  the MX/A lookups get NXDOMAIN"
  "connection-refused         someone@refused.test         connect to 127.0.0.30:2599 refused until the MTA gives up"
  "several-recipients         unknown@example.test,full@example.test,someone@elsewhere.test  three failures, one DSN"
  "delivered-success          someone@example.test         250 (NOTIFY=SUCCESS: the MTA reports the relay)"
  "delayed-warning            someone@delayed.test         refused for an hour of retries: Exim warns the sender after 2s (Exim only)"
)
# Postfix cannot warn here: maximal_queue_lifetime = 0 bounces before any delay warning is due.
skip_scenario() { [ "$1" = postfix ] && [ "$2" = delayed-warning ]; }

make_message() {  # mta scenario recipient -> file
  local mta=$1 scenario=$2 rcpt=$3 f="$WORK/messages/$1-$2.txt"
  {
    printf 'From: Corpus Sender <%s-%s@bounces.test>\r\n' "$mta" "$scenario"
    printf 'To: <%s>\r\n' "$rcpt"
    printf 'Subject: smtpcodes bounce corpus: %s\r\n' "$scenario"
    printf 'Date: Tue, 01 Dec 2026 12:00:00 +0000\r\n'
    printf 'Message-ID: <%s-%s@client.sender.test>\r\n' "$mta" "$scenario"
    printf 'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n'
    printf 'This message was sent to make a delivery status notification for the\r\n'
    printf 'smtpcodes test corpus (scenario %s).\r\n' "$scenario"
    if [ "$scenario" = message-too-big ]; then
      for i in $(seq 1 2000); do
        printf 'padding line %04d to make the message larger than the 100000-byte limit...\r\n' "$i"
      done
    fi
  } > "$f"
  echo "$f"
}

# --- 4. the loopback servers ------------------------------------------------------------------
$PY "$HERE/servers.py" serve "$WORK/caught" >"$WORK/servers.log" 2>&1 &
SERVERS_PID=$!
for _ in $(seq 1 50); do
  grep -q 'servers ready' "$WORK/servers.log" 2>/dev/null && break
  kill -0 "$SERVERS_PID" 2>/dev/null || die "servers.py died: $(cat "$WORK/servers.log")"
  sleep 0.2
done
grep -q 'servers ready' "$WORK/servers.log" || die "servers.py did not start"
log "receiving server, bounce catcher and NXDOMAIN DNS are up"

# --- 5. Postfix, its own instance -------------------------------------------------------------
PF=$WORK/postfix-etc
mkdir -p "$PF" "$WORK/postfix-spool/etc" "$WORK/postfix-data"
chown postfix "$WORK/postfix-data"
cat > "$PF/main.cf" <<EOF
compatibility_level = 3.6
queue_directory = $WORK/postfix-spool
data_directory = $WORK/postfix-data
maillog_file = $WORK/postfix.log
myhostname = postfix.sender.test
mydomain = sender.test
myorigin = \$mydomain
mydestination =
local_recipient_maps =
# master.cf binds 127.0.0.10:2510 itself; Postfix counts only 127.0.0.1 as an interface.
inet_interfaces = loopback-only
inet_protocols = ipv4
smtp_bind_address = 127.0.0.10
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_peername_lookup = no
smtpd_banner = \$myhostname ESMTP
transport_maps = inline:{
    example.test=smtp:[127.0.0.30]:2525,
    elsewhere.test=smtp:[127.0.0.30]:2525,
    refused.test=smtp:[127.0.0.30]:2599,
    bounces.test=smtp:[127.0.0.40]:2526 }
# Try every message once: a temporary failure bounces at once instead of waiting days.
maximal_queue_lifetime = 0
bounce_queue_lifetime = 1h
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 0
smtp_connect_timeout = 5s
smtp_tls_security_level = none
smtpd_tls_security_level = none
biff = no
EOF
cat > "$PF/master.cf" <<'EOF'
127.0.0.10:2510 inet n - y - - smtpd
cleanup   unix n - y - 0 cleanup
qmgr      unix n - y 300 1 qmgr
rewrite   unix - - y - - trivial-rewrite
bounce    unix - - y - 0 bounce
defer     unix - - y - 0 bounce
trace     unix - - y - 0 bounce
verify    unix - - y - 1 verify
flush     unix n - y 1000? 0 flush
proxymap  unix - - n - - proxymap
smtp      unix - - y - - smtp
relay     unix - - y - - smtp
showq     unix n - y - - showq
error     unix - - y - - error
retry     unix - - y - - error
discard   unix - - y - - discard
anvil     unix - - y - 1 anvil
scache    unix - - y - 1 scache
postlog   unix-dgram n - n - 1 postlogd
EOF
# Postfix's daemons run chrooted in the queue directory: they resolve through these files.
cp "$CHROOT/etc/resolv.conf" "$CHROOT/etc/hosts" "$CHROOT/etc/nsswitch.conf" "$WORK/postfix-spool/etc/"
cp /etc/services "$WORK/postfix-spool/etc/services"
# Postfix prints its errors only to a terminal (or syslog): give it one with script(1).
script -qec "postfix -c $PF check" /dev/null >"$WORK/postfix-check.log" 2>&1 \
  || die "postfix check: $(cat "$WORK/postfix-check.log")"
script -qec "postfix -c $PF start" /dev/null >>"$WORK/postfix-check.log" 2>&1 \
  || die "postfix start: $(cat "$WORK/postfix-check.log")"
log "Postfix $(postconf -c "$PF" -h mail_version) listening on 127.0.0.10:2510"

# --- 6. Exim, in the chroot -------------------------------------------------------------------
cat > "$CHROOT/etc/exim4/exim4.conf" <<'EOF'
# Written by smtpcodes tests/bounces/make_corpus.sh (replaces Debian's generated config).
primary_hostname = exim.sender.test
qualify_domain = sender.test
local_interfaces = <; 127.0.0.20.2520
disable_ipv6 = true
host_lookup =
rfc1413_hosts =
keep_environment =
dsn_advertise_hosts = *
acl_smtp_rcpt = acl_check_rcpt
log_file_path = /var/log/exim4/%slog
ignore_bounce_errors_after = 1h
timeout_frozen_after = 1h
# Warn the sender of a delayed message after 2 s, for the delayed-warning scenario only.
delay_warning = 2s
delay_warning_condition = ${if eq{$sender_address}{exim-delayed-warning@bounces.test}}
smtp_banner = $primary_hostname ESMTP

begin acl
acl_check_rcpt:
  accept hosts = 127.0.0.0/8
  deny   message = relay not permitted

begin routers
bounces:
  driver = manualroute
  domains = bounces.test
  route_list = * 127.0.0.40
  transport = smtp_2526
  no_more
sink:
  driver = manualroute
  domains = example.test : elsewhere.test
  route_list = * 127.0.0.30
  transport = smtp_2525
  no_more
delayed:
  driver = manualroute
  domains = delayed.test
  route_list = * 127.0.0.31
  transport = smtp_2599
  no_more
refused:
  driver = manualroute
  domains = refused.test
  route_list = * 127.0.0.30
  transport = smtp_2599
  no_more
dnslookup:
  driver = dnslookup
  transport = smtp_25
  ignore_target_hosts = 0.0.0.0 : 127.0.0.0/8
  no_more

begin transports
smtp_2525:
  driver = smtp
  port = 2525
  interface = 127.0.0.20
  hosts_avoid_tls = *
smtp_2526:
  driver = smtp
  port = 2526
  interface = 127.0.0.20
  hosts_avoid_tls = *
smtp_2599:
  driver = smtp
  port = 2599
  interface = 127.0.0.20
  connect_timeout = 5s
smtp_25:
  driver = smtp
  interface = 127.0.0.20
  connect_timeout = 5s

begin retry
# delayed.test (its host 127.0.0.31) is retried for an hour, so it stays queued and is warned
# about; every other temporary failure is retried each second and given up after two seconds.
127.0.0.31    *  F,1h,1s
delayed.test  *  F,1h,1s
*             *  F,2s,1s

begin rewrite
EOF
rm -rf "$CHROOT/var/spool/exim4/input" "$CHROOT/var/spool/exim4/msglog" "$CHROOT/var/spool/exim4/db"
rm -f "$CHROOT"/var/log/exim4/{mainlog,rejectlog,paniclog}
chroot "$CHROOT" /usr/sbin/exim4 -bV >"$WORK/exim-version.log" 2>&1 || die "exim -bV: $(cat "$WORK/exim-version.log")"
chroot "$CHROOT" /usr/sbin/exim4 -bdf -q1s >"$WORK/exim-daemon.log" 2>&1 &
EXIM_PID=$!
for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.20/2520) 2>/dev/null && break
  kill -0 "$EXIM_PID" 2>/dev/null || die "exim died: $(cat "$WORK/exim-daemon.log")"
  sleep 0.2
done
log "$(head -1 "$WORK/exim-version.log") listening on 127.0.0.20:2520"

# --- 7. send every scenario through both MTAs -------------------------------------------------
declare -A MTA_ADDR=([postfix]=127.0.0.10:2510 [exim]=127.0.0.20:2520)
for mta in postfix exim; do
  for line in "${SCENARIOS[@]}"; do
    read -r scenario rcpt _ <<<"$line"
    skip_scenario "$mta" "$scenario" && continue
    msg=$(make_message "$mta" "$scenario" "$rcpt")
    notify=()
    [ "$scenario" = delivered-success ] && notify=(SUCCESS,FAILURE)
    $PY "$HERE/servers.py" submit "${MTA_ADDR[$mta]}" "$mta-$scenario@bounces.test" "$rcpt" \
      "$msg" "$mta-$scenario" "${notify[@]}" >"$WORK/submit-$mta-$scenario.log" 2>&1 \
      || die "the $mta MTA did not take $scenario: $(tail -5 "$WORK/submit-$mta-$scenario.log")"
  done
  log "$mta accepted its messages"
done

# --- 8. wait for every bounce, bounded --------------------------------------------------------
want=$(( 2 * ${#SCENARIOS[@]} - 1 ))   # delayed-warning is Exim's only
for i in $(seq 1 120); do
  have=$(find "$WORK/caught" -name '*.eml' | wc -l)
  [ "$have" -ge "$want" ] && break
  if [ $(( i % 5 )) = 0 ]; then   # nudge the queues: Exim's retry timeout needs a retry
    chroot "$CHROOT" /usr/sbin/exim4 -qff >/dev/null 2>&1 || true
    postqueue -c "$PF" -f >/dev/null 2>&1 || true
  fi
  sleep 1
done
have=$(find "$WORK/caught" -name '*.eml' | wc -l)
log "caught $have of $want bounces"
[ "$have" -ge "$want" ] || {
  ls "$WORK/caught"
  die "missing bounces; see $WORK/postfix.log and $CHROOT/var/log/exim4/mainlog"
}

# --- 9. check them in with their expected results ----------------------------------------------
mkdir -p "$OUT"
rm -f "$OUT"/*.eml
for f in "$WORK"/caught/*.eml; do
  cp "$f" "$OUT/$(basename "$f")"
done
cp "$WORK/postfix.log" "$WORK/postfix-maillog.txt"
cp "$CHROOT/var/log/exim4/mainlog" "$WORK/exim-mainlog.txt"
$PY "$HERE/expected.py" "$OUT" "$(hostname)" || die "expected.py found a problem"
log "done: $(ls "$OUT"/*.eml | wc -l) bounces and expected.tsv in $OUT"
