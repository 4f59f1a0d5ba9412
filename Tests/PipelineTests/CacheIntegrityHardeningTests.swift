// Issue 14 (hardening): exports never share the cache's inodes; an edit that puts the mtime back
// is still seen; a corrupt upstream is recomputed, never "computed by another process"; inputs
// are hashed right before use; orphaned tmp dirs are removed; publishing is locked and atomic.
import Foundation
import Testing
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif

/// Rewrites a file with one byte flipped, then puts its mtime back (as `rsync -t` or an editor can).
func flipBytePreservingMtime(_ url: URL) throws {
    var st = stat()
    guard stat(url.path, &st) == 0 else { throw StoreError("cannot stat \(url.path)") }
    chmod(url.path, 0o644)
    var data = try Data(contentsOf: url)
    data[0] ^= 0x01
    let fd = open(url.path, O_WRONLY | O_TRUNC)
    guard fd >= 0 else { throw StoreError("cannot open \(url.path)") }
    _ = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
    var times = [st.st_atim, st.st_mtim]
    guard utimensat(AT_FDCWD, url.path, &times, 0) == 0 else { throw StoreError("cannot set times of \(url.path)") }
}

/// Drops the recorded ctimes from an entry's metadata (as written before they were recorded).
func stripCtimes(_ store: Store, _ key: String) throws {
    let url = store.entryDirectory(key).appendingPathComponent("metadata.json")
    var meta = try JSONDecoder().decode(EntryMetadata.self, from: Data(contentsOf: url))
    for i in meta.files.indices { meta.files[i].ctimeNanoseconds = nil }
    try JSONEncoder().encode(meta).write(to: url)
}

@Suite struct CacheIntegrityHardeningTests {
    func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func editingAnExportLeavesTheCacheIntactAndTheNextRunRestoresIt() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir.appendingPathComponent("cache"))
        var o = quietOptions()
        o.exportDirectory = dir.appendingPathComponent("results/base")
        #expect(LocalExecutor().run(graph: g, store: store, options: o).succeeded)
        let single = g.task(TaskID("single")!)!
        let export = dir.appendingPathComponent("results/base/numbers/single.txt")
        let entry = store.filesDirectory(single.key).appendingPathComponent("value.txt")
        #expect(Store.identity(export.path) != Store.identity(entry.path))
        try flipBytePreservingMtime(export)
        guard case .intact = store.check(single.key, mode: .full) else { Issue.record("editing an export corrupted the cache"); return }
        let s = LocalExecutor().run(graph: g, store: store, options: o)
        #expect(s.succeeded && s.ran.isEmpty)
        #expect(try read(export) == "10.0")
    }

    @Test func anEditThatPutsTheMtimeBackIsSeenByTheQuickCheck() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).succeeded)
        let total = g.task(TaskID("total")!)!
        let file = store.filesDirectory(total.key).appendingPathComponent("value.txt")
        try flipBytePreservingMtime(file)
        #expect(Status.evaluate(graph: g, store: store).first { $0.id == total.id }?.reasons == ["corrupt entry: file value.txt checksum mismatch"])
        counter.reset()
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(s.succeeded && s.ran == [total.id] && counter.total == 1)
        #expect(try read(file) == "7.5")
    }

    @Test func aCorruptUpstreamIsRecomputedNotTakenAsComputedByAnotherProcess() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let counter = Counter()
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(counter))
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).succeeded)
        // An entry without recorded ctimes, corrupted with its mtime put back: only hashing sees it.
        let single = g.task(TaskID("single")!)!, pair = g.task(TaskID("pair")!)!
        try stripCtimes(store, single.key)
        try flipBytePreservingMtime(store.filesDirectory(single.key).appendingPathComponent("value.txt"))
        try FileManager.default.removeItem(at: store.entryDirectory(pair.key))
        let sink = LogSink()
        counter.reset()
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions(sink))
        #expect(s.succeeded)
        #expect(Set(s.ran) == [single.id, pair.id] && counter.total == 2)
        #expect(!sink.lines.contains { $0.contains("computed by another process") })
        #expect(try read(store.filesDirectory(pair.key).appendingPathComponent("value.txt")) == "12.5")
    }

    @Test func inputsAreHashedRightBeforeATaskReadsThem() throws {
        // `late` adds `single` to `spoiler`; `spoiler` corrupts single's file (mtime and ctime
        // record kept out of the way) after the plan has hashed it, before `late` reads it.
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let counter = Counter()
        let target = LockedURL()
        var r = toyRegistry(counter)
        r.register(StageKind("spoiler", version: 1, fields: [FieldSpec("x", .double, default: .double(1))]) { ctx in
            if let url = target.value { try flipBytePreservingMtime(url) }
            try writeValue(ctx.parameters.double("x"), ctx)
        })
        let toml = chainManifest + "\n[stage.spoil]\nkind = \"spoiler\"\n[stage.late]\nkind = \"add\"\ninputs = { a = \"single\", b = \"spoil\" }\n"
        let g = try graph(toml, registry: r)
        let single = g.task(TaskID("single")!)!, late = g.task(TaskID("late")!)!, spoil = g.task(TaskID("spoil")!)!
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions()).succeeded)
        try stripCtimes(store, single.key)
        try FileManager.default.removeItem(at: store.entryDirectory(late.key))
        try FileManager.default.removeItem(at: store.entryDirectory(spoil.key))
        target.value = store.filesDirectory(single.key).appendingPathComponent("value.txt")
        let s = LocalExecutor().run(graph: g, store: store, options: quietOptions(workers: 1))
        // The corrupt value is never used: `late` fails naming its input, and the next run repairs.
        #expect(s.failed.map(\.id) == [late.id])
        #expect(s.failed.first?.message.contains("input single is corrupt") == true)
        guard case .missing = store.check(late.key, mode: .full) else { Issue.record("late computed from a corrupt input"); return }
        target.value = nil
        let again = LocalExecutor().run(graph: g, store: store, options: quietOptions())
        #expect(again.succeeded && Set(again.ran) == [single.id, late.id])
        #expect(try read(store.filesDirectory(late.key).appendingPathComponent("value.txt")) == "11.5")  // 10 + base x 1.5
    }

    @Test func orphanedTemporaryEntriesAreRemovedButOwnedOnesKept() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(root: dir)
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let a = g.task(TaskID("numbers[0]")!)!.key, b = g.task(TaskID("numbers[1]")!)!.key
        let orphan = try store.beginEntry(a), owned = try store.beginEntry(b)
        let other = dir.appendingPathComponent("tmp/notes")  // not ours: left alone
        try Data("x".utf8).write(to: other)
        let trash = dir.appendingPathComponent("tmp/trash.\(UUID().uuidString)")  // an older version's leftover
        try FileManager.default.createDirectory(at: trash.appendingPathComponent("files"), withIntermediateDirectories: true)
        let sink = LogSink()
        // Another holder of b's lock (a separate open file: flock conflicts even in-process).
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        Thread {
            try? FileLock.withLock(dir.appendingPathComponent("locks/\(b).lock")) { holding.signal(); release.wait() }
            done.signal()
        }.start()
        holding.wait()
        #expect(store.removeOrphans() == [orphan.lastPathComponent, trash.lastPathComponent].sorted())
        #expect(!FileManager.default.fileExists(atPath: orphan.path))
        #expect(FileManager.default.fileExists(atPath: owned.path) && FileManager.default.fileExists(atPath: other.path))
        release.signal()
        done.wait()
        // A run removes it at its start and says so.
        #expect(LocalExecutor().run(graph: g, store: store, options: quietOptions(sink)).succeeded)
        #expect(!FileManager.default.fileExists(atPath: owned.path))
        #expect(sink.lines.contains("removed orphaned temporary entry tmp/\(owned.lastPathComponent) (its process is gone)"))
    }

    @Test func aRunWaitsForTheExportLockAndSaysSo() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let store = try Store(root: dir.appendingPathComponent("cache"))
        let results = dir.appendingPathComponent("results/base")
        try FileManager.default.createDirectory(at: results, withIntermediateDirectories: true)
        let sink = LogSink()
        var options = quietOptions(sink)
        options.exportDirectory = results
        let o = options
        let finished = DispatchSemaphore(value: 0)
        let box = SummaryBox()
        try Publishing.withLock(for: results, log: { _ in }) {
            Thread { box.add(LocalExecutor().run(graph: g, store: store, options: o)); finished.signal() }.start()
            #expect(finished.wait(timeout: .now() + 1.5) == .timedOut)  // blocked while we publish
            #expect(sink.lines.contains { $0.hasPrefix("waiting: another run is publishing \(results.path)") })
        }
        finished.wait()
        #expect(box.all.first?.succeeded == true)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("results/.base.lock").path))
    }

    @Test func concurrentRunsOnOneCacheAndOneResultsDirectoryBothSucceed() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let toml = "[stage.n]\nkind = \"number\"\nreplicas = 40\n[stage.s]\nkind = \"sum\"\ninputs = { terms = \"n\" }\n"
        let g = try graph(toml, registry: toyRegistry(Counter()))
        let results = dir.appendingPathComponent("results/base")
        for round in 0..<5 {
            let box = SummaryBox()
            if round > 0 { try FileManager.default.removeItem(at: results) }  // every round re-exports
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                var o = quietOptions()
                o.exportDirectory = results
                box.add(LocalExecutor().run(graph: g, store: try! Store(root: dir.appendingPathComponent("cache")), options: o))
            }
            #expect(box.all.allSatisfy { $0.succeeded && $0.exportErrors.isEmpty })
        }
        let files = try Store.listFiles(results).filter { $0 != ExportRecord.fileName }
        #expect(files.count == 40)
        #expect(try files.allSatisfy { try read(results.appendingPathComponent($0)) == "\(Double(Int($0.dropFirst(9).dropLast(4))!))" })
    }

    @Test func atomicCopiesReplaceWholeFilesAndLeaveNoTemporaries() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = dir.appendingPathComponent("src.bin"), dst = dir.appendingPathComponent("out/dst.bin")
        let payload = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try payload.write(to: src)
        try FileManager.default.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: dst)
        chmod(dst.path, 0o444)  // a read-only leftover (older exports were read-only links)
        let stale = dir.appendingPathComponent("out/.dst.bin.12345.\(UUID().uuidString).tmp")
        try Data("half".utf8).write(to: stale)
        try Publishing.copyAtomically(from: src, to: dst)
        #expect(try Data(contentsOf: dst) == payload)
        #expect(Store.identity(src.path) != Store.identity(dst.path))
        Publishing.removeTemporaries(in: dir.appendingPathComponent("out"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("out").path) == ["dst.bin"])
        #expect(throws: StoreError.self) { try Publishing.copyAtomically(from: dir.appendingPathComponent("nope"), to: dst) }
        #expect(try Data(contentsOf: dst) == payload)
    }

    @Test func aCacheThatIsARegularFileGetsAPlainMessage() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cache")
        try Data("x".utf8).write(to: file)
        do {
            _ = try Store(root: file)
            Issue.record("a file accepted as the cache")
        } catch {
            #expect("\(error)" == "the cache \(file.path) is a file, not a directory: point the cache option at a directory (it is created if missing)")
        }
    }
}

final class LockedURL: @unchecked Sendable {
    private let lock = NSLock()
    private var url: URL?
    var value: URL? {
        get { lock.lock(); defer { lock.unlock() }; return url }
        set { lock.lock(); url = newValue; lock.unlock() }
    }
}
