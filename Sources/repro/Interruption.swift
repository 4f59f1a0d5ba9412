import Dispatch
import Foundation
import Reproduction
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C and SIGTERM for the science commands. The first signal sets the flag the engine polls
/// between sweeps, so a run writes its checkpoint and stops; if the process still runs `grace`
/// seconds later (a setup loop, a very long sweep) or a second signal comes, it exits at once.
/// Every file is written to a temporary name and renamed, so exiting at any point leaves the
/// previous checkpoint intact. Exit status 128 + signal (130 SIGINT, 143 SIGTERM), as shells
/// and CI expect.
enum Interruption {
    /// 128 + the signal that interrupted the run (130 when none was recorded).
    static var exitStatus: Int32 { 128 + (state.signal ?? SIGINT) }

    static func install(grace: Double = 1) -> CancellationFlag {
        let flag = CancellationFlag()
        for s in [SIGINT, SIGTERM] {
            signal(s, SIG_IGN) // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: s, queue: .global())
            source.setEventHandler {
                guard state.record(s) else { exitNow(128 + s, "second signal: exiting now") }
                FileHandle.standardError.write(Data("\nstopping at the next sweep (checkpoints are written)…\n".utf8))
                flag.cancel()
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) {
                    exitNow(128 + s, "no safe stop within \(grace) s: exiting now (every file written so far is complete)")
                }
            }
            source.resume()
            sources.append(source)
        }
        return flag
    }

    private static func exitNow(_ status: Int32, _ message: String) -> Never {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        fflush(stdout)
        _exit(status)
    }

    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let state = SignalRecord()
}

/// The first signal received (thread-safe).
private final class SignalRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Int32?
    var signal: Int32? { lock.lock(); defer { lock.unlock() }; return first }
    /// Records `s`; true if it is the first signal.
    func record(_ s: Int32) -> Bool {
        lock.lock(); defer { lock.unlock() }
        guard first == nil else { return false }
        first = s
        return true
    }
}

/// One progress line on stderr about every 10 % of a stage.
func progressLine(_ stage: String, _ done: Int, _ total: Int) {
    guard total > 0, done * 10 / total != (done - max(1, total / 100)) * 10 / total || done == total else { return }
    FileHandle.standardError.write(Data("\(stage): \(done)/\(total) sweeps\n".utf8))
}
