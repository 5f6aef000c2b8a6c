#!/usr/bin/env bash
# Hardening (issue 18), each case reproducing a defect found by hand first:
# - a scenario of 64,000 keys and one of 1 MiB are refused in well under a second (libfyaml's
#   duplicate-key check was quadratic: a minute and more);
# - a key or a section given twice is still refused, with both lines;
# - two runs into one -o directory take turns: afterwards the directory holds one run's files
#   and the report embeds that run's figures (20 tries);
# - `-o` that cannot be written fails before the simulation, not after it;
# - valid input whose fields are all zero (the product washed off at once) writes every output.
# Usage: test_hardening.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_hardening.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

cpu_seconds() { # CPU seconds (user + system) of a command; its exit status in $TMP/rc
  local t0 t1 me=$BASHPID # this (sub)shell: its children's times are read after the wait
  t0=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  "$@" >/dev/null 2>"$TMP/err"
  echo $? >"$TMP/rc"
  t1=$(awk '{print $14 + $15 + $16 + $17}' /proc/$me/stat)
  awk -v a="$t0" -v b="$t1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", (b - a) / hz }'
}

$PY -c "open('$TMP/k64.yaml','w').write(''.join(f'k{i}: {i}\n' for i in range(64000)))"
$PY -c "
s = ''.join(f'k{i}: 1\n' for i in range(200000))
open('$TMP/k1m.yaml','w').write(s[:s.rfind(chr(10), 0, 1048576) + 1])"
# The limit is 1 s on an optimised build; a sanitizer build (-O0, instrumented: 3-5 times
# slower) gets 5 s, enough to catch the quadratic case (minutes) without timing noise.
limit=1.0
[ "${MN_SANITIZED:-0}" = 1 ] && limit=5.0
for f in k64 k1m; do
  s=$(cpu_seconds "$MNSIM" run "$TMP/$f.yaml")
  echo "$f.yaml: refused in $s s of CPU"
  check "$f.yaml is refused (exit 2)" test "$(cat "$TMP/rc")" -eq 2
  check "$f.yaml is refused in under $limit s of CPU ($s s)" awk -v s="$s" -v l="$limit" 'BEGIN { exit !(s < l) }'
  check "$f.yaml: the first unknown key is named" grep -q "$f.yaml:1:1: unknown key 'k0'" "$TMP/err"
done
printf 'skin:\n  site: cheek\nskin:\n  fitzpatrick: 2\n' >"$TMP/dup.yaml"
"$MNSIM" run "$TMP/dup.yaml" >/dev/null 2>"$TMP/dup.err"
check "a section given twice exits 2" test $? -eq 2
check "a section given twice is named with both lines" \
  grep -q "dup.yaml:3:1: duplicate key 'skin': the section is given twice (first on line 1)" "$TMP/dup.err"
printf 'seed: 1\nseed: 2\n' >"$TMP/dup2.yaml"
"$MNSIM" run "$TMP/dup2.yaml" >/dev/null 2>"$TMP/dup2.err"
check "a key given twice is named with both lines" grep -q "dup2.yaml:2:1: seed is given twice (first on line 1)" "$TMP/dup2.err"

# two runs into one directory, 20 times
FAST="--set simulation.model=1d --set simulation.duration_h=1 --set course.sessions=0"
consistent=0
for i in $(seq 1 20); do
  D="$TMP/shared_$i"
  "$MNSIM" run $FAST --set name=OLD --set treatment.passes=4 -o "$D" >/dev/null 2>&1 &
  "$MNSIM" run $FAST --set name=NEW -o "$D" >/dev/null 2>&1
  wait
  $PY - "$D" <<'PY' && consistent=$((consistent + 1))
import base64, json, os, sys
d = sys.argv[1]
name = json.load(open(os.path.join(d, "summary.json")))["name"]
html = open(os.path.join(d, "report.html")).read()
ok = f"mnsim: {name}" in html
for f in os.listdir(d):
    if f.endswith(".png"):
        ok = ok and base64.b64encode(open(os.path.join(d, f), "rb").read()).decode() in html
sys.exit(0 if ok else 1)
PY
done
check "two runs into one directory: 20 of 20 leave one run's files ($consistent)" test "$consistent" -eq 20

# -o checked first: a 3d run into a directory that cannot exist fails at once
s=$(cpu_seconds "$MNSIM" run --set simulation.model=3d -o /proc/mnsim-no-such-dir)
check "an unwritable -o exits 1" test "$(cat "$TMP/rc")" -eq 1
check "an unwritable -o fails before the run ($s s)" awk -v s="$s" -v l="$limit" 'BEGIN { exit !(s < l) }'
check "an unwritable -o says why" grep -q "cannot create directory" "$TMP/err"

# all-zero fields are valid output
"$MNSIM" run --set formulation.wash_off_h=0 -o "$TMP/wash" >/dev/null 2>"$TMP/wash.err"
check "wash_off_h=0 -o exits 0" test $? -eq 0
for f in summary.json report.html absorption.csv profiles.csv absorbed.png; do
  check "wash_off_h=0 writes $f" test -s "$TMP/wash/$f"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
