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
python3 "$shared/tools/score.py" --gold "$shared/gold/$which" --docs "$docs" --cmd "$bin parse --json {}"
