/// Publishes chosen files of finished tasks under `results/<profile>/<readable path>` as the
/// join's export rules say. Exports are copies, never hard links: a user who edits a result must
/// not change the cache behind its checksum. A file whose content already matches the entry's
/// SHA-256 is left alone; anything else is copied to a temporary name and renamed, under a lock
/// per export directory, so concurrent runs never see or leave a half-written file. Files an
/// earlier run exported and this one does not are removed (see ExportRecord.swift).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum Exporter {
    /// Exports every task with metadata in `metadata`; returns problems as messages. With `prune`,
    /// files an earlier run exported and this one does not are removed (`publishTree`).
    static func export(graph: TaskGraph, store: Store, metadata: [TaskID: EntryMetadata], to directory: URL, prune: Bool = true,
                       log: (String) -> Void = { _ in }) -> [String] {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return try Publishing.withLock(for: directory, log: log) {
                Publishing.removeTemporaries(in: directory)
                var (files, errors) = exportedFiles(graph: graph, store: store, metadata: metadata)
                errors += Publishing.publishTree(files, in: directory, prune: prune, log: log)
                return errors
            }
        } catch {
            return ["cannot export to \(directory.path): \(error)"]
        }
    }

    /// What the join's export rules publish for the tasks with metadata, in graph order.
    private static func exportedFiles(graph: TaskGraph, store: Store, metadata: [TaskID: EntryMetadata]) -> ([PublishedFile], [String]) {
        var files: [PublishedFile] = []
        var errors: [String] = []
        for node in graph.tasks {
            guard let meta = metadata[node.id] else { continue }
            let items = node.kind.exports(ExportContext(taskID: node.id, kind: node.kind.name, parameters: node.parameters,
                                                        files: meta.files.map(\.name)))
            for item in items {
                guard let record = meta.files.first(where: { $0.name == item.file }) else {
                    errors.append("\(node.id) has no file '\(item.file)' to export as \(item.path)"); continue
                }
                files.append(PublishedFile(path: item.path, source: store.filesDirectory(node.key).appendingPathComponent(item.file),
                                           sha256: record.sha256, bytes: record.bytes))
            }
        }
        return (files, errors)
    }
}

/// Writing user-facing files: atomic copies and the per-directory publishing lock.
public enum Publishing {
    /// Runs `body` holding the publishing lock of `directory` (`<parent>/.<name>.lock`, e.g.
    /// `results/.smoke.lock`); logs once when another run holds it and this one waits.
    public static func withLock<T>(for directory: URL, log: (String) -> Void, _ body: () throws -> T) throws -> T {
        let dir = directory.standardizedFileURL
        let lock = dir.deletingLastPathComponent().appendingPathComponent(".\(dir.lastPathComponent).lock")
        return try FileLock.withLock(lock, onWait: {
            log("waiting: another run is publishing \(dir.path) (lock \(lock.path))")
        }, body)
    }

    /// Copies `src` to `dst` through a temporary file next to `dst`, then renames it: readers and
    /// concurrent writers see the old file or the complete new one. The copy is a new inode
    /// with mode 0644. A plain copy, not a reflink: cloning may touch the source inode (XFS marks
    /// it shared), and the cache's quick check relies on entry files' ctimes never moving.
    public static func copyAtomically(from src: URL, to dst: URL) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
        let tmp = temporary(for: dst)
        do {
            try copyContents(src.path, tmp.path)
            guard rename(tmp.path, dst.path) == 0 else { throw StoreError("cannot rename \(tmp.path) → \(dst.path): \(String(cString: strerror(errno)))") }
        } catch {
            unlink(tmp.path)
            throw error
        }
    }

    /// Writes `data` to `dst` the same way (a temporary name `removeTemporaries` knows, renamed).
    static func writeAtomically(_ data: Data, to dst: URL) throws {
        let tmp = temporary(for: dst)
        do {
            try data.write(to: tmp)
            guard rename(tmp.path, dst.path) == 0 else { throw StoreError("cannot rename \(tmp.path) → \(dst.path): \(String(cString: strerror(errno)))") }
        } catch {
            unlink(tmp.path)
            throw error
        }
    }

    /// `.<name>.<pid>.<uuid>.tmp` beside `dst`.
    private static func temporary(for dst: URL) -> URL {
        dst.deletingLastPathComponent().appendingPathComponent(".\(dst.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp")
    }

    /// Removes what `copyAtomically` leaves behind when killed (`.<name>.<pid>.<uuid>.tmp`) under
    /// `directory`. Call holding the directory's publishing lock: then no copy is in flight.
    public static func removeTemporaries(in directory: URL) {
        guard let e = FileManager.default.enumerator(atPath: directory.path) else { return }
        while let rel = e.nextObject() as? String {
            let parts = (rel as NSString).lastPathComponent.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 5, parts[0].isEmpty, parts.last == "tmp", UUID(uuidString: String(parts[parts.count - 2])) != nil,
                  Int32(parts[parts.count - 3]) != nil else { continue }
            unlink(directory.appendingPathComponent(rel).path)
        }
    }

    /// True when `a` and `b` are the same inode (a hard link left by an older version).
    static func isLink(_ a: URL, to b: URL) -> Bool {
        guard let x = Store.identity(a.path) else { return false }
        return x == Store.identity(b.path)
    }

    private static func copyContents(_ src: String, _ dst: String) throws {
        let input = open(src, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw StoreError("cannot read \(src): \(String(cString: strerror(errno)))") }
        defer { close(input) }
        let output = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw StoreError("cannot create \(dst): \(String(cString: strerror(errno)))") }
        var ok = false
        defer { close(output); if !ok { unlink(dst) } }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 { if errno == EINTR { continue }; throw StoreError("cannot read \(src): \(String(cString: strerror(errno)))") }
            var off = 0
            while off < n {
                let w = buffer.withUnsafeBytes { write(output, $0.baseAddress! + off, n - off) }
                if w < 0 { if errno == EINTR { continue }; throw StoreError("cannot write \(dst): \(String(cString: strerror(errno)))") }
                off += w
            }
        }
        ok = true
    }
}
