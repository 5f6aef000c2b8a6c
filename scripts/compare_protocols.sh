#!/usr/bin/env bash
# Predicted collagen gain of common microneedling protocols, side by side, through 'mnsim run'.
# Usage: scripts/compare_protocols.sh [path/to/mnsim] [needle_length_mm]
# Every protocol uses the default scenario (roller, cheek) with 16 crosshatched passes; the
# outcome is read 8 weeks after the last session (as Lotfi 2013); warnings: inflammation (piles
# up), interval (dermal needling sooner than 14 days). The same table, computed in C
# with a 6-month column as well: build/tools/compare_protocols.
set -eu
mnsim=${1:-build/cli/mnsim}
needle=${2:-1.5}
printf '%-16s %8s %9s %12s %12s %10s  %s\n' protocol sessions interval collagen elastin downtime warnings
printf '%-16s %8s %9s %12s %12s %10s\n' '' '' '[weeks]' '8 wk [%]' '8 wk [%]' '[days]'
while read -r name sessions interval; do
  "$mnsim" run --json --quiet \
    --set device.needle_length_mm="$needle" --set treatment.passes=16 \
    --set treatment.pattern=crosshatch --set course.sessions="$sessions" \
    --set course.interval_weeks="$interval" --set course.follow_up_months=1.8398 2>/dev/null |
    python3 -c '
import json, sys
h = json.load(sys.stdin)["healing"]
tags = (("inflammation", "piles up"), ("interval", "days apart"))
w = ", ".join(t for t, k in tags if any(k in x for x in h.get("warnings", []))) or "-"
print("%-16s %8d %9g %12.1f %12.1f %10.2f  %s" % (sys.argv[1].replace("_", " "), h["sessions"],
      h["interval_weeks"], h["collagen_change_percent"], h["elastin_change_percent"],
      h["downtime_days"], w))' "$name"
done <<'PROTOCOLS'
3_monthly 3 4
4_monthly 4 4
5_monthly 5 4
6_every_2_weeks 6 2
4_weekly 4 1
PROTOCOLS
