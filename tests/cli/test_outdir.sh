#!/usr/bin/env bash
# An output directory as a unit (issue 18): summary.json's manifest lists every other file of the
# run with its size and SHA-256 (sha256sum agrees) and the run's id; the directory holds no
# temporary or staging folder afterwards; the files of the previous run that this run did not
# write are removed, a file mnsim never wrote stays; temporaries left by a killed run (kill -9)
# are removed by the next run, a live process's are not; a run that waits for another says so.
# Usage: test_outdir.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_outdir.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
FAST="--set simulation.model=1d --set simulation.duration_h=1 --quiet"

manifest_ok() { # DIR: every file but summary.json (and the user's notes.txt) is in the manifest,
  # with its size; sha256sum agrees
  (cd "$1" && $PY - <<'PY'
import json, os, sys
m = json.load(open("summary.json"))["manifest"]
listed = sorted(f["name"] for f in m["files"])
present = sorted(f for f in os.listdir(".")
                 if not f.startswith(".") and f not in ("summary.json", "notes.txt"))
with open(".check", "w") as out:
    for f in m["files"]:
        out.write(f"{f['sha256']}  {f['name']}\n")
        if os.path.getsize(f["name"]) != f["bytes"]:
            sys.exit(1)
sys.exit(0 if listed == present and len(m["run_id"]) == 16 else 1)
PY
  ) && (cd "$1" && sha256sum --quiet -c .check && rm -f .check)
}
empty_or_complete() { [ -z "$(ls "$1" 2>/dev/null)" ] || manifest_ok "$1"; }
no_temporaries() { ! ls -a "$1" | grep -qE '\.tmp\.|^\.mnsim\.stage\.'; }

D="$TMP/out"
"$MNSIM" run $FAST --set course.sessions=1 --set name=FIRST -o "$D" >/dev/null 2>"$TMP/err1"
check "first run exits 0" test $? -eq 0
check "first run: the manifest lists every other file, sha256sum agrees" manifest_ok "$D"
check "first run wrote healing.csv and course.png" test -s "$D/healing.csv" -a -s "$D/course.png"
check "first run: no temporary, no staging folder" no_temporaries "$D"
echo "mine" >"$D/notes.txt"

# temporaries of dead processes (as kill -9 leaves them) and of a live one
dead=999999
while kill -0 "$dead" 2>/dev/null; do dead=$((dead - 1)); done
mkdir "$D/.mnsim.stage.$dead-0"
: >"$D/.mnsim.stage.$dead-0/profiles.svg"
: >"$D/.profiles.svg.tmp.$dead.3.123456"
sleep 30 &
live=$!
: >"$D/.dose.png.tmp.$live.0.1"

"$MNSIM" run $FAST --set course.sessions=0 --set name=SECOND -o "$D" >/dev/null 2>"$TMP/err2"
check "second run exits 0" test $? -eq 0
check "second run: the manifest holds" manifest_ok "$D"
check "the previous run's healing.csv is removed" test ! -e "$D/healing.csv"
check "the previous run's course.png and course.svg are removed" test ! -e "$D/course.png" -a ! -e "$D/course.svg"
check "a file mnsim never wrote stays" grep -q mine "$D/notes.txt"
check "summary.json is the second run's" grep -q '"name":.*"SECOND"' "$D/summary.json"
check "a dead run's staging folder is removed" test ! -e "$D/.mnsim.stage.$dead-0"
check "a dead run's temporary is removed" test ! -e "$D/.profiles.svg.tmp.$dead.3.123456"
check "a live process's temporary stays" test -e "$D/.dose.png.tmp.$live.0.1"
kill "$live" 2>/dev/null
wait "$live" 2>/dev/null
rm -f "$D/.dose.png.tmp.$live.0.1"
check "afterwards: no temporary, no staging folder" no_temporaries "$D"

# the same input gives the same files and the same run id, another input another id
"$MNSIM" run $FAST --set course.sessions=0 --set name=SECOND -o "$TMP/again" >/dev/null 2>&1
id() { $PY -c "import json,sys; print(json.load(open(sys.argv[1]))['manifest']['run_id'])" "$1/summary.json"; }
check "same input, same run id" test "$(id "$D")" = "$(id "$TMP/again")"
check "same input, same summary.json" cmp -s "$D/summary.json" "$TMP/again/summary.json"
check "another input, another run id" test "$(id "$D")" != "$(
  "$MNSIM" run $FAST --set course.sessions=0 --set name=THIRD -o "$TMP/third" >/dev/null 2>&1
  id "$TMP/third")"

# kill -9 in the middle of writing, then a run into the same directory cleans up
K="$TMP/killed"
left=0
for delay in 0.4 0.7 1.0; do
  "$MNSIM" run $FAST --set course.sessions=0 -o "$K" >/dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  ls -a "$K" 2>/dev/null | grep -qE '\.tmp\.|^\.mnsim\.stage\.' && left=$((left + 1))
  check "after kill -9 (at $delay s): no visible file, or a complete run's" empty_or_complete "$K"
done
echo "kill -9 left temporaries $left times of 3"
"$MNSIM" run $FAST --set course.sessions=0 -o "$K" >/dev/null 2>&1
check "the next run after kill -9 exits 0" test $? -eq 0
check "the next run after kill -9 leaves no temporary" no_temporaries "$K"
check "the next run after kill -9: the manifest holds" manifest_ok "$K"

# a second run into a directory being written waits, and says for whom
W="$TMP/wait"
"$MNSIM" run $FAST --set course.sessions=0 -o "$W" >/dev/null 2>&1 &
first=$!
for _ in $(seq 1 200); do [ -s "$W/.mnsim.lock" ] && break; sleep 0.02; done
"$MNSIM" run $FAST --set course.sessions=0 -o "$W" >/dev/null 2>"$TMP/wait.err"
check "the waiting run exits 0" test $? -eq 0
wait "$first"
if grep -q "waiting" "$TMP/wait.err"; then
  check "the waiting run names the process it waits for" \
    grep -q "another run (process $first) is writing it: waiting" "$TMP/wait.err"
else
  echo "the first run was done before the second began: no wait to see"
fi
check "after two runs: the manifest holds" manifest_ok "$W"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
