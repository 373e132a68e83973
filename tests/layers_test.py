#!/usr/bin/env python3
"""The layers of src/, checked: each folder includes only the folders below it (docs/HACKING.md, "The
pipeline"). An include that reaches up or across fails this test, unless it is one of the known exceptions
below, each with its reason and the work that removes it. Prints the include graph.

Usage: layers_test.py SOURCE_DIR
"""
import os
import re
import sys

# What each folder may include (besides itself).
ALLOWED = {
    "core": set(),
    "model": set(),
    "schema": {"core"},
    "encoding": {"core", "model"},
    "readers": {"core", "encoding", "model"},
    "report": {"core", "model", "schema"},
    "extract": {"core", "model", "schema", "report"},
    "check": {"core", "model", "schema", "report"},
    "pipeline": {"core", "model", "encoding", "readers", "schema", "extract", "report", "check"},
    "render": {"core", "model", "schema", "report"},
    "store": {"core", "model", "schema", "report"},
    "server": {"core", "model", "encoding", "readers", "schema", "extract", "report", "check", "pipeline", "render", "store"},
    "cli": {"core", "model", "encoding", "readers", "schema", "extract", "report", "check", "pipeline", "render", "store",
            "server"},
}

# Known edges that break the layers, with what removes them. The test fails when one disappears without
# being taken off this list too, so the list stays true.
KNOWN = {
    ("store", "check"): "store/ uses BodyKind and the D1 deadline (check/deadlines.h) for rostered bodies, and runs "
                        "the cross-year rules C6/C7/C10/R1 itself: they move to check/ over an interface store/ implements",
    ("store", "pipeline"): "store/ingest.cc runs the pipeline on files: ingest moves to a layer above store/",
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.M)


def main():
    src = os.path.join(sys.argv[1], "src")
    edges = {}
    for folder in sorted(os.listdir(src)):
        d = os.path.join(src, folder)
        if not os.path.isdir(d):
            continue
        for root, _, files in os.walk(d):
            for f in files:
                if not f.endswith((".h", ".cc")):
                    continue
                text = open(os.path.join(root, f), encoding="utf-8").read()
                for target in INCLUDE.findall(text):
                    if target != folder:
                        edges.setdefault((folder, target), []).append(os.path.relpath(os.path.join(root, f), src))
    failures = 0
    for folder in sorted(ALLOWED):
        targets = sorted({t for (f, t) in edges if f == folder})
        print(f"{folder:9} -> {' '.join(targets)}")
    for (folder, target), files in sorted(edges.items()):
        if folder not in ALLOWED:
            print(f"FAIL src/{folder}/ is not a known layer: add it to ALLOWED in tests/layers_test.py and docs/HACKING.md")
            failures += 1
        elif target not in ALLOWED[folder] and (folder, target) not in KNOWN:
            print(f"FAIL {folder}/ includes {target}/ (not below it): {', '.join(sorted(set(files))[:4])}")
            failures += 1
    for (folder, target), why in KNOWN.items():
        if (folder, target) not in edges:
            print(f"FAIL the known exception {folder} -> {target} is gone: take it off KNOWN")
            failures += 1
        else:
            print(f"known exception {folder} -> {target}: {why}")
    print("layers: " + ("ok" if not failures else f"{failures} failed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
