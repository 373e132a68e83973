#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) and runs each for FUZZ_SECONDS (default 600),
# FUZZ_JOBS targets at a time (default: the number of cores), starting from fuzz/seeds/<target>/. The growing
# corpus lives in fuzz/corpus/<target>/ (not committed; `FUZZ_MINIMIZE=1` merges it back into the seeds);
# crashes go to fuzz/artifacts/. Each crash, once fixed, is kept in tests/regress/fuzz/<target>/ so ctest
# replays it in every build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --fuzz
secs=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-text_pipeline html docx pdf damage_models report_json xlsx_template api}
jobs=${FUZZ_JOBS:-$(nproc)}
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGK_BUILD_FUZZERS=ON \
  -DXXGK_BUILD_TESTS=OFF -DXXGK_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
# shellcheck disable=SC2046
cmake --build build-fuzz -j "$(nproc)" --target $(for t in $targets; do printf 'fuzz_%s ' "$t"; done)
mkdir -p fuzz/artifacts fuzz/logs
extra_seeds() {  # the same extra seed folders as fuzz/CMakeLists.txt
  case "$1" in
    text_pipeline) echo "samples tests/golden/variants" ;;
    html|docx|pdf) echo "tests/fixtures" ;;
  esac
}
run_one() {
  local t=$1
  mkdir -p "fuzz/corpus/$t"
  # shellcheck disable=SC2046
  build-fuzz/fuzz/fuzz_$t "fuzz/corpus/$t" "fuzz/seeds/$t" $(extra_seeds "$t") -dict=fuzz/dict/report.dict -max_total_time="$secs" -max_len=262144 \
    -rss_limit_mb=2048 -timeout=20 -artifact_prefix="fuzz/artifacts/$t-" -print_final_stats=1 > "fuzz/logs/$t.log" 2>&1 || true
  echo "== $t: $(grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' "fuzz/logs/$t.log" | tr '\n' ' ')"
  grep -E "^(==[0-9]+==ERROR|SUMMARY)" "fuzz/logs/$t.log" | head -3 || true
}
running=0
for t in $targets; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
done
wait
if [ "${FUZZ_MINIMIZE:-0}" = 1 ]; then
  for t in $targets; do
    mkdir -p "fuzz/seeds/$t.min"
    build-fuzz/fuzz/fuzz_$t -merge=1 "fuzz/seeds/$t.min" "fuzz/seeds/$t" "fuzz/corpus/$t" >/dev/null 2>&1 || true
    rm -rf "fuzz/seeds/$t" && mv "fuzz/seeds/$t.min" "fuzz/seeds/$t"
  done
fi
ls fuzz/artifacts/ 2>/dev/null | sed 's/^/artifact: /'
