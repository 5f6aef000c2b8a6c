#!/usr/bin/env bash
# The bash completion (cli/mnsim.bash): sourced into bash, its function called directly with
# COMP_WORDS / COMP_CWORD as bash would set them (bash splits KEY=VALUE at '='). Checks the
# commands, the options of each command against its --help, the keys of --set, enumerated values
# and catalogue names. Usage: test_completion.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_completion.sh path/to/mnsim}
SCRIPT=${MN_SOURCE_DIR:-$(dirname "$0")/../..}/cli/mnsim.bash
. "$(dirname "$0")/check.sh"
# shellcheck source=/dev/null
. "$SCRIPT"
check "the script registers the function" test "$(complete -p mnsim 2>/dev/null)" = "complete -F _mnsim mnsim"

# complete WORD...: the words after mnsim, the last one under the cursor; the answers one a line
complete_line() {
  COMP_WORDS=("$MNSIM" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _mnsim
  printf '%s\n' "${COMPREPLY[@]}"
}
has() { grep -qx -- "$2" <<<"$1"; }      # has ANSWERS WORD
all() { ! grep -qv -- "$2" <<<"$1"; }    # all ANSWERS REGEX

# the issue's case: mnsim run --set dev<TAB>
got=$(complete_line run --set dev)
check "--set dev: device.needle_length_mm=" has "$got" "device.needle_length_mm="
check "--set dev: device.type=" has "$got" "device.type="
check "--set dev: device.model=" has "$got" "device.model="
check "--set dev: only device.* keys" all "$got" '^device\.'
check "--set dev: every device key" test "$(wc -l <<<"$got")" -eq "$("$MNSIM" run --list-keys | grep -c '^device\.')"

# commands
got=$(complete_line "")
for c in $("$MNSIM" --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
  check "command $c offered" has "$got" "$c"
done
check "ru -> run" test "$(complete_line ru)" = run

# each command's options are those its --help lists at the start of a line
for c in run sites devices compounds indications plan validate compare; do
  got=$(complete_line "$c" -)
  for o in $("$MNSIM" "$c" --help | grep -Eo '^  (-[a-z], )?--?[a-z][a-z-]*' | grep -Eo -- '--?[a-z][a-z-]*$'); do
    check "$c: option $o offered" has "$got" "$o"
  done
done

# values after KEY=, split at '=' as bash does; and with cur '=' right after the key
got=$(complete_line run --set skin.site = chee)
check "skin.site=chee -> cheek" test "$got" = cheek
got=$(complete_line run --set device.model =)
check "device.model= -> the devices" test "$(sort <<<"$got")" = "$("$MNSIM" devices --names | sort)"
got=$(complete_line run --set formulation.compound = caf)
check "formulation.compound=caf -> caffeine" has "$got" caffeine
got=$(complete_line run --set indication = acne)
check "indication=acne -> acne_scars_*" all "$got" '^acne'
check "indication=acne: some" test -n "$got"
got=$(complete_line run --set device.type = p)
check "device.type=p -> pen" test "$got" = pen
# the same line as one word (COMP_WORDBREAKS without '=')
got=$(COMP_WORDBREAKS=' ' complete_line run --set skin.site=forehe)
check "one word skin.site=forehe -> skin.site=forehead" test "$got" = skin.site=forehead
# options' values
check "plan --site tem -> temple" test "$(complete_line plan --site tem)" = temple
got=$(complete_line plan --indication "")
check "plan --indication: every indication" test "$(sort <<<"$got")" = "$("$MNSIM" indications --names | sort)"
check "compare --laser co -> co2" test "$(complete_line compare --laser co)" = co2
check "plan --setting -> home clinic" test "$(complete_line plan --setting "" | tr '\n' ' ')" = "home clinic "
check "run --list-values device.ty" test "$(complete_line run --list-values device.ty)" = device.type

# --names and --list-keys, which the completion reads: bad use exits 2
"$MNSIM" run --list-values seed >/dev/null 2>&1
check "--list-values of a number key exits 2" test $? -eq 2
"$MNSIM" run --list-values nosuch.key >/dev/null 2>&1
check "--list-values of an unknown key exits 2" test $? -eq 2
"$MNSIM" run --list-values >/dev/null 2>&1
check "--list-values without a key exits 2" test $? -eq 2
"$MNSIM" compounds --names --json >/dev/null 2>&1
check "--names with --json exits 2" test $? -eq 2
"$MNSIM" validate --names >/dev/null 2>&1
check "validate has no --names" test $? -eq 2
check "--list-keys: the whole table" test "$("$MNSIM" run --list-keys | wc -l)" -gt 50
check "--list-keys: one key a line" all "$("$MNSIM" run --list-keys)" '^[a-z_0-9]*\(\.[a-z_0-9]*\)*$'

# --catalog on every command, completed with YAML files
for c in run compounds devices sites indications plan compare population sweep sensitivity validate; do
  check "$c: --catalog offered" has "$(complete_line "$c" --cat)" --catalog
done
CAT_DIR=${MN_SOURCE_DIR:-$(dirname "$0")/../..}/tests/data/catalogs
check "--catalog FILE: a YAML file" has "$(complete_line compounds --catalog "$CAT_DIR/my_")" \
  "$CAT_DIR/my_compounds.yaml"
got=$(complete_line run --catalog "$CAT_DIR/my_compounds.yaml" --set formulation.compound=my_)
check "names of a --catalog given on the line" has "$got" my_serum
got=$(complete_line run --set formulation.compound=my_)
check "no user names without it" test -z "$got"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
