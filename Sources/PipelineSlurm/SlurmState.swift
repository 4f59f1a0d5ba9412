/// What the Slurm driver remembers between runs, kept in the cache (`slurm/state.json`): for each
/// task key still in flight, the array element it was submitted as and how often it failed or was
/// interrupted. A re-run reads it and asks Slurm about those jobs instead of resubmitting them.
import Foundation
import Pipeline

/// One task's submission history.
struct SlurmSubmission: Codable, Sendable, Equatable {
    /// Task id, for messages.
    var task: String
    /// Array element id ("123_4") of the latest submission; nil when waiting to be (re)submitted.
    var job: String?
    var failures = 0
    var interruptions = 0
    /// Log of the latest submission.
    var log: String?
}

/// The driver's state file, written atomically after every change.
struct SlurmState: Codable, Sendable {
    var submissions: [String: SlurmSubmission] = [:]

    static func load(_ url: URL) -> SlurmState {
        guard let data = FileManager.default.contents(atPath: url.path),
              let s = try? JSONDecoder().decode(SlurmState.self, from: data) else { return SlurmState() }
        return s
    }

    func save(_ url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}

/// The executor's directories under the cache root.
struct SlurmPaths: Sendable {
    let root: URL
    init(store: Store) { root = store.root.appendingPathComponent("slurm") }
    var state: URL { root.appendingPathComponent("state.json") }
    var lock: URL { root.appendingPathComponent("driver.lock") }
    var logs: URL { root.appendingPathComponent("logs") }
    var arrays: URL { root.appendingPathComponent("arrays") }
    var exits: URL { root.appendingPathComponent("exit") }
    /// Log of one array element (matches `--output=logs/%A_%a.out`).
    func log(_ element: String) -> URL { logs.appendingPathComponent("\(element).out") }
    /// Exit status written by `run-task` (see `SlurmBatchScript`).
    func exit(_ element: String) -> URL { exits.appendingPathComponent(element) }

    func create() throws {
        for d in [root, logs, arrays, exits] { try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true) }
    }
}
