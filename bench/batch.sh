#!/usr/bin/env bash
# Timed batch run of the CLI over a directory of generated reports: wall time, reports/s and peak RSS.
# Usage: bench/batch.sh BUILD/xxgk [N]
set -euo pipefail
bin=$1; n=${2:-10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 "$(dirname "$0")/make_corpus.py" "$dir/reports" "$n"
python3 - "$bin" "$dir/reports" "$n" <<'PY'
import resource, subprocess, sys, time
bin, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for cmd, label in (([bin, "check", d], "check"), ([bin, "parse", d], "parse")):
    t = time.monotonic()
    r = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dt = time.monotonic() - t
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"xxgk {label} over {n} reports: {dt:.2f} s, {n/dt:,.0f} reports/s, exit {r.returncode}, peak RSS so far {rss:.1f} MB")
PY
