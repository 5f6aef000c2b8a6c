#!/usr/bin/env bash
# mnsim population / sweep / sensitivity: the files, byte-identical at 1 and 2 threads, the
# statistics of the must-show results, and bad input (exit 2, file/key/value named).
# Usage: test_population.sh path/to/mnsim
set -u
mnsim=$1
. "$(dirname "$0")/check.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

short=(--set simulation.duration_h=2 --set course.sessions=2 --quiet)

# The same files, to the byte, at 1 and 2 threads.
OMP_NUM_THREADS=1 "$mnsim" population --n 24 --seed 5 -o "$tmp/t1" "${short[@]}" >/dev/null
rc1=$?
OMP_NUM_THREADS=2 "$mnsim" population --n 24 --seed 5 -o "$tmp/t2" "${short[@]}" >/dev/null
rc2=$?
check "population exits 0" [ "$rc1" -eq 0 -a "$rc2" -eq 0 ]
for f in patients.csv population.json report.html hist_absorption-enhancement_ratio.png \
         hist_puncture-mean_depth_um.svg; do
  check "population writes $f" [ -s "$tmp/t1/$f" ]
done
same=1
for f in "$tmp"/t1/*; do
  cmp -s "$f" "$tmp/t2/$(basename "$f")" || { same=0; echo "differs: $(basename "$f")" >&2; }
done
check "population files identical at 1 and 2 threads" [ "$same" -eq 1 ]
"$mnsim" population --n 24 --seed 5 --threads 2 --json "${short[@]}" >"$tmp/stdout.json"
check "--threads gives the same table (population.json is --json's plus its manifest)" python3 -c "
import json, sys
f = json.load(open('$tmp/t1/population.json'))
m = f.pop('manifest')
names = sorted(x['name'] for x in m['files'])
sys.exit(f != json.load(open('$tmp/stdout.json')) or 'patients.csv' not in names
         or 'report.html' not in names or 'population.json' in names)"
check "population.json's manifest checks with sha256sum" bash -c "cd '$tmp/t1' && python3 -c \"
import json
for x in json.load(open('population.json'))['manifest']['files']: print(x['sha256'] + '  ' + x['name'])
\" | sha256sum --check --quiet"
# two populations into one directory at once: it ends with one of them whole (the lock, the
# staging folder, population.json last)
"$mnsim" population --n 12 --seed 1 "${short[@]}" -o "$tmp/both" >/dev/null 2>&1 &
"$mnsim" population --n 12 --seed 2 "${short[@]}" -o "$tmp/both" >/dev/null 2>&1
wait
check "two populations into one directory: the files are one run's" bash -c "cd '$tmp/both' && python3 -c \"
import json
for x in json.load(open('population.json'))['manifest']['files']: print(x['sha256'] + '  ' + x['name'])
\" | sha256sum --check --quiet"
check "two populations into one directory: no staging folder left" bash -c "! ls -A '$tmp/both' | grep -q stage"
check "24 patient rows" [ "$(wc -l <"$tmp/t1/patients.csv")" -eq 25 ]
for f in violin_healing-pih_risk_percent.png violin_puncture-mean_depth_um.svg needle_reach.png; do
  check "population writes $f" [ -s "$tmp/t1/$f" ]
done
check "the report captions every figure" python3 -c "
import re, sys
html = open('$tmp/t1/report.html').read()
figs = re.findall(r'<figure.*?<img src=\"([^\"]+)\".*?<figcaption>([^<]+)</figcaption>', html)
names = {f for f, c in figs if len(c) > 20}
sys.exit(0 if 'needle_reach.png' in names and 'violin_absorption-enhancement_ratio.png' in names and len(names) == len(figs) else 1)"
check "needle reach: deeper and more patients in the dermis with longer needles" python3 -c "
import json, sys
r = json.load(open('$tmp/t1/population.json'))['needle_reach']
L, s, p5, p50, p95 = r['needle_length_mm'], r['reaches_dermis'], r['depth_p5_um'], r['depth_p50_um'], r['depth_p95_um']
ok = len(L) == 12 and all(a <= b for a, b in zip(s, s[1:])) and all(a < b for a, b in zip(p50, p50[1:]))
ok = ok and all(a <= b <= c for a, b, c in zip(p5, p50, p95)) and all(d < 1000 * l for d, l in zip(p95, L))
sys.exit(0 if ok else 1)"
for field in absorption.enhancement_ratio puncture.mean_depth_um healing.collagen_change_percent \
             healing.downtime_days; do
  check "population.json has $field with P5..P95" python3 -c "
import json, sys
r = json.load(open('$tmp/t1/population.json'))['results']['$field']
sys.exit(0 if all(isinstance(r[k], (int, float)) for k in ('mean','sd','p5','p25','p50','p75','p95')) and r['p5'] <= r['p50'] <= r['p95'] else 1)"
done
check "shares" python3 -c "
import json, sys
s = json.load(open('$tmp/t1/population.json'))['shares']
sys.exit(0 if 0 <= s['reaches_dermis'] <= 1 and 0 <= s['pih_risk_above_5_percent'] <= 1 and 'intact_absorbed_above_10_percent' in s else 1)"

# The scenario's population section: all women of type VI, aged 30; compound uncertainty adds
# the kp factor's column; a bad share is an error at its line and column.
printf 'population:\n  sex: {female_share: 1}\n  age_years: {min: 30, max: 30}\n  fitzpatrick:\n    shares: [0, 0, 0, 0, 0, 1]\n  compound_uncertainty: true\n' >"$tmp/popsec.yaml"
"$mnsim" population "$tmp/popsec.yaml" --n 6 -o "$tmp/ps" "${short[@]}" >/dev/null
check "population section: exits 0" [ $? -eq 0 ]
check "population section: every patient a woman of 30, type VI, with a kp factor" python3 -c "
import csv, sys
rows = list(csv.DictReader(open('$tmp/ps/patients.csv')))
ok = len(rows) == 6 and all(r['patient.female'] == '1' and float(r['patient.age_years']) == 30 and r['skin.fitzpatrick'] == '6' for r in rows)
f = [float(r['formulation.sc_kp_factor']) for r in rows]
sys.exit(0 if ok and len(set(f)) == 6 and all(x > 0 for x in f) else 1)"
check "without compound uncertainty: no kp factor" bash -c "! head -1 '$tmp/t1/patients.csv' | grep -q sc_kp_factor"
printf 'population:\n  fitzpatrick: {shares: [0.5, 0.5, 0.5, 0, 0, 0]}\n' >"$tmp/badsh.yaml"

# A seed changes the patients; the scenario's seed is the default.
"$mnsim" population --n 4 --seed 6 --json "${short[@]}" >"$tmp/s6.json"
check "another seed, other patients" bash -c "! cmp -s '$tmp/s6.json' <('$mnsim' population --n 4 --seed 5 --json ${short[*]})"

# Bad input: exit 2, one error line, nothing on stdout.
expect2() { # NEEDLE ARGS...
  local needle=$1
  shift
  "$mnsim" "$@" >"$tmp/out" 2>"$tmp/err"
  local rc=$?
  check "exit 2: $*" [ "$rc" -eq 2 ]
  check "message '$needle': $*" grep -qF -- "$needle" "$tmp/err"
  check "stdout empty: $*" [ ! -s "$tmp/out" ]
}
expect2 "--n N is required" population
expect2 "--n = 'x': expected a whole number >= 1" population --n x
expect2 "--n = '0'" population --n 0
expect2 "unknown key" population --n 2 --set skin.nope=1
printf 'skin:\n  site: nowhere\n' >"$tmp/bad.yaml"
expect2 "bad.yaml:2" population "$tmp/bad.yaml" --n 2
expect2 "badsh.yaml:2:26: population.fitzpatrick.shares add up to 1.5" population "$tmp/badsh.yaml" --n 2
expect2 "did you mean 'device.needle_length_mm'" sweep --vary device.needle_lenth_mm=0.5:1:2
expect2 "out of range; expected a number from 0.05 to 3.5 mm" sweep --vary device.needle_length_mm=0.5:9:2
expect2 "expected KEY=FROM:TO:N" sweep --vary device.needle_length_mm=0.5:1
expect2 "only a number key" sweep --vary skin.site=1:2:2
expect2 "expected morris or sobol" sensitivity --vary device.needle_length_mm=0.5:1 --method x
expect2 "expected KEY=LO:HI" sensitivity --vary device.needle_length_mm=0.5:1:3 --method morris

# A sweep: one row per point, the figures; a sensitivity analysis: ranked indices.
"$mnsim" sweep --vary device.needle_length_mm=0.5:1.5:3 --vary treatment.passes=2:4:2 -o "$tmp/sw" \
  "${short[@]}" >"$tmp/sweep.txt"
check "sweep exits 0" [ $? -eq 0 ]
check "sweep.csv has 6 points" [ "$(wc -l <"$tmp/sw/sweep.csv")" -eq 7 ]
check "sweep figure (a heat map for two keys)" [ -s "$tmp/sw/sweep_puncture-mean_depth_um.png" ]
# A sweep with patients: points x patients rows, the band figure, the same bytes at 1 and 2 threads.
for th in 1 2; do
  OMP_NUM_THREADS=$th "$mnsim" sweep --vary device.needle_length_mm=0.5:1.5:3 --patients 4 --seed 2 \
    -o "$tmp/swp$th" "${short[@]}" >/dev/null
done
check "sweep --patients: 12 rows" [ "$(wc -l <"$tmp/swp1/sweep.csv")" -eq 13 ]
check "sweep --patients: the band figure" [ -s "$tmp/swp1/sweep_puncture-mean_depth_um.svg" ]
check "sweep --patients identical at 1 and 2 threads" cmp -s "$tmp/swp1/sweep.csv" "$tmp/swp2/sweep.csv"
check "sweep --patients: the same people at every point" python3 -c "
import csv, sys
rows = list(csv.DictReader(open('$tmp/swp1/sweep.csv')))
d = {(r['device.needle_length_mm'], r['patient']): float(r['puncture.mean_depth_um']) for r in rows}
sys.exit(0 if all(d[('0.5', p)] < d[('1', p)] < d[('1.5', p)] for p in '0123') else 1)"
expect2 "--patients belongs to 'mnsim sweep'" population --n 2 --patients 3
expect2 "--seed draws the patients" sweep --vary device.needle_length_mm=0.5:1:2 --seed 3
check "sweep depth grows with the needle" python3 -c "
import csv, sys
rows = list(csv.DictReader(open('$tmp/sw/sweep.csv')))
d = [float(r['puncture.mean_depth_um']) for r in rows if r['treatment.passes'] == '2']
sys.exit(0 if len(d) == 3 and d[0] < d[1] < d[2] else 1)"
"$mnsim" sensitivity --vary device.needle_length_mm=0.5:1.5 --vary skin.fitzpatrick=1:6 \
  --method morris --n 4 --seed 1 -o "$tmp/se" "${short[@]}" >/dev/null
check "sensitivity exits 0" [ $? -eq 0 ]
check "needle length ranks first for the depth" python3 -c "
import json, sys
r = json.load(open('$tmp/se/sensitivity.json'))['results']['puncture.mean_depth_um']
sys.exit(0 if r[0]['key'] == 'device.needle_length_mm' and r[0]['mu_star'] > 0 else 1)"
check "sensitivity figure" [ -s "$tmp/se/sens_puncture-mean_depth_um.png" ]

# A run killed halfway and resumed writes the same files as one never killed (chunks of 16
# patients are saved in DIR/.resume as they finish).
long=(--set simulation.duration_h=2 --set course.sessions=1 --quiet)
OMP_NUM_THREADS=1 "$mnsim" population --n 160 --seed 9 -o "$tmp/whole" "${long[@]}" >/dev/null
OMP_NUM_THREADS=1 "$mnsim" population --n 160 --seed 9 -o "$tmp/killed" "${long[@]}" >/dev/null &
pid=$!
for _ in $(seq 1 400); do # until two chunks are saved
  [ "$(ls "$tmp/killed/.resume" 2>/dev/null | grep -c '^rows_.*\.bin$')" -ge 2 ] && break
  sleep 0.02
done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "the killed run left its chunks" [ -d "$tmp/killed/.resume" ]
check "the killed run wrote no final file" [ ! -e "$tmp/killed/population.json" ]
OMP_NUM_THREADS=2 "$mnsim" population --resume "$tmp/killed" --quiet >/dev/null
check "resume exits 0" [ $? -eq 0 ]
same=1
for f in "$tmp"/whole/*; do
  cmp -s "$f" "$tmp/killed/$(basename "$f")" || { same=0; echo "differs after resume: $(basename "$f")" >&2; }
done
check "resumed files identical to an uninterrupted run" [ "$same" -eq 1 ]
check "resume removes .resume" [ ! -e "$tmp/killed/.resume" ]
expect2 "no interrupted run there" population --resume "$tmp/whole"
expect2 "give none of them" population --resume "$tmp/whole" --n 3

# The same for a sweep and a sensitivity analysis (chunks of 16 runs): killed after two chunks,
# resumed at another thread count, the files of an uninterrupted run to the byte.
kill_and_resume() { # NAME COMMAND ARGS...
  local name=$1 cmd=$2
  shift 2
  OMP_NUM_THREADS=1 "$mnsim" "$cmd" "$@" -o "$tmp/$name-whole" "${long[@]}" >/dev/null
  OMP_NUM_THREADS=1 "$mnsim" "$cmd" "$@" -o "$tmp/$name-killed" "${long[@]}" >/dev/null &
  local pid=$!
  for _ in $(seq 1 400); do
    [ "$(ls "$tmp/$name-killed/.resume" 2>/dev/null | grep -c '^rows_.*\.bin$')" -ge 2 ] && break
    sleep 0.02
  done
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  check "$cmd: the killed run left its chunks" [ -d "$tmp/$name-killed/.resume" ]
  check "$cmd: the killed run wrote no final file" [ -z "$(ls "$tmp/$name-killed")" ]
  OMP_NUM_THREADS=2 "$mnsim" "$cmd" --resume "$tmp/$name-killed" --quiet >"$tmp/$name-resumed.txt"
  check "$cmd: resume exits 0" [ $? -eq 0 ]
  local same=1
  for f in "$tmp/$name-whole"/*; do
    cmp -s "$f" "$tmp/$name-killed/$(basename "$f")" || { same=0; echo "$cmd: differs after resume: $(basename "$f")" >&2; }
  done
  check "$cmd: resumed files identical to an uninterrupted run" [ "$same" -eq 1 ]
  check "$cmd: resume removes .resume" [ ! -e "$tmp/$name-killed/.resume" ]
}
kill_and_resume sw sweep --vary device.needle_length_mm=0.25:2:10 --vary treatment.passes=1:10:10
kill_and_resume se sensitivity --vary device.needle_length_mm=0.5:1.5 --vary skin.fitzpatrick=1:6 \
  --method morris --n 40 --seed 3
mkdir -p "$tmp/pk/.resume" && printf 'command population\nn 3\n' >"$tmp/pk/.resume/run.txt"
expect2 "holds an interrupted 'population', not a 'sweep'" sweep --resume "$tmp/pk"
expect2 "give none of them" sweep --resume "$tmp/sw-whole" --vary device.needle_length_mm=1:2:2

# Under mpirun (when mnsim is built with MPI and mpirun is here; not under the sanitizers, whose
# leak checker reports Open MPI's own allocations): the same files with 2 ranks as with one.
if command -v mpirun >/dev/null && ldd "$mnsim" | grep -q libmpi && ! ldd "$mnsim" | grep -q libasan; then
  OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -n 2 -x OMP_NUM_THREADS \
    "$mnsim" population --n 24 --seed 5 -o "$tmp/m2" "${short[@]}" >/dev/null 2>"$tmp/mpi.err"
  check "mpirun -n 2 population exits 0" [ $? -eq 0 ]
  same=1
  for f in "$tmp"/t1/*; do
    cmp -s "$f" "$tmp/m2/$(basename "$f")" || { same=0; echo "differs under mpirun: $(basename "$f")" >&2; }
  done
  check "population files identical with 2 MPI ranks" [ "$same" -eq 1 ]
  OMP_NUM_THREADS=1 mpirun --allow-run-as-root --oversubscribe -n 2 -x OMP_NUM_THREADS \
    "$mnsim" sweep --vary device.needle_length_mm=0.5:1.5:3 --patients 4 --seed 2 -o "$tmp/swpm" \
    "${short[@]}" >/dev/null 2>>"$tmp/mpi.err"
  check "sweep --patients identical with 2 MPI ranks" cmp -s "$tmp/swp1/sweep.csv" "$tmp/swpm/sweep.csv"
  vary=(--vary device.needle_length_mm=0.5:1.5 --vary skin.fitzpatrick=1:6 --method sobol --n 4)
  check "sensitivity identical with 2 MPI ranks" bash -c "cmp -s \
    <(mpirun --allow-run-as-root --oversubscribe -n 2 '$mnsim' sensitivity ${vary[*]} ${short[*]} --json 2>/dev/null) \
    <('$mnsim' sensitivity ${vary[*]} ${short[*]} --json)"
else
  echo "skipped: the MPI checks (no mpirun, mnsim without MPI, or a sanitizer build)" >&2
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
