#!/usr/bin/python3
"""Interop tests: the example programs smtp_client and smtp_server against real SMTP software.

1. smtp_client against aiosmtpd (in a thread of this process): plain, pipelining, AUTH PLAIN and
   LOGIN, STARTTLS and implicit TLS with a certificate made here, an untrusted certificate, a
   wrong password, one refused recipient among several; AUTH CRAM-MD5 and SCRAM-SHA-256 against
   the server side written here (SaslServer), with and without TLS, wrong passwords, a SCRAM
   server that does not prove itself, and the client's choice of mechanism from the offer.
2. smtp_client against a private Postfix instance (its own config, queue and mail directories
   under a temp dir; the system's /etc/postfix is read, never written): pipelining, BDAT
   (CHUNKING), DATA, STARTTLS, an unknown recipient.
3. Real clients against smtp_server: Python's smtplib, swaks, msmtp and curl: plain, STARTTLS,
   implicit TLS, AUTH, LMTP (swaks), several recipients, smtp_server's refusal rules and limits.
4. smtp_client against smtp_server (LMTP, BDAT, STARTTLS with AUTH, implicit TLS, limits), and
   Postfix's smtp and lmtp clients relaying to smtp_server.

Every test compares the message that arrived with the message sent, byte for byte (where a tool
or Postfix changes it, the comment at the check says what is accepted and why). A missing tool
skips its tests with the reason.

Safety: everything listens on 127.0.0.1 only; every process is started in its own process group
and stopped (SIGTERM, then SIGKILL) in a finally/cleanup and at exit; if this script is killed
(meson's timeout: SIGTERM, SIGKILL 0.5 s later) a reaper process stops what is left. Every wait
has a bound in time, and the whole suite a budget (BUDGET) under 3 minutes.

Run by meson as `meson test --suite interop` (excluded from the default `meson test`; see
tests/interop/meson.build). It needs /usr/bin/python3: aiosmtpd comes from Debian's
python3-aiosmtpd, which another python3 on PATH (a pyenv shim) cannot import.

Usage: interop.py SMTP_CLIENT SMTP_SERVER [unittest arguments]
  SMTP_SERVER may be the word `aiosmtpd` to run part 3 against an aiosmtpd stand-in that writes
  the same msg-N.eml/msg-N.env files (to check this harness without the example server).
"""
import atexit
import base64
import hashlib
import hmac
import logging
import os
import pathlib
import pwd
import re
import secrets
import select
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

CLIENT = None  # set in main()
SERVER = None
STEP_TIMEOUT = 30  # seconds: the bound on any one program run or wait
BUDGET = 170  # seconds for the whole suite (CI wants it under 3 minutes; meson allows 240)
_started = time.monotonic()


def bounded(timeout):
    """timeout, cut to what is left of the suite's budget; fails once the budget is spent."""
    left = BUDGET - (time.monotonic() - _started)
    if left <= 0:
        raise AssertionError(f"the interop suite's {BUDGET} s budget is spent")
    return min(timeout, left)
HOST = "127.0.0.1"

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import MISSING, SMTP, AuthResult, LoginPassword

    AIOSMTPD = None
except ImportError as e:  # skipped with this reason
    AIOSMTPD = f"aiosmtpd not importable ({e}): apt-get install python3-aiosmtpd"
    SMTP = Controller = object  # bases for the classes below; the tests using them skip

# ---------------------------------------------------------------------------------------------
# Processes: each in its own group, all stopped at the end whatever happens.
#
# Three layers: stop() in each test's cleanup; _at_exit() (atexit, and the SIGTERM handler) for
# whatever is left; and the reaper, a small process in a session of its own that holds a pipe
# from this one and, when the pipe closes (this process ended, even by SIGKILL, which meson
# sends 0.5 s after its SIGTERM), kills every process group still registered, stops Postfix's
# master and removes the temp dirs. Our children are in their own groups (so that a group can
# be killed whole), which is why meson's kill of the test's group does not reach them.

REAPER = r'''
import os, shutil, signal, sys, time
groups, masters, dirs = set(), set(), set()
for line in sys.stdin:
    op, kind, arg = line.rstrip("\n").split(" ", 2)
    table = {"pg": groups, "master": masters, "dir": dirs}[kind]
    (table.add if op == "+" else table.discard)(arg)
for pg in groups:
    try:
        os.killpg(int(pg), signal.SIGKILL)
    except OSError:
        pass
for pid_file in masters:
    try:
        pid = int(open(pid_file).read().split()[0])
        if b"master" not in open(f"/proc/{pid}/cmdline", "rb").read():
            continue  # not Postfix's master any more
        os.kill(pid, signal.SIGTERM)  # master stops its daemons
        for _ in range(50):
            time.sleep(0.1)
            os.kill(pid, 0)
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError, IndexError):
        pass
for d in dirs:
    shutil.rmtree(d, ignore_errors=True)
'''
_reaper = None


def reaper(op, kind, arg):
    """Tells the reaper to clean up (op "+") or forget (op "-") a process group ("pg"), a
    Postfix master pid file ("master") or a directory ("dir")."""
    global _reaper
    if _reaper is None:
        _reaper = subprocess.Popen([sys.executable, "-c", REAPER], stdin=subprocess.PIPE,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   start_new_session=True, text=True)
    try:
        _reaper.stdin.write(f"{op} {kind} {arg}\n")
        _reaper.stdin.flush()
    except OSError:
        pass


_procs = []


def start(argv, **kw):
    """Starts argv in a new session (its own process group); stop() or exit ends it."""
    proc = subprocess.Popen(argv, start_new_session=True, **kw)
    _procs.append(proc)
    reaper("+", "pg", proc.pid)
    return proc


def stop(proc):
    """SIGTERM to the process group, SIGKILL after 3 s; reaps it."""
    if proc.poll() is None:
        for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
    else:
        try:  # the leader exited; its group may live on
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe:
            pipe.close()
    if proc in _procs:
        _procs.remove(proc)
        reaper("-", "pg", proc.pid)


def run(argv, stdin=b"", timeout=STEP_TIMEOUT, env=None, budget=True):
    """Runs argv to completion (bounded by timeout, and by the suite's budget unless it is a
    cleanup step: budget=False), returns (exit status, stdout, stderr)."""
    proc = start(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                 env=env)
    try:
        out, err = proc.communicate(stdin, timeout=bounded(timeout) if budget else timeout)
        return proc.returncode, out.decode(errors="replace"), err.decode(errors="replace")
    except subprocess.TimeoutExpired:
        raise AssertionError(f"{argv[0]} did not finish within {timeout} s: {argv}")
    finally:
        stop(proc)


_cleanups = []  # callables run at exit (Postfix instance, temp dirs), last first


def _at_exit():
    while _procs:
        stop(_procs[-1])
    while _cleanups:
        try:
            _cleanups.pop()()
        except Exception as e:  # keep cleaning up
            print(f"interop: cleanup failed: {e}", file=sys.stderr)
    if _reaper is not None and _reaper.stdin:
        _reaper.stdin.close()  # it has nothing left to do, and exits
        try:
            _reaper.wait(10)
        except subprocess.TimeoutExpired:
            pass


def _on_sigterm(*_):
    # meson's timeout: SIGTERM, then SIGKILL 0.5 s later. No time for `postfix stop`: exit
    # now; the reaper (woken by the closed pipe) kills what is left. unittest would catch a
    # SystemExit raised here, so exit without unwinding.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    print("interop: SIGTERM, exiting; the reaper stops what is left", file=sys.stderr)
    os._exit(128 + signal.SIGTERM)


atexit.register(_at_exit)
signal.signal(signal.SIGTERM, _on_sigterm)


def free_port():
    """A port free on 127.0.0.1 now (for servers that cannot report the one they bound)."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for(predicate, what, timeout=STEP_TIMEOUT, budget=True):
    timeout = bounded(timeout) if budget else timeout
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def tool(name):
    """Skips the test when the program `name` is not installed."""
    path = shutil.which(name)
    if not path:
        raise unittest.SkipTest(f"{name} not installed (the CI script installs it)")
    return path


# ---------------------------------------------------------------------------------------------
# The certificate (made once with `openssl req`) and the test messages.

TMP = None
CERT = None
KEY = None


def setUpModule():
    global TMP, CERT, KEY
    logging.getLogger("mail.log").addFilter(quiet_aiosmtpd)
    TMP = pathlib.Path(tempfile.mkdtemp(prefix="smtpcodes-interop-"))
    reaper("+", "dir", TMP)
    _cleanups.append(lambda: shutil.rmtree(TMP, ignore_errors=True))
    CERT, KEY = TMP / "cert.pem", TMP / "key.pem"
    if not shutil.which("openssl"):
        return  # the TLS tests skip themselves
    # A self-signed certificate for 127.0.0.1 and localhost: clients connect by IP address,
    # so the IP subjectAltName is what their host name check matches.
    status, _, err = run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                          "-keyout", str(KEY), "-out", str(CERT), "-days", "2",
                          "-subj", "/CN=localhost",
                          "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
    if status != 0:
        raise RuntimeError(f"openssl req failed: {err}")
    # TMP stays 0700 and the key 0600: Postfix's smtpd and smtp read them while still root.


def quiet_aiosmtpd(record):
    """Drops three aiosmtpd log records that are not news: its warning about its own use of a
    deprecated attribute on every AUTH, and the traceback of a TLS handshake or the warning of
    an AUTH cancelled with "*" that a test causes on purpose."""
    text = record.getMessage()
    if "login_data is deprecated" in text or "aborted AUTH with '*'" in text:
        return False
    exc = record.exc_info[1] if record.exc_info else None
    return not (exc is not None and type(exc).__name__ == "TLSSetupException")


def need_cert():
    if not CERT.exists():
        raise unittest.SkipTest("openssl not installed: no test certificate")


def message(tag):
    """A complete message with CRLF lines: every header a tool might otherwise add, lines that
    need dot-stuffing (a leading dot, two dots, a lone dot), an empty line, a long line, 8-bit
    free text, and a final CRLF."""
    return (
        "From: Alice Example <alice@example.test>\r\n"
        "To: Bob Example <bob@interop.test>\r\n"
        f"Subject: smtpcodes interop {tag}\r\n"
        "Date: Wed, 02 Dec 2026 07:00:00 +0000\r\n"
        f"Message-ID: <{tag}.interop@example.test>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "Content-Transfer-Encoding: 7bit\r\n"
        "\r\n"
        "First line of the body.\r\n"
        ".a line that starts with a dot\r\n"
        "..two dots\r\n"
        ".\r\n"
        "\r\n"
        "  indented line\r\n"
        + "x" * 900 + "\r\n"
        "last line\r\n"
    ).encode()


def write_message(tag, data=None):
    path = TMP / f"{tag}.eml"
    path.write_bytes(message(tag) if data is None else data)
    return path


def client_tls_context():
    ctx = ssl.create_default_context(cafile=str(CERT))
    return ctx


def server_tls_context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(CERT), str(KEY))
    return ctx


# ---------------------------------------------------------------------------------------------
# A recording TCP proxy between a client and a server: shows what the client sent and in which
# order relative to the server's replies (pipelining, BDAT), without touching either program.


class RecordingProxy:
    HOLD = 0.25  # seconds: ample for a client writing commands back to back

    def __init__(self, upstream_port):
        self.upstream = upstream_port
        self.events = []  # ("c", bytes) client to server, ("s", bytes) server to client
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.bind((HOST, 0))
        self.listener.listen(4)
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        deadline = time.monotonic() + STEP_TIMEOUT * 2
        while not self.stopping.is_set() and time.monotonic() < deadline:
            try:
                down, _ = self.listener.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with down, socket.create_connection((HOST, self.upstream), timeout=5) as up:
                self._relay(down, up, deadline)

    def _relay(self, down, up, deadline):
        # Server bytes are held back HOLD seconds before they are passed on (and recorded when
        # passed on), while client bytes go through at once: a client that sends a command
        # before it has read the previous reply is then seen doing so, even when it writes
        # each command separately.
        held = []  # (due time, bytes) from the server
        while not self.stopping.is_set() and time.monotonic() < deadline:
            now = time.monotonic()
            wait = min([0.2] + [max(0.0, due - now) for due, _ in held[:1]])
            ready, _, _ = select.select([down, up], [], [], wait)
            if down in ready:
                data = down.recv(65536)
                if not data:
                    return
                with self.lock:
                    self.events.append(("c", data))
                up.sendall(data)
            if up in ready:
                data = up.recv(65536)
                if not data:
                    for _, rest in held:
                        down.sendall(rest)
                    return
                held.append((time.monotonic() + self.HOLD, data))
            while held and held[0][0] <= time.monotonic():
                data = held.pop(0)[1]
                with self.lock:
                    self.events.append(("s", data))
                down.sendall(data)

    def client_bytes(self):
        with self.lock:
            return b"".join(d for k, d in self.events if k == "c")

    def sent_before_reply(self, first, second):
        """True when the client sent `second` (a command prefix) before any server reply that
        came after it sent `first`: the two were pipelined."""
        with self.lock:
            events = list(self.events)
        seen_first = False
        client = b""
        for direction, data in events:
            if direction == "s":
                if seen_first:
                    return False
                continue
            client += data
            if not seen_first and first in client:
                seen_first = True
                client = client[client.index(first):]
            if seen_first and second in client:
                return True
        return False

    def close(self):
        self.stopping.set()
        self.listener.close()
        self.thread.join(5)


# ---------------------------------------------------------------------------------------------
# aiosmtpd: a handler that keeps each envelope, refuses chosen recipients, optionally offers
# PIPELINING (aiosmtpd reads commands one at a time from its stream, so pipelined commands
# work, but it does not advertise the extension), and optionally writes the smtp_server files.

QUEUE_ID = "4AB3C2D1E9"  # in "queued as ...", Postfix's short hex id format


class StoreHandler:
    def __init__(self, refuse=(), pipelining=False, maildir=None):
        self.refuse = set(refuse)
        self.pipelining = pipelining
        self.maildir = maildir
        self.envelopes = []  # (mail_from, [rcpt], content bytes, tls?, auth?)
        self.lock = threading.Lock()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname  # the 5-argument hook must set it (aiosmtpd 1.4)
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 <%s>: recipient refused by the interop test" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        # decode_data=False: content is the bytes received, dot-unstuffed, with the CRLF before
        # the final "." kept (aiosmtpd joins every line it read, each with its CRLF).
        with self.lock:
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content,
                                   session.ssl is not None, session.authenticated))
            n = len(self.envelopes)
            if self.maildir is not None:
                env = f"FROM {envelope.mail_from}\n" + "".join(
                    f"TO {r}\n" for r in envelope.rcpt_tos)
                (self.maildir / f"msg-{n}.env").write_text(env)
                (self.maildir / f"msg-{n}.eml").write_bytes(envelope.content)
        return f"250 2.0.0 Ok: queued as {QUEUE_ID}"


class Authenticator:
    def __init__(self, user, password):
        self.user, self.password = user.encode(), password.encode()
        self.mechanisms = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        self.mechanisms.append(mechanism)
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == self.user
              and auth_data.password == self.password)
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd sends the 535


# ---------------------------------------------------------------------------------------------
# The server side of CRAM-MD5 and SCRAM-SHA-256, which aiosmtpd does not have, as its custom
# auth_<MECH> methods (aiosmtpd 1.4 collects the SMTP methods named auth_*, "__" standing for
# "-"; each gets the AUTH arguments and returns an AuthResult). Written here from the RFCs.

SASL_MECHANISMS = ("CRAM-MD5", "LOGIN", "PLAIN", "SCRAM-SHA-256")


def cram_md5_digest(password, challenge):
    """RFC 2195 §2: HMAC-MD5 (RFC 2104) of the challenge keyed by the password, as 32
    lowercase hex digits."""
    return hmac.new(password, challenge, "md5").hexdigest().encode()


def scram_keys(password, salt, iterations):
    """(StoredKey, ServerKey) for SCRAM-SHA-256, RFC 5802 §3: SaltedPassword =
    Hi(Normalize(password), salt, i), ClientKey = HMAC(SaltedPassword, "Client Key"),
    StoredKey = H(ClientKey), ServerKey = HMAC(SaltedPassword, "Server Key"). Hi is PBKDF2
    with HMAC as the PRF and one hash-length block (RFC 5802 §2.2), SHA-256 here (RFC 7677 §3).
    Normalize is SASLprep (RFC 4013), the identity on the ASCII passwords of these tests."""
    salted = hashlib.pbkdf2_hmac("sha256", password, salt, iterations)
    client_key = hmac.digest(salted, b"Client Key", "sha256")
    return hashlib.sha256(client_key).digest(), hmac.digest(salted, b"Server Key", "sha256")


def scram_proof_ok(stored_key, auth_message, proof):
    """RFC 5802 §3: the server computes ClientSignature = HMAC(StoredKey, AuthMessage),
    recovers ClientKey = ClientProof XOR ClientSignature, and checks H(ClientKey) = StoredKey."""
    signature = hmac.digest(stored_key, auth_message, "sha256")
    if len(proof) != len(signature):
        return False
    client_key = bytes(p ^ q for p, q in zip(proof, signature))
    return hmac.compare_digest(hashlib.sha256(client_key).digest(), stored_key)


def scram_server_signature(server_key, auth_message):
    """RFC 5802 §3: ServerSignature = HMAC(ServerKey, AuthMessage)."""
    return hmac.digest(server_key, auth_message, "sha256")


def scram_printable(text):
    """RFC 5802 §7: printable = %x21-2B / %x2D-7E (a visible ASCII character but ",")."""
    return text != "" and all(0x21 <= ord(ch) <= 0x7E and ch != "," for ch in text)


class SaslAccount(Authenticator):
    """The one user of a SaslServer: its password for PLAIN, LOGIN (through Authenticator) and
    CRAM-MD5, and its SCRAM salt and keys (a SCRAM server keeps StoredKey and ServerKey, not
    the password, RFC 5802 §3). mechanisms: every AUTH mechanism the client tried, in order;
    aborted: those it cancelled with "*" (RFC 4954 §4) or answered with bad base64 (either way
    aiosmtpd's challenge_auth has sent a 501).

    final: what the server does after a valid SCRAM client-final: "good" sends the
    server-final "v=" ServerSignature in a 334 (RFC 5802 §7; RFC 4954 §4 has no additional data
    with a 235); "bad-v" sends a v= that is not the ServerSignature (a server that does not know
    the password); "none" sends 235 at once, with no server-final at all."""

    ITERATIONS = 4096  # RFC 7677 §4: the iteration count SHOULD be at least 4096

    def __init__(self, user, password, final="good"):
        super().__init__(user, password)
        self.final = final
        self.aborted = []
        self.salt = secrets.token_bytes(16)
        self.stored_key, self.server_key = scram_keys(self.password, self.salt, self.ITERATIONS)


class SaslServer(SMTP):
    """aiosmtpd's SMTP with auth_CRAM__MD5 and auth_SCRAM__SHA__256 for `account`, which is
    also the authenticator of aiosmtpd's own PLAIN and LOGIN. Which of the four the EHLO
    offers: aiosmtpd's auth_exclude_mechanism."""

    def __init__(self, handler, *, account, **kwargs):
        super().__init__(handler, authenticator=account, **kwargs)
        self.account = account

    async def challenge(self, mechanism, data):
        """challenge_auth (334 with base64 data; the decoded answer) or None when the client
        cancelled with "*" or sent bad base64 (challenge_auth has then sent the 501)."""
        answer = await self.challenge_auth(data)
        if answer is MISSING:
            self.account.aborted.append(mechanism)
            return None
        return answer

    async def auth_CRAM__MD5(self, _, args):
        self.account.mechanisms.append("CRAM-MD5")
        if len(args) != 1:  # the server speaks first (RFC 2195 §2): no initial response
            return AuthResult(success=False, handled=False,
                              message="501 5.5.2 CRAM-MD5 takes no initial response")
        # RFC 2195 §2: the challenge has the form of an RFC 822 msg-id, unique each time:
        # "<" random "." timestamp "@" host ">".
        challenge = f"<{secrets.randbelow(10**12)}.{int(time.time())}@{self.hostname}>".encode()
        answer = await self.challenge("CRAM-MD5", challenge)
        if answer is None:
            return AuthResult(success=False, handled=True)
        # The answer: the user name, a space, the digest (RFC 2195 §2).
        user, _, digest = answer.rpartition(b" ")
        expected = cram_md5_digest(self.account.password, challenge)
        ok = user == self.account.user and hmac.compare_digest(digest, expected)
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)

    async def auth_SCRAM__SHA__256(self, _, args):
        a = self.account
        a.mechanisms.append("SCRAM-SHA-256")
        malformed = AuthResult(success=False, handled=False,
                               message="501 5.5.2 Malformed SCRAM-SHA-256 message")
        # client-first-message = gs2-header client-first-message-bare (RFC 5802 §7), as the
        # initial response or the answer to an empty challenge (RFC 4954 §4).
        if len(args) == 2:
            try:
                first = base64.b64decode(args[1], validate=True)
            except ValueError:
                return malformed
        else:
            first = await self.challenge("SCRAM-SHA-256", b"")
            if first is None:
                return AuthResult(success=False, handled=True)
        try:
            first = first.decode("utf-8")
        except UnicodeDecodeError:
            return malformed
        # gs2-header "n,,": no channel binding and no authzid (RFC 5802 §7; our client has
        # neither). The rest, client-first-message-bare = [reserved-mext ","] username ","
        # nonce ["," extensions]; "m=" (a mandatory extension we do not know) must fail.
        gs2_header = "n,,"
        if not first.startswith(gs2_header):
            return malformed
        bare = first[len(gs2_header):]
        fields = bare.split(",")
        if len(fields) < 2 or not fields[0].startswith("n=") or not fields[1].startswith("r="):
            return malformed
        # saslname (RFC 5802 §5.1): "," and "=" are written "=2C" and "=3D"; no other "=".
        name = fields[0][2:]
        if re.search("=(?!2C|3D)", name):
            return malformed
        user = name.replace("=2C", ",").replace("=3D", "=").encode()
        client_nonce = fields[1][2:]
        if not scram_printable(client_nonce):
            return malformed
        # server-first-message = "r=" c-nonce s-nonce ",s=" salt ",i=" iteration-count: the
        # nonce extends the client's with ours (RFC 5802 §5.1).
        nonce = client_nonce + secrets.token_urlsafe(18)
        server_first = (f"r={nonce},s={base64.b64encode(a.salt).decode()},"
                        f"i={a.ITERATIONS}")
        final = await self.challenge("SCRAM-SHA-256", server_first)
        if final is None:
            return AuthResult(success=False, handled=True)
        # client-final-message = "c=" base64(gs2-header) ",r=" nonce ["," extensions] ",p="
        # base64(ClientProof) (RFC 5802 §7); the proof comes last.
        try:
            final = final.decode("ascii")
        except UnicodeDecodeError:
            return malformed
        without_proof, _, proof = final.rpartition(",")
        fields = without_proof.split(",")
        if (not proof.startswith("p=") or len(fields) < 2
                or fields[0] != "c=" + base64.b64encode(gs2_header.encode()).decode()
                or fields[1] != "r=" + nonce):
            return malformed
        try:
            proof = base64.b64decode(proof[2:], validate=True)
        except ValueError:
            return malformed
        # AuthMessage = client-first-message-bare "," server-first-message ","
        # client-final-message-without-proof (RFC 5802 §3).
        auth_message = ",".join((bare, server_first, without_proof)).encode()
        if user != a.user or not scram_proof_ok(a.stored_key, auth_message, proof):
            return AuthResult(success=False, handled=False)  # aiosmtpd sends the 535
        if a.final == "none":
            return AuthResult(success=True, auth_data=user)
        signature = scram_server_signature(a.server_key, auth_message)
        if a.final == "bad-v":
            signature = bytes([signature[0] ^ 1]) + signature[1:]
        # server-final-message = "v=" base64(ServerSignature) (RFC 5802 §7), in a 334; the
        # client answers it with an empty response (RFC 4954 §4), then the 235.
        answer = await self.challenge(
            "SCRAM-SHA-256", "v=" + base64.b64encode(signature).decode())
        if answer is None:
            return AuthResult(success=False, handled=True)
        if answer != b"":
            return malformed
        return AuthResult(success=True, auth_data=user)


class SaslController(Controller):
    """aiosmtpd's Controller, serving with a SaslServer for account."""

    def __init__(self, account, handler, **kwargs):
        self.account = account
        super().__init__(handler, **kwargs)

    def factory(self):
        return SaslServer(self.handler, account=self.account, **self.SMTP_kwargs)


def cleanup_adder(owner):
    """addCleanup of a TestCase, addClassCleanup of a TestCase class."""
    return owner.addClassCleanup if isinstance(owner, type) else owner.addCleanup


def start_aiosmtpd(test, handler, account=None, **kwargs):
    """Starts aiosmtpd on 127.0.0.1 in a thread; the cleanup of test (a TestCase or its
    class) stops it. With account (a SaslAccount), the server is a SaslServer for it, which
    adds CRAM-MD5 and SCRAM-SHA-256 to aiosmtpd's PLAIN and LOGIN. Returns the port."""
    port = free_port()
    if account is None:
        controller = Controller(handler, hostname=HOST, port=port, ready_timeout=10,
                                decode_data=False, **kwargs)
    else:
        controller = SaslController(account, handler, hostname=HOST, port=port,
                                    ready_timeout=10, decode_data=False, **kwargs)
    controller.start()
    cleanup_adder(test)(controller.stop)
    return port


# ---------------------------------------------------------------------------------------------
# smtp_client's output: `RECIPIENT <addr> CODE STEP ...` per recipient and `QUEUE_ID <id>`.


def recipients_of(out):
    result = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 3 and fields[0] == "RECIPIENT":
            result[fields[1].strip("<>")] = fields[2:]
        # other lines (QUEUE_ID, diagnostics) are not parsed here
    return result


def queue_ids_of(out):
    return [line.split()[1].strip("<>") for line in out.splitlines()
            if line.startswith("QUEUE_ID ") and len(line.split()) > 1]


def run_client(port, to, msg_path, *extra, sender="alice@example.test"):
    argv = [CLIENT, "--host", HOST, "--port", str(port), "--from", sender,
            "--file", str(msg_path), "--timeout", "10", "--helo", "client.example.test"]
    for r in to:
        argv += ["--to", r]
    return run(argv + list(extra))


def describe(status, out, err):
    return f"exit {status}\nstdout:\n{out}\nstderr:\n{err}"


# ---------------------------------------------------------------------------------------------
# 1. smtp_client against aiosmtpd


@unittest.skipIf(AIOSMTPD, AIOSMTPD)
class ClientAgainstAiosmtpd(unittest.TestCase):
    def deliver(self, handler, extra, to=("bob@example.net",), expect_status=0, proxy=False,
                **server_kwargs):
        port = start_aiosmtpd(self, handler, **server_kwargs)
        rec = None
        if proxy:
            rec = RecordingProxy(port)
            self.addCleanup(rec.close)
            port = rec.port
        tag = self.id().rsplit(".", 1)[-1]
        path = write_message(tag)
        status, out, err = run_client(port, to, path, *extra)
        self.assertEqual(status, expect_status, describe(status, out, err))
        return path.read_bytes(), out, rec

    def check_one(self, handler, sent, out, to=("bob@example.net",)):
        self.assertEqual(len(handler.envelopes), 1)
        mail_from, rcpts, content, _, _ = handler.envelopes[0]
        self.assertEqual(mail_from, "alice@example.test")
        self.assertEqual(rcpts, list(to))
        self.assertEqual(content, sent)  # byte for byte: aiosmtpd adds and strips nothing
        lines = recipients_of(out)
        for r in to:
            self.assertIn(r, lines, out)
            self.assertEqual(lines[r][0], "250", out)
        self.assertEqual(queue_ids_of(out), [QUEUE_ID], out)

    def test_plain(self):
        h = StoreHandler()
        sent, out, rec = self.deliver(h, ["--tls", "none"], proxy=True)
        self.check_one(h, sent, out)
        # No PIPELINING offered: each command waited for its reply.
        self.assertFalse(rec.sent_before_reply(b"MAIL FROM:", b"RCPT TO:"))

    def test_pipelining(self):
        h = StoreHandler(pipelining=True)
        sent, out, rec = self.deliver(h, ["--tls", "none"], proxy=True)
        self.check_one(h, sent, out)
        # RFC 2920: MAIL, RCPT and DATA in one group, before their replies.
        self.assertTrue(rec.sent_before_reply(b"MAIL FROM:", b"RCPT TO:"), rec.events)
        self.assertTrue(rec.sent_before_reply(b"RCPT TO:", b"DATA\r\n"), rec.events)

    def test_no_pipelining_option(self):
        h = StoreHandler(pipelining=True)
        sent, out, rec = self.deliver(h, ["--tls", "none", "--no-pipelining"], proxy=True)
        self.check_one(h, sent, out)
        self.assertFalse(rec.sent_before_reply(b"MAIL FROM:", b"RCPT TO:"), rec.events)

    def auth(self, mech):
        need_cert()
        h = StoreHandler(pipelining=True)
        a = Authenticator("alice", "s3cret pass")
        # Over STARTTLS: a client may rightly refuse to send a password in the clear.
        sent, out, _ = self.deliver(
            h, ["--tls", "required", "--cafile", str(CERT), "--user", "alice",
                "--password", "s3cret pass", "--mech", mech],
            tls_context=server_tls_context(), require_starttls=True, authenticator=a,
            auth_require_tls=True)
        self.check_one(h, sent, out)
        self.assertEqual(a.mechanisms, [mech])
        self.assertTrue(h.envelopes[0][3], "not over TLS")
        self.assertTrue(h.envelopes[0][4], "not authenticated")

    def test_auth_plain(self):
        self.auth("PLAIN")

    def test_auth_login(self):
        self.auth("LOGIN")

    def test_auth_wrong_password(self):
        need_cert()
        h = StoreHandler()
        a = Authenticator("alice", "right")
        self.deliver(h, ["--tls", "required", "--cafile", str(CERT), "--user", "alice",
                         "--password", "wrong", "--mech", "PLAIN"], expect_status=1,
                     tls_context=server_tls_context(), authenticator=a, auth_require_tls=True)
        self.assertEqual(h.envelopes, [])

    def test_starttls(self):
        need_cert()
        h = StoreHandler(pipelining=True)
        sent, out, _ = self.deliver(h, ["--tls", "required", "--cafile", str(CERT)],
                                    tls_context=server_tls_context(), require_starttls=True)
        self.check_one(h, sent, out)
        self.assertTrue(h.envelopes[0][3], "message not received over TLS")

    def test_starttls_untrusted_certificate(self):
        need_cert()
        h = StoreHandler()
        # Without --cafile the self-signed certificate is not trusted: nothing is sent.
        status, out, err = run_client(
            start_aiosmtpd(self, h, tls_context=server_tls_context()), ["bob@example.net"],
            write_message("untrusted"), "--tls", "required")
        self.assertNotEqual(status, 0, describe(status, out, err))
        self.assertEqual(h.envelopes, [])

    def test_implicit_tls(self):
        need_cert()
        h = StoreHandler()
        sent, out, _ = self.deliver(h, ["--tls", "implicit", "--cafile", str(CERT)],
                                    ssl_context=server_tls_context())
        self.check_one(h, sent, out)

    def test_one_recipient_refused(self):
        h = StoreHandler(refuse={"nobody@example.net"}, pipelining=True)
        to = ("bob@example.net", "nobody@example.net", "carol@example.net")
        sent, out, _ = self.deliver(h, ["--tls", "none"], to=to, expect_status=1)
        self.assertEqual(len(h.envelopes), 1)
        _, rcpts, content, _, _ = h.envelopes[0]
        self.assertEqual(rcpts, ["bob@example.net", "carol@example.net"])
        self.assertEqual(content, sent)
        lines = recipients_of(out)
        self.assertEqual(lines["bob@example.net"][0], "250", out)
        self.assertEqual(lines["carol@example.net"][0], "250", out)
        self.assertEqual(lines["nobody@example.net"][0], "550", out)

    # CRAM-MD5 and SCRAM-SHA-256 against SaslServer, and the choice from the AUTH offer -------

    PASSWORD = "s3cret pass"

    def sasl(self, account, offer, client_args, tls, expect_status=0):
        """Runs smtp_client (--user alice, then client_args) against a SaslServer for account
        that offers the mechanisms in offer (after STARTTLS when tls, else on plaintext
        loopback); checks the exit status. Returns (handler, message sent, stdout, stderr)."""
        h = StoreHandler()
        kwargs = {"account": account,
                  "auth_exclude_mechanism": [m for m in SASL_MECHANISMS if m not in offer]}
        if tls:
            need_cert()
            kwargs.update(tls_context=server_tls_context(), require_starttls=True,
                          auth_require_tls=True)
            args = ["--tls", "required", "--cafile", str(CERT)]
        else:
            kwargs.update(auth_require_tls=False)
            args = ["--tls", "none"]
        port = start_aiosmtpd(self, h, **kwargs)
        path = write_message(self.id().rsplit(".", 1)[-1])
        status, out, err = run_client(port, ["bob@example.net"], path, *args, "--user", "alice",
                                      *client_args)
        self.assertEqual(status, expect_status, describe(status, out, err))
        return h, path.read_bytes(), out, err

    def sasl_delivers(self, expected, offer, client_args, tls):
        """The message arrives byte for byte, authenticated with the mechanism expected (the
        one the server saw, and the only one tried)."""
        a = SaslAccount("alice", self.PASSWORD)
        h, sent, out, _ = self.sasl(a, offer, ["--password", self.PASSWORD] + client_args, tls)
        self.check_one(h, sent, out)
        self.assertEqual(a.mechanisms, [expected])
        self.assertEqual(a.aborted, [])
        self.assertEqual(h.envelopes[0][3], tls, "over TLS or not, as asked")
        self.assertTrue(h.envelopes[0][4], "not authenticated")

    def sasl_refused(self, mech, password, final="good", failure="auth_failed"):
        """Nothing is delivered and the client exits 1 with the session failure given."""
        a = SaslAccount("alice", self.PASSWORD, final=final)
        h, _, out, err = self.sasl(a, SASL_MECHANISMS, ["--password", password, "--mech", mech],
                                   tls=False, expect_status=1)
        self.assertEqual(h.envelopes, [])
        self.assertEqual(a.mechanisms, [mech])
        self.assertIn(f"session failure: {failure}", err, describe(1, out, err))
        return a

    def test_auth_cram_md5(self):
        self.sasl_delivers("CRAM-MD5", SASL_MECHANISMS, ["--mech", "CRAM-MD5"], tls=True)

    def test_auth_scram_sha_256(self):
        self.sasl_delivers("SCRAM-SHA-256", SASL_MECHANISMS, ["--mech", "SCRAM-SHA-256"],
                           tls=True)

    # Neither sends the password, only an HMAC of it (RFC 2195 §2) or a proof (RFC 5802 §3):
    # plaintext is fine for them.
    def test_auth_cram_md5_without_tls(self):
        self.sasl_delivers("CRAM-MD5", SASL_MECHANISMS, ["--mech", "CRAM-MD5"], tls=False)

    def test_auth_scram_sha_256_without_tls(self):
        self.sasl_delivers("SCRAM-SHA-256", SASL_MECHANISMS, ["--mech", "SCRAM-SHA-256"],
                           tls=False)

    def test_auth_cram_md5_wrong_password(self):
        a = self.sasl_refused("CRAM-MD5", "wrong")
        self.assertEqual(a.aborted, [])  # the server's 535, not a cancel

    def test_auth_scram_sha_256_wrong_password(self):
        a = self.sasl_refused("SCRAM-SHA-256", "wrong")
        self.assertEqual(a.aborted, [])

    def test_auth_scram_sha_256_wrong_server_signature(self):
        # RFC 5802 §3: the client authenticates the server by its ServerSignature; a v= that is
        # not it comes from a server that does not know the password. The client cancels with
        # "*" (RFC 4954 §4) instead of answering it, and sends no mail.
        a = self.sasl_refused("SCRAM-SHA-256", self.PASSWORD, final="bad-v")
        self.assertEqual(a.aborted, ["SCRAM-SHA-256"])

    def test_auth_scram_sha_256_no_server_final(self):
        # A 235 right after the client-final: the server never proved itself.
        self.sasl_refused("SCRAM-SHA-256", self.PASSWORD, final="none",
                          failure="auth_unverified")

    # No --mech: the first of SCRAM-SHA-256, CRAM-MD5, PLAIN, LOGIN that the server offers
    # (aiosmtpd lists its offer sorted by name: "AUTH CRAM-MD5 LOGIN PLAIN SCRAM-SHA-256").
    def test_auth_choose_scram_sha_256(self):
        self.sasl_delivers("SCRAM-SHA-256", SASL_MECHANISMS, [], tls=True)

    def test_auth_choose_cram_md5(self):
        self.sasl_delivers("CRAM-MD5", ("CRAM-MD5", "PLAIN"), [], tls=True)

    def test_auth_choose_plain(self):
        self.sasl_delivers("PLAIN", ("PLAIN", "LOGIN"), [], tls=True)


class SaslServerSelfCheck(unittest.TestCase):
    """SaslServer's hashes against the RFCs' own examples, so that the tests above do not rest
    on a server that shares a mistake with the client."""

    def test_cram_md5_rfc_2195_example(self):
        # RFC 2195 §2's example exchange.
        self.assertEqual(
            cram_md5_digest(b"tanstaaftanstaaf", b"<1896.697170952@postoffice.reston.mci.net>"),
            b"b913a602c7eda7a495b4e6e7334d3890")

    def test_scram_sha_256_rfc_7677_example(self):
        # RFC 7677 §3's example: user "user", password "pencil".
        bare = "n=user,r=rOprNGfwEbeRWgbNEkqO"
        server_first = ("r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                        "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
        without_proof = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
        proof = base64.b64decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")
        stored, server = scram_keys(b"pencil", base64.b64decode("W22ZaJ0SNY7soEsUEjb6gQ=="),
                                    4096)
        auth_message = ",".join((bare, server_first, without_proof)).encode()
        self.assertTrue(scram_proof_ok(stored, auth_message, proof))
        self.assertFalse(scram_proof_ok(stored, auth_message, bytes([proof[0] ^ 1]) + proof[1:]))
        self.assertEqual(base64.b64encode(scram_server_signature(server, auth_message)),
                         b"6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")


# ---------------------------------------------------------------------------------------------
# 2. smtp_client against a private Postfix instance.
#
# Everything lives under one temp dir: config_directory (main.cf, master.cf written here, ours),
# queue_directory, data_directory, the virtual mailboxes and the log. The listener is
# 127.0.0.1:<free port> in master.cf; inet_interfaces is 127.0.0.1; the only destination is the
# virtual domain interop.test (two mailboxes, Maildir); every other transport is `error`, so
# nothing can be relayed or leave the machine. The system instance (/etc/postfix) is not touched.

POSTFIX_DOMAIN = "interop.test"
POSTFIX = {}  # conf, base, port, log, mail


def postfix_unavailable():
    if os.geteuid() != 0:
        return "Postfix needs root to start a private instance"
    for prog in ("postfix", "postconf"):
        if not shutil.which(prog) and not os.path.exists(f"/usr/sbin/{prog}"):
            return "postfix not installed (the CI script installs it)"
    try:
        pwd.getpwnam("postfix")
    except KeyError:
        return "no postfix user (the package did not finish installing)"
    return None


def sbin(prog):
    return shutil.which(prog) or f"/usr/sbin/{prog}"


MASTER_CF = """\
# service type  private unpriv  chroot  wakeup  maxproc command
{listen} inet  n       -       n       -       4       smtpd
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def postfix_setup(transport=None):
    """Starts the private instance. transport: {domain: nexthop} to relay those domains to
    (each nexthop on 127.0.0.1: our smtp_server)."""
    base = pathlib.Path(tempfile.mkdtemp(prefix="smtpcodes-postfix-"))
    os.chmod(base, 0o755)
    reaper("+", "dir", base)
    reaper("+", "master", base / "queue" / "pid" / "master.pid")
    _cleanups.append(lambda: shutil.rmtree(base, ignore_errors=True))
    conf, queue, data, mail = base / "etc", base / "queue", base / "data", base / "mail"
    for d in (conf, queue, data, mail):
        d.mkdir()
    pf = pwd.getpwnam("postfix")
    os.chown(data, pf.pw_uid, pf.pw_gid)
    nobody = pwd.getpwnam("nobody")
    os.chown(mail, nobody.pw_uid, nobody.pw_gid)
    port = free_port()
    log = base / "postfix.log"
    (conf / "vmailbox").write_text(
        f"bob@{POSTFIX_DOMAIN} bob/\ncarol@{POSTFIX_DOMAIN} carol/\n")  # trailing / = Maildir
    settings = {
        "compatibility_level": "3.6",
        "queue_directory": str(queue),
        "data_directory": str(data),
        "mail_owner": "postfix",
        "setgid_group": "postdrop",
        "myhostname": f"mx.{POSTFIX_DOMAIN}",
        "mydomain": POSTFIX_DOMAIN,
        "myorigin": "$myhostname",
        "mydestination": "",
        "inet_interfaces": HOST,
        "inet_protocols": "ipv4",
        "mynetworks": "127.0.0.1/32",
        "relay_domains": "",
        "smtpd_relay_restrictions": "reject_unauth_destination",
        "smtpd_recipient_restrictions": "reject_unauth_destination",
        "default_transport": "error:interop test instance never relays",
        "relay_transport": "error:interop test instance never relays",
        "local_transport": "error:interop test instance has no local delivery",
        "alias_maps": "",
        "alias_database": "",
        "virtual_mailbox_domains": POSTFIX_DOMAIN,
        "virtual_mailbox_base": str(mail),
        "virtual_mailbox_maps": f"texthash:{conf}/vmailbox",
        "virtual_uid_maps": f"static:{nobody.pw_uid}",
        "virtual_gid_maps": f"static:{nobody.pw_gid}",
        "smtpd_tls_cert_file": str(CERT),
        "smtpd_tls_key_file": str(KEY),
        "smtpd_tls_security_level": "may",
        "smtp_tls_security_level": "none",
        "smtp_dns_support_level": "disabled",
        "smtpd_peername_lookup": "no",
        "maillog_file": str(log),
        "maillog_file_prefixes": str(base),
        "biff": "no",
        "append_dot_mydomain": "no",
        "smtpd_banner": "$myhostname ESMTP",
    }
    master = MASTER_CF.format(listen=f"{HOST}:{port}")
    if transport:
        (conf / "transport").write_text("".join(f"{d} {n}\n" for d, n in transport.items()))
        settings.update({
            "relay_domains": " ".join(transport),
            "transport_maps": f"texthash:{conf}/transport",
            "smtp_tls_security_level": "encrypt",  # STARTTLS or no delivery
            "smtp_tls_CAfile": str(CERT),
            "smtp_tls_loglevel": "1",
            "lmtp_tls_security_level": "none",
        })
        master += ("smtp      unix  -       -       n       -       -       smtp\n"
                   "lmtp      unix  -       -       n       -       -       lmtp\n")
    (conf / "main.cf").write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
    (conf / "master.cf").write_text(master)
    POSTFIX.update(conf=conf, base=base, port=port, log=log, mail=mail)
    # Registered before starting: whatever happens next, the instance is stopped.
    _cleanups.append(postfix_stop)
    status, out, err = run([sbin("postfix"), "-c", str(conf), "start"], timeout=60)
    if status != 0:
        raise RuntimeError(f"postfix start failed ({status}): {out}{err}{postfix_log()}")
    # Ready when the listener accepts and greets.
    def greets():
        try:
            with socket.create_connection((HOST, port), timeout=2) as s:
                return s.recv(512).startswith(b"220")
        except OSError:
            return False
    wait_for(greets, "Postfix to greet on 127.0.0.1:%d" % port)


def postfix_log():
    log = POSTFIX.get("log")
    return log.read_text(errors="replace")[-4000:] if log and log.exists() else ""


def postfix_stop():
    conf = POSTFIX.pop("conf", None)
    if not conf:
        return
    pid_file = POSTFIX["base"] / "queue" / "pid" / "master.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        pid = None

    def gone():
        try:
            os.kill(pid, 0)
            return False
        except OSError:
            return True

    try:
        run([sbin("postfix"), "-c", str(conf), "stop"], timeout=20, budget=False)
    finally:
        # `postfix stop` signals master and returns; wait for it, and kill it if it stays
        # (its children exit when it is gone).
        if pid is not None:
            try:
                wait_for(gone, "Postfix's master to exit", timeout=10, budget=False)
            except AssertionError:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass


def postfix_version():
    status, out, _ = run([sbin("postconf"), "-d", "-h", "mail_version"])
    return tuple(int(x) for x in re.findall(r"\d+", out)[:2]) if status == 0 else (0, 0)


def maildir_messages(user):
    new = POSTFIX["mail"] / user / "new"
    return sorted(new.iterdir()) if new.is_dir() else []


# Postfix stores lines with LF, and prepends only these trace headers to a complete message.
POSTFIX_ADDED = re.compile(rb"^(?:(?:Return-Path|X-Original-To|Delivered-To|Received):[^\n]*\n(?:[ \t][^\n]*\n)*)*$")


@unittest.skipIf(postfix_unavailable(), postfix_unavailable())
class ClientAgainstPostfix(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need_cert()
        if postfix_version() < (3, 4):
            raise unittest.SkipTest("Postfix before 3.4 offers no CHUNKING")
        postfix_setup()

    @classmethod
    def tearDownClass(cls):
        postfix_stop()

    def deliver(self, extra, to=(f"bob@{POSTFIX_DOMAIN}",), expect_status=0, proxy=False):
        port = POSTFIX["port"]
        rec = None
        if proxy:
            rec = RecordingProxy(port)
            self.addCleanup(rec.close)
            port = rec.port
        tag = self.id().rsplit(".", 1)[-1]
        path = write_message(tag)
        before = {u: set(maildir_messages(u)) for u in ("bob", "carol")}
        status, out, err = run_client(port, to, path, *extra)
        self.assertEqual(status, expect_status, describe(status, out, err) + postfix_log())
        return path.read_bytes(), out, rec, before

    def delivered(self, user, before, sent):
        """Waits for the user's next Maildir file; checks it is the sent message after Postfix's
        trace headers, with LF line ends (Maildir files are Unix text). The new file is the one
        not there before: Maildir names (time.VdevIinodeMusec.host) of one second do not sort
        in delivery order."""
        files = wait_for(lambda: [f for f in maildir_messages(user) if f not in before[user]],
                         f"delivery to {user}")
        self.assertEqual(len(files), 1)
        got = files[0].read_bytes()
        want = sent.replace(b"\r\n", b"\n")
        self.assertTrue(got.endswith(want), got[:2000])
        added = got[: len(got) - len(want)]
        self.assertRegex(added, POSTFIX_ADDED)
        self.assertIn(b"Return-Path: <alice@example.test>\n", added)
        return added

    def check_recipients(self, out, accepted=(), refused=()):
        lines = recipients_of(out)
        for r in accepted:
            self.assertEqual(lines.get(r, ["?"])[0], "250", out)
        for r in refused:
            self.assertTrue(lines.get(r, ["?"])[0].startswith("5"), out)
        ids = queue_ids_of(out)
        self.assertEqual(len(ids), 1, out)

    def test_pipelining_and_chunking(self):
        sent, out, rec, before = self.deliver(["--tls", "none"], proxy=True)
        self.check_recipients(out, accepted=[f"bob@{POSTFIX_DOMAIN}"])
        self.delivered("bob", before, sent)
        self.assertTrue(rec.sent_before_reply(b"MAIL FROM:", b"RCPT TO:"), rec.events)
        self.assertTrue(rec.sent_before_reply(b"RCPT TO:", b"BDAT "), rec.events)  # RFC 3030 §4.2
        self.assertIn(b"BDAT ", rec.client_bytes())
        self.assertNotIn(b"\r\nDATA\r\n", rec.client_bytes())

    def test_data_without_chunking(self):
        sent, out, rec, before = self.deliver(["--tls", "none", "--no-chunking"], proxy=True)
        self.check_recipients(out, accepted=[f"bob@{POSTFIX_DOMAIN}"])
        self.delivered("bob", before, sent)
        self.assertIn(b"\r\nDATA\r\n", rec.client_bytes())
        self.assertNotIn(b"BDAT ", rec.client_bytes())
        self.assertTrue(rec.sent_before_reply(b"RCPT TO:", b"DATA\r\n"), rec.events)

    def test_starttls(self):
        sent, out, _, before = self.deliver(["--tls", "required", "--cafile", str(CERT)])
        self.check_recipients(out, accepted=[f"bob@{POSTFIX_DOMAIN}"])
        added = self.delivered("bob", before, sent)
        self.assertIn(b"with ESMTPS", added)  # Postfix's Received: the session used TLS

    def test_unknown_recipient(self):
        to = (f"bob@{POSTFIX_DOMAIN}", f"nobody@{POSTFIX_DOMAIN}", f"carol@{POSTFIX_DOMAIN}")
        sent, out, _, before = self.deliver(["--tls", "none"], to=to, expect_status=1)
        self.check_recipients(out, accepted=[to[0], to[2]], refused=[to[1]])
        self.delivered("bob", before, sent)
        self.delivered("carol", before, sent)


# ---------------------------------------------------------------------------------------------
# 3. Real clients against smtp_server (or the aiosmtpd stand-in).

USER, PASSWORD = "alice", "s3cret"


class OurServer:
    """smtp_server on 127.0.0.1:0 with its own maildir; stop() ends it."""

    def __init__(self, test, tls=False, auth=False, extra=()):
        """test: a TestCase (stopped at its end) or a TestCase class (at the class's end)."""
        add_cleanup = cleanup_adder(test)
        self.taken = 0
        self.dir = pathlib.Path(tempfile.mkdtemp(dir=TMP, prefix="maildir-"))
        add_cleanup(shutil.rmtree, self.dir, True)
        self.tls = tls
        if SERVER == "aiosmtpd":
            if AIOSMTPD:
                raise unittest.SkipTest(AIOSMTPD)
            kw = {}
            if tls:
                kw["tls_context"] = server_tls_context()
            if auth:
                kw["authenticator"] = Authenticator(USER, PASSWORD)
            self.port = start_aiosmtpd(test, StoreHandler(pipelining=True, maildir=self.dir),
                                       **kw)
            return
        argv = [SERVER, "--listen", f"{HOST}:0", "--maildir", str(self.dir), "--timeout", "10",
                "--hostname", "mx.example.test"]
        if tls:
            argv += ["--cert", str(CERT), "--key", str(KEY)]
        if auth:
            argv += ["--auth", f"{USER}:{PASSWORD}"]
        self.err = open(self.dir.parent / (self.dir.name + ".stderr"), "w+b")
        add_cleanup(self.err.close)
        self.proc = start(argv + list(extra), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=self.err)
        add_cleanup(stop, self.proc)
        self.lines = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        wait_for(lambda: self._listening() or self.proc.poll() is not None,
                 "smtp_server to print LISTENING", timeout=10)
        self.port = self._listening()
        if not self.port:
            raise AssertionError(f"smtp_server exited {self.proc.returncode}: {self.stderr()}")

    def _read(self):
        for line in self.proc.stdout:  # ends when the server exits and its pipe closes
            self.lines.append(line.decode(errors="replace"))

    def _listening(self):
        for line in self.lines:
            m = re.match(r"LISTENING (\d+)", line)
            if m:
                return int(m.group(1))
        return None

    def stderr(self):
        if SERVER == "aiosmtpd":
            return ""
        self.err.seek(0)
        return self.err.read().decode(errors="replace")[-4000:]

    def messages(self, count):
        """Waits for the next count messages (msg-1 .. msg-count the first time); returns
        [(eml bytes, from, [to])]."""
        first, last = self.taken + 1, self.taken + count
        self.taken = last

        def ready():
            return all((self.dir / f"msg-{i}.env").exists() and
                       (self.dir / f"msg-{i}.eml").exists() for i in range(first, last + 1))
        wait_for(ready, f"{count} message(s) in {self.dir}", timeout=10)
        result = []
        for i in range(first, last + 1):
            env = (self.dir / f"msg-{i}.env").read_text().splitlines()
            # "FROM <addr>" (the null sender may leave nothing after FROM), "TO <addr>".
            mail_from = [l.split(None, 1)[1].strip("<>") if " " in l else "" for l in env
                         if l.startswith("FROM")]
            to = [l.split(None, 1)[1].strip("<>") for l in env if l.startswith("TO ")]
            result.append(((self.dir / f"msg-{i}.eml").read_bytes(), mail_from, to))
        found = sorted(p.name for p in self.dir.glob("msg-*.eml"))
        if len(found) != last:
            raise AssertionError(f"expected {last} messages, found {found}")
        return result


def need_example_server():
    """Skips a test of smtp_server's own options or test rules under the aiosmtpd stand-in."""
    if SERVER == "aiosmtpd":
        raise unittest.SkipTest("smtp_server option or rule: not in the aiosmtpd stand-in")


class ToolsAgainstOurServer(unittest.TestCase):
    SENDER = "alice@example.test"
    RCPTS = ["bob@example.net", "carol@example.org", "dave@example.net"]

    def check(self, server, sent, rcpts=None, sender=None):
        (eml, mail_from, to), = server.messages(1)
        self.assertEqual(mail_from, [sender or self.SENDER])
        self.assertEqual(to, rcpts or self.RCPTS[:1])
        self.assertEqual(eml, sent)

    # smtplib --------------------------------------------------------------------------------

    def test_smtplib_several_recipients(self):
        import smtplib
        server = OurServer(self)
        sent = message("smtplib")
        with smtplib.SMTP(HOST, server.port, timeout=10) as s:
            refused = s.sendmail(self.SENDER, self.RCPTS, sent)
        self.assertEqual(refused, {})
        self.check(server, sent, self.RCPTS)

    def test_smtplib_starttls_login(self):
        import smtplib
        need_cert()
        server = OurServer(self, tls=True, auth=True)
        sent = message("smtplib-tls")
        with smtplib.SMTP(HOST, server.port, timeout=10) as s:
            s.starttls(context=client_tls_context())
            s.login(USER, PASSWORD)
            self.assertEqual(s.sendmail(self.SENDER, self.RCPTS[:2], sent), {})
        self.check(server, sent, self.RCPTS[:2])

    def test_smtplib_wrong_password(self):
        import smtplib
        need_cert()
        server = OurServer(self, tls=True, auth=True)
        with smtplib.SMTP(HOST, server.port, timeout=10) as s:
            s.starttls(context=client_tls_context())
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                s.login(USER, "wrong")

    def test_smtplib_refused_recipient(self):
        import smtplib
        need_example_server()
        server = OurServer(self)
        sent = message("smtplib-refused")
        to = [self.RCPTS[0], "reject-me@example.net", self.RCPTS[1]]
        with smtplib.SMTP(HOST, server.port, timeout=10) as s:
            refused = s.sendmail(self.SENDER, to, sent)
        self.assertEqual(list(refused), ["reject-me@example.net"])
        self.assertEqual(refused["reject-me@example.net"][0], 550)
        self.check(server, sent, self.RCPTS[:2])

    def test_smtplib_require_auth(self):
        import smtplib
        need_example_server()
        server = OurServer(self, auth=True, extra=["--require-auth"])
        sent = message("smtplib-require-auth")
        with smtplib.SMTP(HOST, server.port, timeout=10) as s:
            with self.assertRaises(smtplib.SMTPSenderRefused) as refused:
                s.sendmail(self.SENDER, self.RCPTS[:1], sent)
            self.assertEqual(refused.exception.smtp_code, 530)
            s.login(USER, PASSWORD)  # plaintext AUTH: no certificate given to the server
            self.assertEqual(s.sendmail(self.SENDER, self.RCPTS[:1], sent), {})
        self.check(server, sent)

    def test_smtplib_max_size(self):
        import smtplib
        need_example_server()
        sent = message("smtplib-max-size")
        server = OurServer(self, extra=["--max-size", str(len(sent) - 1)])
        with smtplib.SMTP(HOST, server.port, timeout=10) as s:
            s.ehlo()
            self.assertEqual(s.esmtp_features.get("size"), str(len(sent) - 1))
            with self.assertRaises(smtplib.SMTPSenderRefused) as refused:
                s.sendmail(self.SENDER, self.RCPTS[:1], sent)  # smtplib sends SIZE=
            self.assertEqual(refused.exception.smtp_code, 552)
            self.assertEqual(s.sendmail(self.SENDER, self.RCPTS[:1], sent[:-30] + b"\r\n"), {})
        self.check(server, sent[:-30] + b"\r\n")

    # swaks ----------------------------------------------------------------------------------

    def swaks(self, server, tag, *extra, to=None):
        to = to or self.RCPTS[:2]
        swaks = tool("swaks")
        sent = message(tag)
        # swaks always sends CRLF "." CRLF after the data, so a file ending in CRLF would
        # arrive with one empty line more: the file is the message without its final CRLF.
        path = write_message(tag, sent[:-2])
        status, out, err = run([swaks, "--server", f"{HOST}:{server.port}", "--from",
                                self.SENDER, "--to", ",".join(to),
                                "--data", f"@{path}", "--helo", "swaks.example.test",
                                "--timeout", "10", *extra])
        self.assertEqual(status, 0, describe(status, out, err) + server.stderr())
        # Otherwise swaks sends a --data file as it is (it adds no header to a message that
        # has them; line ends are CRLF already).
        self.check(server, sent, to)

    def test_swaks_lmtp(self):
        need_example_server()
        self.swaks(OurServer(self, extra=["--lmtp"]), "swaks-lmtp", "--protocol", "LMTP",
                   to=self.RCPTS)

    def test_swaks_plain(self):
        self.swaks(OurServer(self), "swaks")

    def need_swaks_tls(self):
        need_cert()
        tool("swaks")
        if run(["perl", "-MNet::SSLeay", "-e1"])[0] != 0:
            self.skipTest("swaks --tls needs Net::SSLeay: apt-get install libnet-ssleay-perl")

    def test_swaks_starttls_auth_plain(self):
        self.need_swaks_tls()
        # swaks 20201014 (Debian 12) cannot verify the certificate (no --tls-verify yet).
        self.swaks(OurServer(self, tls=True, auth=True), "swaks-tls", "--tls", "--auth",
                   "PLAIN", "--auth-user", USER, "--auth-password", PASSWORD)

    def test_swaks_starttls_auth_login(self):
        self.need_swaks_tls()
        self.swaks(OurServer(self, tls=True, auth=True), "swaks-login", "--tls", "--auth",
                   "LOGIN", "--auth-user", USER, "--auth-password", PASSWORD)

    # msmtp ----------------------------------------------------------------------------------

    def msmtp(self, server, tag, config):
        msmtp = tool("msmtp")
        conf = TMP / f"{tag}.msmtprc"
        conf.write_text(f"account default\nhost {HOST}\nport {server.port}\n"
                        f"from {self.SENDER}\ndomain msmtp.example.test\ntimeout 10\n"
                        + config)
        os.chmod(conf, 0o600)  # msmtp refuses a readable file holding a password
        sent = message(tag)
        status, out, err = run([msmtp, "-C", str(conf), "--", *self.RCPTS[:2]], stdin=sent)
        self.assertEqual(status, 0, describe(status, out, err) + server.stderr())
        # msmtp sends stdin unchanged here: it adds Date and Message-ID (and From) only when
        # they are missing, and turns LF line ends into CRLF (CRLF stays CRLF). Checked.
        self.check(server, sent, self.RCPTS[:2])

    def test_msmtp_plain(self):
        self.msmtp(OurServer(self), "msmtp", "tls off\nauth off\n")

    def test_msmtp_starttls_auth(self):
        need_cert()
        self.msmtp(OurServer(self, tls=True, auth=True), "msmtp-tls",
                   f"tls on\ntls_starttls on\ntls_trust_file {CERT}\n"
                   f"auth plain\nuser {USER}\npassword {PASSWORD}\n")

    def test_msmtp_implicit_tls(self):
        need_cert()
        need_example_server()
        self.msmtp(OurServer(self, tls=True, extra=["--implicit-tls"]), "msmtp-implicit",
                   f"tls on\ntls_starttls off\ntls_trust_file {CERT}\nauth off\n")

    # curl -----------------------------------------------------------------------------------

    def curl(self, server, tag, *extra, scheme="smtp"):
        curl = tool("curl")
        path = write_message(tag)
        argv = [curl, "--silent", "--show-error", "--max-time", "20",
                "--url", f"{scheme}://{HOST}:{server.port}/curl.example.test",
                "--mail-from", self.SENDER]
        for r in self.RCPTS:
            argv += ["--mail-rcpt", r]
        status, out, err = run(argv + ["--upload-file", str(path), *extra])
        self.assertEqual(status, 0, describe(status, out, err) + server.stderr())
        # curl sends the file as it is (dot-stuffed); the file ends with CRLF so curl adds
        # nothing before "." CRLF.
        self.check(server, path.read_bytes(), self.RCPTS)

    def test_curl_plain(self):
        self.curl(OurServer(self), "curl")

    def test_curl_starttls_auth(self):
        need_cert()
        self.curl(OurServer(self, tls=True, auth=True), "curl-tls", "--ssl-reqd", "--cacert",
                  str(CERT), "--user", f"{USER}:{PASSWORD}")

    def test_curl_implicit_tls(self):
        need_cert()
        need_example_server()
        self.curl(OurServer(self, tls=True, extra=["--implicit-tls"]), "curl-smtps", "--cacert",
                  str(CERT), scheme="smtps")


# ---------------------------------------------------------------------------------------------
# smtp_client against smtp_server: what no other peer here offers (LMTP replies per recipient
# to our client, BDAT to a server of ours) and the two sides' TLS and AUTH together.


class ClientAgainstOurServer(unittest.TestCase):
    def setUp(self):
        need_example_server()

    def deliver(self, server, to, extra, expect_status=0):
        tag = self.id().rsplit(".", 1)[-1]
        path = write_message(tag)
        status, out, err = run_client(server.port, to, path, *extra)
        self.assertEqual(status, expect_status, describe(status, out, err) + server.stderr())
        return path.read_bytes(), recipients_of(out)

    def test_lmtp_per_recipient(self):
        server = OurServer(self, extra=["--lmtp"])
        to = ["bob@example.net", "faildata-x@example.net", "reject-y@example.net",
              "carol@example.net"]
        sent, lines = self.deliver(server, to, ["--lmtp", "--tls", "none"], expect_status=1)
        self.assertEqual(lines["bob@example.net"][0], "250", lines)
        self.assertEqual(lines["carol@example.net"][0], "250", lines)
        self.assertEqual(lines["faildata-x@example.net"][0], "550", lines)
        self.assertEqual(lines["reject-y@example.net"][0], "550", lines)
        (eml, _, rcpts), = server.messages(1)
        self.assertEqual(rcpts, ["bob@example.net", "carol@example.net"])
        self.assertEqual(eml, sent)

    def test_chunking_and_data(self):
        server = OurServer(self)
        for extra in (["--tls", "none"], ["--tls", "none", "--no-chunking"]):
            sent, lines = self.deliver(server, ["bob@example.net"], extra)
            (eml, _, _), = server.messages(1)
            self.assertEqual(eml, sent, extra)

    def test_starttls_auth(self):
        need_cert()
        server = OurServer(self, tls=True, auth=True, extra=["--require-auth"])
        for mech in ("PLAIN", "LOGIN"):
            sent, lines = self.deliver(server, ["bob@example.net"],
                                       ["--tls", "required", "--cafile", str(CERT), "--user",
                                        USER, "--password", PASSWORD, "--mech", mech])
            (eml, _, _), = server.messages(1)
            self.assertEqual(eml, sent, mech)

    def test_max_messages_then_exit(self):
        server = OurServer(self, extra=["--max-messages", "1"])
        sent, _ = self.deliver(server, ["bob@example.net"], ["--tls", "none"])
        (eml, _, _), = server.messages(1)
        self.assertEqual(eml, sent)
        wait_for(lambda: server.proc.poll() is not None, "smtp_server to exit", timeout=15)
        self.assertEqual(server.proc.returncode, 0, server.stderr())

    def test_idle_timeout(self):
        server = OurServer(self, extra=["--timeout", "1"])
        with socket.create_connection((HOST, server.port), timeout=10) as s:
            self.assertTrue(s.recv(512).startswith(b"220"))
            s.sendall(b"EHLO idle.example.test\r\n")
            started = time.monotonic()
            got = b""
            while not got.endswith(b"\r\n") or not re.search(rb"(^|\n)421[ -][^\n]*\r\n$", got):
                data = s.recv(4096)  # bounded by the socket's 10 s timeout
                if not data:
                    break
                got += data
            self.assertRegex(got, rb"(^|\n)421[ -]")  # RFC 5321 §3.8: 421 then close
            self.assertLess(time.monotonic() - started, 8)

    def test_implicit_tls(self):
        need_cert()
        server = OurServer(self, tls=True, extra=["--implicit-tls"])
        sent, _ = self.deliver(server, ["bob@example.net"],
                               ["--tls", "implicit", "--cafile", str(CERT)])
        (eml, _, _), = server.messages(1)
        self.assertEqual(eml, sent)


# ---------------------------------------------------------------------------------------------
# 4. Postfix's smtp and lmtp clients against smtp_server: mail submitted to the private
# Postfix instance (with smtplib) for relay.test and lmtp.test is relayed, by transport_maps,
# to two smtp_server processes on 127.0.0.1 (SMTP with mandatory STARTTLS, and LMTP).

# What Postfix's smtp/lmtp client adds to a relayed message: its own Received header (CRLF on
# the wire).
POSTFIX_RELAY_ADDED = re.compile(rb"^Received:[^\r\n]*\r\n(?:[ \t][^\r\n]*\r\n)*$")


@unittest.skipIf(postfix_unavailable(), postfix_unavailable())
class PostfixAgainstOurServer(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        need_cert()
        need_example_server()
        cls.smtp = OurServer(cls, tls=True)
        cls.lmtp = OurServer(cls, extra=["--lmtp"])
        postfix_setup(transport={"relay.test": f"smtp:[{HOST}]:{cls.smtp.port}",
                                 "lmtp.test": f"lmtp:inet:[{HOST}]:{cls.lmtp.port}"})
        cls.addClassCleanup(postfix_stop)

    def submit(self, tag, to):
        import smtplib
        sent = message(tag)
        with smtplib.SMTP(HOST, POSTFIX["port"], timeout=10) as s:
            self.assertEqual(s.sendmail("alice@example.test", to, sent), {})
        return sent

    def relayed(self, server, sent, to):
        (eml, mail_from, rcpts), = server.messages(1)
        self.assertEqual(mail_from, ["alice@example.test"])
        self.assertEqual(rcpts, to)
        self.assertTrue(eml.endswith(sent), eml[:1500])
        self.assertRegex(eml[: len(eml) - len(sent)], POSTFIX_RELAY_ADDED)

    def test_smtp_starttls(self):
        to = ["bob@relay.test", "carol@relay.test"]
        sent = self.submit("postfix-smtp", to)
        self.relayed(self.smtp, sent, to)
        # smtp_tls_security_level = encrypt: delivered only over TLS; the log says which kind.
        self.assertRegex(postfix_log(), r"Trusted TLS connection established to \S*127\.0\.0\.1")

    def test_lmtp_per_recipient(self):
        # smtp_server's rule: a "faildata" recipient gets 550 after the data, in LMTP for that
        # recipient alone; Postfix bounces it and delivers to the others.
        to = ["bob@lmtp.test", "faildata-x@lmtp.test", "carol@lmtp.test"]
        sent = self.submit("postfix-lmtp", to)
        self.relayed(self.lmtp, sent, ["bob@lmtp.test", "carol@lmtp.test"])
        wait_for(lambda: re.search(r"to=<faildata-x@lmtp\.test>.*status=bounced", postfix_log()),
                 "Postfix to log the bounce of faildata-x@lmtp.test")


# ---------------------------------------------------------------------------------------------


def main():
    global CLIENT, SERVER
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    CLIENT, SERVER = sys.argv[1], sys.argv[2]
    for path in (CLIENT, SERVER):
        if path != "aiosmtpd" and not os.access(path, os.X_OK):
            sys.exit(f"interop: {path} is not an executable program")
    started = time.monotonic()
    try:
        prog = unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2, exit=False)
    finally:
        _at_exit()
        print(f"interop: {time.monotonic() - started:.1f} s", file=sys.stderr)
    sys.exit(0 if prog.result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
