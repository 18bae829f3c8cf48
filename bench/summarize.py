#!/usr/bin/env python3
"""The summary of one bench/figures.sh run: bench/summarize.py DIR writes Markdown to stdout.

From DIR/<suite>.json (Google Benchmark, medians of the repetitions): every benchmark's
throughput, and as a ratio to its baseline of the same run and chunk size (the memchr line
split for replies and commands; memchr and memcpy for the DATA codec); then issue 14's goals
beside what this run measured; then DIR/compile_time.txt and the table of DIR/peers.txt as
they are. Nothing here measures: it only divides numbers from the same run.
"""
import json
import pathlib
import re
import sys

# bench_dot's path argument (smtpcodes::simd_path order, simd.hpp).
PATHS = {"0": "portable", "1": "sse2", "2": "neon", "3": "avx2", "4": "avx512bw"}


def medians(path):
    """name (without _median) -> the median's record, for the benchmarks that ran."""
    out = {}
    for b in json.loads(path.read_text())["benchmarks"]:
        if b.get("error_occurred") or b.get("aggregate_name", "median") != "median":
            continue
        out[b["run_name"]] = b
    return out


def gbps(b):
    return b["bytes_per_second"] / 1e9 if b and "bytes_per_second" in b else None


def fmt(x, unit=""):
    return "—" if x is None else f"{x:.2f}{unit}"


def chunk_of(name):
    m = re.search(r"(?:chunk:)?(65536|1460)\b", name)
    return m.group(1) if m else None


def ratio(a, b):
    return None if a is None or not b else a / b


def line_table(title, runs, baseline):
    """Replies and commands: GB/s per chunk size and the ratio to the memchr split."""
    rows = {}
    for name, b in runs.items():
        base, _, chunk = name.rpartition("/")
        rows.setdefault(base, {})[chunk] = b
    lines = [f"### {title}", "", "| benchmark | 64 KiB chunks | 1,460-byte chunks |", "|---|---|---|"]
    for base, by_chunk in rows.items():
        cells = []
        for chunk in ("65536", "1460"):
            b = by_chunk.get(chunk)
            r = ratio(gbps(b), gbps(runs.get(f"{baseline}/{chunk}")))
            items = b.get("items_per_second") if b else None
            extra = f", {items / 1e6:.1f} M/s" if items else ""
            cells.append(f"{fmt(gbps(b), ' GB/s')}{extra} ({fmt(r, 'x')} memchr)")
        lines.append(f"| `{base}` | {cells[0]} | {cells[1]} |")
    return lines


def dot_table(runs):
    """The codec: GB/s per path, 64 KiB / 1,460-byte chunks."""
    groups = {}
    for name, b in runs.items():
        m = re.match(r"(smtpcodes_\w+)/chunk:(\d+)/path:(\d)(?:/sink:(\d))?$", name)
        if not m:
            continue
        kind, chunk, path, sink = m.groups()
        label = kind + (f", sink {sink}" if sink else "")
        groups.setdefault(label, {}).setdefault(PATHS[path], {})[chunk] = gbps(b)
    paths = [p for p in PATHS.values() if any(p in g for g in groups.values())]
    lines = ["### DATA codec (GB/s, 64 KiB / 1,460-byte chunks)", "",
             "| benchmark | " + " | ".join(paths) + " |", "|---|" + "---|" * len(paths)]
    for label, by_path in groups.items():
        cells = [f"{fmt(by_path.get(p, {}).get('65536'))} / {fmt(by_path.get(p, {}).get('1460'))}"
                 for p in paths]
        lines.append(f"| `{label}` | " + " | ".join(cells) + " |")
    for base in ("memcpy_chunks/chunk:{}/sink:0", "memcpy_chunks/chunk:{}/sink:1",
                 "memchr_chunks/{}", "byte_state_machine_decode/{}"):
        a, b = (gbps(runs.get(base.format(c))) for c in ("65536", "1460"))
        lines.append(f"| `{base.format('N')}` | {fmt(a)} / {fmt(b)} |" + " |" * (len(paths) - 1))
    return lines, paths[-1] if paths else None


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench/summarize.py DIR (a bench/figures.sh output directory)")
    d = pathlib.Path(sys.argv[1])
    out = ["# One run of bench/figures.sh", "", "```", (d / "machine.txt").read_text().strip(),
           "```", ""]
    runs = {s: medians(d / f"{s}.json") for s in ("reply", "command", "dot", "classify", "dsn",
                                                   "session") if (d / f"{s}.json").exists()}
    goals = []
    if "reply" in runs:
        out += line_table("Replies (bench_reply)", runs["reply"], "memchr_line_ends") + [""]
        for c in ("65536", "1460"):
            r = ratio(gbps(runs["reply"].get(f"smtpcodes_feed_each/{c}")),
                      gbps(runs["reply"].get(f"memchr_line_ends/{c}")))
            goals.append((f"replies, `feed_each`, {c}-octet chunks ÷ memchr", r, 1.0))
    if "command" in runs:
        out += line_table("Commands (bench_command)", runs["command"], "memchr_line_ends") + [""]
        for c in ("65536", "1460"):
            cmd = runs["command"]
            best = max((gbps(cmd.get(f"{k}/{c}")) or 0) for k in ("smtpcodes_parser",
                                                                  "smtpcodes_feed_each"))
            goals.append((f"commands parsed, {c}-octet chunks ÷ memchr", ratio(
                best, gbps(cmd.get(f"memchr_line_ends/{c}"))), 1.0))
    if "dot" in runs:
        lines, widest = dot_table(runs["dot"])
        out += lines + [""]
        dot = runs["dot"]
        top = [k for k, v in PATHS.items() if v == widest]
        if top:
            p = top[0]
            memchr = gbps(dot.get("memchr_chunks/65536"))
            memcpy = gbps(dot.get("memcpy_chunks/chunk:65536/sink:0"))
            for label, name in (("unstuffing `decode`", f"smtpcodes_decode/chunk:65536/path:{p}/sink:0"),
                                ("unstuffing `decode_each`", f"smtpcodes_decode_each/chunk:65536/path:{p}"),
                                ("stuffing `encode`", f"smtpcodes_encode/chunk:65536/path:{p}/sink:0")):
                g = gbps(dot.get(name))
                goals.append((f"{label} ({widest}), 64 KiB ÷ memchr", ratio(g, memchr), 1.5))
                if "each" not in label:
                    goals.append((f"{label} ({widest}), 64 KiB ÷ memcpy", ratio(g, memcpy), 0.8))
    other = []
    for s in ("classify", "dsn", "session"):
        for name, b in runs.get(s, {}).items():
            rate = (f"{b['items_per_second'] / 1e6:.2f} M items/s" if "items_per_second" in b
                    else "")
            if "bytes_per_second" in b:
                rate += ("; " if rate else "") + f"{b['bytes_per_second'] / 1e6:.0f} MB/s"
            other.append(f"| `{s}: {name}` | {rate} |")
    if other:
        out += ["### Bounces, DSNs, sessions", "", "| benchmark | median |", "|---|---|"] + other + [""]
    if goals:
        out += ["### Issue 14's goals, this run", "", "| measure | this run | goal | met |",
                "|---|---|---|---|"]
        for label, r, goal in goals:
            met = "—" if r is None else ("yes" if r >= goal else "no")
            out.append(f"| {label} | {fmt(r, 'x')} | ≥ {goal}x | {met} |")
        out.append("")
    ct = d / "compile_time.txt"
    if ct.exists():
        text = ct.read_text()
        start = text.find("wall time")
        out += ["### Compile cost (bench/compile_time.sh)", "", "```",
                text[start:].strip() if start >= 0 else text.strip(), "```", ""]
    peers = d / "peers.txt"
    if peers.exists():
        text = peers.read_text()
        start = text.find("Machine:")
        out += ["### Peers (bench/peers/run.sh)", "", text[start:].strip() if start >= 0
                else text.strip(), ""]
    print("\n".join(out))


if __name__ == "__main__":
    main()
