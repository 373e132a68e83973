#!/usr/bin/env python3
"""A new format version is a JSON file plus its tests: tests/formats/gov2099test.json (a made-up format, the
2021 one with one more outcome row in table 3) is loaded with --formats-dir, and a report in it is written
from its blank template, rendered, read back and checked, with no code change anywhere:
  1. `formats` lists it, `template --year 2099` has its new row;
  2. a filled report, rendered as text, Word and HTML, reads back in the new format with every cell as filled
     and no error finding;
  3. one more request in the new row (totals recomputed) breaks the format's 勾稽关系: render refuses, C1;
  4. a report in the new format dated 2030 (a year of the 2021 format) gets S3, worded from the format data.

Usage: run_format_test.py XXGK SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile

XXGK, ROOT = sys.argv[1], sys.argv[2]
FORMATS = os.path.join(ROOT, "tests", "formats")
failures = 0


def run(*args, ok=(0, 1)):
    p = subprocess.run([XXGK, "--formats-dir", FORMATS, *args], capture_output=True)
    if p.returncode not in ok:
        raise SystemExit(f"xxgk {' '.join(args)} exited {p.returncode}: {p.stderr.decode()}")
    return p.stdout


def expect(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what)
    failures += 0 if cond else 1


def filled(year, assisted):
    t = json.loads(run("template", "--year", "2099"))
    t["agency"] = "测试市数据资源局"
    t["year"] = year
    t["signed_date"] = f"{year + 1}-01-10"
    for s in t["sections"]:
        s["text"] = {"s1_overview": "本机关认真贯彻《条例》，全年收到政府信息公开申请5件。",
                     "s5_problems": "存在的问题是公开内容不够全面，下一步将加强培训。",
                     "s6_other": "本年度未收取信息处理费。"}.get(s["key"], "详见下表。")
    t3 = t["tables"]["t3"]
    t3["new_received"]["natural_person"] = 5
    t3["granted"]["natural_person"] = 2
    t3["other_assisted"]["natural_person"] = assisted
    return t


with tempfile.TemporaryDirectory() as tmp:
    listing = run("formats").decode()
    expect("gov2099test" in listing, "xxgk --formats-dir tests/formats formats lists gov2099test")
    template = json.loads(run("template", "--year", "2099"))
    expect(template["format"] == "gov2099test" and "other_assisted" in template["tables"]["t3"],
           "the 2099 template is in the new format and has its new row")

    src = os.path.join(tmp, "filled.json")
    json.dump(filled(2099, 3), open(src, "w", encoding="utf-8"), ensure_ascii=False)
    for to in ("txt", "docx", "html"):
        out = os.path.join(tmp, "report." + to)
        run("render", src, "--to", to, "--fill-totals", "--out", out, ok=(0,))
        report = json.loads(run("parse", "--json", out))
        t3 = report["tables"]["t3"]
        expect(report["format"] == "gov2099test", f"{to}: read back in gov2099test (got {report['format']})")
        expect(t3.get("other_assisted", {}).get("natural_person") == 3 and t3["results_total"]["total"] == 5 and
               t3["granted"]["total"] == 2, f"{to}: the new row and the totals read back as filled")
        errors = [f["rule"] for f in report["findings"] if f["severity"] == "error"]
        expect(not errors, f"{to}: no error finding (got {errors})")

    # One more request in the new row: results now 6 against 5 received + 0 carried over.
    bad = os.path.join(tmp, "bad.json")
    json.dump(filled(2099, 4), open(bad, "w", encoding="utf-8"), ensure_ascii=False)
    p = subprocess.run([XXGK, "--formats-dir", FORMATS, "render", bad, "--to", "txt", "--fill-totals"], capture_output=True)
    msg = p.stderr.decode()
    expect(p.returncode == 1 and "[错误 C1]" in msg and "自然人" in msg and not p.stdout,
           f"the format's own arithmetic (its new row among the outcomes): render refuses with C1 on 自然人 (exit {p.returncode}: {msg[:200]})")
    # The new format used for a year of the 2021 format.
    early = os.path.join(tmp, "early.json")
    json.dump(filled(2030, 3), open(early, "w", encoding="utf-8"), ensure_ascii=False)
    out = os.path.join(tmp, "early.txt")
    run("render", early, "--to", "txt", "--fill-totals", "--out", out, ok=(0,))
    report = json.loads(run("parse", "--json", out))
    s3 = [f["message"] for f in report["findings"] if f["rule"] == "S3"]
    expect(any("2099年测试格式" in m and "国办公开办函〔2021〕30号格式" in m for m in s3),
           f"S3 for a 2030 report in the 2099 format, worded from the formats' names (got {s3})")

    # A broken format file is refused with its name and cause, exit 2.
    broken = os.path.join(tmp, "broken")
    os.mkdir(broken)
    with open(os.path.join(broken, "x.json"), "w", encoding="utf-8") as f:
        json.dump({"id": "x", "inherits": "gov2021", "table3_row_delta": {"remove": [], "insert_after": "nope", "insert": []}}, f)
    p = subprocess.run([XXGK, "--formats-dir", broken, "formats"], capture_output=True)
    expect(p.returncode == 2 and "nope" in p.stderr.decode(), "a format that does not load: exit 2, the cause named")

print("format from JSON: " + ("ok" if not failures else f"{failures} failed"))
sys.exit(1 if failures else 0)
