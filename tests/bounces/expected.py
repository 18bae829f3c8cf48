#!/usr/bin/python3
"""Write tests/corpus/bounces/expected.tsv from the bounces make_corpus.sh caught.

  expected.py DIR HOSTNAME

For each DIR/<mta>-<scenario>.eml: the reason and hard/soft come from the scenario (we caused
the failure, so we know it); action, status, reply code and diagnostic are read from the DSN's
message/delivery-status part as the MTA wrote it, and checked against what the scenario must
give. Fails if a file is not a DSN, does not match its scenario, or holds machine-specific data
(the real host name, a non-loopback IPv4 address).
"""
import email
import email.policy
import os
import re
import sys

# recipient -> (reason, hard, allowed Status regex, allowed reply codes). Exim writes
# "Status: 5.0.0" whatever the remote server's enhanced code was, so 5.0.0 is allowed for it.
RECIPIENTS = {
    "unknown@example.test": ("userunknown", True, r"5\.1\.1", {"550"}),
    "full@example.test": ("mailboxfull", False, r"5\.2\.2", {"552"}),
    "quota@example.test": ("mailboxfull", False, r"4\.2\.2", {"452"}),
    "toobig@example.test": ("mesgtoobig", False, r"5\.3\.4", {"552"}),
    "someone@elsewhere.test": ("norelaying", False, r"5\.7\.1", {"554"}),
    "someone@nonexistent.invalid": ("hostunknown", True, r"5\.4\.4", {""}),
    "someone@refused.test": ("networkerror", False, r"4\.4\.1", {""}),
    # NOTIFY=SUCCESS to a server without DSN: the MTA reports that it relayed the message.
    "someone@example.test": ("delivered", False, r"2\.[0-9]+\.[0-9]+", {"250", ""}),
    # Still being retried when Exim warns: Action delayed, Status 4.0.0 and no word of the cause
    # (the refused connection), so "undefined": nothing in the DSN says why.
    "someone@delayed.test": ("undefined", False, r"4\.[0-9]+\.[0-9]+", {""}),
}
SUCCESS = {"someone@example.test"}
DELAYED = {"someone@delayed.test"}
# scenario -> its recipients, in the order they were given
SCENARIOS = {
    "unknown-user": ["unknown@example.test"],
    "mailbox-full": ["full@example.test"],
    "mailbox-full-deferred": ["quota@example.test"],
    "message-too-big": ["toobig@example.test"],
    "relaying-denied": ["someone@elsewhere.test"],
    "unresolvable-domain": ["someone@nonexistent.invalid"],
    "connection-refused": ["someone@refused.test"],
    "several-recipients": ["unknown@example.test", "full@example.test",
                           "someone@elsewhere.test"],
    "delivered-success": ["someone@example.test"],
    "delayed-warning": ["someone@delayed.test"],
}
# Where an MTA's DSN does not carry the cause, the reason is what the DSN does say: Exim's
# bounce for a refused connection reads only "retry timeout exceeded" (the refusal is in its
# log, not in the DSN), so all a reader of that DSN can know is that the message expired.
OVERRIDES = {
    ("exim", "someone@refused.test"): ("expired", False, None, {""}),
}
HARD_REASONS = {"userunknown", "hostunknown", "hasmoved", "notaccept"}


def unfold(value):
    return re.sub(r"\s+", " ", str(value or "")).strip()


def strip_type(value):
    """'rfc822; a@b' -> 'a@b'."""
    return value.split(";", 1)[1].strip() if ";" in value else value


def delivery_status_groups(msg):
    for part in msg.walk():
        if part.get_content_type() == "message/delivery-status":
            # The email package parses the per-message and per-recipient field groups as
            # sub-messages of this part.
            payload = part.get_payload()
            if isinstance(payload, list):
                return [dict((k.lower(), v) for k, v in g.items()) for g in payload]
    return None


def main(directory, hostname):
    problems = []
    rows = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".eml"):
            continue
        mta, _, scenario = name[:-4].partition("-")
        if scenario not in SCENARIOS:
            problems.append("%s: unknown scenario %r" % (name, scenario))
            continue
        wanted = SCENARIOS[scenario]
        raw = open(os.path.join(directory, name), "rb").read()
        text = raw.decode("utf-8", "replace")
        if len(hostname) >= 2 and re.search(r"(?<![\w.-])%s(?![\w-])" % re.escape(hostname), text):
            problems.append("%s: contains this machine's host name %r" % (name, hostname))
        for ip in re.findall(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])", text):
            if not ip.startswith("127."):
                problems.append("%s: contains the non-loopback address %s" % (name, ip))
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        groups = delivery_status_groups(msg)
        if not groups or len(groups) < 2:
            problems.append("%s: no message/delivery-status part with a recipient" % name)
            continue
        got = [strip_type(unfold(g.get("final-recipient"))).lower() for g in groups[1:]]
        if sorted(got) != sorted(wanted):
            problems.append("%s: recipients %s, expected %s" % (name, got, wanted))
            continue
        for g in groups[1:]:
            final = strip_type(unfold(g.get("final-recipient")))
            original = strip_type(unfold(g.get("original-recipient")))
            action = unfold(g.get("action")).lower()
            status = unfold(g.get("status"))
            diag = unfold(g.get("diagnostic-code"))
            m = re.match(r"smtp;\s*([2-5][0-9][0-9])", diag, re.I)
            code = m.group(1) if m else ""
            reason, hard, status_re, codes = RECIPIENTS[final.lower()]
            if (mta, final.lower()) in OVERRIDES:
                reason, hard, status_re2, codes = OVERRIDES[(mta, final.lower())]
                status_re = status_re2 or status_re
            assert hard == (reason in HARD_REASONS)
            if mta == "exim" and final.lower() not in SUCCESS | DELAYED:
                status_re = "(?:%s|5\\.0\\.0)" % status_re
            want_actions = ({"relayed", "delivered"} if final.lower() in SUCCESS
                            else {"delayed"} if final.lower() in DELAYED else {"failed"})
            if action not in want_actions:
                problems.append("%s: Action %r, expected %s" % (name, action, sorted(want_actions)))
            if not re.fullmatch(status_re, status):
                problems.append("%s: Status %r does not match %s" % (name, status, status_re))
            if code not in codes:
                problems.append("%s: reply code %r not in %s" % (name, code, sorted(codes)))
            rows.append([name, final, action, status, code, reason,
                         "true" if hard else "false", diag.replace("\t", " ")])
    for p in problems:
        print("expected.py: " + p, file=sys.stderr)
    if problems:
        return 1
    with open(os.path.join(directory, "expected.tsv"), "w") as f:
        f.write("# Written by tests/bounces/expected.py from the DSNs make_corpus.sh caught.\n")
        f.write("# reason/hard: from the scenario (we caused each failure); action, status,\n")
        f.write("# reply_code, diagnostic_code: as the MTA wrote them in message/delivery-status.\n")
        f.write("# hard is true only for userunknown, hostunknown, hasmoved, notaccept.\n")
        f.write("file\trecipient\taction\tstatus\treply_code\treason\thard\tdiagnostic_code\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print("expected.py: %d rows" % len(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
