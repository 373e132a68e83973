#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster: initdb in a temporary directory, a server on a free
# loopback port (as the unprivileged `postgres` user when run as root), XXGK_TEST_PG_URL exported, then the
# server stopped and the directory removed, whatever the command's outcome.
#   tests/store/with_postgres.sh COMMAND [ARGS…]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin="$(find_bin)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with_postgres: PostgreSQL server not installed; installing it (scripts/install-deps.sh)" >&2
  bash "$here/../../scripts/install-deps.sh" --test
  bin="$(find_bin)"
fi
[ -x "$bin/initdb" ] || { echo "with_postgres: no initdb under /usr/lib/postgresql" >&2; exit 1; }

tmp="$(mktemp -d /tmp/xxgk-pg.XXXXXX)"
as_user=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  chown postgres "$tmp"
  as_user=(runuser -u postgres --)
fi
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"

stop() {
  "${as_user[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap stop EXIT

"${as_user[@]}" "$bin/initdb" -D "$tmp/data" -U xxgk -A trust -E UTF8 --no-locale --no-sync >"$tmp/initdb.log" 2>&1 ||
  { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_user[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$tmp/server.log" >&2; exit 1; }

export XXGK_TEST_PG_URL="postgresql://xxgk@127.0.0.1:$port/postgres"
echo "with_postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
