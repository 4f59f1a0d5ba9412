/// The end-of-run summary: tasks run, cached, failed (with errors), skipped, time per stage.
/// Every executor builds it the same way, from the plan, with `RunLedger`.
import Foundation

/// A task that failed, with its error.
public struct TaskFailure: Sendable, CustomStringConvertible {
    public var id: TaskID
    public var message: String
    public var description: String { "\(id): \(message)" }
    public init(id: TaskID, message: String) {
        self.id = id
        self.message = message
    }
}

/// What a run did; the task lists are in topological order.
public struct RunSummary: Sendable, CustomStringConvertible {
    public var ran: [TaskID] = []
    public var cached: [TaskID] = []
    public var failed: [TaskFailure] = []
    /// Not run because an input failed or the run was interrupted first.
    public var skipped: [TaskID] = []
    public var cancelled = false
    /// Why each task that ran was out of date.
    public var reasons: [TaskID: [String]] = [:]
    public var wallSeconds = 0.0
    /// Seconds spent in each stage's tasks during this run.
    public var secondsPerStage: [String: Double] = [:]
    /// Seconds each stage took when its entries were computed (from metadata; includes cached tasks).
    public var recordedSecondsPerStage: [String: Double] = [:]
    /// Core-seconds per stage: each entry's seconds × the threads it was given (wherever it ran,
    /// this machine or a Slurm node). Entries older than that record count this machine's cores.
    public var recordedCoreSecondsPerStage: [String: Double] = [:]
    /// Problems while exporting results.
    public var exportErrors: [String] = []

    public init() {}

    /// True when every selected task is done.
    public var succeeded: Bool { failed.isEmpty && skipped.isEmpty && !cancelled && exportErrors.isEmpty }

    public var description: String {
        var lines = [String(format: "%d run, %d cached, %d failed, %d skipped in %.2f s%@",
                            ran.count, cached.count, failed.count, skipped.count, wallSeconds, cancelled ? " (interrupted)" : "")]
        for stage in secondsPerStage.keys.sorted() {
            lines.append(String(format: "  %@: %.2f s", stage, secondsPerStage[stage]!))
        }
        for f in failed { lines.append("  FAILED \(f)") }
        for e in exportErrors { lines.append("  export: \(e)") }
        if cancelled { lines.append("  interrupted: finished entries and checkpoints are kept; run again to continue") }
        return lines.joined(separator: "\n")
    }
}

/// Builds a run's summary the same way for every executor: it starts from the plan (cached tasks,
/// reasons of the others), files each task's outcome, and closes with stage times, exports and
/// the wall time.
public struct RunLedger {
    let plan: Plan
    private(set) var summary = RunSummary()
    /// Metadata of every entry the run ends with (cached or computed), for exports and stage times.
    private(set) var metadata: [TaskID: EntryMetadata] = [:]

    /// Records the definitions of cached tasks (later changes are explained against them) and
    /// logs why the others run.
    public init(plan: Plan, graph: TaskGraph, store: Store, log: (String) -> Void) {
        self.plan = plan
        for s in plan.statuses {
            if s.state == .done {
                summary.cached.append(s.id)
                metadata[s.id] = s.metadata
                try? store.saveRecord(TaskRecord(node: graph.task(s.id)!, graph: graph), profile: graph.profile, task: s.id)
            } else {
                summary.reasons[s.id] = s.reasons
            }
        }
        for line in plan.reasonLines { log("run \(line)") }
    }

    /// Files the outcome of a task the plan said to run (`.cancelled`: skipped).
    public mutating func record(_ id: TaskID, _ outcome: TaskOutcome, _ meta: EntryMetadata?) {
        switch outcome {
        case .ran(let seconds):
            summary.ran.append(id)
            summary.secondsPerStage[id.stage, default: 0] += seconds
        case .cached: summary.cached.append(id)
        case .failed(let message): summary.failed.append(TaskFailure(id: id, message: message))
        case .cancelled: summary.skipped.append(id)
        }
        if let meta { metadata[id] = meta }
    }

    /// Orders the lists, sums recorded stage times, exports, and logs the summary.
    public mutating func finish(graph: TaskGraph, store: Store, options: ExecutionOptions, start: Double) -> RunSummary {
        let plan = self.plan
        summary.ran.sort { plan.order($0) < plan.order($1) }
        summary.cached.sort { plan.order($0) < plan.order($1) }
        summary.skipped.sort { plan.order($0) < plan.order($1) }
        summary.failed.sort { plan.order($0.id) < plan.order($1.id) }
        summary.cancelled = options.cancellation.isCancelled
        let cores = ProcessInfo.processInfo.activeProcessorCount
        for (id, meta) in metadata {
            summary.recordedSecondsPerStage[id.stage, default: 0] += meta.seconds
            summary.recordedCoreSecondsPerStage[id.stage, default: 0] += meta.seconds * Double(meta.threads ?? cores)
        }
        if let dir = options.exportDirectory {
            // A run restricted to some targets does not know what the others export: prune nothing.
            summary.exportErrors = Exporter.export(graph: graph, store: store, metadata: metadata, to: dir,
                                                   prune: options.targets == nil, log: options.log)
        }
        summary.wallSeconds = now() - start
        options.log(summary.description)
        return summary
    }
}
