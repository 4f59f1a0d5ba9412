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

@Suite struct RelaxationResultTests {
    @Test func halvesAverageTheirOrigins() {
        let r = RelaxationResult(times: [1, 2], perOrigin: [[0.9, 0.5], [0.7, 0.3], [0.8, 0.4], [0.6, 0.2]], waveNumber: 6.3)
        #expect(abs(r.halves.early[0] - 0.8) < 1e-15 && abs(r.halves.early[1] - 0.4) < 1e-15)
        #expect(abs(r.halves.late[0] - 0.7) < 1e-15 && abs(r.halves.late[1] - 0.3) < 1e-15)
        #expect(abs(r.maxHalfDifference - 0.1) < 1e-12)
        #expect(abs(r.fs[0] - 0.75) < 1e-15 && abs(r.fs[1] - 0.35) < 1e-15)
    }
}
