/// The Slurm driver's view of the graph: which selected tasks are done, which still have to run,
/// which failed for good, and which are ready (every input done). Pure bookkeeping, no Slurm.
import Foundation

struct SlurmPlan {
    let graph: TaskGraph
    /// Selected tasks, topologically sorted.
    let nodes: [TaskNode]
    private(set) var done: Set<TaskID> = []
    /// Out of date and neither done nor failed (those whose inputs failed stay here: skipped).
    private(set) var pending: Set<TaskID> = []
    private(set) var failures: [TaskFailure] = []
    /// Entries intact before the run.
    var cachedMetadata: [TaskID: EntryMetadata] = [:]
    var reasons: [TaskID: [String]] = [:]
    /// Consecutive polls an element was missing from the queue without an exit status.
    var vanishedPolls: [String: Int] = [:]

    /// Plans with the staleness chain, like `LocalExecutor`: the cached inputs of tasks that will
    /// run are hashed, and a corrupt or missing one is run again first.
    static func make(nodes: [TaskNode], graph: TaskGraph, store: Store, verify: VerifyMode) -> SlurmPlan {
        var plan = SlurmPlan(graph: graph, nodes: nodes)
        var statuses: [TaskID: TaskStatus] = [:]
        for node in nodes { statuses[node.id] = Staleness.evaluate(node, graph: graph, store: store, mode: verify) }
        var toRun = Set(statuses.values.filter { $0.state != .done }.map(\.id))
        var checked: Set<TaskID> = []
        var queue = Array(toRun)
        while let id = queue.popLast() {
            for up in graph.task(id)!.inputs.values.joined() where !toRun.contains(up) && checked.insert(up).inserted {
                switch store.check(graph.task(up)!.key, mode: .full) {
                case .intact: break
                case .corrupt(let why): statuses[up]!.reasons = ["corrupt entry: \(why)"]; toRun.insert(up); queue.append(up)
                case .missing: statuses[up]!.reasons = ["entry missing from the cache"]; toRun.insert(up); queue.append(up)
                }
            }
        }
        for node in nodes {
            if toRun.contains(node.id) {
                plan.pending.insert(node.id)
                plan.reasons[node.id] = statuses[node.id]!.reasons
            } else {
                plan.done.insert(node.id)
                plan.cachedMetadata[node.id] = statuses[node.id]!.metadata
            }
        }
        return plan
    }

    mutating func finish(_ id: TaskID) { pending.remove(id); done.insert(id) }

    mutating func fail(_ id: TaskID, _ message: String) {
        pending.remove(id)
        failures.append(TaskFailure(id: id, message: message))
    }

    /// Pending tasks with no submission in flight whose inputs are all done.
    func ready(state: SlurmState) -> [TaskNode] {
        nodes.filter { n in
            pending.contains(n.id) && state.submissions[n.key]?.job == nil
                && n.inputs.values.joined().allSatisfy { done.contains($0) }  // the selection holds every input
        }
    }

    /// Pending tasks with a submission in flight.
    func inFlight(state: SlurmState) -> [TaskNode] {
        nodes.filter { pending.contains($0.id) && state.submissions[$0.key]?.job != nil }
    }

    /// "run equilibrate (10 tasks): never run" — one line per stage and reason.
    func groupedReasons() -> [String] {
        var groups: [(stage: String, reason: String, ids: [TaskID])] = []
        for node in nodes where pending.contains(node.id) {
            let reason = (reasons[node.id] ?? []).joined(separator: "; ")
            if let i = groups.firstIndex(where: { $0.stage == node.id.stage && $0.reason == reason }) {
                groups[i].ids.append(node.id)
            } else {
                groups.append((node.id.stage, reason, [node.id]))
            }
        }
        return groups.map { "\($0.ids.count == 1 ? $0.ids[0].description : "\($0.stage) (\($0.ids.count) tasks)"): \($0.reason)" }
    }

    /// "5/12 done, 2 running, 3 queued, 2 waiting, 0 failed".
    func progressLine(queue: [String: String], state: SlurmState) -> String {
        var running = 0, queued = 0
        for n in inFlight(state: state) {
            if queue[state.submissions[n.key]!.job!] == "RUNNING" { running += 1 } else { queued += 1 }
        }
        let waiting = pending.count - running - queued
        return "\(done.count)/\(nodes.count) done, \(running) running, \(queued) queued, \(waiting) waiting, \(failures.count) failed"
    }
}
