#!/usr/bin/python3
"""bench/peers driver for aiosmtpd (Debian's python3-aiosmtpd): unstuffing with end detection.

Usage: aiosmtpd_driver.py unstuff INPUT OUTPUT REPS
aiosmtpd has no unstuffing function apart from its server: SMTP.smtp_DATA reads lines with
StreamReader.readuntil(b"\r\n"), stops at a line ".\r\n" and drops one leading dot per line.
So this drives a real aiosmtpd.smtp.SMTP protocol object on an asyncio loop in this process,
with an in-memory transport instead of a socket: connection_made(), then data_received() with
"EHLO", "MAIL", "RCPT", "DATA" and the whole wire input (message, "." CR LF, "QUIT" CR LF).
The time is from data_received() to the handler's handle_DATA (it includes the four short
commands before DATA); the output is envelope.original_content; end = octets of the wire
input consumed when handle_DATA ran (the reader's unread buffer is the rest).
Prints RESULT aiosmtpd unstuff <bytes/s> end=<offset>.
"""
import asyncio
import sys
import time

from aiosmtpd.smtp import SMTP

PREFIX = b"EHLO bench.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.net>\r\nDATA\r\n"


class Transport(asyncio.Transport):
    """Collects what the server writes; never touches a socket."""

    def __init__(self):
        super().__init__()
        self.written = bytearray()
        self.closed = False

    def get_extra_info(self, name, default=None):
        return ("127.0.0.1", 0) if name == "peername" else default

    def write(self, data):
        self.written += data

    def is_closing(self):
        return self.closed

    def close(self):
        self.closed = True


class Handler:
    def __init__(self):
        self.done = None
        self.stamp = None
        self.content = None
        self.unread = None
        self.protocol = None

    async def handle_DATA(self, server, session, envelope):
        self.stamp = time.perf_counter()
        self.content = envelope.original_content
        self.unread = len(self.protocol._reader._buffer)  # what follows the end of data
        self.done.set_result(True)
        return "250 OK"


async def once(wire):
    loop = asyncio.get_running_loop()
    handler = Handler()
    handler.done = loop.create_future()
    protocol = SMTP(handler, data_size_limit=None, loop=loop, hostname="bench.example")
    handler.protocol = protocol
    transport = Transport()
    protocol.connection_made(transport)
    await asyncio.sleep(0)  # let it send its greeting
    start = time.perf_counter()
    protocol.data_received(PREFIX + wire)
    await handler.done
    seconds = handler.stamp - start
    for _ in range(10):  # let it answer QUIT, then stop the session
        await asyncio.sleep(0)
    protocol.connection_lost(None)
    await asyncio.sleep(0)
    if b"221" not in transport.written:
        sys.exit("aiosmtpd_driver: QUIT after the data was not answered")
    return seconds, handler.content, len(wire) - handler.unread


def main():
    workload, path, output, reps = sys.argv[1], sys.argv[2], sys.argv[3], max(1, int(sys.argv[4]))
    if workload != "unstuff":
        sys.exit("aiosmtpd_driver: only unstuff")
    with open(path, "rb") as f:
        wire = f.read()
    times = []
    for _ in range(reps):
        seconds, content, end = asyncio.run(once(wire))
        times.append(seconds)
    times.sort()
    with open(output, "wb") as f:
        f.write(content)
    print("RESULT aiosmtpd unstuff %.0f end=%d" % (len(wire) / times[len(times) // 2], end))


if __name__ == "__main__":
    main()
