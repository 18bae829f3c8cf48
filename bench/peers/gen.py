#!/usr/bin/env python3
"""Writes the three bench/peers workloads into DIR, about SIZE MiB each:

  body.txt    the message (the stuffing input): text lines of 40-100 octets, 76-octet
              base64 lines, some text lines starting with "." (bench/bench_dot.cpp's body)
  wire.txt    the unstuffing input: body.txt dot-stuffed, then "." CR LF, then "QUIT" CR LF
              (a pipelined command the decoders must leave unread)
  replies.txt the reply stream (bench/bench_reply.cpp's stream): 16 single-line replies, an
              EHLO reply of 10 lines, a 4-line error, repeated

The stuffing here is the plain RFC 5321 4.5.2 rule, written independently of every contender;
run.sh checks each contender's output against smtpcodes' and smtpcodes' against these files.
Usage: gen.py DIR SIZE_MIB
"""
import os
import random
import sys

WORDS = [b"the", b"message", b"relay", b"queue", b"example", b"delivery", b"of",
         b"a", b"status", b"report", b"and", b"server", b"mail", b"to"]
B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

SINGLES = [
    b"250 2.1.0 Sender <alice@example.com> ok\r\n",
    b"250 2.1.5 Recipient <bob@example.net> ok\r\n",
    b"354 End data with <CR><LF>.<CR><LF>\r\n",
    b"250 2.0.0 Ok: queued as 4Xk2Lq1Zp9z3Wd\r\n",
    b"221 2.0.0 Bye\r\n",
    b"550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown\r\n",
    b"451 4.7.1 Please try again later\r\n",
    b"220 mx1.example.com ESMTP ready\r\n",
]
EHLO = (b"250-mx1.example.com Hello client.example.net [192.0.2.10]\r\n"
        b"250-SIZE 52428800\r\n"
        b"250-8BITMIME\r\n"
        b"250-PIPELINING\r\n"
        b"250-CHUNKING\r\n"
        b"250-DSN\r\n"
        b"250-ENHANCEDSTATUSCODES\r\n"
        b"250-AUTH PLAIN LOGIN XOAUTH2\r\n"
        b"250-SMTPUTF8\r\n"
        b"250 STARTTLS\r\n")
ERROR = (b"550-5.7.1 [198.51.100.7] The sending IP is listed on a reputation list.\r\n"
         b"550-5.7.1 To protect our users, mail from this address is refused. See\r\n"
         b"550-5.7.1 https://postmaster.example.com/blocked for how to request removal\r\n"
         b"550 5.7.1 and for the policy this message violated. q7si1234567abc\r\n")


def body(target):
    rng = random.Random(42)
    lines = []
    size = 0
    while size < target:
        if rng.randrange(10) < 5:  # text
            length = 40 + rng.randrange(61)
            line = b"." if rng.randrange(12) == 0 else b""
            while len(line) < length:
                line += WORDS[rng.randrange(14)] + b" "
            line = line[:length]
        else:  # base64
            line = bytes(rng.choices(B64, k=76))
        lines.append(line + b"\r\n")
        size += len(line) + 2
    return lines


def replies(target):
    block = []
    n = 0
    for i in range(16):
        block.append(SINGLES[(n * 7 + i) % 8])
    block = b"".join(block) + EHLO + ERROR
    # The same block each time, so the stream is a whole number of blocks.
    return block * max(1, target // len(block))


def main():
    out, mib = sys.argv[1], float(sys.argv[2])
    target = int(mib * (1 << 20))
    lines = body(target)
    with open(os.path.join(out, "body.txt"), "wb") as f:
        f.write(b"".join(lines))
    with open(os.path.join(out, "wire.txt"), "wb") as f:
        f.write(b"".join(b"." + l if l.startswith(b".") else l for l in lines))
        f.write(b".\r\nQUIT\r\n")
    with open(os.path.join(out, "replies.txt"), "wb") as f:
        f.write(replies(target))


if __name__ == "__main__":
    main()
