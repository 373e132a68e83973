#!/usr/bin/env bash
# Starts `xxgk serve` on 127.0.0.2 with three accounts over an empty store, runs the browser test of the
# supervisor's year (registry, upload, review, rectification, coverage, score, notice), stops the server.
# Screenshots and the downloaded notice: BUILD/web-artifacts/.
set -u
bin=$1; src=$2; artifacts=${3:-$(dirname "$bin")/web-artifacts}
. "$src/tests/web/browser_env.sh"
tmp=$(mktemp -d)
db="sqlite:$tmp/web.db"
echo "admin password 1" | "$bin" user add admin.a --display 管理员甲 --role admin --db "$db" 2>/dev/null || exit 1
echo "officer password 1" | "$bin" user add officer.dx --display 大兴卫健委 --role officer --agency 北京市大兴区卫生健康委员会 --db "$db" 2>/dev/null || exit 1
echo "reviewer password 1" | "$bin" user add reviewer.dx --display 大兴审核 --role reviewer --region 北京市大兴区 --db "$db" 2>/dev/null || exit 1
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.2",0)); print(s.getsockname()[1])')
"$bin" serve --db "$db" --bind 127.0.0.2 --port "$port" --quiet &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.2:$port/" && break; sleep 0.1; done
cd "$src" && node tests/web/e2e_supervise.mjs "http://127.0.0.2:$port/" "$src/samples" "$artifacts"
