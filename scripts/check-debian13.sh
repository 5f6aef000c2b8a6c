#!/usr/bin/env bash
# A maintainer's check that a fresh Debian 13 (trixie) builds mnsim and passes its tests: a
# minimal trixie is debootstrapped into ROOT, this checkout's HEAD (committed work only) is
# cloned into it, and the README's two commands run inside as root: `make demo`, then
# `CI=true make test` (Release, then ASan + UBSan). Never run by `make test`: it needs root,
# the network, about 4 GB and, on 2 busy cores, about 45 minutes.
# Usage (as root): scripts/check-debian13.sh [ROOT]
#   ROOT defaults to a new temporary folder; it is kept (run again to reuse it).
#   SUITE=bookworm checks Debian 12 the same way; MIRROR picks another mirror.
set -euo pipefail
SUITE=${SUITE:-trixie}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
if [ "$(id -u)" -ne 0 ]; then
  echo "check-debian13.sh: run as root (debootstrap, mount, chroot)" >&2
  exit 1
fi
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
root=${1:-$(mktemp -d -t mnsim-"$SUITE".XXXXXX)}
echo "check-debian13.sh: $SUITE in $root" >&2

command -v debootstrap >/dev/null || apt-get install -y --no-install-recommends debootstrap
[ -x "$root/bin/bash" ] || debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR"

mounts=(proc sys dev dev/pts dev/shm)
unmount() {
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    mountpoint -q "$root/${mounts[i]}" && umount "$root/${mounts[i]}"
  done
  return 0
}
trap unmount EXIT
for m in "${mounts[@]}"; do mount --bind "/$m" "$root/$m"; done
cp /etc/resolv.conf "$root/etc/resolv.conf"

rm -rf "$root/root/mnsim"
git clone -q "$repo" "$root/root/mnsim"
# minbase lacks what a Debian machine has before `make demo`: make (to run it at all) and git
# (for the revision in `mnsim --version`); install-deps.sh brings the rest.
chroot "$root" /bin/bash -lc 'apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends make git'
chroot "$root" /bin/bash -lc 'cd /root/mnsim && make demo && build/cli/mnsim --version &&
  gcc --version | head -1 && cmake --version | head -1 && CI=true make test'
echo "check-debian13.sh: $SUITE passed" >&2
