# Sourced by the browser tests' runners: the locale Chromium needs and the test packages.
# Chromium names downloads in the locale's encoding: under the POSIX locale (a bare machine sets none) a
# non-ASCII name such as 年报库.xlsx becomes "download". The test sets the locale it needs.
export LANG=C.UTF-8
unset LC_ALL
[ -x /usr/bin/chromium ] || bash "$src/scripts/install-deps.sh" --test
[ -d "$src/web/node_modules/playwright-core" ] || bash "$src/scripts/install-deps.sh" --test
