#!/usr/bin/env bash
# mnsim run with `indication`: the outcome.* fields of shared/SCENARIO.md, the "outcome:" block,
# report.html's headline; a bad name exits 2 naming the key and the valid names; mnsim plan
# shows the expected outcome of its protocol (docs/model.md section 6.10).
# Usage: test_outcome.sh path/to/mnsim
set -u
export LC_ALL=C
mnsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
quick=(--set simulation.model=1d --set simulation.duration_h=1)

# The text report prints the outcome block; -o writes summary.json with outcome.* and
# report.html with the headline.
if "$mnsim" run "${quick[@]}" --set indication=acne_scars_moderate -o "$tmp/run" >"$tmp/out" 2>"$tmp/err"; then
  ok
  grep -q '^outcome: acne_scars_moderate' "$tmp/out" && ok || bad "no outcome: block in the text report"
  grep -q 'Goodman-Baron quantitative acne scar score' "$tmp/out" && ok || bad "no endpoint label"
  grep -q 'Expected outcome' "$tmp/run/report.html" && ok || bad "no headline in report.html"
  if python3 - "$tmp/run/summary.json" <<'PY'; then ok; else bad "outcome.* fields of summary.json"; fi
import json, sys
o = json.load(open(sys.argv[1]))["outcome"]
assert o["endpoint"] == "goodman_baron_quantitative", o["endpoint"]
assert o["change"] < 0
assert len(o["range"]) == 2 and o["range"][0] <= o["change"] <= o["range"][1]
assert len(o["time_days"]) == len(o["values"]) > 2
assert o["time_days"][0] == 0 and o["values"][0] == 0
assert abs(o["values"][-1] - o["change"]) < 1e-12
assert o["endpoints"][1]["endpoint"] == "improved_one_grade_percent"
PY
else
  bad "mnsim run --set indication=acne_scars_moderate failed: $(cat "$tmp/err")"
fi

# --json prints the same fields; without an indication there is no outcome.
"$mnsim" run --json --quiet "${quick[@]}" --set indication=acne_scars_moderate >"$tmp/j" 2>/dev/null &&
  python3 -c 'import json,sys; o=json.load(open(sys.argv[1]))["outcome"]; assert all(k in o for k in ("endpoint","change","range","time_days","values"))' "$tmp/j" &&
  ok || bad "--json: outcome.*"
"$mnsim" run --json --quiet "${quick[@]}" >"$tmp/j0" 2>/dev/null &&
  python3 -c 'import json,sys; assert "outcome" not in json.load(open(sys.argv[1]))' "$tmp/j0" &&
  ok || bad "outcome.* without an indication"

# A bad name: exit 2, the key and the valid names; in a file with its line and column.
"$mnsim" run --quiet --set indication=acne >/dev/null 2>"$tmp/e1"
rc=$?
[ $rc -eq 2 ] && grep -q "indication" "$tmp/e1" && grep -q "acne_scars_moderate" "$tmp/e1" && ok ||
  bad "--set indication=acne: exit $rc, $(cat "$tmp/e1")"
printf 'skin: {site: cheek}\nindication: acne\n' >"$tmp/bad.yaml"
"$mnsim" run --quiet "$tmp/bad.yaml" >/dev/null 2>"$tmp/e2"
rc=$?
[ $rc -eq 2 ] && grep -q "bad.yaml:2:13: indication" "$tmp/e2" && grep -q "valid indications" "$tmp/e2" && ok ||
  bad "indication: acne in a file: exit $rc, $(cat "$tmp/e2")"

# mnsim plan: the expected outcome of the proposed protocol, in text and JSON.
"$mnsim" plan --indication acne_scars_moderate --site cheek >"$tmp/p" 2>&1 &&
  grep -q '^Expected outcome: acne_scars_moderate' "$tmp/p" && ok || bad "plan: no expected outcome"
"$mnsim" plan --indication melasma --site cheek --json >"$tmp/pj" 2>/dev/null &&
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["outcome"]["endpoint"]=="masi_change_percent" and d["outcome"]["change"] < 0 and "protocol" in d' "$tmp/pj" &&
  ok || bad "plan --json: outcome"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
