#!/usr/bin/env bash
# Builds the release programs with profile-guided optimisation (GCC): an instrumented xxgk first reads,
# checks and renders the bundled reports and a generated corpus (bench/make_corpus.py), then every target is
# rebuilt in the same directory with the profile that run wrote. It takes about twice as long as a plain
# build and makes the text path about 8 % faster (bench/RESULTS.md). The output is the same, byte for byte:
# the profile changes how code is laid out and inlined, never what it computes.
# Usage: scripts/build-release.sh [BUILD_DIR]   (default build-release; JOBS and CMAKE_FLAGS as for make)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${1:-build-release}")
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
profile="$build/pgo-profile"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

configure() {
  # shellcheck disable=SC2086
  cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DXXGK_PGO="$1" -DXXGK_PGO_DIR="$profile" \
    ${CMAKE_FLAGS:-} >/dev/null
}

# An input that cannot be read (exit 2) means the training saw less than it should: stop.
run() {
  local rc=0
  "$@" >/dev/null 2>"$work/stderr" || rc=$?
  if [ "$rc" -gt 1 ]; then
    echo "build-release.sh: training step failed (exit $rc): $*" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
}

echo "== instrumented build ($build)"
rm -rf "$profile"  # a tool run by the build (gen_schema_ids) would otherwise write into an old profile
configure generate
cmake --build "$build" -j "$jobs" --target xxgk

echo "== training run"
rm -rf "$profile"
mkdir -p "$profile"
python3 "$here/bench/make_corpus.py" "$work/corpus" 600 >/dev/null
fixtures=("$here"/tests/fixtures/*.html "$here"/tests/fixtures/*.docx "$here"/tests/fixtures/*.pdf)
run "$build/xxgk" parse -j 1 "$work/corpus" "$here/samples" "${fixtures[@]}"
run "$build/xxgk" check -j 1 "$work/corpus" "$here/samples" "${fixtures[@]}"
run "$build/xxgk" parse -j 1 --provenance "$here/samples"
"$build/xxgk" parse "$here/samples/hualong_weijianwei_2024.txt" >"$work/report.json"
for to in html docx md txt; do run "$build/xxgk" render "$work/report.json" --to "$to" --out "$work/report.$to"; done
run "$build/xxgk" check -j 1 "$work/report.html" "$work/report.docx" "$work/report.md" "$work/report.txt"
if ! find "$profile" -name '*.gcda' | grep -q .; then
  echo "build-release.sh: the training run wrote no profile to $profile" >&2
  exit 1
fi

echo "== optimised build"
configure use
cmake --build "$build" -j "$jobs"
echo "release programs in $build (xxgk, bench/)"
