#!/usr/bin/env python3
"""Every fuzz regression input is named after the bug it caught and described, in one sentence or two, by a
line of its folder's README ("- NAME: what went wrong, and what changed"), as leveldb's issues/ are. Fails on
an input the README does not describe, and on a README line whose input is gone.

Usage: check_named.py tests/regress/fuzz
"""
import os
import re
import sys

root = sys.argv[1]
failures = 0
for target in sorted(os.listdir(root)):
    d = os.path.join(root, target)
    if not os.path.isdir(d):
        continue
    readme = open(os.path.join(d, "README"), encoding="utf-8").read()
    described = set(re.findall(r"^- ([^:\s]+):\s*\S", readme, re.M))
    inputs = {f for f in os.listdir(d) if f != "README"}
    for f in sorted(inputs - described):
        print(f"FAIL {target}/{f}: not described in {target}/README (add '- {f}: the bug it caught')")
        failures += 1
    for f in sorted(described - inputs):
        print(f"FAIL {target}/README describes {f}, which is not there")
        failures += 1
    if re.search(r"^(crash|slow|timeout|oom|leak)-[0-9a-f]{8,}", "\n".join(inputs), re.M):
        print(f"FAIL {target}: an input still has libFuzzer's name; name it after the bug")
        failures += 1
print("fuzz regressions: " + ("each named and described" if not failures else f"{failures} failed"))
sys.exit(1 if failures else 0)
