# Sourced by the tests/cli/test_*.sh scripts: the pass/fail counters and check().
# Each script ends by printing "$passed passed, $failed failed" (the line CI reads).
# The expected text here is in English with point decimals (mnsim keeps LC_NUMERIC at C; the
# messages are English): LC_ALL=C for the rest. test_locale.sh sets its own locales.
export LC_ALL=C
passed=0
failed=0
check() { # check NAME COMMAND...: passes when the command succeeds
  local name=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $name" >&2
  fi
}
