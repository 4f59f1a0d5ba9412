/// Pruning of published directories (`results/<profile>/`, `figures/<profile>/`): after a run
/// they hold exactly what this run publishes, plus whatever a user put there.
///
/// What we published is recorded in `<directory>/.exported.json` (path → SHA-256), written
/// atomically. A run first records the union of the old and the new files (its intent), then
/// copies the new files, then removes the old ones it no longer publishes, then records only the
/// new ones. A crash at any point leaves a record that covers every file we may have written, so
/// the next run finishes the pruning. We do not build a new tree beside the old one and rename
/// it: the directory may hold the user's own files, and unchanged files are not rewritten.
/// A file not in the record (the user's, or exported by a version without the record) is never
/// removed, nor is a recorded file whose content changed since (someone edited it).
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file a run publishes: its path under the published directory and its content.
public struct PublishedFile: Sendable {
    public var path: String
    public var source: URL
    public var sha256: String
    public var bytes: Int

    public init(path: String, source: URL, sha256: String, bytes: Int) {
        self.path = path; self.source = source; self.sha256 = sha256; self.bytes = bytes
    }
}

enum ExportRecord {
    static let fileName = ".exported.json"

    private struct File: Codable {
        var files: [String: String]
    }

    /// Path → SHA-256 of what we published in `directory`; empty when there is no readable record.
    static func read(_ directory: URL) -> [String: String] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(fileName).path),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [:] }
        return file.files.filter { isRelative($0.key) }
    }

    /// A path that stays under the directory: relative, no empty, "." or ".." component. An
    /// edited record cannot make a run remove anything outside.
    static func isRelative(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !parts.isEmpty && !parts.contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }

    static func write(_ files: [String: String], to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try Publishing.writeAtomically(try encoder.encode(File(files: files)), to: directory.appendingPathComponent(fileName))
        } catch {
            throw StoreError("cannot write \(directory.appendingPathComponent(fileName).path): \((error as NSError).localizedDescription)")
        }
    }
}

extension Publishing {
    /// Publishes `files` under `directory` (created) and, when `prune`, removes what an earlier run
    /// published there and this one does not (see the file comment). Call holding the directory's
    /// publishing lock. Returns problems as messages; `log` hears about kept edited files.
    public static func publishTree(_ files: [PublishedFile], in directory: URL, prune: Bool = true,
                                   log: (String) -> Void = { _ in }) -> [String] {
        let old = ExportRecord.read(directory)
        var record = old
        for f in files { record[f.path] = f.sha256 }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try ExportRecord.write(record, to: directory)
        } catch {
            return ["cannot publish to \(directory.path): \(error)"]
        }
        var errors: [String] = []
        for f in files {
            let dst = directory.appendingPathComponent(f.path)
            if let st = Store.stat(dst.path), st.size == f.bytes, (try? Store.sha256(path: dst.path)) == f.sha256,
               !isLink(dst, to: f.source) { continue }
            do {
                try copyAtomically(from: f.source, to: dst)
            } catch {
                errors.append("cannot publish \(f.path) to \(dst.path): \(error)")
                record[f.path] = old[f.path]  // what is there is what was there
            }
        }
        if prune {
            let wanted = Set(files.map(\.path))
            for (path, sha) in old.sorted(by: { $0.key < $1.key }) where !wanted.contains(path) {
                let url = directory.appendingPathComponent(path)
                guard Store.stat(url.path) != nil else { record[path] = nil; continue }  // already gone
                guard (try? Store.sha256(path: url.path)) == sha else {
                    log("kept \(url.path): changed since it was published, so it is not ours to remove")
                    record[path] = nil
                    continue
                }
                if unlink(url.path) == 0 || errno == ENOENT {
                    record[path] = nil
                    removeEmptyDirectories(from: url.deletingLastPathComponent(), upTo: directory)
                } else {
                    errors.append("cannot remove \(url.path), no longer published: \(String(cString: strerror(errno)))")
                }
            }
        }
        do { try ExportRecord.write(record, to: directory) } catch { errors.append("\(error)") }
        return errors
    }

    /// Removes `dir` and its parents below `root` while they are empty (rmdir refuses otherwise).
    private static func removeEmptyDirectories(from dir: URL, upTo root: URL) {
        let top = root.standardizedFileURL.pathComponents
        var d = dir.standardizedFileURL
        while d.pathComponents.count > top.count, d.pathComponents.starts(with: top), rmdir(d.path) == 0 {
            d = d.deletingLastPathComponent()
        }
    }
}
