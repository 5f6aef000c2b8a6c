#!/usr/bin/env bash
# Depth reached vs needle length for a roller and a pen at two sites, as a markdown table for
# docs/model.md (section 3). Each cell runs the built mnsim:
#   mnsim run --set device.model=M --set device.needle_length_mm=L --set skin.site=S ... --json
# and reads puncture.mean_depth_um, puncture.max_depth_um and puncture.deepest_layer.
# Usage: scripts/depth_table.sh [path/to/mnsim]      (default: build/cli/mnsim)
set -eu
MNSIM=${1:-build/cli/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
DEVICES="clinic_roller pen_12"
SITES="cheek upper_back"
LENGTHS="0.25 0.5 0.75 1 1.25 1.5 1.75 2 2.25 2.5 2.75 3"

cell() { # cell DEVICE SITE LENGTH_MM -> "mean µm (mean/L); max µm, deepest layer"
  "$MNSIM" run --json --quiet \
    --set device.model="$1" --set skin.site="$2" --set device.needle_length_mm="$3" \
    --set treatment.pressure=moderate --set treatment.passes=1 --set treatment.area_cm2=4 \
    --set course.sessions=0 --set simulation.duration_h=0.1 2>/dev/null |
    $PY -c '
import json, sys
p = json.load(sys.stdin)["puncture"]
L = float(sys.argv[1]) * 1000
print("%.0f (%.2f); %.0f, %s" % (p["mean_depth_um"], p["mean_depth_um"] / L,
                                  p["max_depth_um"], p["deepest_layer"].replace("_", " ")))
' "$3"
}

header="| needle mm |"
rule="|---|"
for d in $DEVICES; do
  for s in $SITES; do
    header="$header $d, $s |"
    rule="$rule---|"
  done
done
echo "$header"
echo "$rule"
for len in $LENGTHS; do
  row="| $len |"
  for d in $DEVICES; do
    for s in $SITES; do
      row="$row $(cell "$d" "$s" "$len") |"
    done
  done
  echo "$row"
done
