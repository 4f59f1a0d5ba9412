/// Progress display: on a terminal, one line redrawn twice a second with each running task's
/// fraction, rate and ETA; otherwise (CI logs) a plain line every `interval` seconds.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How progress is shown.
public enum ProgressStyle: Sendable {
    /// `.terminal` when stderr is a TTY, `.plain(interval: 10)` otherwise.
    case automatic
    case terminal
    case plain(interval: Double)
    case none

    var resolved: ProgressStyle {
        if case .automatic = self { return isatty(2) != 0 ? .terminal : .plain(interval: 10) }
        return self
    }
}

/// Tracks running tasks and prints progress from a ticker thread.
final class ProgressBoard: @unchecked Sendable {
    private struct Entry {
        var started: Double
        var done = 0.0
        var total = 0.0
        var unit = ""
    }
    private let lock = NSLock()
    private var running: [TaskID: Entry] = [:]
    private var finished = 0
    private let totalTasks: Int
    private let style: ProgressStyle
    private let log: @Sendable (String) -> Void
    private var stopped = false
    private var lastPlain = now()
    private var lineShown = false

    init(totalTasks: Int, style: ProgressStyle, log: @escaping @Sendable (String) -> Void) {
        self.totalTasks = totalTasks
        self.style = style.resolved
        self.log = log
    }

    func start() {
        if case .none = style { return }
        let t = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 0.5)
                lock.lock()
                if stopped { lock.unlock(); return }
                lock.unlock()
                tick()
            }
        }
        t.start()
    }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
        clearLine()
    }

    func taskStarted(_ id: TaskID) { lock.lock(); running[id] = Entry(started: now()); lock.unlock() }
    func taskEnded(_ id: TaskID) { lock.lock(); running[id] = nil; finished += 1; lock.unlock() }
    func update(_ id: TaskID, done: Double, total: Double, unit: String) {
        lock.lock()
        if running[id] == nil { running[id] = Entry(started: now()) }
        running[id]!.done = done
        running[id]!.total = total
        running[id]!.unit = unit
        lock.unlock()
    }

    /// Prints a complete line, clearing a terminal progress line first.
    func print(_ line: String) {
        clearLine()
        log(line)
    }

    private func clearLine() {
        lock.lock(); defer { lock.unlock() }
        if lineShown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)); lineShown = false }
    }

    private func tick() {
        let text = describe()
        switch style {
        case .terminal:
            lock.lock()
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
            lineShown = true
            lock.unlock()
        case .plain(let interval):
            lock.lock()
            let due = now() - lastPlain >= interval
            if due { lastPlain = now() }
            lock.unlock()
            if due { log("progress: " + text) }
        default: break
        }
    }

    func describe() -> String {
        lock.lock(); defer { lock.unlock() }
        let t = now()
        var parts = ["\(finished)/\(totalTasks) tasks"]
        for (id, e) in running.sorted(by: { $0.key < $1.key }) {
            guard e.total > 0 else { parts.append("\(id) running \(Self.duration(t - e.started))"); continue }
            let rate = e.done / max(t - e.started, 1e-9)
            let eta = rate > 0 ? Self.duration((e.total - e.done) / rate) : "?"
            let percent = String(format: "%.0f%%", 100 * e.done / e.total)
            parts.append("\(id) \(percent) \(Self.count(rate)) \(e.unit.isEmpty ? "units" : e.unit)/s ETA \(eta)")
        }
        return parts.joined(separator: " | ")
    }

    static func count(_ x: Double) -> String {
        x >= 1e6 ? String(format: "%.2fM", x / 1e6) : x >= 1e3 ? String(format: "%.1fk", x / 1e3) : String(format: "%.1f", x)
    }

    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        let n = Int(s.rounded())
        return n >= 3600 ? String(format: "%dh%02dm", n / 3600, n % 3600 / 60) : n >= 60 ? String(format: "%dm%02ds", n / 60, n % 60) : "\(n)s"
    }
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
