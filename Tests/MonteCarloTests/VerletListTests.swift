import Model
@testable import MonteCarlo
import Randomness
import Testing

@Suite struct VerletListTests {
    /// Every pair that a trial move could bring inside its cutoff (r < r_c + δ_max/√2) must be
    /// in the list, checked after every sweep of a hot, fast-moving liquid with the smallest skin.
    @Test func listCoversEveryPairATrialCanReach() throws {
        let delta = 0.12
        let sim = try meltedSimulation(n: 100, seed: 21, temperature: 2.0, sweeps: 5)
        sim.setParameters(try MonteCarloParameters(temperature: 2.0, maxDisplacement: delta, skin: delta))
        let v = PairPotential()
        for _ in 0..<150 {
            sim.performSweep()
            let c = sim.configuration
            for i in 0..<c.count {
                let s = sim.slot[i]
                let row = Set((0..<Int(sim.list.counts[s])).map { Int(sim.list.index[s * sim.list.stride + $0]) })
                for j in 0..<c.count where j != i {
                    let (dx, dy) = c.separation(i, j)
                    let reach = v.cutoff2[PairPotential.pairType(c.species[i], c.species[j])].squareRoot() + delta * 0.5.squareRoot()
                    if dx * dx + dy * dy < reach * reach { #expect(row.contains(sim.slot[j]), "pair \(i)–\(j) missing at sweep \(sim.sweep)") }
                }
            }
        }
        #expect(sim.rebuilds > 10)
    }
}
