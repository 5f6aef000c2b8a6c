#!/usr/bin/env bash
# report.html in a real browser: headless Chromium (Debian's chromium, installed by
# `make test`) loads the page of the default run, every image must decode, the headline
# sentences must be there, and a screenshot is saved into the test's output folder
# (report_browser/report.png beside the test binaries) for a person to look at.
# Usage: test_report_browser.sh path/to/mnsim
set -u
MNSIM=${1:?usage: test_report_browser.sh path/to/mnsim}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
. "$(dirname "$0")/check.sh"

BROWSER=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$BROWSER" ]; then
  echo "SKIP: no chromium (make test installs it: scripts/install-deps.sh --test)"
  echo "0 passed, 0 failed"
  exit 0
fi
OUT="$PWD/report_browser"
mkdir -p "$OUT"
# the browser runs as root here (CI): --no-sandbox; no GPU, no profile left behind
run_browser() {
  timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$TMP/profile" "$@" 2>/dev/null
}

"$MNSIM" run --set indication=acne_scars_moderate -o "$TMP/run" >/dev/null 2>&1
check "the run writes report.html" test -s "$TMP/run/report.html"

# a copy with a script that counts the images that did not decode (the page itself has none)
sed 's|</body>|<script>window.addEventListener("load",function(){var bad=0;for(var i=0;i<document.images.length;i++){var m=document.images[i];if(!(m.complete\&\&m.naturalWidth>0))bad++;}document.body.setAttribute("data-images",document.images.length);document.body.setAttribute("data-bad",bad);});</script></body>|' \
  "$TMP/run/report.html" >"$TMP/run/check.html"
run_browser --virtual-time-budget=10000 --dump-dom "file://$TMP/run/check.html" >"$TMP/dom.html"
check "chromium loads the page" grep -q 'data-images="[0-9]' "$TMP/dom.html"
check "every image decodes" grep -q 'data-bad="0"' "$TMP/dom.html"
n_img=$(grep -o 'data-images="[0-9]*"' "$TMP/dom.html" | grep -o '[0-9]*')
check "the figures are there (at least 6 images, found ${n_img:-0})" test "${n_img:-0}" -ge 6
for s in "In short" "The needles reached" "times as much" "collagen" "hyperpigmentation" \
  "Goodman-Baron" "Expected outcome"; do
  check "the headline has '$s'" grep -q "$s" "$TMP/dom.html"
done
run_browser --window-size=1280,2400 --screenshot="$OUT/report.png" "file://$TMP/run/report.html" \
  >/dev/null
check "a screenshot is saved" test -s "$OUT/report.png"
check "the screenshot is a PNG" bash -c "head -c 8 '$OUT/report.png' | od -An -c | grep -q 'P   N   G'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
