#!/usr/bin/env bash
# Exit statuses (issue 18, README): 2 bad usage or bad input, 1 a simulation or an output of
# valid input failed, 130 stopped by SIGINT or SIGTERM. One case per path; the disk-full and
# signal cases at length are in test_diskfull.sh and test_signals.sh.
# Usage: test_exit_codes.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_exit_codes.sh path/to/mnsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
FAST=(--set simulation.model=1d --set simulation.duration_h=1 --set course.sessions=0 --quiet)

expect() { # expect STATUS NAME ARGS...: mnsim ARGS exits STATUS, with a message on stderr
  local want=$1 name=$2
  shift 2
  "$MNSIM" "$@" >/dev/null 2>"$TMP/err"
  local rc=$?
  check "$name: exit $want (got $rc)" test "$rc" -eq "$want"
  if [ "$want" -ne 0 ]; then
    check "$name: says why on stderr" test -s "$TMP/err"
  fi
}

# 2: usage
expect 2 "no command"
expect 2 "an unknown command" frobnicate
expect 2 "an unknown option" run --no-such-option
expect 2 "an option without its value" run -o
expect 2 "--fields without -o" run --fields
# 2: input
printf 'skin:\n  site: nowhere\n' >"$TMP/bad.yaml"
expect 2 "an unknown site in a file" run "$TMP/bad.yaml"
expect 2 "a scenario file that does not exist" run "$TMP/missing.yaml"
expect 2 "an unknown key" run --set skin.nope=1
expect 2 "a value out of range" run --set device.needle_length_mm=-1
expect 2 "--strict and a blocking safety rule" run "${FAST[@]}" --strict --set skin.site=periorbital \
  --set device.needle_length_mm=2.5
# 1: valid input whose output fails
: >"$TMP/a_file"
expect 1 "-o inside a file" run "${FAST[@]}" -o "$TMP/a_file/out"
expect 1 "-o that cannot be created" run "${FAST[@]}" -o /proc/mnsim-no-such-dir
expect 1 "population -o that cannot be created" population --n 2 "${FAST[@]}" -o /proc/mnsim-no-such-dir
if [ -n "${MN_ENOSPC_SHIM:-}" ] && [ -f "$MN_ENOSPC_SHIM" ] && [ "${MN_SANITIZED:-0}" != 1 ]; then
  mkdir -p "$TMP/full"
  LD_PRELOAD=$MN_ENOSPC_SHIM MN_ENOSPC_DIR=$TMP/full MN_ENOSPC_BYTES=20000 \
    "$MNSIM" run "${FAST[@]}" -o "$TMP/full/out" >/dev/null 2>"$TMP/err"
  check "a full disk: exit 1" test $? -eq 1
  check "a full disk: says No space left on device" grep -q "No space left on device" "$TMP/err"
fi
# 0
expect 0 "a valid run" run "${FAST[@]}" -o "$TMP/ok"
# 130: a signal
"$MNSIM" run --set simulation.model=3d --quiet >/dev/null 2>"$TMP/err" &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
check "SIGTERM during a run: exit 130" test $? -eq 130
check "SIGTERM during a run: says so" grep -q "interrupted by SIGTERM" "$TMP/err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
