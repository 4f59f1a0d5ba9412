// Running graphs: results, caching (a second run re-runs nothing), failures that do not stop
// independent work, determinism whatever the worker count, and export of results.
import Foundation
import Testing
@testable import Pipeline

@Suite struct ExecutorTests {
    @Test func runsEverythingThenNothing() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        let store = try Store(root: dir)
        let sink = LogSink()
        let first = LocalExecutor().run(graph: g, store: store, options: quietOptions(sink))
        #expect(first.succeeded)
        #expect(first.ran.count == 6)
        #expect(counter.total == 6)
        #expect(sink.lines.contains("run numbers (3 tasks): never run"))
        // numbers[i] = 1.5 + i; pair = numbers[1] + single = 2.5 + 10; total = 1.5 + 2.5 + 3.5.
        let value = { (id: String) in Double(try! String(contentsOf: store.filesDirectory(g.task(TaskID(id)!)!.key).appendingPathComponent("value.txt"), encoding: .utf8))! }
        #expect(value("pair") == 12.5)
        #expect(value("total") == 7.5)
        let second = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(second.ran.isEmpty)
        #expect(second.cached.count == 6)
        #expect(counter.total == 6)
        #expect(second.recordedSecondsPerStage.keys.sorted() == ["numbers", "pair", "single", "total"])
    }

    @Test func metadataRecordsTheTask() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir)
        _ = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        let pair = try #require(g.task(TaskID("pair")!))
        let meta = try #require(store.metadata(pair.key))
        #expect(meta.key == pair.key)
        #expect(meta.kind == "add")
        #expect(meta.taskID == "pair")
        #expect(meta.seed == pair.seed)
        #expect(meta.toolchain == "test")
        #expect(meta.inputs["a"] == [InputRecord(task: "numbers[1]", key: g.task(TaskID("numbers[1]")!)!.key)])
        #expect(meta.files.map(\.name) == ["value.txt"])
        #expect(meta.bytes == "12.5".utf8.count)
        #expect(meta.files[0].sha256 == (try Store.sha256(path: store.filesDirectory(pair.key).appendingPathComponent("value.txt").path)))
        #expect(!FileManager.default.fileExists(atPath: store.scratchDirectory(pair.key).path))  // removed on completion
    }

    @Test func failureKeepsGoingWithIndependentTasks() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let g = try graph(chainManifest.replacingOccurrences(of: "x = 10", with: "x = 10\nfail = true"), registry: toyRegistry(counter))
        let sink = LogSink()
        let s = LocalExecutor().run(graph: g, store: try Store(root: dir), options: quietOptions(sink))
        #expect(!s.succeeded)
        #expect(s.failed.map(\.id.description) == ["single"])
        #expect(s.failed.first?.message == "toy failure requested")
        #expect(s.skipped.map(\.description) == ["pair"])   // depends on the failure
        #expect(Set(s.ran.map(\.description)) == ["numbers[0]", "numbers[1]", "numbers[2]", "total"])
        #expect(sink.lines.contains("FAILED single: toy failure requested"))
    }

    @Test func resultsAreIdenticalWhateverTheWorkerCount() throws {
        var outputs: [[String: String]] = []
        for workers in [1, 4] {
            let dir = temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let g = try graph(chainManifest + "\n[stage.long]\nkind = \"slow\"\nreplicas = 3\nsteps = 5\n", registry: toyRegistry(Counter()))
            let store = try Store(root: dir)
            #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions(workers: workers)).succeeded)
            var out: [String: String] = [:]
            for t in g.tasks {
                for f in try Store.listFiles(store.filesDirectory(t.key)) {
                    out["\(t.id)/\(f)"] = try String(contentsOf: store.filesDirectory(t.key).appendingPathComponent(f), encoding: .utf8)
                }
            }
            outputs.append(out)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].count == 13)  // 4 numbers × 2 files + pair + total + 3 slow
    }

    @Test func exportsReadableResults() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir.appendingPathComponent("cache"))
        var o = quietOptions()
        o.exportDirectory = dir.appendingPathComponent("results/base")
        let s = LocalExecutor().run(graph: g, store: store, options: o)
        #expect(s.exportErrors.isEmpty)
        let n2 = dir.appendingPathComponent("results/base/numbers/n2.txt")
        #expect(try String(contentsOf: n2, encoding: .utf8) == "3.5")
        #expect(try String(contentsOf: dir.appendingPathComponent("results/base/numbers/single.txt"), encoding: .utf8) == "10.0")
        // A copy, never a link to the read-only entry file, so an edit cannot change the cache.
        let entry = store.filesDirectory(g.task(TaskID("numbers[2]")!)!.key).appendingPathComponent("value.txt")
        let exported = Store.identity(n2.path)
        #expect(exported != nil && exported != Store.identity(entry.path))
        #expect(!FileManager.default.isWritableFile(atPath: entry.path) || getuid() == 0)
        // A second run leaves the up-to-date copy alone (same inode).
        #expect(LocalExecutor().run(graph: g, store: store, options: o).exportErrors.isEmpty)
        #expect(Store.identity(n2.path) == exported)
    }

    @Test func runTaskByKeyIsTheBatchSeam() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        let store = try Store(root: dir)
        let pair = try #require(g.task(TaskID("pair")!))
        // Inputs not yet there: the task fails with a message naming the input.
        guard case .failed(let m) = try LocalExecutor.runTask(key: pair.key, graph: g, store: store, options: quietOptions()) else {
            Issue.record("expected failure"); return
        }
        #expect(m.contains("is missing"))
        for id in ["numbers[1]", "single"] {
            let outcome = try LocalExecutor.runTask(key: g.task(TaskID(id)!)!.key, graph: g, store: store, options: quietOptions())
            guard case .ran = outcome else { Issue.record("\(id): \(outcome)"); return }
        }
        guard case .ran = try LocalExecutor.runTask(key: pair.key, graph: g, store: store, options: quietOptions()) else {
            Issue.record("pair did not run"); return
        }
        #expect(try LocalExecutor.runTask(key: pair.key, graph: g, store: store, options: quietOptions()) == .cached)
        #expect(throws: StoreError.self) { try LocalExecutor.runTask(key: "nope", graph: g, store: store) }
    }
}
