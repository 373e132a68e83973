#!/usr/bin/env bash
# The one list of xxgk's Debian 12 packages. Installs whichever are missing, and nothing else.
# Usage: scripts/install-deps.sh [--check]   (--check only reports what is missing, exit 1 if any)
set -euo pipefail

PACKAGES=(
  # toolchain
  g++ cmake make pkg-config python3
  # encodings
  libicu-dev libuchardet-dev libopencc-dev
  # readers (HTML, DOCX, PDF)
  libgumbo-dev libzip-dev libpugixml-dev libpoppler-cpp-dev
  # output, CLI, formatting
  nlohmann-json3-dev libcli11-dev libfmt-dev libexpected-dev
  # store and server
  libsqlite3-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # benchmarks compare the PDF reader with pdftotext
  poppler-utils
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -gt 0 ]; then echo "missing: ${missing[*]}"; exit 1; fi
  exit 0
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "xxgk: installing missing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
