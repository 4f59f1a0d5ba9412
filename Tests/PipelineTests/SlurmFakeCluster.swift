// A fake Slurm for the executor tests: `sbatch`, `squeue`, `sacct` and `scancel` are small shell
// scripts in a temporary directory. `sbatch` really runs each array element's batch script in the
// background; the worker it execs hands its key to this process (a request file) and waits for an
// answer, so the test decides, per element, to run the task in-process, fail it, interrupt it or
// hold it running.
import Foundation
@testable import Pipeline
@testable import PipelineSlurm

final class FakeSlurm: @unchecked Sendable {
    let dir: URL
    var bin: URL { dir.appendingPathComponent("bin") }
    private let lock = NSLock()
    private var served: Set<String> = []
    private var stopped = false
    private var handled: [(element: String, key: String)] = []

    /// `handler(key, element)` returns the worker's exit status; it runs on its own thread.
    init(handler: @escaping @Sendable (_ key: String, _ element: String) -> Int32) throws {
        dir = temporaryDirectory()
        for d in ["bin", "jobs", "requests", "responses"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(d), withIntermediateDirectories: true)
        }
        let D = dir.path
        try script("sbatch", """
            array=; out=; script=
            for a in "$@"; do case "$a" in --array=*) array="${a#--array=}";; --output=*) out="${a#--output=}";; --*) ;; *) script="$a";; esac; done
            echo "$script" >> "\(D)/sbatch.log"
            echo "$*" >> "\(D)/sbatch.args"
            if [ -f "\(D)/sbatch-fail" ]; then echo "sbatch: error: Invalid partition name specified" >&2; exit 1; fi
            n=$(( $(cat "\(D)/counter" 2>/dev/null || echo 100) + 1 )); echo $n > "\(D)/counter"
            # Foundation may leak the caller's pipe descriptors: close them so background
            # elements do not keep sbatch's output open (real sbatch returns at once).
            for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
            for i in $(seq 0 "${array#0-}"); do
              id="${n}_$i"; echo PENDING > "\(D)/jobs/$id"
              log=${out//%A/$n}; log=${log//%a/$i}
              ( echo RUNNING > "\(D)/jobs/$id"
                SLURM_ARRAY_JOB_ID=$n SLURM_ARRAY_TASK_ID=$i FAKE_SLURM="\(D)" bash "$script" >> "$log" 2>&1
                echo $? > "\(D)/jobs/$id.rc"; rm -f "\(D)/jobs/$id" ) </dev/null >/dev/null 2>&1 &
            done
            echo "$n"
            """)
        try script("squeue", """
            if [ -f "\(D)/squeue-fail" ]; then echo "squeue: error: slurm_load_jobs error: Socket timed out" >&2; exit 1; fi
            for f in "\(D)"/jobs/*; do case "$f" in *.rc) ;; *) [ -f "$f" ] && echo "$(basename "$f")|$(cat "$f")";; esac; done; exit 0
            """)
        try script("sacct", """
            for f in "\(D)"/jobs/*.rc; do [ -f "$f" ] || continue; rc=$(cat "$f"); id=$(basename "$f" .rc)
              if [ "$rc" = 0 ]; then echo "$id|COMPLETED|0:0"; else echo "$id|FAILED|$rc:0"; fi; done; exit 0
            """)
        try script("scancel", "echo \"$@\" >> \"\(D)/scancel.log\"")
        // The worker: ask the test, wait for the answer, record it like run-task does.
        try script("worker", """
            id="${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
            echo "$2" > "\(D)/requests/$id.tmp" && mv "\(D)/requests/$id.tmp" "\(D)/requests/$id"
            while [ ! -f "\(D)/responses/$id" ]; do [ -d "\(D)" ] || exit 1; sleep 0.02; done
            rc=$(cat "\(D)/responses/$id")
            echo "$rc" > "$REPRO_SLURM_EXIT_FILE"
            exit "$rc"
            """)
        let t = Thread { [self] in serve(handler) }
        t.start()
    }

    private func script(_ name: String, _ body: String) throws {
        let url = bin.appendingPathComponent(name)
        try ("#!/bin/bash\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o755)
    }

    private func serve(_ handler: @escaping @Sendable (String, String) -> Int32) {
        let requests = dir.appendingPathComponent("requests")
        while true {
            lock.lock(); let stop = stopped; lock.unlock()
            if stop { return }
            for name in (try? FileManager.default.contentsOfDirectory(atPath: requests.path)) ?? [] where !name.hasSuffix(".tmp") {
                lock.lock(); let fresh = served.insert(name).inserted; lock.unlock()
                guard fresh, let key = try? String(contentsOf: requests.appendingPathComponent(name), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines) else { continue }
                lock.lock(); handled.append((name, key)); lock.unlock()
                let response = dir.appendingPathComponent("responses/\(name)")
                Thread {
                    let status = handler(key, name)
                    try? "\(status)".write(to: response, atomically: true, encoding: .utf8)
                }.start()
            }
            Thread.sleep(forTimeInterval: 0.01)
        }
    }

    /// Keys of every array submitted so far, one list per `sbatch` call that succeeded.
    func submittedArrays() -> [[String]] {
        let log = (try? String(contentsOf: dir.appendingPathComponent("sbatch.log"), encoding: .utf8)) ?? ""
        let count = Int((try? String(contentsOf: dir.appendingPathComponent("counter"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "100") ?? 100
        let scripts = log.split(separator: "\n").map(String.init)
        // Failed sbatch calls are logged but get no job id: keep the last `count - 100` successes.
        return scripts.suffix(max(0, count - 100)).map { path in
            let keys = (try? String(contentsOfFile: String(path.dropLast(3)) + ".keys", encoding: .utf8)) ?? ""
            return keys.split(separator: "\n").map(String.init)
        }
    }

    /// Elements whose worker asked for a key so far.
    /// Every sbatch command line, one per submission.
    func sbatchArguments() -> [String] {
        ((try? String(contentsOf: dir.appendingPathComponent("sbatch.args"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    var requests: [(element: String, key: String)] { lock.lock(); defer { lock.unlock() }; return handled }

    /// Elements still listed by the fake queue.
    var queued: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("jobs").path)) ?? [])
            .filter { !$0.hasSuffix(".rc") }.count
    }

    func options(maxRetries: Int = 2) -> SlurmOptions {
        var o = SlurmOptions(workerCommand: [bin.appendingPathComponent("worker").path])
        o.commandDirectory = bin.path
        o.pollSeconds = 0.02
        o.maxRetries = maxRetries
        return o
    }

    /// Stops serving (running handlers finish) and removes the directory.
    func shutdown() {
        lock.lock(); stopped = true; lock.unlock()
        Thread.sleep(forTimeInterval: 0.05)
        try? FileManager.default.removeItem(at: dir)
    }
}

/// Runs a task in-process as `run-task` would and maps the outcome to its exit status.
func runTaskStatus(_ key: String, graph: TaskGraph, store: Store, cancellation: CancellationToken = CancellationToken()) -> Int32 {
    var o = quietOptions()
    o.cancellation = cancellation
    switch try? LocalExecutor.runTask(key: key, graph: graph, store: store, options: o) {
    case .ran?, .cached?: return 0
    case .cancelled?: return SlurmBatchScript.interruptedStatus
    case .failed?, nil: return 1
    }
}

/// Waits until `condition` holds (or 20 s pass).
func slurmWaitUntil(_ condition: () -> Bool) {
    let end = Date().addingTimeInterval(20)
    while !condition() && Date() < end { Thread.sleep(forTimeInterval: 0.01) }
}
