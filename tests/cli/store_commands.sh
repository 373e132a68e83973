#!/usr/bin/env bash
# The corpus commands end to end: ingest (exit codes, idempotence, failed files), list, show, compare,
# stats, missing, agency, export, recheck. On SQLite by default; with "postgresql" as the third argument,
# on the server named by $XXGK_TEST_PG_URL (tests/store/with_postgres.sh provides one).
set -u
bin=$1; src=$2; backend=${3:-sqlite}
s=$src/samples
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if [ "$backend" = postgresql ]; then
  db=$XXGK_TEST_PG_URL
  psql -q "$db" -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;' >/dev/null || exit 1
else
  db="sqlite:$tmp/corpus.db"
fi
fail=0; passed=0
check() {  # check NAME CONDITION-RESULT MESSAGE
  if [ "$2" = 0 ]; then passed=$((passed+1)); else echo "FAIL $1: $3"; fail=$((fail+1)); fi
}
x() { "$bin" "$@" --db "$db"; }

# A corpus: the samples, last year's copy of one report, a file that is not a report.
mkdir -p "$tmp/in"
cp "$s"/*.txt "$tmp/in/"
sed -e 's/2024/2023/g; s/2025/2024/g' "$s/daxing_weijianwei_2024.txt" > "$tmp/in/daxing_2023.txt"
echo "会议纪要：今天讨论了食堂菜单。" > "$tmp/in/notes.txt"

out=$(x ingest "$tmp/in" 2>"$tmp/err"); rc=$?
check ingest_exit2 $([ $rc -eq 2 ]; echo $?) "a file that cannot be processed makes ingest exit 2 (got $rc)"
grep -q "新增 8 个" <<<"$out" && grep -q "无法处理 1 个" <<<"$out"; check ingest_summary $? "summary: $out"
grep -q "notes.txt" "$tmp/err"; check ingest_names_failure $? "the failed file is named on stderr"
grep -q "个/秒" "$tmp/err"; check progress_plain $? "plain progress lines when stderr is not a terminal"
out=$(x ingest "$tmp/in" --json --quiet); rc=$?
python3 -c 'import json,sys; j=json.loads(sys.argv[1]); assert j["added"]==0 and j["known"]==8, j' "$out"
check ingest_idempotent $? "second ingest adds nothing: $out"
check ingest_again_exit2 $([ $rc -eq 2 ]; echo $?) "a rerun ends as the first run did (a file that cannot be processed): exit 2 (got $rc)"


x audit --json | python3 -c 'import json,sys; r=[e for e in json.load(sys.stdin) if e["action"] == "corpus.ingest"]; assert len(r) == 2 and r[0]["actor"] == "命令行" and r[0]["action_zh"] == "批量导入" and "新增" in r[0]["detail"], r'
check ingest_audited $? "each ingest is in the audit trail (xxgk audit)"
out=$(x list); check list_exit0 $? "list"
# One current version per body and year: 大兴 2024 is in the inputs twice, the later stands for it.
grep -q "共 6 份报告" <<<"$out" && grep -q "北京市大兴区" <<<"$out"; check list_table $? "list: $out"
out=$(x list --all-versions); grep -q "共 7 份报告" <<<"$out"; check list_all_versions $? "list --all-versions: $out"
n=$(x list --year 2024 --has-errors --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check list_filters $([ "$n" = 1 ]; echo $?) "one 2024 report with errors, got $n"
# LIKE wildcards typed in a search are searched for as written: "%" and "_" match no body here.
for w in "%" "_" "大兴%"; do
  n=$(x list --agency "$w" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  check "like_escaped_$w" $([ "$n" = 0 ]; echo $?) "list --agency '$w' found $n reports"
done
n=$(x list --agency "大兴" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check like_plain $([ "$n" -ge 1 ]; echo $?) "list --agency 大兴 found $n reports"
n=$(x list --rule R1 --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check list_rule $([ "$n" -ge 1 ]; echo $?) "R1 found for the copied report"
out=$(x list --failed); grep -q "notes.txt" <<<"$out"; check list_failed $? "list --failed: $out"

out=$(x show 海原县卫生健康局); check show_exit0 $? "show"
grep -q "表三 收到和处理政府信息公开申请情况" <<<"$out" && grep -q "表四" <<<"$out"; check show_tables $? "show prints the tables"
out=$(x show 卫生健康委员会 2>&1); rc=$?
check show_ambiguous $([ $rc -eq 2 ] && grep -q "匹配多个机关" <<<"$out"; echo $?) "ambiguous name lists candidates: $out"
x show 北京市大兴区卫生健康委员会 --year 2023 --json | python3 -c '
import json,sys; r=json.load(sys.stdin); assert r["year"]==2023 and r["store"]["region"]=="北京市大兴区", r["store"]'
check show_json $? "show --json"

out=$(x compare 北京市大兴区卫生健康委员会 --years 2023,2024); check compare_exit0 $? "compare"
grep -q "共 200 个单元格" <<<"$out" && grep -q "新出现的问题" <<<"$out" && grep -q "C6" <<<"$out"; check compare_out $? "compare: $out"
x compare 北京市大兴区卫生健康委员会 --years 2021,2024 >/dev/null 2>&1; check compare_missing_year $([ $? -eq 2 ]; echo $?) "a missing year is an error"

out=$(x stats --by year); grep -q "2023" <<<"$out" && grep -q "各规则不通过" <<<"$out" && grep -q "另有 1 个文件无法处理" <<<"$out"
check stats_year $? "stats: $out"
x stats --by region --json | python3 -c '
import json,sys; j=json.load(sys.stdin); g={x["group"]:x for x in j["groups"]}; assert g["北京市大兴区"]["reports"]==2, g'
check stats_region $? "stats --by region"
x stats --by kind >/dev/null; check stats_kind $? "stats --by kind"
x stats --by colour >/dev/null 2>&1; check stats_bad_by $([ $? -eq 2 ]; echo $?) "bad --by exits 2"

printf '名称,地区,类别\n北京市大兴区卫生健康委员会,北京市大兴区,部门\n大兴区教育委员会,北京市大兴区,部门\n' > "$tmp/roster.csv"
out=$(x missing --year 2024 --roster "$tmp/roster.csv"); check missing_exit0 $? "missing"
grep -q "未发布 1 个" <<<"$out" && grep -q "大兴区教育委员会" <<<"$out"; check missing_out $? "missing: $out"
x missing --year 2024 >/dev/null; check missing_roster_kept $? "the roster stays in the store"

x agency alias 大兴区卫健委 北京市大兴区卫生健康委员会 >/dev/null; check alias $? "agency alias"
out=$(x agency list 大兴区卫健委); grep -q "北京市大兴区卫生健康委员会" <<<"$out"; check alias_resolves $? "alias: $out"

x export --to csv --out "$tmp/out.csv" 2>/dev/null; check export_csv $? "export csv"
n=$(wc -l < "$tmp/out.csv"); check export_csv_rows $([ "$n" -eq 7 ]; echo $?) "header + 6 current reports, got $n"
n=$(x export --to jsonl --year 2024 | wc -l); check export_jsonl $([ "$n" -eq 4 ]; echo $?) "4 current reports of 2024, got $n"
n=$(x export --to jsonl --year 2024 --all-versions | wc -l); check export_jsonl_all $([ "$n" -eq 5 ]; echo $?) "5 reports of 2024 with every version, got $n"
x export --to xlsx --out "$tmp/out.xlsx" 2>/dev/null; check export_xlsx $? "export xlsx"
python3 - "$tmp/out.xlsx" <<'PY'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
for n in names:
    if n.endswith((".xml", ".rels", ".vml")):
        xml.dom.minidom.parseString(z.read(n))  # well-formed
wb = z.read("xl/workbook.xml").decode()
for sheet in ["报告", "表二", "表三", "表四", "问题"]:
    assert sheet in wb, sheet
assert any(n.startswith("xl/comments") for n in names), "failing cells carry comments"
styles = z.read("xl/styles.xml").decode()
assert "FFFF9999" in styles.upper(), "a red fill for error cells"
PY
check xlsx_content $? "xlsx sheets, comments and red fill"
x export --to xlsx >/dev/null 2>&1; check xlsx_needs_out $([ $? -eq 2 ]; echo $?) "xlsx without --out exits 2"

out=$(x recheck --json --quiet); rc=$?
python3 -c 'import json,sys; j=json.loads(sys.argv[1]); assert j["reports"]==7 and j["failed"]==1, j' "$out"
check recheck $? "recheck: $out"

"$bin" list --db "mysql://nowhere/x" >/dev/null 2>&1; check bad_url $([ $? -eq 2 ]; echo $?) "an unsupported store URL exits 2"
for c in ingest recheck list show compare stats missing export agency; do
  "$bin" $c --help >/dev/null 2>&1; check "help_$c" $? "--help failed for '$c'"
done
err=$(x export --to xlsx --out /nonexistent/dir/all.xlsx 2>&1); rc=$?
check export_xlsx_missing_dir $([ $rc -eq 2 ] && grep -q "无法写入 /nonexistent/dir/all.xlsx：所在目录不存在" <<<"$err" && ! grep -q "\[ERROR\]" <<<"$err"; echo $?) "export into a missing folder: exit $rc: $err"
# Write errors on standard output: every command that prints reports them (exit 2), none is lost.
if [ -w /dev/full ]; then
  for cmd in "list" "list --failed" "show 北京市大兴区卫生健康委员会" "compare 北京市大兴区卫生健康委员会 --years 2023,2024" \
             "stats --by year" "missing --year 2024" "export --to csv" "export --to jsonl" "agency list" "recheck --json --quiet"; do
    # shellcheck disable=SC2086
    err=$("$bin" $cmd --db "$db" 2>&1 >/dev/full); rc=$?
    check "dev_full_${cmd// /_}" $([ $rc -eq 2 ] && grep -q "写入" <<<"$err"; echo $?) "'$cmd > /dev/full' gave exit $rc: $err"
  done
fi
# A file over the size limit is recorded with its cause (list --failed), and a rerun exits 2 again.
mkdir -p "$tmp/big"; head -c 2100000 /dev/zero | tr '\0' 'a' > "$tmp/big/huge.txt"
x ingest "$tmp/big" --max-mb 1 --quiet >/dev/null 2>&1; rc1=$?
x ingest "$tmp/big" --max-mb 1 --quiet >/dev/null 2>&1; rc2=$?
out=$(x list --failed)
check size_limit_recorded $([ $rc1 -eq 2 ] && [ $rc2 -eq 2 ] && grep -q "huge.txt" <<<"$out" && grep -q "文件过大" <<<"$out"; echo $?) "refused for size: exits $rc1 $rc2; list --failed: $out"
if [ "$backend" = sqlite ]; then
  err=$("$bin" list --db "sqlite:$tmp/typo.db" 2>&1); rc=$?
  check read_never_creates $([ $rc -eq 2 ] && [ ! -e "$tmp/typo.db" ] && grep -q "typo.db 不存在" <<<"$err"; echo $?) "list on a mistyped store: exit $rc: $err"
fi
if [ "$backend" = postgresql ]; then
  # Two first opens of a new database at once: the schema is created once, and both succeed.
  base=${db%/*}
  for k in 1 2 3; do
    psql -q "$db" -c "DROP DATABASE IF EXISTS race$k" -c "CREATE DATABASE race$k" >/dev/null 2>&1
    "$bin" list --db "$base/race$k" >/dev/null 2>"$tmp/race_a$k" & a=$!
    "$bin" list --db "$base/race$k" >/dev/null 2>"$tmp/race_b$k" & b=$!
    wait $a; ra=$?; wait $b; rb=$?
    check "schema_race_$k" $([ $ra -eq 0 ] && [ $rb -eq 0 ]; echo $?) "concurrent first opens: exits $ra $rb: $(cat "$tmp/race_a$k" "$tmp/race_b$k")"
  done
  # A port that accepts and never answers: the default connect timeout ends the wait with exit 2.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  python3 -c "
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', $port)); s.listen(4)
c, _ = s.accept(); time.sleep(30)" & silent=$!
sleep 0.3
start=$(date +%s)
timeout 60 "$bin" list --db "postgresql://x@127.0.0.1:$port/db" >/dev/null 2>&1; rc=$?
took=$(( $(date +%s) - start ))
kill $silent 2>/dev/null; wait $silent 2>/dev/null
check connect_timeout $([ $rc -eq 2 ] && [ $took -le 20 ]; echo $?) "a silent server: exit $rc after $took s"
fi
echo "store commands ($backend): $passed passed, $fail failed"
[ $fail -eq 0 ]
