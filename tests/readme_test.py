#!/usr/bin/env python3
"""README.md's code cannot drift from the code: every block is checked.

- ```cpp with `int main`: compiled and run; it must exit with status 0.
- ```cpp without: a fragment. The line before its fence must be
  `<!-- readme-test: context=NAME -->`; the fragment is compiled as the body of a function after
  `#include "NAME.hpp"` from tests/readme/, which declares the names it uses (buffers, helpers).
  `<!-- readme-test: file=PATH -->` also requires the block to equal PATH (minus PATH's leading
  comment lines).
- ```sh: every command must exist. `build/...` means the build directory under test and must have
  been built; commands that are not meson's are run (pipelines included) and must succeed; a line
  made only of meson commands that runs the tests is the README's test command and must appear
  verbatim in .ci/run.
- ```meson: every line must appear in the Meson subproject consumer (tests/consumers/).

Fragments are compiled with the project's warnings as errors (so a discarded [[nodiscard]]
result fails), except unused values and variables: a fragment names values to show them.
Compile errors point at README.md's lines.

Usage: readme_test.py --build-root DIR --std STD [-I DIR]... -- COMPILER [ARGS]...
"""
import argparse
import concurrent.futures
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
CONTEXTS = ROOT / "tests" / "readme"
FENCE = re.compile(r"^(\s*)```(\w*)\s*$")
DIRECTIVE = re.compile(r"^\s*<!--\s*readme-test:\s*(.*?)\s*-->\s*$")
WARNINGS = ["-Wall", "-Wextra", "-Wpedantic", "-Werror", "-Wno-unused-value",
            "-Wno-unused-variable", "-Wno-unused-but-set-variable"]


class Block:
    def __init__(self, lang, line, text, options):
        self.lang, self.line, self.text, self.options = lang, line, text, options

    def where(self):
        return f"README.md:{self.line}"


def blocks():
    """Every fenced block: its language, the README line of its first code line, its text
    (indentation of the fence removed) and the options of a readme-test comment before it."""
    lines = README.read_text().splitlines()
    out = []
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        indent, lang = fence.groups()
        options = {}
        directive = DIRECTIVE.match(lines[i - 1]) if i > 0 else None
        if directive:
            for item in directive.group(1).split():
                key, _, value = item.partition("=")
                options[key] = value
        j = i + 1
        while j < len(lines) and lines[j].strip() != "```":
            j += 1
        if j == len(lines):
            sys.exit(f"readme_test: README.md:{i + 1}: unclosed code block")
        body = [line[len(indent):] if line.startswith(indent) else line for line in lines[i + 1:j]]
        out.append(Block(lang, i + 2, "\n".join(body) + "\n", options))
        i = j + 1
    return out


def compile_cpp(block, args, workdir):
    """Returns None on success or a failure message."""
    source = pathlib.Path(workdir) / f"readme_{block.line}.cpp"
    exe = pathlib.Path(workdir) / f"readme_{block.line}"
    is_program = re.search(r"\bint\s+main\s*\(", block.text) is not None
    if is_program:
        tu = f'#line {block.line} "{README}"\n{block.text}'
    else:
        context = block.options.get("context")
        if not context:
            return (f"{block.where()}: a fragment (no main) needs "
                    "<!-- readme-test: context=NAME --> on the line before its fence")
        header = CONTEXTS / f"{context}.hpp"
        if not header.is_file():
            return f"{block.where()}: no context file {header.relative_to(ROOT)}"
        tu = (f'#include "{header}"\n\n'
              f"void readme_fragment_{block.line}() {{\n"
              f'#line {block.line} "{README}"\n{block.text}}}\n')
    source.write_text(tu)
    cmd = [*args.compiler, f"-std={args.std}", *WARNINGS, *(f"-I{d}" for d in args.include)]
    cmd += [str(source), "-o", str(exe)] if is_program else ["-fsyntax-only", str(source)]
    built = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    if built.returncode != 0:
        return f"{block.where()}: does not compile:\n{built.stdout}{built.stderr}"
    if is_program:
        ran = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
        if ran.returncode != 0:
            return f"{block.where()}: exited with {ran.returncode}:\n{ran.stdout}{ran.stderr}"
    if "file" in block.options:
        path = ROOT / block.options["file"]
        lines = path.read_text().splitlines(keepends=True)
        while lines and lines[0].startswith("//"):
            lines.pop(0)
        if "".join(lines) != block.text:
            return f"{block.where()}: differs from {block.options['file']}"
    return None


def check_sh(block, args):
    failures = []
    build_word = re.compile(r"(?<![\w./-])build/")
    ci = (ROOT / ".ci" / "run").read_text()
    for offset, line in enumerate(block.text.splitlines()):
        where = f"README.md:{block.line + offset}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        segments = [s.strip() for s in line.split("&&")]
        meson = [s for s in segments if s.startswith("meson ")]
        others = [s for s in segments if not s.startswith("meson ")]
        for segment in meson:
            sub = shlex.split(segment)[1]
            if subprocess.run(["meson", sub, "--help"], capture_output=True).returncode != 0:
                failures.append(f"{where}: `meson {sub}` is not a meson command")
        if not others:
            if any(s.startswith("meson test") for s in meson) and line.strip() not in ci:
                failures.append(f"{where}: the README's test command `{line.strip()}` is not "
                                "what .ci/run runs")
            continue
        command = build_word.sub(str(pathlib.Path(args.build_root).resolve()) + "/",
                                 " && ".join(others))
        missing = False
        for pipe in re.split(r"&&|\|", command):
            program = shlex.split(pipe)[0]
            if "/" in program:
                if args.no_tool and program.startswith(str(pathlib.Path(args.build_root).resolve())):
                    missing = True  # built with -Dtool=disabled: nothing to run
                elif not os.access(program, os.X_OK):
                    failures.append(f"{where}: {program} was not built")
                    missing = True
            elif shutil.which(program) is None and program not in ("printf", "echo", "cd"):
                failures.append(f"{where}: no command {program}")
                missing = True
        if missing:
            continue
        # From the repository's root, as the README's paths (tests/corpus/...) are written.
        ran = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                             text=True, timeout=60, cwd=ROOT)
        if ran.returncode != 0 or not ran.stdout:
            failures.append(f"{where}: `{command}` failed ({ran.returncode}):\n"
                            f"{ran.stdout}{ran.stderr}")
    return failures


def check_meson(block):
    consumer = (ROOT / "tests" / "consumers" / "meson_subproject" / "meson.build").read_text()
    return [f"README.md:{block.line + i}: `{line.strip()}` is not in the Meson consumer"
            for i, line in enumerate(block.text.splitlines())
            if line.strip() and line.strip() not in consumer]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build-root", required=True)
    parser.add_argument("--std", required=True)
    parser.add_argument("--no-tool", action="store_true",
                        help="the build has no smtpcodes tool (-Dtool=disabled): skip its commands")
    parser.add_argument("-I", dest="include", action="append", default=[])
    parser.add_argument("compiler", nargs="+")
    args = parser.parse_args()

    found = blocks()
    cpp = [b for b in found if b.lang == "cpp"]
    failures = []
    with tempfile.TemporaryDirectory() as workdir, \
            concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for result in pool.map(lambda b: compile_cpp(b, args, workdir), cpp):
            if result:
                failures.append(result)
    for block in found:
        if block.lang == "sh":
            failures += check_sh(block, args)
        elif block.lang == "meson":
            failures += check_meson(block)
    counts = {lang: sum(b.lang == lang for b in found) for lang in ("cpp", "sh", "meson")}
    print(f"readme_test: {counts['cpp']} C++ blocks, {counts['sh']} shell blocks, "
          f"{counts['meson']} Meson blocks")
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
