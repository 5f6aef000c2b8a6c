#!/usr/bin/env bash
# Runs every examples/*.yaml and refreshes docs/examples.md and its figures in docs/examples/.
#   scripts/render_examples.sh [path/to/mnsim]      (default: build/cli/mnsim)
# The figures are the PNGs of `mnsim run -o`; the table is read from each run's summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
mnsim=${1:-build/cli/mnsim}
[ -x "$mnsim" ] || { echo "render_examples: $mnsim not found: build first (make build)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf docs/examples
mkdir -p docs/examples
{
  echo "# Examples"
  echo
  echo "Scenarios from the planner's indications, in examples/. Run one with"
  echo "\`mnsim run examples/NAME.yaml -o out/NAME\` and open out/NAME/report.html."
  echo "This page and its figures are made by scripts/render_examples.sh; do not edit by hand."
  echo
} > docs/examples.md

for yaml in examples/*.yaml; do
  name=$(basename "$yaml" .yaml)
  echo "render_examples: $name" >&2
  "$mnsim" run "$yaml" -o "$work/$name" --quiet > /dev/null
  mkdir -p "docs/examples/$name"
  for fig in "$work/$name"/*.png; do
    cp "$fig" "docs/examples/$name/"
  done
  /usr/bin/python3 - "$yaml" "$work/$name/summary.json" "$name" >> docs/examples.md <<'PY'
import json, sys, os
yaml_path, summary_path, name = sys.argv[1:4]
s = json.load(open(summary_path))
print(f"## {s.get('name') or name}")
print()
print(f"Scenario: [`{yaml_path}`](../{yaml_path}). Seed {s['seed']}, mnsim {s['mnsim_version']}.")
print()
rows = []
def add(sec, key, label, fmt="{:.3g}"):
    v = s.get(sec, {}).get(key)
    if isinstance(v, (int, float)):
        rows.append((label, fmt.format(v)))
    elif isinstance(v, str):
        rows.append((label, v))
add("skin", "site", "site")
add("puncture", "density_per_cm2", "channels per cm²")
add("puncture", "mean_depth_um", "mean depth reached [µm]")
add("puncture", "deepest_layer", "deepest layer")
add("absorption", "model", "absorption model")
add("absorption", "absorbed_percent", "absorbed, treated [% of dose]")
add("absorption", "intact_absorbed_percent", "absorbed, intact [% of dose]")
a = s.get("absorption", {})
if isinstance(a.get("enhancement_ratio"), (int, float)):
    lo, hi = a.get("enhancement_is_lower_bound"), a.get("enhancement_is_upper_bound")
    word = ("undetermined " if lo and hi else "at least " if lo else
            "at most " if hi else "")
    rows.append(("enhancement ratio", word + "{:.3g}".format(a["enhancement_ratio"])))
add("healing", "collagen_change_percent", "new collagen at follow-up [%]")
add("healing", "elastin_change_percent", "new elastin at follow-up [%]")
add("healing", "downtime_days", "downtime [days]")
if rows:
    print("| quantity | value |")
    print("|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")
    print()
figs = sorted(f for f in os.listdir(os.path.dirname(summary_path)) if f.endswith(".png"))
for f in figs:
    print(f"![{name}: {f[:-4].replace('_', ' ')}](examples/{name}/{f})")
    print()
PY
done
echo "render_examples: wrote docs/examples.md" >&2
