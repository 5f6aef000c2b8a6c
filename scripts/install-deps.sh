#!/usr/bin/env bash
# Installs the Debian packages mnsim needs, when they are missing.
#   install-deps.sh          what building and `make demo` need
#   install-deps.sh --test   and what only the tests use (pytest, Chromium for the report,
#                            h5dump and xmllint for the output files, de_DE for the locale test)
#   install-deps.sh --fuzz   and clang with its libFuzzer runtime (make fuzz)
#   install-deps.sh --bench  and what the benchmarks' cross-checks use
# The names are those of Debian 12 (bookworm) and 13 (trixie) alike: libclang-rt-dev follows
# the release's default clang (14 on 12, 19 on 13); SUNDIALS 6 (12) and 7 (13) both build.
# Not root: prints the exact command to run and stops with status 1.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libfyaml-dev libcjson-dev libsundials-dev
  libhdf5-dev
  libplplot-dev plplot-driver-cairo
  libcmocka-dev
  libgsl-dev
  libopenmpi-dev openmpi-bin
  python3
)
[ "${1:-}" = "--test" ] &&
  packages+=(hdf5-tools libxml2-utils locales python3-cffi python3-numpy python3-pytest chromium)
[ "${1:-}" = "--fuzz" ] && packages+=(clang libclang-rt-dev)
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
