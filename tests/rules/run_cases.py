#!/usr/bin/env python3
"""Rule tests as data: each tests/rules/*.case file is a real sample with one defect written into it, and the
findings it must give. One runner reads them all (duckdb's .test files, cmark's spec examples).

A case file, line by line ('#' starts a comment; \\t and \\n stand for a tab and a line break):
  sample NAME                 a file of samples/
  replace TEXT / with TEXT    a change to make (the text must occur); as many pairs as needed
  expect RULE [key=value …]   findings of RULE that must be there; keys: severity, count (default: at least
                              one), cell0 (the first cell named), cells (how many cells), line (of the
                              first finding), message (exact, of the first), message~ (a substring of the
                              first; repeatable)
  absent RULE                 no finding of RULE

Usage: run_cases.py BUILD/xxgk SOURCE_DIR [CASE …]
"""
import glob
import json
import os
import subprocess
import sys


def unescape(s):
    return s.replace("\\t", "\t").replace("\\n", "\n")


def parse_expect(words):
    rule, checks = words[0], []
    for w in words[1:]:
        key, sep, value = w.partition("~") if "~" in w.split("=", 1)[0] else w.partition("=")
        checks.append((key + ("~" if sep == "~" else ""), unescape(value)))
    return rule, checks


def run_case(xxgk, src, path):
    sample, edits, expects, absents = None, [], [], []
    pending = None
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        rest = rest.strip()
        if word == "sample":
            sample = rest
        elif word == "replace":
            pending = unescape(rest)
        elif word == "with":
            edits.append((pending, unescape(rest)))
            pending = None
        elif word == "expect":
            expects.append(parse_expect(rest.split()))
        elif word == "absent":
            absents.append(rest)
        else:
            return [f"unknown word {word!r}"]
    text = open(os.path.join(src, "samples", sample), encoding="utf-8").read()
    problems = []
    for old, new in edits:
        if old not in text:
            problems.append(f"the text to replace does not occur: {old[:40]!r}")
        text = text.replace(old, new, 1)
    p = subprocess.run([xxgk, "parse", "--json", "-"], input=text.encode(), capture_output=True)
    if p.returncode not in (0, 1):
        return problems + [f"xxgk parse exit {p.returncode}: {p.stderr.decode()[:200]}"]
    findings = json.loads(p.stdout)["findings"]
    for rule, checks in expects:
        of_rule = [f for f in findings if f["rule"] == rule]
        count = dict(checks).get("count")
        if count is not None and len(of_rule) != int(count):
            problems.append(f"{rule}: {len(of_rule)} findings, want {count}")
            continue
        if not of_rule:
            problems.append(f"{rule}: no finding")
            continue
        first = of_rule[0]
        for key, value in checks:
            if key == "severity" and not all(f["severity"] == value for f in of_rule):
                problems.append(f"{rule}: severity {[f['severity'] for f in of_rule]}, want {value}")
            elif key == "cell0" and (first.get("cells") or [None])[0] != value:
                problems.append(f"{rule}: first cell {(first.get('cells') or [None])[0]}, want {value}")
            elif key == "cells" and len(first.get("cells") or []) != int(value):
                problems.append(f"{rule}: {len(first.get('cells') or [])} cells, want {value}")
            elif key == "line" and (first.get("at") or {}).get("line") != int(value):
                problems.append(f"{rule}: at line {(first.get('at') or {}).get('line')}, want {value}")
            elif key == "message" and first["message"] != value:
                problems.append(f"{rule}: message {first['message']!r}")
            elif key == "message~" and value not in first["message"]:
                problems.append(f"{rule}: message {first['message']!r} lacks {value!r}")
    for rule in absents:
        if any(f["rule"] == rule for f in findings):
            problems.append(f"{rule}: a finding that must not be there")
    return problems


def main():
    xxgk, src = sys.argv[1], sys.argv[2]
    cases = sys.argv[3:] or sorted(glob.glob(os.path.join(src, "tests", "rules", "*.case")))
    failed = 0
    for path in cases:
        problems = run_case(xxgk, src, path)
        name = os.path.basename(path)
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            print(f"ok   {name}")
    print(f"rule cases: {len(cases) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
