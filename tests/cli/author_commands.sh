#!/usr/bin/env bash
# template → fill → render (every format, --fill-totals) → check clean; refusals; synth with its
# expectations; render of a parsed report.
set -u
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0; passed=0
check() { if [ "$2" = 0 ]; then passed=$((passed+1)); else echo "FAIL $1: $3"; fail=$((fail+1)); fi; }

"$bin" template --year 2024 --out "$tmp/t.json"; check template_json $? "template --year 2024"
python3 - "$tmp/t.json" "$tmp/filled.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
t["agency"] = "清河县教育局"; t["signed_date"] = "2025-01-20"
texts = {"s1_overview": "本局认真贯彻落实政府信息公开条例。", "s5_problems": "政策解读形式较为单一。",
         "s6_other": "本年度未收取信息处理费。"}
for s in t["sections"]:
    s["text"] = texts.get(s["key"], "")
t["tables"]["t3"]["granted"]["natural_person"] = 3
t["tables"]["t3"]["new_received"]["natural_person"] = 3
t["tables"]["t4"]["review"]["upheld"] = 1
json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)
PY
for f in txt md html docx; do
  "$bin" render "$tmp/filled.json" --to $f --fill-totals --out "$tmp/r.$f"; check "render_$f" $? "render --to $f"
  out=$("$bin" check "$tmp/r.$f"); rc=$?
  check "rendered_${f}_clean" $([ $rc -eq 0 ] && grep -q "0 个错误、0 个警告" <<<"$out"; echo $?) "rendered $f must check clean: $out"
  "$bin" parse "$tmp/r.$f" | python3 -c '
import json, sys
r = json.load(sys.stdin)
assert r["agency"] == "清河县教育局" and r["year"] == 2024, r["agency"]
t3 = r["tables"]["t3"]
assert t3["granted"]["total"] == 3 and t3["results_total"]["total"] == 3 and r["tables"]["t4"]["review"]["total"] == 1'
  check "rendered_${f}_values" $? "values read back from $f"
done
"$bin" render "$tmp/filled.json" --to txt >/dev/null 2>"$tmp/err"; rc=$?
check unfilled_refused $([ $rc -eq 1 ] && grep -q "fill-totals" "$tmp/err"; echo $?) "totals left empty without --fill-totals: exit 1 with advice"
python3 -c '
import json, sys
t = json.load(open(sys.argv[1])); t["tables"]["t3"]["granted"]["total"] = 5; json.dump(t, open(sys.argv[2], "w"), ensure_ascii=False)' "$tmp/filled.json" "$tmp/bad.json"
"$bin" render "$tmp/bad.json" --to html --fill-totals >"$tmp/out" 2>"$tmp/err"; rc=$?
check disagreeing_totals $([ $rc -eq 1 ] && [ ! -s "$tmp/out" ] && grep -q "C2" "$tmp/err"; echo $?) "given totals that disagree: no output, exit 1, C2 named"
"$bin" render "$tmp/filled.json" --to pdf >/dev/null 2>&1; check bad_format $([ $? -eq 2 ]; echo $?) "unknown --to exits 2"

"$bin" template --year 2020 --to xlsx --out "$tmp/t.xlsx" 2>/dev/null; check template_xlsx $? "template --to xlsx"
"$bin" render "$tmp/t.xlsx" --to md --fill-totals --out "$tmp/x.md"; check render_from_xlsx $? "render the xlsx template"
grep -q "第二十条第（九）项" "$tmp/x.md"; check trial_format $? "2020 uses the trial format's table 2"
"$bin" template --year 2016 >/dev/null 2>&1; check template_pre2019 $([ $? -eq 2 ]; echo $?) "no national format before 2019"

"$bin" parse "$src/samples/daxing_weijianwei_2024.txt" > "$tmp/daxing.json"
"$bin" render "$tmp/daxing.json" --to docx --out "$tmp/daxing.docx"; check render_parsed $? "render a parsed report"
"$bin" check "$tmp/daxing.docx" >/dev/null; check render_parsed_clean $? "a clean report stays clean through docx"

"$bin" synth --count 24 --out "$tmp/synth" --formats txt,md,html,docx --seed 3 2>/dev/null; check synth $? "synth"
n=$(ls "$tmp/synth" | grep -vc expected); check synth_files $([ "$n" = 24 ]; echo $?) "24 reports, got $n"
python3 - "$bin" "$tmp/synth" <<'PY'
import glob, json, subprocess, sys
bin, d = sys.argv[1], sys.argv[2]
bad = 0
for e in sorted(glob.glob(d + "/*.expected.json")):
    want = json.load(open(e))
    doc = [p for p in glob.glob(e.replace(".expected.json", ".*")) if not p.endswith(".expected.json")][0]
    r = json.loads(subprocess.run([bin, "parse", doc], capture_output=True, text=True).stdout)
    got = {f["rule"] for f in r["findings"] if f["severity"] != "info"}
    if not set(want["expected_rules"]) <= got or (not want["expected_rules"] and got):
        print("mismatch", doc, want["expected_rules"], sorted(got)); bad += 1
sys.exit(1 if bad else 0)
PY
check synth_expectations $? "every synthetic report raises exactly its expected rules"
for c in template render synth; do "$bin" $c --help >/dev/null 2>&1; check "help_$c" $? "--help for $c"; done
# Write errors on standard output (template and render print to it without --out).
if [ -w /dev/full ]; then
  "$bin" parse "$src/samples/daxing_weijianwei_2024.txt" > "$tmp/report.json" 2>/dev/null
  for cmd in "template --year 2024" "render $tmp/report.json --to md" "render $tmp/report.json --to html"; do
    # shellcheck disable=SC2086
    err=$("$bin" $cmd 2>&1 >/dev/full); rc=$?
    check "dev_full_${cmd%% *}" $([ $rc -eq 2 ] && grep -q "写入" <<<"$err"; echo $?) "'$cmd > /dev/full' gave exit $rc: $err"
  done
fi
: > "$tmp/plain_file"
err=$("$bin" synth --count 2 --out "$tmp/plain_file/synth" 2>&1); rc=$?
check synth_out $([ $rc -eq 2 ] && grep -q "plain_file" <<<"$err"; echo $?) "synth into a folder that cannot be made: exit $rc: $err"
echo "author commands: $passed passed, $fail failed"
[ $fail -eq 0 ]
