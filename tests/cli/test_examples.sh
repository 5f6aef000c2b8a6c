#!/usr/bin/env bash
# Every examples/*.yaml runs with -o and gives summary.json and report.html.
# Usage: test_examples.sh path/to/mnsim   (MN_SOURCE_DIR: the source tree)
set -u
export LC_ALL=C # the readable report follows the locale; the expected text has point decimals
MNSIM=${1:?usage: test_examples.sh path/to/mnsim}
SRC=${MN_SOURCE_DIR:-$(dirname "$0")/../..}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0
n=0
for yaml in "$SRC"/examples/*.yaml; do
  name=$(basename "$yaml" .yaml)
  n=$((n + 1))
  if "$MNSIM" run "$yaml" -o "$TMP/$name" --quiet >/dev/null 2>"$TMP/$name.err" &&
    [ -s "$TMP/$name/summary.json" ] && [ -s "$TMP/$name/report.html" ] &&
    [ -s "$TMP/$name/cross_section.png" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: examples/$name.yaml" >&2
    cat "$TMP/$name.err" >&2
  fi
done
if [ "$n" -lt 5 ]; then
  failed=$((failed + 1))
  echo "FAIL: $n examples, at least 5 expected" >&2
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
