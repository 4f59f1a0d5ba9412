/// Cooperative cancellation: a flag set by Ctrl-C/SIGTERM (or a test), read by the scheduler
/// (launches nothing new) and by tasks (checkpoint and stop). A second signal exits at once.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A thread-safe cancellation flag.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var sources: [DispatchSourceSignal] = []

    public init() {}

    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

    public func cancel() { lock.lock(); cancelled = true; lock.unlock() }

    /// Routes SIGINT and SIGTERM to `cancel()`; a second signal exits with status 130.
    /// `onSignal` is called (once per signal) to print a message.
    public func installSignalHandlers(onSignal: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { [weak self] in
                guard let self else { return }
                if self.isCancelled { exit(130) }
                self.cancel()
                onSignal(sig)
            }
            src.resume()
            lock.lock(); sources.append(src); lock.unlock()
        }
    }
}
