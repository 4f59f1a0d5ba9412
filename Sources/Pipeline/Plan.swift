/// The one plan of a run, shared by `repro status`, the local executor and the Slurm executor so
/// that they never disagree: each selected task's state and reasons from the staleness chain,
/// then the cached inputs of every task that will run hashed in full (a task reads its inputs);
/// a corrupt or vanished input is planned to run first. Executors differ only in how they run
/// the tasks the plan marks, and build their summary from it (`RunLedger`).
import Foundation

public struct Plan: Sendable {
    /// Every selected task in topological order; `state != .done` means it will run.
    public private(set) var statuses: [TaskStatus] = []
    private var position: [TaskID: Int] = [:]

    /// Plans `targets` and everything upstream of them (nil: the whole graph). `verify` is how
    /// cached entries are checked; the inputs of tasks that will run are always hashed. Done
    /// tasks of the `rerun` stages are planned stale ("rerun requested").
    public static func make(graph: TaskGraph, store: Store, verify: VerifyMode = .quick, targets: [TaskID]? = nil,
                            rerun: Set<String> = []) -> Plan {
        var plan = Plan()
        let selected = selection(graph, targets)
        for node in graph.tasks where selected.contains(node.id) {
            var status = Staleness.evaluate(node, graph: graph, store: store, mode: verify)
            if status.state == .done, rerun.contains(node.id.stage) {
                status.state = .stale
                status.reasons = [Self.rerunReason]
                status.metadata = nil
            }
            if status.state == .done, status.metadata?.codeChanged(for: node.kind) == true {
                status.reasons = [Self.codeChangedNote(stage: node.id.stage)]  // still done: the cache key did not move
            }
            plan.position[node.id] = plan.statuses.count
            plan.statuses.append(status)
        }
        // A full check already hashed every done entry; do not hash an input twice.
        var hashed = Set(verify == .full ? plan.statuses.filter { $0.state == .done }.map(\.key) : [])
        var queue = plan.toRun
        while let id = queue.popLast() {
            for up in graph.task(id)!.inputs.values.joined() {
                guard let i = plan.position[up], plan.statuses[i].state == .done,
                      hashed.insert(plan.statuses[i].key).inserted else { continue }
                switch store.check(plan.statuses[i].key, mode: .full) {
                case .intact: continue
                case .corrupt(let why): plan.statuses[i].state = .stale; plan.statuses[i].reasons = ["corrupt entry: \(why)"]
                case .missing: plan.statuses[i].state = .missing; plan.statuses[i].reasons = ["entry missing from the cache"]
                }
                plan.statuses[i].metadata = nil
                queue.append(up)
            }
        }
        return plan
    }

    static let rerunReason = "rerun requested"

    /// Said of a done task whose entry was computed by other code than this build's.
    static func codeChangedNote(stage: String) -> String {
        "code changed since this result; version unchanged (repro report --rerun \(stage) recomputes it)"
    }

    /// The targets and everything upstream of them (nil: every task).
    public static func selection(_ graph: TaskGraph, _ targets: [TaskID]?) -> Set<TaskID> {
        guard let targets else { return Set(graph.tasks.map(\.id)) }
        var out: Set<TaskID> = []
        var stack = targets.filter { graph.task($0) != nil }
        while let id = stack.popLast() {
            if out.insert(id).inserted { stack += graph.task(id)!.inputs.values.joined() }
        }
        return out
    }

    public subscript(id: TaskID) -> TaskStatus? { position[id].map { statuses[$0] } }

    /// Tasks that will run, in topological order.
    public var toRun: [TaskID] { statuses.filter { $0.state != .done }.map(\.id) }
    /// Tasks whose intact entry is used as is, in topological order.
    public var cached: [TaskID] { statuses.filter { $0.state == .done }.map(\.id) }

    /// Where `id` comes in topological order (for sorting a summary's lists).
    func order(_ id: TaskID) -> Int { position[id] ?? Int.max }

    /// One line per stage and reason, "equilibrate (10 tasks): never run", in topological order.
    public var reasonLines: [String] {
        var groups: [(stage: String, reason: String, ids: [TaskID])] = []
        for s in statuses where s.state != .done {
            let reason = s.reasons.joined(separator: "; ")
            if let i = groups.firstIndex(where: { $0.stage == s.id.stage && $0.reason == reason }) {
                groups[i].ids.append(s.id)
            } else {
                groups.append((s.id.stage, reason, [s.id]))
            }
        }
        return groups.map { "\($0.ids.count == 1 ? $0.ids[0].description : "\($0.stage) (\($0.ids.count) tasks)"): \($0.reason)" }
    }
}
