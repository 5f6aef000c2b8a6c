#!/usr/bin/env bash
# mnsim --help / --version / run: exit statuses, messages on stderr (-v, -vv), the JSON on stdout.
# Usage: test_run.sh path/to/mnsim
set -u
export LC_ALL=C # the readable report follows the locale; the expected text has point decimals
mnsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# expect RC NEEDLE -- ARGS...: run mnsim ARGS, check the exit status and that stderr holds NEEDLE
# (every bad input: exit 2, one "mnsim: error:" line naming the problem, nothing on stdout).
expect() {
  local rc=$1 needle=$2
  shift 3
  "$mnsim" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$rc" ]; then
    bad "mnsim $*: exit $got, expected $rc; stderr: $(cat "$tmp/err")"
  elif ! grep -qF -- "$needle" "$tmp/err"; then
    bad "mnsim $*: stderr lacks '$needle': $(cat "$tmp/err")"
  elif [ "$rc" -eq 2 ] && ! grep -q '^mnsim: error: ' "$tmp/err"; then
    bad "mnsim $*: no 'mnsim: error:' line: $(cat "$tmp/err")"
  elif [ "$rc" -eq 2 ] && [ -s "$tmp/out" ]; then
    bad "mnsim $*: wrote to stdout on error: $(head -3 "$tmp/out")"
  else
    ok
  fi
}

# expect_out RC NEEDLE -- ARGS...: as expect, but NEEDLE is looked for on stdout.
expect_out() {
  local rc=$1 needle=$2
  shift 3
  "$mnsim" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -ne "$rc" ]; then
    bad "mnsim $*: exit $got, expected $rc; stderr: $(cat "$tmp/err")"
  elif ! grep -qF -- "$needle" "$tmp/out"; then
    bad "mnsim $*: stdout lacks '$needle'"
  else
    ok
  fi
}

# ---- help and version ----
expect_out 0 "usage: mnsim <command>" -- --help
expect_out 0 "run " -- --help
expect_out 0 "mnsim 0." -- --version
expect_out 0 "usage: mnsim run [SCENARIO.yaml]" -- run --help
expect_out 0 "--set KEY=VALUE" -- run -h
expect 2 "unknown command 'frobnicate'" -- frobnicate

# ---- the default scenario ----
expect_out 0 "site cheek" -- run
expect_out 0 "needle_length_mm: 1.5" -- run
# Runs that check the skin, the puncture or the scenario take the quick 1d model, no course.
FAST="--set simulation.model=1d --set course.sessions=0"
expect_out 0 "stratum_corneum" -- run --quiet $FAST

# --json: one JSON document on stdout, nothing else there
if "$mnsim" run --json $FAST >"$tmp/json" 2>"$tmp/err" && python3 -m json.tool "$tmp/json" >/dev/null; then
  ok
else
  bad "run --json does not print valid JSON: $(head -5 "$tmp/json") $(cat "$tmp/err")"
fi
if python3 - "$tmp/json" <<'EOF'; then ok; else bad "run --json lacks the skin fields"; fi
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d["mnsim_version"], str)
s = d["skin"]
assert s["site"] == "cheek"
for k in ("stratum_corneum_um", "viable_epidermis_um", "dermis_um"):
    assert isinstance(s[k], (int, float)) and s[k] > 0, k
EOF

# a warning goes to stderr, stdout stays one JSON document
if "$mnsim" run --json $FAST --set device.frequency_hz=100 >"$tmp/json" 2>"$tmp/err" &&
  python3 -m json.tool "$tmp/json" >/dev/null && grep -q "^mnsim: warning: device.frequency_hz is ignored" "$tmp/err"; then
  ok
else
  bad "run --json with a warning: stdout $(head -3 "$tmp/json"), stderr $(cat "$tmp/err")"
fi

# --set reaches the run, in order, and an override shows in the layers
if "$mnsim" run --json $FAST --set skin.site=forehead --set skin.dermis_um=900 >"$tmp/json" 2>"$tmp/err" &&
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["skin"]; assert d["site"]=="forehead" and abs(d["dermis_um"]-900)<1e-9' "$tmp/json"; then
  ok
else
  bad "run --json --set skin.site=forehead --set skin.dermis_um=900: $(cat "$tmp/err")"
fi
expect_out 0 "scenario override" -- run $FAST --set skin.dermis_um=900
expect_out 0 "  site: forehead" -- run $FAST --set=skin.site=cheek --set=skin.site=forehead

# the resolved scenario printed by run loads again to the same scenario
"$mnsim" run $FAST --set device.needle_length_mm=0.5 --set treatment.passes=4 \
  --set simulation.profile_times_h=0.5,4,24 >"$tmp/report" 2>/dev/null
sed -n '/^# mnsim .* scenario/,$p' "$tmp/report" >"$tmp/resolved.yaml"
"$mnsim" run "$tmp/resolved.yaml" >"$tmp/report2" 2>"$tmp/err"
if [ $? -eq 0 ] && diff <(sed -n '/^# mnsim .* scenario/,$p' "$tmp/report2") "$tmp/resolved.yaml" >/dev/null &&
  grep -q "needle_length_mm: 0.5 " "$tmp/resolved.yaml" &&
  grep -qF "profile_times_h: [0.5, 4, 24] " "$tmp/resolved.yaml"; then
  ok
else
  bad "the resolved scenario does not load back to itself: $(cat "$tmp/err")"
fi

# ---- bad input: exit 2 and a precise message ----
printf 'skin:\n  site: cheek\ndevice:\n  needle_lenght_mm: 1.0\n' >"$tmp/unknown_key.yaml"
expect 2 "unknown_key.yaml:4:3: unknown key 'device.needle_lenght_mm' (did you mean 'device.needle_length_mm'?)" -- run "$tmp/unknown_key.yaml"

printf 'device:\n  needle_length_mm: abc\n' >"$tmp/wrong_type.yaml"
expect 2 "wrong_type.yaml:2:21: device.needle_length_mm = 'abc': not a number; expected a number from 0.05 to 3.5 mm" -- run "$tmp/wrong_type.yaml"

printf 'treatment:\n  passes: 2.5\n' >"$tmp/not_int.yaml"
expect 2 "not_int.yaml:2:11: treatment.passes = '2.5': not an integer" -- run "$tmp/not_int.yaml"

printf 'device:\n  needle_length_mm: 5\n' >"$tmp/range.yaml"
expect 2 "range.yaml:2:21: device.needle_length_mm = '5': out of range; expected a number from 0.05 to 3.5 mm" -- run "$tmp/range.yaml"

printf 'skin:\n  site: chek\n' >"$tmp/site.yaml"
expect 2 "site.yaml:2:9: skin.site = 'chek'" -- run "$tmp/site.yaml"
expect 2 "forehead" -- run "$tmp/site.yaml"

printf 'device:\n  type: rolller\n' >"$tmp/enum.yaml"
expect 2 "enum.yaml:2:9: device.type = 'rolller': unknown value; expected one of roller, stamp, pen" -- run "$tmp/enum.yaml"

printf 'skin: [1, 2\n' >"$tmp/malformed.yaml"
expect 2 "malformed.yaml:2:1: not valid YAML" -- run "$tmp/malformed.yaml"

: >"$tmp/empty.yaml"
expect 2 "empty.yaml: the scenario is empty" -- run "$tmp/empty.yaml"
printf '# nothing but a comment\n\n' >"$tmp/comment.yaml"
expect 2 "comment.yaml: the scenario is empty" -- run "$tmp/comment.yaml"

expect 2 "missing.yaml: cannot open the scenario: No such file or directory" -- run "$tmp/missing.yaml"
expect 2 ": is a directory; expected a scenario YAML file" -- run "$tmp"

printf 'seed: 1\n\x00\x01\x02\xff\xfe junk' >"$tmp/junk.bin"
expect 2 "junk.bin:2:1: not a text file" -- run "$tmp/junk.bin"

head -c 2000000 /dev/zero | tr '\0' '#' >"$tmp/huge.yaml"
expect 2 "huge.yaml: 2000000 bytes is larger than the limit of a scenario, 1048576 bytes (1 MiB)" -- run "$tmp/huge.yaml"

printf 'skin: forehead\n' >"$tmp/section.yaml"
expect 2 "section.yaml:1:7: skin is a section" -- run "$tmp/section.yaml"

printf 'skin:\n\tsite: cheek\n' >"$tmp/tab.yaml"
expect 2 "tab.yaml:2:1: a tab character; indent and separate with spaces" -- run "$tmp/tab.yaml"

printf 'seed: &s 1\n' >"$tmp/anchor.yaml"
expect 2 "anchor.yaml:1:7: an anchor" -- run "$tmp/anchor.yaml"

printf 'seed: 1\n---\nseed: 2\n' >"$tmp/two_docs.yaml"
expect 2 "two_docs.yaml:3:1: a second YAML document" -- run "$tmp/two_docs.yaml"

# --set gets the same checks, and names --set
expect 2 "--set device.needle_length_mm = '9': out of range; expected a number from 0.05 to 3.5 mm" -- run --set device.needle_length_mm=9
expect 2 "--set: unknown key 'device.needle_lenth_mm' (did you mean 'device.needle_length_mm'?)" -- run --set device.needle_lenth_mm=1
expect 2 "--set skin.site = 'nowhere'" -- run --set skin.site=nowhere
expect 2 "--set treatment.pattern = 'zigzag': unknown value; expected one of single, crosshatch, random" -- run --set treatment.pattern=zigzag
expect 2 "expected KEY=VALUE" -- run --set needle_length_mm
expect 2 "formulation.molecular_weight_da" -- run --set formulation.compound=

# a list key: each element checked where it stands, the times within the run
printf 'simulation:\n  profile_times_h:\n    - 1\n    - 4\n    - abc\n' >"$tmp/list_element.yaml"
expect 2 "list_element.yaml:5:7: simulation.profile_times_h = 'abc': element 3 is not a number; expected a list of at most 8 numbers from 0.001 to 720 h" -- run "$tmp/list_element.yaml"
printf 'simulation: {profile_times_h: [1, 2, 3, 4, 5, 6, 7, 8, 9]}\n' >"$tmp/list_long.yaml"
expect 2 "list_long.yaml:1:56: simulation.profile_times_h = '9': element 9 is one too many" -- run "$tmp/list_long.yaml"
printf 'simulation: {profile_times_h: [1, 4, 2]}\n' >"$tmp/list_order.yaml"
expect 2 "list_order.yaml:1:38: simulation.profile_times_h = '2': element 3 is not greater than element 2 (4 h)" -- run "$tmp/list_order.yaml"
expect 2 "simulation.profile_times_h = [1, 30] h: element 2 (30 h) is after the end of the run, simulation.duration_h = 24 h" -- run --set simulation.profile_times_h=1,30
expect 2 "simulation.duration_h = 12 h" -- run --set 'simulation.profile_times_h=[1, 24]' --set simulation.duration_h=12
expect 2 "--set simulation.profile_times_h = '[1,4': an unclosed bracket" -- run --set 'simulation.profile_times_h=[1,4'
expect 2 "--set simulation.profile_times_h = '721': element 1 is out of range" -- run --set simulation.profile_times_h=721

# -v: the library's messages (files written) on stderr; -vv: the solvers' statistics too
holds() { if grep -q -- "$2" "$tmp/$1"; then ok; else bad "$1 lacks '$2': $(head -3 "$tmp/$1")"; fi; }
lacks() { if grep -q -- "$2" "$tmp/$1"; then bad "$1 holds '$2'"; else ok; fi; }
"$mnsim" run -v --set course.sessions=0 --set simulation.model=1d -o "$tmp/verbose" >/dev/null 2>"$tmp/v.err"
holds v.err "^mnsim: info: wrote .*summary.json"
lacks v.err "debug:"
"$mnsim" run -vv --set course.sessions=0 --set simulation.model=1d >/dev/null 2>"$tmp/vv.err"
holds vv.err "^mnsim: debug: absorption 1d: .* steps"
"$mnsim" run --set course.sessions=0 --set simulation.model=1d -o "$tmp/plain" >/dev/null 2>"$tmp/plain.err"
lacks plain.err "info:"

# bad usage
expect 2 "--set needs a value" -- run --set
expect 2 "unknown option '--bogus'" -- run --bogus
expect 2 "one scenario file at a time" -- run a.yaml b.yaml
expect 2 "unknown option '-x'" -- run -x
expect 2 "unknown option '--bogus'" -- run --bogus=1
expect 2 "-o needs a value" -- run -o
expect 2 "a short option takes its value as '-o VALUE' or '-oVALUE'" -- run -o="$tmp/eq"
expect 2 "--json takes no value" -- run --json=yes
expect 2 "unknown option '-x'" -- run -qx
expect 2 "unknown option '--frob'" -- --frob

# getopt_long: --key=value and --key value, -oDIR and -o DIR, options after the scenario file
cmp_runs() { # cmp_runs NAME ARGS_A -- ARGS_B: the two runs print the same
  local name=$1 a=() b=()
  shift
  while [ "$1" != "--" ]; do a+=("$1"); shift; done
  shift
  b=("$@")
  if "$mnsim" "${a[@]}" >"$tmp/a.out" 2>/dev/null && "$mnsim" "${b[@]}" >"$tmp/b.out" 2>/dev/null &&
    cmp -s "$tmp/a.out" "$tmp/b.out"; then ok; else bad "$name: outputs differ"; fi
}
cmp_runs "--set=KEY=VALUE" run --json $FAST --set=device.needle_length_mm=0.75 -- \
  run --json $FAST --set device.needle_length_mm=0.75
expect_out 0 '"needle_length_mm":	0.75' -- run --json $FAST --set=device.needle_length_mm=0.75
"$mnsim" run --quiet $FAST -o"$tmp/o1" >/dev/null 2>&1 && "$mnsim" run --quiet $FAST --output="$tmp/o2" >/dev/null 2>&1 &&
  "$mnsim" run --quiet $FAST -o "$tmp/o3" >/dev/null 2>&1
if [ -s "$tmp/o1/summary.json" ] && [ -s "$tmp/o2/summary.json" ] && [ -s "$tmp/o3/summary.json" ]; then
  ok
else
  bad "-oDIR, --output=DIR and -o DIR do not all write summary.json"
fi
printf 'skin:\n  site: forehead\n' >"$tmp/forehead.yaml"
expect_out 0 "site forehead" -- run --quiet $FAST "$tmp/forehead.yaml"
expect_out 0 "site forehead" -- run "$tmp/forehead.yaml" --quiet $FAST

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
