#!/usr/bin/env bash
# `xxgk parse` and `xxgk check` over directories of generated reports as whole processes, as a user runs
# them: 2,000 and 10,000 reports (bench/make_corpus.py), with -j 1 and with the default (every core). For each,
# the median of five runs of wall seconds and of CPU seconds (user + system), reports per wall second, and
# the peak RSS. Run it with the machine otherwise idle.
# Usage: bench/batch.sh BUILD/xxgk [SIZES…]   (default sizes: 2000 10000)
set -euo pipefail
bin=$1; shift
sizes=${*:-2000 10000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for n in $sizes; do python3 "$(dirname "$0")/make_corpus.py" "$dir/$n" "$n" >/dev/null; done
python3 - "$bin" "$dir" $sizes <<'PY'
import os, statistics, subprocess, sys, time
bin, root, sizes = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3:]]
print(f"| command | reports | -j | wall s (median of 5) | CPU s (median) | reports / wall s | peak RSS MB |")
print(f"|---|---|---|---|---|---|---|")
for n in sizes:
    d = os.path.join(root, str(n))
    for cmd in ("parse", "check"):
        for jobs in ("1", "default"):
            walls, cpus, rss = [], [], 0
            for _ in range(5):
                args = [bin, cmd, d] + (["-j", "1"] if jobs == "1" else [])
                t = time.monotonic()
                p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                _, status, ru = os.wait4(p.pid, 0)
                walls.append(time.monotonic() - t)
                cpus.append(ru.ru_utime + ru.ru_stime)
                rss = max(rss, ru.ru_maxrss / 1024)
            w, c = statistics.median(walls), statistics.median(cpus)
            print(f"| xxgk {cmd} | {n:,} | {jobs} | {w:.2f} | {c:.2f} | {n / w:,.0f} | {rss:.1f} |")
PY
