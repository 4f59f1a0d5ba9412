import Model
@testable import MonteCarlo
import Randomness
import TestSupport

/// A small liquid without overlaps: an ideal-gas sample melted at T = 2 until no pair is inside
/// the engine's capped core (x = r²/σ² < 1/4), where it departs from the plain potential.
func meltedSimulation(n: Int = 100, seed: UInt64 = 1, temperature: Double = 2.0, sweeps: Int = 30,
                      swapFraction: Double = 0) throws -> MonteCarloSimulation {
    let sim = try MonteCarloSimulation(configuration: Fixtures.randomMixture(n: n, seed: seed),
                                       parameters: MonteCarloParameters(temperature: 2.0),
                                       stream: RandomStream(seed: seed, purpose: .testData))
    for _ in 0..<sweeps { sim.performSweep() }
    while closestPairX(sim.configuration) < 0.3 { for _ in 0..<10 { sim.performSweep() } }
    sim.setParameters(try MonteCarloParameters(temperature: temperature, swapFraction: swapFraction))
    return sim
}

/// Brute-force total energy of a configuration (Model's O(N²) reference).
func bruteEnergy(_ c: Configuration) -> Double { c.potentialEnergyBruteForce(PairPotential()) }

/// The smallest r²/σ²_αβ over all pairs.
func closestPairX(_ c: Configuration) -> Double {
    let v = PairPotential()
    var smallest = Double.infinity
    for i in 0..<c.count {
        for j in (i + 1)..<c.count {
            let (dx, dy) = c.separation(i, j)
            smallest = min(smallest, (dx * dx + dy * dy) / v.sigma2[PairPotential.pairType(c.species[i], c.species[j])])
        }
    }
    return smallest
}
