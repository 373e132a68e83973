#!/usr/bin/env bash
# CLI behaviour on real samples: exit codes, output shapes, stdin, directories, --help everywhere.
set -u
bin=$1; src=$2
s=$src/samples
fail=0; passed=0
check() {  # check NAME CONDITION-RESULT MESSAGE
  if [ "$2" = 0 ]; then passed=$((passed+1)); else echo "FAIL $1: $3"; fail=$((fail+1)); fi
}

"$bin" check "$s/daxing_weijianwei_2024.txt" >/dev/null; check clean_exit0 $([ $? -eq 0 ]; echo $?) "clean report must exit 0"
"$bin" check "$s/demo_defects_daxing_2024.txt" >/dev/null; check errors_exit1 $([ $? -eq 1 ]; echo $?) "error findings must exit 1"
out=$("$bin" check "$s/demo_defects_daxing_2024.txt")
grep -q "错误 C2" <<<"$out"; check c2_printed $? "C2 not printed: $out"
grep -q "汇总：检查 1 个文件" <<<"$out"; check summary $? "summary line missing"
out=$("$bin" parse --json "$s/daxing_weijianwei_2024.txt")
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["schema"]=="xxgk/report@1" and r["format"]=="gov2021" and r["tables"]["t3"]["new_received"]["total"]==7' "$out"
check parse_json $? "parse --json output"
out=$("$bin" parse - < "$s/daxing_weijianwei_2024.txt")
python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["source"]["name"]=="-"' "$out"; check stdin $? "stdin"
n=$("$bin" parse "$s" | wc -l); check jsonl $([ "$n" -eq "$(ls "$s" | wc -l)" ]; echo $?) "one JSON line per file, got $n"
# A worker pool prints exactly what one thread prints, in input order.
diff <("$bin" check -j 1 "$s" 2>&1) <("$bin" check -j 3 "$s" 2>&1) >/dev/null; check jobs_same_check $? "check -j 3 differs from -j 1"
diff <("$bin" parse -j 1 "$s" 2>&1) <("$bin" parse -j 3 "$s" 2>&1) >/dev/null; check jobs_same_parse $? "parse -j 3 differs from -j 1"
"$bin" check "$s" >/dev/null; check dir_exit1 $([ $? -eq 1 ]; echo $?) "directory with a defective report must exit 1"
out=$("$bin" dump "$src/tests/fixtures/daxing_weijianwei_2024.docx")
grep -q "表格1第1行" <<<"$out" && grep -q "本年新收政府信息公开申请数量" <<<"$out"; check dump_docx $? "dump shows table rows with provenance"
for c in "" parse check formats dump; do
  "$bin" $c --help >/dev/null 2>&1; check "help_$c" $? "--help failed for '$c'"
done
"$bin" bogus >/dev/null 2>&1; check usage_exit2 $([ $? -eq 2 ]; echo $?) "usage error must exit 2"
"$bin" parse "$s/daxing_weijianwei_2024.txt" | head -c 10 >/dev/null; check broken_pipe $? "broken pipe"
# Write errors on standard output are reported with exit 2, never lost (a closed pipe is not an error).
if [ -w /dev/full ]; then
  for cmd in "parse --json $s/daxing_weijianwei_2024.txt" "check $s" "formats" "formats --json" "dump $s/daxing_weijianwei_2024.txt"; do
    err=$("$bin" $cmd 2>&1 >/dev/full); rc=$?
    check "dev_full_${cmd%% *}" $([ $rc -eq 2 ] && grep -q "写入标准输出失败" <<<"$err"; echo $?) "'$cmd > /dev/full' gave exit $rc: $err"
  done
fi
err=$("$bin" frobnicate 2>&1); rc=$?
check unknown_subcommand $([ $rc -eq 2 ] && grep -q "没有这个子命令：frobnicate" <<<"$err"; echo $?) "unknown subcommand not named: $err"
"$bin" parse --max-mb -1 "$s/daxing_weijianwei_2024.txt" >/dev/null 2>&1; check max_mb_negative $([ $? -eq 2 ]; echo $?) "--max-mb -1 must be refused"
"$bin" serve --port 99999 >/dev/null 2>&1; check port_range $([ $? -eq 2 ]; echo $?) "--port 99999 must be refused"
tmp=$(mktemp -d); printf 'x' > "$tmp/bad"$'\n'"name"$'\x1b'"[31m.txt"
err=$("$bin" check "$tmp" 2>&1 >/dev/null)
check escaped_name $(grep -q 'bad\\nname\\x1b\[31m.txt' <<<"$err" && ! grep -q $'\x1b' <<<"$err"; echo $?) "control characters in a file name printed raw: $err"
# A file name that is not UTF-8 (GBK names on a Linux disk): the report JSON stays valid UTF-8.
cp "$s/daxing_weijianwei_2024.txt" "$tmp/"$'\xb1\xa8\xb8\xe6'".txt"
"$bin" parse "$tmp/"$'\xb1\xa8\xb8\xe6'".txt" | python3 -c 'import json,sys; r=json.loads(sys.stdin.buffer.read().decode("utf-8")); assert "\ufffd" in r["source"]["name"]'
check name_not_utf8 $? "a non-UTF-8 file name must give valid JSON"
printf 'x' > "$tmp/"$'\xb1\xa8'".txt"
"$bin" parse "$tmp/"$'\xb1\xa8'".txt" "$s/daxing_weijianwei_2024.txt" 2>/dev/null | python3 -c 'import json,sys; r=[json.loads(l) for l in sys.stdin.buffer.read().decode("utf-8").splitlines()]; assert r[0]["error"]["code"] and "\ufffd" in r[0]["source"]["name"]'
check error_line_name_not_utf8 $? "the error line of a non-UTF-8 file name must be valid JSON"
rm -rf "$tmp"
# Output files that cannot be written: exit 2 and a message naming the file and the cause.
err=$("$bin" template --year 2024 --out /nonexistent/dir/t.json 2>&1); rc=$?
check template_out $([ $rc -eq 2 ] && grep -q "无法写入 /nonexistent/dir/t.json：所在目录不存在" <<<"$err"; echo $?) "template --out into a missing folder: exit $rc: $err"
tmp=$(mktemp -d)
"$bin" parse "$s/daxing_weijianwei_2024.txt" > "$tmp/r.json" 2>/dev/null
err=$("$bin" render "$tmp/r.json" --to md --out /nonexistent/dir/r.md 2>&1); rc=$?
rm -rf "$tmp"
check render_out $([ $rc -eq 2 ] && grep -q "无法写入 /nonexistent/dir/r.md" <<<"$err"; echo $?) "render --out into a missing folder: exit $rc: $err"
# docs/rules.md's tables are the registry's own output: they cannot drift from the code.
docs_tables=$(awk '/^<!-- rules (of one report|over the corpus|over the register): generated/{on=1} on{print} /^<!-- end of generated rules -->/{on=0; print ""}' "$src/docs/rules.md")
diff <(printf '%s\n' "$docs_tables") <("$bin" rules --markdown) >/dev/null
check rules_doc $? "docs/rules.md's rule tables differ from 'xxgk rules --markdown' (regenerate them)"
"$bin" rules --json | python3 -c 'import json,sys; r=json.load(sys.stdin); assert len(r) >= 24 and all(x["title"] and x["fix"] for x in r)'
check rules_json $? "xxgk rules --json"
"$bin" formats --json | python3 -c 'import json,sys; j=json.load(sys.stdin); assert [f["id"] for f in j["formats"]] == ["gov2021", "gov2019trial", "legacy2008"] and all(f["name"] for f in j["formats"]) and len(j["body_kinds"]) == 3'
check formats_json $? "xxgk formats --json: the built-in formats newest first, named, and the kinds of body"
err=$("$bin" --formats-dir "$tmp/no-such-dir" formats 2>&1); rc=$?
check formats_dir_missing $([ $rc -eq 2 ] && grep -q "no-such-dir" <<<"$err"; echo $?) "--formats-dir of a missing folder: exit $rc: $err"
# Accounts: added with the password on standard input, listed, disabled, refused with a reason.
utmp=$(mktemp -d); udb="sqlite:$utmp/users.db"
echo "correct horse battery" | "$bin" user add zhang.san --role officer --agency 北京市大兴区卫生健康委员会 --db "$udb" 2>/dev/null
check user_add $? "user add (officer)"
echo "another long password" | "$bin" user add wang.wu --role 审核人 --region 北京市大兴区 --db "$udb" 2>/dev/null
check user_add_reviewer $? "user add (reviewer, Chinese role name)"
err=$(echo "short" | "$bin" user add li.si --role admin --db "$udb" 2>&1); rc=$?
check user_weak_password $([ $rc -eq 2 ] && grep -q "密码太短" <<<"$err"; echo $?) "a weak password: exit $rc: $err"
err=$(echo "correct horse battery" | "$bin" user add zhao --role boss --db "$udb" 2>&1); rc=$?
check user_bad_role $([ $rc -eq 2 ] && grep -q "角色只能是" <<<"$err"; echo $?) "an unknown role: exit $rc: $err"
"$bin" user disable wang.wu --db "$udb" 2>/dev/null
"$bin" user list --json --db "$udb" | python3 -c 'import json,sys; u={a["name"]: a for a in json.load(sys.stdin)}; assert u["wang.wu"]["disabled"] and u["zhang.san"]["agency"] == "北京市大兴区卫生健康委员会" and u["wang.wu"]["scopes"] == [{"kind": "region", "value": "北京市大兴区"}]'
check user_list $? "user list --json after disable"
echo "a brand new password" | "$bin" user passwd zhang.san --db "$udb" 2>/dev/null
check user_passwd $? "user passwd"
"$bin" user scope wang.wu --region 北京市 --region 河南省 --db "$udb" 2>/dev/null
"$bin" user list --json --db "$udb" | python3 -c 'import json,sys; u={a["name"]: a for a in json.load(sys.stdin)}; assert [s["value"] for s in u["wang.wu"]["scopes"]] == ["北京市", "河南省"]'
check user_scope $? "user scope replaces a reviewer's regions"
err=$("$bin" user scope wang.wu --scope-agency 不存在的机关 --db "$udb" 2>&1); rc=$?
check user_scope_unknown $([ $rc -eq 2 ] && grep -q "没有名为" <<<"$err"; echo $?) "a scope naming an unknown body: exit $rc: $err"
"$bin" audit --json --db "$udb" | python3 -c 'import json,sys; a=[e["action"] for e in json.load(sys.stdin)]; assert a[0] == "account.scope" and "account.password" in a'
check audit_scope $? "the audit trail has the change of scope first"
# Deleting stored reports: by report number, audited, an unknown number said and exit 2.
"$bin" ingest "$src/samples" --db "$udb" --quiet >/dev/null
first=$("$bin" list --json --db "$udb" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
before=$("$bin" list --json --all-versions --db "$udb" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
out=$("$bin" delete "$first" --db "$udb" 2>&1); rc=$?
after=$("$bin" list --json --all-versions --db "$udb" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
check delete_report $([ $rc -eq 0 ] && [ $after -eq $((before - 1)) ] && grep -q "已删除" <<<"$out"; echo $?) "delete $first: exit $rc, $before → $after reports: $out"
err=$("$bin" delete "$first" --db "$udb" 2>&1); rc=$?
check delete_unknown $([ $rc -eq 2 ] && grep -q "没有编号为 $first 的报告" <<<"$err"; echo $?) "delete an unknown report: exit $rc: $err"
"$bin" audit --json --db "$udb" | python3 -c 'import json,sys; e=json.load(sys.stdin)[0]; assert e["action"] == "report.delete" and e["actor"] == "命令行" and e["action_zh"] == "删除报告"'
check audit_delete $? "the deletion is audited"
# The supervisor's year: registry, coverage, rollup, indicators, score, notice.
printf '名称,别名,上级机关,类别,地区,发布期限,汇总\n北京市大兴区人民政府,大兴区政府,,本级政府,北京市大兴区,,否\n北京市大兴区卫生健康委员会,大兴区卫健委,北京市大兴区人民政府,部门,北京市大兴区,,否\n北京市大兴区教育委员会,,北京市大兴区人民政府,部门,北京市大兴区,2月15日,否\n' > "$utmp/reg.csv"
out=$("$bin" registry import "$utmp/reg.csv" --dry-run --db "$udb" 2>&1); rc=$?
check registry_dry_run $([ $rc -eq 0 ] && grep -q "将导入：新增 3 个" <<<"$out" && [ "$("$bin" registry list --json --db "$udb")" = "[]" ]; echo $?) "registry import --dry-run changes nothing: $out"
"$bin" registry import "$utmp/reg.csv" --db "$udb" >/dev/null
"$bin" registry list --json --db "$udb" | python3 -c 'import json,sys; b=json.load(sys.stdin); assert [x["depth"] for x in b] == [0,1,1] and b[2]["deadline"] == "02-15", b'
check registry_list $? "registry list: a tree of three, the deadline kept"
printf '名称,类别\n甲局,局级\n' > "$utmp/bad.csv"
err=$("$bin" registry import "$utmp/bad.csv" --db "$udb" 2>&1); rc=$?
check registry_bad_row $([ $rc -eq 2 ] && grep -q "bad.csv：第2行“类别”的“局级”无法识别" <<<"$err"; echo $?) "a bad registry row: exit $rc: $err"
"$bin" registry alias 北京市大兴区教育委员会 大兴区教委 --db "$udb" 2>/dev/null
"$bin" registry show 大兴区教委 --json --db "$udb" | python3 -c 'import json,sys; b=json.load(sys.stdin); assert "大兴区教委" in b["aliases"], b'
check registry_alias $? "registry alias, then show by the alias"
"$bin" registry set 北京市大兴区人民政府 --aggregates 是 --deadline 3月20日 --db "$udb" 2>/dev/null
"$bin" registry show 北京市大兴区人民政府 --json --db "$udb" | python3 -c 'import json,sys; b=json.load(sys.stdin); assert b["aggregates"] and b["deadline"] == "03-20", b'
check registry_set $? "registry set: 汇总 and a deadline of its own"
"$bin" registry remove 北京市大兴区教育委员会 --db "$udb" 2>/dev/null && "$bin" registry import "$utmp/reg.csv" --db "$udb" >/dev/null
"$bin" audit --json --db "$udb" | python3 -c 'import json,sys; a=[e["action"] for e in json.load(sys.stdin)]; assert a[:2] == ["registry.import", "registry.remove"], a[:3]'
check registry_remove $? "registry remove, audited; a merge import brings the body back"
err=$("$bin" registry set 北京市大兴区人民政府 --category 局级 --db "$udb" 2>&1); rc=$?
check registry_set_bad $([ $rc -eq 2 ] && grep -q "类别“局级”无法识别" <<<"$err"; echo $?) "registry set with an unknown category: exit $rc"
err=$("$bin" registry move 北京市大兴区人民政府 --to 北京市大兴区教育委员会 --db "$udb" 2>&1); rc=$?
check registry_move_cycle $([ $rc -eq 2 ] && grep -q "下级" <<<"$err"; echo $?) "a move into its own subtree: exit $rc: $err"
"$bin" coverage --year 2024 --date 2025-06-30 --json --db "$udb" | python3 -c 'import json,sys; c=json.load(sys.stdin)["counts"]; assert (c["due"], c["published"], c["missing_overdue"]) == (3, 1, 2), c'
check coverage_json $? "coverage: 3 due, 1 published, 2 missing past the deadline"
"$bin" coverage --year 2024 --xlsx "$utmp/cov.xlsx" --db "$udb" 2>/dev/null
check coverage_xlsx $([ "$(head -c 2 "$utmp/cov.xlsx")" = PK ]; echo $?) "coverage --xlsx writes a workbook"
"$bin" score --year 2024 --date 2025-06-30 --pack example-city --json --db "$udb" | python3 -c 'import json,sys; s=json.load(sys.stdin); b={x["name"]: x for x in s["bodies"]}; assert b["北京市大兴区教育委员会"]["score"] == 8 and s["bodies"][0]["rank"] == 1, s'
check score_json $? "score --pack example-city: a missing body loses 2 of 10"
err=$("$bin" score --year 2024 --pack nosuch --db "$udb" 2>&1); rc=$?
check score_unknown_pack $([ $rc -eq 2 ] && grep -q "内置方案" <<<"$err"; echo $?) "an unknown pack: exit $rc"
"$bin" notice --year 2024 --date 2025-06-30 --issuer 大兴区政务公开办 --db "$udb" > "$utmp/n.html"
check notice_html $(grep -q "应发布2024年度政府信息公开工作年度报告的机关共 3 个" "$utmp/n.html" && grep -q '#library/report/' "$utmp/n.html"; echo $?) "notice as HTML, with links"
"$bin" notice --year 2024 --to docx --out "$utmp/n.docx" --db "$udb" 2>/dev/null && "$bin" notice --year 2024 --to xlsx --out "$utmp/n.xlsx" --db "$udb" 2>/dev/null
check notice_files $([ "$(head -c 2 "$utmp/n.docx")" = PK ] && [ "$(head -c 2 "$utmp/n.xlsx")" = PK ]; echo $?) "notice as Word and Excel"
err=$("$bin" notice --year 2024 --to pdf --db "$udb" 2>&1); rc=$?
check notice_bad_format $([ $rc -eq 2 ]; echo $?) "notice --to pdf: exit $rc"
"$bin" rollup --year 2024 --parent 北京市大兴区人民政府 --json --db "$udb" | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; assert r["why"] == "本级没有本年度报告" and r["missing"] == ["北京市大兴区教育委员会"], r'
check rollup_json $? "rollup of a parent without its own report says why and names the children without one"
"$bin" synth --province --out "$utmp/province" 2>/dev/null
check synth_province $([ "$(wc -l < "$utmp/province/registry.csv")" -eq 3008 ] && [ -d "$utmp/province/2024" ] && python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); assert e["bodies"] == 3007 and set(e["years"]) == {"2020","2021","2022","2023","2024"}' "$utmp/province/expected.json"; echo $?) "synth --province: a registry of 3,007 bodies, five years, the expected results"
err=$("$bin" user list --db "sqlite:$utmp/none.db" 2>&1); rc=$?
check user_list_missing_db $([ $rc -eq 2 ]; echo $?) "user list on a missing store: exit $rc: $err"
rm -rf "$utmp"

echo "cli commands: $passed passed, $fail failed"
[ $fail -eq 0 ]
