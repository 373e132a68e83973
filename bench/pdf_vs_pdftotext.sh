#!/usr/bin/env bash
# Compares the PDF path of xxgk (read + extract + check + JSON) with `pdftotext -layout` alone, on the same
# files, each run N times as separate processes (startup included for both).
# Usage: bench/pdf_vs_pdftotext.sh BUILD/xxgk [N] [PDF...]
set -euo pipefail
bin=$1; n=${2:-20}; shift 2 || true
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$(dirname "$0")"/../tests/fixtures/*.pdf)
python3 - "$bin" "$n" "${files[@]}" <<'PY'
import subprocess, sys, time
bin, n, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def timed(cmd):
    t = time.perf_counter()
    for _ in range(n):
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - t) / n
for f in files:
    a = timed(["pdftotext", "-layout", f, "-"])
    b = timed([bin, "parse", f])
    print(f"{f.split('/')[-1]:45s} pdftotext -layout {a*1000:7.1f} ms   xxgk parse {b*1000:7.1f} ms   ratio {b/a:4.2f}")
PY
