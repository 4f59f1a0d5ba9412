#!/bin/bash
# Real-Slurm test of the Slurm executor (issue 9): a single-node Slurm on localhost runs the smoke
# profile; its cache must be bit-identical to the local executor's; a job killed with scancel
# (and its driver killed too) must be resumed by a re-run. Needs root (installs slurm-wlm and
# munge when missing, starts munged, slurmctld and slurmd; all stopped on exit).
# Usage: bash scripts/slurm-test.sh   (REPRO=path/to/repro to use another binary)
# Assumes: repro report --profile P --cache DIR --executor slurm|local, and repro status.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PASSED=0
FAILED=0
pass() { echo "slurm-test: PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "slurm-test: FAIL $1"; FAILED=$((FAILED + 1)); }
summary() { echo "slurm-test: $PASSED passed, $FAILED failed"; }
abort() { fail "$1"; summary; exit 1; }

[ "$(id -u)" = 0 ] || abort "must run as root (installs packages, starts slurmctld/slurmd)"

# ---- install --------------------------------------------------------------------------------
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
    echo "slurm-test: installing slurm-wlm and munge"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge \
        || abort "apt-get install slurm-wlm munge"
fi
REPRO=${REPRO:-$ROOT/.build/release/repro}
if [ ! -x "$REPRO" ]; then
    swift build -c release --product repro || abort "swift build -c release --product repro"
fi

# ---- configure and start a one-node cluster -------------------------------------------------
WORK=$(mktemp -d /tmp/slurm-test.XXXXXX)
chmod 755 "$WORK"
export SLURM_CONF=$WORK/slurm.conf
MUNGED_STARTED=0
stop_services() {
    [ -n "${DRIVER_PID:-}" ] && kill "$DRIVER_PID" 2>/dev/null
    scancel --me 2>/dev/null
    [ -f "$WORK/slurmd.pid" ] && kill "$(cat "$WORK/slurmd.pid")" 2>/dev/null
    [ -f "$WORK/slurmctld.pid" ] && kill "$(cat "$WORK/slurmctld.pid")" 2>/dev/null
    [ "$MUNGED_STARTED" = 1 ] && [ -f "$WORK/munged.pid" ] && kill "$(cat "$WORK/munged.pid")" 2>/dev/null
    sleep 1
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap stop_services EXIT

HOST=$(hostname -s)
NODE=$(slurmd -C | grep '^NodeName=' | head -1)
[ -n "$NODE" ] || abort "slurmd -C printed no node line"
mkdir -p "$WORK/state" "$WORK/spool"
cat > "$SLURM_CONF" <<CONF
ClusterName=repro-test
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SchedulerType=sched/backfill
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
KillWait=20
$NODE NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    [ -s /etc/munge/munge.key ] || { mungekey --create 2>/dev/null || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null; }
    chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
    mkdir -p /run/munge /var/log/munge /var/lib/munge && chown munge:munge /run/munge /var/log/munge /var/lib/munge
    runuser -u munge -- /usr/sbin/munged --pid-file="$WORK/munged.pid" 2>/dev/null \
        || /usr/sbin/munged --force --pid-file="$WORK/munged.pid" || abort "munged did not start"
    # runuser cannot write the pid file into root's temp dir as munge: fall back to pgrep by exact name.
    [ -f "$WORK/munged.pid" ] || pgrep -x munged -n > "$WORK/munged.pid"
    MUNGED_STARTED=1
fi
munge -n | unmunge >/dev/null || abort "munge does not work"
slurmctld -f "$SLURM_CONF" || abort "slurmctld did not start (log: $WORK/slurmctld.log)"
slurmd -f "$SLURM_CONF" || abort "slurmd did not start (log: $WORK/slurmd.log)"
for _ in $(seq 60); do
    state=$(sinfo -h -o %t 2>/dev/null | head -1)
    [ "$state" = idle ] && break
    sleep 1
done
if [ "$state" = idle ]; then pass "single-node cluster up ($NODE)"; else
    tail -20 "$WORK/slurmctld.log" "$WORK/slurmd.log"; abort "node not idle after 60 s (state '$state')"; fi

# ---- helpers --------------------------------------------------------------------------------
# Prints "key/file sha256" for every output file of every entry of a cache, sorted. PDFs are
# hashed without their /CreationDate and /ModDate lines: cairo stamps the wall-clock time there,
# so two runs of the same task never agree on those bytes (every other byte must agree).
checksums() {
    for f in "$1"/entries/*/files/*; do
        [ -f "$f" ] || continue
        case "$f" in
            *.pdf) h=$(grep -av -e '/CreationDate' -e '/ModDate' "$f" | sha256sum | cut -d' ' -f1) ;;
            *) h=$(sha256sum "$f" | cut -d' ' -f1) ;;
        esac
        echo "${f#"$1"/entries/} $h"
    done | sort
}
same_results() {  # cache-a cache-b label
    if [ "$(checksums "$1" | sha256sum)" = "$(checksums "$2" | sha256sum)" ] && [ -n "$(checksums "$1")" ]; then
        pass "$3: $(checksums "$1" | wc -l) cached files bit-identical to the local executor's"
    else
        fail "$3: cached files differ from the local executor's"; diff <(checksums "$1") <(checksums "$2") | head -20
    fi
}
all_done() {  # cache label
    # The summary line ("N tasks: … done, … stale, … missing"); the cost estimate follows it.
    local out; out=$("$REPRO" status --profile smoke --cache "$1" 2>&1 | grep -E '^[0-9]+ tasks: ' | tail -1)
    case "$out" in *" 0 stale, 0 missing"*) pass "$2: every task done ($out)";; *) fail "$2: $out";; esac
}
report() {  # cache executor log → exit status (1 may be an expectation; all_done tells)
    "$REPRO" report --profile smoke --cache "$1" --executor "$2" > "$3" 2>&1
}

# ---- 1. local and Slurm runs of the smoke profile --------------------------------------------
LOCAL=$WORK/cache-local SLURM=$WORK/cache-slurm
start=$(date +%s)
report "$LOCAL" local "$WORK/local.log"; echo "slurm-test: local run exit $? in $(( $(date +%s) - start )) s"
all_done "$LOCAL" "local executor"
start=$(date +%s)
report "$SLURM" slurm "$WORK/slurm.log"; rc=$?
echo "slurm-test: slurm run exit $rc in $(( $(date +%s) - start )) s"
grep -q "slurm: submitted job" "$WORK/slurm.log" && pass "tasks submitted with sbatch" || fail "no sbatch submission in the log"
all_done "$SLURM" "slurm executor"
same_results "$SLURM" "$LOCAL" "slurm executor"
ls "$SLURM"/slurm/logs/*.out >/dev/null 2>&1 && pass "array element logs in the cache" || fail "no logs in $SLURM/slurm/logs"

# A second run submits nothing.
report "$SLURM" slurm "$WORK/slurm2.log"
if grep -q "slurm: submitted job" "$WORK/slurm2.log" || ! grep -qE "(^| )0 run, " "$WORK/slurm2.log"; then
    fail "re-run of a finished cache ran or submitted work (log: $WORK/slurm2.log)"
else
    pass "re-run of a finished cache submits nothing"
fi

# ---- 2. scancel a running job, kill the driver, re-run -----------------------------------------
KILLED=$WORK/cache-killed
"$REPRO" report --profile smoke --cache "$KILLED" --executor slurm > "$WORK/killed.log" 2>&1 &
DRIVER_PID=$!  # repro itself, so that kill reaches the driver
# Kill an element as soon as its task starts (its log names it: the graph is loaded and the
# signal handlers are installed), so that it is cancelled mid-run rather than after finishing.
victim=
for _ in $(seq 600); do
    for id in $(squeue -h -r --me -t RUNNING -o %i); do
        grep -qE "run-task: .* worker" "$KILLED/slurm/logs/$id.out" 2>/dev/null && victim=$id && break
    done
    [ -n "$victim" ] && break
    sleep 0.1
done
[ -n "$victim" ] || victim=$(squeue -h -r --me -t RUNNING -o %i | head -1)
if [ -n "$victim" ]; then
    scancel "$victim" && echo "slurm-test: scancel $victim ($(grep -oE 'run-task: [a-z]+(\[[0-9]+\])?' "$KILLED/slurm/logs/$victim.out" | head -1))"
    kill "$DRIVER_PID" 2>/dev/null
    wait "$DRIVER_PID" 2>/dev/null
    DRIVER_PID=
    for _ in $(seq 60); do squeue -h -r --me -o %i 2>/dev/null | grep -qx "$victim" || break; sleep 1; done
    if grep -q "interrupted" "$KILLED/slurm/logs/$victim.out"; then
        pass "scancel of running job $victim: it checkpointed and stopped (exit $(cat "$KILLED/slurm/exit/$victim" 2>/dev/null))"
    else
        echo "slurm-test: note: $victim finished before scancel reached it"
    fi
    report "$KILLED" slurm "$WORK/resumed.log"
    grep -qE "following [0-9]+ task|interrupted .*resubmitting|done " "$WORK/resumed.log" \
        && pass "re-run followed or resubmitted the earlier jobs" || fail "re-run did not follow the earlier jobs"
    all_done "$KILLED" "after scancel and re-run"
    same_results "$KILLED" "$LOCAL" "after scancel and re-run"
    dups=$(cat "$KILLED"/slurm/arrays/*.keys | sort | uniq -d | wc -l)
    [ "$dups" -le 1 ] && pass "only the cancelled task was submitted twice ($dups)" || fail "$dups tasks submitted more than once"
else
    fail "no running job to scancel"
fi

[ "$FAILED" = 0 ] || { echo "slurm-test: logs kept in $WORK"; KEEP=1; }
summary
[ "$FAILED" = 0 ]
