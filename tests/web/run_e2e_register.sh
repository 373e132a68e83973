#!/usr/bin/env bash
# The office's register in headless Chromium: `xxgk register synth` writes a generated year's Excel ledger
# (and what it must give); `xxgk serve` runs on 127.0.0.2 with three accounts; the officer imports the
# ledger (preview, then import), sees the overdue list, the computed table 3 and downloads the Word draft;
# the reviewer reads it. The downloaded draft must then check clean (`xxgk check`, exit 0). Screenshots and
# the draft: BUILD/web-artifacts/.
set -u
bin=$1; src=$2; artifacts=${3:-$(dirname "$bin")/web-artifacts}
. "$src/tests/web/browser_env.sh"
. "$src/tests/web/accounts_server.sh"
scratch_store
"$bin" register synth --out "$tmp/office" --year 2025 --count 400 --seed 11 2>/dev/null || { echo "FAIL: register synth"; exit 1; }
serve_with_accounts "$bin" "$db" || exit 1
cd "$src" && node tests/web/e2e_register.mjs "http://127.0.0.2:$port/" "$tmp/office" "$artifacts" || exit 1
"$bin" check "$artifacts/register-draft.docx" >/dev/null
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: the downloaded draft does not check clean (exit $rc)"; "$bin" check "$artifacts/register-draft.docx"; exit 1; fi
echo "ok: the downloaded draft checks clean"
