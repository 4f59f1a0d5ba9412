// Issue 24 item 2: a published directory holds exactly what the last run publishes, plus the
// user's own files; what an earlier run exported and this one does not is removed.
import Foundation
import Testing
@testable import Pipeline

@Suite struct PublishingPruneTests {
    static func manifest(replicas: Int) -> String {
        "[base]\nseed = 7\n[stage.numbers]\nkind = \"number\"\nreplicas = \(replicas)\n[stage.single]\nkind = \"number\"\nx = 10\n"
    }

    /// Runs the toy study with `replicas` numbers, exporting to `results`.
    static func run(replicas: Int, in dir: URL, sink: LogSink = LogSink(), targets: [TaskID]? = nil) throws -> RunSummary {
        let g = try graph(manifest(replicas: replicas), registry: toyRegistry(Counter()))
        var o = quietOptions(sink)
        o.exportDirectory = dir.appendingPathComponent("results/base")
        o.targets = targets
        return LocalExecutor().run(graph: g, store: try Store(root: dir.appendingPathComponent("cache")), options: o)
    }

    static func published(_ dir: URL) throws -> [String] {
        try Store.listFiles(dir.appendingPathComponent("results/base"))
    }

    @Test func fewerReplicasRemoveWhatTheyNoLongerExportAndKeepTheUsersFiles() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let results = dir.appendingPathComponent("results/base")
        #expect(try Self.run(replicas: 3, in: dir).succeeded)
        #expect(try Self.published(dir) == [ExportRecord.fileName, "numbers/n0.txt", "numbers/n1.txt", "numbers/n2.txt", "numbers/single.txt"])
        // The user's files, beside ours and among ours.
        try "mine".write(to: results.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "mine".write(to: results.appendingPathComponent("numbers/n9.txt"), atomically: true, encoding: .utf8)
        let s = try Self.run(replicas: 2, in: dir)
        #expect(s.succeeded && s.exportErrors.isEmpty)
        #expect(try Self.published(dir) == [ExportRecord.fileName, "notes.txt", "numbers/n0.txt", "numbers/n1.txt", "numbers/n9.txt", "numbers/single.txt"])
        #expect(ExportRecord.read(results).keys.sorted() == ["numbers/n0.txt", "numbers/n1.txt", "numbers/single.txt"])
        // With nothing exported in it any more, an emptied directory goes too; one with user files stays.
        try FileManager.default.removeItem(at: results.appendingPathComponent("numbers/n9.txt"))
        #expect(Publishing.publishTree([], in: results).isEmpty)
        #expect(try Store.listFiles(results) == [ExportRecord.fileName, "notes.txt"])
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("numbers").path))
    }

    @Test func anExportEditedSinceIsKeptAndSaidSo() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(replicas: 3, in: dir).succeeded)
        let n2 = dir.appendingPathComponent("results/base/numbers/n2.txt")
        try "edited".write(to: n2, atomically: true, encoding: .utf8)
        let sink = LogSink()
        #expect(try Self.run(replicas: 2, in: dir, sink: sink).succeeded)
        #expect(try String(contentsOf: n2, encoding: .utf8) == "edited")
        #expect(sink.lines.contains { $0.contains("kept \(n2.path): changed since it was published") })
        #expect(ExportRecord.read(dir.appendingPathComponent("results/base"))["numbers/n2.txt"] == nil)
    }

    @Test func aRecordLeftByACrashIsFinishedAndCannotReachOutside() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(replicas: 3, in: dir).succeeded)
        let results = dir.appendingPathComponent("results/base")
        // As a crash after the new files were copied leaves it: the record still names n2.
        let outside = dir.appendingPathComponent("outside.txt")
        try "3.5".write(to: outside, atomically: true, encoding: .utf8)
        var record = ExportRecord.read(results)
        record["../../outside.txt"] = try Store.sha256(path: outside.path)
        record["/\(outside.path)"] = record["../../outside.txt"]
        try ExportRecord.write(record, to: results)
        #expect(try Self.run(replicas: 2, in: dir).succeeded)
        #expect(!FileManager.default.fileExists(atPath: results.appendingPathComponent("numbers/n2.txt").path))
        #expect(FileManager.default.fileExists(atPath: outside.path))
        #expect(ExportRecord.read(results).keys.sorted() == ["numbers/n0.txt", "numbers/n1.txt", "numbers/single.txt"])
    }

    @Test func aRunRestrictedToTargetsRemovesNothing() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(replicas: 3, in: dir).succeeded)
        #expect(try Self.run(replicas: 3, in: dir, targets: [TaskID("single")!]).succeeded)
        #expect(try Self.published(dir).count == 5)
    }

    @Test func aFailedTaskLeavesNoStaleExportOfItsOwn() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.run(replicas: 2, in: dir).succeeded)
        // single now fails: its old export belongs to another definition and goes.
        let g = try graph(Self.manifest(replicas: 2) + "fail = true\n", registry: toyRegistry(Counter()))
        var o = quietOptions()
        o.exportDirectory = dir.appendingPathComponent("results/base")
        let s = LocalExecutor().run(graph: g, store: try Store(root: dir.appendingPathComponent("cache")), options: o)
        #expect(s.failed.map(\.id.description) == ["single"])
        #expect(try Self.published(dir) == [ExportRecord.fileName, "numbers/n0.txt", "numbers/n1.txt"])
    }
}
