/// The fixed metadata record stored with every cache entry, and the per-task record of the
/// last definition used (kept per profile so `status` can say what changed).
import Foundation

/// One output file of an entry.
public struct FileRecord: Codable, Sendable, Hashable {
    /// Path relative to the entry's `files/` directory.
    public var name: String
    public var bytes: Int
    public var sha256: String
    /// Modification time in nanoseconds since 1970, used by the quick check.
    public var mtimeNanoseconds: Int64
    /// Status-change time at commit (nil in entries written before it was recorded): moves on
    /// any write or `touch`, so the quick check sees edits that put the mtime back.
    public var ctimeNanoseconds: Int64?
}

/// An input as recorded: which task fed it and under which key.
public struct InputRecord: Codable, Sendable, Hashable {
    public var task: String
    public var key: String
}

/// `metadata.json` of a cache entry.
public struct EntryMetadata: Codable, Sendable {
    public var key: String
    public var kind: String
    public var version: Int
    public var taskID: String
    public var inputs: [String: [InputRecord]]
    public var parameters: [String: ParameterValue]
    public var seed: UInt64
    /// Wall-clock seconds the task function took.
    public var seconds: Double
    /// Total bytes of the output files.
    public var bytes: Int
    /// `swift --version` of the toolchain that built the producing binary.
    public var toolchain: String
    public var warnings: [String]
    public var files: [FileRecord]
    /// ISO 8601 time of completion.
    public var created: String
    public var host: String
    /// Threads the task was given, so core-seconds can be summed honestly whatever ran it
    /// (a Slurm node or this machine). Absent in entries of older versions.
    public var threads: Int?
    /// The kind's `codeFingerprint` when the entry was computed. Absent in older entries.
    public var codeFingerprint: String?

    /// True when the entry was computed by other code than `kind`'s current fingerprint says
    /// (unknown fingerprints, on either side, are not a change).
    public func codeChanged(for kind: StageKind) -> Bool {
        guard let then = codeFingerprint, let now = kind.codeFingerprint else { return false }
        return then != now
    }
}

/// The definition a task id was last checked or run with (per profile), for explaining staleness.
public struct TaskRecord: Codable, Sendable, Equatable {
    public var key: String
    public var kind: String
    public var version: Int
    public var parameters: [String: ParameterValue]
    public var inputs: [String: [InputRecord]]
    public var seed: UInt64

    public init(node: TaskNode, graph: TaskGraph) {
        key = node.key
        kind = node.kind.name
        version = node.kind.version
        parameters = node.parameters.values
        inputs = node.inputs.mapValues { $0.map { InputRecord(task: $0.description, key: graph.task($0)!.key) } }
        seed = node.seed
    }
}
