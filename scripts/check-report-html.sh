#!/usr/bin/env bash
# Opens a rendered report in headless Chromium and checks what a reader would see: every image
# decodes (naturalWidth > 0), the expectation table is present, equations rendered as MathML,
# every verdict is a badge with a known class (styled by the embedded stylesheet), inline checks
# link to rows that exist, and the page has no <script> element (the report runs no code).
# Usage: scripts/check-report-html.sh report/build/smoke/report.html
set -euo pipefail
html=${1:?usage: $0 REPORT.html}
[ -f "$html" ] || { echo "check-report-html: $html does not exist (run make report first)"; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check-report-html: chromium is not installed (apt-get install chromium)"; exit 1; }

# Before the probe below adds its own script: the page itself must have none.
scripts=$( (grep -oi '<script' "$html" || true) | wc -l)
styled=0
for v in pass known-deviation unexpected-pass fail missing; do grep -q "\.verdict-$v" "$html" && styled=$((styled+1)); done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A copy of the page with a probe that writes its findings into the DOM once everything loaded.
probe='<script>window.addEventListener("load",function(){var i=[].slice.call(document.images);
var bad=i.filter(function(x){return !(x.complete&&x.naturalWidth>0)}).length;
var t=[].slice.call(document.querySelectorAll("table")).some(function(x){return /Verdict/.test(x.textContent)});
var m=document.getElementsByTagName("math").length;
var known=/(^| )verdict-(pass|known-deviation|unexpected-pass|fail|missing)( |$)/;
var b=[].slice.call(document.querySelectorAll(".verdict"));var ub=b.filter(function(x){return !known.test(x.className)}).length;
var l=[].slice.call(document.querySelectorAll("a[href^=\"#check-\"]"));
var dl=l.filter(function(x){return !document.getElementById(x.getAttribute("href").slice(1))}).length;
var d=document.createElement("pre");d.id="probe";d.textContent="PROBE images="+i.length+" broken="+bad+" table="+t+" math="+m+" badges="+b.length+" unknown="+ub+" links="+l.length+" dangling="+dl;
document.body.appendChild(d);});</script>'
cp "$html" "$work/report.html"
printf '%s\n' "$probe" >> "$work/report.html"
"$browser" --headless --no-sandbox --disable-gpu --virtual-time-budget=15000 --dump-dom "file://$work/report.html" \
    2>/dev/null > "$work/dom.html"
# Screenshots to look at: a phone (390 px) and a desktop (1280 px) width.
for width in 390 1280; do
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=$width,2400 \
      --screenshot="${html%.html}-$width.png" "file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")" >/dev/null 2>&1 || true
done
line=$(grep -o 'PROBE images=[0-9]* broken=[0-9]* table=[a-z]* math=[0-9]* badges=[0-9]* unknown=[0-9]* links=[0-9]* dangling=[0-9]*' "$work/dom.html" || true)
[ -n "$line" ] || { echo "check-report-html: the page did not finish loading in Chromium"; echo "0 passed, 1 failed"; exit 1; }
echo "check-report-html: $line"
images=$(sed 's/.*images=\([0-9]*\).*/\1/' <<<"$line"); broken=$(sed 's/.*broken=\([0-9]*\).*/\1/' <<<"$line")
table=$(sed 's/.*table=\([a-z]*\).*/\1/' <<<"$line"); math=$(sed 's/.*math=\([0-9]*\).*/\1/' <<<"$line")
field() { sed "s/.* $1=\([0-9]*\).*/\1/" <<<"$line"; }
badges=$(field badges); unknown=$(field unknown); links=$(field links); dangling=$(field dangling)
passed=0; failed=0
check() { if eval "$2"; then passed=$((passed+1)); else failed=$((failed+1)); echo "FAILED: $1"; fi; }
check "the report shows figures" '[ "$images" -ge 10 ]'
check "every image loads" '[ "$broken" -eq 0 ]'
check "the expectation table is present" '[ "$table" = true ]'
check "equations render as MathML" '[ "$math" -ge 1 ]'
check "verdicts are badges (class verdict-pass, verdict-known-deviation, verdict-fail, …)" '[ "$badges" -ge 1 ] && [ "$unknown" -eq 0 ]'
check "the stylesheet styles all five verdict classes" '[ "$styled" -eq 5 ]'
check "inline checks link to rows of the summary table" '[ "$dangling" -eq 0 ]'
check "the page has no <script> element" '[ "$scripts" -eq 0 ]'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
