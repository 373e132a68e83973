#!/usr/bin/env bash
# Scores xxgk against ../shared/gold with ../shared/tools/score.py. Exit 77 (skipped) when ../shared is absent,
# as in a user's clone.
set -u
bin=$1; src=$2; which=$3
shared="$src/../shared"
if [ ! -f "$shared/tools/score.py" ] || [ ! -d "$shared/gold/$which" ]; then
  echo "skipped: $shared/gold/$which not found (the shared gold set is only present in the development workspace)"
  exit 77
fi
docs="$shared/seeds"
[ "$which" = corpus ] && docs="$shared/corpus/files"
out=$(python3 "$shared/tools/score.py" --gold "$shared/gold/$which" --docs "$docs" --cmd "$bin parse --json {}")
rc=$?
echo "$out"
if [ -n "${XXGK_MIN_PASSED:-}" ]; then
  passed=$(tail -n 1 <<<"$out" | awk '{print $1}')
  [ "${passed:-0}" -ge "$XXGK_MIN_PASSED" ] || { echo "fewer than $XXGK_MIN_PASSED documents passed"; exit 1; }
  exit 0
fi
exit $rc
