# Sourced by the browser tests that sign in. serve_with_accounts BIN DB: adds the three accounts the tests
# use (admin.a, officer.dx of 大兴卫健委, reviewer.dx of 北京市大兴区) to the store DB, starts `xxgk serve` on
# 127.0.0.2 (a network address: accounts required), waits for it, and sets $port and $server_pid. The
# caller's EXIT trap stops it.
# scratch_store: a temporary directory ($tmp) with the store's address ($db) in it, and the EXIT trap that
# stops the server and removes both.
scratch_store() {
  tmp=$(mktemp -d)
  db="sqlite:$tmp/web.db"
  trap 'kill ${server_pid:-} 2>/dev/null; wait ${server_pid:-} 2>/dev/null; rm -rf "$tmp"' EXIT
}

serve_with_accounts() {
  local bin=$1 db=$2
  echo "admin password 1" | "$bin" user add admin.a --display 管理员甲 --role admin --db "$db" 2>/dev/null || return 1
  echo "officer password 1" | "$bin" user add officer.dx --display 大兴卫健委 --role officer --agency 北京市大兴区卫生健康委员会 --db "$db" 2>/dev/null || return 1
  echo "reviewer password 1" | "$bin" user add reviewer.dx --display 大兴审核 --role reviewer --region 北京市大兴区 --db "$db" 2>/dev/null || return 1
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.2",0)); print(s.getsockname()[1])')
  "$bin" serve --db "$db" --bind 127.0.0.2 --port "$port" --quiet &
  server_pid=$!
  for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.2:$port/" && break; sleep 0.1; done
}
