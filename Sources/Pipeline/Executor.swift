/// Execution: take the shared `Plan`, then run its out-of-date tasks in parallel as their inputs
/// complete, within a worker budget (a task may reserve several workers).
/// Determinism does not depend on the schedule: a task sees only its inputs and its own seed.
/// `Executor` is the seam for other back-ends (e.g. Slurm), which run single tasks with
/// `LocalExecutor.runTask(key:graph:store:options:)` in separate processes.
import Foundation

/// Options of a run.
public struct ExecutionOptions: Sendable {
    /// Worker budget (default: all cores).
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// How to check cached entries (inputs of tasks that run are always hashed).
    public var verify: VerifyMode = .quick
    public var progress: ProgressStyle = .automatic
    /// Receives complete log lines (default: stderr).
    public var log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    /// Set by signals or callers to stop cleanly.
    public var cancellation = CancellationToken()
    /// When set, exported files go here (usually `results/<profile>`).
    public var exportDirectory: URL?
    /// Toolchain recorded in metadata; nil = `swift --version` (run once, only if a task runs).
    public var toolchain: String?
    /// Restrict the run to these tasks and their upstream; nil = all.
    public var targets: [TaskID]?
    /// Stages whose selected tasks are recomputed even when their entries are intact (planned
    /// stale, "rerun requested"). Their dependents keep their entries: the keys did not change.
    public var rerun: Set<String> = []

    public init() {}
}

/// Something that brings a task graph up to date in a store.
public protocol Executor {
    func run(graph: TaskGraph, store: Store, options: ExecutionOptions) -> RunSummary
}

/// Runs tasks on this machine with threads.
public struct LocalExecutor: Executor {
    public init() {}

    /// Runs the single task with cache key `key` in this process (for batch-system workers).
    /// Its inputs must already be in the store. Throws when the key is not in the graph.
    public static func runTask(key: String, graph: TaskGraph, store: Store, options: ExecutionOptions = .init()) throws -> TaskOutcome {
        guard let node = graph.task(key: key) else { throw StoreError("no task with key \(key) in profile \(graph.profile ?? "base")") }
        return TaskRunner(graph: graph, store: store, options: options, board: nil).execute(node).0
    }

    /// Brings every selected task up to date; see `RunSummary`.
    public func run(graph: TaskGraph, store: Store, options: ExecutionOptions = .init()) -> RunSummary {
        let start = now()
        for name in store.removeOrphans() { options.log("removed orphaned temporary entry tmp/\(name) (its process is gone)") }
        let plan = Plan.make(graph: graph, store: store, verify: options.verify, targets: options.targets, rerun: options.rerun)
        var ledger = RunLedger(plan: plan, graph: graph, store: store, log: options.log)
        let nodes = plan.toRun.map { graph.task($0)! }
        let costs = Dictionary(uniqueKeysWithValues: nodes.map { node in
            (node.id, max(0, node.kind.cost(node.parameters, node.inputs.mapValues { $0.compactMap { graph.task($0)?.parameters } })))
        })
        let board = ProgressBoard(costs: costs, style: options.progress, log: options.log)
        board.start()
        let outcomes = schedule(nodes, graph: graph, store: store, options: options, board: board)
        board.stop()
        for node in nodes {
            let (outcome, meta) = outcomes[node.id] ?? (.cancelled, nil)
            ledger.record(node.id, outcome, meta)
        }
        return ledger.finish(graph: graph, store: store, options: options, start: start)
    }

    /// Runs `nodes` (topologically sorted) as their inputs complete, within the worker budget.
    private func schedule(_ nodes: [TaskNode], graph: TaskGraph, store: Store, options: ExecutionOptions,
                          board: ProgressBoard) -> [TaskID: (TaskOutcome, EntryMetadata?)] {
        enum Phase { case pending, running, finished, failed }
        let runner = TaskRunner(graph: graph, store: store, options: options, board: board)
        let budget = max(1, options.workers)
        let cond = NSCondition()
        var phase = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, Phase.pending) })
        var outcomes: [TaskID: (TaskOutcome, EntryMetadata?)] = [:]
        var free = budget
        var running = 0
        let box = UncheckedBox()

        cond.lock()
        while true {
            // Skip tasks whose inputs failed; launch tasks whose inputs are all ready.
            for node in nodes where phase[node.id] == .pending {
                let ups = node.inputs.values.joined()
                if ups.contains(where: { phase[$0] == .failed }) { phase[node.id] = .failed; continue }
                guard !options.cancellation.isCancelled,
                      ups.allSatisfy({ phase[$0] == nil || phase[$0] == .finished }) else { continue }
                let slots = min(node.threads, budget)
                guard free >= slots else { continue }
                free -= slots
                running += 1
                phase[node.id] = .running
                let t = Thread {
                    let result = runner.execute(node)
                    switch result.0 {
                    case .ran(let s): board.print(String(format: "done %@ in %.2f s", node.id.description, s))
                    case .failed(let m): board.print("FAILED \(node.id): \(m)")
                    case .cancelled: board.print("interrupted \(node.id)")
                    case .cached: board.print("cached \(node.id) (computed by another process)")
                    }
                    cond.lock()
                    box.results[node.id] = result
                    switch result.0 {
                    case .ran, .cached: box.phases[node.id] = .finished
                    case .failed, .cancelled: box.phases[node.id] = .failed
                    }
                    box.slots += slots
                    cond.signal()
                    cond.unlock()
                }
                t.stackSize = 16 << 20
                t.start()
            }
            if running == 0 { break }
            cond.wait()
            // Collect finished tasks (under the lock).
            for (id, r) in box.results { outcomes[id] = r; phase[id] = box.phases[id] == .finished ? .finished : .failed; running -= 1 }
            box.results.removeAll()
            box.phases.removeAll()
            free += box.slots
            box.slots = 0
        }
        cond.unlock()
        return outcomes
    }
}

/// Results handed from worker threads to the scheduler; guarded by the scheduler's condition.
private final class UncheckedBox: @unchecked Sendable {
    var results: [TaskID: (TaskOutcome, EntryMetadata?)] = [:]
    var phases: [TaskID: PhaseTag] = [:]
    var slots = 0
    enum PhaseTag { case finished, failed }
}
