#!/usr/bin/env bash
# Installs the Debian packages mnsim needs, when they are missing.
#   install-deps.sh          what building and `make demo` need
#   install-deps.sh --test   and what only the tests use (pytest, Chromium for the report)
#   install-deps.sh --bench  and what the benchmarks' cross-checks use
# Not root: prints the exact command to run and stops with status 1.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  clang libclang-rt-14-dev
  libfyaml-dev libcjson-dev libsundials-dev
  libhdf5-dev hdf5-tools
  libplplot-dev plplot-driver-cairo
  libcmocka-dev
  libgsl-dev
  libopenmpi-dev openmpi-bin
  python3 libxml2-utils
  locales
)
[ "${1:-}" = "--test" ] && packages+=(python3-cffi python3-numpy python3-pytest chromium)
[ "${1:-}" = "--bench" ] && packages+=(python3-dolfinx python3-scipy)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  case "$status" in
    *"install ok installed"*) ;;
    *) missing+=("$p") ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "mnsim: missing Debian packages: ${missing[*]}" >&2
  echo "run as root:  $cmd" >&2
  exit 1
fi
echo "mnsim: installing ${missing[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
