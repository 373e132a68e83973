#!/usr/bin/env bash
# Starts `xxgk serve` on 127.0.0.2 (a network address: accounts required) over a store with the samples and
# three accounts, runs the browser test of signing in, stops the server. Screenshots: BUILD/web-artifacts/.
set -u
bin=$1; src=$2; artifacts=${3:-$(dirname "$bin")/web-artifacts}
. "$src/tests/web/browser_env.sh"
. "$src/tests/web/accounts_server.sh"
scratch_store
"$bin" ingest "$src/samples/daxing_weijianwei_2024.txt" "$src/samples/xigong_weijianwei_2020.txt" --db "$db" --quiet >/dev/null || exit 1
serve_with_accounts "$bin" "$db" || exit 1
cd "$src" && node tests/web/e2e_accounts.mjs "http://127.0.0.2:$port/" "$src/samples" "$artifacts"
