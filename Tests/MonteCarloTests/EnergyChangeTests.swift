import Foundation
import Model
@testable import MonteCarlo
import Randomness
import Testing

@Suite struct EnergyChangeTests {
    @Test func translationMatchesTwoFullEnergies() throws {
        let sim = try meltedSimulation()
        var rng = RandomStream(seed: 5, purpose: .testData)
        for _ in 0..<200 {
            let i = Int(rng.next() % UInt64(sim.count))
            let dx = (rng.uniform() - 0.5) * 0.12, dy = (rng.uniform() - 0.5) * 0.12
            let before = sim.configuration
            var after = before
            after.x[i] += dx; after.y[i] += dy
            let expected = bruteEnergy(after) - bruteEnergy(before)
            let got = sim.energyChange(sim.slot[i], dx, dy, sim.list)
            #expect(abs(got - expected) <= 1e-9 * max(1, abs(expected)), "particle \(i): \(got) vs \(expected)")
        }
    }

    @Test func movesAcrossThePeriodicBoundary() throws {
        let base = try meltedSimulation().configuration
        for i in [0, 7, 42] {
            // Rigidly translate so particle i sits just inside the corner, then push it across.
            var c = base
            let ox = 0.01 - c.x[i], oy = c.boxLength - 0.01 - c.y[i]
            for k in 0..<c.count { c.x[k] += ox; c.y[k] += oy }
            let sim = try MonteCarloSimulation(configuration: c, parameters: MonteCarloParameters(temperature: 1),
                                               stream: RandomStream(seed: 1, purpose: .testData))
            let dx = -0.05, dy = 0.04
            var after = c
            after.x[i] += dx; after.y[i] += dy
            let expected = bruteEnergy(after) - bruteEnergy(c)
            #expect(expected != 0)
            #expect(abs(sim.energyChange(sim.slot[i], dx, dy, sim.list) - expected) <= 1e-9 * max(1, abs(expected)))
        }
    }

    @Test func acceptedMovesKeepTheEnergyConsistent() throws {
        let sim = try meltedSimulation(temperature: 0.6)
        for _ in 0..<20 { sim.performSweep() }
        let brute = bruteEnergy(sim.configuration)
        #expect(abs(sim.potentialEnergy - brute) <= 1e-9 * abs(brute))
    }

    @Test func swapMatchesTwoFullEnergies() throws {
        let sim = try meltedSimulation(swapFraction: 0.5)
        var rng = RandomStream(seed: 6, purpose: .testData)
        var tested = 0
        while tested < 100 {
            let i = Int(rng.next() % UInt64(sim.count)), j = Int(rng.next() % UInt64(sim.count))
            let before = sim.configuration
            guard before.species[i] != before.species[j] else { continue }
            var after = before
            after.species.swapAt(i, j)
            let expected = bruteEnergy(after) - bruteEnergy(before)
            #expect(abs(sim.swapEnergyChange(sim.slot[i], sim.slot[j]) - expected) <= 1e-9 * max(1, abs(expected)))
            tested += 1
        }
    }

    @Test func swapSweepsKeepSpeciesCountsAndEnergy() throws {
        let sim = try meltedSimulation(temperature: 0.8, swapFraction: 1)
        let counts = { (c: Configuration) in Species.allCases.map { s in c.species.filter { $0 == s }.count } }
        let before = counts(sim.configuration)
        for _ in 0..<20 { sim.performSweep() }
        #expect(sim.acceptedSwaps > 0)
        #expect(counts(sim.configuration) == before)
        let brute = bruteEnergy(sim.configuration)
        #expect(abs(sim.potentialEnergy - brute) <= 1e-9 * abs(brute))
    }
}
