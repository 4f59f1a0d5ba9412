#!/bin/bash
# Crash, corruption and concurrency test of `repro report` (issue 14), on the smoke profile:
#  1. SIGKILL at several random moments (one while the figures and report are published), then
#     resume: cache, results/ and figures/ bit-identical to an uninterrupted run, no orphans;
#  2. a byte flipped in a cache entry with its mtime put back: the next run repairs it;
#  3. a damaged checkpoint in the cache's scratch directory: discarded, the task restarts;
#  4. two `repro report` at once on one repository and one cache: both exit 0, same results;
#  5. plain messages for a cache that is a file and for a directory without report/manifest.toml;
# and the second hardening round (issue 24):
#  6. fewer configurations: results/ loses config_02/, a file the user put there stays;
#  7. a task that fails (relaxation with a max_lag τα never fits in): exit 1, and the report is
#     replaced by one that lists the failure and marks every expectation not checked;
#  8. a cache whose entries/ cannot be used (a file in its place; chmod 000 when not root):
#     status and report refuse it at once, naming the path;
#  9. status on a cache path that does not exist creates nothing;
# 10. a forbidden link in report/report.md is refused before any compute, at its source line;
# 11. repro diff of the reference build: 0 against itself, 1 when every check vanished, 2 when a
#     check is listed twice (a malformed build) or the profiles differ;
# 12. repro analyze on two of the reference run's configurations: SIGKILLs, then resume, bit-identical.
# Every run works in its own copy of report/ under a mktemp dir (a run writes results/,
# figures/ and report/build/ under its working directory), with its own --cache.
# Usage: bash scripts/crash-test.sh   (REPRO=path/to/repro, CRASH_SEED=n to replay the kill times)
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PASSED=0
FAILED=0
pass() { echo "crash-test: PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "crash-test: FAIL $1"; FAILED=$((FAILED + 1)); }
summary() { echo "crash-test: $PASSED passed, $FAILED failed"; }
abort() { fail "$1"; summary; exit 1; }

REPRO=${REPRO:-$ROOT/.build/release/repro}
if [ ! -x "$REPRO" ]; then
    swift build -c release --product repro || abort "swift build -c release --product repro"
fi
REPRO=$(cd "$(dirname "$REPRO")" && pwd)/$(basename "$REPRO")
WORK=$(mktemp -d /tmp/crash-test.XXXXXX)
PIDS=()
cleanup() {
    for p in "${PIDS[@]}"; do kill -9 -- "-$p" 2>/dev/null || kill -9 "$p" 2>/dev/null; done
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT
SEED=${CRASH_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
echo "crash-test: work in $WORK, CRASH_SEED=$SEED"

# ---- helpers --------------------------------------------------------------------------------
newroot() {  # name → a working directory holding a copy of report/ (without report/build)
    mkdir -p "$WORK/$1/report"
    for f in "$ROOT"/report/*; do [ "$(basename "$f")" = build ] || cp -r "$f" "$WORK/$1/report/"; done
    echo "$WORK/$1"
}
report() {  # root cache log → exit status
    (cd "$1" && "$REPRO" report --profile smoke --cache "$2" > "$3" 2>&1)
}
# "path sha256" of every file under a directory, sorted. PDFs are hashed without their
# /CreationDate and /ModDate lines: cairo stamps the wall-clock time there. The record of what
# was exported (.exported.json) is left out: it holds the PDFs' whole checksums.
tree_sums() {
    [ -d "$1" ] || return 0
    (cd "$1" && find . -type f ! -name .exported.json | sort | while read -r f; do
        case "$f" in
            *.pdf) h=$(grep -av -e '/CreationDate' -e '/ModDate' "$f" | sha256sum | cut -d' ' -f1) ;;
            *) h=$(sha256sum "$f" | cut -d' ' -f1) ;;
        esac
        echo "$f $h"
    done)
}
outputs() {  # root cache → checksums of the cache's entry files, results/ and figures/
    tree_sums "$2/entries" | grep '/files/' | sed 's/^/cache /'
    tree_sums "$1/results/smoke" | sed 's/^/results /'
    tree_sums "$1/figures/smoke" | sed 's/^/figures /'
}
same_outputs() {  # root cache label
    if [ "$(outputs "$1" "$2")" = "$REFERENCE" ]; then
        pass "$3: $(echo "$REFERENCE" | wc -l) files bit-identical to the uninterrupted run"
    else
        fail "$3: outputs differ from the uninterrupted run"; diff <(echo "$REFERENCE") <(outputs "$1" "$2") | head -10
    fi
}
no_leftovers() {  # root cache label: no orphaned tmp entries, no temporary publishing files
    local left
    left=$( (ls -A "$2/tmp"; find "$1/results" "$1/figures" -name '.*.tmp' 2>/dev/null) | head -5)
    [ -z "$left" ] && pass "$3: no temporary files left" || fail "$3: left behind: $left"
}
start_bg() {  # root cache log → starts a run in its own session; its pid in BG
    (cd "$1" && exec setsid "$REPRO" report --profile smoke --cache "$2" > "$3" 2>&1) &
    BG=$!
    PIDS+=("$BG")
}
kill_bg() {  # the whole session: repro and anything it started (pandoc, swift --version)
    kill -9 -- "-$BG" 2>/dev/null || kill -9 "$BG" 2>/dev/null
    wait "$BG" 2>/dev/null
}
flip_byte() {  # file offset: xor one byte with 0x01, then put the mtime back (as rsync -t can)
    local f=$1 off=$2 mtime mode byte
    mtime=$(stat -c %y "$f"); mode=$(stat -c %a "$f")
    chmod u+w "$f"
    byte=$(od -An -tu1 -j "$off" -N1 "$f" | tr -d ' ')
    printf "$(printf '\\%03o' $(( byte ^ 1 )))" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
    chmod "$mode" "$f"
    touch -m -d "$mtime" "$f"
}

# ---- 0. the uninterrupted reference run ----------------------------------------------------
REF=$(newroot ref)
t0=$(date +%s%N)
report "$REF" "$WORK/cache-ref" "$WORK/ref.log"; rc=$?
T_REF_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
[ "$rc" = 0 ] || { tail -20 "$WORK/ref.log"; KEEP=1; abort "reference run exited $rc (log: $WORK/ref.log)"; }
pass "uninterrupted run: exit 0 in $T_REF_MS ms"
REFERENCE=$(outputs "$REF" "$WORK/cache-ref")

# ---- 1. SIGKILL at random moments, then resume -----------------------------------------------
CR=$(newroot crash)
CC=$WORK/cache-crash
for i in 1 2 3 4; do
    # 0.1 s … 40 % of the reference time: the cache grows, so four kills cover the whole run.
    delay=$(( (RANDOM % 1000) * T_REF_MS * 4 / 10000 + 100 ))
    start_bg "$CR" "$CC" "$WORK/crash$i.log"
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    state=$(kill -0 "$BG" 2>/dev/null && echo "killed" || echo "had already finished")
    kill_bg
    echo "crash-test: kill -9 after $delay ms ($state): $(ls "$CC/entries" 2>/dev/null | wc -l) entries, $(ls -A "$CC/tmp" 2>/dev/null | wc -l) tmp dirs"
done
# …and twice while the figures and the report are published: right after the run's summary
# line ("N run, M cached, …", printed when every task has finished) and a random moment later.
for extra in 0 $(( RANDOM % 600 )); do
    start_bg "$CR" "$CC" "$WORK/crash-publish$extra.log"
    for _ in $(seq 6000); do
        grep -qE "^[0-9]+ run, [0-9]+ cached" "$WORK/crash-publish$extra.log" 2>/dev/null && break
        kill -0 "$BG" 2>/dev/null || break
        sleep 0.01
    done
    sleep "$(printf '0.%03d' "$extra")"
    state=$(kill -0 "$BG" 2>/dev/null && echo "killed" || echo "had already finished")
    kill_bg
    echo "crash-test: kill -9 $extra ms into publishing ($state): $(ls "$CR/figures/smoke" 2>/dev/null | wc -l) figure files," \
        "report.html $( [ -f "$CR/report/build/smoke/report.html" ] && echo present || echo absent)"
done
report "$CR" "$CC" "$WORK/resume.log"; rc=$?
[ "$rc" = 0 ] && pass "resumed run after 6 kills: exit 0" || fail "resumed run exited $rc (log: $WORK/resume.log)"
grep -q "removed orphaned temporary entry" "$WORK"/resume.log "$WORK"/crash*.log && pass "orphaned tmp entries were removed" \
    || echo "crash-test: note: no kill landed while an entry was being written"
same_outputs "$CR" "$CC" "after SIGKILLs and resume"
no_leftovers "$CR" "$CC" "after SIGKILLs and resume"

# ---- 2. a byte flipped in a cache entry, mtime put back --------------------------------------
victim=$(find "$CC/entries" -path '*/files/*' -name '*.npy' -size +2k | sort | head -1)
flip_byte "$victim" 200
(cd "$CR" && "$REPRO" status --profile smoke --cache "$CC" > "$WORK/status.txt" 2>&1)
grep -q "corrupt entry: file $(basename "$victim") checksum mismatch" "$WORK/status.txt" \
    && pass "status sees the flipped byte in ${victim#"$CC"/}" || fail "status missed the flipped byte ($(tail -1 "$WORK/status.txt"))"
report "$CR" "$CC" "$WORK/repair.log"; rc=$?
[ "$rc" = 0 ] && pass "run after the flipped byte: exit 0" || fail "run after the flipped byte exited $rc (log: $WORK/repair.log)"
same_outputs "$CR" "$CC" "after repairing the flipped byte"

# ---- 3. a damaged checkpoint ------------------------------------------------------------------
meta=$(grep -l '"taskID" : "relaxation"' "$CC"/entries/*/metadata.json | head -1)  # the main stage's (series_relaxation names its checkpoints by max lag)
key=$(basename "$(dirname "$meta")")
rm -rf "${CC:?}/entries/$key"
mkdir -p "$CC/scratch/$key"
head -c 4096 /dev/urandom > "$CC/scratch/$key/relaxation.ckpt"
report "$CR" "$CC" "$WORK/checkpoint.log"; rc=$?
[ "$rc" = 0 ] && pass "run with a damaged checkpoint: exit 0" || fail "run with a damaged checkpoint exited $rc (log: $WORK/checkpoint.log)"
grep -q "discarded damaged checkpoint .*relaxation.ckpt" "$WORK/checkpoint.log" \
    && pass "the damaged checkpoint was discarded with a warning" || fail "no warning about the damaged checkpoint"
same_outputs "$CR" "$CC" "after the damaged checkpoint"

# ---- 4. two runs at once on one repository and one cache -------------------------------------
# Round 1 computes everything (the runs share the tasks); rounds 2-4 find everything cached, so
# both reach the exports and the figures at the same moment (results/ removed: all re-exported).
CO=$(newroot concurrent)
for round in 1 2 3 4; do
    [ "$round" = 1 ] || rm -rf "$CO/results"
    for j in 1 2; do
        (cd "$CO" && "$REPRO" report --profile smoke --cache "$WORK/cache-concurrent" > "$WORK/concurrent$round-$j.log" 2>&1
         echo $? > "$WORK/rc$round-$j") &
    done
    wait
    rc1=$(cat "$WORK/rc$round-1") rc2=$(cat "$WORK/rc$round-2")
    [ "$rc1" = 0 ] && [ "$rc2" = 0 ] && pass "two concurrent runs (round $round): both exit 0" \
        || { fail "two concurrent runs (round $round) exited $rc1 and $rc2"; grep -h "rror\|exists" "$WORK"/concurrent$round-?.log | head -3; }
done
grep -qh "waiting" "$WORK"/concurrent*.log && pass "a run that waited said so: $(grep -h waiting "$WORK"/concurrent*.log | head -1)" \
    || echo "crash-test: note: no run had to wait"
same_outputs "$CO" "$WORK/cache-concurrent" "two concurrent runs"
no_leftovers "$CO" "$WORK/cache-concurrent" "two concurrent runs"

# ---- 5. plain messages --------------------------------------------------------------------------
touch "$WORK/a-file"
out=$(cd "$CR" && "$REPRO" status --profile smoke --cache "$WORK/a-file" 2>&1); rc=$?
[ "$rc" = 2 ] && echo "$out" | grep -q "is a file, not a directory" && pass "--cache naming a file: $out" || fail "--cache naming a file: exit $rc: $out"
mkdir -p "$WORK/elsewhere"
out=$(cd "$WORK/elsewhere" && "$REPRO" report --profile smoke --cache "$WORK/cache-x" 2>&1); rc=$?
[ "$rc" = 2 ] && echo "$out" | grep -q "run repro from the repository root" && pass "outside the repository: $out" || fail "outside the repository: exit $rc: $out"

# ---- 6. fewer configurations: what the last run exports and nothing older --------------------
H=$(newroot hardening)
HC=$WORK/cache-hardening
cp -a "$WORK/cache-ref" "$HC"
report "$H" "$HC" "$WORK/h-three.log" || fail "three configurations: exit $? (log: $WORK/h-three.log)"
echo "my notes" > "$H/results/smoke/my-notes.txt"
[ -f "$H/results/smoke/config_02/configuration.xyz" ] || fail "three configurations: no results/smoke/config_02"
sed -i '/^\[profiles.smoke\]/,/^\[profiles.smoke.stage/ s/^configurations = 3/configurations = 2/' "$H/report/manifest.toml"
report "$H" "$HC" "$WORK/h-two.log"; rc=$?
[ "$rc" = 0 ] && pass "two configurations: exit 0" || fail "two configurations: exit $rc (log: $WORK/h-two.log)"
[ ! -e "$H/results/smoke/config_02" ] && [ -f "$H/results/smoke/config_01/configuration.xyz" ] \
    && pass "two configurations: results/smoke/config_02 removed, config_01 kept" || fail "two configurations: results/smoke/config_02 still there"
[ "$(cat "$H/results/smoke/my-notes.txt" 2>/dev/null)" = "my notes" ] && pass "two configurations: the user's file kept" \
    || fail "two configurations: the user's file is gone"

# ---- 7. a failing task: the report says so instead of showing the previous verdicts -----------
# τα never fits in 5 sweeps: the relaxation run stores its F_s, the propensity tasks then fail.
sed -i '/^\[profiles.smoke.stage.relaxation\]/,/^\[/ s/^max_lag = 2000/max_lag = 5/' "$H/report/manifest.toml"
report "$H" "$HC" "$WORK/h-fail.log"; rc=$?
B=$H/report/build/smoke
[ "$rc" = 1 ] && pass "a failing task: exit 1" || fail "a failing task: exit $rc (log: $WORK/h-fail.log)"
said=$(grep "^report: .* task(s) failed, so the report lists them" "$WORK/h-fail.log")
[ -n "$said" ] && pass "a failing task: $(echo "$said" | cut -c1-110)…" \
    || fail "a failing task: the terminal summary does not say what happened to the report"
grep -q "the run failed" "$B/report.md" && grep -q "not checked" "$B/report.html" \
    && ! grep -q '"verdict" : "pass"' "$B/expectations.json" && grep -qF '"detail" : "not checked (tasks propensity[0]' "$B/expectations.json" \
    && grep -q "never decayed below 1/e" "$B/report.html" \
    && pass "a failing task: the report lists it and no verdict of the previous run is left" || fail "a failing task: report/build/smoke is not the failure report"
[ ! -e "$H/results/smoke/values.json" ] && [ ! -e "$H/results/smoke/config_00/propensity.npy" ] && [ -z "$(ls "$H/figures/smoke")" ] && [ -f "$H/results/smoke/config_01/configuration.xyz" ] \
    && pass "a failing task: results/ and figures/ keep only what is up to date" || fail "a failing task: stale values.json or figures left"
sed -i '/^\[profiles.smoke.stage.relaxation\]/,/^\[/ s/^max_lag = 5/max_lag = 2000/' "$H/report/manifest.toml"
report "$H" "$HC" "$WORK/h-fixed.log"; rc=$?
[ "$rc" = 0 ] && grep -q '"verdict" : "pass"' "$B/expectations.json" && [ -f "$H/results/smoke/values.json" ] \
    && pass "the task fixed: exit 0, the full report is back" || fail "the task fixed: exit $rc (log: $WORK/h-fixed.log)"

# ---- 8. a cache whose entries/ cannot be used -------------------------------------------------
mv "$HC/entries" "$HC/entries.away" && echo "not a directory" > "$HC/entries"
for cmd in status report; do
    out=$(cd "$H" && "$REPRO" "$cmd" --profile smoke --cache "$HC" 2>&1); rc=$?
    [ "$rc" = 2 ] && echo "$out" | grep -q "the cache directory $HC/entries is a file" && ! echo "$out" | grep -q "^done " \
        && pass "entries/ is a file: $cmd exits 2 before any compute" || fail "entries/ is a file: $cmd exit $rc: $(echo "$out" | tail -2)"
done
rm "$HC/entries" && mv "$HC/entries.away" "$HC/entries"
if [ "$(id -u)" != 0 ]; then
    chmod 000 "$HC/entries"
    out=$(cd "$H" && "$REPRO" report --profile smoke --cache "$HC" 2>&1); rc=$?
    [ "$rc" = 2 ] && echo "$out" | grep -q "cannot read and write the cache directory $HC/entries" \
        && pass "chmod 000 entries/: report exits 2 before any compute" || fail "chmod 000 entries/: report exit $rc: $(echo "$out" | tail -2)"
    out=$(cd "$H" && "$REPRO" status --profile smoke --cache "$HC" 2>&1); rc=$?
    [ "$rc" = 2 ] && echo "$out" | grep -q "cache is unreadable" && pass "chmod 000 entries/: status says the cache is unreadable" \
        || fail "chmod 000 entries/: status exit $rc: $(echo "$out" | tail -1)"
    chmod 755 "$HC/entries"
else
    echo "crash-test: note: chmod 000 entries/ skipped: running as root, which reads and writes whatever the mode"
fi

# ---- 9. status writes nothing -----------------------------------------------------------------
out=$(cd "$H" && "$REPRO" status --profile smoke --cache "$WORK/typo/" 2>&1); rc=$?
[ "$rc" = 0 ] && [ ! -e "$WORK/typo" ] && echo "$out" | grep -q "does not exist: nothing is computed yet" \
    && pass "status --cache typo/: nothing created; $(echo "$out" | grep " tasks: ")" || fail "status --cache typo/: exit $rc, $(ls -d "$WORK/typo" 2>/dev/null)"

# ---- 10. a forbidden link in the report source, refused before compute ---------------------
echo '![x](/etc/passwd)' >> "$H/report/report.md"
line=$(wc -l < "$H/report/report.md")
out=$(cd "$H" && "$REPRO" report --profile smoke --cache "$WORK/cache-link" 2>&1); rc=$?
[ "$rc" = 2 ] && echo "$out" | grep -q "report/report.md:$line: /etc/passwd" && [ ! -e "$WORK/cache-link" ] \
    && pass "a forbidden link: refused before compute at report.md:$line" || fail "a forbidden link: exit $rc: $(echo "$out" | head -2)"
sed -i '$d' "$H/report/report.md"

# ---- 11. repro diff: a vanished check is worse, a malformed build is refused --------------------
B="$REF/report/build/smoke"
mkdir -p "$WORK/d-empty" "$WORK/d-twice" "$WORK/d-ci"
python3 - "$B/expectations.json" "$WORK" <<'PY'
import json, sys
src, work = sys.argv[1], sys.argv[2]
e = json.load(open(src))
empty = dict(e, expectations=[]); json.dump(empty, open(work + "/d-empty/expectations.json", "w"))
twice = dict(e, expectations=e["expectations"] + e["expectations"][:1]); json.dump(twice, open(work + "/d-twice/expectations.json", "w"))
ci = dict(e, profile="ci"); json.dump(ci, open(work + "/d-ci/expectations.json", "w"))
PY
"$REPRO" diff "$B" "$B" > /dev/null 2>&1; same=$?
out=$("$REPRO" diff "$B" "$WORK/d-empty" 2>&1); vanished=$?
"$REPRO" diff "$B" "$WORK/d-twice" > /dev/null 2>&1; twice=$?
"$REPRO" diff "$B" "$WORK/d-ci" > /dev/null 2>&1; profile=$?
[ "$same" = 0 ] && [ "$vanished" = 1 ] && echo "$out" | grep -q "absent" && [ "$twice" = 2 ] && [ "$profile" = 2 ] \
    && pass "repro diff: itself 0, every check vanished 1, a check listed twice 2, another profile 2" \
    || fail "repro diff: itself $same, vanished $vanished, twice $twice, profile $profile"

# ---- 12. repro analyze: SIGKILL at random moments, then resume (issue 27 §3) ------------------
# Two of the reference run's configurations with their p at τα (a named column of propensity.npy).
A=$(newroot analyze)
S="$REF/results/smoke"
ANALYZE=(analyze --configurations "$S/config_00/configuration.xyz" "$S/config_01/configuration.xyz"
         --propensity "$S/config_00/propensity.npy:p_tau_alpha" "$S/config_01/propensity.npy:p_tau_alpha" --name crash)
analyze_outputs() {  # root cache → checksums of the cache's files, results/crash and figures/crash
    tree_sums "$2/entries" | grep '/files/' | sed 's/^/cache /'
    tree_sums "$1/results/crash" | sed 's/^/results /'
    tree_sums "$1/figures/crash" | sed 's/^/figures /'
}
t0=$(date +%s%N)
(cd "$A" && "$REPRO" "${ANALYZE[@]}" --cache "$WORK/cache-analyze-ref" > "$WORK/analyze-ref.log" 2>&1); rc=$?
T_AN_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
# Exit 1 is a failed check of the report, which the run still writes.
{ [ "$rc" = 0 ] || [ "$rc" = 1 ]; } && [ -f "$A/report/build/crash/report.html" ] \
    && pass "analyze, uninterrupted: exit $rc in $T_AN_MS ms, report written" || fail "analyze exited $rc (log: $WORK/analyze-ref.log)"
AN_REFERENCE=$(analyze_outputs "$A" "$WORK/cache-analyze-ref")
rm -rf "$A/results/crash" "$A/figures/crash" "$A/report/build/crash"
for i in 1 2 3; do
    delay=$(( (RANDOM % 1000) * T_AN_MS * 6 / 10000 + 100 ))
    (cd "$A" && exec setsid "$REPRO" "${ANALYZE[@]}" --cache "$WORK/cache-analyze" > "$WORK/analyze-crash$i.log" 2>&1) &
    BG=$!; PIDS+=("$BG")
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    state=$(kill -0 "$BG" 2>/dev/null && echo "killed" || echo "had already finished")
    kill_bg
    echo "crash-test: analyze: kill -9 after $delay ms ($state): $(ls "$WORK/cache-analyze/entries" 2>/dev/null | wc -l) entries"
done
(cd "$A" && "$REPRO" "${ANALYZE[@]}" --cache "$WORK/cache-analyze" > "$WORK/analyze-resume.log" 2>&1); rc2=$?
[ "$rc2" = "$rc" ] && [ -f "$A/report/build/crash/report.html" ] && pass "analyze resumed after 3 kills: exit $rc2, report written" \
    || fail "analyze resumed: exit $rc2 (log: $WORK/analyze-resume.log)"
if [ "$(analyze_outputs "$A" "$WORK/cache-analyze")" = "$AN_REFERENCE" ]; then
    pass "analyze after SIGKILLs: $(echo "$AN_REFERENCE" | wc -l) files bit-identical to the uninterrupted run"
else
    fail "analyze after SIGKILLs: outputs differ"; diff <(echo "$AN_REFERENCE") <(analyze_outputs "$A" "$WORK/cache-analyze") | head -10
fi
no_leftovers "$A" "$WORK/cache-analyze" "analyze after SIGKILLs"

[ "$FAILED" = 0 ] || { echo "crash-test: logs kept in $WORK"; KEEP=1; }
summary
[ "$FAILED" = 0 ]
