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

@Suite struct EnergyKernelTests {
    /// The ΔE of the SIMD kernel over a Verlet row equals, bit for bit, a plain scalar sum over
    /// every other particle in slot order (pairs beyond r_c add +0.0): the result depends on
    /// the pairs inside the cutoff only, never on list content, padding or when it was built.
    @Test func kernelEqualsOrderedSumOverAllParticles() throws {
        let sim = try meltedSimulation(n: 300, seed: 8, temperature: 0.8, sweeps: 40)
        let n = sim.count, l = sim.boxLength
        func reference(_ i: Int, _ dx: Double, _ dy: Double) -> Double {
            let xo = sim.xy[2 * i], yo = sim.xy[2 * i + 1]
            var old = 0.0, new = 0.0
            for j in 0..<n where j != i {
                let c = sim.table[3 * Int(sim.species[i]) + Int(sim.species[j])]
                var ox = sim.xy[2 * j] - xo, oy = sim.xy[2 * j + 1] - yo
                ox -= l * roundedToNearest(ox * (1 / l)); oy -= l * roundedToNearest(oy * (1 / l))
                let nx = ox - dx, ny = oy - dy
                let ro = ox * ox + oy * oy, rn = nx * nx + ny * ny
                let inv = c.sigma2 / (ro * rn)
                let so = inv * rn, sn = inv * ro
                let so6 = so * so * so, sn6 = sn * sn * sn
                let vo = c.fourEpsilon * (so6 * so6 - so6) + c.c0 + ro * (c.c2 + ro * c.c4)
                let vn = c.fourEpsilon * (sn6 * sn6 - sn6) + c.c0 + rn * (c.c2 + rn * c.c4)
                old += ro < c.cutoff2 ? vo : 0
                new += rn < c.cutoff2 ? vn : 0
            }
            return new - old
        }
        var rng = RandomStream(seed: 12, purpose: .testData)
        var lengths = Set<Int>()
        for round in 0..<3 {
            for _ in 0..<300 {
                let i = Int(rng.next() % UInt64(n))
                let dx = (rng.uniform() - 0.5) * 0.12, dy = (rng.uniform() - 0.5) * 0.12
                lengths.insert(Int(sim.list.counts[i]) % VerletList.lanes)
                let got = sim.energyChange(i, dx, dy, sim.list), expected = reference(i, dx, dy)
                #expect(got.bitPattern == expected.bitPattern, "slot \(i): \(got) vs \(expected)")
            }
            // Move on, so later rounds see a list built at another time.
            for _ in 0..<(5 + round) { sim.performSweep() }
        }
        #expect(lengths.count == VerletList.lanes) // every padding length was exercised
        // Rows are sorted by j and padded with the dummy particle.
        for i in 0..<n {
            let base = i * sim.list.stride, k = Int(sim.list.counts[i])
            for a in 1..<max(1, k) { #expect(sim.list.index[base + a - 1] < sim.list.index[base + a]) }
            for a in k..<VerletList.padded(k) { #expect(Int(sim.list.index[base + a]) == n) }
        }
    }
}
