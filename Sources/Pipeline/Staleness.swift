/// "Is this task out of date?" — one short chain of named checks, the first step of the shared
/// `Plan` (used by `status` and every executor), so that every rerun has a reason.
///
/// Order: the entry for the current key is intact → done. Otherwise the entry is corrupt →
/// stale; or it is missing, and the task's last record (per profile) explains why the key moved:
/// algorithm version, parameters, inputs, seed. With no record the task was never run, or was
/// interrupted if its scratch directory holds checkpoints.
import Foundation

/// Outcome of the staleness chain.
public enum TaskState: String, Sendable, Codable {
    case done, stale, missing
}

/// State of one task with printable reasons.
public struct TaskStatus: Sendable {
    public var id: TaskID
    public var key: String
    public var state: TaskState
    public var reasons: [String]
    /// Metadata of the intact entry when `state == .done`.
    public var metadata: EntryMetadata?
}

/// One named check comparing the last record with the current definition.
public struct StalenessCheck: Sendable {
    public var name: String
    public var reasons: @Sendable (_ record: TaskRecord, _ current: TaskRecord) -> [String]
}

public enum Staleness {
    /// Checks that explain a changed key, in order.
    public static let checks: [StalenessCheck] = [
        StalenessCheck(name: "kind") { r, c in r.kind == c.kind ? [] : ["stage kind changed \(r.kind) → \(c.kind)"] },
        StalenessCheck(name: "version") { r, c in
            r.version == c.version ? [] : ["algorithm version of \(c.kind) changed \(r.version) → \(c.version)"]
        },
        StalenessCheck(name: "parameters") { r, c in
            diff(r.parameters, c.parameters, prefix: "")
        },
        StalenessCheck(name: "inputs") { r, c in
            var out: [String] = []
            for name in Set(r.inputs.keys).union(c.inputs.keys).sorted() {
                let old = r.inputs[name] ?? [], new = c.inputs[name] ?? []
                let oldByTask = Dictionary(old.map { ($0.task, $0.key) }, uniquingKeysWith: { a, _ in a })
                if old.map(\.task) != new.map(\.task) {
                    out.append("input \(name) now reads \(new.map(\.task).joined(separator: ", ")) (was \(old.map(\.task).joined(separator: ", ")))")
                }
                for n in new where oldByTask[n.task] != nil && oldByTask[n.task] != n.key { out.append("input \(n.task) changed") }
            }
            return out
        },
        StalenessCheck(name: "seed") { r, c in r.seed == c.seed ? [] : ["seed changed"] },
    ]

    /// Runs the chain for one task.
    public static func evaluate(_ node: TaskNode, graph: TaskGraph, store: Store, mode: VerifyMode = .quick) -> TaskStatus {
        switch store.check(node.key, mode: mode) {
        case .intact(let meta):
            return TaskStatus(id: node.id, key: node.key, state: .done, reasons: [], metadata: meta)
        case .corrupt(let why):
            return TaskStatus(id: node.id, key: node.key, state: .stale, reasons: ["corrupt entry: \(why)"])
        case .missing:
            guard let record = store.record(profile: graph.profile, task: node.id) else {
                let interrupted = store.hasCheckpoints(node.key)
                return TaskStatus(id: node.id, key: node.key, state: .missing,
                                  reasons: [interrupted ? "interrupted; resumes from its checkpoints" : "never run"])
            }
            if record.key == node.key {
                return TaskStatus(id: node.id, key: node.key, state: .missing, reasons: ["entry missing from the cache"])
            }
            let current = TaskRecord(node: node, graph: graph)
            var reasons = checks.flatMap { $0.reasons(record, current) }
            if reasons.isEmpty { reasons = ["cache key changed"] }
            return TaskStatus(id: node.id, key: node.key, state: .stale, reasons: reasons)
        }
    }

    /// "temperature changed 0.45 → 0.4", recursing into tables; numbers compare by value.
    static func diff(_ old: [String: ParameterValue], _ new: [String: ParameterValue], prefix: String) -> [String] {
        var out: [String] = []
        for k in Set(old.keys).union(new.keys).sorted() {
            let name = prefix + k
            switch (old[k], new[k]) {
            case let (a?, b?):
                if case .table(let ta) = a, case .table(let tb) = b {
                    out += diff(ta, tb, prefix: name + ".")
                } else if !sameValue(a, b) {
                    // Stored JSON may turn 10.0 into 10: show the old number in the new one's type.
                    let shown: ParameterValue = if case .int(let i) = a, case .double = b { .double(Double(i)) } else { a }
                    out.append("\(name) changed \(shown) → \(b)")
                }
            case let (nil, b?): out.append("\(name) added (\(b))")
            case let (a?, nil): out.append("\(name) removed (was \(a))")
            default: break
            }
        }
        return out
    }
}
