#!/usr/bin/env bash
# mnsim --version: the version, the git revision it was built from ("unknown" outside git; a
# commit with "-dirty" when the tree had changes) and the versions of the libraries it was built
# with; extra arguments are refused. Usage: test_version.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_version.sh path/to/mnsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

"$MNSIM" --version >"$TMP/out" 2>"$TMP/err"
check "--version exits 0" test $? -eq 0
check "--version writes nothing on stderr" test ! -s "$TMP/err"
check "three lines" test "$(wc -l <"$TMP/out")" -eq 3
check "line 1: mnsim X.Y.Z" grep -Eq '^mnsim [0-9]+\.[0-9]+\.[0-9]+$' <(sed -n 1p "$TMP/out")
check "line 2: revision" grep -Eq '^revision: ([0-9a-f]{7,40}(-dirty)?|unknown)$' <(sed -n 2p "$TMP/out")
V='([0-9]+(\.[0-9]+)+|unknown)'
check "line 3: built with the four libraries" \
  grep -Eq "^built with: SUNDIALS $V, HDF5 $V, PLplot $V, libfyaml $V\$" <(sed -n 3p "$TMP/out")
check "the version is the library's" grep -q "^mnsim $(sed -n 1p "$TMP/out" | cut -d' ' -f2)\$" "$TMP/out"
# a commit of the source tree, when the tree is a git checkout (not always HEAD: the binary may
# predate the last commit until the next build)
SRC=${MN_SOURCE_DIR:-}
if [ -n "$SRC" ] && command -v git >/dev/null && git -C "$SRC" rev-parse HEAD >/dev/null 2>&1 &&
  [ "$(git -C "$SRC" rev-parse --show-toplevel)" = "$(cd "$SRC" && pwd -P)" ]; then
  rev=$(sed -n 's/^revision: \([0-9a-f]*\).*/\1/p' "$TMP/out")
  check "revision is a commit of the tree" git -C "$SRC" cat-file -e "$rev^{commit}"
fi

"$MNSIM" --version extra >/dev/null 2>"$TMP/err"
check "--version with an argument exits 2" test $? -eq 2
check "and says so" grep -q "^mnsim: error: --version takes no arguments" "$TMP/err"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
