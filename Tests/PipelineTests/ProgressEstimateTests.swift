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
