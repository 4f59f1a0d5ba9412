import Foundation

extension Figure {
    /// Writes several figures as `<name>.png` and `<name>.pdf` into `directory`, in parallel
    /// (each figure is independent; the files are the same whatever the order).
    public static func writeAll(_ figures: [(name: String, figure: Figure)], to directory: URL) throws {
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: figures.count) { k in
            do { try figures[k].figure.write(to: directory, baseName: figures[k].name) } catch { errors.record(error) }
        }
        if let e = errors.first { throw e }
    }
}

/// The first error thrown by any of the parallel writers.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func record(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var first: Error? { lock.lock(); defer { lock.unlock() }; return error }
}
