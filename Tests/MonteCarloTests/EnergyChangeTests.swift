import Foundation
import Model
@testable import MonteCarlo
import Randomness
import Testing

/// The quantized energy against the Double reference: Float32 pair energies carry a relative
/// error of a few 2⁻²⁴ on their largest intermediate (4ε s⁶ for x < 1), so a difference is
/// allowed 4×10⁻⁶ of Σ 4ε(s¹² + s⁶) over the pairs involved, plus the 2⁻³² rounding per pair.
func floatTolerance(_ c: Configuration, pairsOf particles: [Int]? = nil) -> Double {
    let v = PairPotential()
    var scale = 0.0
    let who = particles ?? Array(0..<c.count)
    for i in who {
        for j in 0..<c.count where j != i && (particles != nil || j > i) {
            let (dx, dy) = c.separation(i, j)
            let r2 = dx * dx + dy * dy, t = PairPotential.pairType(c.species[i], c.species[j])
            guard r2 < v.cutoff2[t] else { continue }
            let s6 = pow(v.sigma2[t] / r2, 3)
            scale += v.fourEpsilon[t] * (s6 * s6 + s6) + 1e-9
        }
    }
    return 4e-6 * scale + 1e-8
}

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
            let s = sim.slot[i]
            let got = QuantizedPairEnergy.energy(sim.energyChange(s, sim.xy[2 * s] + dx, sim.xy[2 * s + 1] + dy))
            let tolerance = floatTolerance(before, pairsOf: [i]) + floatTolerance(after, pairsOf: [i])
            #expect(abs(got - expected) <= tolerance, "particle \(i): \(got) vs \(expected)")
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
            let s = sim.slot[i]
            let got = QuantizedPairEnergy.energy(sim.energyChange(s, sim.xy[2 * s] + dx, sim.xy[2 * s + 1] + dy))
            #expect(abs(got - expected) <= floatTolerance(c, pairsOf: [i]) + floatTolerance(after, pairsOf: [i]))
        }
    }

    /// Exact detailed balance: ΔE of a move is exactly minus ΔE of the move back, because both
    /// are differences of one fixed-point energy function of the configuration.
    @Test func reverseMoveHasExactlyTheOppositeEnergyChange() throws {
        let sim = try meltedSimulation(n: 200, seed: 3, temperature: 0.8, sweeps: 20)
        var rng = RandomStream(seed: 9, purpose: .testData)
        for _ in 0..<500 {
            let i = Int(rng.next() % UInt64(sim.count))
            let xo = sim.xy[2 * i], yo = sim.xy[2 * i + 1]
            let xn = xo + (rng.uniform() - 0.5) * 0.12, yn = yo + (rng.uniform() - 0.5) * 0.12
            let forward = sim.energyChange(i, xn, yn)
            sim.xy[2 * i] = xn; sim.xy[2 * i + 1] = yn
            let backward = sim.energyChange(i, xo, yo)
            sim.xy[2 * i] = xo; sim.xy[2 * i + 1] = yo
            #expect(forward == -backward, "slot \(i): \(forward) vs \(backward)")
        }
    }

    @Test func acceptedMovesKeepTheEnergyConsistent() throws {
        let sim = try meltedSimulation(temperature: 0.6)
        for _ in 0..<20 { sim.performSweep() }
        let c = sim.configuration
        #expect(abs(sim.potentialEnergy - bruteEnergy(c)) <= floatTolerance(c))
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
            let got = QuantizedPairEnergy.energy(sim.swapEnergyChange(sim.slot[i], sim.slot[j]))
            // A swap can put a pair inside the capped core, where the engine's energy departs
            // from the plain potential: it must still be prohibitively repulsive there.
            guard closestPairX(after) >= Double(QuantizedPairEnergy.rampStart) else { #expect(got > 1e3); continue }
            let expected = bruteEnergy(after) - bruteEnergy(before)
            let tolerance = floatTolerance(before, pairsOf: [i, j]) + floatTolerance(after, pairsOf: [i, j])
            #expect(abs(got - expected) <= tolerance)
            tested += 1
        }
    }

    /// Accepted swaps keep species counts, the energy, and every list entry's pair parameters
    /// in step with the new species.
    @Test func swapSweepsKeepSpeciesCountsEnergyAndPairParameters() throws {
        let sim = try meltedSimulation(temperature: 0.8, swapFraction: 1)
        let counts = { (c: Configuration) in Species.allCases.map { s in c.species.filter { $0 == s }.count } }
        let before = counts(sim.configuration)
        for _ in 0..<20 { sim.performSweep() }
        #expect(sim.acceptedSwaps > 0)
        #expect(counts(sim.configuration) == before)
        let c = sim.configuration
        #expect(abs(sim.potentialEnergy - bruteEnergy(c)) <= floatTolerance(c))
        for i in 0..<sim.count {
            for k in (i * sim.list.stride)..<(i * sim.list.stride + Int(sim.list.counts[i])) {
                let t = 3 * Int(sim.species[i]) + Int(sim.species[Int(sim.list.index[k])])
                #expect(sim.list.inverseSigma2[k] == sim.energy.inverseSigma2[t] && sim.list.epsilon[k] == sim.energy.epsilon[t])
            }
        }
    }
}
