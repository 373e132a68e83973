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
