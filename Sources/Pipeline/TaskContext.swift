/// What a stage function receives: its parameters, inputs (verified entries of upstream tasks),
/// its seed, where to write outputs and checkpoints, and hooks for progress, warnings and
/// cancellation. Nothing in it depends on run order.
import Foundation

/// A finished upstream entry feeding an input.
public struct InputArtifact: Sendable {
    public let task: TaskID
    public let key: String
    /// Directory holding the entry's files.
    public let directory: URL
    public let metadata: EntryMetadata

    /// URL of one of the entry's files.
    public func url(_ file: String) -> URL { directory.appendingPathComponent(file) }
    public var files: [String] { metadata.files.map(\.name) }
    public var parameters: Parameters { Parameters(metadata.parameters) }
}

/// Thrown by `TaskContext.checkCancellation()`; the executor treats it as an interruption.
public struct TaskCancelled: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "cancelled" }
}

/// The execution context of one task.
public final class TaskContext: @unchecked Sendable {
    public let id: TaskID
    public let kind: String
    public let parameters: Parameters
    /// Named inputs, each a list of upstream entries in index order.
    public let inputs: [String: [InputArtifact]]
    /// Derived from the global seed and `id` (see `TaskGraph.seed`).
    public let seed: UInt64
    public let globalSeed: UInt64
    /// Index among the tasks of the task's element (`TaskNode.replica`): the configuration index
    /// of a replica; nil for a single task.
    public let replica: Int?
    /// Workers reserved for this task (its kind's `threads`, capped by the executor's budget).
    public let threads: Int
    /// Write the task's output files here (it becomes the entry's `files/`).
    public let outputDirectory: URL
    /// Persistent across interruptions; removed once the task completes. For checkpoints.
    public let scratchDirectory: URL
    private let cancellation: CancellationToken
    private let onProgress: @Sendable (TaskID, Double, Double, String) -> Void
    private let onResumed: @Sendable (TaskID, Double) -> Void
    private let lock = NSLock()
    private var _warnings: [String] = []

    init(id: TaskID, kind: String, parameters: Parameters, inputs: [String: [InputArtifact]], seed: UInt64, globalSeed: UInt64, replica: Int? = nil, threads: Int,
         outputDirectory: URL, scratchDirectory: URL, cancellation: CancellationToken,
         onProgress: @escaping @Sendable (TaskID, Double, Double, String) -> Void,
         onResumed: @escaping @Sendable (TaskID, Double) -> Void = { _, _ in }) {
        self.id = id
        self.kind = kind
        self.parameters = parameters
        self.inputs = inputs
        self.seed = seed
        self.globalSeed = globalSeed
        self.replica = replica
        self.threads = threads
        self.outputDirectory = outputDirectory
        self.scratchDirectory = scratchDirectory
        self.cancellation = cancellation
        self.onProgress = onProgress
        self.onResumed = onResumed
    }

    /// The single entry of input `name` (precondition: exactly one).
    public func input(_ name: String) -> InputArtifact {
        guard let list = inputs[name], list.count == 1 else {
            preconditionFailure("input '\(name)' of \(id) has \(inputs[name]?.count ?? 0) entries, expected 1")
        }
        return list[0]
    }

    /// URL for an output file.
    public func output(_ file: String) -> URL { outputDirectory.appendingPathComponent(file) }

    /// Reports progress, e.g. `progress(1200, of: 10000, unit: "sweeps")`.
    public func progress(_ done: Double, of total: Double, unit: String = "") {
        onProgress(id, done, total, unit)
    }

    /// Says that `amount` of the progress reported (in the same unit) was loaded from a checkpoint
    /// rather than computed now; calls add up. Rates and time estimates leave it out.
    public func resumed(_ amount: Double) {
        onResumed(id, amount)
    }

    /// Records a warning in the entry's metadata and the run log.
    public func warn(_ message: String) {
        lock.lock(); _warnings.append(message); lock.unlock()
    }

    var warnings: [String] { lock.lock(); defer { lock.unlock() }; return _warnings }

    /// True once the run was interrupted; long tasks should checkpoint and throw `TaskCancelled`.
    public var isCancelled: Bool { cancellation.isCancelled }

    /// Throws `TaskCancelled` when the run was interrupted.
    public func checkCancellation() throws {
        if cancellation.isCancelled { throw TaskCancelled() }
    }
}
