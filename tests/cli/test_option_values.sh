#!/usr/bin/env bash
# Option values and arguments (issue 18 item 12), each a reproducer of a defect found by hand:
# - a value that looks like an option is refused, not taken (-o --json made a directory "--json");
# - any number of --set (more than about 128 were refused as "too many arguments");
# - a FIFO without a writer as the scenario is refused after a wait, not waited on forever;
# - "-0" is echoed as 0;
# - plan --emit-scenario "" is a usage error with a message;
# - --fitzpatrick " 3" (and "3 ", "+3x") is refused by plan and compare alike.
# Usage: test_option_values.sh path/to/mnsim
set -u
MNSIM=$(realpath "${1:?usage: test_option_values.sh path/to/mnsim}")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
cd "$TMP" || exit 1
FAST="--set simulation.model=1d --set simulation.duration_h=1 --set course.sessions=0"

expect() { # expect NAME STATUS PATTERN ARGS...: exit status and a line of stderr
  local name=$1 want=$2 pattern=$3
  shift 3
  timeout 60 "$MNSIM" "$@" >"$TMP/out" 2>"$TMP/err"
  local rc=$?
  check "$name: exit $want (got $rc)" test "$rc" -eq "$want"
  [ -n "$pattern" ] && check "$name: says '$pattern'" grep -qF -- "$pattern" "$TMP/err"
}

# values that look like options
expect "-o --json" 2 "-o needs a value, not the option '--json'" run $FAST -o --json
check "-o --json: no directory named --json" test ! -e "$TMP/--json"
expect "-o -q" 2 "-o needs a value, not the option '-q'" run $FAST -o -q
check "-o -q: no directory named -q" test ! -e "$TMP/-q"
expect "--set --json" 2 "--set needs a value, not the option '--json'" run --set --json
expect "plan --site -v" 2 "--site needs a value, not the option '-v'" plan --indication fine_lines --site -v
expect "--output=-q (the explicit form)" 0 "" run $FAST --output=-q
check "--output=-q writes into ./-q" test -f "$TMP/-q/summary.json"

# many --set
sets=()
for i in $(seq 1 1000); do sets+=(--set "seed=$i"); done
expect "1000 --set" 0 "" run $FAST "${sets[@]}" --json
check "1000 --set: the last one wins" grep -qE '"seed":[[:space:]]*1000,' "$TMP/out"
expect "1000 --set to a study" 0 "" sweep $FAST "${sets[@]}" --vary patient.age_years=30:40:2 --json
many=()
for i in $(seq 1 5000); do many+=(--set "seed=$i"); done # 10,000 words: past any fixed table
expect "5000 --set to a study" 0 "" population $FAST "${many[@]}" --n 2 --json
check "5000 --set to a study: the last one wins" grep -qE '"seed":[[:space:]]*5000\b' "$TMP/out"
varies=()
for i in $(seq 1 65); do varies+=(--vary "patient.age_years=30:40:2"); done
expect "65 --vary" 2 "at most 64 --vary" sweep $FAST "${varies[@]}"

# a FIFO without a writer
mkfifo "$TMP/fifo"
start=$SECONDS
expect "a FIFO without a writer" 2 "nothing to read" run "$TMP/fifo"
check "a FIFO without a writer: refused within 10 s ($((SECONDS - start)) s)" test $((SECONDS - start)) -le 10
"$MNSIM" run --set simulation.model=1d --set course.sessions=0 <(printf 'simulation:\n  duration_h: 1\n') >/dev/null 2>"$TMP/err"
check "a pipe with a writer is still read (<(...))" test $? -eq 0

# negative zero
expect "-0 in a --set" 0 "" run $FAST --set formulation.wash_off_h=-0
check "-0 is echoed as 0" grep -qE "^ *wash_off_h: 0 " "$TMP/out"
expect "-0 in a --set, --json" 0 "" run $FAST --set formulation.wash_off_h=-0 --json
check "no -0 anywhere in the JSON" bash -c "! grep -qE '[^0-9.eE]-0([^.0-9]|$)' '$TMP/out'"
printf 'formulation:\n  wash_off_h: -0\n' >"$TMP/negzero.yaml"
expect "-0 in a file" 0 "" run $FAST "$TMP/negzero.yaml" -o "$TMP/nz"
check "-0 is 0 in the resolved scenario" grep -qE "^ *wash_off_h: 0 " "$TMP/nz/report.html"
check "-0 is 0 in summary.json" grep -qE '"wash_off_h":[[:space:]]*0,?$' "$TMP/nz/summary.json"

# plan --emit-scenario ""
expect "--emit-scenario ''" 2 "--emit-scenario needs a file name" \
  plan --indication fine_lines --site cheek --emit-scenario ""

# strict skin types
for v in " 3" "3 " "3x" "+3x" "" "0x3" "7" "0"; do
  expect "plan --fitzpatrick '$v'" 2 "--fitzpatrick '$v': expected a skin type" \
    plan --indication fine_lines --site cheek --fitzpatrick "$v"
  expect "compare --fitzpatrick '$v'" 2 "--fitzpatrick '$v': expected a skin type" \
    compare --indication fine_lines --site cheek --fitzpatrick "$v"
done
expect "plan --fitzpatrick 4" 0 "" plan --indication fine_lines --site cheek --fitzpatrick 4
expect "compare --age ' 40'" 2 "--age ' 40'" compare --indication fine_lines --site cheek --age " 40"
expect "population --n ' 2'" 2 "--n = ' 2'" population --n " 2"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
