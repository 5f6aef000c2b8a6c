#!/usr/bin/env bash
# mnsim run applies the planner's safety rules: a 2.5 mm pen on the eyelid prints a blocking
# warning and exits 0, or 2 under --strict with nothing written; the default scenario has no
# block; summary.json and report.html carry safety.warnings; and the scenario of every plan
# (every indication at a few sites, home and clinic) runs without a block.
# Usage: test_safety.sh mnsim
set -u
MNSIM=${1:?usage: test_safety.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

# The eyelid's site: the one whose label names the lid (mnsim sites).
EYELID=$("$MNSIM" sites | awk 'NR > 1 && /lid/ {print $1; exit}')
check "an eyelid site exists" test -n "$EYELID"
EYE="--set skin.site=$EYELID --set device.type=pen --set device.needle_length_mm=2.5"
FAST="--set simulation.model=1d --set simulation.duration_h=1"

# Without --strict: the warning is printed, the run succeeds.
"$MNSIM" run --quiet $EYE $FAST >"$TMP/eye.out" 2>"$TMP/eye.err"
check "eyelid pen: exit 0 without --strict" test $? -eq 0
check "eyelid pen: a safety block" grep -Eq '^safety: [0-9]+ warnings?' "$TMP/eye.out"
check "eyelid pen: the eyelid rule blocks" grep -Eq '^  block +eyelid: ' "$TMP/eye.out"
check "eyelid pen: the subcutis is reached" grep -Eq '^  block +subcutis_reached: ' "$TMP/eye.out"
check "eyelid pen: no internal notes" \
  test -z "$(sed -n '/^safety:/,/^resolved/p' "$TMP/eye.out" | grep -E '\[[LMH]\]|\(R\)|issue [0-9]|\.yaml|docs/')"

# --json: stdout is the JSON alone, with the warnings; they also go to stderr.
"$MNSIM" run --quiet --json $EYE $FAST >"$TMP/eye.json" 2>"$TMP/eye.jerr"
check "eyelid pen --json: exit 0" test $? -eq 0
check "eyelid pen --json: warnings on stderr" grep -q "safety block (eyelid)" "$TMP/eye.jerr"
check "eyelid pen --json: safety.warnings" $PY - "$TMP/eye.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
w = d["safety"]["warnings"]
rules = {x["rule"]: x for x in w}
ok = d["safety"]["blocks"] is True and "eyelid" in rules and "subcutis_reached" in rules
ok &= all(set(x) == {"rule", "severity", "message"} for x in w)
ok &= all(x["severity"] in ("block", "caution") and len(x["message"]) > 20 for x in w)
ok &= rules["eyelid"]["severity"] == "block"
sys.exit(0 if ok else 1)
PY

# --strict: exit 2, the warnings on stderr as errors, nothing on stdout, no file written.
"$MNSIM" run --quiet --strict $EYE $FAST -o "$TMP/strict" >"$TMP/strict.out" 2>"$TMP/strict.err"
check "eyelid pen --strict: exit 2" test $? -eq 2
check "eyelid pen --strict: errors on stderr" grep -q "error: safety (eyelid)" "$TMP/strict.err"
check "eyelid pen --strict: nothing on stdout" test ! -s "$TMP/strict.out"
check "eyelid pen --strict: no output written" test ! -e "$TMP/strict"
"$MNSIM" run --quiet --strict --json $EYE $FAST >"$TMP/strict.json" 2>/dev/null
check "eyelid pen --strict --json: exit 2" test $? -eq 2
check "eyelid pen --strict --json: no JSON" test ! -s "$TMP/strict.json"
check "--strict is documented" grep -q -- "--strict" <("$MNSIM" run --help)

# The default scenario: no block; --strict runs it; summary.json and report.html show safety.
"$MNSIM" run --quiet --strict $FAST -o "$TMP/def" >"$TMP/def.out" 2>"$TMP/def.err"
check "default --strict: exit 0" test $? -eq 0
check "default: safety line" grep -Eq '^safety: ' "$TMP/def.out"
check "default: summary.json has safety.warnings and no block" $PY - "$TMP/def/summary.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
w = d["safety"]["warnings"]
sys.exit(0 if isinstance(w, list) and not d["safety"]["blocks"]
         and all(x["severity"] != "block" for x in w) else 1)
PY
check "default: report.html has the safety box" grep -q '<h2>Safety</h2>' "$TMP/def/report.html"
"$MNSIM" run --quiet $EYE $FAST -o "$TMP/eyeout" >/dev/null 2>&1
check "eyelid pen: report.html shows the block near the top" $PY - "$TMP/eyeout/report.html" <<'PY'
import sys
t = open(sys.argv[1], encoding="utf-8").read()
i, k = t.find("<h2>Safety</h2>"), t.find("<h2>Key numbers</h2>")
sys.exit(0 if 0 < i < k and "BLOCK (eyelid):" in t and 'class="alert alarm"' in t else 1)
PY

# The plan and the run agree: the scenario a plan emits breaks no blocking rule.
for ind in $("$MNSIM" indications --json | $PY -c 'import json,sys; print(" ".join(i["name"] for i in json.load(sys.stdin)["indications"]))'); do
  for site in cheek forehead "$EYELID" neck upper_back thigh; do
    for setting in home clinic; do
      f="$TMP/plan.yaml"
      rm -f "$f"
      "$MNSIM" plan --indication "$ind" --site "$site" --setting "$setting" --fitzpatrick 5 \
        --emit-scenario "$f" >/dev/null 2>&1 || continue # no length fits: no scenario
      "$MNSIM" run "$f" --quiet --strict --json $FAST >"$TMP/plan.json" 2>"$TMP/plan.err"
      rc=$?
      check "plan $ind at $site ($setting): the run has no block" test $rc -eq 0
      [ $rc -eq 0 ] || cat "$TMP/plan.err" >&2
    done
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
