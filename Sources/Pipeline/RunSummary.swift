/// The end-of-run summary: tasks run, cached, failed (with errors), skipped, time per stage.
import Foundation

/// A task that failed, with its error.
public struct TaskFailure: Sendable, CustomStringConvertible {
    public var id: TaskID
    public var message: String
    public var description: String { "\(id): \(message)" }
}

/// What a run did.
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
    /// Problems while exporting results.
    public var exportErrors: [String] = []

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
