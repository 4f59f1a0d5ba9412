// One plan for status and every executor: states, reasons and the summary come from `Plan`, so
// `status` says what a run will do, including a corrupt input that only hashing sees.
import Foundation
import Testing
@testable import Pipeline
@testable import PipelineSlurm

@Suite struct PlanTests {
    func id(_ s: String) -> TaskID { TaskID(s)! }

    /// A finished chain where `single` is corrupt with its mtime put back and no ctime recorded
    /// (only hashing sees it) and `pair`, which reads it, lost its entry.
    func corruptInputCache(_ dir: URL, _ counter: Counter) throws -> (TaskGraph, Store) {
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).succeeded)
        let single = g.task(id("single"))!, pair = g.task(id("pair"))!
        try stripCtimes(store, single.key)
        try flipBytePreservingMtime(store.filesDirectory(single.key).appendingPathComponent("value.txt"))
        try FileManager.default.removeItem(at: store.entryDirectory(pair.key))
        counter.reset()
        return (g, store)
    }

    @Test func thePlanHashesTheInputsOfTasksThatWillRun() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (g, store) = try corruptInputCache(dir, Counter())
        // The staleness chain alone (quick) cannot see it; the plan hashes pair's inputs.
        #expect(Staleness.evaluate(g.task(id("single"))!, graph: g, store: store).state == .done)
        let plan = Plan.make(graph: g, store: store)
        #expect(plan[id("single")]?.state == .stale)
        #expect(plan[id("single")]?.reasons == ["corrupt entry: file value.txt checksum mismatch"])
        #expect(plan[id("single")]?.metadata == nil)
        #expect(plan[id("pair")]?.state == .missing)
        #expect(plan[id("pair")]?.reasons == ["entry missing from the cache"])
        #expect(Set(plan.toRun) == [id("single"), id("pair")])
        #expect(plan.cached.count == 4)
        #expect(plan[id("numbers[1]")]?.metadata != nil)
        #expect(plan.statuses.map(\.id) == g.tasks.map(\.id))  // topological order
    }

    @Test func statusSaysWhatTheRunWillDoOnACorruptInputWithItsMtimeRestored() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let (g, store) = try corruptInputCache(dir, counter)
        let status = Status.evaluate(graph: g, store: store)
        let statusWillRun = status.filter { $0.state != .done }
        let rendered = Status.render(status)
        #expect(rendered.split(separator: "\n").contains {
            $0.hasPrefix("stale   single ") && $0.hasSuffix("  corrupt entry: file value.txt checksum mismatch")
        })
        #expect(rendered.hasSuffix("6 tasks: 4 done, 1 stale, 1 missing"))
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(s.succeeded)
        #expect(s.ran == statusWillRun.map(\.id))
        #expect(s.reasons == Dictionary(uniqueKeysWithValues: statusWillRun.map { ($0.id, $0.reasons) }))
        #expect(counter.total == 2)
        #expect(Status.evaluate(graph: g, store: store).allSatisfy { $0.state == .done })
    }

    @Test func theSlurmExecutorRunsWhatThePlanSays() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (g, store) = try corruptInputCache(dir, Counter())
        let plan = Plan.make(graph: g, store: store)
        let slurm = try FakeSlurm { key, _ in runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        let sink = LogSink()
        let s = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: quietOptions(sink))
        #expect(s.succeeded)
        #expect(s.ran == plan.toRun)
        #expect(s.cached == plan.cached)
        #expect(s.reasons[id("single")] == ["corrupt entry: file value.txt checksum mismatch"])
        #expect(sink.lines.contains("run single: corrupt entry: file value.txt checksum mismatch"))
        #expect(Set(slurm.submittedArrays().joined()) == Set(plan.toRun.map { g.task($0)!.key }))
    }

    @Test func reasonLinesGroupByStageAndReason() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let counter = Counter()
        #expect(LocalExecutor().run(graph: try graph(chainManifest, registry: toyRegistry(counter)), store: store,
                                    options: quietOptions()).succeeded)
        let g = try graph(chainManifest.replacingOccurrences(of: "x = 1.5", with: "x = 2.5"), registry: toyRegistry(counter))
        let lines = Plan.make(graph: g, store: store).reasonLines
        #expect(lines.contains("numbers (3 tasks): x changed 1.5 → 2.5"))
        #expect(lines.contains("pair: input numbers[1] changed"))
        #expect(!lines.contains { $0.hasPrefix("single") })
        #expect(lines.count == 3)
    }

    @Test func targetsSelectTheirUpstreamOnly() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let plan = Plan.make(graph: g, store: try Store(root: dir), targets: [id("pair")])
        #expect(Set(plan.statuses.map(\.id)) == [id("pair"), id("numbers[1]"), id("single")])
        #expect(plan[id("total")] == nil)
        #expect(plan.statuses.allSatisfy { $0.state == .missing && $0.reasons == ["never run"] })
    }

    @Test func aFullCheckSeesCorruptionThatNoTaskReads() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).succeeded)
        let total = g.task(id("total"))!
        try stripCtimes(store, total.key)
        try flipBytePreservingMtime(store.filesDirectory(total.key).appendingPathComponent("value.txt"))
        // No task reads `total`: the quick plan keeps it, the full plan hashes it.
        #expect(Plan.make(graph: g, store: store).toRun.isEmpty)
        #expect(Plan.make(graph: g, store: store, verify: .full).toRun == [total.id])
    }

    @Test func theLedgerListsOutcomesInPlanOrderAndRecordsCachedTasks() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let plan = Plan.make(graph: g, store: store)
        let sink = LogSink()
        var ledger = RunLedger(plan: plan, graph: g, store: store, log: sink.add)
        #expect(sink.lines.contains("run numbers (3 tasks): never run"))
        let order = plan.toRun
        for t in order.reversed() { ledger.record(t, t.stage == "numbers" ? .ran(seconds: 0.5) : .cancelled, nil) }
        let s = ledger.finish(graph: g, store: store, options: quietOptions(sink), start: now())
        #expect(s.ran == order.filter { $0.stage == "numbers" })
        #expect(s.skipped == order.filter { $0.stage != "numbers" })
        #expect(s.secondsPerStage["numbers"] == 1.5)
        #expect(s.reasons.count == 6 && !s.succeeded)
        #expect(sink.lines.last?.hasPrefix("3 run, 0 cached, 0 failed, 3 skipped") == true)
    }
}

/// `--rerun STAGE`: the plan marks the stage's tasks stale, and both executors really recompute them.
@Suite struct RerunTests {
    func id(_ s: String) -> TaskID { TaskID(s)! }

    func finishedChain(_ dir: URL, _ counter: Counter) throws -> (TaskGraph, Store) {
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).succeeded)
        counter.reset()
        return (g, store)
    }

    func values(_ g: TaskGraph, _ store: Store) -> [String] {
        g.tasks.map { (try? String(contentsOf: store.filesDirectory($0.key).appendingPathComponent("value.txt"), encoding: .utf8)) ?? "" }
    }

    @Test func thePlanMarksTheStageStaleAndHashesItsInputs() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (g, store) = try finishedChain(dir, Counter())
        let numbers1 = g.task(id("numbers[1]"))!
        try stripCtimes(store, numbers1.key)
        try flipBytePreservingMtime(store.filesDirectory(numbers1.key).appendingPathComponent("value.txt"))
        let plan = Plan.make(graph: g, store: store, rerun: ["pair"])
        #expect(plan[id("pair")]?.state == .stale && plan[id("pair")]?.reasons == ["rerun requested"])
        #expect(plan[id("numbers[1]")]?.reasons == ["corrupt entry: file value.txt checksum mismatch"])  // pair reads it
        #expect(Set(plan.toRun) == [id("pair"), id("numbers[1]")])
        #expect(plan.reasonLines.contains("pair: rerun requested"))
        #expect(Plan.make(graph: g, store: store, targets: [id("single")], rerun: ["pair"]).toRun.isEmpty)
    }

    @Test func theLocalExecutorRecomputesTheStageOnly() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let (g, store) = try finishedChain(dir, counter)
        let before = values(g, store)
        let sink = LogSink()
        var o = quietOptions(sink)
        o.rerun = ["numbers"]
        let s = LocalExecutor().run(graph: g, store: store, options: o)
        #expect(s.succeeded)
        #expect(s.ran == [id("numbers[0]"), id("numbers[1]"), id("numbers[2]")])
        #expect(counter.total == 3 && counter.count("numbers[2]") == 1)
        #expect(s.reasons[id("numbers[0]")] == ["rerun requested"])
        #expect(sink.lines.contains("run numbers (3 tasks): rerun requested"))
        #expect(values(g, store) == before)  // deterministic: the same bytes again
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).ran.isEmpty)
    }

    @Test func theSlurmExecutorRecomputesTheStageOnly() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let (g, store) = try finishedChain(dir, counter)
        let before = values(g, store)
        let slurm = try FakeSlurm { key, _ in runTaskStatus(key, graph: g, store: store) }
        defer { slurm.shutdown() }
        var o = quietOptions()
        o.rerun = ["single"]
        let s = SlurmExecutor(options: slurm.options()).run(graph: g, store: store, options: o)
        #expect(s.succeeded)
        #expect(s.ran == [id("single")] && s.cached.count == 5)
        #expect(counter.total == 1 && counter.count("single") == 1)  // the worker computed, not "cached"
        #expect(slurm.submittedArrays().joined().sorted() == [g.task(id("single"))!.key])
        #expect(values(g, store) == before)
    }
}
