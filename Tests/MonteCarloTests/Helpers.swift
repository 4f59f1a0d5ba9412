import Model
@testable import MonteCarlo
import Randomness
import TestSupport

/// A small liquid without overlaps: an ideal-gas sample melted briefly at T = 2.
func meltedSimulation(n: Int = 100, seed: UInt64 = 1, temperature: Double = 2.0, sweeps: Int = 30,
                      swapFraction: Double = 0) throws -> MonteCarloSimulation {
    let sim = try MonteCarloSimulation(configuration: Fixtures.randomMixture(n: n, seed: seed),
                                       parameters: MonteCarloParameters(temperature: 2.0),
                                       stream: RandomStream(seed: seed, purpose: .testData))
    for _ in 0..<sweeps { sim.performSweep() }
    sim.setParameters(try MonteCarloParameters(temperature: temperature, swapFraction: swapFraction))
    return sim
}

/// Brute-force total energy of a configuration (Model's O(N²) reference).
func bruteEnergy(_ c: Configuration) -> Double { c.potentialEnergyBruteForce(PairPotential()) }
