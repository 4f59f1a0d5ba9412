import Foundation

/// A flag the engine polls between sweeps; set it (e.g. from a SIGINT handler running on a
/// dispatch queue) to stop a run at the next sweep boundary after writing a checkpoint.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    public init() {}
    public func cancel() { lock.lock(); cancelled = true; lock.unlock() }
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }
}
