#!/usr/bin/env bash
# Bounded load test: wrk, 50 connections for DURATION seconds (default 30) posting a seed report to
# /api/check. Passes only with zero errors (connect, read, write, timeout, non-2xx). Prints throughput and
# latency percentiles; the full wrk output goes to ARTIFACTS/load.txt. With MODE "sessions" the server has
# accounts and listens on 127.0.0.2: every request is signed in (session cookie, CSRF token).
#   tests/web/load_test.sh BUILD/xxgk SOURCE_DIR [DURATION] [ARTIFACTS] [MODE]
set -u
bin=$1; src=$2; duration=${3:-30}; artifacts=${4:-$(dirname "$bin")/web-artifacts}; mode=${5:-}
command -v wrk >/dev/null || bash "$src/scripts/install-deps.sh" --test
mkdir -p "$artifacts"
tmp=$(mktemp -d)
host=127.0.0.1; out="$artifacts/load.txt"
if [ "$mode" = sessions ]; then
  host=127.0.0.2; out="$artifacts/load-sessions.txt"
  echo "load test password" | "$bin" user add load.officer --role officer --agency 北京市大兴区卫生健康委员会 --db "sqlite:$tmp/load.db" 2>/dev/null || exit 1
fi
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('$host',0)); print(s.getsockname()[1])")
# wrk's 50 connections all come from one client address, so its cap is raised for this test.
"$bin" serve --db "sqlite:$tmp/load.db" --bind "$host" --port "$port" --quiet --max-connections-per-client 100 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://$host:$port/" && break; sleep 0.1; done
if [ "$mode" = sessions ]; then
  login=$(curl -s -D "$tmp/headers" -H 'Content-Type: application/json' -d '{"name":"load.officer","password":"load test password"}' \
          "http://$host:$port/api/login")
  export XXGK_CSRF=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["csrf"])' "$login") || exit 1
  export XXGK_SESSION=$(sed -n 's/^Set-Cookie: xxgk_session=\([0-9a-f]*\);.*/\1/p' "$tmp/headers" | tr -d '\r')
  [ -n "$XXGK_SESSION" ] || { echo "load test: could not sign in"; exit 1; }
fi
XXGK_SEED="$src/samples/daxing_weijianwei_2024.txt" wrk -t2 -c50 -d"${duration}s" --timeout 10s --latency \
  -s "$src/tests/web/post_seed.lua" "http://$host:$port/" > "$out" 2>&1
cat "$out"
line=$(grep '^XXGK ' "$out")
[ -n "$line" ] || { echo "load test: wrk gave no summary"; exit 1; }
python3 - "$line" <<'PY'
import sys
kv = dict(x.split("=") for x in sys.argv[1].split()[1:])
errors = sum(int(kv[k]) for k in kv if k.startswith("errors_"))
print(f"load test: {kv['requests']} requests, {kv['rps']} requests/s, p50 {kv['p50_ms']} ms, p99 {kv['p99_ms']} ms, {errors} errors")
sys.exit(0 if errors == 0 and int(kv["requests"]) > 0 else 1)
PY
