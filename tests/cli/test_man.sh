#!/usr/bin/env bash
# The man page (cli/mnsim.1) keeps up with the command: every command `mnsim --help` lists has its
# section, and every option each `mnsim CMD --help` lists (at the start of a line) is in it;
# `man -l` renders it without warnings when man is installed. Usage: test_man.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_man.sh path/to/mnsim}
PAGE=${MN_SOURCE_DIR:-$(dirname "$0")/../..}/cli/mnsim.1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

# the page without roff's escapes: "\-\-set" -> "--set"
sed 's/\\-/-/g' "$PAGE" >"$TMP/page"
cmds=$("$MNSIM" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
check "mnsim --help lists commands" test -n "$cmds"
for c in $cmds; do
  check "section for $c" grep -q "^\.SS \"mnsim $c" "$TMP/page"
  # options listed in the help: "  --json   ...", "  -o OUTDIR ...", "  -v, --verbose ..."
  opts=$("$MNSIM" "$c" --help | grep -Eo '^  (-[a-z], )?--?[a-z][a-z-]*' | grep -Eo -- '--?[a-z][a-z-]*$')
  for o in $opts; do
    [ "$o" = --help ] && continue # described once, under GLOBAL OPTIONS
    check "$c $o in the page" grep -q -- "$o" "$TMP/page"
  done
done
check "--version described" grep -q -- '^\.B --version' "$TMP/page"

if command -v man >/dev/null; then
  MANWIDTH=100 man --warnings -l "$PAGE" >"$TMP/man.txt" 2>"$TMP/man.err"
  check "man -l renders" test $? -eq 0
  check "rendered page names mnsim run" grep -q 'mnsim run' "$TMP/man.txt"
  check "no roff warnings" test ! -s "$TMP/man.err"
  [ -s "$TMP/man.err" ] && cat "$TMP/man.err"
else
  echo "note: man is not installed; the page is checked as text only"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
