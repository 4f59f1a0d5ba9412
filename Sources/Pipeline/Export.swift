/// Publishes chosen files of finished tasks under `results/<profile>/<readable path>` as the
/// join's export rules say. Hard links when possible (entry files are read-only, so an edit of
/// an exported file cannot silently change the cache), copies otherwise. Already-linked files are
/// skipped, so a no-op run stays cheap.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum Exporter {
    /// Exports every task with metadata in `metadata`; returns problems as messages.
    static func export(graph: TaskGraph, store: Store, metadata: [TaskID: EntryMetadata], to directory: URL) -> [String] {
        var errors: [String] = []
        let fm = FileManager.default
        for node in graph.tasks {
            guard let meta = metadata[node.id] else { continue }
            let files = meta.files.map(\.name)
            let items = node.kind.exports(ExportContext(taskID: node.id, kind: node.kind.name, parameters: node.parameters, files: files))
            for item in items {
                guard files.contains(item.file) else {
                    errors.append("\(node.id) has no file '\(item.file)' to export as \(item.path)"); continue
                }
                let src = store.filesDirectory(node.key).appendingPathComponent(item.file)
                let dst = directory.appendingPathComponent(item.path)
                if let a = Store.identity(src.path), a == Store.identity(dst.path) { continue }
                do {
                    try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
                    if fm.fileExists(atPath: dst.path) || (try? fm.destinationOfSymbolicLink(atPath: dst.path)) != nil {
                        try fm.removeItem(at: dst)
                    }
                    if link(src.path, dst.path) != 0 { try fm.copyItem(at: src, to: dst) }
                } catch {
                    errors.append("\(node.id): cannot export \(item.file) to \(dst.path): \(error)")
                }
            }
        }
        return errors
    }
}
