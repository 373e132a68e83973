#!/usr/bin/env bash
# Whether two builds of xxgk compute the same thing: `parse` (with provenance) and `check` over the bundled
# reports, the fixtures in every format and a generated corpus, compared byte for byte. Used to hold the
# release build (profile-guided, scripts/build-release.sh) to the tested one, and after a change meant to
# leave the output alone.
# Usage: scripts/same-output.sh XXGK_A XXGK_B [EXTRA_DIR…]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
a=$1 b=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/bench/make_corpus.py" "$work/corpus" 500 >/dev/null
inputs=("$work/corpus" "$here/samples" "$here"/tests/fixtures/*.html "$here"/tests/fixtures/*.docx
        "$here"/tests/fixtures/*.pdf "$@")
status=0
for cmd in "parse --provenance" "check"; do
  for side in a b; do
    # shellcheck disable=SC2086
    "${!side}" $cmd -j 1 "${inputs[@]}" >"$work/$side.out" 2>"$work/$side.err" || echo "exit $?" >>"$work/$side.out"
  done
  if cmp -s "$work/a.out" "$work/b.out"; then
    echo "same: xxgk $cmd over ${#inputs[@]} inputs ($(wc -l <"$work/a.out") lines)"
  else
    echo "DIFFERENT: xxgk $cmd ($a against $b):" >&2
    diff "$work/a.out" "$work/b.out" | cut -c1-240 | head -n 20 >&2 || true
    status=1
  fi
done
exit $status
