/// The driver's two actions against Slurm: submit a wave of ready tasks as job arrays, and
/// update the plan from the queue, the exit status each worker leaves, and (when the element has
/// no exit status) accounting. Interrupted elements are resubmitted; failed ones are retried up
/// to `maxRetries` times and then reported with their log path.
import Foundation
import Pipeline

struct SlurmFollower {
    let options: SlurmOptions
    let commands: SlurmCommands
    let graph: TaskGraph
    let store: Store
    let paths: SlurmPaths
    let log: @Sendable (String) -> Void
    /// Stages to recompute although intact (`ExecutionOptions.rerun`).
    var rerun: Set<String> = []

    /// How an element that left the queue ended.
    enum Ending: Equatable {
        case interrupted(String)
        case failed(String)
        /// Not known yet (exit file not visible, accounting silent or still running).
        case unknown
    }

    /// The queue, asked only when something is in flight.
    func queueIfNeeded(_ plan: SlurmTracker, _ state: SlurmState) throws -> [String: String] {
        plan.inFlight(state: state).isEmpty ? [:] : try commands.queue()
    }

    /// Moves finished tasks to done, and decides about elements that left the queue.
    func update(_ plan: inout SlurmTracker, _ state: inout SlurmState, queue: [String: String],
                ledger: inout RunLedger) {
        let flying = plan.inFlight(state: state)
        var gone: [(TaskNode, String)] = []
        for node in flying {
            let job = state.submissions[node.key]!.job!
            if case .intact(let meta) = store.check(node.key, mode: .quick) {
                plan.finish(node.id)
                ledger.record(node.id, .ran(seconds: meta.seconds), meta)
                state.submissions[node.key] = nil
                try? store.saveRecord(TaskRecord(node: node, graph: graph), profile: graph.profile, task: node.id)
                log(String(format: "done %@ (job %@) in %.1f s", node.id.description, job, meta.seconds))
            } else if queue[job] != nil {
                plan.vanishedPolls[node.key] = nil
            } else {
                gone.append((node, job))
            }
        }
        guard !gone.isEmpty else { return }
        let needAccounting = gone.filter { exitStatus($0.1) == nil }.map { String($0.1.split(separator: "_")[0]) }
        let accounting = commands.accounting(jobs: Array(Set(needAccounting)).sorted())
        for (node, job) in gone {
            var ending = Self.ending(exit: exitStatus(job), accounting: accounting[job].map { ($0.state, $0.exit) })
            if ending == .unknown {
                // Shared filesystems may show the exit file late: give it one more poll.
                plan.vanishedPolls[node.key, default: 0] += 1
                if plan.vanishedPolls[node.key]! < 3 { continue }
                ending = .failed("left the queue without an exit status (killed?)")
            }
            plan.vanishedPolls[node.key] = nil
            var sub = state.submissions[node.key]!
            sub.job = nil
            let logPath = paths.log(job).path
            switch ending {
            case .interrupted(let why):
                sub.interruptions += 1
                if sub.interruptions > options.maxInterruptions {
                    plan.fail(node.id, "interrupted \(sub.interruptions) times (last: \(why)); log: \(logPath)")
                    log("FAILED \(node.id) (job \(job)): interrupted \(sub.interruptions) times; log: \(logPath)")
                    state.submissions[node.key] = nil
                    continue
                }
                log("interrupted \(node.id) (job \(job)): \(why); resubmitting to resume from its checkpoint")
            case .failed(let why):
                sub.failures += 1
                log("FAILED \(node.id) (job \(job), attempt \(sub.failures) of \(options.maxRetries + 1)): \(why); log: \(logPath)")
                if sub.failures > options.maxRetries {
                    plan.fail(node.id, "\(why); log: \(logPath)")
                    state.submissions[node.key] = nil
                    continue
                }
            case .unknown: break
            }
            state.submissions[node.key] = sub
        }
    }

    /// Classifies an element that left the queue from its worker's exit status or, failing that,
    /// its accounting state.
    static func ending(exit: Int32?, accounting: (state: String, exit: String)?) -> Ending {
        if let exit {
            switch exit {
            case SlurmBatchScript.interruptedStatus: return .interrupted("checkpointed and stopped (exit \(exit))")
            case 0: return .failed("worker exited 0 but its cache entry is missing or corrupt")
            default: return .failed("worker exit status \(exit)")
            }
        }
        guard let a = accounting else { return .unknown }
        switch a.state {
        case "TIMEOUT", "CANCELLED", "PREEMPTED", "NODE_FAIL", "BOOT_FAIL", "DEADLINE":
            return .interrupted("Slurm state \(a.state)")
        case "FAILED", "OUT_OF_MEMORY", "COMPLETED":
            return .failed("Slurm state \(a.state), exit code \(a.exit)")
        default:
            return .unknown  // PENDING, RUNNING, REQUEUED…: accounting lags the queue
        }
    }

    /// The status `run-task` wrote for an element, if visible.
    func exitStatus(_ job: String) -> Int32? {
        guard let text = try? String(contentsOf: paths.exit(job), encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Submits ready tasks as job arrays, one per CPU count (at most `maxArraySize` elements each),
    /// recording each element before the next wave.
    func submit(_ ready: [TaskNode], _ plan: inout SlurmTracker, _ state: inout SlurmState) {
        var groups: [Int: [TaskNode]] = [:]
        for n in ready { groups[options.cpus(forThreads: n.threads), default: []].append(n) }
        for cpus in groups.keys.sorted() {
            let all = groups[cpus]!
            for chunkStart in stride(from: 0, to: all.count, by: options.maxArraySize) {
                let chunk = Array(all[chunkStart..<min(all.count, chunkStart + options.maxArraySize)])
                do {
                    // A worker finds an intact entry done: a requested rerun removes it first.
                    for n in chunk where rerun.contains(n.id.stage) { try discard(n.key) }
                    let job = try submitArray(chunk, cpus: cpus)
                    for (i, n) in chunk.enumerated() {
                        var sub = state.submissions[n.key] ?? SlurmSubmission(task: n.id.description)
                        sub.job = "\(job)_\(i)"
                        sub.log = paths.log(sub.job!).path
                        state.submissions[n.key] = sub
                    }
                    log("slurm: submitted job \(job): \(Self.describe(chunk)) (\(cpus) CPU\(cpus == 1 ? "" : "s") each)")
                } catch {
                    for n in chunk {
                        var sub = state.submissions[n.key] ?? SlurmSubmission(task: n.id.description)
                        sub.failures += 1
                        if sub.failures > options.maxRetries {
                            plan.fail(n.id, "cannot submit: \(error)")
                            state.submissions[n.key] = nil
                        } else {
                            state.submissions[n.key] = sub
                        }
                    }
                    log("slurm: \(error)")
                }
            }
        }
    }

    /// Removes an entry under its key's lock (moved aside first, so it vanishes at once).
    private func discard(_ key: String) throws {
        try store.withLock(key) {
            let entry = store.entryDirectory(key)
            guard FileManager.default.fileExists(atPath: entry.path) else { return }
            let trash = store.root.appendingPathComponent("tmp/\(key).trash-\(UUID().uuidString)")
            try FileManager.default.moveItem(at: entry, to: trash)
            try? FileManager.default.removeItem(at: trash)
        }
    }

    /// Writes the key list and batch script, then calls sbatch; returns the job id.
    private func submitArray(_ chunk: [TaskNode], cpus: Int) throws -> String {
        let stem = "\(Int(Date().timeIntervalSince1970))-\(UUID().uuidString.prefix(8))"
        let keys = paths.arrays.appendingPathComponent("\(stem).keys")
        let script = paths.arrays.appendingPathComponent("\(stem).sh")
        try chunk.map(\.key).joined(separator: "\n").appending("\n").write(to: keys, atomically: true, encoding: .utf8)
        try SlurmBatchScript.text(keys: keys, exits: paths.exits, worker: options.workerCommand)
            .write(to: script, atomically: true, encoding: .utf8)
        chmod(script.path, 0o755)
        var args = ["--job-name=\(options.jobName)", "--array=0-\(chunk.count - 1)", "--ntasks=1", "--cpus-per-task=\(cpus)",
                    "--output=\(paths.logs.path)/%A_%a.out", "--open-mode=append",
                    "--signal=B:TERM@\(options.signalSeconds)", "--requeue",
                    "--chdir=\(FileManager.default.currentDirectoryPath)"]
        if let p = options.partition { args.append("--partition=\(p)") }
        if let a = options.account { args.append("--account=\(a)") }
        if let t = options.timeLimit { args.append("--time=\(t)") }
        args += options.extraOptions
        return try commands.submit(script: script.path, arguments: args)
    }

    /// "numbers[0…2], single".
    static func describe(_ nodes: [TaskNode]) -> String {
        var byStage: [(String, [TaskID])] = []
        for n in nodes {
            if let i = byStage.firstIndex(where: { $0.0 == n.id.stage }) { byStage[i].1.append(n.id) } else { byStage.append((n.id.stage, [n.id])) }
        }
        return byStage.map { stage, ids in
            ids.count == 1 ? ids[0].description : "\(stage) (\(ids.count) tasks)"
        }.joined(separator: ", ")
    }
}
