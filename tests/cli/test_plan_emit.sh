#!/usr/bin/env bash
# mnsim plan --emit-scenario: every indication x setting emits a scenario that `mnsim run`
# runs; a blocked plan and an unwritable path write nothing. Usage: test_plan_emit.sh mnsim
set -u
MNSIM=${1:?usage: test_plan_emit.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

# One site where each indication is usually treated.
PAIRS="fine_lines:temple acne_scars_moderate:temple acne_scars_severe:upper_back
melasma:forehead photoageing:neck laxity:cheek enlarged_pores:nose stretch_marks:thigh
scars:abdomen product_delivery:cheek"
for pair in $PAIRS; do
  ind=${pair%%:*}
  site=${pair##*:}
  for setting in home clinic; do
    f="$TMP/$ind-$setting.yaml"
    "$MNSIM" plan --indication "$ind" --site "$site" --setting "$setting" --fitzpatrick 4 \
      --emit-scenario "$f" >"$TMP/plan.out" 2>"$TMP/plan.err"
    check "$ind $setting: plan exits 0" test $? -eq 0
    check "$ind $setting: plan writes nothing on stderr" test ! -s "$TMP/plan.err"
    check "$ind $setting: scenario written" test -s "$f"
    check "$ind $setting: plan says where" grep -q "Scenario written to $f" "$TMP/plan.out"
    "$MNSIM" run "$f" --json >"$TMP/run.json" 2>"$TMP/run.err"
    rc=$?
    check "$ind $setting: mnsim run exits 0" test $rc -eq 0
    [ $rc -eq 0 ] || cat "$TMP/run.err" >&2
    # The scenario itself is clean (the healing stage may still warn about the course).
    check "$ind $setting: no warning about the scenario's keys" \
      test -z "$(grep -E 'device\.|treatment\.|course\.|skin\.' "$TMP/run.err")"
    check "$ind $setting: the run is of the plan" $PY - "$TMP/run.json" "$site" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
ok = d["skin"]["site"] == sys.argv[2] and d["skin"]["fitzpatrick"] == 4
# The run applies the plan's rules and agrees: no block, most channels above the subcutis
# (a few may enter it: the subcutis rule reads the depth distribution, docs/model.md section 7).
ok &= not d["safety"]["blocks"]
ok &= all(w["rule"] != "subcutis_reached" for w in d["safety"]["warnings"])
sys.exit(0 if ok else 1)
PY
  done
done

# The middle of each range: acne scars, moderate, in a clinic at the upper back.
"$MNSIM" plan --indication acne_scars_moderate --site upper_back --setting clinic --json \
  --emit-scenario "$TMP/mid.yaml" >"$TMP/mid.json"
check "--json with --emit-scenario keeps stdout JSON" $PY -m json.tool "$TMP/mid.json" >/dev/null
check "needle: middle of 1.5-2.0 mm" grep -Eq '^  needle_length_mm: 1\.75( |$)' "$TMP/mid.yaml"
check "pen" grep -Eq '^  type: pen( |$)' "$TMP/mid.yaml"
check "sessions: body 4-6 -> 5" grep -Eq '^  sessions: 5( |$)' "$TMP/mid.yaml"
check "interval 4 weeks" grep -Eq '^  interval_weeks: 4( |$)' "$TMP/mid.yaml"

# A blocked plan writes no scenario; neither does a path that cannot be written.
"$MNSIM" plan --indication fine_lines --site temple --condition pregnancy \
  --emit-scenario "$TMP/blocked.yaml" >/dev/null 2>"$TMP/blocked.err"
check "blocked plan: exit 1" test $? -eq 1
check "blocked plan: says why" grep -q "blocks treatment" "$TMP/blocked.err"
check "blocked plan: no file" test ! -e "$TMP/blocked.yaml"
"$MNSIM" plan --indication fine_lines --site temple --emit-scenario "$TMP/no/such/dir.yaml" \
  >/dev/null 2>"$TMP/nodir.err"
check "unwritable path: exit 1" test $? -eq 1
check "unwritable path: named" grep -q "no/such/dir.yaml" "$TMP/nodir.err"
check "no temporary left" test -z "$(find "$TMP" -name '.*.tmp.*')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
