import Foundation
import Model
@testable import MonteCarlo
import Randomness
import Testing

/// Restricted (S↔M, M↔L) and unrestricted species swaps: both keep the species counts and the
/// Boltzmann distribution; the tally counts trials and acceptances by pair type.
@Suite struct SwapPairsTests {
    @Test func adjacentSwapsKeepCountsAndEnergyAndNeverProposeSmallLarge() throws {
        let sim = try meltedSimulation(temperature: 0.8, swapFraction: 1)
        let counts = { (c: Configuration) in Species.allCases.map { s in c.species.filter { $0 == s }.count } }
        let before = counts(sim.configuration)
        var tally = SwapTally()
        for _ in 0..<20 { sim.performSwapSweep(pairs: .adjacent, tally: &tally) }
        #expect(counts(sim.configuration) == before)
        #expect(tally.trials[SwapPairType.smallLarge.rawValue] == 0)
        #expect(tally.likeTrials == 0)
        #expect(tally.trials[SwapPairType.smallMedium.rawValue] > 0 && tally.trials[SwapPairType.mediumLarge.rawValue] > 0)
        #expect(tally.unlikeAccepted > 0 && tally.unlikeAccepted == sim.acceptedSwaps)
        #expect(tally.unlikeTrials == UInt64(20 * sim.count))
        let brute = bruteEnergy(sim.configuration)
        #expect(abs(sim.potentialEnergy - brute) <= floatTolerance(sim.configuration))
    }

    @Test func allPairsTallyEveryTypeAndCountNullTrials() throws {
        let sim = try meltedSimulation(temperature: 0.8, swapFraction: 1)
        var tally = SwapTally()
        for _ in 0..<10 { sim.performSwapSweep(pairs: .all, tally: &tally) }
        #expect(SwapPairType.allCases.allSatisfy { tally.trials[$0.rawValue] > 0 })
        #expect(tally.likeTrials > 0)
        #expect(tally.unlikeTrials + tally.likeTrials == sim.swapTrials)
    }

    /// The 16-lane exchange energy equals the scalar sum bit for bit, for every species change,
    /// with and without an excluded partner, across list rebuilds.
    @Test func exchangeEnergyLanesEqualTheScalarSum() throws {
        let sim = try meltedSimulation(n: 300, seed: 5, temperature: 0.8, swapFraction: 0.5)
        var rng = RandomStream(seed: 11, purpose: .testData)
        for round in 0..<3 {
            for _ in 0..<200 {
                let i = Int(rng.next() % UInt64(sim.count)), a = Int(sim.species[i])
                let excluded = rng.next() % 2 == 0 ? -1 : Int(sim.list.index[i * sim.list.stride])
                for b in 0..<3 where b != a {
                    #expect(sim.exchangeEnergy(i, from: a, to: b, excluding: excluded) == sim.scalarExchangeEnergy(i, from: a, to: b, excluding: excluded))
                }
            }
            for _ in 0..<(4 + round) { sim.performSweep() }
        }
    }

    /// Metropolis acceptance needs ΔE of a swap and of its reverse to be exact opposites (exactly:
    /// both are differences of one fixed-point energy function).
    @Test func reverseSwapHasTheOppositeEnergyChange() throws {
        let sim = try meltedSimulation(temperature: 0.8, swapFraction: 1)
        var rng = RandomStream(seed: 3, purpose: .testData)
        var tested = 0
        while tested < 50 {
            let i = Int(rng.next() % UInt64(sim.count)), j = Int(rng.next() % UInt64(sim.count))
            let a = sim.species[i], b = sim.species[j]
            guard a != b else { continue }
            let forward = sim.swapEnergyChange(i, j)
            sim.species[i] = b; sim.species[j] = a
            sim.updatePairParameters(of: i); sim.updatePairParameters(of: j)
            let reverse = sim.swapEnergyChange(i, j)
            sim.species[i] = a; sim.species[j] = b
            sim.updatePairParameters(of: i); sim.updatePairParameters(of: j)
            #expect(forward == -reverse)
            tested += 1
        }
    }

    /// Detailed balance on a system small enough to enumerate: one M particle among S particles at
    /// frozen positions. Its site k is the whole state, and swaps alone must visit k with the
    /// Boltzmann weight e^(−E_k/T) (E_k by brute force). A proposal that is not symmetric (for
    /// instance member lists not updated after an accepted swap) gives a different histogram.
    @Test(arguments: SwapPairs.allCases)
    func swapsAloneSampleTheBoltzmannDistribution(pairs: SwapPairs) throws {
        let melted = try meltedSimulation(temperature: 2).configuration
        let n = melted.count
        func configuration(mediumAt k: Int) -> Configuration {
            Configuration(boxLength: melted.boxLength, x: melted.x, y: melted.y,
                          species: (0..<n).map { $0 == k ? .medium : .small })
        }
        let energies = (0..<n).map { bruteEnergy(configuration(mediumAt: $0)) }
        let e0 = energies.min()!
        // A temperature at which the weights spread over sites without one site taking all.
        let temperature = max(0.05, (energies.reduce(0, +) / Double(n) - e0) / 2)
        let weights = energies.map { exp(-($0 - e0) / temperature) }, z = weights.reduce(0, +)
        let sim = try MonteCarloSimulation(configuration: configuration(mediumAt: 0),
                                           parameters: MonteCarloParameters(temperature: temperature, swapFraction: 1),
                                           stream: RandomStream(seed: 11, purpose: .testData))
        var visits = [Double](repeating: 0, count: n), tally = SwapTally()
        let samples = 60_000, trialsPerSample = pairs == .adjacent ? 2 : 60 // comparable accepted moves
        for _ in 0..<samples {
            sim.swapTrials(trialsPerSample, pairs: pairs, tally: &tally)
            let s = (0..<n).first { sim.species[$0] == 1 }!
            visits[sim.order[s]] += 1
        }
        // Total variation distance from the Boltzmann distribution; sampling noise gives about
        // √(n / samples) / 2 ≈ 0.03 for independent samples, a wrong proposal well above 0.1.
        let tv = zip(visits, weights).map { abs($0 / Double(samples) - $1 / z) }.reduce(0, +) / 2
        #expect(tv < 0.08, "total variation distance \(tv) with \(pairs) swaps")
        #expect(tally.unlikeAccepted > UInt64(samples) / 4)
    }
}
