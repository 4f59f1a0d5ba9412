// The whole run's progress (issue 16 §3): "task k of n, about X min left", estimated from the
// measured rate of the work done so far with tasks weighted by their kind's cost; slow tasks show
// a rate per minute instead of "0.0 steps/s".
import Foundation
import Testing
@testable import Pipeline

/// A clock the test moves by hand.
final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var t = 1000.0
    func advance(_ s: Double) { lock.lock(); t += s; lock.unlock() }
    var read: @Sendable () -> Double { { [self] in lock.lock(); defer { lock.unlock() }; return t } }
}

@Suite struct ProgressEstimateTests {
    let cheap = TaskID(stage: "cheap", index: 0)
    let dear = TaskID(stage: "dear", index: 0)

    @Test func theEstimateWeighsTasksByCost() {
        let clock = FakeClock()
        let board = ProgressBoard(costs: [cheap: 1, dear: 9], style: .none, log: { _ in }, clock: clock.read)
        #expect(board.describe() == "task 1 of 2, estimating time left")
        board.taskStarted(cheap)
        clock.advance(60)
        board.taskEnded(cheap)
        // One unit of ten took a minute: nine minutes remain (not one, as counting tasks would say).
        #expect(board.describe() == "task 2 of 2, about 9 min left")
        board.taskStarted(dear)
        clock.advance(240)
        board.update(dear, done: 6, total: 12, unit: "sweeps")
        // 1 + 4.5 units in 5 min: 4.5 units left ≈ 4.1 min.
        #expect(board.describe().hasPrefix("task 2 of 2, about 4 min left | dear[0] 50% 1.5 sweeps/min ETA 4m00s"))
    }

    @Test func workRestoredFromACheckpointIsNotInTheRate() {
        let clock = FakeClock()
        let board = ProgressBoard(costs: [cheap: 1, dear: 1], style: .none, log: { _ in }, clock: clock.read)
        board.taskStarted(dear)
        // Resumed at 40 of 100 sweeps, then 10 sweeps in a minute: 50 left at 10 per minute, and
        // the run's 1.5 units left at 0.1 unit per minute (not at the 0.5 that counting the 40 gives).
        board.resumed(dear, 40)
        clock.advance(60)
        board.update(dear, done: 50, total: 100, unit: "sweeps")
        #expect(board.describe() == "task 1 of 2, about 15 min left | dear[0] 50% 10.0 sweeps/min ETA 5m00s")
        clock.advance(300)
        board.update(dear, done: 100, total: 100, unit: "sweeps")
        board.taskEnded(dear)
        // The finished task computed 0.6 of its cost in 6 min: the other (cost 1) needs 10.
        #expect(board.describe() == "task 2 of 2, about 10 min left")
    }

    @Test func unitCostsAndLongRuns() {
        let clock = FakeClock()
        let board = ProgressBoard(totalTasks: 3, style: .none, log: { _ in }, clock: clock.read)
        board.taskStarted(cheap)
        clock.advance(3600)
        board.taskEnded(cheap)
        #expect(board.describe() == "task 2 of 3, about 2 h 00 min left")
    }

    @Test func slowRatesAreNeverShownAsZero() {
        #expect(ProgressBoard.rate(0.02, unit: "steps") == " 1.2 steps/min")
        #expect(ProgressBoard.rate(0.0005, unit: "steps") == " 1.8 steps/h")
        #expect(ProgressBoard.rate(2500, unit: "sweeps") == " 2.5k sweeps/s")
        #expect(ProgressBoard.rate(0, unit: "steps") == "")
        #expect(ProgressBoard.left(20) == "under a minute left")
    }

    @Test func stageKindsDefaultToUnitCost() {
        let kind = StageKind("k", version: 1) { _ in }
        #expect(kind.cost(Parameters([:]), [:]) == 1)
    }
}
