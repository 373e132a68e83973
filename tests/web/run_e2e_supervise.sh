#!/usr/bin/env bash
# Starts `xxgk serve` on 127.0.0.2 with three accounts over an empty store, runs the browser test of the
# supervisor's year (registry, upload, review, rectification, coverage, score, notice), stops the server.
# Screenshots and the downloaded notice: BUILD/web-artifacts/.
set -u
bin=$1; src=$2; artifacts=${3:-$(dirname "$bin")/web-artifacts}
. "$src/tests/web/browser_env.sh"
. "$src/tests/web/accounts_server.sh"
scratch_store
serve_with_accounts "$bin" "$db" || exit 1
cd "$src" && node tests/web/e2e_supervise.mjs "http://127.0.0.2:$port/" "$src/samples" "$artifacts"
