#!/usr/bin/env bash
# Bounded load test: wrk, 50 connections for DURATION seconds (default 30) posting a seed report to
# /api/check. Passes only with zero errors (connect, read, write, timeout, non-2xx). Prints throughput and
# latency percentiles; the full wrk output goes to ARTIFACTS/load.txt.
#   tests/web/load_test.sh BUILD/xxgk SOURCE_DIR [DURATION] [ARTIFACTS]
set -u
bin=$1; src=$2; duration=${3:-30}; artifacts=${4:-$(dirname "$bin")/web-artifacts}
command -v wrk >/dev/null || bash "$src/scripts/install-deps.sh" --test
mkdir -p "$artifacts"
tmp=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# wrk's 50 connections all come from 127.0.0.1: one client address, so its cap is raised for this test.
"$bin" serve --db "sqlite:$tmp/load.db" --port "$port" --quiet --max-connections-per-client 100 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
XXGK_SEED="$src/samples/daxing_weijianwei_2024.txt" wrk -t2 -c50 -d"${duration}s" --timeout 10s --latency \
  -s "$src/tests/web/post_seed.lua" "http://127.0.0.1:$port/" > "$artifacts/load.txt" 2>&1
cat "$artifacts/load.txt"
line=$(grep '^XXGK ' "$artifacts/load.txt")
[ -n "$line" ] || { echo "load test: wrk gave no summary"; exit 1; }
python3 - "$line" <<'PY'
import sys
kv = dict(x.split("=") for x in sys.argv[1].split()[1:])
errors = sum(int(kv[k]) for k in kv if k.startswith("errors_"))
print(f"load test: {kv['requests']} requests, {kv['rps']} requests/s, p50 {kv['p50_ms']} ms, p99 {kv['p99_ms']} ms, {errors} errors")
sys.exit(0 if errors == 0 and int(kv["requests"]) > 0 else 1)
PY
