/// Cooperative cancellation: a flag set by Ctrl-C/SIGTERM (or a test), read by the scheduler
/// (launches nothing new) and by tasks (checkpoint and stop). A second signal exits at once.
/// The signal handler only bumps a counter (async-signal-safe); a watcher thread acts on it.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Signals received so far and the last one; written only by the C signal handler.
nonisolated(unsafe) private var signalCount: Int32 = 0
nonisolated(unsafe) private var lastSignal: Int32 = 0

/// A thread-safe cancellation flag.
public final class CancellationToken: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }

    public func cancel() { lock.lock(); cancelled = true; lock.unlock() }

    /// The last signal the installed handlers received, if any (exit status 128 + signal).
    public static var receivedSignal: Int32? { signalCount == 0 ? nil : lastSignal }

    /// Routes `signals` (SIGINT and SIGTERM by default) to `cancel()`. With `exitOnRepeat`, a
    /// second signal exits with status 130 (interactive use); without, every signal only asks to
    /// stop (a batch worker that must always checkpoint). `onSignal` is called once per signal.
    /// Call once per process.
    public func installSignalHandlers(signals: [Int32] = [SIGINT, SIGTERM], exitOnRepeat: Bool = true,
                                      onSignal: @escaping @Sendable (Int32) -> Void = { _ in }) {
        for sig in signals {
            signal(sig) { s in
                lastSignal = s
                signalCount &+= 1
            }
        }
        let watcher = Thread { [self] in
            var seen: Int32 = 0
            while true {
                Thread.sleep(forTimeInterval: 0.05)
                let count = signalCount
                guard count != seen else { continue }
                seen = count
                if exitOnRepeat && isCancelled { exit(128 + lastSignal) }
                cancel()
                onSignal(lastSignal)
            }
        }
        watcher.start()
    }
}
