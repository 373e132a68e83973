#!/usr/bin/env bash
# make check-fresh: the README's quick start on a bare machine. Builds a fresh Debian 12 root file system
# with debootstrap (minbase: what a Debian base image holds), copies in a clean checkout of HEAD (and
# ../shared when it exists, as CI has it), and runs `make demo` then `make test` in it as root, with an
# empty environment (no LANG, no LC_*), the way a new user would, after the README's one prerequisite
# on a base image (apt-get install make). Prints the result and the time of each.
#
# Usage: scripts/check-fresh.sh [ROOT]     (default /var/tmp/xxgk-fresh; removed and rebuilt every run)
# Needs root, debootstrap (installed when missing) and Debian's mirror. Takes 30–60 minutes on 2 cores.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
root="${1:-/var/tmp/xxgk-fresh}"
mirror="${FRESH_MIRROR:-http://deb.debian.org/debian}"
log="${FRESH_LOG:-$here/build/check-fresh.log}"

if [ "$(id -u)" -ne 0 ]; then echo "check-fresh: needs root (debootstrap, chroot, mounts)" >&2; exit 2; fi
case "$root" in /|/usr|/var|/tmp|/home|"") echo "check-fresh: refusing root folder '$root'" >&2; exit 2 ;; esac
mkdir -p "$(dirname "$log")"

if ! command -v debootstrap >/dev/null; then
  echo "check-fresh: installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi

mounts=(proc sys dev/pts dev/shm dev)
unmount_all() {
  for m in dev/pts dev/shm proc sys dev; do
    mountpoint -q "$root/$m" 2>/dev/null && umount -l "$root/$m" || true
  done
}
trap unmount_all EXIT

unmount_all
rm -rf "$root"
mkdir -p "$root"

start=$(date +%s)
echo "check-fresh: debootstrap bookworm (minbase) into $root"
debootstrap --variant=minbase bookworm "$root" "$mirror" >"$log" 2>&1 || {
  echo "check-fresh: debootstrap failed; see $log" >&2; tail -n 20 "$log" >&2; exit 2; }
boot_s=$(( $(date +%s) - start ))

mount -t proc proc "$root/proc"
mount -t sysfs sys "$root/sys"
mount --bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null || true
mount -t tmpfs tmpfs "$root/dev/shm"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true

# A network that inspects TLS (a sandbox's egress proxy) signs with its own CA: npm inside the new root
# trusts it only when told. This is the host network's plumbing, not a package xxgk needs.
# Placed where Debian's ca-certificates package (installed by make demo) adds local CAs to the system store.
extra_ca=""
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  cat /usr/local/share/ca-certificates/*.crt > "$root/etc/host-extra-ca.crt"
  extra_ca="NODE_EXTRA_CA_CERTS=/etc/host-extra-ca.crt"
fi

mkdir -p "$root/src/xxgk"
git -C "$here" archive HEAD | tar -x -C "$root/src/xxgk"
if [ -d "$here/../shared" ]; then cp -a "$here/../shared" "$root/src/shared"; fi

run_step() {  # name command...
  local name="$1"; shift
  local t0 rc
  t0=$(date +%s)
  set +e
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root TERM=dumb $extra_ca /bin/bash -c "cd /src/xxgk && $*" >>"$log" 2>&1
  rc=$?
  set -e
  echo "$name: exit $rc in $(( $(date +%s) - t0 )) s"
  return $rc
}

echo "check-fresh: log in $log"
# The base image has no make: README's one prerequisite.
make_line=$(run_step "apt-get install make" "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make") || {
  echo "$make_line"; exit 2; }
echo "$make_line"
base_pkgs=$(chroot "$root" dpkg-query -W -f='.\n' | wc -l)
demo_line=$(run_step "make demo" make demo) && demo_rc=0 || demo_rc=$?
echo "$demo_line"
pkgs=$(chroot "$root" dpkg-query -W -f='.\n' | wc -l)
echo "packages installed after make demo: $pkgs ($(( pkgs - base_pkgs )) beyond the base image and make)"
for p in nodejs npm chromium wrk postgresql; do
  chroot "$root" dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" && echo "  make demo installed $p (it should not)"
done
test_line=$(run_step "make test" make test) && test_rc=0 || test_rc=$?
echo "$test_line"
services=$(chroot "$root" /bin/sh -c 'ls /run/postgresql/*.pid 2>/dev/null | wc -l')
echo "PostgreSQL clusters left running by the package: $services"
tail -n 5 "$log" | sed 's/^/  | /'
echo "check-fresh: debootstrap ${boot_s} s, total $(( $(date +%s) - start )) s, $(date -u +%Y-%m-%d)"
[ "$demo_rc" = 0 ] && [ "$test_rc" = 0 ]
