#!/usr/bin/env bash
# Bad and hostile inputs: every one gets a clear message naming the file and the cause, exit 2, no crash,
# and bounded memory; the batch goes on with the other files.
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0; passed=0
expect() {  # expect NAME EXIT_CODE STDERR_SUBSTRING -- command...
  local name=$1 code=$2 pattern=$3; shift 4
  local out rc
  out=$("$@" 2>&1 >/dev/null); rc=$?
  if [ "$rc" -ne "$code" ] || ! grep -q -- "$pattern" <<<"$out"; then
    echo "FAIL $name: exit $rc (want $code), stderr: $out"; fail=$((fail+1))
  else
    passed=$((passed+1))
  fi
}

: > "$tmp/empty.txt"
head -c 4096 /dev/urandom > "$tmp/garbage.bin"
printf '今天天气很好，我们去公园散步。\n明天再说。\n' > "$tmp/not_a_report.txt"
# Broken mixed encodings: GBK bytes pasted into UTF-8 text, at a high rate.
python3 - "$tmp/mixed.txt" <<'PY'
import sys
good = "政府信息公开工作年度报告\n".encode()
bad = "一、总体情况".encode("gbk")
open(sys.argv[1], "wb").write((good + bad) * 200)
PY
printf 'PK\003\004\024\000\000\000\010\000' > "$tmp/archive.zip"
printf '\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest' > "$tmp/legacy.doc"
printf '\x89PNG\r\n\x1a\n' > "$tmp/scan.png"
# A 100 MB file: refused before it is read.
truncate -s 100M "$tmp/huge.txt"

# Hostile containers: a zip bomb, deep nesting, a huge table, broken and text-less PDFs.
python3 - "$tmp" <<'PY'
import sys, zipfile
d = sys.argv[1]
with zipfile.ZipFile(f"{d}/bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/document.xml", "<w:document>" + " " * (200 << 20) + "</w:document>")
with zipfile.ZipFile(f"{d}/nested.docx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", "<w:document><w:body>" + "<w:tbl><w:tr><w:tc>" * 20000 + "</w:body></w:document>")
open(f"{d}/deep.html", "w").write("<!DOCTYPE html><html><body>" + "<div>" * 100000 + "x" + "</div>" * 100000 + "</body></html>")
rows = "".join("<tr>" + "<td>0</td>" * 500 + "</tr>" for _ in range(500))
open(f"{d}/huge_table.html", "w").write("<!DOCTYPE html><html><body><table>" + rows + "</table></body></html>")
open(f"{d}/broken.pdf", "wb").write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage garbage\n%%EOF")
blank = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
         b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
         b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
         b"trailer << /Root 1 0 R >>\n%%EOF\n")
open(f"{d}/scan.pdf", "wb").write(blank)
open(f"{d}/notzip.docx", "wb").write(b"PK\x03\x04word/" + b"\x00" * 100)
PY
# Pathological but valid-looking text: every one must finish in bounded time.
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
head = "某局2024年政府信息公开工作年度报告\n一、总体情况\n正文\n二、主动公开政府信息情况\n第二十条第（一）项\n三、收到和处理政府信息公开申请情况\n"
open(f"{d}/long_table.txt", "w").write(head + "".join(f"{i}.属于国家秘密\t" + "\t".join(["1"] * 7) + "\n" for i in range(20000)))
open(f"{d}/digit_wall.txt", "w").write(head + ("一、本年新收政府信息公开申请数量" + "1" * 400) * 500)
open(f"{d}/one_line.txt", "w").write((head.replace("\n", "") + "行政许可 12 " * 3000) * 20)
PY
for f in long_table digit_wall one_line; do
  start=$(date +%s)
  timeout 30 "$bin" parse "$tmp/$f.txt" >/dev/null 2>&1; rc=$?
  if [ $rc -gt 2 ]; then echo "FAIL pathological $f: exit $rc (timeout or crash)"; fail=$((fail+1)); else passed=$((passed+1)); fi
  echo "pathological $f: $(( $(date +%s) - start )) s"
done
expect zip_bomb 2 "bomb.docx: DOCX 解压后过大" -- timeout 60 bash -c "ulimit -v 1000000; exec '$bin' check '$tmp/bomb.docx'"
expect docx_nesting 2 "nested.docx: DOCX 正文结构嵌套过深" -- timeout 60 "$bin" check "$tmp/nested.docx"
expect html_nesting 2 "deep.html: HTML 元素嵌套过深" -- timeout 60 "$bin" check "$tmp/deep.html"
expect html_huge_table 2 "huge_table.html: HTML 表格过大" -- timeout 60 "$bin" check "$tmp/huge_table.html"
expect pdf_broken 2 "broken.pdf: PDF" -- timeout 60 "$bin" check "$tmp/broken.pdf"
expect pdf_scan 2 "scan.pdf: PDF 没有文字层" -- timeout 60 "$bin" check "$tmp/scan.pdf"
expect docx_notzip 2 "notzip.docx: DOCX" -- timeout 60 "$bin" check "$tmp/notzip.docx"

expect empty 2 "empty.txt: 文件为空" -- "$bin" check "$tmp/empty.txt"
expect garbage 2 "garbage.bin: " -- "$bin" parse "$tmp/garbage.bin"
expect not_a_report 2 "未识别为政府信息公开工作年度报告" -- "$bin" check "$tmp/not_a_report.txt"
expect mixed 2 "mixed.txt: 无法识别文字编码" -- "$bin" check "$tmp/mixed.txt"
expect zip 2 "压缩包" -- "$bin" check "$tmp/archive.zip"
expect doc 2 "旧版 Word" -- "$bin" check "$tmp/legacy.doc"
expect png 2 "图片" -- "$bin" check "$tmp/scan.png"
expect missing 2 "nope.txt: 文件不存在" -- "$bin" check "$tmp/nope.txt"
# Bounded memory: a 100 MB input under a 300 MB address-space limit.
expect huge 2 "文件过大" -- bash -c "ulimit -v 300000; exec '$bin' check '$tmp/huge.txt'"
expect huge_stdin 2 "输入超过上限" -- bash -c "ulimit -v 300000; head -c 70000000 /dev/zero | tr '\\0' 'a' | exec '$bin' parse --max-mb 64 -"
# A 9 KB table whose spans expand to millions of grid cells: refused within the cell limit, in little memory.
python3 -c "print('<html><body><table>' + '<tr><td rowspan=1000 colspan=1000>1</td></tr>' * 200 + '</table></body></html>')" > "$tmp/spans.html"
expect spans 2 "HTML 表格过大" -- bash -c "ulimit -v 400000; exec '$bin' check '$tmp/spans.html'"
# Budgets of time and memory per document, case by case: tests/hostile/hostile.py.
# The batch goes on: one bad file among good ones still yields the good reports, and exit 2.
src=$(dirname "$0")/../../samples
out=$("$bin" parse "$tmp/empty.txt" "$src/daxing_weijianwei_2024.txt" 2>/dev/null); rc=$?
if [ $rc -ne 2 ] || [ "$(grep -c '"schema"' <<<"$out")" -ne 2 ] || ! grep -q '"error"' <<<"$out"; then
  echo "FAIL batch: exit $rc, output lines: $(wc -l <<<"$out")"; fail=$((fail+1))
else
  passed=$((passed+1))
fi
echo "bad inputs: $passed passed, $fail failed"
[ $fail -eq 0 ]
