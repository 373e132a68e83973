#!/usr/bin/env bash
# Kills an ingest with SIGKILL in the middle of a batch, checks that the store holds only whole documents
# (each with its report and all its findings), then reruns the ingest: it completes the batch with no
# duplicate and no document left unchecked across years.
set -u
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
db="$tmp/crash.db"
python3 "$src/bench/make_corpus.py" "$tmp/in" 3000 >/dev/null || exit 1
unique=$(python3 -c '
import hashlib, os, sys
d = sys.argv[1]
print(len({hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest() for f in os.listdir(d)}))' "$tmp/in")
fail=0; passed=0
check() { if [ "$2" = 0 ]; then passed=$((passed+1)); else echo "FAIL $1: $3"; fail=$((fail+1)); fi; }

# Whole documents only: every document processed has exactly one report, and every report's counts match
# its stored findings.
consistent() {
  python3 - "$db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
q = lambda s: c.execute(s).fetchone()[0]
assert q("SELECT COUNT(*) FROM documents d WHERE d.status = 'ok' AND (SELECT COUNT(*) FROM reports r WHERE r.document_id = d.id) <> 1") == 0, "a document without its report"
assert q("SELECT COUNT(*) FROM reports r WHERE r.errors + r.warnings + r.infos <> (SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id)") == 0, "a report without all its findings"
assert q("SELECT COUNT(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = f.report_id)") == 0, "orphan findings"
assert q("SELECT COUNT(*) - COUNT(DISTINCT sha256) FROM documents") == 0, "duplicate documents"
print(q("SELECT COUNT(*) FROM documents"))
PY
}

"$bin" ingest "$tmp/in" --db "sqlite:$db" --threads 1 --quiet >/dev/null 2>&1 &
pid=$!
stored=0
for _ in $(seq 1 400); do
  sleep 0.02
  stored=$(python3 -c '
import sqlite3, sys
try: print(sqlite3.connect(sys.argv[1], timeout=5).execute("SELECT COUNT(*) FROM documents").fetchone()[0])
except Exception: print(0)' "$db" 2>/dev/null)
  [ "${stored:-0}" -ge 200 ] && break
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
after_kill=$(consistent); rc=$?
check consistent_after_kill $rc "store inconsistent after SIGKILL"
check killed_mid_batch $([ "${after_kill:-0}" -gt 0 ] && [ "${after_kill:-0}" -lt "$unique" ]; echo $?) \
  "the kill must land mid-batch: $after_kill of $unique stored"

"$bin" ingest "$tmp/in" --db "sqlite:$db" --quiet > "$tmp/out" 2>&1; rc=$?
check rerun_exit0 $([ $rc -eq 0 ]; echo $?) "rerun exit $rc: $(cat "$tmp/out")"
final=$(consistent); check consistent_after_rerun $? "store inconsistent after rerun"
check complete $([ "$final" = "$unique" ]; echo $?) "all $unique distinct documents stored once, got $final"
pending=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM corpus_pending").fetchone()[0])' "$db")
check no_pending $([ "$pending" = 0 ]; echo $?) "$pending bodies left without cross-year checks"
echo "ingest crash: killed at $after_kill of $unique documents; $passed passed, $fail failed"
[ $fail -eq 0 ]
