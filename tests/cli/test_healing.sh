#!/usr/bin/env bash
# mnsim run --json: the healing.* fields of shared/SCENARIO.md, with the course keys.
# Usage: test_healing.sh path/to/mnsim
set -u
export LC_ALL=C # the readable report follows the locale; the expected text has point decimals
mnsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# check NAME PYTHON-EXPR -- ARGS...: run mnsim run --json --quiet ARGS and evaluate the expression
# on the parsed summary (d) and its healing block (h).
check() {
  local name=$1 expr=$2
  shift 3
  # The healing stage reads the puncture stage only: a quick 1d absorption run leaves it as it is.
  if ! "$mnsim" run --json --quiet --set simulation.model=1d --set simulation.duration_h=1 "$@" \
    >"$tmp/out" 2>"$tmp/err"; then
    bad "$name: mnsim run $* failed: $(cat "$tmp/err")"
    return
  fi
  if python3 - "$tmp/out" "$expr" <<'PY'; then ok; else bad "$name: $expr is false for: $*"; fi
import json, sys
d = json.load(open(sys.argv[1]))
h = d["healing"]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
}

fields='all(k in h for k in ("sessions", "interval_weeks", "collagen_change_percent", "elastin_change_percent", "collagen_curve_days", "collagen_curve_percent", "downtime_days"))'
check "fields" "$fields" -- 
check "curves" 'len(h["collagen_curve_days"]) == len(h["collagen_curve_percent"])' --
check "interval in weeks" 'h["interval_weeks"] == 2' -- --set course.interval_weeks=2
check "no session" 'h["sessions"] == 0 and h["collagen_change_percent"] == 0 and h["collagen_curve_days"] == []' -- --set course.sessions=0
# Once the run has channels to heal: a course builds collagen, daily to the follow-up.
# Default course: 4 sessions 4 weeks apart, read 6 months (182.625 days) after the last.
check "course" 'h["sessions"] == 0 or (h["collagen_change_percent"] > 0 and h["collagen_curve_days"][-1] == 84 + 182 and h["downtime_days"] > 0)' --

# Warnings: weekly 1.5 mm sessions pile up inflammation; monthly ones do not.
check "weekly warns" 'any("piles up" in w for w in h["warnings"])' -- --set course.interval_weeks=1
check "monthly quiet" 'not any("piles up" in w for w in h.get("warnings", []))' --

# The protocol table of docs/model.md section 6.8: five rows, 3 < 4 < 5 monthly sessions.
if [ -n "${MN_SOURCE_DIR:-}" ]; then
  if bash "$MN_SOURCE_DIR/scripts/compare_protocols.sh" "$mnsim" >"$tmp/table" 2>"$tmp/err" &&
    awk 'NR > 2 { c[NR] = $(NF - 3) } END { exit !(NR == 7 && c[3] < c[4] && c[4] < c[5]) }' \
      "$tmp/table"; then
    ok
  else
    bad "compare_protocols.sh: $(cat "$tmp/table" "$tmp/err")"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
