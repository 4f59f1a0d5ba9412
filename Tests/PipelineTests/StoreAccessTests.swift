// Issue 24 items 5 and 11: a cache this user cannot read or write is refused before any compute,
// with the path; `status` opens the cache without writing anything.
import Foundation
import Testing
@testable import Pipeline
#if canImport(Glibc)
import Glibc
#endif

@Suite struct StoreAccessTests {
    @Test func anEntriesDirectoryThatIsAFileIsRefusedWithItsPath() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Store(root: dir)
        let entries = dir.appendingPathComponent("entries")
        try FileManager.default.removeItem(at: entries)
        try "x".write(to: entries, atomically: true, encoding: .utf8)
        for writable in [true, false] {
            #expect { try Store(root: dir, writable: writable) } throws: { e in
                "\(e)".contains("the cache directory \(entries.path) is a file, not a directory")
            }
        }
    }

    @Test func aDirectoryThisUserCannotUseIsRefusedBeforeAnyCompute() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Store(root: dir)
        let entries = dir.appendingPathComponent("entries").path
        // As access(2) answers for a user without rights on entries/ (root has them all).
        let denied: (String, Int32) -> Bool = { path, _ in path != entries }
        #expect { try Store(root: dir, access: denied) } throws: { e in
            "\(e)".hasPrefix("cannot read and write the cache directory \(entries) (permission denied for this user)")
        }
        #expect { try Store(root: dir, writable: false, access: denied) } throws: { e in
            "\(e)".hasPrefix("cannot read the cache directory \(entries)") && "\(e)".contains("unreadable")
        }
        // Read-only is enough for status; a write-only refusal is only for runs.
        let readOnly: (String, Int32) -> Bool = { _, mode in mode & W_OK == 0 }
        #expect(throws: StoreError.self) { try Store(root: dir, access: readOnly) }
        _ = try Store(root: dir, writable: false, access: readOnly)
        // The cache root itself, for both.
        let rootDenied: (String, Int32) -> Bool = { path, _ in path != dir.standardizedFileURL.path }
        #expect { try Store(root: dir, writable: false, access: rootDenied) } throws: { e in
            "\(e)".hasPrefix("cannot read the cache directory \(dir.standardizedFileURL.path)")
        }
    }

    @Test func chmod000OnEntriesIsRefusedForAnOrdinaryUser() throws {
        guard geteuid() != 0 else { return }  // root reads and writes whatever the mode
        let dir = temporaryDirectory()
        defer { chmod(dir.appendingPathComponent("entries").path, 0o755); try? FileManager.default.removeItem(at: dir) }
        _ = try Store(root: dir)
        chmod(dir.appendingPathComponent("entries").path, 0)
        #expect(throws: StoreError.self) { try Store(root: dir) }
        #expect(throws: StoreError.self) { try Store(root: dir, writable: false) }
    }

    @Test func statusOnACacheThatDoesNotExistWritesNothing() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = dir.appendingPathComponent("typo")
        let store = try Store(root: cache, writable: false)
        #expect(!store.exists)
        let g = try graph(chainManifest, registry: toyRegistry(Counter()))
        let statuses = Status.evaluate(graph: g, store: store)
        #expect(statuses.count == g.tasks.count && statuses.allSatisfy { $0.state == .missing })
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        // Nor in an existing cache: nothing is created beside what is there.
        try FileManager.default.createDirectory(at: cache.appendingPathComponent("entries"), withIntermediateDirectories: true)
        #expect(try Store(root: cache, writable: false).exists)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path) == ["entries"])
    }
}
