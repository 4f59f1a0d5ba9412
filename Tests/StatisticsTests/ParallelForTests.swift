import Testing
import Statistics
import Dispatch

@Suite struct ParallelForTests {
    final class Slots: @unchecked Sendable {
        var values: [Int]
        init(_ n: Int) { values = Array(repeating: 0, count: n) }
    }

    /// Every task runs exactly once whatever the worker count, so each slot ends at 1.
    @Test(arguments: [1, 2, 3, 7, 64])
    func everyTaskRunsOnce(workers: Int) {
        let slots = Slots(37)
        slots.values.withUnsafeMutableBufferPointer { buffer in
            let b = buffer
            parallelFor(37, workers: workers) { b[$0] += 1 }
        }
        #expect(slots.values == Array(repeating: 1, count: 37))
    }

    @Test func zeroTasksRunNothing() {
        var ran = false
        parallelFor(0, workers: 4) { _ in ran = true }
        #expect(!ran)
    }
}
