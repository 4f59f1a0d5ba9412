/// `repro status`: every task as done / stale / missing with reasons, from the staleness chain.
/// Quick by default (metadata, sizes, mtimes and ctimes; no hashing of unchanged files) so it stays fast.
import Foundation

public enum Status {
    /// Status of every task in topological order.
    public static func evaluate(graph: TaskGraph, store: Store, mode: VerifyMode = .quick) -> [TaskStatus] {
        graph.tasks.map { Staleness.evaluate($0, graph: graph, store: store, mode: mode) }
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
