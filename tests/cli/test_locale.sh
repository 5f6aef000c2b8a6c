#!/usr/bin/env bash
# Numbers do not follow the user's locale: under a comma-decimal locale (de_DE.UTF-8) the files
# (summary.json, every CSV, the SVG figures, report.html), the printed resolved scenario and the
# JSON on stdout are the same bytes as under LC_ALL=C, and --set reads "1.25" as such. mnsim
# takes the user's locale but keeps LC_NUMERIC at C for its report, so this checks the command;
# tests/unit/test_locale.c checks the library's own guard under a comma LC_NUMERIC.
# Usage: test_locale.sh path/to/mnsim
set -u
mnsim=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/check.sh"

# The locale: installed, or compiled into our temporary directory (glibc reads LOCPATH; the
# Debian package `locales` brings localedef's sources, see scripts/install-deps.sh).
loc=de_DE.UTF-8
have_locale() { [ "$(LC_ALL=$loc locale decimal_point 2>/dev/null)" = "," ]; }
if ! have_locale && command -v localedef >/dev/null; then
  dir=${MN_BUILD_DIR:-$tmp}/tests/locales # kept in the build tree: compiled once
  mkdir -p "$dir"
  if [ ! -d "$dir/$loc" ]; then # compiled aside, then renamed: a parallel test sees all or none
    localedef -i de_DE -f UTF-8 "$dir/.$loc.$$" >/dev/null 2>&1 # warns, yet works
    mv -T "$dir/.$loc.$$" "$dir/$loc" 2>/dev/null || rm -rf "$dir/.$loc.$$"
  fi
  export LOCPATH=$dir
fi
if ! have_locale; then
  echo "SKIP: no $loc locale (install the Debian package 'locales': localedef -i de_DE -f UTF-8 $loc)"
  echo "0 passed, 0 failed"
  exit 77 # ctest: skipped (SKIP_RETURN_CODE), not passed
fi

short=(--set simulation.duration_h=1 --set course.sessions=1 --set simulation.model=axisymmetric
  --set simulation.tolerance=1e-2)
fast=(--set simulation.model=1d --set simulation.duration_h=1 --set course.sessions=0)
run_in() { # run_in LOCALE DIR: the short default run with its files in DIR
  LC_ALL=$1 "$mnsim" run "${short[@]}" --quiet -o "$2" >"$2.out" 2>"$2.err"
}
check "run under LC_ALL=C" run_in C "$tmp/c"
check "run under LC_ALL=$loc" run_in "$loc" "$tmp/de"
check "the C run wrote CSV files" test -n "$(ls "$tmp/c"/*.csv 2>/dev/null)"
check "same file names" diff <(cd "$tmp/c" && ls) <(cd "$tmp/de" && ls)
# the SVG figures too: PLplot formats its axis labels with the C library's printf
for f in "$tmp/c"/summary.json "$tmp/c"/*.csv "$tmp/c"/*.svg "$tmp/c"/report.html; do
  name=$(basename "$f")
  check "$name byte-identical" cmp -s "$f" "$tmp/de/$name"
done
resolved() { sed -n '/^resolved scenario/,$p' "$1"; }
check "a resolved scenario was printed" grep -q "needle_length_mm: 1.5" "$tmp/c.out"
check "printed resolved scenario byte-identical" cmp -s <(resolved "$tmp/c.out") <(resolved "$tmp/de.out")
check "no comma decimals in the resolved scenario" \
  bash -c "! sed -n '/^resolved scenario/,\$p' '$tmp/de.out' | grep -qE '[0-9],[0-9]'"

json_in() { LC_ALL=$1 "$mnsim" run "${fast[@]}" --quiet --json; }
check "--json byte-identical" cmp -s <(json_in C) <(json_in "$loc")

# --set parses a point decimal under the comma locale (strtod alone would stop at the '.').
set_in() { # set_in LENGTH_MM: the JSON of a short run with that needle length, under $loc
  LC_ALL=$loc "$mnsim" run --set device.needle_length_mm="$1" "${fast[@]}" --quiet --json
}
check "--set device.needle_length_mm=1.5 under $loc" set_in 1.5 >/dev/null
check "--set device.needle_length_mm=1.25 under $loc" \
  grep -qE '"needle_length_mm":[[:space:]]*1\.25,' <(set_in 1.25)
# The library's messages keep the point too (the range is formatted by the library).
LC_ALL=$loc "$mnsim" run --set device.needle_length_mm=99.5 >/dev/null 2>"$tmp/bad.err"
check "out-of-range value exits 2" test $? -eq 2
check "the message's numbers use a point" grep -qF "from 0.05 to 3.5 mm" "$tmp/bad.err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
