// Corrupt entries are reported and recomputed, never used; interrupted runs resume and redo
// only what is missing; two executors on one cache leave it consistent.
import Foundation
import Testing
@testable import Pipeline

@Suite struct IntegrityTests {
    /// Flips the first byte of a stored file (entry files are read-only, so make it writable first).
    func flipByte(_ url: URL) throws {
        chmod(url.path, 0o644)
        var data = try Data(contentsOf: url)
        data[0] ^= 0x01
        try data.write(to: url)
    }

    @Test func corruptInputIsDetectedAndRecomputedBeforeUse() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        _ = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        let single = g.task(TaskID("single")!)!
        let file = store.filesDirectory(single.key).appendingPathComponent("value.txt")
        try flipByte(file)
        guard case .corrupt(let why) = store.check(single.key, mode: .full) else { Issue.record("not detected"); return }
        #expect(why == "file value.txt checksum mismatch")
        // Status (full check) reports it; a run that needs `single` as input recomputes it first.
        #expect(Status.evaluate(graph: g, store: store, mode: .full).first { $0.id == single.id }?.reasons == ["corrupt entry: file value.txt checksum mismatch"])
        let pair = g.task(TaskID("pair")!)!
        try FileManager.default.removeItem(at: store.entryDirectory(pair.key))
        counter.reset()
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(Set(s.ran.map(\.description)) == ["single", "pair"])
        #expect(s.reasons[single.id] == ["corrupt entry: file value.txt checksum mismatch"])
        #expect(try String(contentsOf: file, encoding: .utf8) == "10.0")
        #expect(try String(contentsOf: store.filesDirectory(pair.key).appendingPathComponent("value.txt"), encoding: .utf8) == "12.5")
    }

    @Test func corruptionOfAnUnreadEntryIsCaughtByTheFullCheck() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        _ = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        let total = g.task(TaskID("total")!)!
        try flipByte(store.filesDirectory(total.key).appendingPathComponent("value.txt"))
        var o = quietOptions()
        o.verify = .full
        counter.reset()
        let s = LocalExecutor().run(graph: g, store: store, options: o)
        #expect(s.ran == [total.id])
        #expect(counter.total == 1)
        guard case .intact = store.check(total.key, mode: .full) else { Issue.record("not repaired"); return }
    }

    @Test func truncatedFileAndBrokenMetadataAreCorrupt() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        _ = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        let a = g.task(TaskID("numbers[0]")!)!, b = g.task(TaskID("numbers[1]")!)!
        let f = store.filesDirectory(a.key).appendingPathComponent("seed.txt")
        chmod(f.path, 0o644)
        try Data("1".utf8).write(to: f)
        try Data("{".utf8).write(to: store.entryDirectory(b.key).appendingPathComponent("metadata.json"))
        let st = Dictionary(uniqueKeysWithValues: Status.evaluate(graph: g, store: store).map { ($0.id, $0) })
        #expect(st[a.id]?.reasons.first?.hasPrefix("corrupt entry: file seed.txt has 1 bytes") == true)
        #expect(st[b.id]?.reasons == ["corrupt entry: metadata.json unreadable"])
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(Set(s.ran) == [a.id, b.id])
    }

    @Test func failedTaskThenResumeRecomputesOnlyWhatIsMissing() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let counter = Counter()
        let failing = chainManifest.replacingOccurrences(of: "x = 10", with: "x = 10\nfail = true")
        _ = LocalExecutor().run(graph: try graph(failing, registry: toyRegistry(counter)), store: store, options: quietOptions())
        counter.reset()
        // Fixing the failing task (a different definition) runs it and its dependent only.
        let s = LocalExecutor().run(graph: try graph(chainManifest, registry: toyRegistry(counter)), store: store, options: quietOptions())
        #expect(Set(s.ran.map(\.description)) == ["single", "pair"])
        #expect(counter.total == 2)
    }

    @Test func cancelledRunResumesFromCheckpointBitIdentically() throws {
        let toml = "[base]\nseed = 11\n[stage.long]\nkind = \"slow\"\nsteps = 20\n[stage.n]\nkind = \"number\"\nreplicas = 2\n"
        // Reference: an uninterrupted run.
        let refDir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: refDir) }
        let refGraph = try graph(toml, registry: toyRegistry(Counter()))
        let refStore = try Store(root: refDir)
        #expect(LocalExecutor().run(graph: refGraph, store: refStore, options: quietOptions()).succeeded)
        let key = refGraph.task(TaskID("long")!)!.key
        let reference = try String(contentsOf: refStore.filesDirectory(key).appendingPathComponent("acc.txt"), encoding: .utf8)

        // Interrupted at step 7 (as Ctrl-C would), then resumed.
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let counter = Counter()
        var o = quietOptions(workers: 1)
        let token = o.cancellation
        let steps = StepLog()
        let hooked = try graph(toml, registry: toyRegistry(counter, slowHook: { step, _ in
            steps.add(step)
            if step == 7 { token.cancel() }
        }))
        let first = LocalExecutor().run(graph: hooked, store: store, options: o)
        #expect(first.cancelled)
        #expect(!first.succeeded)
        #expect(first.ran.count + first.skipped.count == 3)
        guard case .missing = store.check(key, mode: .full) else { Issue.record("entry written by a cancelled task"); return }
        #expect(try String(contentsOf: store.scratchDirectory(key).appendingPathComponent("step"), encoding: .utf8) == "7")

        o.cancellation = CancellationToken()
        let ranBefore = Set(first.ran)
        let second = LocalExecutor().run(graph: try graph(toml, registry: toyRegistry(counter, slowHook: { s, _ in steps.add(s) })), store: store, options: o)
        #expect(second.succeeded)
        #expect(Set(second.cached) == ranBefore)        // finished entries kept
        #expect(steps.values == Array(1...20))           // resumed at step 8, no step done twice
        #expect(try String(contentsOf: store.filesDirectory(key).appendingPathComponent("acc.txt"), encoding: .utf8) == reference)
        #expect(!FileManager.default.fileExists(atPath: store.scratchDirectory(key).path))
    }

    @Test func twoExecutorsOnOneCacheComputeEachTaskOnce() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let toml = "[stage.n]\nkind = \"number\"\nreplicas = 12\n[stage.s]\nkind = \"sum\"\ninputs = { terms = \"n\" }\n"
        let g = try graph(toml, registry: toyRegistry(counter, delay: 0.01))
        let results = SummaryBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let store = try! Store(root: dir)  // separate handles, shared directory
            results.add(LocalExecutor().run(graph: g, store: store, options: quietOptions(workers: 3)))
        }
        #expect(results.all.allSatisfy { $0.succeeded })
        #expect(counter.total == 13)  // the per-key lock lets the second executor find the first's entry
        #expect(results.all.map { $0.ran.count }.reduce(0, +) == 13)
        let store = try Store(root: dir)
        #expect(Status.evaluate(graph: g, store: store, mode: .full).allSatisfy { $0.state == .done })
        #expect(try Store.listFiles(dir.appendingPathComponent("tmp")).isEmpty)
        let sum = g.task(TaskID("s")!)!
        #expect(try String(contentsOf: store.filesDirectory(sum.key).appendingPathComponent("value.txt"), encoding: .utf8) == "\(Double((0..<12).reduce(0, +)))")
    }
}

final class StepLog: @unchecked Sendable {
    private let lock = NSLock()
    private var v: [Int] = []
    func add(_ s: Int) { lock.lock(); v.append(s); lock.unlock() }
    var values: [Int] { lock.lock(); defer { lock.unlock() }; return v }
}

final class SummaryBox: @unchecked Sendable {
    private let lock = NSLock()
    private var v: [RunSummary] = []
    func add(_ s: RunSummary) { lock.lock(); v.append(s); lock.unlock() }
    var all: [RunSummary] { lock.lock(); defer { lock.unlock() }; return v }
}
