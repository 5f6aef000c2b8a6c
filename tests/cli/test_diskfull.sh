#!/usr/bin/env bash
# A full disk (issue 18): every writer checks its writes (PLplot's PNG and SVG by their end, the
# others by ferror/fflush/fsync/fclose), the run exits 1 with the file's name and "No space left
# on device", and no file cut short takes a final name: the directory holds no file of the run.
# Two ways: a small tmpfs, where this machine lets us mount one (root), and everywhere an
# LD_PRELOAD shim (tests/diskfull/enospc_shim.c, $MN_ENOSPC_SHIM) that fails writes into one
# directory with ENOSPC after N bytes; N is chosen to fall in each kind of file in turn.
# Usage: test_diskfull.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_diskfull.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
MNT="$TMP/mnt"
trap 'mountpoint -q "$MNT" 2>/dev/null && umount "$MNT"; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
FAST="--set simulation.model=1d --set simulation.duration_h=1 --set course.sessions=1 --quiet"

no_run_files() { # DIR: no visible file (the run's files never took their names), no temporary
  [ -z "$(ls "$1" 2>/dev/null)" ] && ! ls -a "$1" 2>/dev/null | grep -qE '\.tmp\.|^\.mnsim\.stage\.'
}
full_disk_case() { # NAME DIR [ENV...]: a run into DIR on a full disk
  local name=$1 dir=$2
  shift 2
  env "$@" "$MNSIM" run $FAST -o "$dir" >/dev/null 2>"$TMP/err"
  local rc=$?
  check "$name: exit 1 (got $rc)" test "$rc" -eq 1
  check "$name: the message says No space left on device" grep -q "No space left on device" "$TMP/err"
  check "$name: the message names the file" grep -qE "$dir/[a-z_0-9]+\.(csv|png|svg|html|json)|$dir: " "$TMP/err"
  check "$name: no file of the run under a final name, no temporary" no_run_files "$dir"
  sed 's/^/    /' "$TMP/err"
}

# The sizes of a complete run's files, in the order they are written (CSV files, figures,
# report.html, summary.json): the budgets below fall inside each kind.
"$MNSIM" run $FAST -o "$TMP/ref" >/dev/null 2>&1
check "a reference run exits 0" test $? -eq 0
read -r csv png svg html <<<"$($PY - "$TMP/ref" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/summary.json"))["manifest"]["files"]
size = {f["name"]: f["bytes"] for f in m}
csv = sum(v for k, v in size.items() if k.endswith(".csv"))
first_png = csv + size["cross_section.png"] // 2         # inside the first PNG (PLplot)
first_svg = csv + size["cross_section.png"] + size["cross_section.svg"] // 2
html = sum(v for k, v in size.items() if k != "report.html") + size["report.html"] // 2
print(csv // 2, first_png, first_svg, html)
PY
)"

# 1. a real small file system
mkdir -p "$MNT"
if mount -t tmpfs -o size=400k tmpfs "$MNT" 2>"$TMP/mount.err"; then
  full_disk_case "tmpfs of 400 kB" "$MNT/out"
  umount "$MNT"
  mount -t tmpfs -o size=64k tmpfs "$MNT"
  full_disk_case "tmpfs of 64 kB" "$MNT/out"
  umount "$MNT"
  mount -t tmpfs -o size=16m tmpfs "$MNT"
  "$MNSIM" run $FAST -o "$MNT/out" >/dev/null 2>&1
  check "tmpfs of 16 MB: the run fits (exit 0)" test $? -eq 0
  umount "$MNT"
else
  echo "skipped the tmpfs cases: cannot mount a tmpfs here ($(cat "$TMP/mount.err")); the shim below covers them"
fi

# 2. the shim, anywhere
if [ "${MN_SANITIZED:-0}" = 1 ]; then
  echo "skipped the shim cases: a sanitizer runtime must come first in LD_PRELOAD"
elif [ -z "${MN_ENOSPC_SHIM:-}" ] || [ ! -f "$MN_ENOSPC_SHIM" ]; then
  echo "FAIL: MN_ENOSPC_SHIM is not set to the built shim (tests/CMakeLists.txt sets it)" >&2
  failed=$((failed + 1))
else
  S="$TMP/shim"
  mkdir -p "$S"
  shim() { echo "LD_PRELOAD=$MN_ENOSPC_SHIM MN_ENOSPC_DIR=$S MN_ENOSPC_BYTES=$1"; }
  for case in "nothing fits:0" "in the CSV files:$csv" "in the first PNG (PLplot):$png" \
    "in the first SVG (PLplot):$svg" "in report.html:$html"; do
    name=${case%%:*}
    bytes=${case##*:}
    rm -rf "$S/out"
    # shellcheck disable=SC2046
    full_disk_case "shim, $name ($bytes bytes)" "$S/out" $(shim "$bytes")
  done
  # HDF5 (--fields of an axisymmetric run): the budget runs out inside concentration.h5
  AX=(--set simulation.model=axisymmetric --set simulation.duration_h=0.25 --set course.sessions=0
    --fields --quiet)
  "$MNSIM" run "${AX[@]}" -o "$TMP/ref_ax" >/dev/null 2>&1
  h5=$($PY - "$TMP/ref_ax" <<'PY'
import json, sys
m = json.load(open(sys.argv[1] + "/summary.json"))["manifest"]["files"]
before = sum(f["bytes"] for f in m if not f["name"].startswith(("concentration.", "report.")))
print(before + next(f["bytes"] for f in m if f["name"] == "concentration.h5") // 2)
PY
)
  rm -rf "$S/ax"
  # shellcheck disable=SC2046
  env $(shim "$h5") "$MNSIM" run "${AX[@]}" -o "$S/ax" >/dev/null 2>"$TMP/err"
  check "shim, in concentration.h5 (HDF5, $h5 bytes): exit 1" test $? -eq 1
  check "shim, in concentration.h5: the file and No space left on device" \
    grep -q "concentration.h5: write failed: No space left on device" "$TMP/err"
  check "shim, in concentration.h5: no file of the run under a final name" no_run_files "$S/ax"
  sed 's/^/    /' "$TMP/err"

  rm -rf "$S/out"
  # shellcheck disable=SC2046
  env $(shim 100000000) "$MNSIM" run $FAST -o "$S/out" >/dev/null 2>&1
  check "shim with room enough: the run exits 0" test $? -eq 0
  check "shim with room enough: report.html is whole" grep -q "</html>" "$S/out/report.html"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
