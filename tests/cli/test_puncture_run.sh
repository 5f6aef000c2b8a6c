#!/usr/bin/env bash
# mnsim run and the puncture stage: the puncture.* fields of --json (shared/SCENARIO.md), depth
# growing with needle length and bounded by it, the eyelid vs the back, a bad device name, and
# the same seed giving the same summary. Usage: test_puncture_run.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_puncture_run.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"
# run NAME KEY=VALUE...: the summary of a short run with those overrides in $TMP/NAME.json
run() {
  local name=$1
  shift
  local args=()
  for kv in "$@"; do args+=(--set "$kv"); done
  "$MNSIM" run --json --quiet --set course.sessions=0 --set simulation.duration_h=0.1 \
    --set simulation.model=1d \
    "${args[@]}" >"$TMP/$name.json" 2>"$TMP/$name.err"
}

run default
check "default run exits 0" test $? -eq 0
check "default run: puncture fields" $PY - "$TMP/default.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["puncture"]
ok = True
for key in ("channels", "density_per_cm2", "mean_depth_um", "max_depth_um",
            "surface_diameter_um", "area_fraction"):
    if not (isinstance(p.get(key), (int, float)) and p[key] > 0):
        print("bad", key, p.get(key)); ok = False
if p.get("deepest_layer") not in ("stratum_corneum", "viable_epidermis", "dermis", "subcutis"):
    print("bad deepest_layer", p.get("deepest_layer")); ok = False
# 8 passes of 192 / (pi 2 cm 2 cm) = 122 per cm^2; a 1.5 mm roller reaches well short of 1.5 mm
if ok and not (110 < p["density_per_cm2"] < 135):
    print("density", p["density_per_cm2"]); ok = False
if ok and not (p["mean_depth_um"] < p["max_depth_um"] < 1500):
    print("depths", p["mean_depth_um"], p["max_depth_um"]); ok = False
sys.exit(0 if ok else 1)
PY

for len in 0.5 1.0 2.0; do
  run "roller_$len" device.needle_length_mm=$len
done
check "depth grows with length, below it" $PY - "$TMP" <<'PY'
import json, sys
d = [json.load(open("%s/roller_%s.json" % (sys.argv[1], L)))["puncture"] for L in ("0.5", "1.0", "2.0")]
m = [x["mean_depth_um"] for x in d]
ok = m[0] < m[1] < m[2] and all(x["max_depth_um"] < 1000 * L for x, L in zip(d, (0.5, 1.0, 2.0)))
if not ok: print(m)
sys.exit(0 if ok else 1)
PY

run eyelid device.model=pen_12 device.needle_length_mm=2.5 skin.site=periorbital
run back device.model=pen_12 device.needle_length_mm=2.5 skin.site=upper_back
check "2.5 mm pen reaches the eyelid's subcutis" grep -q '"deepest_layer":[[:space:]]*"subcutis"' "$TMP/eyelid.json"
check "2.5 mm pen stays in the back's dermis" grep -q '"deepest_layer":[[:space:]]*"dermis"' "$TMP/back.json"

run seed_a seed=5 treatment.pattern=random
run seed_b seed=5 treatment.pattern=random
check "same seed, same summary" cmp -s "$TMP/seed_a.json" "$TMP/seed_b.json"

run bad device.model=derma_wand
rc=$?
check "unknown device is bad input (exit 2)" test $rc -eq 2
check "unknown device is named" grep -q "derma_wand" "$TMP/bad.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
