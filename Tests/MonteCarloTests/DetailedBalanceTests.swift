import Foundation
import Model
@testable import MonteCarlo
import Randomness
import Testing

@Suite struct DetailedBalanceTests {
    /// Two particles (S and L, ε = 1, σ = 1) in a periodic box: the fraction of time they are
    /// closer than 1.5 must match the Boltzmann weight ∫_{r<1.5} e^{−v/T} d²r / ∫_box e^{−v/T} d²r.
    @Test func twoParticleBondFractionMatchesBoltzmann() throws {
        let l = 8.0, t = 1.0, bound = 1.5
        let v = PairPotential()
        // Exact weights by Simpson's rule in r (the cutoff circle lies inside the box).
        func radial(_ a: Double, _ b: Double) -> Double {
            let steps = 20_000, h = (b - a) / Double(steps)
            var s = 0.0
            for k in 0...steps {
                let r = a + Double(k) * h, w = (k == 0 || k == steps) ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)
                s += w * r * exp(-v.energy(r: r, .small, .large) / t)
            }
            return 2 * Double.pi * s * h / 3
        }
        let rc = 2.5
        let inside = radial(0.3, bound), shell = radial(bound, rc)
        let exact = inside / (inside + shell + (l * l - Double.pi * rc * rc))

        let c = Configuration(boxLength: l, x: [1, 2.2], y: [1, 1], species: [.small, .large])
        let sim = try MonteCarloSimulation(configuration: c, parameters: MonteCarloParameters(temperature: t, maxDisplacement: 0.9, skin: 0.9),
                                           stream: RandomStream(seed: 17, purpose: .testData))
        let blocks = 20, perBlock = 10_000
        var fractions: [Double] = []
        for _ in 0..<blocks {
            var hits = 0
            for _ in 0..<perBlock {
                sim.performSweep()
                let (dx, dy) = sim.configuration.separation(0, 1)
                if dx * dx + dy * dy < bound * bound { hits += 1 }
            }
            fractions.append(Double(hits) / Double(perBlock))
        }
        let mean = fractions.reduce(0, +) / Double(blocks)
        let error = (fractions.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(blocks - 1) / Double(blocks)).squareRoot()
        #expect(exact > 0.05 && exact < 0.95) // a non-trivial observable
        #expect(abs(mean - exact) < 4 * error, "MC \(mean) ± \(error) vs exact \(exact)")
    }
}
