/// Runs a task graph on a Slurm cluster. The driver submits every task whose inputs are done as
/// one element of a job array (grouped by CPUs), follows the elements with `squeue`, submits the
/// next wave as inputs complete, resubmits interrupted elements (they resume from their
/// checkpoints) and retries failed ones a bounded number of times. Every submission is recorded in
/// `<cache>/slurm/state.json` before the driver moves on, so the driver can stop at any time and a
/// re-run follows the jobs still queued instead of submitting them again. Results land in the
/// shared cache exactly as with `LocalExecutor`: each element runs `run-task --key K`.
import Foundation
import Pipeline

/// The Slurm back-end of `Executor`.
public struct SlurmExecutor: Executor {
    public var options: SlurmOptions

    public init(options: SlurmOptions) { self.options = options }

    /// Brings every selected task up to date through Slurm; see `RunSummary`. Tasks still queued
    /// when the run is cancelled keep running and appear as skipped.
    public func run(graph: TaskGraph, store: Store, options run: ExecutionOptions = .init()) -> RunSummary {
        let start = now()
        var summary = RunSummary()
        let paths = SlurmPaths(store: store)
        do {
            try paths.create()
            return try withDriverLock(paths, log: run.log) { try drive(graph: graph, store: store, paths: paths, run: run, start: start) }
        } catch {
            run.log("slurm: \(error)")
            summary.exportErrors = ["slurm executor: \(error)"]
            summary.wallSeconds = now() - start
            return summary
        }
    }

    /// One driver per cache: a second one waits (it would otherwise submit the same work twice).
    private func withDriverLock<T>(_ paths: SlurmPaths, log: (String) -> Void, _ body: () throws -> T) throws -> T {
        let fd = open(paths.lock.path, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw SlurmError("cannot open \(paths.lock.path): errno \(errno)") }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            log("slurm: another driver is following this cache; waiting for it to stop")
            while flock(fd, LOCK_EX) != 0 { guard errno == EINTR else { throw SlurmError("cannot lock \(paths.lock.path): errno \(errno)") } }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    private func drive(graph: TaskGraph, store: Store, paths: SlurmPaths, run: ExecutionOptions, start: Double) throws -> RunSummary {
        let plan = Plan.make(graph: graph, store: store, verify: run.verify, targets: run.targets, rerun: run.rerun)
        var ledger = RunLedger(plan: plan, graph: graph, store: store, log: run.log)
        var tracker = SlurmTracker(plan: plan, graph: graph)

        var state = SlurmState.load(paths.state)
        let follower = SlurmFollower(options: options, commands: SlurmCommands(directory: options.commandDirectory),
                                     graph: graph, store: store, paths: paths, log: run.log, rerun: run.rerun)
        let resumed = tracker.pending.filter { state.submissions[graph.task($0)!.key]?.job != nil }
        if !resumed.isEmpty { run.log("slurm: following \(resumed.count) task(s) submitted by an earlier run") }
        var lastProgress = ""
        var lastProgressTime = 0.0
        var failedPolls = 0
        // Poll quickly after a change (short tasks, next wave), slowing down to pollSeconds.
        let fastest = min(2, options.pollSeconds)
        var interval = fastest

        while true {
            // Follow what is in flight; a failing squeue is retried, never read as "finished".
            var queue: [String: String] = [:]
            do {
                queue = try follower.queueIfNeeded(tracker, state)
                failedPolls = 0
            } catch {
                failedPolls += 1
                run.log("slurm: \(error) (poll \(failedPolls); retrying)")
                if failedPolls >= 20 { throw error }
                if sleep(seconds: options.pollSeconds, cancellation: run.cancellation) { break }
                continue
            }
            follower.update(&tracker, &state, queue: queue, ledger: &ledger)
            if run.cancellation.isCancelled { break }
            // Submit the next wave.
            let ready = tracker.ready(state: state)
            if !ready.isEmpty { follower.submit(ready, &tracker, &state) }
            try state.save(paths.state)

            let line = tracker.progressLine(queue: queue, state: state)
            interval = line != lastProgress || !ready.isEmpty ? fastest : min(options.pollSeconds, interval * 1.5)
            if line != lastProgress || now() - lastProgressTime > 60 {
                run.log("slurm: \(line)")
                lastProgress = line
                lastProgressTime = now()
            }
            if tracker.inFlight(state: state).isEmpty && tracker.ready(state: state).isEmpty { break }
            if sleep(seconds: interval, cancellation: run.cancellation) { break }
        }
        try state.save(paths.state)

        for f in tracker.failures { ledger.record(f.id, .failed(f.message), nil) }
        for id in tracker.pending { ledger.record(id, .cancelled, nil) }  // skipped: an input failed, or interrupted
        if run.cancellation.isCancelled, !tracker.inFlight(state: state).isEmpty {
            run.log("slurm: \(tracker.inFlight(state: state).count) job(s) keep running; run again to follow them")
        }
        return ledger.finish(graph: graph, store: store, options: run, start: start)
    }

    /// Cancels (`scancel`) every job this cache's state file records as in flight, e.g. before
    /// changing the manifest; returns the element ids. Their checkpoints are kept.
    public static func cancelJobs(store: Store, options: SlurmOptions) throws -> [String] {
        let paths = SlurmPaths(store: store)
        var state = SlurmState.load(paths.state)
        let ids = state.submissions.values.compactMap(\.job).sorted()
        try SlurmCommands(directory: options.commandDirectory).cancel(ids)
        for k in state.submissions.keys { state.submissions[k]?.job = nil }
        if FileManager.default.fileExists(atPath: paths.root.path) { try state.save(paths.state) }
        return ids
    }

    /// Sleeps in short steps; returns true when cancelled meanwhile.
    private func sleep(seconds: Double, cancellation: CancellationToken) -> Bool {
        let end = now() + seconds
        while now() < end {
            if cancellation.isCancelled { return true }
            Thread.sleep(forTimeInterval: min(0.05, max(0, end - now())))
        }
        return cancellation.isCancelled
    }
}
