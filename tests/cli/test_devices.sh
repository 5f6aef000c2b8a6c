#!/usr/bin/env bash
# mnsim devices: the table for people, --json (valid JSON, every device with its needle and
# type-specific geometry and a source), --help, and a bad argument.
# Usage: test_devices.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_devices.sh path/to/mnsim}
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

DEVICES="generic_roller home_roller dermaroller_mf8 clinic_roller generic_stamp pen_9 pen_12
pen_24 pen_36"

"$MNSIM" devices >"$TMP/table.txt" 2>"$TMP/table.err"
check "devices exits 0" test $? -eq 0
check "devices writes nothing on stderr" test ! -s "$TMP/table.err"
check "table has a header" grep -q '^name .*type .*needles .*length mm' "$TMP/table.txt"
for d in $DEVICES; do
  check "table lists $d" grep -q "^$d " "$TMP/table.txt"
done
# the standard drum: 192 needles, 15 entries per cm² and pass (physics reference, section 2)
check "table lists the fractional lasers" grep -q '^fraxel_1550 .*er_glass_1550 .*1550 .*no ' "$TMP/table.txt"
check "generic roller row" grep -Eq '^generic_roller +roller +home +192 .* 15 ' "$TMP/table.txt"

"$MNSIM" devices --json >"$TMP/devices.json" 2>"$TMP/json.err"
check "devices --json exits 0" test $? -eq 0
check "devices --json writes nothing on stderr" test ! -s "$TMP/json.err"
check "devices --json: every device complete" $PY - "$TMP/devices.json" $DEVICES <<'PY'
import json, math, sys
devices = json.load(open(sys.argv[1]))
by_name = {d["name"]: d for d in devices}
ok = True
common = ("label", "type", "setting", "needle_length_mm", "length_min_mm", "length_max_mm",
          "needle_base_diameter_um", "needle_tip_radius_um", "needle_cone_angle_deg", "needles",
          "punctures_per_cm2_per_pass", "depth_fraction_moderate", "source")
per_type = {"roller": ("drum_diameter_mm", "drum_width_mm", "needle_rows"),
            "stamp": ("stamp_width_mm", "stamp_height_mm", "needle_rows"),
            "pen": ("frequency_hz", "glide_speed_mm_s", "cartridge_diameter_mm")}
for name in sys.argv[2:]:
    d = by_name.get(name)
    if d is None:
        print("missing device", name); ok = False; continue
    for key in common + per_type.get(d.get("type"), ("unknown type",)):
        if key not in d:
            print(name, "lacks", key); ok = False
    if not ok:
        continue
    if not (0 < d["depth_fraction_moderate"] < 1):
        print(name, "reach must be a fraction", d["depth_fraction_moderate"]); ok = False
    if not (d["length_min_mm"] <= d["needle_length_mm"] <= d["length_max_mm"]):
        print(name, "default length outside its range"); ok = False
    if d["type"] == "roller":
        want = d["needles"] / (math.pi * d["drum_diameter_mm"] * d["drum_width_mm"] / 100)
    elif d["type"] == "pen":
        want = d["needles"] * d["frequency_hz"] / (d["cartridge_diameter_mm"] * d["glide_speed_mm_s"] / 100)
    else:
        want = d["needles"] / (d["stamp_width_mm"] * d["stamp_height_mm"] / 100)
    if abs(d["punctures_per_cm2_per_pass"] - want) > 1e-6 * want:
        print(name, "density", d["punctures_per_cm2_per_pass"], "formula", want); ok = False
# the fractional lasers: a line, a pulse and a density or a coverage each
lasers = [d for d in devices if d["type"] == "fractional_laser"]
if sorted({d["laser"] for d in lasers}) != sorted(["co2", "er_yag", "er_glass_1550", "er_glass_1540", "nd_yap_1340"]):
    print("every laser line needs a device"); ok = False
for d in lasers:
    for key in ("wavelength_nm", "ablative", "pulse_energy_mj", "spot_diameter_um", "pulse_ms", "source"):
        if key not in d:
            print(d["name"], "lacks", key); ok = False
    if ("density_per_cm2" in d) == ("coverage_percent" in d):
        print(d["name"], "needs a density or a coverage"); ok = False
    if d.get("ablative") != (d["laser"] in ("co2", "er_yag")):
        print(d["name"], "ablative flag wrong"); ok = False
# pens are more reliable and deeper than rollers (docs/model.md, section 2)
if ok and not by_name["pen_12"]["depth_fraction_moderate"] > by_name["generic_roller"]["depth_fraction_moderate"]:
    print("pen reach must exceed roller reach"); ok = False
sys.exit(0 if ok else 1)
PY

"$MNSIM" devices --help >"$TMP/help.txt"
check "devices --help exits 0" test $? -eq 0
check "devices --help shows usage" grep -q 'usage: mnsim devices \[--json | --names\]' "$TMP/help.txt"
"$MNSIM" --help | grep -q '^  devices '
check "mnsim --help lists devices" test $? -eq 0
"$MNSIM" devices --bogus >"$TMP/bad.out" 2>"$TMP/bad.err"
check "bad argument exits 2" test $? -eq 2
check "bad argument is named on stderr" grep -q "mnsim: error: .*'--bogus'" "$TMP/bad.err"
check "bad argument prints nothing on stdout" test ! -s "$TMP/bad.out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
