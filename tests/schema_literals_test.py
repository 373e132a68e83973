#!/usr/bin/env python3
"""No schema id is spelled as a string in src/: cell ids ("t3.granted.total", or a piece of one such as "t3."),
rule ids ("C15"), format ids ("gov2021") and section keys ("s1_overview") come from the generated
schema/ids.h and the rule registry (schema/rules.h), so a misspelling fails to compile. The loader and the
registry themselves (src/schema/) are where the data is read, and are exempt. Comments are not code.

Usage: schema_literals_test.py SOURCE_DIR
"""
import glob
import json
import os
import re
import sys


def strip_comments(text):
    out = []
    for line in text.splitlines():
        # A // outside a string literal starts a comment (good enough for this code base: no "//" in strings
        # that matter here).
        in_str = False
        cut = len(line)
        i = 0
        while i < len(line):
            c = line[i]
            if c == '\\' and in_str:
                i += 2
                continue
            if c == '"':
                in_str = not in_str
            elif not in_str and line.startswith("//", i):
                cut = i
                break
            i += 1
        out.append(line[:cut])
    return "\n".join(out)


def main():
    root = sys.argv[1]
    formats = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(os.path.join(root, "formats", "*.json")))]
    words = set()
    for f in formats:
        words.add(f["id"])
        for s in f.get("sections", []):
            words.add(s["key"])
    patterns = [
        ("cell id", re.compile(r'"t[234]\.[^"]*"')),
        ("rule id", re.compile(r'"[CSMDR][0-9]{1,2}"')),
        ("format id or section key", re.compile(r'"(' + "|".join(sorted(map(re.escape, words))) + r')"')),
    ]
    failures = 0
    checked = 0
    for path in sorted(glob.glob(os.path.join(root, "src", "**", "*.*"), recursive=True)):
        if not path.endswith((".h", ".cc")) or os.sep + "schema" + os.sep in path:
            continue
        checked += 1
        code = strip_comments(open(path, encoding="utf-8").read())
        for n, line in enumerate(code.splitlines(), 1):
            for what, pattern in patterns:
                for m in pattern.finditer(line):
                    print(f"FAIL {os.path.relpath(path, root)}:{n}: {what} {m.group(0)} spelled as a string: "
                          "use schema/ids.h (ids::…) or schema/rules.h (Rule::…)")
                    failures += 1
    print(f"schema literals: {checked} files, " + ("ok" if not failures else f"{failures} failed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
