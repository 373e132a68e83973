#!/usr/bin/env bash
# The corpus store's speed: ingesting N generated reports into a new SQLite store (all cores), rerunning
# the ingest (everything known), and `xxgk stats` over a store of M reports.
# Usage: bench/store.sh BUILD/xxgk [N=10000] [M=100000]
set -euo pipefail
bin=$1; n=${2:-10000}; m=${3:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
here=$(dirname "$0")
python3 "$here/make_corpus.py" "$dir/small" "$n"
python3 - "$bin" "$dir" "$n" "$m" "$here/make_corpus.py" <<'PY'
import json, os, subprocess, sys, time
bin, d, n, m, make = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def run(args):
    t = time.monotonic()
    r = subprocess.run([bin] + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    return time.monotonic() - t, r

db = f"sqlite:{d}/small.db"
dt, r = run(["ingest", f"{d}/small", "--db", db, "--quiet", "--json"])
j = json.loads(r.stdout)
print(f"ingest {n} reports into SQLite: {dt:.2f} s wall, {n/dt:,.0f} reports/s (added {j['added']}, exit {r.returncode})")
dt, r = run(["ingest", f"{d}/small", "--db", db, "--quiet", "--json"])
print(f"ingest the same {n} again (all known): {dt:.2f} s")
size = os.path.getsize(f"{d}/small.db") / 1e6
print(f"store size: {size:.0f} MB for {n} reports")

subprocess.run(["python3", make, f"{d}/big", str(m)], check=True)
db = f"sqlite:{d}/big.db"
dt, r = run(["ingest", f"{d}/big", "--db", db, "--quiet", "--json"])
print(f"ingest {m} reports into SQLite: {dt:.2f} s wall, {m/dt:,.0f} reports/s (exit {r.returncode})")
for by in ("year", "region", "kind"):
    best = min(run(["stats", "--by", by, "--db", db, "--json"])[0] for _ in range(3))
    print(f"stats --by {by} over {m} reports: {best*1000:.0f} ms (best of 3, whole command)")
best = min(run(["list", "--db", db, "--region", "东城", "--has-errors", "--json"])[0] for _ in range(3))
print(f"list --region 东城 --has-errors over {m} reports: {best*1000:.0f} ms")
PY
