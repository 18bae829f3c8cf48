#!/usr/bin/python3
"""Loopback-only servers for tests/bounces/make_corpus.sh.

  servers.py submit HOST:PORT FROM TO[,TO...] FILE ENVID [NOTIFY]
      hand FILE to the MTA at HOST:PORT over SMTP, with the DSN parameters ENVID= (and
      NOTIFY= for every recipient when given); exits non-zero unless every recipient is taken.

  servers.py serve OUTDIR   run, until SIGTERM or a hard time limit:
      - the receiving server mx.example.test on 127.0.0.30:2525, which answers each
        recipient by its local part (the scenarios below);
      - the bounce catcher on 127.0.0.40:2526, which saves each message it is given as
        OUTDIR/<local part of the recipient>.eml, byte for byte;
      - a DNS server on 127.0.0.50:53 (UDP) that answers every question with NXDOMAIN,
        so that the MTAs' lookups of nonexistent.invalid fail without leaving the machine.

Needs Debian's python3-aiosmtpd; run with /usr/bin/python3.
"""
import asyncio
import os
import smtplib
import re
import signal
import socket
import struct
import sys
import threading
import time

from aiosmtpd.controller import Controller

SINK = ("127.0.0.30", 2525)
CATCHER = ("127.0.0.40", 2526)
DNS = ("127.0.0.50", 53)
MAX_SECONDS = 900          # the servers stop by themselves after this long
SIZE_LIMIT = 100_000       # bytes of DATA the receiving server takes


class ReceivingServer:
    """mx.example.test: the per-recipient answers are the scenarios."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local, _, domain = address.rpartition("@")
        local = local.lower()
        domain = domain.lower()
        if domain != "example.test":
            return "554 5.7.1 <%s>: Relay access denied" % address
        if local == "unknown":
            return ("550 5.1.1 <%s>: Recipient address rejected: "
                    "User unknown in local recipient table" % address)
        if local == "full":
            return "552 5.2.2 <%s>: Mailbox full, quota exceeded" % address
        if local == "quota":
            return ("452 4.2.2 <%s>: Mailbox full, quota exceeded, "
                    "try again later" % address)
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server, session, envelope):
        if len(envelope.original_content or b"") > SIZE_LIMIT:
            return "552 5.3.4 Message size exceeds fixed limit"
        return "250 2.0.0 Ok: queued"


class Catcher:
    """bounces.test: keeps every message it receives."""

    def __init__(self, outdir):
        self.outdir = outdir

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            local = rcpt.rpartition("@")[0].lower()
            name = re.sub(r"[^a-z0-9-]", "_", local) or "unnamed"
            path = os.path.join(self.outdir, name + ".eml")
            with open(path + ".tmp", "wb") as f:
                f.write(envelope.original_content)
            os.replace(path + ".tmp", path)
            with open(os.path.join(self.outdir, "envelopes.log"), "a") as log:
                log.write("%s\tMAIL FROM:<%s>\tRCPT TO:<%s>\n"
                          % (name, envelope.mail_from, rcpt))
        return "250 2.0.0 Ok: saved"


def qname(labels):
    out, j = [], 0
    while j < len(labels):
        out.append(labels[j + 1:j + 1 + labels[j]].decode("ascii", "replace"))
        j += 1 + labels[j]
    return ".".join(out) or "."


def nxdomain_server(stop):
    """Answer every DNS question with an authoritative NXDOMAIN."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(DNS)
    sock.settimeout(0.5)
    while not stop.is_set():
        try:
            query, peer = sock.recvfrom(4096)
        except socket.timeout:
            continue
        if len(query) < 12:
            continue
        qid, flags, qdcount = struct.unpack("!HHH", query[:6])
        # Copy the question section (QNAME labels, QTYPE, QCLASS) when there is exactly one.
        i = 12
        question = b""
        if qdcount == 1:
            while i < len(query) and query[i] != 0:
                i += 1 + query[i]
            question = query[12:i + 5]
        print("dns: %s asked for %s, answered NXDOMAIN" % (peer[0], qname(query[12:i])), flush=True)
        rd = flags & 0x0100
        reply_flags = 0x8000 | 0x0400 | rd | 3   # QR, AA, RD echoed, RCODE=NXDOMAIN
        reply = struct.pack("!HHHHHH", qid, reply_flags, 1 if question else 0, 0, 0, 0)
        sock.sendto(reply + question, peer)
    sock.close()


def serve(outdir):
    os.makedirs(outdir, exist_ok=True)
    stop = threading.Event()
    dns = threading.Thread(target=nxdomain_server, args=(stop,), daemon=True)
    dns.start()
    sink = Controller(ReceivingServer(), hostname=SINK[0], port=SINK[1],
                      server_hostname="mx.example.test", data_size_limit=None)
    catcher = Controller(Catcher(outdir), hostname=CATCHER[0], port=CATCHER[1],
                         server_hostname="mx.bounces.test")
    sink.start()
    catcher.start()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("servers ready", flush=True)
    deadline = time.monotonic() + MAX_SECONDS
    while not stop.is_set() and time.monotonic() < deadline:
        stop.wait(0.5)
    stop.set()
    sink.stop()
    catcher.stop()
    dns.join(2)


def submit(hostport, sender, rcpts, path, envid, notify=None):
    host, _, port = hostport.rpartition(":")
    with open(path, "rb") as f:
        data = f.read()
    rcpt_options = ["NOTIFY=" + notify] if notify else []
    with smtplib.SMTP(host, int(port), local_hostname="client.sender.test", timeout=20) as s:
        s.ehlo()
        if not s.has_extn("dsn"):
            sys.exit("%s does not offer DSN" % hostport)
        refused = s.sendmail(sender, rcpts.split(","), data,
                             mail_options=["ENVID=" + envid],
                             rcpt_options=rcpt_options)
        if refused:
            sys.exit("refused: %r" % refused)
    print("submitted %s to %s" % (envid, hostport))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
    elif len(sys.argv) in (7, 8) and sys.argv[1] == "submit":
        submit(*sys.argv[2:])
    else:
        sys.exit("usage: servers.py serve OUTDIR | submit HOST:PORT FROM TO FILE ENVID [NOTIFY]")
