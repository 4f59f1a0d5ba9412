import Foundation
@testable import Dynamics
import Model
import MonteCarlo
import Testing
import TestSupport

/// Issue 14, item 7: every count is bounded to what the engine can represent and run.
@Suite struct DynamicsLimitsTests {
    @Test func logSpacedTimesTerminateForTheLargestInt() {
        // Int(pow(10, e)) trapped (or, unchecked, looped for ever) once 10^e passed Int.max.
        let t = logSpacedTimes(maximum: Int.max, perDecade: 8)
        #expect(t.last == Int.max && zip(t, t.dropFirst()).allSatisfy { $0 < $1 } && t.count < 200)
        #expect(logSpacedTimes(maximum: 1000, perDecade: 8) == logSpacedTimes(maximum: 1000)) // unchanged grid
    }

    @Test func relaxationRunRefusesCountsBeyondTheEngine() {
        #expect { try RelaxationRun(temperature: 0.5, maxLag: 9_223_372_036_854_775_807) } throws: { e in
            "\(e)" == "invalid maxLag = 9223372036854775807: expected a whole number in 1…100000000000 (10^11)"
        }
        #expect { try RelaxationRun(temperature: 0.5, maxLag: 100, origins: Int.max) } throws: { e in "\(e)".contains("origins") }
        #expect { try RelaxationRun(temperature: 0.5, maxLag: 100, lagsPerDecade: Int.max) } throws: { e in "\(e)".contains("lagsPerDecade") }
        // Each count fits but the trajectory (origins − 1)·spacing + maxLag does not.
        #expect { try RelaxationRun(temperature: 0.5, maxLag: EngineLimits.maxSweeps, origins: 4) } throws: { e in
            "\(e)".contains("trajectory length") && "\(e)".contains("250000000000 sweeps")
        }
        #expect(throws: Never.self) { try RelaxationRun(temperature: 0.5, maxLag: EngineLimits.maxSweeps, origins: 1) }
    }

    @Test func ensembleRefusesCountsBeyondTheEngine() {
        #expect { try IsoconfigurationalEnsemble(temperature: 0.5, runs: 30, times: [Int.max]) } throws: { e in "\(e)".contains("last time") }
        #expect { try IsoconfigurationalEnsemble(temperature: 0.5, runs: Int.max, times: [10]) } throws: { e in
            "\(e)" == "invalid runs = 9223372036854775807: expected a whole number in 1…100000 (10^5)"
        }
    }

    @Test func aCancelledEnsembleSkipsRunsNotYetStarted() throws {
        let flag = CancellationFlag()
        flag.cancel()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("iso-cancel-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = Fixtures.randomMixture(n: 400)
        let e = try IsoconfigurationalEnsemble(temperature: 0.5, runs: 8, times: [10])
        #expect(throws: DynamicsError.cancelled) {
            try e.compute(from: start, seed: 1, checkpointDirectory: dir, threads: 2, cancellation: flag)
        }
        // No run had state worth a checkpoint.
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).isEmpty)
    }
}
