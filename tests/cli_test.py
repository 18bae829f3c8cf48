#!/usr/bin/env python3
"""Tests for the smtpcodes tool: facts in its output, JSON shape, and refusal of bad input.

Usage: cli_test.py PATH_TO_SMTPCODES
"""
import concurrent.futures
import errno
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import unittest

TOOL = None


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def environment(columns=None, locale=None):
    """The tool's environment: COLUMNS removed (so output is 80 wide off a terminal) or set;
    LC_ALL, LC_MESSAGES and LANG removed (so output is English) unless `locale` sets some."""
    env = {k: v for k, v in os.environ.items()
           if k != "COLUMNS" and k not in LOCALE_VARIABLES}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    env.update(locale or {})
    return env


def run(*args, stdin=None, columns=None, locale=None):
    p = subprocess.run([TOOL, *args], capture_output=True, text=True, timeout=30,
                       input=stdin, env=environment(columns, locale))
    return p.returncode, p.stdout, p.stderr


SESSION = ("220-mx.example.com ESMTP\r\n220 ready\r\n"
           "250-mx.example.com\r\n250-PIPELINING\r\n250 STARTTLS\r\n"
           "550-5.7.1 Relaying\r\n550 5.7.1 denied\r\n")


def run_bytes(*args, stdin=b""):
    p = subprocess.run([TOOL, *args], capture_output=True, input=stdin, timeout=30,
                       env=environment())
    return p.returncode, p.stdout, p.stderr.decode()


class Dot(unittest.TestCase):
    def test_encode_stuffs_and_terminates(self):
        rc, out, _ = run_bytes("dot", "encode", stdin=b".hidden\r\nline")
        self.assertEqual(rc, 0)
        self.assertEqual(out, b"..hidden\r\nline\r\n.\r\n")

    def test_decode_stops_at_terminator(self):
        rc, out, err = run_bytes("dot", "decode", stdin=b"..x\r\nb\r\n.\r\nQUIT\r\n")
        self.assertEqual(rc, 0)
        self.assertEqual(out, b".x\r\nb\r\n")
        self.assertIn("end of data at byte 11", err)
        self.assertIn("6 trailing bytes", err)

    def test_round_trip(self):
        body = b"From: a@example.com\r\n\r\n.\r\n..\r\nend"
        _, wire, _ = run_bytes("dot", "encode", stdin=body)
        rc, out, _ = run_bytes("dot", "decode", stdin=wire)
        self.assertEqual(rc, 0)
        self.assertEqual(out, body + b"\r\n")

    def test_bare_lf_policies(self):
        smuggle = b"a\n.\nMAIL FROM:<x@example.com>\r\n.\r\n"
        rc, _, err = run_bytes("dot", "decode", stdin=smuggle)
        self.assertEqual(rc, 1)
        self.assertIn("bare_lf at byte 1", err)
        rc, out, _ = run_bytes("dot", "decode", "--bare-lf", "normalize", stdin=smuggle)
        self.assertEqual(rc, 0)
        self.assertEqual(out, b"a\r\n.\r\nMAIL FROM:<x@example.com>\r\n")
        rc, out, _ = run_bytes("dot", "decode", "--bare-lf", "pass", stdin=smuggle)
        self.assertEqual(rc, 0)
        self.assertEqual(out, b"a\n.\nMAIL FROM:<x@example.com>\r\n")  # LF starts no line
        rc, out, _ = run_bytes("dot", "encode", "--bare-lf", "normalize", stdin=b"a\n.b")
        self.assertEqual(out, b"a\r\n..b\r\n.\r\n")
        rc, _, err = run_bytes("dot", "encode", stdin=b"a\nb")
        self.assertEqual(rc, 1)
        self.assertIn("bare_lf at byte 1", err)

    def test_unterminated(self):
        rc, _, err = run_bytes("dot", "decode", stdin=b"no end\r\n")
        self.assertEqual(rc, 1)
        self.assertIn("unterminated_data", err)

    def test_usage_errors(self):
        for args in (("dot",), ("dot", "frob"), ("dot", "decode", "--bare-lf"),
                     ("dot", "decode", "--bare-lf", "maybe")):
            rc, _, err = run_bytes(*args)
            self.assertEqual(rc, 2, args)
            self.assertEqual(len(err.strip().splitlines()), 1)


CLIENT = (b"EHLO client.example.net\r\n"
          b"MAIL FROM:<a@example.com> SIZE=100 REQUIRETLS\r\n"
          b"RCPT TO:<b@example.org> NOTIFY=FAILURE\r\n"
          b"DATA\r\n"
          b"Subject: x\r\n\r\n..dot\r\n.\r\n"
          b"BDAT 5 LAST\r\nhello"
          b"QUIT\r\n")


class Commands(unittest.TestCase):
    def test_json(self):
        rc, out, err = run_bytes("commands", "--json", stdin=CLIENT)
        self.assertEqual(rc, 0, err)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual([o.get("verb", o.get("kind")) for o in objs],
                         ["EHLO", "MAIL", "RCPT", "DATA", "DATA", "BDAT", "BDAT LAST", "QUIT"])
        mail = objs[1]
        self.assertEqual(mail["path"], "a@example.com")
        self.assertEqual(mail["params"], {"SIZE": "100", "REQUIRETLS": True})
        self.assertEqual(mail["offset"], 25)
        self.assertEqual(objs[2]["params"], {"NOTIFY": "FAILURE"})
        self.assertEqual(objs[4]["data"], 24)
        self.assertEqual(objs[4]["message_octets"], 20)
        self.assertEqual(objs[6]["data"], 5)
        self.assertEqual(objs[7]["offset"], len(CLIENT) - 6)

    def test_text(self):
        rc, out, _ = run_bytes("commands", stdin=CLIENT)
        self.assertEqual(rc, 0)
        text = out.decode()
        self.assertIn("MAIL  <a@example.com>  SIZE=100  REQUIRETLS", text)
        self.assertIn("24 octets on the wire", text)

    def test_errors(self):
        cases = [(b"MAIL FROM:<a@example.com> SIZE=x\r\n", "bad_esmtp_parameter", 31),
                 (b"NOOP\r\nRCPT TO:<a@example.com>junk\r\n", "bad_command_syntax", 29),
                 (b"EHLO a.example\nQUIT\r\n", "bare_lf", 14),
                 (b"DATA\r\nno end\r\n", "unterminated_data", 14),
                 (b"DATA\r\nx\n.\n", "bare_lf", 7),
                 (b"QUIT", "unterminated_line", 4)]
        for stream, name, offset in cases:
            rc, out, _ = run_bytes("commands", "--json", stdin=stream)
            self.assertEqual(rc, 1, stream)
            self.assertEqual(json.loads(out.decode().splitlines()[-1]),
                             {"error": name, "offset": offset}, stream)


AUTH_CLIENT = (b"EHLO client.example.net\r\n"
               b"AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n"
               b"AUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\n"
               b"MAIL FROM:<alice@example.com>\r\nRCPT TO:<b@example.org>\r\nQUIT\r\n")
SECRETS = (b"AGFsaWNlAHNlY3JldA==", b"YWxpY2U=", b"c2VjcmV0")


class Redaction(unittest.TestCase):
    """commands masks AUTH initial responses and SASL responses unless --no-redact."""

    def test_text_masked_by_default(self):
        rc, out, err = run_bytes("commands", stdin=AUTH_CLIENT)
        self.assertEqual((rc, err), (0, ""))
        for secret in SECRETS:
            self.assertNotIn(secret, out)
        self.assertIn(b"AUTH  PLAIN ***  (redacted)", out)
        self.assertEqual(out.count(b"***  (SASL response, redacted)"), 2)
        self.assertIn(b"MAIL  <alice@example.com>", out)  # commands after AUTH stay visible

    def test_json_masked_by_default(self):
        rc, out, err = run_bytes("commands", "--json", stdin=AUTH_CLIENT)
        self.assertEqual((rc, err), (0, ""))
        for secret in SECRETS:
            self.assertNotIn(secret, out)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(objs[1], {"verb": "AUTH", "known": True, "argument": "PLAIN ***",
                                   "redacted": True, "offset": 25})
        self.assertEqual(objs[3], {"kind": "sasl_response", "text": "***", "redacted": True,
                                   "offset": AUTH_CLIENT.index(b"YWxpY2U=")})
        self.assertEqual([o.get("verb", o.get("kind")) for o in objs],
                         ["EHLO", "AUTH", "AUTH", "sasl_response", "sasl_response", "MAIL",
                          "RCPT", "QUIT"])
        self.assertNotIn("redacted", objs[5])

    def test_no_redact_shows_them(self):
        for args in ((), ("--json",)):
            rc, out, err = run_bytes("commands", "--no-redact", *args, stdin=AUTH_CLIENT)
            self.assertEqual((rc, err), (0, ""), args)
            for secret in SECRETS:
                self.assertIn(secret, out, args)
            self.assertNotIn(b"***", out, args)
            self.assertNotIn(b"redacted", out, args)
        rc, out, _ = run_bytes("commands", "--no-redact", "--json", stdin=AUTH_CLIENT)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(objs[1]["argument"], "PLAIN AGFsaWNlAHNlY3JldA==")
        self.assertEqual(objs[3]["verb"], "YWxpY2U=")

    def test_cancel_and_empty_shown(self):
        stream = b"AUTH LOGIN\r\n*\r\nAUTH XOAUTH2 dG9rZW4=\r\n\r\nQUIT\r\n"
        rc, out, _ = run_bytes("commands", "--json", stdin=stream)
        self.assertEqual(rc, 0)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(objs[1], {"kind": "sasl_response", "text": "*", "redacted": False,
                                   "offset": 12})
        self.assertEqual(objs[2]["argument"], "XOAUTH2 ***")
        self.assertEqual(objs[3]["text"], "")
        self.assertFalse(objs[3]["redacted"])
        # Client side only: QUIT right after the exchange is base64-shaped, so it is masked.
        self.assertEqual(objs[4], {"kind": "sasl_response", "text": "***", "redacted": True,
                                   "offset": len(stream) - 6})

    def test_help_mentions_the_flag(self):
        self.assertIn("--no-redact", run("commands", "--help")[1])
        self.assertIn("--no-redact", run("--help")[1])
        rc, _, err = run_bytes("commands", "--no-redact", "--no-redact", stdin=AUTH_CLIENT)
        self.assertEqual(rc, 2)
        self.assertIn("--no-redact is given twice", err)


class Session(unittest.TestCase):
    """smtpcodes session: the two streams of one connection matched command by reply."""

    def session(self, client, server, *flags):
        with tempfile.TemporaryDirectory() as d:
            c = os.path.join(d, "c2s")
            srv = os.path.join(d, "s2c")
            with open(c, "wb") as f:
                f.write(client)
            with open(srv, "wb") as f:
                f.write(server)
            return run_bytes("session", "--client", c, "--server", srv, *flags)

    CLIENT = (b"EHLO c.example\r\nMAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.net>\r\n"
              b"RCPT TO:<x@example.net>\r\nDATA\r\nSubject: x\r\n\r\nhi\r\n.\r\nQUIT\r\n")
    SERVER = (b"220 mx ESMTP\r\n250-mx\r\n250 PIPELINING\r\n250 2.1.0 ok\r\n250 2.1.5 ok\r\n"
              b"550 5.1.1 no\r\n354 go\r\n250 2.0.0 queued\r\n221 bye\r\n")

    def test_json_fields(self):
        rc, out, err = self.session(self.CLIENT, self.SERVER, "--json")
        self.assertEqual(rc, 0, err)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual([o["command"] for o in objs],
                         ["CONNECT", "EHLO", "MAIL", "RCPT", "RCPT", "DATA", "QUIT"])
        self.assertEqual([o["reply"] for o in objs], [220, 250, 250, 250, 550, 354, 221])
        self.assertEqual(objs[2]["offset"], self.CLIENT.index(b"MAIL"))
        self.assertEqual(objs[4]["reply_offset"], self.SERVER.index(b"550"))
        self.assertEqual(objs[5]["data_reply"], 250)
        self.assertTrue(all(o["violation"] is None for o in objs))
        for o in objs:
            self.assertEqual(set(o) - {"argument", "data_reply"},
                             {"command", "offset", "reply", "reply_offset", "violation"})

    def test_text_names_outcomes(self):
        rc, out, _ = self.session(self.CLIENT, self.SERVER)
        text = out.decode()
        self.assertEqual(rc, 0)
        self.assertIn("RCPT <x@example.net>  -> 550 5.1.1 no", text)
        self.assertIn("(recipient refused)", text)
        self.assertIn("content 21 octets -> 250  (accepted)", text)
        self.assertIn("0 violations", text)

    def test_lmtp_reply_per_recipient(self):
        client = (b"LHLO c\r\nMAIL FROM:<a@x.org>\r\nRCPT TO:<b@x.org>\r\nRCPT TO:<c@x.org>\r\n"
                  b"RCPT TO:<d@x.org>\r\nDATA\r\nhi\r\n.\r\nQUIT\r\n")
        server = (b"220 lmtp\r\n250 lmtp\r\n250 ok\r\n250 ok\r\n550 no\r\n250 ok\r\n354 go\r\n"
                  b"250 b ok\r\n452 4.2.2 d full\r\n221 bye\r\n")
        rc, out, err = self.session(client, server, "--lmtp", "--json")
        self.assertEqual(rc, 0, err)
        data = [json.loads(line) for line in out.decode().splitlines()][6]
        self.assertEqual(data["command"], "DATA")
        self.assertEqual(data["data_reply"], [250, 452])

    def test_violations(self):
        # 354 answering MAIL: a code MAIL can never get.
        rc, out, _ = self.session(b"EHLO c\r\nMAIL FROM:<a@x.org>\r\nQUIT\r\n",
                                  b"220 mx\r\n250 mx\r\n354 what\r\n221 bye\r\n", "--json")
        self.assertEqual(rc, 1)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(objs[2]["violation"], "unexpected_reply_code")
        # A reply injected behind STARTTLS's 220, and a command pipelined behind STARTTLS.
        rc, out, _ = self.session(b"EHLO c\r\nSTARTTLS\r\nMAIL FROM:<a@x.org>\r\n",
                                  b"220 mx\r\n250-mx\r\n250 STARTTLS\r\n220 go\r\n250 fake\r\n",
                                  "--json")
        self.assertEqual(rc, 1)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(objs[2]["violation"], "pipelined_after_starttls")
        # The server stream ends early; a reply nobody asked for.
        rc, out, _ = self.session(b"EHLO c\r\nQUIT\r\n", b"220 mx\r\n250 mx\r\n", "--json")
        self.assertEqual(json.loads(out.decode().splitlines()[-1])["violation"], "no_reply")
        rc, out, _ = self.session(b"QUIT\r\n", b"220 mx\r\n221 bye\r\n250 extra\r\n", "--json")
        self.assertEqual(rc, 1)
        self.assertEqual(json.loads(out.decode().splitlines()[-1])["violation"],
                         "unsolicited_reply")

    def test_sasl_responses_never_shown(self):
        client = b"EHLO c\r\nAUTH LOGIN\r\nYWxpY2U=\r\nc2VjcmV0\r\nQUIT\r\n"
        server = (b"220 mx\r\n250-mx\r\n250 AUTH LOGIN\r\n334 VXNlcm5hbWU6\r\n"
                  b"334 UGFzc3dvcmQ6\r\n235 ok\r\n221 bye\r\n")
        for flags in ((), ("--json",)):
            rc, out, _ = self.session(client, server, *flags)
            self.assertEqual(rc, 0)
            self.assertNotIn(b"YWxpY2U=", out)
            self.assertNotIn(b"c2VjcmV0", out)

    def test_usage(self):
        rc, _, err = run_bytes("session", "--client", "/nonexistent")
        self.assertEqual(rc, 2)
        self.assertIn("--server", err)


class Replies(unittest.TestCase):
    def test_json_per_reply(self):
        rc, out, err = run("replies", "--json", stdin=SESSION)
        self.assertEqual(rc, 0, err)
        objs = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([o["code"] for o in objs], [220, 250, 550])
        self.assertEqual(objs[0]["enhanced"], None)
        self.assertEqual(objs[2]["enhanced"], "5.7.1")
        self.assertEqual(objs[1]["lines"], ["mx.example.com", "PIPELINING", "STARTTLS"])
        self.assertEqual(objs[0]["start"], 0)
        self.assertEqual(objs[0]["final"], 37)
        self.assertEqual(objs[1]["start"], 37)
        self.assertEqual(objs[2]["final"], len(SESSION))

    def test_text(self):
        rc, out, _ = run("replies", stdin=SESSION)
        self.assertEqual(rc, 0)
        for fact in ("220", "Service Ready", "550 5.7.1", "Delivery not authorized",
                     "| STARTTLS", "3 lines"):
            self.assertIn(fact, out)

    def test_file_argument(self):
        import tempfile, os
        with tempfile.NamedTemporaryFile("w", delete=False, newline="") as f:
            f.write(SESSION)
        try:
            rc, out, _ = run("replies", f.name, "--json")
            self.assertEqual(rc, 0)
            self.assertEqual(len(out.splitlines()), 3)
        finally:
            os.unlink(f.name)

    def test_protocol_errors(self):
        cases = [("250 OK\r\n250 O\nK\r\n", "bare_lf", 13),
                 ("220-a\r\n521 b\r\n", "inconsistent_reply_code", 7),
                 ("25O x\r\n", "bad_reply_code", 0),
                 ("250 OK\r\n221 By", "unterminated_line", 14)]
        for stream, name, offset in cases:
            rc, out, _ = run("replies", "--json", stdin=stream)
            self.assertEqual(rc, 1, stream)
            last = json.loads(out.splitlines()[-1])
            self.assertEqual(last, {"error": name, "offset": offset})
        rc, out, err = run("replies", stdin="250 OK\r\n250 O\nK\r\n")
        self.assertEqual(rc, 1)
        self.assertIn("#1", out)
        self.assertEqual(err, "smtpcodes: replies: bare_lf at byte 13 (LF without a preceding CR "
                              "(RFC 5321 2.3.8))\n")

    def test_missing_file(self):
        rc, out, err = run("replies", "/nonexistent/file")
        self.assertEqual(rc, 2)
        self.assertIn("cannot read", err)


def run_many(jobs):
    """Runs (args, stdin) jobs four at a time (they mostly wait on process start).

    Returns [(rc, stdout bytes)] in order."""
    def one(job):
        args, stdin = job
        p = subprocess.run([TOOL, *args], capture_output=True, input=stdin, timeout=30)
        return p.returncode, p.stdout
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, jobs))


def json_lines(test, out, context):
    """Every line of `out` is strict UTF-8 and one JSON value; returns the values."""
    try:
        text = out.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        test.fail(f"{context}: output is not UTF-8: {e}: {out!r}")
    values = []
    for line in text.splitlines():
        try:
            values.append(json.loads(line))
        except ValueError as e:
            test.fail(f"{context}: not JSON: {e}: {line!r}")
    return values


def assert_terminal_safe(test, out, context):
    """Text output: strict UTF-8 with no control character but LF (C0, DEL, C1)."""
    try:
        text = out.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        test.fail(f"{context}: text output is not UTF-8: {e}: {out!r}")
    bad = [ch for ch in text if ch != "\n" and (ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F)]
    test.assertEqual(bad, [], f"{context}: {out!r}")


def octet_streams(o):
    """(args, stream) pairs that put octet `o` in each place input text reaches the output."""
    b = bytes([o])
    return [
        (("replies", "--json", "--accept-8bit"), b"250-a" + b + b"z\r\n250 ok\r\n"),
        (("replies", "--json"), b"250 a" + b + b"z\r\n"),
        (("commands", "--json"), b"NOOP a" + b + b"z\r\n"),
        (("commands", "--json"), b"X" + b + b"Y hi\r\n"),
        (("commands", "--json"), b"MAIL FROM:<a" + b + b"@example.com> SMTPUTF8\r\n"),
        (("commands", "--json"), b"MAIL FROM:<a@example.com> SMTPUTF8 X-P=v" + b + b"\r\n"),
        (("commands", "--json"), b"MAIL FROM:<a@example.com> X-" + b + b"=1\r\n"),
        (("replies", "--accept-8bit"), b"250 a" + b + b"z\r\n"),
        (("commands",), b"X" + b + b"Y h" + b + b"i\r\n"),
    ]


class Utf8Output(unittest.TestCase):
    """Issue 10b: every JSON the tool prints is UTF-8 (RFC 8259 §8.1), whatever the input."""

    def test_every_octet_everywhere(self):
        jobs = [(args, stream) for o in range(256) for args, stream in octet_streams(o)]
        for (args, stream), (rc, out) in zip(jobs, run_many(jobs)):
            context = f"{' '.join(args)} <<< {stream!r} (exit {rc})"
            self.assertIn(rc, (0, 1), context)
            if "--json" in args:
                self.assertTrue(json_lines(self, out, context), context)
            else:
                assert_terminal_safe(self, out, context)

    def replies_json(self, text):
        rc, out, _ = run_bytes("replies", "--json", "--accept-8bit",
                               stdin=b"250 " + text + b"\r\n")
        self.assertEqual(rc, 0, text)
        return json_lines(self, out, text)[0]["lines"][0]

    def test_round_trip(self):
        cases = [(b"caf\xc3\xa9", "caf\u00e9"),
                 (b"\xe2\x82\xac 5", "\u20ac 5"),
                 (b"\xf0\x9f\x98\x80!", "\U0001F600!"),
                 (b"a\xc0\x80b", "a\ufffd\ufffdb"),             # overlong NUL
                 (b"a\xed\xa0\x80b", "a\ufffd\ufffd\ufffdb"),    # surrogate U+D800
                 (b"a\xf4\x90\x80\x80b", "a\ufffd\ufffd\ufffd\ufffdb"),  # U+110000
                 (b"a\xe2\x82b", "a\ufffdb"),                   # truncated U+20AC
                 (b"a\xe2\x82", "a\ufffd"),                     # truncated at the end
                 (b"\xff\xfe\xc3", "\ufffd\ufffd\ufffd"),
                 (b"q\"b\\s", "q\"b\\s"),
                 (b"t\tt", "t\tt")]
        for raw, expected in cases:
            self.assertEqual(self.replies_json(raw), expected, raw)
            # One U+FFFD per maximal ill-formed subpart, as Python's decoder does.
            self.assertEqual(expected, raw.decode("utf-8", errors="replace"))

    def test_sequences_against_python_decoder(self):
        # Every 2-octet string of non-ASCII octets, and 3- and 4-octet strings around each
        # boundary of RFC 3629's table, each in a reply line of one long stream; the text must
        # come back as Python's strict decoder plus U+FFFD per maximal ill-formed subpart.
        high = range(0x80, 0x100)
        edges = [0x41, 0x7E, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xFF]
        seqs = [bytes([a, b]) for a in high for b in high]
        seqs += [bytes([a, b, c]) for a in range(0xC0, 0x100) for b in edges for c in edges]
        seqs += [bytes([a, b, 0x80, c]) for a in range(0xF0, 0xF8) for b in edges for c in edges]
        stream = b"".join(b"250 a" + seq + b"z\r\n" for seq in seqs)
        rc, out, err = run_bytes("replies", "--json", "--accept-8bit", stdin=stream)
        self.assertEqual(rc, 0, err)
        objs = json_lines(self, out, "sequences")
        self.assertEqual(len(objs), len(seqs))
        for seq, obj in zip(seqs, objs):
            self.assertEqual(obj["lines"], ["a" + seq.decode("utf-8", errors="replace") + "z"],
                             seq)

    def test_escapes_are_ascii_and_controls_are_u00xx(self):
        rc, out, _ = run_bytes("replies", "--json", "--accept-8bit",
                               stdin=b"250 a\tb\xc2\x85c\"\\\r\n")
        self.assertEqual(rc, 0)
        self.assertIn(b'"a\\tb\\u0085c\\"\\\\"', out)

    def test_issue_10b_unknown_verb(self):
        # Whether or not the parser accepts the line, the output is UTF-8 JSON.
        rc, out, _ = run_bytes("commands", "--json", stdin=b"X\xff\xfe hi\r\n")
        self.assertIn(rc, (0, 1))
        obj = json_lines(self, out, "X\\xff\\xfe")[-1]
        if rc == 0:
            self.assertEqual(obj["verb"], "X\ufffd\ufffd")
            self.assertEqual(obj["argument"], "hi")

    def test_text_escapes_controls_and_bad_octets(self):
        rc, out, _ = run_bytes("replies", "--accept-8bit", stdin=b"250 a\tb\xffc\xc3\xa9\r\n")
        self.assertEqual(rc, 0)
        self.assertIn("| a\\x09b\\xFFc\u00e9\n", out.decode("utf-8"))
        rc, out, err = run_bytes("explain", "\x1b[2J")
        self.assertEqual(rc, 2)
        self.assertIn("'\\x1B[2J'", err)
        self.assertNotIn("\x1b", err)


def random_stream(rng):
    """A short stream of SMTP-like lines (replies, commands or message data) and random octets."""
    starts = [b"250 ", b"250-", b"220 ", b"550 5.7.1 ", b"354 ", b"EHLO ", b"MAIL FROM:<",
              b"RCPT TO:<", b"DATA\r\n", b"BDAT 3", b"NOOP ", b"X", b".", b""]
    pieces = [b"a@example.com", b">", b" SIZE=", b" SMTPUTF8", b" X-P=", b" LAST", b"9" * 25,
              b"\xc3\xa9", b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\xed\xa0\x80", b"\xc0\x80",
              b"\xe2\x82", b"\xff", b"\x00", b"\x1b", b"\x7f", b"\t", b" ", b".", b"ok",
              b"\r", b"\n", b"\r\n.\r\n"]
    out = bytearray()
    for _ in range(rng.randrange(0, 6)):
        out += rng.choice(starts)
        for _ in range(rng.randrange(0, 6)):
            if rng.random() < 0.7:
                out += rng.choice(pieces)
            else:
                out += bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4)))
        if rng.random() < 0.9:
            out += b"\r\n"
    return bytes(out)


class NeverCrash(unittest.TestCase):
    def test_random_streams(self):
        rng = random.Random(1010)
        streams = [random_stream(rng) for _ in range(2000)]
        jobs = []
        for i, stream in enumerate(streams):
            json_flag = ("--json",) if i % 2 == 0 else ()
            lenient = ("--accept-8bit",) if i % 3 == 0 else ()
            jobs.append((("replies", *json_flag, *lenient), stream))
            jobs.append((("commands", *json_flag), stream))
            jobs.append((("dot", "decode") + (("--bare-lf", "pass") if i % 3 == 1 else ()),
                         stream))
        for (args, stream), (rc, out) in zip(jobs, run_many(jobs)):
            context = f"{' '.join(args)} <<< {stream!r} (exit {rc})"
            self.assertIn(rc, (0, 1, 2), context)
            if "--json" in args:
                json_lines(self, out, context)
            elif args[0] != "dot":
                assert_terminal_safe(self, out, context)


class Compare(unittest.TestCase):
    def test_235_354_text(self):
        rc, out, err = run("compare", "235", "354")
        self.assertEqual(rc, 0, err)
        for fact in ("Authentication Succeeded", "Start Mail Input", "Positive Completion",
                     "Positive Intermediate", "RFC 4954", "RFC 5321", "AUTH", "DATA",
                     "<CRLF>.<CRLF>", "Same class: no", "Next step", "235: continue",
                     "354: send more", "logged in"):
            self.assertIn(fact, out)

    def test_235_354_json(self):
        rc, out, err = run("compare", "235", "354", "--json")
        self.assertEqual(rc, 0, err)
        data = json.loads(out)
        self.assertEqual(data["first"]["code"], 235)
        self.assertEqual(data["second"]["code"], 354)
        self.assertEqual(data["first"]["class"], 2)
        self.assertEqual(data["second"]["class"], 3)
        self.assertEqual(data["first"]["name"], "Authentication Succeeded")
        self.assertFalse(data["same_class"])
        for key in ("description", "when", "fix", "rfcs", "class_name"):
            self.assertTrue(data["first"][key])
            self.assertTrue(data["second"][key])
        aspects = {d["aspect"]: d for d in data["differences"]}
        self.assertEqual(aspects["class"]["first"], "Positive Completion")
        self.assertEqual(aspects["class"]["second"], "Positive Intermediate")
        self.assertIn("235", data["relation"])
        self.assertIn("354", data["relation"])
        self.assertFalse(data["same_code"])
        self.assertEqual(data["kind"], {"first": "reply", "second": "reply"})
        self.assertEqual(data["next_step"]["first"]["step"], "continue")
        self.assertEqual(data["next_step"]["second"]["step"], "send more")

    def test_same_class(self):
        rc, out, _ = run("compare", "550", "553", "--json")
        self.assertEqual(rc, 0)
        data = json.loads(out)
        self.assertTrue(data["same_class"])
        self.assertNotIn("class", [d["aspect"] for d in data["differences"]])

    def test_same_code(self):
        rc, out, err = run("compare", "250", "250")
        self.assertEqual(rc, 0, err)
        self.assertIn("same code", out)
        self.assertIn("Same code: yes", out)
        self.assertNotIn("How they differ", out)
        rc, out, err = run("compare", "250", "250", "--json")
        self.assertEqual(rc, 0, err)
        data = json.loads(out)
        self.assertTrue(data["same_code"])
        self.assertEqual(data["differences"], [])

    def test_enhanced_pair(self):
        rc, out, err = run("compare", "5.1.1", "5.7.1", "--json")
        self.assertEqual(rc, 0, err)
        data = json.loads(out)
        self.assertEqual(data["kind"], {"first": "enhanced", "second": "enhanced"})
        self.assertEqual(data["first"]["code"], "5.1.1")
        self.assertEqual(data["second"]["code"], "5.7.1")
        self.assertTrue(data["same_class"])
        self.assertFalse(data["same_category"])
        aspects = {d["aspect"]: d for d in data["differences"]}
        self.assertEqual(aspects["subject"]["first"], "Addressing Status")
        rc, out, err = run("compare", "5.1.1", "5.7.1")
        self.assertEqual(rc, 0, err)
        self.assertIn("Bad destination mailbox address", out)

    def test_mixed_kinds(self):
        for args in (("550", "5.7.1"), ("5.7.1", "550")):
            rc, out, err = run("compare", *args, "--json")
            self.assertEqual(rc, 0, err)
            data = json.loads(out)
            self.assertEqual(sorted(data["kind"].values()), ["enhanced", "reply"])
            self.assertIn("registry lists 5.7.1 with 550", data["relation"])
        rc, out, err = run("compare", "250", "5.1.1")
        self.assertEqual(rc, 0, err)
        self.assertIn("disagree", out)

    def test_next_step_from_the_code(self):
        # Issue 11 item 4: 500/501/503 mean fix the command and 530 authenticate, not bounce.
        for code in ("500", "501", "503"):
            rc, out, err = run("compare", code, "550", "--json")
            self.assertEqual(rc, 0, err)
            data = json.loads(out)
            self.assertEqual(data["next_step"]["first"]["step"], "fix the command")
            self.assertNotIn("bounce", data["next_step"]["first"]["text"])
        rc, out, err = run("compare", "530", "535")
        self.assertEqual(rc, 0, err)
        self.assertIn("530: authenticate", out)
        self.assertIn("before any AUTH", out)


class Explain(unittest.TestCase):
    def test_enhanced_5_7_1_text(self):
        rc, out, err = run("explain", "5.7.1")
        self.assertEqual(rc, 0, err)
        for fact in ("5.7.1", "Delivery not authorized, message refused", "Permanent Failure",
                     "Security or Policy Status", "550", "RFC 3463"):
            self.assertIn(fact, out)

    def test_enhanced_5_7_1_json(self):
        rc, out, err = run("explain", "5.7.1", "--json")
        self.assertEqual(rc, 0, err)
        data = json.loads(out)
        self.assertEqual(data["kind"], "enhanced_status")
        self.assertEqual(data["code"], "5.7.1")
        self.assertEqual((data["class"], data["subject"], data["detail"]), (5, 7, 1))
        self.assertEqual(data["class_name"], "Permanent Failure")
        self.assertEqual(data["subject_name"], "Security or Policy Status")
        self.assertTrue(data["registered"])
        self.assertEqual(data["name"], "Delivery not authorized, message refused")
        self.assertIn("550", data["basic_codes"])
        self.assertTrue(data["rfcs"].startswith("RFC 3463"))
        for key in ("description", "when", "fix"):
            self.assertTrue(data[key])

    def test_unregistered_enhanced(self):
        rc, out, _ = run("explain", "4.7.999", "--json")
        self.assertEqual(rc, 0)
        data = json.loads(out)
        self.assertFalse(data["registered"])
        self.assertEqual(data["name"], "Security or Policy Status")

    def test_basic_550_json(self):
        rc, out, err = run("explain", "550", "--json")
        self.assertEqual(rc, 0, err)
        data = json.loads(out)
        self.assertEqual(data["kind"], "reply_code")
        self.assertEqual(data["code"], 550)
        self.assertEqual(data["class"], 5)
        self.assertEqual(data["category"], 5)
        self.assertEqual(data["category_name"], "mail system")
        self.assertEqual(data["status"], "current")
        self.assertTrue(data["rfcs"].startswith("RFC 5321"))

    def test_usages_shown(self):
        rc, out, _ = run("explain", "454")
        self.assertEqual(rc, 0)
        self.assertIn("STARTTLS", out)
        self.assertIn("AUTH", out)

    def test_unregistered_basic(self):
        rc, out, _ = run("explain", "259", "--json")
        self.assertEqual(rc, 0)
        data = json.loads(out)
        self.assertFalse(data["registered"])
        self.assertEqual(data["status"], "unregistered")
        self.assertEqual(data["name"], "Unregistered Success (mail system)")



GMAIL_REPLY = ["550-5.1.1 The email account that you tried to reach does not exist.",
               "550-5.1.1 Please try double-checking the recipient's email address.",
               "550 5.1.1 https://support.google.com/mail/?p=NoSuchUser x1si"]


class ExplainText(unittest.TestCase):
    """Issue 11: explain finds the reply in whatever is pasted (find_reply)."""

    # (text, code, enhanced, command, a part of the server's text)
    FORMS = [
        ("550 5.1.1", 550, "5.1.1", None, ""),
        ("550-5.1.1", 550, "5.1.1", None, ""),
        ("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", 550, "5.1.1", None,
         "RESOLVER.ADR.RecipNotFound; not found"),
        ("#5.1.1", None, "5.1.1", None, ""),
        ("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown", 550, "5.1.1",
         None, "Recipient address rejected"),
        ("421 mx.example.com Service not available", 421, None, None, "Service not available"),
        ("Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>... User unknown", 550, "5.1.1", None,
         "User unknown"),
        ("Action: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 User unknown", 550, "5.1.1",
         None, "User unknown"),
        ("host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: Recipient address "
         "rejected: User unknown in virtual mailbox table (in reply to RCPT TO command)", 550,
         "5.1.1", "RCPT", "User unknown in virtual mailbox table"),
        ("SMTP error from remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 User "
         "unknown", 550, "5.1.1", "RCPT", "User unknown"),
        ("SMTP error from remote mail server after end of data: 554 5.7.1 Message rejected as "
         "spam", 554, "5.7.1", "DATA", "rejected as spam"),
        ("sm-mta[123]: x: to=<bob@example.com>, delay=00:00:01, mailer=esmtp, "
         "relay=mx.example.com. [192.0.2.1], dsn=5.1.1, stat=User unknown", None, "5.1.1", None,
         "User unknown"),
        ("Remote Server returned '550 5.7.606 Access denied, banned sending IP [198.51.100.1]'",
         550, "5.7.606", None, "banned sending IP [198.51.100.1]"),
        ("The response from the remote server was:\n550 5.1.1 <bob@example.com>: Recipient "
         "address rejected", 550, "5.1.1", None, "Recipient address rejected"),
        ("The response was:\n\n" + GMAIL_REPLY[0], 550, "5.1.1", None,
         "tried to reach does not exist."),
        ("host mx.example.com[192.0.2.1] refused to talk to me: 554 5.7.1 Service unavailable; "
         "Client host [198.51.100.1] blocked", 554, "5.7.1", "CONNECT", "Client host"),
        ("451 4.7.1 Greylisted, try again later", 451, "4.7.1", None, "Greylisted"),
    ]

    def explain_json(self, *args, stdin=None):
        rc, out, err = run("explain", *args, "--json", stdin=stdin)
        self.assertEqual((rc, err), (0, ""), args)
        return json.loads(out)

    def test_forms(self):
        self.assertGreaterEqual(len(self.FORMS), 15)
        for text, code, enhanced, command, server in self.FORMS:
            data = self.explain_json(text)
            self.assertEqual(data["kind"], "reply", text)
            self.assertEqual((data["code"], data["enhanced"], data["command"]),
                             (code, enhanced, command), text)
            self.assertIn(server, data["text"], text)
            self.assertIn(data["match"], text)

    def test_json_shape(self):
        data = self.explain_json("host mx.example.com[192.0.2.1] said: 550 5.1.1 User unknown "
                                 "(in reply to RCPT TO command)")
        self.assertEqual(list(data), ["kind", "code", "enhanced", "mismatched_enhanced",
                                      "command", "text", "match", "marker", "lines", "offset",
                                      "reply_code", "enhanced_status", "reason",
                                      "hard_bounce", "provider", "retry", "fix",
                                      "provider_code", "common"])
        # Issue 12: the bounce reason of the reply.
        self.assertEqual((data["reason"], data["hard_bounce"], data["provider"], data["retry"]),
                         ("userunknown", True, None, "never"))
        self.assertIsNone(data["provider_code"])
        self.assertTrue(data["fix"])
        self.assertEqual((data["text"], data["marker"], data["lines"]),
                         ("User unknown", "said:", 1))
        self.assertIsNone(data["mismatched_enhanced"])
        # The explanations are explain's own objects for each code.
        self.assertEqual(data["reply_code"], self.explain_json("550"))
        self.assertEqual(data["enhanced_status"], self.explain_json("5.1.1"))
        self.assertEqual(list(data["common"]),
                         ["title", "who", "check_first", "retry", "retry_when", "rfc"])
        self.assertEqual((data["common"]["who"], data["common"]["retry"]),
                         ("the sender", "never"))

    def test_nulls(self):
        data = self.explain_json("#5.1.1")
        self.assertIsNone(data["code"])
        self.assertIsNone(data["reply_code"])
        self.assertIsNone(data["command"])
        self.assertEqual(data["marker"], "#")
        self.assertEqual(data["enhanced_status"]["code"], "5.1.1")
        data = self.explain_json("421 mx.example.com Service not available")
        for key in ("enhanced", "mismatched_enhanced", "command", "marker", "enhanced_status",
                    "common"):
            self.assertIsNone(data[key], key)
        self.assertEqual(data["reply_code"]["code"], 421)
        data = self.explain_json("550 4.1.1 classes disagree")  # the basic code decides
        self.assertEqual((data["code"], data["enhanced"], data["mismatched_enhanced"]),
                         (550, None, "4.1.1"))
        self.assertIsNone(data["enhanced_status"])

    def test_stdin_and_multi_line_paste(self):
        for ending in ("\n", "\r\n"):
            paste = ending.join(GMAIL_REPLY) + ending
            for args in ((), ("-",)):
                data = self.explain_json(*args, stdin=paste)
                self.assertEqual((data["code"], data["enhanced"], data["lines"]),
                                 (550, "5.1.1", 3), (ending, args))
                self.assertEqual(data["text"], GMAIL_REPLY[0][10:])
                self.assertEqual(data["match"], ending.join(GMAIL_REPLY))
            rc, out, _ = run("explain", "-", stdin=paste)
            self.assertEqual(rc, 0)
            for line in GMAIL_REPLY:  # every line of the reply, as pasted
                self.assertIn("    | " + line + "\n", out)
        bounce = ("This is the mail system at host mail.example.org.\n\n"
                  "<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1\n"
                  "    <bob@example.com>: Recipient address rejected: User unknown\n"
                  "    (in reply to RCPT TO command)\n")
        data = self.explain_json(stdin=bounce)
        self.assertEqual((data["code"], data["enhanced"], data["command"], data["text"]),
                         (550, "5.1.1", "RCPT",
                          "<bob@example.com>: Recipient address rejected: User unknown"))

    def test_text_output(self):
        rc, out, err = run("explain", "host mx.example.com[192.0.2.1] said: 550 5.1.1 User "
                           "unknown (in reply to RCPT TO command)", columns=1000)
        self.assertEqual((rc, err), (0, ""))
        lines = out.splitlines()
        self.assertEqual(lines[0], "550 5.1.1  Mailbox Unavailable (answering RCPT)")
        order = ["  enhanced    5.1.1 Bad destination mailbox address", "  answers     RCPT",
                 "  server said User unknown", "What it means", "What to do", "  who acts    ",
                 "  check first ", "  retry       never: "]
        at = [next(i for i, line in enumerate(lines) if line.startswith(o)) for o in order]
        self.assertEqual(at, sorted(at))
        fixes = [json.loads(run("explain", c, "--json")[1])["fix"] for c in ("550", "5.1.1")]
        self.assertIn("  550: " + fixes[0], lines)
        self.assertIn("  5.1.1: " + fixes[1], lines)
        _, out, _ = run("explain", "421 mx.example.com Service not available")
        self.assertIn("(the text does not say which command)", out)
        self.assertNotIn("who acts", out)

    def test_text_output_wraps(self):
        for text in ("550 5.1.1 User unknown", "#5.1.1", "550 4.1.1 x"):
            for columns in (40, 80):
                rc, out, _ = run("explain", text, columns=columns)
                self.assertEqual(rc, 0)
                for line in out.splitlines():
                    self.assertLessEqual(len(line), columns, (text, line))
                    self.assertFalse(line.endswith(" "), (text, line))
        rc, out, _ = run("explain", stdin="\n".join(GMAIL_REPLY), columns=40)
        # The pasted lines are data, and a URL longer than the width cannot be broken.
        self.assertTrue(all(len(line) <= 40 for line in out.splitlines()
                            if not line.startswith("    | ")
                            and not line.strip().split(" ")[-1].startswith("https://")))

    def test_no_code(self):
        for text in ("hello world", "delivery failed at 10:31:02 from 192.0.2.1:25",
                     "The message could not be delivered."):
            rc, out, err = run("explain", text)
            self.assertEqual((rc, out), (2, ""), text)
            self.assertEqual(len(err.splitlines()), 1, err)
            self.assertTrue(err.startswith("smtpcodes: no SMTP reply code in '"), err)
            for looked_for in ("2xx-5xx", "enhanced code", '"said:"'):
                self.assertIn(looked_for, err)
        rc, _, err = run("explain", "x" * 200)
        self.assertEqual(rc, 2)
        self.assertIn("'" + "x" * 60 + "'...", err)
        rc, _, err = run("explain", "-", stdin="no code\nhere\n")
        self.assertEqual(rc, 2)
        self.assertIn("'no code\\x0Ahere'", err)
        for args in ((), ("-",)):
            rc, out, err = run("explain", *args, stdin=" \n")
            self.assertEqual((rc, out), (2, ""))
            self.assertIn("needs a code", err)
            self.assertIn("standard input was empty", err)
        rc, _, err = run("explain", "550", "5.1.1")
        self.assertEqual(rc, 2)
        self.assertIn("quote it", err)

    def test_bare_codes_keep_their_output(self):
        self.assertEqual(self.explain_json("550")["kind"], "reply_code")
        self.assertEqual(self.explain_json("5.7.1")["kind"], "enhanced_status")
        for code in ("550", "5.7.1", "4.7.999"):
            self.assertEqual(run("explain", code, stdin="")[1],
                             run("explain", "-", stdin=" " + code + "\r\n")[1])
            self.assertEqual(run("explain", code)[1], run("explain", code + "\n")[1])
        self.assertTrue(run("explain", "550")[1].startswith("550  Mailbox Unavailable\n"
                                                            "  class      5yz "))
        rc, _, err = run("explain", "999")
        self.assertEqual(rc, 2)
        self.assertIn("'999' is not a valid SMTP reply code", err)
        rc, _, err = run("explain", "5.01.1")
        self.assertIn("'5.01.1' is not an enhanced status code", err)

class List(unittest.TestCase):
    def test_all_json(self):
        rc, out, _ = run("list", "--json")
        self.assertEqual(rc, 0)
        data = json.loads(out)
        codes = [d["code"] for d in data]
        self.assertEqual(codes, sorted(codes))
        for code in (211, 220, 235, 250, 334, 354, 421, 454, 521, 530, 550, 556):
            self.assertIn(code, codes)

    def test_class_filter(self):
        rc, out, _ = run("list", "--class", "4")
        self.assertEqual(rc, 0)
        lines = out.strip().splitlines()
        self.assertTrue(lines)
        self.assertTrue(all(line.startswith("4") for line in lines))
        self.assertTrue(any(line.startswith("421 ") for line in lines))

    def test_enhanced(self):
        rc, out, _ = run("list", "--enhanced")
        self.assertEqual(rc, 0)
        lines = [line for line in out.splitlines() if line.startswith("X.")]  # labels wrap
        self.assertEqual(len(lines), 81)
        self.assertTrue(lines[0].startswith("X.0.0"))
        rc, out, _ = run("list", "--enhanced", "--class", "5", "--json")
        self.assertEqual(rc, 0)
        data = json.loads(out)
        self.assertEqual(len(data), 81)
        self.assertTrue(all(d["code"].startswith("5.") for d in data))


class BadInput(unittest.TestCase):
    def assert_refused(self, *args, mention=None):
        rc, out, err = run(*args)
        self.assertEqual(rc, 2, (args, out, err))
        self.assertEqual(out, "")
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        self.assertTrue(err.startswith("smtpcodes: "))
        if mention:
            self.assertIn(mention, err)

    def test_refusals(self):
        self.assert_refused("explain", "999", mention="'999'")
        self.assert_refused("explain", "abc", mention="'abc'")
        self.assert_refused("explain", "199")
        self.assert_refused("explain", "600")
        self.assert_refused("explain", "2x5")
        self.assert_refused("explain", "5.01.1")
        self.assert_refused("explain", "3.0.0")
        self.assert_refused("explain", mention="needs a code")
        self.assert_refused("explain", "250", "251")
        self.assert_refused("compare", "250", mention="two codes")
        self.assert_refused("compare", "250", "999")
        self.assert_refused("compare", "250", "5.01.1", mention="enhanced status code")
        self.assert_refused("compare", "3.0.0", "250")
        self.assert_refused("compare")
        self.assert_refused("list", "--class", "7")
        self.assert_refused("list", "--class")
        self.assert_refused("list", "--enhanced", "--class", "3")
        self.assert_refused("frobnicate", mention="unknown command")
        self.assert_refused()

    def test_help(self):
        rc, out, _ = run("--help")
        self.assertEqual(rc, 0)
        for word in ("explain", "compare", "list", "--json", "--class", "--enhanced",
                     "replies", "commands", "dot encode", "dot decode", "--bare-lf",
                     "--accept-8bit", "U+FFFD"):
            self.assertIn(word, out)


COMMANDS = ("explain", "compare", "list", "replies", "commands", "dot", "help")


class Options(unittest.TestCase):
    """Issue 11: every option error names the option, exits with 2 and prints one line."""

    def assert_refused(self, *args, mention, stdin=""):
        rc, out, err = run(*args, stdin=stdin)
        self.assertEqual(rc, 2, (args, out, err))
        self.assertEqual(out, "", args)
        self.assertEqual(len(err.splitlines()), 1, (args, err))
        self.assertTrue(err.startswith("smtpcodes: "), (args, err))
        self.assertIn(mention, err, args)

    def test_unknown_option(self):
        for args in (("replies", "--frob"), ("commands", "--accept-8bit"), ("explain", "550", "-x"),
                     ("compare", "250", "251", "--enhanced"), ("list", "--bare-lf", "reject"),
                     ("dot", "decode", "--json"), ("dot", "encode", "--accept-8bit"),
                     ("help", "--json"), ("--frob", "explain", "550"), ("replies", "--jsn")):
            self.assert_refused(*args, mention="unknown option '" + next(
                a for a in args if a.startswith("-")).split("=")[0] + "'")

    def test_repeated_option(self):
        for args, name in ((("replies", "--json", "--json"), "--json"),
                           (("--json", "explain", "550", "--json"), "--json"),
                           (("replies", "--accept-8bit", "--accept-8bit"), "--accept-8bit"),
                           (("list", "--class", "2", "--class", "4"), "--class"),
                           (("list", "--enhanced", "--enhanced"), "--enhanced"),
                           (("commands", "--bare-lf", "reject", "--bare-lf=normalize"),
                            "--bare-lf"),
                           (("dot", "decode", "--bare-lf", "pass", "--bare-lf", "pass"),
                            "--bare-lf")):
            self.assert_refused(*args, mention=name + " is given twice")

    def test_missing_value(self):
        for args in (("replies", "--bare-lf"), ("commands", "--bare-lf"),
                     ("replies", "--bare-lf", "--json"), ("dot", "decode", "--bare-lf"),
                     ("list", "--class")):
            self.assert_refused(*args, mention=next(a for a in args if a in (
                "--bare-lf", "--class")) + " needs a value")

    def test_bad_value(self):
        self.assert_refused("replies", "--bare-lf", "pass",
                            mention="--bare-lf takes reject or normalize, not 'pass'")
        self.assert_refused("commands", "--bare-lf", "maybe",
                            mention="--bare-lf takes reject or normalize, not 'maybe'")
        self.assert_refused("replies", "--bare-lf=crlf", mention="not 'crlf'")
        self.assert_refused("dot", "encode", "--bare-lf", "lf",
                            mention="--bare-lf takes reject, normalize or pass, not 'lf'")
        self.assert_refused("list", "--class", "7", mention="--class takes 2, 3, 4 or 5")
        self.assert_refused("replies", "--json=yes", mention="--json takes no value")

    def test_value_forms(self):
        stream = "250 a\n250 b\n"
        for args in (("--bare-lf", "normalize"), ("--bare-lf=normalize",)):
            rc, out, err = run("replies", "--json", *args, stdin=stream)
            self.assertEqual(rc, 0, err)
            self.assertEqual(len(out.splitlines()), 2)
        rc, out, err = run("replies", "--json", "--", "-", stdin="250 a\r\n")
        self.assertEqual((rc, len(out.splitlines())), (0, 1), err)

    def test_command_help(self):
        for command in COMMANDS:
            for args in ((command, "--help"), (command, "-h"), ("help", command)):
                rc, out, err = run(*args)
                self.assertEqual((rc, err), (0, ""), args)
                self.assertTrue(out.startswith("Usage: smtpcodes " + command), (args, out))
        # --help wins over the other arguments, even bad ones.
        for args in (("replies", "--frob", "--help"), ("dot", "decode", "--help"),
                     ("explain", "999", "--json", "--help")):
            rc, out, _ = run(*args)
            self.assertEqual(rc, 0, args)
            self.assertTrue(out.startswith("Usage: smtpcodes " + args[0]), args)
        for args in (("--help",), ("-h",), ("help",), ("--help", "replies")):
            rc, out, _ = run(*args)
            self.assertEqual(rc, 0, args)
            self.assertTrue(out.startswith("smtpcodes - explain"), args)
        self.assert_refused("help", "frob", mention="unknown command 'frob'")

    def test_help_fits_80_columns(self):
        texts = [run("--help")[1]] + [run(c, "--help")[1] for c in COMMANDS]
        for columns in (None, 40):
            self.assertEqual([run("--help", columns=columns)[1]], texts[:1])
        for text in texts:
            self.assertTrue(text.endswith("\n"))
            for line in text.splitlines():
                self.assertLessEqual(len(line), 80, line)

    def test_help_says_json_lines(self):
        for args in (("--help",), ("replies", "--help"), ("commands", "--help")):
            self.assertIn("JSON Lines", run(*args)[1], args)


class Files(unittest.TestCase):
    """Issue 11: a file that cannot be read is exit status 2 with a message, never an abort."""

    def assert_unreadable(self, path, reason):
        for command in (("replies",), ("replies", "--json"), ("commands",), ("dot", "encode"),
                        ("dot", "decode")):
            rc, out, err = run(*command, path)
            self.assertEqual(rc, 2, (command, err))
            self.assertEqual(out, "")
            self.assertEqual(err, f"smtpcodes: cannot read '{path}': {reason}\n", command)

    def test_directory(self):
        with tempfile.TemporaryDirectory() as d:
            self.assert_unreadable(d, "it is a directory")

    def test_missing(self):
        self.assert_unreadable("/nonexistent/file", "No such file or directory")

    def test_stdin_directory(self):
        with tempfile.TemporaryDirectory() as d:
            fd = os.open(d, os.O_RDONLY)
            try:
                p = subprocess.run([TOOL, "replies"], stdin=fd, capture_output=True, text=True,
                                   timeout=30, env=environment())
            finally:
                os.close(fd)
        self.assertEqual((p.returncode, p.stdout), (2, ""))
        self.assertEqual(p.stderr, "smtpcodes: cannot read standard input: it is a directory\n")

    def test_read_error(self):
        # Opens, then read() fails: EIO at offset 0 of /proc/self/mem (also as root).
        if os.path.exists("/proc/self/mem"):
            self.assert_unreadable("/proc/self/mem", "Input/output error")

    def test_permission(self):
        if os.geteuid() == 0:
            self.skipTest("root reads a mode-000 file")
        with tempfile.NamedTemporaryFile() as f:
            os.chmod(f.name, 0)
            self.assert_unreadable(f.name, "Permission denied")

    def test_more_than_one_file(self):
        rc, _, err = run("replies", "a", "b")
        self.assertEqual(rc, 2)
        self.assertIn("at most one FILE", err)


class BareLf(unittest.TestCase):
    """Issue 11: --bare-lf normalize reads LF-only pastes and logs."""

    def test_replies_lf_only(self):
        paste = "220-mx.example.com ESMTP\n220 ready\n250-mx\n250 STARTTLS\n550 5.7.1 denied\n"
        rc, out, _ = run("replies", "--json", stdin=paste)
        self.assertEqual(rc, 1)
        self.assertEqual(json.loads(out), {"error": "bare_lf", "offset": 24})
        rc, out, err = run("replies", "--json", "--bare-lf", "normalize", stdin=paste)
        self.assertEqual(rc, 0, err)
        objs = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([o["code"] for o in objs], [220, 250, 550])
        self.assertEqual(objs[0]["lines"], ["mx.example.com ESMTP", "ready"])
        self.assertEqual([(o["start"], o["final"]) for o in objs],
                         [(0, paste.index("250-")), (paste.index("250-"), paste.index("550")),
                          (paste.index("550"), len(paste))])  # offsets in the paste as given
        self.assertEqual(objs[2]["enhanced"], "5.7.1")
        rc, out, _ = run("replies", "--bare-lf", "normalize", stdin=paste)
        self.assertEqual(rc, 0)
        self.assertIn("| STARTTLS\n", out)
        # Mixed endings, as in a log copied from a terminal.
        rc, out, _ = run("replies", "--json", "--bare-lf", "normalize",
                         stdin="250-a\r\n250 b\n221 bye\r\n")
        self.assertEqual(rc, 0)
        self.assertEqual([json.loads(line)["lines"] for line in out.splitlines()],
                         [["a", "b"], ["bye"]])

    def test_commands_lf_only(self):
        paste = (b"EHLO client.example.net\nMAIL FROM:<a@example.com> SIZE=10\n"
                 b"RCPT TO:<b@example.org>\nQUIT\n")
        rc, out, _ = run_bytes("commands", "--json", stdin=paste)
        self.assertEqual(rc, 1)
        self.assertEqual(json.loads(out), {"error": "bare_lf", "offset": 23})
        rc, out, err = run_bytes("commands", "--json", "--bare-lf", "normalize", stdin=paste)
        self.assertEqual(rc, 0, err)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual([o["verb"] for o in objs], ["EHLO", "MAIL", "RCPT", "QUIT"])
        self.assertEqual([o["offset"] for o in objs],
                         [0, paste.index(b"MAIL"), paste.index(b"RCPT"), paste.index(b"QUIT")])
        self.assertEqual(objs[1]["params"], {"SIZE": "10"})
        rc, out, _ = run_bytes("commands", "--bare-lf", "normalize", stdin=paste)
        self.assertEqual(rc, 0)
        self.assertIn(b"RCPT  <b@example.org>", out)

    def test_commands_data_normalized_by_the_codec(self):
        # Bare LFs in DATA become CRLF (line_ending_policy::normalize); only CRLF.CRLF ends it.
        stream = b"DATA\nSubject: x\n\n..dot\r\n.\r\nQUIT\n"
        rc, out, err = run_bytes("commands", "--json", "--bare-lf", "normalize", stdin=stream)
        self.assertEqual(rc, 0, err)
        objs = [json.loads(line) for line in out.decode().splitlines()]
        self.assertEqual(objs[1], {"data": 22, "kind": "DATA", "message_octets": 20,
                                   "offset": 5})
        self.assertEqual(objs[2]["verb"], "QUIT")
        rc, out, _ = run_bytes("commands", "--json", stdin=stream)
        self.assertEqual((rc, json.loads(out)), (1, {"error": "bare_lf", "offset": 4}))
        # A "." line ended by a bare LF never ends DATA (SMTP smuggling), even under normalize.
        rc, out, _ = run_bytes("commands", "--json", "--bare-lf", "normalize",
                               stdin=b"DATA\nbody\n.\nQUIT\n")
        self.assertEqual(rc, 1)
        self.assertEqual(json.loads(out.decode().splitlines()[-1]),
                         {"error": "unterminated_data", "offset": 17})


class Wrapping(unittest.TestCase):
    """Issue 11: text output wraps at COLUMNS, else the terminal's width, else 80."""

    OUTPUTS = [(("explain", "550"), None), (("explain", "5.7.1"), None),
               (("explain", "4.7.999"), None), (("compare", "235", "354"), None),
               (("compare", "550", "553"), None), (("compare", "550", "5.7.1"), None),
               (("list",), None),
               (("list", "--enhanced"), None), (("replies",), SESSION)]

    def widest(self, columns):
        widest = 0
        for args, stdin in self.OUTPUTS:
            rc, out, _ = run(*args, stdin=stdin, columns=columns)
            self.assertEqual(rc, 0, args)
            for line in out.splitlines():
                if line.startswith("    | "):
                    continue  # the server's own lines, shown as sent
                self.assertLessEqual(len(line), columns or 80, (args, columns, line))
                self.assertFalse(line.endswith(" "), (args, columns, line))
                widest = max(widest, len(line))
        return widest

    def test_columns(self):
        self.assertGreater(self.widest(80), 60)
        self.assertGreater(self.widest(40), 30)
        self.assertLessEqual(self.widest(None), 80)  # no COLUMNS, not a terminal: 80

    def test_counts_code_points_not_octets(self):
        # "§" is two octets and one column: lines with it may be longer than 40 octets only.
        _, out, _ = run("compare", "235", "354", columns=40)
        lines = [line for line in out.splitlines() if "\u00a7" in line]
        self.assertTrue(lines)
        self.assertTrue(any(len(line.encode()) > 40 for line in lines), lines)
        self.assertTrue(all(len(line) <= 40 for line in lines), lines)

    def test_long_titles_wrap(self):
        _, out, _ = run("explain", "5.7.1", columns=40)
        self.assertEqual(out.splitlines()[:2], ["5.7.1  Delivery not authorized, message",
                                                "       refused"])
        _, wide, _ = run("explain", "5.7.1", columns=80)
        self.assertEqual(wide.splitlines()[0], "5.7.1  Delivery not authorized, message refused")

    def test_bad_columns_ignored(self):
        _, default, _ = run("explain", "550")
        for value in ("", "abc", "0", "-5", "40x"):
            self.assertEqual(run("explain", "550", columns=value)[1], default, value)
        for args in (("explain", "550"), ("replies",)):
            narrow = run(*args, stdin=SESSION if args[0] == "replies" else None, columns=5)[1]
            for line in narrow.splitlines():  # at least 20
                self.assertFalse(line.endswith(" "), line)
                if not line.startswith("    | ") and not line.startswith("#"):
                    self.assertTrue(len(line) <= 20 or " " not in line.strip(), line)

    def test_terminal_width(self):
        import fcntl, pty, struct, termios
        try:
            master, slave = pty.openpty()
        except OSError as e:  # a chroot or container without /dev/pts
            self.skipTest(f"no pseudo-terminal: {e}")
        try:
            fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
            p = subprocess.Popen([TOOL, "explain", "5.7.1"], stdout=slave,
                                 stderr=subprocess.PIPE, env=environment())
            os.close(slave)
            slave = None
            chunks = []
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO once the tool has exited and closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            self.assertEqual(p.wait(timeout=30), 0)
            p.stderr.close()
        finally:
            os.close(master)
            if slave is not None:
                os.close(slave)
        lines = b"".join(chunks).decode().replace("\r\n", "\n").splitlines()
        self.assertTrue(all(len(line) <= 50 for line in lines), lines)
        self.assertTrue(any(len(line) > 40 for line in lines), lines)


class JsonLines(unittest.TestCase):
    """Issue 11: the streams' --json is JSON Lines: one JSON object per line, nothing else."""

    def assert_json_lines(self, out, count):
        self.assertTrue(out.endswith("\n"))
        lines = out.split("\n")[:-1]
        self.assertEqual(len(lines), count, out)
        for line in lines:
            self.assertEqual(line, line.strip())
            self.assertIsInstance(json.loads(line), dict, line)
        return [json.loads(line) for line in lines]

    def test_replies(self):
        rc, out, _ = run("replies", "--json", stdin=SESSION)
        self.assertEqual(rc, 0)
        self.assert_json_lines(out, 3)
        rc, out, _ = run("replies", "--json", stdin=SESSION + "25")
        self.assertEqual(rc, 1)
        self.assertIn("error", self.assert_json_lines(out, 4)[-1])
        rc, out, _ = run("replies", "--json", stdin="")
        self.assertEqual((rc, out), (0, ""))

    def test_unicode_line_separators_escaped(self):
        # U+2028 and U+2029 are legal raw in JSON but split lines for some readers.
        rc, out, _ = run_bytes("replies", "--json", "--accept-8bit",
                               stdin="250 a\u2028b\u2029c\r\n".encode())
        self.assertEqual(rc, 0)
        self.assertIn(b'"a\\u2028b\\u2029c"', out)
        self.assertEqual(len(out.decode().splitlines()), 1)
        self.assertEqual(json.loads(out)["lines"], ["a\u2028b\u2029c"])

    def test_commands(self):
        rc, out, _ = run_bytes("commands", "--json", stdin=CLIENT)
        self.assertEqual(rc, 0)
        self.assert_json_lines(out.decode(), 8)
        rc, out, _ = run_bytes("commands", "--json", stdin=CLIENT + b"QUI")
        self.assertEqual(rc, 1)
        self.assertIn("error", self.assert_json_lines(out.decode(), 9)[-1])


class WhatToDo(unittest.TestCase):
    """Issue 11: replies says what to do about each reply, not only what it means."""

    def fix(self, code):
        return json.loads(run("explain", code, "--json")[1])["fix"]

    def test_text(self):
        rc, out, _ = run("replies", stdin=SESSION, columns=1000)
        self.assertEqual(rc, 0)
        self.assertIn("What to do: " + self.fix("550"), out)
        self.assertIn("What to do: " + self.fix("5.7.1"), out)
        self.assertIn("What to do: " + self.fix("220"), out)

    def test_json(self):
        rc, out, _ = run("replies", "--json", stdin=SESSION)
        self.assertEqual(rc, 0)
        objs = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(objs[0]["fix"], self.fix("220"))
        self.assertIsNone(objs[0]["enhanced_fix"])
        self.assertEqual(objs[2]["fix"], self.fix("550"))
        self.assertEqual(objs[2]["enhanced_fix"], self.fix("5.7.1"))

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
BOUNCE_FIELDS = ["file", "recipient", "action", "status", "reply_code", "command", "diagnostic",
                 "remote_mta", "reason", "hard_bounce", "provider", "fix"]


def expected_bounces():
    """(file, recipient) -> (action, status, reply_code, reason, hard) from expected.tsv."""
    rows = {}
    with open(os.path.join(CORPUS, "bounces", "expected.tsv"), encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f if not line.startswith("#")]
    for line in lines[1:]:
        f = line.split("\t")
        rows[(f[0], f[1])] = (f[2], f[3], int(f[4]) if f[4] else None, f[5], f[6] == "true")
    return rows


class Bounce(unittest.TestCase):
    """Issue 12: smtpcodes bounce reads bounce messages, one recipient per JSON line."""

    def bounce_json(self, *args, stdin=None):
        rc, out, err = run("bounce", "--json", *args, stdin=stdin)
        return rc, [json.loads(line) for line in out.splitlines()], err

    def test_real_bounces(self):
        expected = expected_bounces()
        files = sorted({f for f, _ in expected})
        paths = [os.path.join(CORPUS, "bounces", f) for f in files]
        rc, objs, err = self.bounce_json(*paths)
        self.assertEqual((rc, err), (0, ""))
        self.assertEqual(len(objs), len(expected))
        for o in objs:
            self.assertEqual(list(o), BOUNCE_FIELDS)
            key = (os.path.basename(o["file"]), o["recipient"])
            self.assertIn(key, expected)
            action, status, code, reason, hard = expected[key]
            self.assertEqual((o["action"], o["status"], o["reply_code"], o["reason"],
                              o["hard_bounce"]), (action, status, code, reason, hard), key)
            self.assertTrue(o["fix"])
            self.assertNotIn("\n", o["diagnostic"] or "")  # folded values are joined

    def test_mbox_and_stdin(self):
        one = open(os.path.join(CORPUS, "bounces", "postfix-unknown-user.eml"), "rb").read()
        two = open(os.path.join(CORPUS, "bounces", "exim-mailbox-full.eml"), "rb").read()
        mbox = (b"From MAILER-DAEMON Wed Dec  2 01:19:26 2026\n" + one + b"\n"
                b"From MAILER-DAEMON Wed Dec  2 01:19:27 2026\n" + two + b"\n")
        p = subprocess.run([TOOL, "bounce", "--json"], capture_output=True, input=mbox,
                           timeout=30, env=environment())
        self.assertEqual(p.returncode, 0, p.stderr)
        objs = [json.loads(line) for line in p.stdout.splitlines()]
        self.assertEqual([(o["file"], o["recipient"], o["reason"], o["hard_bounce"])
                          for o in objs],
                         [("-", "unknown@example.test", "userunknown", True),
                          ("-", "full@example.test", "mailboxfull", False)])

    def test_kinds(self):
        d = os.path.join(CORPUS, "dsn")
        rc, objs, _ = self.bounce_json(os.path.join(d, "arf.eml"), os.path.join(d, "vacation.eml"),
                                       os.path.join(d, "not_bounce.eml"),
                                       os.path.join(d, "postfix_plain.eml"))
        self.assertEqual(rc, 0)
        self.assertEqual([(o["reason"], o["hard_bounce"]) for o in objs],
                         [("feedback", False), ("vacation", False), ("undefined", False),
                          ("userunknown", True)])
        self.assertEqual(objs[0]["recipient"], "user@mailbox.example")
        self.assertEqual(objs[3]["recipient"], "gone@example.org")
        self.assertEqual(objs[3]["reply_code"], 550)

    def test_exchange(self):
        rc, objs, _ = self.bounce_json(os.path.join(CORPUS, "dsn", "exchange.eml"))
        self.assertEqual(rc, 0)
        self.assertTrue(objs)
        # Exchange's 5.1.10 is its "recipient not found", not RFC 7505's null MX.
        self.assertEqual([(o["reason"], o["hard_bounce"]) for o in objs],
                         [("userunknown", True)])

    def test_text(self):
        rc, out, _ = run("bounce", os.path.join(CORPUS, "bounces", "postfix-several-recipients.eml"),
                         columns=100)
        self.assertEqual(rc, 0)
        self.assertIn(": dsn from postfix.sender.test", out)
        self.assertIn("reason      userunknown, hard bounce:", out)
        self.assertIn("reason      mailboxfull, soft:", out)
        self.assertIn("what to do", out)

    def test_errors(self):
        broken = ("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n"
                  "\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n"
                  "Reporting-MTA: dns; a.example\r\n")
        rc, objs, _ = self.bounce_json(stdin=broken)
        self.assertEqual(rc, 1)
        self.assertEqual(list(objs[-1]), ["file", "error", "offset"])
        self.assertEqual(objs[-1]["error"], "unterminated_multipart")
        rc, out, err = run("bounce", stdin=broken)
        self.assertEqual((rc, out), (1, ""))
        self.assertTrue(err.startswith("smtpcodes: bounce: -: unterminated_multipart at byte "), err)
        rc, _, err = run("bounce", "/nonexistent/file.eml")
        self.assertEqual(rc, 2)
        self.assertIn("cannot read", err)


class ExplainProvider(unittest.TestCase):
    """Issue 12: explain answers a provider's own code with the provider's meaning."""

    def test_microsoft_code(self):
        rc, out, _ = run("explain", "5.7.606", "--json")
        self.assertEqual(rc, 0)
        o = json.loads(out)
        self.assertEqual((o["kind"], o["provider"], o["reason"], o["hard_bounce"]),
                         ("provider_code", "microsoft", "blocked", False))
        self.assertTrue(o["url"].startswith("https://learn.microsoft.com/"))
        rc, out, _ = run("explain", "5.7.606")
        self.assertIn("(provider-specific)", out)
        self.assertIn("From its digits (RFC 3463)", out)

    def test_registered_code_is_not_a_provider_code(self):
        rc, out, _ = run("explain", "5.7.1", "--json")
        self.assertEqual((rc, json.loads(out)["kind"]), (0, "enhanced_status"))

    def test_yahoo_token(self):
        rc, out, _ = run("explain", "TSS04", "--json")
        self.assertEqual(rc, 0)
        self.assertEqual(json.loads(out)["provider"], "yahoo")

    def test_reply_with_provider(self):
        rc, out, _ = run("explain", "--json",
                         "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred")
        o = json.loads(out)
        self.assertEqual((rc, o["provider"], o["hard_bounce"]), (0, "yahoo", False))
        self.assertEqual(o["provider_code"]["code"], "TSS04")


ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGUAGES = ("ar", "fr", "zh", "tr", "ru", "en")


def catalog(lang, table):
    """The entries of a language's table as the library compiles them: the .inc file of
    include/smtpcodes/lang/LANG/ (include/smtpcodes/detail/ for English), read by the
    translation checker's parser, as dicts keyed by the field names."""
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    try:
        import check_translation
    finally:
        sys.path.pop(0)
    spec = check_translation.TABLES[table]
    where = ("detail",) if lang == "en" else ("lang", lang)
    path = os.path.join(ROOT, "include", "smtpcodes", *where, table + ".inc")
    out = []
    for fields in check_translation.parse_entries(path):
        # Identifiers (bounce_reason::userunknown, code_status::current) are not texts.
        keys = fields[:spec["keys"]]
        strings = [f for f in fields if isinstance(f, str) and "::" not in f]
        if lang != "en":  # translations hold the keys, then exactly the translated fields
            strings = fields[spec["keys"]:]
        else:  # the English entries: keys, texts, then RFCs and status
            strings = [strings[i] for i in sorted(spec["verbatim"] + spec["translated"])]
        out.append(dict(zip(["key%d" % i for i in range(len(keys))], keys),
                        **dict(zip(spec["names"], strings))))
    return out


def entry(lang, table, *key):
    for e in catalog(lang, table):
        if tuple(e["key%d" % i] for i in range(len(key))) == key:
            return e
    raise KeyError((lang, table, key))


def tool_messages():
    """cli/messages.hpp's tables: {lang: {field: text}}, field names from struct messages."""
    with open(os.path.join(ROOT, "cli", "messages.hpp"), encoding="utf-8") as f:
        text = f.read()
    body = text[text.index("struct messages {"):]
    body = body[:body.index("\n};")]
    names = re.findall(r"^\s*std::string_view (\w+);", body, re.M)
    out = {}
    for lang in LANGUAGES:
        block = text[text.index("messages messages_%s = {" % lang):]
        block = block[block.index("{") + 1:block.index("\n};")]
        values = ["".join(re.findall(r'"((?:[^"\\]|\\.)*)"', item))
                  for item in re.findall(r'((?:"(?:[^"\\]|\\.)*"\s*)+),', block)]
        assert len(values) == len(names), (lang, len(values), len(names))
        out[lang] = dict(zip(names, values))
    return out


def columns_of(line):
    """Display columns of a line as a terminal counts them (UAX #11 W and F: 2; marks: 0)."""
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf"
               else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


WIDE = 9999  # COLUMNS so wide that no text wraps: each text is on one line


def fill(pattern, **values):
    """messages.hpp's fill(): each {name} of `values` replaced, other braces kept."""
    return re.sub(r"\{(\w+)\}",
                  lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
                  pattern)


def plural_of(lang, n):
    """messages.hpp's plural_of: the form a count takes (one, two, few, many)."""
    if lang == "ar":
        return ("one" if n == 1 else "two" if n == 2 else
                "few" if 3 <= n % 100 <= 10 else "many")
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"
    if lang == "fr":
        return "one" if n <= 1 else "many"
    return "one" if n == 1 else "many"


def violations_text(words, lang, n):
    field = {"one": "violation_count", "two": "violations_two", "few": "violations_few",
             "many": "violations_count"}[plural_of(lang, n)]
    return fill(words[field], count=n)


class Languages(unittest.TestCase):
    """Issue 15: --lang and the locale pick the language of explain, list, compare, replies."""

    def test_help_in_each_language(self):
        # The overview and every command's help, from --lang, LANG, and 'help COMMAND': the
        # language's own text (cli/help/XX.hpp), never the English, in 80 display columns,
        # with the options the English names.
        english = [run("--help", locale={"LANG": "C"})[1]] + \
            [run(c, "--help", locale={"LANG": "C"})[1] for c in COMMANDS]
        for lang in LANGUAGES:
            texts = [run("--help", "--lang", lang)[1]] + \
                [run(c, "--help", "--lang", lang)[1] for c in COMMANDS]
            region = {"zh": "CN", "ar": "EG"}.get(lang, lang.upper())
            env = {"LANG": lang + "_" + region + ".UTF-8"}
            self.assertEqual(run("--help", locale=env)[1], texts[0], lang)
            self.assertEqual(run("help", "compare", locale=env)[1], texts[2], lang)
            for command, text, en in zip(("overview",) + COMMANDS, texts, english):
                where = (lang, command)
                self.assertTrue(text.endswith("\n"), where)
                if lang == "en":
                    self.assertEqual(text, en, where)
                else:
                    self.assertNotEqual(text, en, where)
                for line in text.splitlines():
                    self.assertLessEqual(columns_of(line), 80, (where, line))
                for option in set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", en)):
                    self.assertIn(option, text, where)

    @classmethod
    def setUpClass(cls):
        cls.words = tool_messages()

    def explain(self, code, lang, *more, locale=None):
        args = ("explain", code) + (("--lang", lang) if lang else ())
        rc, out, err = run(*args, *more, columns=WIDE, locale=locale)
        self.assertEqual((rc, err), (0, ""), args)
        return out

    def test_explain_550_in_each_language(self):
        for lang in LANGUAGES:
            e = entry(lang, "reply_code_table", 550)
            w = self.words[lang]
            lines = self.explain("550", lang).splitlines()
            self.assertEqual(lines[0], "550  " + e["name"], lang)
            for text in (e["description"], e["when"], e["fix"]):
                self.assertIn("  " + text, lines, lang)  # whole, in logical order, as UTF-8
            for heading in ("what_it_means", "when_you_see_it", "how_to_fix_it"):
                self.assertIn(w[heading], lines, lang)
            for label in ("klass", "category", "status", "replies_to", "defined_in"):
                self.assertTrue(any(line.startswith("  " + w[label] + " ") for line in lines),
                                (lang, label))
            self.assertTrue(any(line.endswith(" " + e["commands"]) for line in lines), lang)
            # The class and category, with their digits, in the language.
            klass = entry(lang, "reply_class_table", 5)["name"]
            category = entry(lang, "reply_category_table", 5)["name"]
            self.assertTrue(lines[1].startswith("  " + w["klass"] + " "), (lang, lines[1]))
            self.assertTrue(lines[1].endswith(" 5yz " + klass), (lang, lines[1]))
            self.assertTrue(lines[2].endswith(" x5z " + category), (lang, lines[2]))
            if lang != "en":
                self.assertNotIn("Permanent Negative Completion", lines[1], lang)
                self.assertNotIn("mail system", lines[2], lang)
            self.assertIn("RFC 5321 §4.2.2", lines[5], lang)  # RFCs never translated
            self.assertTrue(lines[3].endswith(" " + w["current"]), lang)
            if lang != "en":
                self.assertNotIn("What it means", lines, lang)
                self.assertNotIn(entry("en", "reply_code_table", 550)["name"], lines[0], lang)

    def test_pasted_reply_bounce_reason_in_each_language(self):
        # explain TEXT: the bounce reason's name stays (an identifier), its description and fix
        # are the language's (bounce_reason_table).
        for lang in LANGUAGES:
            reason = entry(lang, "bounce_reason_table", "bounce_reason::userunknown")
            rc, out, err = run("explain", "--lang", lang, columns=WIDE,
                               stdin="said: 550 5.1.1 User unknown (in reply to RCPT TO command)")
            self.assertEqual((rc, err), (0, ""), lang)
            lines = out.splitlines()
            self.assertTrue(any(line.startswith("  userunknown") and
                                line.endswith(reason["description"]) for line in lines),
                            (lang, lines))
            self.assertTrue(any(line.endswith(" " + reason["fix"]) for line in lines),
                            (lang, lines))
            if lang != "en":
                english = entry("en", "bounce_reason_table", "bounce_reason::userunknown")
                self.assertNotIn(english["description"], out, lang)

    def test_pasted_reply_advice_in_each_language(self):
        # explain TEXT: the common reply's advice, who acts and the retry advice, and a
        # provider's meaning and fix, in the language (common_reply_table, who_acts_table,
        # retry_advice_table, provider_table; English where a language has none).
        for lang in LANGUAGES:
            w = self.words[lang]
            colon = {"fr": " : ", "zh": "\uff1a"}.get(lang, ": ")
            common = [e for e in self.table(lang, "common_reply_table")
                      if (e["key0"], e["key1"], e["key2"], e["key3"]) == (550, 5, 1, 1)][0]
            who = {e["key0"]: e["label"] for e in self.table(lang, "who_acts_table")}
            retry = {e["key0"]: e["label"] for e in self.table(lang, "retry_advice_table")}
            rc, first, err = run("explain", "--lang", lang, "550 5.1.1 User unknown",
                                 columns=WIDE)
            self.assertEqual((rc, err), (0, ""), lang)
            lines = first.splitlines()
            self.assertTrue(any(l.startswith("  " + common["title"]) for l in lines),
                            (lang, lines))
            self.assertTrue(any(l.startswith("  " + w["who_acts"] + " ") and
                                l.endswith(" " + who["who_acts::sender"]) for l in lines),
                            (lang, lines))
            self.assertTrue(any(l.startswith("  " + w["check_first"] + " ") and
                                l.endswith(" " + common["check_first"]) for l in lines),
                            (lang, lines))
            self.assertTrue(any(l.endswith(" " + retry["retry_advice::never"] + colon +
                                           common["retry_when"]) for l in lines), (lang, lines))
            # the bounce reason's retry: a word in the language (English and --json: the
            # identifier)
            self.assertTrue(any(l.startswith("  " + w["retry"] + " ") and
                                l.endswith(" " + w["retry_never"]) for l in lines), (lang, lines))
            o = json.loads(run("explain", "--json", "--lang", lang, "550 5.1.1 User unknown")[1])
            self.assertEqual(o["retry"], "never", lang)
            path = os.path.join(CORPUS, "bounces", "postfix-unknown-user.eml")
            bounce = run("bounce", path, "--lang", lang, columns=WIDE)[1].splitlines()
            self.assertTrue(any(l.startswith("    " + w["retry"] + " ") and
                                l.endswith(" " + w["retry_never"]) for l in bounce),
                            (lang, bounce))
            provider = [e for e in self.table(lang, "provider_table") if e["code"] == "TSS04"][0]
            rc, out, err = run("explain", "--lang", lang, columns=WIDE,
                               stdin="421 4.7.0 [TSS04] Messages from 192.0.2.1 deferred")
            lines = out.splitlines()
            self.assertTrue(any(l.startswith("  " + w["meaning"] + " ") and
                                l.endswith(" " + provider["meaning"]) for l in lines),
                            (lang, lines))
            self.assertTrue(any(l.startswith("  " + w["fix"] + " ") and
                                l.endswith(" " + provider["fix"]) for l in lines),
                            (lang, lines))
            if lang != "en":
                for e in catalog("en", "common_reply_table"):
                    self.assertNotIn(e["title"], first + out, lang)
                english = [e for e in catalog("en", "provider_table") if e["code"] == "TSS04"][0]
                self.assertNotIn(english["meaning"], out, lang)

    def test_punctuation_of_the_language(self):
        # French: a space before ":" and ";"; Chinese: fullwidth marks, no space after "。".
        name = entry("fr", "reply_code_table", 550)["name"]
        klass = entry("fr", "reply_class_table", 5)["name"]
        out = run("explain", "--lang", "fr", "550 5.1.1 User unknown", columns=WIDE)[1]
        self.assertTrue(any(l.endswith(" 550 %s ; %s" % (name, klass))
                            for l in out.splitlines()), out)
        out = run("compare", "235", "354", "--lang", "fr", columns=WIDE)[1].splitlines()
        self.assertTrue(any(l.startswith("    235 : ") for l in out), out)
        out = run("compare", "235", "354", "--lang", "zh", columns=WIDE)[1].splitlines()
        self.assertTrue(any(l.startswith("    235\uff1a") for l in out), out)
        out = run("list", "--lang", "zh", columns=WIDE)[1]
        self.assertIn("\uff08%s\uff09\n" % self.words["zh"]["historic"], out)
        self.assertNotIn(" (", out)
        d = entry("zh", "enhanced_detail_table", 7, 1)
        out = run("replies", "--lang", "zh", stdin=SESSION, columns=WIDE)[1]
        self.assertIn("    5.7.1\uff1a%s\u3002%s\n" % (d["label"], d["description"]), out)
        d = entry("fr", "enhanced_detail_table", 7, 1)
        out = run("replies", "--lang", "fr", stdin=SESSION, columns=WIDE)[1]
        self.assertIn("    5.7.1 : %s. %s\n" % (d["label"], d["description"]), out)
        path = os.path.join(CORPUS, "bounces", "postfix-unknown-user.eml")
        for lang, comma, colon in (("fr", ", ", " : "), ("zh", "\uff0c", "\uff1a"),
                                   ("ar", "\u060c ", ": "), ("en", ", ", ": ")):
            reason = entry(lang, "bounce_reason_table", "bounce_reason::userunknown")
            out = run("bounce", path, "--lang", lang, columns=WIDE)[1].splitlines()
            self.assertTrue(out[0].startswith(path + colon + "dsn "), (lang, out[0]))
            self.assertTrue(any(l.endswith(" userunknown%s%s%s%s" % (
                comma, self.words[lang]["hard"], colon, reason["description"])) for l in out),
                (lang, out))
        usage = [u for u in catalog("zh", "reply_code_usage_table") if u["key0"] == 250][0]
        out = run("explain", "250", "--lang", "zh", columns=WIDE)[1]
        self.assertIn("  %s\uff1a%s\uff08RFC 1985 \u00a75\uff09\n" % (usage["context"],
                                                                  usage["meaning"]), out)

    def test_unregistered_code_in_each_language(self):
        # 259: built from its digits, in the language's class and category texts.
        for lang in LANGUAGES:
            klass = entry(lang, "reply_class_table", 2)
            category = entry(lang, "reply_category_table", 5)
            name = entry(lang, "reply_unregistered_name_table", 2, 5)["name"]
            lines = self.explain("259", lang).splitlines()
            self.assertEqual(lines[0], "259  " + name, lang)
            self.assertTrue(lines[1].endswith(" 2yz " + klass["name"]), (lang, lines[1]))
            self.assertTrue(lines[2].endswith(" x5z " + category["name"]), (lang, lines[2]))
            for text in (klass["meaning"], category["meaning"], klass["action"]):
                self.assertIn("  " + text, lines, lang)
            o = json.loads(self.explain("259", lang, "--json"))
            self.assertEqual((o["name"], o["description"], o["when"], o["fix"]),
                             (name, klass["meaning"], category["meaning"], klass["action"]), lang)

    def test_explain_5_1_1_in_each_language(self):
        for lang in LANGUAGES:
            d = entry(lang, "enhanced_detail_table", 1, 1)
            klass = entry(lang, "enhanced_class_table", 5)
            subject = entry(lang, "enhanced_subject_table", 1)
            w = self.words[lang]
            lines = self.explain("5.1.1", lang).splitlines()
            self.assertEqual(lines[0], "5.1.1  " + d["label"], lang)
            self.assertTrue(lines[1].startswith("  " + w["klass"]), lang)
            self.assertTrue(lines[1].endswith(" 5.X.X " + klass["label"]), lang)
            self.assertTrue(lines[2].endswith(" X.1.X " + subject["label"]), lang)
            self.assertTrue(lines[3].endswith(" " + w["yes"]), lang)
            self.assertTrue(lines[4].endswith(" 451, 550"), lang)
            for text in (d["description"], d["when"], d["fix"], subject["description"]):
                self.assertIn("  " + text, lines, lang)
            self.assertIn(w["subject_heading"], lines, lang)

    def test_json_localized_values_english_field_names(self):
        english = {code: json.loads(self.explain(code, "en", "--json")) for code in ("550", "5.1.1")}
        for lang in LANGUAGES:
            o = json.loads(self.explain("550", lang, "--json"))
            self.assertEqual(list(o), list(english["550"]), lang)
            e = entry(lang, "reply_code_table", 550)
            self.assertEqual((o["name"], o["description"], o["when"], o["fix"], o["commands"]),
                             (e["name"], e["description"], e["when"], e["fix"], e["commands"]))
            for same in ("code", "class", "category", "rfcs", "status", "registered", "kind"):
                self.assertEqual(o[same], english["550"][same], (lang, same))
            self.assertEqual(o["class_name"], entry(lang, "reply_class_table", 5)["name"], lang)
            self.assertEqual(o["category_name"], entry(lang, "reply_category_table", 5)["name"],
                             lang)
            o = json.loads(self.explain("5.1.1", lang, "--json"))
            self.assertEqual(list(o), list(english["5.1.1"]), lang)
            d = entry(lang, "enhanced_detail_table", 1, 1)
            self.assertEqual((o["name"], o["description"], o["when"], o["fix"]),
                             (d["label"], d["description"], d["when"], d["fix"]), lang)
            self.assertEqual(o["class_name"], entry(lang, "enhanced_class_table", 5)["label"])
            self.assertEqual(o["subject_name"], entry(lang, "enhanced_subject_table", 1)["label"])
            self.assertEqual((o["rfcs"], o["basic_codes"]), ("RFC 3463 §3.2", ["451", "550"]))

    def test_usages_localized(self):
        usages = [u for u in catalog("fr", "reply_code_usage_table") if u["key0"] == 250]
        o = json.loads(self.explain("250", "fr", "--json"))
        self.assertEqual([(u["context"], u["meaning"]) for u in o["usages"]],
                         [(u["context"], u["meaning"]) for u in usages])
        out = self.explain("250", "fr")
        self.assertIn(self.words["fr"]["in_specific_commands"], out.splitlines())
        self.assertIn("  ETRN : " + usages[0]["meaning"], out)  # French: a space before ":"

    def test_list_json_in_each_language(self):
        english = json.loads(run("list", "--json")[1])
        for lang in LANGUAGES:
            rc, out, _ = run("list", "--json", "--lang", lang)
            self.assertEqual(rc, 0)
            listed = json.loads(out)
            self.assertEqual([list(o) for o in listed], [list(o) for o in english], lang)
            self.assertEqual([o["code"] for o in listed], [o["code"] for o in english])
            self.assertEqual([o["name"] for o in listed],
                             [e["name"] for e in catalog(lang, "reply_code_table")], lang)
        rc, out, _ = run("list", "--enhanced", "--json", "--lang", "ru")
        listed = json.loads(out)
        self.assertEqual([o["name"] for o in listed],
                         [e["label"] for e in catalog("ru", "enhanced_detail_table")])
        self.assertEqual(listed[0]["subject_name"],
                         entry("ru", "enhanced_subject_table", 0)["label"])

    def test_list_text(self):
        rc, out, _ = run("list", "--lang", "tr", columns=WIDE)
        self.assertIn("550  " + entry("tr", "reply_code_table", 550)["name"], out.splitlines())
        rc, out, _ = run("list", "--enhanced", "--class", "5", "--lang", "zh", columns=WIDE)
        self.assertIn("5.1.1   " + entry("zh", "enhanced_detail_table", 1, 1)["label"],
                      out.splitlines())

    def test_compare_and_replies(self):
        rc, out, _ = run("compare", "550", "5.1.1", "--lang", "fr", columns=WIDE)
        w = self.words["fr"]
        self.assertEqual(rc, 0)
        self.assertTrue(out.startswith("550 %s 5.1.1 : %s %s %s\n" % (
            w["versus"], entry("fr", "reply_code_table", 550)["name"], w["versus"],
            entry("fr", "enhanced_detail_table", 1, 1)["label"])), out[:200])
        self.assertIn(w["next_step"], out.splitlines())
        o = json.loads(run("compare", "550", "5.1.1", "--json", "--lang", "fr")[1])
        self.assertEqual(o["first"]["name"], entry("fr", "reply_code_table", 550)["name"])
        rc, out, _ = run("replies", "--lang", "ru", stdin=SESSION, columns=WIDE)
        self.assertIn(entry("ru", "reply_code_table", 220)["name"], out)
        self.assertIn(" 2 строки  ", out)  # Russian plural: 2-4
        o = json_lines(self, run_bytes("replies", "--json", "--lang", "ru",
                                       stdin=SESSION.encode())[1], "ru")
        self.assertEqual(o[0]["name"], entry("ru", "reply_code_table", 220)["name"])

    def test_explain_pasted_reply(self):
        rc, out, _ = run("explain", "--lang", "zh", "550 5.1.1 User unknown", columns=WIDE)
        w = self.words["zh"]
        self.assertEqual(rc, 0)
        lines = out.splitlines()
        self.assertTrue(any(line.startswith("  " + w["server_said"]) and
                            line.endswith(" User unknown") for line in lines), lines)
        self.assertIn("  550：" + entry("zh", "reply_code_table", 550)["description"], lines)
        self.assertIn(w["what_it_means"], lines)
        # Chinese punctuation around the labels: fullwidth parentheses, colon and semicolon.
        rc, out, _ = run("explain", "--lang", "zh", columns=WIDE,
                         stdin="said: 550 5.1.1 User unknown (in reply to RCPT TO command)")
        lines = out.splitlines()
        name = entry("zh", "reply_code_table", 550)["name"]
        self.assertEqual(lines[0], "550 5.1.1  %s（%s RCPT）" % (name, w["answering"]))
        self.assertTrue(lines[1].endswith(
            " 550 %s；%s" % (name, entry("zh", "reply_class_table", 5)["name"])), lines[1])
        rc, out, _ = run("explain", "--lang", "fr", columns=WIDE,
                         stdin="said: 550 5.1.1 User unknown (in reply to RCPT TO command)")
        self.assertIn("  550 : " + entry("fr", "reply_code_table", 550)["description"],
                      out.splitlines())

    def test_locale_variables(self):
        fr = entry("fr", "reply_code_table", 550)["name"]
        ru = entry("ru", "reply_code_table", 550)["name"]
        zh = entry("zh", "reply_code_table", 550)["name"]
        en = entry("en", "reply_code_table", 550)["name"]
        cases = [
            ({"LANG": "fr_FR.UTF-8"}, fr),
            ({"LANG": "fr"}, fr),
            ({"LANG": "ru_RU@cyrillic"}, ru),
            ({"LANG": "zh_CN.GB18030"}, zh),
            ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, ru),
            ({"LANG": "fr_FR", "LC_MESSAGES": "ru_RU", "LC_ALL": "zh_CN.UTF-8"}, zh),
            ({"LANG": "fr_FR", "LC_MESSAGES": "", "LC_ALL": ""}, fr),  # empty ones skipped
            ({"LANG": "C"}, en),
            ({"LANG": "POSIX"}, en),
            ({"LANG": "C.UTF-8"}, en),
            ({"LANG": "de_DE.UTF-8"}, en),
            ({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, en),  # LC_ALL decides, unknown
            ({}, en),
        ]
        for locale, name in cases:
            out = self.explain("550", None, locale=locale)
            self.assertEqual(out.splitlines()[0], "550  " + name, locale)
        # --lang wins over the environment
        out = self.explain("550", "en", locale={"LC_ALL": "fr_FR.UTF-8"})
        self.assertEqual(out.splitlines()[0], "550  " + en)
        out = self.explain("550", "tr", locale={"LC_ALL": "fr_FR.UTF-8"})
        self.assertEqual(out.splitlines()[0], "550  " + entry("tr", "reply_code_table", 550)["name"])

    def table(self, lang, table):
        """A language's table, or English's when the language has none yet (the tool's
        fallback)."""
        path = os.path.join(ROOT, "include", "smtpcodes", "lang", lang, table + ".inc")
        return catalog(lang if lang == "en" or os.path.exists(path) else "en", table)

    def test_bounce_in_each_language(self):
        path = os.path.join(CORPUS, "bounces", "postfix-unknown-user.eml")
        for lang in LANGUAGES:
            w = self.words[lang]
            rc, out, err = run("bounce", path, "--lang", lang, columns=WIDE)
            self.assertEqual((rc, err), (0, ""), lang)
            lines = out.splitlines()
            reason = entry(lang, "bounce_reason_table", "bounce_reason::userunknown")
            self.assertTrue(any(line.startswith("    " + w["reason"] + " ") and
                                line.endswith(reason["description"]) for line in lines),
                            (lang, lines))
            self.assertIn(w["hard"], out, lang)
            self.assertTrue(any(line.startswith("    " + w["to_do"] + " ") and
                                line.endswith(" " + reason["fix"]) for line in lines),
                            (lang, lines))
            self.assertTrue(any(line.startswith("    " + w["diagnostic"] + " ")
                                for line in lines), (lang, lines))
            self.assertIn(" " + w["from"] + " ", lines[0], lang)
            if lang != "en":
                self.assertNotIn("what to do", out, lang)
        # The default comes from the locale, as for the other commands.
        rc, out, _ = run("bounce", path, columns=WIDE, locale={"LANG": "fr_FR.UTF-8"})
        self.assertIn("    " + self.words["fr"]["to_do"] + " ", out)
        rc, english, _ = run("bounce", path, columns=WIDE, locale={"LANG": "C"})
        self.assertIn("    what to do  ", english)

    def test_compare_texts_in_each_language(self):
        for lang in LANGUAGES:
            w = self.words[lang]
            hand = [e for e in self.table(lang, "hand_relation_table")
                    if (e["key0"], e["key1"]) == (235, 354)][0]
            steps = {e["key0"]: e["label"] for e in self.table(lang, "next_step_table")}
            aspects = {e["key0"]: e["label"] for e in self.table(lang, "compare_aspect_table")}
            nexts = {e["key0"]: e["clause"] for e in self.table(lang, "reply_next_table")}
            rc, out, err = run("compare", "235", "354", "--lang", lang, columns=WIDE)
            self.assertEqual((rc, err), (0, ""), lang)
            lines = out.splitlines()
            self.assertIn(hand["sentence"], lines, lang)
            # The language's colon and full stop: French " : ", Chinese fullwidth.
            colon = {"fr": " : ", "zh": "\uff1a"}.get(lang, ": ")
            stop = "\u3002" if lang == "zh" else "."
            self.assertIn("  235" + colon + steps["next_step::carry_on"] + colon + nexts[235] + stop,
                          lines, lang)
            self.assertIn("  354" + colon + steps["next_step::send_more"] + colon + nexts[354] + stop,
                          lines, lang)
            self.assertIn("  " + aspects["compare_aspect::next_step"], lines, lang)
            self.assertIn(w["how_they_differ"], lines, lang)
            o = json.loads(run("compare", "235", "354", "--json", "--lang", lang)[1])
            self.assertEqual(o["relation"], hand["sentence"], lang)
            self.assertEqual(o["next_step"]["first"]["text"], nexts[235], lang)
            self.assertEqual(o["next_step"]["first"]["step"], "continue", lang)  # an identifier

    def test_provider_code_in_each_language(self):
        for lang in LANGUAGES:
            row = [e for e in self.table(lang, "provider_table") if e["code"] == "5.7.606"][0]
            rc, out, err = run("explain", "5.7.606", "--lang", lang, columns=WIDE)
            self.assertEqual((rc, err), (0, ""), lang)
            lines = out.splitlines()
            self.assertIn("  " + row["meaning"], lines, lang)
            self.assertIn("  " + row["fix"], lines, lang)
            self.assertIn(self.words[lang]["provider_specific"], out, lang)
            o = json.loads(run("explain", "5.7.606", "--json", "--lang", lang)[1])
            self.assertEqual((o["meaning"], o["fix"]), (row["meaning"], row["fix"]), lang)
            row = [e for e in self.table(lang, "provider_table") if e["code"] == "TSS04"][0]
            rc, out, err = run("explain", "TSS04", "--lang", lang, columns=WIDE)
            self.assertIn("  " + row["meaning"], out.splitlines(), lang)

    def test_code_errors_in_each_language(self):
        for lang in LANGUAGES:
            w = self.words[lang]
            for args, message in ((("explain", "600"), "'600'" + w["bad_digits"]),
                                  (("explain", "55"), "'55'" + w["not_reply_code"]),
                                  (("explain", "5.01.1"), "'5.01.1'" + w["not_enhanced_code"]),
                                  (("compare", "550", "5.01.1"),
                                   "'5.01.1'" + w["not_enhanced_code"])):
                rc, out, err = run(*args, "--lang", lang)
                self.assertEqual((rc, out, err), (2, "", "smtpcodes: " + message + "\n"),
                                 (lang, args))
            if lang != "en":
                self.assertNotIn("is not", w["bad_digits"] + w["not_enhanced_code"], lang)

    def test_lang_before_the_command(self):
        for args in (("--lang", "ar", "explain", "550"), ("--lang=ar", "explain", "550")):
            rc, out, _ = run(*args, columns=WIDE)
            self.assertEqual(out.splitlines()[0],
                             "550  " + entry("ar", "reply_code_table", 550)["name"], args)

    def test_unknown_language_refused(self):
        for args in (("explain", "550", "--lang", "de"), ("list", "--lang=EN"),
                     ("--lang", "xx", "explain", "550")):
            rc, out, err = run(*args)
            self.assertEqual((rc, out), (2, ""), args)
            self.assertTrue(err.startswith("smtpcodes: --lang takes "), err)
            for lang in LANGUAGES:
                self.assertIn(lang, err)
        rc, _, err = run("explain", "550", "--lang")
        self.assertEqual(rc, 2)
        self.assertIn("--lang needs a value: ar, fr, zh, tr, ru or en", err)
        for args in (("session", "--lang", "de", "--client", "-", "--server", "x"),
                     ("dot", "decode", "--lang=de"), ("help", "--lang", "xx")):
            rc, out, err = run(*args)
            self.assertEqual((rc, out), (2, ""), args)
            self.assertTrue(err.startswith("smtpcodes: --lang takes "), (args, err))

    def test_every_command_takes_lang(self):
        # Issue 15: --lang on every command, its value checked; the help in the language.
        with tempfile.TemporaryDirectory() as d:
            client = os.path.join(d, "c2s")
            server = os.path.join(d, "s2c")
            with open(client, "wb") as f:
                f.write(b"QUIT\r\n")
            with open(server, "wb") as f:
                f.write(b"220 mx\r\n221 bye\r\n")
            for lang in LANGUAGES:
                for args, stdin in ((("commands",), "QUIT\r\n"),
                                    (("session", "--client", client, "--server", server), ""),
                                    (("dot", "encode"), "x"), (("dot", "decode"), "x\r\n.\r\n"),
                                    (("help",), ""), (("help", "session"), ""),
                                    (("help", "explain"), "")):
                    # dot decode says on stderr where the data ended (in the language)
                    quiet = args != ("dot", "decode")
                    for form in (("--lang", lang), ("--lang=" + lang,)):
                        rc, out, err = run(*args, *form, stdin=stdin)
                        self.assertEqual((rc, err if quiet else ""), (0, ""), (args, form))
                        self.assertTrue(out, (args, form))
                    # before the command too
                    rc, out, err = run("--lang", lang, *args, stdin=stdin)
                    self.assertEqual((rc, err if quiet else ""), (0, ""), (args, lang))
        # The help command prints the help (in the language once it has one).
        self.assertEqual(run("help", "session", "--lang", "en")[1], run("session", "--help")[1])
        self.assertEqual(run("help", "--lang", "en")[1], run("--help")[1])

    def session_text(self, client, server, lang, *flags, locale=None):
        """session's stdout and exit status, with --lang `lang` (or by `locale` when None)."""
        with tempfile.TemporaryDirectory() as d:
            c = os.path.join(d, "c2s")
            srv = os.path.join(d, "s2c")
            with open(c, "wb") as f:
                f.write(client)
            with open(srv, "wb") as f:
                f.write(server)
            args = ("session", "--client", c, "--server", srv) + flags
            if lang:
                args += ("--lang", lang)
            p = subprocess.run([TOOL, *args], capture_output=True, timeout=30,
                               env=environment(locale=locale))
            self.assertEqual(p.stderr, b"", args)
            return p.returncode, p.stdout.decode("utf-8")

    # Issue 15: session's and commands' labels in each language; the verbs, codes, offsets,
    # violation names and JSON as they are.
    ENGLISH_SESSION_LABELS = ("(server @", "no reply", "(recipient", "(accepted)", "content ",
                              " at server byte", " at client byte", "(response)", "(none)",
                              "the rest of both streams")

    def test_session_text_in_each_language(self):
        transaction = (Session.CLIENT, Session.SERVER)
        faulty = (b"EHLO c\r\nMAIL FROM:<a@x.org>\r\nQUIT\r\n",
                  b"220 mx\r\n250 mx\r\n354 what\r\n221 bye\r\n")
        # without --lmtp: the second reply after DATA answers QUIT, and QUIT's is unsolicited
        lmtp = (b"LHLO c\r\nMAIL FROM:<a@x.org>\r\nRCPT TO:<b@x.org>\r\nDATA\r\nhi\r\n.\r\n"
                b"QUIT\r\n", b"220 lmtp\r\n250 lmtp\r\n250 ok\r\n250 ok\r\n354 go\r\n"
                b"250 ok\r\n452 4.2.2 full\r\n221 bye\r\n")
        auth = (b"EHLO c\r\nAUTH LOGIN\r\nYWxpY2U=\r\nQUIT\r\n",
                b"220 mx\r\n250 mx\r\n334 VXNlcm5hbWU6\r\n235 ok\r\n221 bye\r\n")
        tls = (b"EHLO c\r\nSTARTTLS\r\nMAIL FROM:<a@x.org>\r\n",
               b"220 mx\r\n250 mx\r\n220 go\r\n\x16\x03")
        short = (b"EHLO c\r\nQUIT\r\n", b"220 mx\r\n250 mx\r\n")
        english_json = {case: self.session_text(*case, None, "--json")
                        for case in (transaction, faulty, lmtp, auth, tls, short)}
        for lang in LANGUAGES:
            w = self.words[lang]
            rc, out = self.session_text(*transaction, lang)
            lines = out.splitlines()
            self.assertEqual(rc, 0)
            self.assertIn("@68  RCPT <x@example.net>  -> 550 5.1.1 no  %s  %s" % (
                fill(w["reply_at"], offset=66), w["recipient_refused"]), lines, lang)
            self.assertIn("@43  RCPT <b@example.net>  -> 250 2.1.5 ok  %s  %s" % (
                fill(w["reply_at"], offset=52), w["recipient_accepted"]), lines, lang)
            self.assertIn("      %s -> 250  %s" % (fill(w["content_size"], count=21),
                                                    w["accepted"]), lines, lang)
            self.assertEqual(lines[-1], violations_text(w, lang, 0), lang)
            rc, out = self.session_text(*faulty, lang)
            lines = out.splitlines()
            self.assertEqual(rc, 1)
            self.assertIn("      " + fill(w["violation_in_server"],
                                         violation="unexpected_reply_code", offset=16),
                          lines, lang)
            self.assertEqual(lines[-1], violations_text(w, lang, 1), lang)
            rc, out = self.session_text(*lmtp, lang)
            lines = out.splitlines()
            self.assertIn("@%d  %s  -> 221 bye  %s" % (
                lmtp[0].index(b"QUIT") + 6, w["unsolicited"],
                fill(w["reply_at"], offset=lmtp[1].index(b"221"))), lines, lang)
            self.assertEqual(lines[-1], violations_text(w, lang, 2), lang)
            rc, out = self.session_text(*auth, lang)
            self.assertIn("@20  AUTH <%s>  -> 235 ok  %s" % (
                w["sasl_answer"], fill(w["reply_at"], offset=auth[1].index(b"235"))),
                out.splitlines(), lang)
            rc, out = self.session_text(*tls, lang)
            lines = out.splitlines()
            self.assertIn("      " + fill(w["violation_in_client"],
                                         violation="pipelined_after_starttls", offset=18),
                          lines, lang)
            self.assertEqual(lines[-2:], [w["rest_is_tls"], violations_text(w, lang, 1)], lang)
            rc, out = self.session_text(*short, lang)
            self.assertIn("@8  QUIT  -> " + w["no_reply"], out.splitlines(), lang)
            # the same words by the locale alone
            rc, out = self.session_text(*faulty, None,
                                        locale={"LANG": self.LOCALES[lang]})
            self.assertEqual(out.splitlines()[-1], violations_text(w, lang, 1), lang)
            if lang != "en":
                for case in (transaction, faulty, lmtp, auth, tls, short):
                    out = self.session_text(*case, lang)[1]
                    for label in self.ENGLISH_SESSION_LABELS:
                        self.assertNotIn(label, out, (lang, label))
            # --json is the same in every language, byte for byte
            for case, want in english_json.items():
                self.assertEqual(self.session_text(*case, lang, "--json"), want, lang)
        # Russian plurals: the table's forms by plural_of's rules (the tool's 0, 1, 2 above)
        ru = self.words["ru"]
        self.assertEqual([violations_text(ru, "ru", n) for n in (0, 1, 2, 5, 21, 22, 112)],
                         ["0 нарушений", "1 нарушение", "2 нарушения", "5 нарушений",
                          "21 нарушение", "22 нарушения", "112 нарушений"])

    ENGLISH_COMMANDS_LABELS = ("(SASL response", "(redacted)", "(unknown command)",
                               "octets on the wire", "in the message")

    def test_commands_text_in_each_language(self):
        unknown = b"XFOO bar\r\nAUTH LOGIN\r\n\r\nQUIT\r\n"
        english_json = [run_bytes("commands", "--json", *flags, stdin=stream)[1]
                        for stream in (CLIENT, AUTH_CLIENT, unknown)
                        for flags in ((), ("--no-redact",))]
        for lang in LANGUAGES:
            w = self.words[lang]
            out = [run_bytes("commands", "--lang", lang, stdin=stream)[1].decode("utf-8")
                   for stream in (CLIENT, AUTH_CLIENT, unknown)]
            data = CLIENT.index(b"Subject")
            self.assertIn("     @%d  %s" % (data, fill(w["content_octets"], kind="DATA",
                                                         octets=24, message=20)),
                          out[0].splitlines(), lang)
            self.assertIn("     @%d  %s" % (CLIENT.index(b"hello"),
                                            fill(w["content_octets"], kind="BDAT LAST",
                                                 octets=5, message=5)),
                          out[0].splitlines(), lang)
            self.assertIn("#2 @25  AUTH  PLAIN ***  " + w["redacted"], out[1].splitlines(), lang)
            self.assertEqual(out[1].count("***  " + w["sasl_redacted"] + "\n"), 2, lang)
            self.assertIn("#1 @0  XFOO  bar  " + w["unknown_verb"], out[2].splitlines(), lang)
            self.assertIn("#3 @22  " + w["sasl_empty"], out[2].splitlines(), lang)
            # the cancel "*" reveals nothing: shown, not masked
            shown = run_bytes("commands", "--lang", lang,
                              stdin=b"AUTH LOGIN\r\n*\r\n")[1].decode("utf-8")
            self.assertIn("#2 @12  *  " + w["sasl_shown"], shown.splitlines(), lang)
            if lang != "en":
                for text in out + [shown]:
                    for label in self.ENGLISH_COMMANDS_LABELS:
                        self.assertNotIn(label, text, (lang, label))
            got_json = [run_bytes("commands", "--json", "--lang", lang, *flags, stdin=stream)[1]
                        for stream in (CLIENT, AUTH_CLIENT, unknown)
                        for flags in ((), ("--no-redact",))]
            self.assertEqual(got_json, english_json, lang)

    def test_message_patterns_complete(self):
        # Every field of every language is written, and each pattern has exactly the English
        # pattern's {placeholders} (a dropped one would lose the option, file or offset).
        english = self.words["en"]
        for lang in LANGUAGES:
            for field, text in self.words[lang].items():
                self.assertTrue(text.strip(), (lang, field))
                self.assertEqual(sorted(set(re.findall(r"\{(\w+)\}", text))),
                                 sorted(set(re.findall(r"\{(\w+)\}", english[field]))),
                                 (lang, field, text))

    # Issue 15: the errors on stderr, exactly, in each language. FILE and REASON (strerror),
    # option, command and error names and offsets are put in as they are.
    ERRORS = {
        "en": ("unknown option '--bogus' for explain; try 'smtpcodes explain --help'",
               "cannot read '/nonexistent/file': %(reason)s",
               "replies: bare_lf at byte 13 (%(text)s)",
               "enhanced status codes have no class 3 (only 2, 4, 5)",
               "bounce: -: unterminated_multipart at byte 48 (%(multipart)s)",
               "dot decode: end of data at byte 8; 1 trailing bytes not decoded"),
        "ar": ("خيار غير معروف '--bogus' للأمر explain؛ جرّب 'smtpcodes explain --help'",
               "تعذّرت قراءة '/nonexistent/file': %(reason)s",
               "replies: bare_lf عند البايت 13 (%(text)s)",
               "ليس لرموز الحالة المُحسَّنة فئة 3 (الفئات 2 و 4 و 5 فقط)",
               "bounce: -: unterminated_multipart عند البايت 48 (%(multipart)s)",
               "dot decode: نهاية البيانات عند البايت 8؛ "
               "عدد البايتات المتبقية دون فك ترميز: 1"),
        "fr": ("option inconnue '--bogus' pour explain ; essayez 'smtpcodes explain --help'",
               "impossible de lire '/nonexistent/file' : %(reason)s",
               "replies : bare_lf à l'octet 13 (%(text)s)",
               "les codes d'état étendus n'ont pas de classe 3 (seulement 2, 4, 5)",
               "bounce : - : unterminated_multipart à l'octet 48 (%(multipart)s)",
               "dot decode : fin des données à l'octet 8 ; octets restants non décodés : 1"),
        "ru": ("неизвестный параметр '--bogus' для explain; см. 'smtpcodes explain --help'",
               "не удаётся прочитать '/nonexistent/file': %(reason)s",
               "replies: bare_lf на байте 13 (%(text)s)",
               "у расширенных кодов состояния нет класса 3 (только 2, 4, 5)",
               "bounce: -: unterminated_multipart на байте 48 (%(multipart)s)",
               "dot decode: конец данных на байте 8; не декодировано байтов в конце: 1"),
        "tr": ("explain için bilinmeyen seçenek '--bogus'; "
               "'smtpcodes explain --help' komutunu deneyin",
               "'/nonexistent/file' okunamıyor: %(reason)s",
               "replies: 13. baytta bare_lf (%(text)s)",
               "genişletilmiş durum kodlarında 3. sınıf yoktur (yalnızca 2, 4, 5)",
               "bounce: -: 48. baytta unterminated_multipart (%(multipart)s)",
               "dot decode: veri sonu 8. baytta; sondaki 1 bayt çözülmedi"),
        "zh": ("explain 不接受选项 '--bogus'；请参阅 'smtpcodes explain --help'",
               "无法读取 '/nonexistent/file'：%(reason)s",
               "replies：bare_lf，字节位置 13（%(text)s）",
               "增强状态码没有类别 3（只有 2、4、5）",
               "bounce：-：unterminated_multipart，字节位置 48（%(multipart)s）",
               "dot decode：数据结束于字节位置 8；末尾还有 1 字节未解码"),
    }
    LOCALES = {"en": "C", "ar": "ar_EG.UTF-8", "fr": "fr_FR.UTF-8", "ru": "ru_RU.UTF-8",
               "tr": "tr_TR.UTF-8", "zh": "zh_CN.UTF-8"}

    def error_of(self, lang, *args, stdin="", by_locale=False, rc=2):
        """stderr of a run that fails, in `lang` by --lang (the commands that take it) or by
        LANG."""
        locale = {"LANG": self.LOCALES[lang]} if by_locale else None
        args = args if by_locale else args + ("--lang", lang)
        got_rc, out, err = run(*args, stdin=stdin, locale=locale)
        self.assertEqual(got_rc, rc, (lang, args, err))
        self.assertTrue(err.startswith("smtpcodes: ") and err.endswith("\n"), (lang, err))
        return err[len("smtpcodes: "):-1]

    def test_errors_in_each_language(self):
        multipart = "Content-Type: multipart/report; boundary=x\n\n--x\n"
        for lang in LANGUAGES:
            texts = {e["key0"]: e["text"] for e in self.table(lang, "error_text_table")}
            values = {"reason": os.strerror(errno.ENOENT), "text": texts["errc::bare_lf"],
                      "multipart": texts["errc::unterminated_multipart"]}
            want = [m % values for m in self.ERRORS[lang]]
            for by_locale in (False, True):
                how = (lang, "LANG" if by_locale else "--lang")
                # --bogus before --lang: refused in the language all the same
                self.assertEqual(self.error_of(lang, "explain", "550", "--bogus",
                                               by_locale=by_locale), want[0], how)
                self.assertEqual(self.error_of(lang, "replies", "/nonexistent/file",
                                               by_locale=by_locale), want[1], how)
                self.assertEqual(self.error_of(lang, "replies", stdin="250 OK\r\n250 O\nK\r\n",
                                               by_locale=by_locale, rc=1), want[2], how)
                self.assertEqual(self.error_of(lang, "list", "--enhanced", "--class", "3",
                                               by_locale=by_locale), want[3], how)
                self.assertEqual(self.error_of(lang, "bounce", stdin=multipart,
                                               by_locale=by_locale, rc=1), want[4], how)
            # dot's words on stderr: by the locale, and by --lang over another locale
            for args, locale in ((("dot", "decode"), self.LOCALES[lang]),
                                 (("dot", "decode", "--lang", lang), "C"),
                                 (("dot", "--lang=" + lang, "decode"), "de_DE.UTF-8")):
                p = subprocess.run([TOOL, *args], capture_output=True, timeout=30,
                                   input=b"..x\r\n.\r\nQ",
                                   env=environment(locale={"LANG": locale}))
                self.assertEqual((p.returncode, p.stdout), (0, b".x\r\n"), (lang, args))
                self.assertEqual(p.stderr.decode(), "smtpcodes: " + want[5] + "\n",
                                 (lang, args))

    def test_errors_before_the_options_are_read(self):
        # Before the command, or with it unknown: a --lang anywhere speaks for them.
        for args, message in (
                (("--lang", "fr", "--bogus", "explain"),
                 "option inconnue '--bogus' ; essayez 'smtpcodes --help'"),
                (("--lang=ru", "bogus"), "неизвестная команда 'bogus'; см. 'smtpcodes --help'"),
                (("--lang", "zh"), "缺少命令；请参阅 'smtpcodes --help'"),
                (("explain", "550", "--json", "--json", "--lang=tr"),
                 "--json iki kez verilmiş; bir kez verin"),
                (("list", "--class", "--lang", "ar"),
                 "يحتاج الخيار --class إلى قيمة: 2، 3، 4 أو 5")):
            rc, out, err = run(*args)
            self.assertEqual((rc, out, err), (2, "", "smtpcodes: " + message + "\n"), args)
        # A --lang refused: in the environment's language.
        rc, _, err = run("explain", "550", "--lang", "de", locale={"LANG": "fr_FR.UTF-8"})
        self.assertEqual(err, "smtpcodes: --lang prend ar, fr, zh, tr, ru ou en, pas 'de'\n")
        # dot and session take --lang too: their refusals in it, else in the environment's.
        rc, _, err = run("dot", "--bogus", "decode", locale={"LANG": "tr_TR.UTF-8"})
        self.assertEqual(err, "smtpcodes: dot için bilinmeyen seçenek '--bogus'; "
                              "'smtpcodes dot --help' komutunu deneyin\n")
        rc, _, err = run("dot", "--lang", "ru", "--bogus", "decode",
                         locale={"LANG": "tr_TR.UTF-8"})
        self.assertEqual(err, "smtpcodes: неизвестный параметр '--bogus' для dot; "
                              "см. 'smtpcodes dot --help'\n")
        rc, _, err = run("session", "--lang", "fr", "--client", "-")
        self.assertEqual(err, "smtpcodes: session a besoin de --client FILE et de "
                              "--server FILE\n")
        rc, _, err = run("help", "bogus", "--lang", "zh")
        self.assertEqual(err, "smtpcodes: 未知命令 'bogus'；请参阅 'smtpcodes --help'\n")
        # Standard input and a directory, named in the language.
        rc, _, err = run("replies", "--lang", "fr", os.path.dirname(TOOL))
        self.assertEqual(err, "smtpcodes: impossible de lire '%s' : c'est un répertoire\n"
                         % os.path.dirname(TOOL))
        rc, _, err = run("explain", "-", "--lang", "ru", stdin="")
        self.assertEqual(err, "smtpcodes: explain ожидает код или ответ сервера, например "
                              "'smtpcodes explain 550'; стандартный ввод пуст\n")

    def test_help_mentions_lang(self):
        for command in ("explain", "list", "compare", "replies", "commands", "session", "bounce",
                        "dot", "help"):
            self.assertIn("--lang", run(command, "--help")[1], command)
        overview = run("--help")[1]
        for word in ("--lang", "LC_ALL", "LC_MESSAGES", "LANG", "ar|fr|zh|tr|ru|en"):
            self.assertIn(word, overview)

    def test_wraps_by_columns_never_inside_a_character(self):
        d = entry("zh", "enhanced_detail_table", 1, 1)
        for lang, code in (("zh", "5.1.1"), ("zh", "550"), ("ar", "5.1.1"), ("ru", "550")):
            for columns in (30, 40, 61):
                p = subprocess.run([TOOL, "explain", code, "--lang", lang], capture_output=True,
                                   timeout=30, env=environment(columns))
                self.assertEqual(p.returncode, 0)
                raw_lines = p.stdout.split(b"\n")
                lines = [line.decode("utf-8") for line in raw_lines]  # strict: none cut
                for line in lines:
                    self.assertLessEqual(columns_of(line), columns, (lang, columns, line))
                    self.assertFalse(line.endswith(" "), (lang, columns, line))
                if lang == "zh":
                    # Columns, not octets nor characters: a full line of ideographs takes
                    # about `columns` columns, half as many characters, 3 octets each.
                    full = [l for l in lines if columns_of(l) >= columns - 3]
                    self.assertTrue(full, (code, columns))
                    self.assertTrue(all(len(l) < columns for l in full if
                                        sum(columns_of(c) == 2 for c in l) > 4), full)
                    self.assertTrue(any(len(l.encode()) > columns for l in full), full)
        # The section's lines joined give the catalog's text back: nothing lost or cut.
        p = subprocess.run([TOOL, "explain", "5.1.1", "--lang", "zh"], capture_output=True,
                           timeout=30, env=environment(30))
        out = p.stdout.decode("utf-8").split("\n\n")
        when = [block for block in out if block.startswith(self.words["zh"]["when_you_see_it"])]
        self.assertEqual(len(when), 1)
        body = when[0].split("\n")[1:]
        self.assertGreater(len(body), 4)
        self.assertEqual("".join(l.strip() for l in body).replace(" ", ""),
                         d["when"].replace(" ", ""))
        # Breaks between ideographs, never before a closing mark nor after an opening one.
        for line in body:
            self.assertFalse(line.strip()[0] in "，。、：；）」", line)
            self.assertFalse(line.strip()[-1] in "（「", line)

    def test_display_width_of_marks(self):
        # Arabic with its vowel marks: the marks take no column, so a line may hold more
        # characters than columns; no line is wider than the terminal.
        p = subprocess.run([TOOL, "explain", "5.1.1", "--lang", "ar"], capture_output=True,
                           timeout=30, env=environment(40))
        lines = p.stdout.decode("utf-8").splitlines()
        marked = [l for l in lines if any(unicodedata.combining(c) for c in l)]
        self.assertTrue(marked)
        self.assertTrue(all(columns_of(l) <= 40 for l in lines))
        self.assertTrue(any(len(l) > columns_of(l) for l in marked))


if __name__ == "__main__":
    TOOL = sys.argv.pop(1)
    unittest.main(verbosity=2)
