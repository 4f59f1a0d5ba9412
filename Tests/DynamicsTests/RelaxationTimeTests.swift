import Foundation
@testable import Dynamics
import Testing

@Suite struct RelaxationTimeTests {
    @Test func interpolatesInLogTime() {
        // F = 1 − 0.2 ln t is linear in ln t, so the interpolation is exact.
        let times = logSpacedTimes(maximum: 100_000, perDecade: 5)
        let f = times.map { 1 - 0.2 * log(Double($0)) }
        let expected = exp((1 - exp(-1)) / 0.2)
        #expect(abs(relaxationTime(times: times, values: f)! - expected) < 1e-9 * expected)
        #expect(relaxationTime(times: times, values: times.map { _ in 0.9 }) == nil)
    }

    @Test func logSpacedTimesAreIncreasingAndEndAtTheMaximum() {
        for m in [1, 2, 7, 1000, 12345] {
            let t = logSpacedTimes(maximum: m, perDecade: 8)
            #expect(t.first == 1 && t.last == m)
            #expect(zip(t, t.dropFirst()).allSatisfy { $0 < $1 })
        }
        #expect(logSpacedTimes(maximum: 1000, perDecade: 1) == [1, 10, 100, 1000])
    }
}
