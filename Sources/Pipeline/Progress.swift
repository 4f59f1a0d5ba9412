/// Progress display: on a terminal, one line redrawn twice a second; otherwise (CI logs) a plain
/// line every `interval` seconds. The line starts with the whole run ("task 3 of 12, about 14
/// min left": the measured rate of the work done so far, tasks weighted by their kind's `cost`),
/// then each running task's fraction, rate and ETA. Work a task restored from its checkpoints
/// counts as done but not in any rate: a resumed run does not look faster than it is.
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
        /// Part of `done` loaded from checkpoints: not computed in this run, so not in the rate.
        var restored = 0.0
        /// The fractions of the task loaded from checkpoints and computed in this run.
        var restoredFraction: Double { total > 0 ? min(1, restored / total) : 0 }
        var computedFraction: Double { total > 0 ? max(0, min(1, (done - restored) / total)) : 0 }
    }
    private let lock = NSLock()
    private var running: [TaskID: Entry] = [:]
    private var finished = 0
    /// Sum of the costs of the finished tasks.
    private var finishedCost = 0.0
    /// Sum over the finished tasks of the cost computed in this run (not restored from checkpoints).
    private var finishedComputedCost = 0.0
    private let totalTasks: Int
    private let costs: [TaskID: Double]
    private let totalCost: Double
    private let clock: @Sendable () -> Double
    private let runStarted: Double
    private let style: ProgressStyle
    private let log: @Sendable (String) -> Void
    private var stopped = false
    private var lastPlain = now()
    private var lineShown = false

    /// `costs`: every task to run with its relative cost.
    convenience init(costs: [TaskID: Double], style: ProgressStyle, log: @escaping @Sendable (String) -> Void,
                     clock: @escaping @Sendable () -> Double = now) {
        self.init(totalTasks: costs.count, costs: costs, style: style, log: log, clock: clock)
    }

    /// `totalTasks` tasks; those missing from `costs` cost 1.
    /// `clock`: seconds, monotonic (tests pass a fake one).
    init(totalTasks: Int, costs: [TaskID: Double] = [:], style: ProgressStyle, log: @escaping @Sendable (String) -> Void,
         clock: @escaping @Sendable () -> Double = now) {
        self.clock = clock
        self.runStarted = clock()
        self.totalTasks = totalTasks
        self.costs = costs
        self.totalCost = costs.values.reduce(0, +) + Double(max(0, totalTasks - costs.count))
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

    func taskStarted(_ id: TaskID) { lock.lock(); running[id] = Entry(started: clock()); lock.unlock() }
    func taskEnded(_ id: TaskID) {
        lock.lock()
        let cost = costs[id] ?? 1
        let restoredFraction = running[id]?.restoredFraction ?? 0
        running[id] = nil; finished += 1; finishedCost += cost
        finishedComputedCost += cost * (1 - restoredFraction)
        lock.unlock()
    }
    /// `amount` of the task's progress came from a checkpoint (adds up over calls).
    func resumed(_ id: TaskID, _ amount: Double) {
        lock.lock()
        if running[id] == nil { running[id] = Entry(started: clock()) }
        running[id]!.restored += amount
        lock.unlock()
    }
    func update(_ id: TaskID, done: Double, total: Double, unit: String) {
        lock.lock()
        if running[id] == nil { running[id] = Entry(started: clock()) }
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
        let t = clock()
        var parts = [overall(at: t)]
        for (id, e) in running.sorted(by: { $0.key < $1.key }) {
            guard e.total > 0 else { parts.append("\(id) running \(Self.duration(t - e.started))"); continue }
            let rate = max(0, e.done - e.restored) / max(t - e.started, 1e-9)
            let eta = rate > 0 ? Self.duration((e.total - e.done) / rate) : "?"
            let percent = String(format: "%.0f%%", 100 * e.done / e.total)
            parts.append("\(id) \(percent)\(Self.rate(rate, unit: e.unit)) ETA \(eta)")
        }
        return parts.joined(separator: " | ")
    }

    /// "task k of n, about X min left" (k counts finished and running tasks, at least one). Call under the lock.
    private func overall(at t: Double) -> String {
        let k = min(totalTasks, finished + max(1, running.count))
        var text = "task \(k) of \(totalTasks)"
        var done = finishedCost, computed = finishedComputedCost
        for (id, e) in running where e.total > 0 {
            done += (costs[id] ?? 1) * min(1, e.done / e.total)
            computed += (costs[id] ?? 1) * e.computedFraction
        }
        let elapsed = t - runStarted
        if computed > 0, elapsed > 0, totalCost > done {
            text += ", " + Self.left(elapsed / computed * (totalCost - done))
        } else if totalCost > done {
            text += ", estimating time left"
        }
        return text
    }

    /// "about 12 min left", "about 2 h 05 min left", "under a minute left".
    static func left(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "estimating time left" }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 1 { return "under a minute left" }
        if minutes < 90 { return "about \(minutes) min left" }
        return String(format: "about %d h %02d min left", minutes / 60, minutes % 60)
    }

    /// " 1.2k sweeps/s", " 3.0 steps/min" for slow tasks (never "0.0 steps/s"), "" before any progress.
    static func rate(_ perSecond: Double, unit: String) -> String {
        let u = unit.isEmpty ? "units" : unit
        guard perSecond > 0, perSecond.isFinite else { return "" }
        if perSecond >= 1 { return " \(count(perSecond)) \(u)/s" }
        if perSecond * 60 >= 1 { return " \(count(perSecond * 60)) \(u)/min" }
        return " \(count(perSecond * 3600)) \(u)/h"
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

public func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
