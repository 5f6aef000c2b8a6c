#!/usr/bin/env bash
# A long run says so before it starts (issue 18 item 7): the 3d model with
# simulation.output_points=10000 and simulation.tolerance=1e-10 ran more than 300 s for one
# simulated hour without a word. Now the tolerance is raised to the 3d scheme's floor with a
# warning, output times inside a step are interpolated, and an estimate of the run's duration
# with the options that shorten it is printed before the first step. The test reads stderr until
# the estimate appears and stops the run there (the run itself takes minutes). The 1d and
# axisymmetric models with the same options finish in bounded time.
# Usage: test_long_run.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_long_run.sh path/to/mnsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
ITEM7="--set simulation.output_points=10000 --set simulation.tolerance=1e-10 --set simulation.duration_h=1 --set course.sessions=0"

"$MNSIM" run --set simulation.model=3d $ITEM7 --json >"$TMP/out" 2>"$TMP/err" &
pid=$!
seen=0
for _ in $(seq 1 120); do # at most 60 s to build the grid and print the estimate
  if grep -q "should take about" "$TMP/err"; then seen=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
still_running=0
kill -0 "$pid" 2>/dev/null && still_running=1
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "3d, item 7: the estimate is printed" test "$seen" -eq 1
check "3d, item 7: ... before the run ends" test "$still_running" -eq 1
check "3d, item 7: it names the option that shortens the run" \
  grep -q "simulation.model=axisymmetric takes seconds" "$TMP/err"
check "3d, item 7: the tolerance below the floor is said to be raised" \
  grep -q "simulation.tolerance 1e-10 is below what its first-order scheme reaches" "$TMP/err"
check "3d, item 7: the estimate counts the grid and the options" \
  grep -qE "about [0-9]+ min \([0-9]+ x [0-9]+ x [0-9]+ cells, simulation.tolerance 1e-06, 10000 output points" "$TMP/err"

# a short 3d run says nothing
"$MNSIM" run --set simulation.model=3d --set simulation.duration_h=1 --set course.sessions=0 \
  --set device.model=pen_12 --json >/dev/null 2>"$TMP/err2" &
pid=$!
sleep 5
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "no tolerance warning at the default tolerance" bash -c "! grep -q 'first-order scheme' '$TMP/err2'"

for m in 1d axisymmetric; do
  start=$SECONDS
  timeout 120 "$MNSIM" run --set simulation.model=$m $ITEM7 --json >"$TMP/out" 2>"$TMP/err"
  rc=$?
  check "$m with the item-7 options: exit 0 (got $rc)" test "$rc" -eq 0
  check "$m with the item-7 options: under 60 s ($((SECONDS - start)) s)" test $((SECONDS - start)) -lt 60
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
