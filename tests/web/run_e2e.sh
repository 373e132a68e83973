#!/usr/bin/env bash
# Starts `xxgk serve` on a free loopback port over a store holding the samples (two years of one body),
# runs the browser test, stops the server. Screenshots: BUILD/web-artifacts/.
set -u
bin=$1; src=$2; artifacts=${3:-$(dirname "$bin")/web-artifacts}
. "$src/tests/web/browser_env.sh"
tmp=$(mktemp -d)
sed -e 's/2024/2023/g; s/2025/2024/g' "$src/samples/daxing_weijianwei_2024.txt" > "$tmp/daxing_weijianwei_2023.txt"
"$bin" ingest "$src/samples/daxing_weijianwei_2024.txt" "$src/samples/hualong_weijianwei_2024.txt" "$src/samples/xigong_weijianwei_2020.txt" \
  "$tmp/daxing_weijianwei_2023.txt" --db "sqlite:$tmp/web.db" --quiet >/dev/null || exit 1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --db "sqlite:$tmp/web.db" --port "$port" --quiet &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
cd "$src" && node tests/web/e2e.mjs "http://127.0.0.1:$port/" "$src/samples" "$artifacts"
