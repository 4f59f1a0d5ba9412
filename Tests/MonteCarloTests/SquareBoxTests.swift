import Model
@testable import MonteCarlo
import Randomness
import Testing
import TestSupport

/// Issue 27 §1: configurations may have rectangular boxes for analysis; the Monte Carlo takes
/// square ones only and says so instead of folding y with the x side.
@Suite struct SquareBoxTests {
    @Test func aRectangularBoxIsRefusedWithAMessage() throws {
        var c = Fixtures.randomMixture(n: 400, seed: 2)
        c.ly = c.lx * 1.25
        #expect { try MonteCarloSimulation(configuration: c, parameters: MonteCarloParameters(temperature: 1),
                                           stream: RandomStream(seed: 1, purpose: .relaxationRun, indices: [0])) } throws: { e in
            "\(e)".contains("a square box (Lx = Ly); rectangular boxes are for analysis only")
        }
        #expect(throws: ModelError.self) { try c.requireSquare(path: "c.xyz") }
        c.ly = c.lx
        try c.requireSquare(path: "c.xyz")
    }
}
