#!/usr/bin/env python3
"""Fails when single_include/smtpcodes.hpp is stale (a header changed without running
tools/amalgamate.py) or when a public header has no forwarding shim in tests/single_header/."""
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
status = subprocess.run([sys.executable, str(root / "tools" / "amalgamate.py"), "--check"]).returncode
headers = sorted(p.name for p in (root / "include" / "smtpcodes").glob("*.hpp"))
shims = sorted(p.name for p in (root / "tests" / "single_header" / "smtpcodes").glob("*.hpp"))
if headers != shims:
    print(f"check_amalgamation: shims {shims} do not match headers {headers}", file=sys.stderr)
    status = 1
sys.exit(status)
