#!/usr/bin/env python3
"""The layers of src/, checked: each folder includes only the folders below it, as src/CMakeLists.txt links
them (docs/HACKING.md, "The pipeline"). An include that reaches up or across fails this test, unless it is one of the known exceptions
below, each with its reason and the work that removes it. Prints the include graph.

Usage: layers_test.py SOURCE_DIR [--self-test]
"""
import os
import re
import sys

LAYER = re.compile(r"^xxgk_layer\((\w+)([^)]*)\)", re.M)


def allowed_from_cmake(src):
    """What each folder may include: the layers below it, read from the BELOW lists of src/CMakeLists.txt
    (the same lists the build links by), closed over transitively."""
    below = {}
    for name, rest in LAYER.findall(open(os.path.join(src, "CMakeLists.txt"), encoding="utf-8").read()):
        words = rest.split()
        deps = []
        if "BELOW" in words:
            for w in words[words.index("BELOW") + 1:]:
                if w.isupper():
                    break
                deps.append(w)
        below[name] = deps
    allowed = {}

    def close(name):
        if name not in allowed:
            allowed[name] = set()
            for d in below[name]:
                allowed[name] |= {d} | close(d)
        return allowed[name]

    for name in below:
        close(name)
    return allowed


# Known edges that break the layers, with what removes them. The test fails when one disappears without
# being taken off this list too, so the list stays true.
KNOWN = {}

# Front ends: the only folders that may do I/O of their own (files, streams, the environment, printing).
FRONT_ENDS = {"cli", "server"}
IO = re.compile(r"std::(i|o)?fstream|(?<![a-z_])fopen\(|(?<![a-z_])getenv\(|std::(cout|cerr|clog)|(?<![a-z_])printf\(|"
                r"(?<![a-z_])fprintf\(|(?<![a-z_])fwrite\(|(?<![a-z_])puts\(|create_directories\(")
SQL = re.compile(r'db\(\)|"\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER)\s')

INCLUDE = re.compile(r'^\s*#\s*include\s+"([a-z_]+)/[^"]+"', re.M)


def self_test(root):
    """The check must fail on an upward include: a copy of src/ with core/ including store/ is refused."""
    import shutil
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(root, "src"), os.path.join(tmp, "src"))
        with open(os.path.join(tmp, "src", "core", "upward.h"), "w", encoding="utf-8") as f:
            f.write('#include "store/store.h"\n')
        with open(os.path.join(tmp, "src", "check", "io.cc"), "w", encoding="utf-8") as f:
            f.write('void F() { std::cerr << "x"; auto r = db()->Query("SELECT 1"); }\n')
        bad = subprocess.run([sys.executable, __file__, tmp], capture_output=True, text=True)
        clean = subprocess.run([sys.executable, __file__, root], capture_output=True, text=True)
    if (bad.returncode == 1 and "FAIL core/ includes store/" in bad.stdout and "I/O in library code" in bad.stdout and
            "SQL outside store/" in bad.stdout and clean.returncode == 0):
        print("layers self-test: an upward include (core -> store), printing in check/ and SQL in check/ fail the "
              "check; the tree passes")
        return 0
    print("layers self-test FAILED:\n" + bad.stdout + clean.stdout)
    return 1


def main():
    if len(sys.argv) > 2 and sys.argv[2] == "--self-test":
        return self_test(sys.argv[1])
    src = os.path.join(sys.argv[1], "src")
    ALLOWED = allowed_from_cmake(src)
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
    # Library code returns values (no I/O, no environment, no printing), and SQL lives only in store/.
    for folder in sorted(os.listdir(src)):
        d = os.path.join(src, folder)
        if not os.path.isdir(d):
            continue
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if not f.endswith((".h", ".cc")):
                    continue
                path = os.path.join(root, f)
                for n, line in enumerate(open(path, encoding="utf-8"), 1):
                    code = line.split("//")[0]
                    if folder not in FRONT_ENDS and IO.search(code):
                        print(f"FAIL {os.path.relpath(path, src)}:{n}: I/O in library code (return the value; the CLI or "
                              f"server writes it): {code.strip()[:80]}")
                        failures += 1
                    if folder != "store" and SQL.search(code):
                        print(f"FAIL {os.path.relpath(path, src)}:{n}: SQL outside store/ (add a function to store/): "
                              f"{code.strip()[:80]}")
                        failures += 1
    for folder in sorted(ALLOWED):
        targets = sorted({t for (f, t) in edges if f == folder})
        print(f"{folder:9} -> {' '.join(targets)}")
    for (folder, target), files in sorted(edges.items()):
        if folder not in ALLOWED:
            print(f"FAIL src/{folder}/ is not a known layer: give it an xxgk_layer() in src/CMakeLists.txt")
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
