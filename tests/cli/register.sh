#!/usr/bin/env bash
# The office's year through the CLI (issue 14's "done when"): a generated office's Excel ledger goes through
# `xxgk register import`, its table 3, table 4, overdue list and fee findings are the generator's, and the
# draft rendered from the register checks clean (`xxgk check`, exit 0). Then the refusals: a messy ledger
# with bad cells imports nothing and names every row and column; a saved column mapping is reused; a
# published report that disagrees with the register is caught cell by cell (A4).
set -u
bin=$1
fail=0; passed=0
check() {  # check NAME CONDITION-RESULT MESSAGE
  if [ "$2" = 0 ]; then passed=$((passed+1)); else echo "FAIL $1: $3"; fail=$((fail+1)); fi
}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="sqlite:$tmp/r.db"
body=某某市生态环境局

"$bin" register synth --out "$tmp/office" --year 2025 --count 2000 --seed 21 2>/dev/null; check synth $? "register synth"
"$bin" register import "$tmp/office/ledger.xlsx" --body "$body" --db "$db" --dry-run >"$tmp/plan.txt"; check dry_run $? "dry run"
"$bin" register list --body "$body" --db "$db" >/dev/null 2>&1; check dry_run_wrote_nothing $([ $? -eq 2 ]; echo $?) "a dry run created the body"
"$bin" register import "$tmp/office/ledger.xlsx" --body "$body" --db "$db" >"$tmp/import.txt"; check import $? "import: $(cat "$tmp/import.txt")"
grep -q "补正告知日期" "$tmp/import.txt"; check mapping_printed $? "the column mapping is printed"
"$bin" register regulations "$tmp/office/regulations.csv" --body "$body" --db "$db" >/dev/null; check regulations $? "regulations"
read -r lic pen coe fee < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["licenses"], c["penalties"], c["coercions"], c["fees_wan"])' "$tmp/office/counts.json")
"$bin" register counts --body "$body" --year 2025 --licenses "$lic" --penalties "$pen" --coercions "$coe" --fees-wan "$fee" --db "$db" >/dev/null
check counts $? "counts"

# Table 3 and 4 as the generator counted them.
"$bin" register tables --body "$body" --year 2025 --json --db "$db" >"$tmp/tables.json"; check tables_exit $? "tables exit 0"
python3 - "$tmp/tables.json" "$tmp/office/expected.json" <<'PY'; check tables_equal $? "computed tables differ from the generator's"
import json, sys
t, e = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
bad = [(r, c) for r, cols in e["table3"].items() for c, n in cols.items() if t["tables"]["t3"][r][c] != n]
bad += [(b, c) for b, cols in e["table4"].items() for c, n in cols.items() if t["tables"]["t4"][b][c] != n]
bad += [(r, c) for r, cols in e["table2"].items() for c, n in cols.items() if t["tables"]["t2"]["art20_1"][r][c] != n]
assert not bad and not t["problems"], (bad[:5], t["problems"])
PY
# The overdue list at the year's end, and the late replies and the wrong fee as findings.
"$bin" register due --body "$body" --date 2025-12-31 --json --db "$db" >"$tmp/due.json"; check due_exit1 $([ $? -eq 1 ]; echo $?) "overdue applications are error findings (exit 1)"
"$bin" register findings --body "$body" --date 2025-12-31 --json --db "$db" >"$tmp/findings.json"
python3 - "$tmp/due.json" "$tmp/findings.json" "$tmp/office/expected.json" <<'PY'; check overdue_late_fees $? "the overdue list, late replies or fee findings differ"
import json, sys
d, f, e = (json.load(open(p)) for p in sys.argv[1:4])
overdue = sorted(i["serial"] for i in d["items"] if i["state"] == "overdue")
assert overdue == sorted(e["overdue"]), (overdue, e["overdue"])
late = sorted(x["serial"] for x in f["findings"] if x["rule"] == "A1" and "才答复" in x["message"])
assert late == sorted(e["late"]), (len(late), len(e["late"]))
assert sorted(x["serial"] for x in f["findings"] if x["rule"] == "A3") == sorted(e["wrong_fees"])
assert len(e["overdue"]) > 0 and len(e["late"]) > 20
PY
out=$("$bin" register due --body "$body" --date 2025-12-31 --db "$db"); grep -q "已逾期" <<<"$out"; check due_text $? "due lists 已逾期"

# The draft from the register checks clean, in Word and as text.
"$bin" register draft --body "$body" --year 2025 --to docx --out "$tmp/draft.docx" --signed 2026-01-20 --db "$db"; check draft $? "draft"
"$bin" check "$tmp/draft.docx" >"$tmp/check.txt"; check draft_clean $? "the draft does not check clean: $(cat "$tmp/check.txt")"
"$bin" register draft --body "$body" --year 2025 --to txt --db "$db" >"$tmp/draft.txt"
"$bin" check "$tmp/draft.txt" >/dev/null; check draft_txt_clean $? "the text draft does not check clean"
# The computed tables feed `template` (JSON and Excel) and `render` too.
"$bin" template --year 2025 --register "$body" --db "$db" --to xlsx --out "$tmp/filled.xlsx" 2>/dev/null; check template_xlsx $? "template --register"
"$bin" render "$tmp/filled.xlsx" --to txt --out "$tmp/filled.txt" && "$bin" check "$tmp/filled.txt" >/dev/null
check template_render_clean $? "the filled template renders to a report that checks clean"
"$bin" register draft --body "$body" --year 2025 --to json --out "$tmp/draft.json" --db "$db" 2>/dev/null
"$bin" render "$tmp/draft.json" --to html --out "$tmp/draft.html" && "$bin" check "$tmp/draft.html" >/dev/null
check draft_json_render_clean $? "the draft JSON renders to a report that checks clean"
# Stored, it agrees with the register; a copy with one cell changed is caught, naming the applications.
"$bin" ingest "$tmp/draft.docx" --db "$db" >/dev/null 2>&1
"$bin" register check --body "$body" --year 2025 --db "$db" >"$tmp/xc.txt"; check cross_clean $? "stored draft vs register: $(cat "$tmp/xc.txt")"
sed '0,/^一、本年新收政府信息公开申请数量\t\([0-9]*\)/s//一、本年新收政府信息公开申请数量\t9999/' "$tmp/draft.txt" >"$tmp/wrong.txt"
out=$("$bin" register check --body "$body" --year 2025 --report "$tmp/wrong.txt" --db "$db"); rc=$?
check cross_exit1 $([ $rc -eq 1 ]; echo $?) "a disagreeing report exits 1 (got $rc)"
grep -q "A4.*本年新收.*自然人.*报告填 9999.*YSQ-2025-" <<<"$out"; check cross_names_apps $? "A4 names the cell and the applications: ${out:0:300}"

# A messy ledger: a title row, a merged two-row header, text dates and serials, a blank row, a 合计 row — and
# three bad cells. Nothing is imported, and each bad cell is named by its row and column.
printf '%s\n' '某局依申请公开台账,,,,,' '编号,申请人,,收到日期,答复,' ',姓名,类型,,日期,结果' \
  'M-1,张三,个人,45720,2025/3/20,公开' ',,,,,' 'M-2,某公司,公司,2025年13月5日,2025.04.01,部分公开' \
  'M-3,李四,律师,2025-03-07,2025-03-28,不予公开' '合计,3,,,,' >"$tmp/messy.csv"
"$bin" register import "$tmp/messy.csv" --body 某某县档案馆 --db "$db" 2>"$tmp/messy.err"; rc=$?
check messy_exit2 $([ $rc -eq 2 ]; echo $?) "a ledger with bad cells exits 2 (got $rc)"
grep -q "第 6 行 D 列（收到日期）" "$tmp/messy.err" && grep -q "第 7 行 C 列（申请人类型）" "$tmp/messy.err" && grep -q "第 7 行 F 列（答复结果）" "$tmp/messy.err"
check messy_named $? "errors name row and column: $(cat "$tmp/messy.err")"
grep -q "未导入任何记录" "$tmp/messy.err"; check messy_nothing $? "says nothing was imported"
n=$("$bin" register list --body 某某县档案馆 --json --db "$db" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
check messy_none_imported $([ "$n" = 0 ]; echo $?) "rows were imported from a bad ledger ($n)"
sed -i 's/2025年13月5日/2025年3月5日/; s/,律师,/,律所,/; s/不予公开$/不予公开—属于国家秘密/' "$tmp/messy.csv"
"$bin" register import "$tmp/messy.csv" --body 某某县档案馆 --db "$db" >"$tmp/messy.out"; check messy_fixed $? "the corrected ledger imports: $(cat "$tmp/messy.out")"
grep -q "已导入 3 件" "$tmp/messy.out"; check messy_three $? "three applications: $(cat "$tmp/messy.out")"

# A ledger with headers xxgk does not know: a mapping given once is saved and reused.
printf '%s\n' '登记号,来件时间,身份,回复' 'Z-1,2025-05-06,企业,2025-05-20' >"$tmp/odd.csv"
"$bin" register import "$tmp/odd.csv" --body 某某县气象局 --db "$db" >/dev/null 2>&1; check odd_refused $([ $? -eq 2 ]; echo $?) "unknown headers are refused"
echo '{"serial": "登记号", "received": "来件时间", "kind": "身份", "replied": "回复"}' >"$tmp/map.json"
"$bin" register import "$tmp/odd.csv" --body 某某县气象局 --mapping "$tmp/map.json" --db "$db" >/dev/null; check odd_mapped $? "the mapping reads it"
printf '%s\n' '登记号,来件时间,身份,回复' 'Z-2,2025-06-06,个人,' >"$tmp/odd2.csv"
"$bin" register import "$tmp/odd2.csv" --body 某某县气象局 --db "$db" >/dev/null; check odd_reused $? "the saved mapping is reused"
n=$("$bin" register list --body 某某县气象局 --json --db "$db" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check odd_two $([ "$n" = 2 ]; echo $?) "two applications after the second import ($n)"
"$bin" audit --db "$db" 2>/dev/null | grep -q "导入台账"; check audited $? "imports are audited"

echo "cli register: $passed passed, $fail failed"
[ "$fail" -eq 0 ]
