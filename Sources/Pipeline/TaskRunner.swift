/// Runs one task in this process: under the key's lock, re-check the entry (another process may
/// have finished it), verify the inputs' checksums, call the stage function in a temporary
/// directory, and commit atomically. Shared by the local executor and `runTask(key:)`, the entry
/// point a batch-system executor calls in a separate process.
import Foundation

/// What happened to a task.
public enum TaskOutcome: Sendable, Equatable {
    case ran(seconds: Double)
    case cached
    case failed(String)
    case cancelled
}

/// Facts about this process's machine and toolchain, computed once.
public enum Toolchain {
    /// Host name from gethostname (no DNS lookup, unlike ProcessInfo.hostName).
    public static let host: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        return gethostname(&buffer, buffer.count) == 0 ? String(cString: buffer) : "unknown"
    }()
}

/// `swift --version`, computed once per process and only when a task actually runs.
extension Toolchain {
    public static let version: String = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["swift", "--version"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return "unknown" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.components(separatedBy: "\n").first ?? "unknown"
    }()
}

struct TaskRunner {
    let graph: TaskGraph
    let store: Store
    let options: ExecutionOptions
    let board: ProgressBoard?

    /// Runs `node` unless an intact entry exists; returns the outcome and the entry's metadata.
    /// Under the key's lock the entry is hashed in full (the plan may have found it corrupt
    /// where the quick check sees nothing), and so are the inputs: they are about to be read.
    func execute(_ node: TaskNode) -> (TaskOutcome, EntryMetadata?) {
        let log = board.map { b in { (s: String) in b.print(s) } } ?? options.log
        do {
            let wait = { log("waiting for \(node.id): another process is computing it") }
            return try store.withLock(node.key, onWait: wait) { () -> (TaskOutcome, EntryMetadata?) in
                // A requested rerun recomputes an intact entry (commit replaces it).
                if !options.rerun.contains(node.id.stage), case .intact(let meta) = store.check(node.key, mode: .full) {
                    try? store.saveRecord(TaskRecord(node: node, graph: graph), profile: graph.profile, task: node.id)
                    return (.cached, meta)
                }
                var inputs: [String: [InputArtifact]] = [:]
                for (name, ids) in node.inputs {
                    inputs[name] = try ids.map { id in
                        let up = graph.task(id)!
                        switch store.check(up.key, mode: .full) {
                        case .intact(let meta):
                            return InputArtifact(task: id, key: up.key, directory: store.filesDirectory(up.key), metadata: meta)
                        case .missing: throw StoreError("input \(id) is missing")
                        case .corrupt(let why): throw StoreError("input \(id) is corrupt (\(why)); run again to recompute it")
                        }
                    }
                }
                return try run(node, inputs: inputs)
            }
        } catch {
            return (.failed(String(describing: error)), nil)
        }
    }

    private func run(_ node: TaskNode, inputs: [String: [InputArtifact]]) throws -> (TaskOutcome, EntryMetadata?) {
        if options.cancellation.isCancelled { return (.cancelled, nil) }
        let pending = try store.beginEntry(node.key)
        let scratch = store.scratchDirectory(node.key)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let board = self.board
        let context = TaskContext(id: node.id, kind: node.kind.name, parameters: node.parameters, inputs: inputs,
                                  seed: node.seed, globalSeed: graph.globalSeed, replica: node.replica,
                                  threads: min(node.threads, max(1, options.workers)),
                                  outputDirectory: pending.appendingPathComponent("files"), scratchDirectory: scratch,
                                  cancellation: options.cancellation,
                                  onProgress: { id, done, total, unit in board?.update(id, done: done, total: total, unit: unit) },
                                  onResumed: { id, amount in board?.resumed(id, amount) })
        board?.taskStarted(node.id)
        defer { board?.taskEnded(node.id) }
        let start = now()
        do {
            try node.kind.run(context)
        } catch {
            try? FileManager.default.removeItem(at: pending)  // scratch (checkpoints) is kept
            if error is TaskCancelled || options.cancellation.isCancelled { return (.cancelled, nil) }
            return (.failed(String(describing: error)), nil)
        }
        let seconds = now() - start
        let toolchain = options.toolchain ?? Toolchain.version
        let record = TaskRecord(node: node, graph: graph)
        let meta = try store.commit(pending, key: node.key) { files in
            EntryMetadata(key: node.key, kind: node.kind.name, version: node.kind.version, taskID: node.id.description,
                          inputs: record.inputs, parameters: node.parameters.values, seed: node.seed, seconds: seconds,
                          bytes: files.reduce(0) { $0 + $1.bytes }, toolchain: toolchain, warnings: context.warnings,
                          files: files, created: ISO8601DateFormatter().string(from: Date()), host: Toolchain.host,
                          threads: context.threads, codeFingerprint: node.kind.codeFingerprint)
        }
        try? FileManager.default.removeItem(at: scratch)
        try? store.saveRecord(record, profile: graph.profile, task: node.id)
        return (.ran(seconds: seconds), meta)
    }
}
