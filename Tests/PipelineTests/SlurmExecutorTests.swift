// The Slurm driver against a fake Slurm: waves follow inputs, results match the local executor,
// failures are retried a bounded number of times and reported with their logs, interrupted tasks
// are resubmitted and resume, and a restarted driver follows earlier jobs without resubmitting.
import Foundation
import Testing
@testable import Pipeline
@testable import PipelineSlurm

@Suite struct SlurmExecutorTests {
    /// Output files (name → sha256) of every task, from the entries' metadata.
    func checksums(_ g: TaskGraph, _ store: Store) -> [String: String] {
        var out: [String: String] = [:]
        for t in g.tasks { for f in store.metadata(t.key)?.files ?? [] { out["\(t.id)/\(f.name)"] = f.sha256 } }
        return out
    }

    func key(_ g: TaskGraph, _ id: String) -> String { g.task(TaskID(id)!)!.key }

    @Test func wavesFollowInputsAndMatchTheLocalExecutor() throws {
        let dir = temporaryDirectory(), localDir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: localDir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir)
        let slurm = try FakeSlurm { key, _ in runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        let sink = LogSink()
        let s = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: quietOptions(sink))
        #expect(s.succeeded)
        #expect(s.ran.count == 6)
        let arrays = slurm.submittedArrays()
        // Wave 1: every task without inputs; then pair and total, each once, as their inputs finish
        // (in one array, or two when pair's inputs finish before all numbers do).
        #expect(Set(arrays.first ?? []) == Set(["numbers[0]", "numbers[1]", "numbers[2]", "single"].map { key(g, $0) }))
        #expect(arrays.dropFirst().joined().sorted() == ["pair", "total"].map { key(g, $0) }.sorted())
        #expect(sink.lines.contains { $0.hasPrefix("slurm: submitted job") })

        let local = try Store(root: localDir)
        #expect(LocalExecutor().run(graph: g, store: local, options: quietOptions()).succeeded)
        #expect(checksums(g, store) == checksums(g, local))
        #expect(checksums(g, store).count == 10)  // value + seed for 4 numbers, value for pair and total

        // Everything is done: a second driver submits nothing.
        let again = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: quietOptions())
        #expect(again.succeeded && again.ran.isEmpty && again.cached.count == 6)
        #expect(slurm.submittedArrays().joined().count == 6)
    }

    /// Issue 25 §4: without cpus_per_task a single-threaded task (equilibrate, relaxation) asks
    /// for one CPU and a parallel one for its threads capped by max_cpus_per_task (default: this machine's cores, at most 8), so
    /// a one-thread stage is not billed 8 cores; cpus_per_task still forces one count for all.
    @Test func singleThreadedTasksAskForOneCpuAndParallelOnesAreCapped() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var registry = toyRegistry(Counter())
        registry.register(StageKind("wide", version: 1, threads: { _ in 64 }) { ctx in try writeValue(1, ctx) })
        let g = try graph("[base]\nseed = 1\n[stage.one]\nkind = \"number\"\n[stage.many]\nkind = \"wide\"\n", registry: registry)
        let store = try Store(root: dir)
        let slurm = try FakeSlurm { key, _ in runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        #expect(SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: quietOptions()).succeeded)
        let cpus = slurm.sbatchArguments().compactMap { $0.split(separator: " ").first { $0.hasPrefix("--cpus-per-task=") } }
        // Without max_cpus_per_task a request never exceeds the planning machine's cores (at most
        // 8): a larger one pends forever on nodes of that size (seen on the 2-CPU test cluster).
        let cores = min(8, ProcessInfo.processInfo.activeProcessorCount)
        #expect(Set(cpus) == ["--cpus-per-task=1", "--cpus-per-task=\(cores)"] && cpus.count == 2)
        let defaults = SlurmOptions(workerCommand: [])
        #expect(defaults.maxCpusPerTask == nil && defaults.cpus(forThreads: 1) == 1 && defaults.cpus(forThreads: 64) == cores)
        let capped = try SlurmOptions(workerCommand: [], table: ["max_cpus_per_task": .int(8)])
        #expect(capped.cpus(forThreads: 1) == 1 && capped.cpus(forThreads: 64) == 8)
        let fixed = try SlurmOptions(workerCommand: [], table: ["cpus_per_task": .int(8)])
        #expect(fixed.cpus(forThreads: 1) == 8)
    }

    @Test func failuresAreRetriedABoundedNumberOfTimesAndReportedWithTheirLog() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest.replacingOccurrences(of: "x = 10", with: "x = 10\nfail = true"), registry: toyRegistry(Counter()))
        let store = try Store(root: dir)
        let slurm = try FakeSlurm { key, _ in runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        let s = SlurmExecutor(options: slurm.options(maxRetries: 2)).run(graph: g, store: store, options: quietOptions())
        #expect(!s.succeeded)
        #expect(s.failed.map(\.id.description) == ["single"])
        #expect(s.skipped.map(\.description) == ["pair"])
        #expect(Set(s.ran.map(\.description)) == ["numbers[0]", "numbers[1]", "numbers[2]", "total"])
        // 1 + maxRetries submissions of the failing task, one of each other task that could run.
        let all = slurm.submittedArrays().joined()
        #expect(all.filter { $0 == key(g, "single") }.count == 3)
        #expect(all.filter { $0 == key(g, "total") }.count == 1)
        #expect(!all.contains(key(g, "pair")))
        let message = try #require(s.failed.first?.message)
        #expect(message.contains("worker exit status 1"))
        let logPath = try #require(message.components(separatedBy: "log: ").last)
        #expect(logPath.contains("/slurm/logs/") && FileManager.default.fileExists(atPath: logPath))
        // The state file forgets a task that failed for good: a new run tries it again.
        #expect(SlurmState.load(SlurmPaths(store: store).state).submissions.isEmpty)
    }

    @Test func interruptedTasksAreResubmittedAndResumeBitIdentically() throws {
        let dir = temporaryDirectory(), localDir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: localDir) }
        let interrupter = SlurmInterrupter()
        let counter = Counter()
        let manifest = "[base]\nseed = 3\n[stage.long]\nkind = \"slow\"\nreplicas = 2\nsteps = 6\n"
        let g = try graph(manifest, registry: toyRegistry(counter, slowHook: { step, ctx in interrupter.hook(step, ctx) }))
        let store = try Store(root: dir)
        let slurm = try FakeSlurm { key, _ in
            runTaskStatus(key, graph: g, store: store, cancellation: interrupter.token(for: key))
        }
        defer { slurm.shutdown() }
        // No retries allowed: an interruption (time limit) is not a failure.
        let s = SlurmExecutor(options: slurm.options(maxRetries: 0)).run(graph: g, store: store, options: quietOptions())
        #expect(s.succeeded)
        #expect(counter.count("long[0]") == 2 && counter.count("long[1]") == 2)  // interrupted once each, then resumed
        #expect(slurm.submittedArrays().joined().count == 4)

        let local = try Store(root: localDir)
        #expect(LocalExecutor().run(graph: try graph(manifest, registry: toyRegistry(Counter())), store: local, options: quietOptions()).succeeded)
        #expect(checksums(g, store) == checksums(g, local))
    }

    @Test func aRestartedDriverFollowsEarlierJobsWithoutResubmitting() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir)
        let gate = SlurmGate()
        let slurm = try FakeSlurm { key, _ in gate.wait(key); return runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }

        // First driver: submits wave 1, then stops while its four jobs are still running.
        let first = quietOptions()
        let firstDone = DispatchSemaphore(value: 0)
        let box = SlurmSummaryBox()
        let firstOptions = first
        Thread { box.summary = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: firstOptions); firstDone.signal() }.start()
        slurmWaitUntil { slurm.requests.count == 4 }
        first.cancellation.cancel()
        firstDone.wait()
        #expect(box.summary?.cancelled == true)
        #expect(box.summary?.ran.isEmpty == true)
        let recorded = SlurmState.load(SlurmPaths(store: store).state).submissions.values.compactMap(\.job).sorted()
        #expect(recorded.count == 4)

        // Three jobs finish while no driver runs; one is still running when the second starts.
        let held = key(g, "single")
        for id in ["numbers[0]", "numbers[1]", "numbers[2]"] { gate.open(key(g, id)) }
        slurmWaitUntil { slurm.queued == 1 }
        var second: RunSummary?
        let secondDone = DispatchSemaphore(value: 0)
        let box2 = SlurmSummaryBox()
        Thread { box2.summary = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: quietOptions()); secondDone.signal() }.start()
        Thread.sleep(forTimeInterval: 0.3)
        gate.openAll()
        secondDone.wait()
        second = box2.summary
        #expect(second?.succeeded == true)
        // The numbers finished while no driver ran: found in the cache; single, pair and total ran.
        #expect(second?.cached.count == 3)
        #expect(Set(second?.ran.map(\.description) ?? []) == ["single", "pair", "total"])
        slurmWaitUntil { slurm.queued == 0 }  // the last worker exits just after its entry lands
        #expect(slurm.queued == 0)
        // Every task was submitted exactly once across both drivers.
        let all = slurm.submittedArrays().joined()
        #expect(all.count == 6 && Set(all).count == 6)
        #expect(slurm.requests.filter { $0.key == held }.count == 1)
    }

    @Test func aFailingSqueueIsRetriedNotMistakenForFinishedJobs() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph("[base]\nseed = 1\n[stage.one]\nkind = \"number\"\n", registry: toyRegistry(Counter()))
        let store = try Store(root: dir)
        let gate = SlurmGate()
        let slurm = try FakeSlurm { key, _ in gate.wait(key); return runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        let failFlag = slurm.dir.appendingPathComponent("squeue-fail")
        let box = SlurmSummaryBox()
        let done = DispatchSemaphore(value: 0)
        let sink = LogSink()
        Thread { box.summary = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: quietOptions(sink)); done.signal() }.start()
        slurmWaitUntil { slurm.requests.count == 1 }
        try "".write(to: failFlag, atomically: true, encoding: .utf8)
        slurmWaitUntil { sink.lines.contains { $0.contains("squeue failed") } }
        try FileManager.default.removeItem(at: failFlag)
        gate.openAll()
        done.wait()
        #expect(box.summary?.succeeded == true)
        #expect(slurm.submittedArrays().joined().count == 1)
    }
}

extension SlurmExecutorTests {
    @Test func cancelJobsScancelsWhatTheStateFileRecords() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir)
        let gate = SlurmGate()
        let slurm = try FakeSlurm { key, _ in gate.wait(key); return runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        let options = quietOptions()
        let done = DispatchSemaphore(value: 0)
        Thread { _ = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: options); done.signal() }.start()
        slurmWaitUntil { slurm.requests.count == 4 }
        options.cancellation.cancel()
        done.wait()
        let ids = try SlurmExecutor.cancelJobs(store: store, options: slurm.options())
        #expect(ids == slurm.requests.map(\.element).sorted())
        let log = try String(contentsOf: slurm.dir.appendingPathComponent("scancel.log"), encoding: .utf8)
        #expect(log == ids.joined(separator: " ") + "\n")
        #expect(SlurmState.load(SlurmPaths(store: store).state).submissions.values.allSatisfy { $0.job == nil })
        gate.openAll()  // the fake scancel kills nothing: let the workers end
        slurmWaitUntil { slurm.queued == 0 }
    }
}

/// Interrupts each slow task once at step 3, as a time-limit signal would.
final class SlurmInterrupter: @unchecked Sendable {
    private let lock = NSLock()
    private var tokens: [String: CancellationToken] = [:]
    private var fired: Set<String> = []

    func token(for key: String) -> CancellationToken {
        let t = CancellationToken()
        lock.lock(); tokens[key] = t; lock.unlock()
        return t
    }

    func hook(_ step: Int, _ ctx: TaskContext) {
        guard step == 3 else { return }
        lock.lock(); defer { lock.unlock() }
        // The scratch directory is named by the key: find this task's token through it.
        let key = ctx.scratchDirectory.lastPathComponent
        if fired.insert(key).inserted { tokens[key]?.cancel() }
    }
}

/// Holds workers until the test opens their key.
final class SlurmGate: @unchecked Sendable {
    private let cond = NSCondition()
    private var open: Set<String> = []
    private var all = false
    func wait(_ key: String) { cond.lock(); while !all && !open.contains(key) { cond.wait() }; cond.unlock() }
    func open(_ key: String) { cond.lock(); open.insert(key); cond.broadcast(); cond.unlock() }
    func openAll() { cond.lock(); all = true; cond.broadcast(); cond.unlock() }
}

final class SlurmSummaryBox: @unchecked Sendable { var summary: RunSummary? }
