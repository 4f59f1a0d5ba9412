/// `repro status`: every task as done / stale / missing with reasons, from the same `Plan` a run
/// makes, so it says what the run will do. Quick by default (metadata, sizes, mtimes and ctimes),
/// but like a run it hashes the cached inputs of every task that will run.
import Foundation

public enum Status {
    /// Status of every task in topological order: the plan of a run over the whole graph.
    public static func evaluate(graph: TaskGraph, store: Store, mode: VerifyMode = .quick) -> [TaskStatus] {
        Plan.make(graph: graph, store: store, verify: mode).statuses
    }

    /// One line per task ("stale    equilibrate[3]  temperature changed 0.45 → 0.4") and a count line.
    public static func render(_ statuses: [TaskStatus]) -> String {
        let width = statuses.map { $0.id.description.count }.max() ?? 0
        var lines = statuses.map { s in
            let id = s.id.description.padding(toLength: width, withPad: " ", startingAt: 0)
            let reasons = s.reasons.isEmpty ? "" : "  " + s.reasons.joined(separator: "; ")
            return "\(s.state.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)) \(id)\(reasons)"
        }
        let count = { (st: TaskState) in statuses.filter { $0.state == st }.count }
        lines.append("\(statuses.count) tasks: \(count(.done)) done, \(count(.stale)) stale, \(count(.missing)) missing")
        return lines.joined(separator: "\n")
    }
}
