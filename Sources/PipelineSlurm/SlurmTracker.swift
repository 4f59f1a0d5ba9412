/// The Slurm driver's bookkeeping over the shared `Plan`: which selected tasks are done, which
/// still have to run, which failed for good, and which are ready (every input done). No Slurm.
import Foundation
import Pipeline

struct SlurmTracker {
    /// Selected tasks, topologically sorted.
    let nodes: [TaskNode]
    private(set) var done: Set<TaskID> = []
    /// Out of date and neither done nor failed (those whose inputs failed stay here: skipped).
    private(set) var pending: Set<TaskID> = []
    private(set) var failures: [TaskFailure] = []
    /// Consecutive polls an element was missing from the queue without an exit status.
    var vanishedPolls: [String: Int] = [:]

    /// Starts from the shared plan: its cached tasks are done, the others pending.
    init(plan: Plan, graph: TaskGraph) {
        nodes = plan.statuses.map { graph.task($0.id)! }
        for s in plan.statuses {
            if s.state == .done { done.insert(s.id) } else { pending.insert(s.id) }
        }
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
