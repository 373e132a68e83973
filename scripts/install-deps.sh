#!/usr/bin/env bash
# The one list of xxgk's Debian 12 packages. Installs whichever are missing, and nothing else.
# Usage: scripts/install-deps.sh [--check] [--test] [--fuzz] [--fixtures]
#   --check     only report what is missing (exit 1 if anything is)
#   --test      also what only the tests need (make test): Chromium for the browser tests, wrk for the load
#               test, the PostgreSQL server binaries (the tests start their own throwaway cluster; no system
#               service is left running), pdftotext and curl
#   --fuzz      also the clang toolchain for the libFuzzer targets (make fuzz)
#   --fixtures  also LibreOffice, to remake tests/fixtures (tests/fixtures/make_fixtures.py)
set -euo pipefail

PACKAGES=(
  # toolchain (ca-certificates: ECharts is fetched over HTTPS from the npm registry)
  g++ cmake make pkg-config python3 ca-certificates
  # encodings
  libicu-dev libuchardet-dev libopencc-dev
  # readers (DOCX, PDF; HTML is read by our own scanner)
  libzip-dev zlib1g-dev libpugixml-dev libpoppler-cpp-dev
  # output, CLI, formatting
  nlohmann-json3-dev libcli11-dev libfmt-dev libexpected-dev
  # store and server (libpqxx brings the PostgreSQL client library, not a server)
  libsqlite3-dev libpqxx-dev libxlsxwriter-dev libcpp-httplib-dev
  # accounts: Argon2id password hashes
  libsodium-dev
  # the allocator every program links (tcmalloc)
  libgoogle-perftools-dev
  # the test and benchmark programs are built with the rest
  libgtest-dev libgmock-dev libbenchmark-dev
)

# Only for running the tests (--test).
TEST_PACKAGES=(
  # the store's tests on PostgreSQL start a throwaway server from these binaries
  postgresql
  # benchmarks compare the PDF reader with pdftotext
  poppler-utils
  # web app: browser tests in Debian's Chromium, the load test with wrk, curl in the test scripts
  chromium wrk curl
)

# Optional groups.
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)
FIXTURE_PACKAGES=(libreoffice-writer-nogui fonts-noto-cjk)

check_only=0
with_test=0
for arg in "$@"; do
  case "$arg" in
    --check) check_only=1 ;;
    --test) PACKAGES+=("${TEST_PACKAGES[@]}"); with_test=1 ;;
    --fuzz) PACKAGES+=("${FUZZ_PACKAGES[@]}") ;;
    --fixtures) PACKAGES+=("${FIXTURE_PACKAGES[@]}") ;;
    *) echo "usage: $0 [--check] [--test] [--fuzz] [--fixtures]" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "$check_only" = 1 ]; then
  if [ ${#missing[@]} -gt 0 ]; then echo "missing: ${missing[*]}"; exit 1; fi
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  echo "xxgk: installing missing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  # Debian's postgresql package would start a cluster as a system service on port 5432: nobody asked for
  # it (the tests start their own). A policy-rc.d that refuses service starts keeps it stopped.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && own_policy=1
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" || { [ $own_policy = 1 ] && $SUDO rm -f "$policy"; exit 1; }
  [ $own_policy = 1 ] && $SUDO rm -f "$policy"
fi

# Front-end assets and data come from npm, pinned by web/package-lock.json. ECharts and chinese-days (the
# official holiday calendar), compiled into the binary, are the ones the build needs: fetched by their
# lockfile integrity without Node.js (scripts/fetch-npm.py). The browser-test driver (playwright-core) needs
# npm: Node.js and npm from Debian, for the tests only.
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$check_only" = 0 ] && { [ ! -f "$here/web/node_modules/echarts/dist/echarts.min.js" ] ||
                              [ ! -f "$here/web/node_modules/chinese-days/dist/chinese-days.json" ]; }; then
  python3 "$here/scripts/fetch-npm.py"
fi
if [ "$with_test" = 1 ] && [ ! -d "$here/web/node_modules/playwright-core" ]; then
  if ! command -v npm >/dev/null; then
    echo "xxgk: installing Node.js and npm from Debian"
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  echo "xxgk: installing the web app's npm packages (web/package-lock.json)"
  (cd "$here/web" && npm ci --no-audit --no-fund --loglevel=error)
fi
