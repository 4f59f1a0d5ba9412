/// The content-addressed store. Layout under `root`:
///   entries/<key>/metadata.json, entries/<key>/files/…   finished entries (files read-only)
///   tmp/<key>.<uuid>                                     entries being built (under the key's lock); renamed into place
///   scratch/<key>/                                       checkpoints of unfinished tasks
///   locks/<key>.lock                                     flock per key (across processes)
///   records/<profile>/<task id>.json                     last definition per task, for `status`
/// Entries are immutable once renamed into place; a corrupt one is moved aside and rebuilt.
import Foundation
import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How thoroughly to check a stored entry.
public enum VerifyMode: Sendable {
    /// Sizes, modification and status-change times from the metadata; a file whose mtime or
    /// ctime moved is hashed. The ctime catches an edit whose mtime was put back (`rsync -t`,
    /// `touch -d`): nobody can set it, and nothing the pipeline does changes it after commit.
    case quick
    /// Hash every file.
    case full
}

/// Result of checking an entry.
public enum EntryCheck: Sendable {
    case intact(EntryMetadata)
    case missing
    case corrupt(String)
}

/// A content-addressed cache directory shared by executors and processes.
public final class Store: Sendable {
    public let root: URL

    /// False when a read-only store was opened at a path that does not exist (nothing computed).
    public let exists: Bool

    static let directories = ["entries", "tmp", "scratch", "locks", "records"]

    /// Opens the store at `root`, creating it if needed; with `writable` false (`repro status`)
    /// nothing is created or written. Checks before any compute that this process can read (and,
    /// when writable, write) every directory of the store: otherwise every task would run and
    /// fail to be stored, or look missing. `access` is access(2) (injectable: root passes it).
    public init(root: URL, writable: Bool = true, access: (String, Int32) -> Bool = Store.canAccess) throws {
        self.root = root.standardizedFileURL
        let fm = FileManager.default
        var isDir: ObjCBool = false
        exists = fm.fileExists(atPath: self.root.path, isDirectory: &isDir)
        if exists, !isDir.boolValue {
            throw StoreError("the cache \(self.root.path) is a file, not a directory: point the cache option at a directory (it is created if missing)")
        }
        if exists, !access(self.root.path, R_OK | X_OK) { throw Self.denied(self.root, writable: false) }
        for d in Self.directories {
            let url = self.root.appendingPathComponent(d)
            if fm.fileExists(atPath: url.path, isDirectory: &isDir) {
                guard isDir.boolValue else {
                    throw StoreError("the cache directory \(url.path) is a file, not a directory: the cache is damaged; move it away or point the cache option at another directory")
                }
            } else if writable {
                do { try fm.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                    throw StoreError("cannot create the cache directory \(url.path): \((error as NSError).localizedDescription)")
                }
            } else {
                continue
            }
            guard access(url.path, writable ? R_OK | W_OK | X_OK : R_OK | X_OK) else { throw Self.denied(url, writable: writable) }
        }
    }

    private static func denied(_ url: URL, writable: Bool) -> StoreError {
        StoreError("cannot \(writable ? "read and write" : "read") the cache directory \(url.path) (permission denied for this user): "
                   + (writable ? "every task would be computed and then fail to be stored. "
                               : "the cache is unreadable, so which tasks are done is unknown. ")
                   + "Give this user access (chmod u+rwx) or point the cache option at another directory")
    }

    /// access(2) for the effective user: what this process may really do (root may do anything).
    public static func canAccess(_ path: String, _ mode: Int32) -> Bool {
        faccessat(AT_FDCWD, path, mode, AT_EACCESS) == 0
    }

    public func entryDirectory(_ key: String) -> URL { root.appendingPathComponent("entries/\(key)") }
    public func filesDirectory(_ key: String) -> URL { entryDirectory(key).appendingPathComponent("files") }
    public func scratchDirectory(_ key: String) -> URL { root.appendingPathComponent("scratch/\(key)") }

    /// True when the task with `key` left files in its scratch directory (an interrupted run's checkpoints).
    public func hasCheckpoints(_ key: String) -> Bool {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: scratchDirectory(key).path)) ?? []
        return !files.isEmpty
    }

    /// Metadata of an entry without checking its files.
    public func metadata(_ key: String) -> EntryMetadata? {
        guard let data = FileManager.default.contents(atPath: entryDirectory(key).appendingPathComponent("metadata.json").path) else { return nil }
        return try? JSONDecoder().decode(EntryMetadata.self, from: data)
    }

    /// Checks an entry: metadata readable and for this key, every file present with its size,
    /// and its checksum (always in `.full`; in `.quick` only when the mtime or ctime moved).
    public func check(_ key: String, mode: VerifyMode) -> EntryCheck {
        let dir = entryDirectory(key)
        let metaPath = dir.appendingPathComponent("metadata.json").path
        guard let data = FileManager.default.contents(atPath: metaPath) else {
            return FileManager.default.fileExists(atPath: dir.path) ? .corrupt("metadata.json missing") : .missing
        }
        guard let meta = try? JSONDecoder().decode(EntryMetadata.self, from: data) else { return .corrupt("metadata.json unreadable") }
        guard meta.key == key else { return .corrupt("metadata.json names key \(meta.key)") }
        let files = filesDirectory(key)
        for f in meta.files {
            let path = files.appendingPathComponent(f.name).path
            guard let st = Self.stat(path) else { return .corrupt("file \(f.name) missing") }
            if st.size != f.bytes { return .corrupt("file \(f.name) has \(st.size) bytes, expected \(f.bytes)") }
            if mode == .full || st.mtime != f.mtimeNanoseconds || (f.ctimeNanoseconds.map { $0 != st.ctime } ?? false) {
                guard let h = try? Self.sha256(path: path) else { return .corrupt("file \(f.name) unreadable") }
                if h != f.sha256 { return .corrupt("file \(f.name) checksum mismatch") }
            }
        }
        return .intact(meta)
    }

    // MARK: Writing

    /// A fresh temporary directory to build an entry in; its `files` subdirectory is where the
    /// task writes. Call while holding the key's lock: that lock is what marks it as owned
    /// (see `removeOrphans`).
    public func beginEntry(_ key: String) throws -> URL {
        let dir = root.appendingPathComponent("tmp/\(key).\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("files"), withIntermediateDirectories: true)
        return dir
    }

    /// Hashes the files in `pending/files`, writes metadata and renames the directory into place.
    /// Call while holding the key's lock.
    @discardableResult
    public func commit(_ pending: URL, key: String, metadata: (_ files: [FileRecord]) -> EntryMetadata) throws -> EntryMetadata {
        let filesDir = pending.appendingPathComponent("files")
        var records: [FileRecord] = []
        for name in try Self.listFiles(filesDir) {
            let path = filesDir.appendingPathComponent(name).path
            chmod(path, 0o444)  // entries are immutable; also protects hard-linked exports
            guard let st = Self.stat(path) else { throw StoreError("cannot stat \(path)") }
            records.append(FileRecord(name: name, bytes: st.size, sha256: try Self.sha256(path: path), mtimeNanoseconds: st.mtime,
                                      ctimeNanoseconds: st.ctime))
        }
        let meta = metadata(records)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(meta).write(to: pending.appendingPathComponent("metadata.json"))
        let target = entryDirectory(key)
        if FileManager.default.fileExists(atPath: target.path) {
            let trash = root.appendingPathComponent("tmp/\(key).trash-\(UUID().uuidString)")
            try FileManager.default.moveItem(at: target, to: trash)
            try? FileManager.default.removeItem(at: trash)
        }
        guard rename(pending.path, target.path) == 0 else { throw StoreError("cannot rename \(pending.path) → \(target.path): errno \(errno)") }
        return meta
    }

    /// Runs `body` holding an exclusive flock on the key (blocks while another thread or process
    /// holds it; `onWait` is called once first in that case).
    public func withLock<T>(_ key: String, onWait: () -> Void = {}, _ body: () throws -> T) throws -> T {
        try FileLock.withLock(root.appendingPathComponent("locks/\(key).lock"), onWait: onWait, body)
    }

    /// Removes temporary entry directories (`tmp/<key>.*`) that no live process owns, i.e.
    /// whose key lock is free: left by a process killed with SIGKILL or a crashed machine.
    /// Returns the names removed.
    @discardableResult
    public func removeOrphans() -> [String] {
        let tmp = root.appendingPathComponent("tmp")
        let fm = FileManager.default
        var byKey: [String: [String]] = [:]
        var removed: [String] = []
        for name in (try? fm.contentsOfDirectory(atPath: tmp.path)) ?? [] {
            // `trash.<uuid>`: a corrupt entry moved aside by an older version, never owned after that.
            if name.hasPrefix("trash."), UUID(uuidString: String(name.dropFirst(6))) != nil {
                if (try? fm.removeItem(at: tmp.appendingPathComponent(name))) != nil { removed.append(name) }
                continue
            }
            let key = String(name.prefix { $0 != "." })
            guard key.count == 64, key.allSatisfy(\.isHexDigit), name.count > 65 else { continue }
            byKey[key, default: []].append(name)
        }
        for (key, names) in byKey {
            _ = try? FileLock.tryLock(root.appendingPathComponent("locks/\(key).lock")) {
                for n in names where (try? fm.removeItem(at: tmp.appendingPathComponent(n))) != nil { removed.append(n) }
            }
        }
        return removed.sorted()
    }

    // MARK: Records

    private func recordURL(profile: String?, task: TaskID) -> URL {
        root.appendingPathComponent("records/\(profile ?? "base")/\(task.description).json")
    }

    /// The definition `task` was last run or found cached with in `profile`.
    public func record(profile: String?, task: TaskID) -> TaskRecord? {
        guard let data = FileManager.default.contents(atPath: recordURL(profile: profile, task: task).path) else { return nil }
        return try? JSONDecoder().decode(TaskRecord.self, from: data)
    }

    /// Saves a record atomically, skipping the write when it has not changed (same key means
    /// same definition, since the key hashes it).
    public func saveRecord(_ r: TaskRecord, profile: String?, task: TaskID) throws {
        if record(profile: profile, task: task)?.key == r.key { return }
        let url = recordURL(profile: profile, task: task)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(r).write(to: url, options: .atomic)
    }

    // MARK: File helpers

    static func stat(_ path: String) -> (size: Int, mtime: Int64, ctime: Int64)? {
        guard let st = rawStat(path) else { return nil }
        return (Int(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                Int64(st.st_ctim.tv_sec) * 1_000_000_000 + Int64(st.st_ctim.tv_nsec))
    }

    /// Device and inode, to recognise a hard link to the same file.
    static func identity(_ path: String) -> [UInt64]? {
        guard let st = rawStat(path) else { return nil }
        return [UInt64(st.st_dev), UInt64(st.st_ino)]
    }

    /// Streams a file through SHA-256 in 1 MiB chunks.
    public static func sha256(path: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw StoreError("cannot read \(path)") }
        defer { try? h.close() }
        var hasher = SHA256()
        while let chunk = try h.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Regular files under `dir`, relative paths, sorted.
    static func listFiles(_ dir: URL) throws -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir.path) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue {
                out.append(rel)
            }
        }
        return out.sorted()
    }
}

private func rawStat(_ path: String) -> stat? {
    var st = stat()
    return lstat(path, &st) == 0 ? st : nil
}

/// An I/O problem of the store.
public struct StoreError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
