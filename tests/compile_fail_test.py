#!/usr/bin/env python3
"""What must not compile: each case is a pair of translation units, one that must compile (so a
broken setup cannot pass the test) and the same one changed in one place, which must fail with
the diagnostic named. Cases: dropping a parser's, codec's or writer's result (every result type is
[[nodiscard]], and -Werror makes the warning an error), and a detail::folded_word built from a word
of the wrong size (a constant-evaluation failure, not a run-time mismatch).

Usage: compile_fail_test.py --std c++17 -I include [-I ...] -- c++ [flags]
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Werror"]

PRELUDE = """
#include <smtpcodes/command.hpp>
#include <smtpcodes/command_writer.hpp>
#include <smtpcodes/detail/ascii.hpp>
#include <smtpcodes/dot_codec.hpp>
#include <smtpcodes/ehlo.hpp>
#include <smtpcodes/line.hpp>
#include <smtpcodes/reply.hpp>
#include <string_view>
"""

# (name, the body that compiles, the body that must not, what the compiler must say)
NODISCARD = r"nodiscard|ignoring return value|warn_unused_result"
CASES = [
    ("reply_parser::feed result dropped",
     "smtpcodes::reply_parser p; auto r = p.feed(\"250 ok\\r\\n\"); (void)r;",
     "smtpcodes::reply_parser p; p.feed(\"250 ok\\r\\n\");",
     NODISCARD),
    ("line_reader::feed result dropped",
     "smtpcodes::line_reader l; auto r = l.feed(\"NOOP\\r\\n\"); (void)r;",
     "smtpcodes::line_reader l; l.feed(\"NOOP\\r\\n\");",
     NODISCARD),
    ("line_reader::feed_each result dropped",
     "smtpcodes::line_reader l; auto r = l.feed_each(\"NOOP\\r\\n\", [](std::string_view) {}); (void)r;",
     "smtpcodes::line_reader l; l.feed_each(\"NOOP\\r\\n\", [](std::string_view) {});",
     NODISCARD),
    ("parse_command result dropped",
     "auto r = smtpcodes::parse_command(\"NOOP\"); (void)r;",
     "smtpcodes::parse_command(\"NOOP\");",
     NODISCARD),
    ("dot_decoder::decode result dropped",
     "smtpcodes::dot_decoder d; char out[16]; auto r = d.decode(\"a\\r\\n.\\r\\n\", out, sizeof out); (void)r;",
     "smtpcodes::dot_decoder d; char out[16]; d.decode(\"a\\r\\n.\\r\\n\", out, sizeof out);",
     NODISCARD),
    ("dot_encoder::encode result dropped",
     "smtpcodes::dot_encoder e; char out[16]; auto r = e.encode(\".a\\r\\n\", out, sizeof out); (void)r;",
     "smtpcodes::dot_encoder e; char out[16]; e.encode(\".a\\r\\n\", out, sizeof out);",
     NODISCARD),
    ("write_command result dropped",
     "char out[64]; auto r = smtpcodes::write_command(out, sizeof out, smtpcodes::command_verb::noop); (void)r;",
     "char out[64]; smtpcodes::write_command(out, sizeof out, smtpcodes::command_verb::noop);",
     NODISCARD),
    ("folded_word of the wrong size",
     "constexpr smtpcodes::detail::folded_word<5> w(std::string_view(\"FROM:\")); (void)w;",
     "constexpr smtpcodes::detail::folded_word<4> w(std::string_view(\"FROM:\")); (void)w;",
     r"folded_word_size_mismatch"),
]


def compile_body(cmd, body, workdir, name):
    source = os.path.join(workdir, name + ".cpp")
    with open(source, "w", encoding="utf-8") as f:
        f.write(PRELUDE + "\nint main() {\n  " + body + "\n  return 0;\n}\n")
    run = subprocess.run([*cmd, "-fsyntax-only", source], capture_output=True, text=True,
                         timeout=120, check=False)
    return run.returncode, run.stdout + run.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--std", default="c++17")
    parser.add_argument("-I", dest="include", action="append", default=[])
    parser.add_argument("compiler", nargs="+")
    args = parser.parse_args()
    cmd = [*args.compiler, f"-std={args.std}", *WARNINGS, *(f"-I{d}" for d in args.include)]
    failures = 0
    with tempfile.TemporaryDirectory() as workdir:
        for i, (name, good, bad, expected) in enumerate(CASES):
            code, out = compile_body(cmd, good, workdir, f"good{i}")
            if code != 0:
                print(f"FAIL {name}: the control does not compile:\n{out}")
                failures += 1
                continue
            code, out = compile_body(cmd, bad, workdir, f"bad{i}")
            if code == 0:
                print(f"FAIL {name}: compiled, but must not")
                failures += 1
            elif not re.search(expected, out):
                print(f"FAIL {name}: failed without /{expected}/:\n{out}")
                failures += 1
            else:
                print(f"ok   {name}")
    print(f"{len(CASES) - failures} of {len(CASES)} cases behave")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
