#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-14 (ASan + UBSan) and runs each for FUZZ_SECONDS (default 600).
# New corpus entries go to fuzz/corpus/<target>/; crashes to fuzz/artifacts/. Each crash, once fixed, is
# kept in tests/regress/fuzz/ so ctest replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-600}
targets=${FUZZ_TARGETS:-text_pipeline}
CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXXGK_BUILD_FUZZERS=ON \
  -DXXGK_BUILD_TESTS=OFF -DXXGK_BUILD_BENCHMARKS=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build-fuzz -j "$(nproc)"
mkdir -p fuzz/artifacts
for t in $targets; do
  mkdir -p "fuzz/corpus/$t"
  echo "== fuzzing $t for ${secs}s"
  build-fuzz/fuzz/fuzz_$t "fuzz/corpus/$t" -dict=fuzz/dict/report.dict -max_total_time="$secs" -max_len=65536 \
    -rss_limit_mb=2048 -timeout=10 -artifact_prefix="fuzz/artifacts/$t-" -print_final_stats=1 2>&1 | tail -n 20
done
