import Model
@testable import MonteCarlo
import Randomness
import Testing

@Suite struct ReproducibilityTests {
    @Test func sameSeedSameTrajectory() throws {
        let a = try meltedSimulation(seed: 3, temperature: 0.7), b = try meltedSimulation(seed: 3, temperature: 0.7)
        for _ in 0..<10 { a.performSweep(); b.performSweep() }
        #expect(a.configuration == b.configuration)
        #expect(a.stream == b.stream && a.acceptedMoves == b.acceptedMoves)
    }

    @Test func differentStreamsDiffer() throws {
        let c = try meltedSimulation(seed: 3).configuration
        let p = try MonteCarloParameters(temperature: 0.7)
        let a = try MonteCarloSimulation(configuration: c, parameters: p, stream: RandomStream(seed: 1, purpose: .relaxationRun, indices: [0]))
        let b = try MonteCarloSimulation(configuration: c, parameters: p, stream: RandomStream(seed: 1, purpose: .relaxationRun, indices: [1]))
        for _ in 0..<3 { a.performSweep(); b.performSweep() }
        #expect(a.configuration != b.configuration)
    }

    @Test func skinChangesSpeedNotResults() throws {
        // Energy sums do not depend on list membership, so the trajectory is the same bit for bit.
        let c = try meltedSimulation(seed: 4).configuration
        let run = { (skin: Double) -> Configuration in
            let s = try MonteCarloSimulation(configuration: c, parameters: MonteCarloParameters(temperature: 0.8, skin: skin),
                                             stream: RandomStream(seed: 9, purpose: .testData))
            for _ in 0..<15 { s.performSweep() }
            return s.configuration
        }
        #expect(try run(0.12) == run(0.6))
    }

    @Test func invalidParametersAreRejected() {
        #expect(throws: MonteCarloError.self) { try MonteCarloParameters(temperature: -1) }
        #expect(throws: MonteCarloError.self) { try MonteCarloParameters(temperature: 0.5, maxDisplacement: 0) }
        #expect(throws: MonteCarloError.self) {
            try MonteCarloSimulation(configuration: Configuration(boxLength: 4, x: [0, 1], y: [0, 1], species: [.small, .large]),
                                     parameters: MonteCarloParameters(temperature: 1), stream: RandomStream(seed: 1, purpose: .testData))
        }
    }
}
