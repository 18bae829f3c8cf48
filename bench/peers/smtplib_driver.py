#!/usr/bin/python3
"""bench/peers driver for Python's smtplib (standard library).

Usage: smtplib_driver.py WORKLOAD INPUT OUTPUT REPS, WORKLOAD stuff | replies.
  stuff:   what SMTP.data() does to a bytes message: smtplib._quote_periods (its internal
           regex that doubles a dot at the start of each line; smtplib has no public stuffing
           function), then CR LF if missing and "." CR LF, as data() appends them
  replies: SMTP.getreply() in a loop, its `file` an io.BytesIO over the reply stream in place
           of the socket's makefile() (getreply reads with file.readline); end of input is
           the SMTPServerDisconnected it raises
smtplib has no unstuffing (it is a client). Prints RESULT smtplib WORKLOAD <bytes/s> <checks>.
"""
import io
import smtplib
import sys
import time


def median(reps, work):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def main():
    workload, path, output, reps = sys.argv[1], sys.argv[2], sys.argv[3], max(1, int(sys.argv[4]))
    with open(path, "rb") as f:
        data = f.read()
    result = {}
    extra = ""
    if workload == "stuff":
        def work():
            q = smtplib._quote_periods(data)
            if q[-2:] != b"\r\n":
                q = q + b"\r\n"
            result["out"] = q + b".\r\n"
        seconds = median(reps, work)
        with open(output, "wb") as f:
            f.write(result["out"])
    elif workload == "replies":
        def work():
            client = smtplib.SMTP()  # not connected: no host given
            client.file = io.BytesIO(data)
            count = lines = total = digest = 0
            while True:
                try:
                    code, message = client.getreply()
                except smtplib.SMTPServerDisconnected:
                    break
                count += 1
                lines += message.count(b"\n") + 1
                total += code
                digest = (digest * 31 + code) & 0xFFFFFFFF
            result["extra"] = "replies=%d lines=%d sum=%d hash=%d" % (count, lines, total, digest)
        seconds = median(reps, work)
        extra = result["extra"]
    else:
        sys.exit("smtplib_driver: unknown workload " + workload)
    print("RESULT smtplib %s %.0f %s" % (workload, len(data) / seconds, extra))


if __name__ == "__main__":
    main()
