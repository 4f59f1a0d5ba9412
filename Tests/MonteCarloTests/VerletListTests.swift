import Foundation
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
    /// The SIMD kernel's ΔE over a Verlet row equals, bit for bit, the scalar pair terms summed
    /// over every other particle (pairs beyond r_c add 0): the result depends on the pairs
    /// inside the cutoff only, never on row order, padding or when the list was built.
    @Test func kernelEqualsScalarSumOverAllParticles() throws {
        let sim = try meltedSimulation(n: 300, seed: 8, temperature: 0.8, sweeps: 40)
        let n = sim.count, l = sim.boxLength
        func reference(_ i: Int, _ xn: Double, _ yn: Double) -> Int64 {
            let xo = sim.xy[2 * i], yo = sim.xy[2 * i + 1]
            var sum: Int64 = 0
            for j in 0..<n where j != i {
                let t = 3 * Int(sim.species[i]) + Int(sim.species[j])
                let px = sim.xy[2 * j], py = sim.xy[2 * j + 1]
                let ix = l * roundedToNearest((px - xo) * (1 / l)), iy = l * roundedToNearest((py - yo) * (1 / l))
                let ox = (px - xo) - ix, oy = (py - yo) - iy, nx = (px - xn) - ix, ny = (py - yn) - iy
                sum &+= sim.energy.term(r2: nx * nx + ny * ny, type: t) &- sim.energy.term(r2: ox * ox + oy * oy, type: t)
            }
            return sum
        }
        var rng = RandomStream(seed: 12, purpose: .testData)
        var lengths = Set<Int>(), imageRows = Set<UInt8>()
        for round in 0..<3 {
            for _ in 0..<300 {
                let i = Int(rng.next() % UInt64(n))
                imageRows.insert(sim.list.needsImage[i])
                let xn = sim.xy[2 * i] + (rng.uniform() - 0.5) * 0.12, yn = sim.xy[2 * i + 1] + (rng.uniform() - 0.5) * 0.12
                lengths.insert(Int(sim.list.counts[i]) % VerletList.lanes)
                let got = sim.energyChange(i, xn, yn), expected = reference(i, xn, yn)
                #expect(got == expected, "slot \(i): \(got) vs \(expected)")
            }
            // Move on, so later rounds see a list built at another time.
            for _ in 0..<(5 + round) { sim.performSweep() }
        }
        #expect(lengths.count >= 8) // many padding lengths exercised
        #expect(imageRows == [0, 1]) // rows with and without a partner across the boundary
        // Rows are padded with the dummy particle, whose entries carry ε = 0.
        for i in 0..<n {
            let base = i * sim.list.stride, k = Int(sim.list.counts[i])
            for a in k..<VerletList.padded(k) { #expect(Int(sim.list.index[base + a]) == n && sim.list.epsilon[base + a] == 0) }
        }
    }

    /// A row is marked as needing the periodic image exactly when one of its partners sits
    /// across the boundary (unwrapped separation ≠ minimum image), after particles have
    /// diffused across it.
    @Test func imageMarkFollowsPartnersAcrossTheBoundary() throws {
        let sim = try meltedSimulation(n: 400, seed: 5, temperature: 2.0, sweeps: 60)
        let l = sim.boxLength
        var marked = 0, crossed = 0
        for i in 0..<sim.count {
            let base = i * sim.list.stride
            let across = (0..<Int(sim.list.counts[i])).contains { a in
                let j = Int(sim.list.index[base + a])
                return (sim.xy[2 * j] - sim.xy[2 * i]).magnitude > l / 2 || (sim.xy[2 * j + 1] - sim.xy[2 * i + 1]).magnitude > l / 2
            }
            #expect(sim.list.needsImage[i] == (across ? 1 : 0), "slot \(i)")
            marked += across ? 1 : 0
            let x = sim.xy[2 * i], y = sim.xy[2 * i + 1]
            crossed += (x < 0 || x >= l || y < 0 || y >= l) ? 1 : 0
        }
        #expect(marked > 0 && marked < sim.count)
        #expect(crossed > 0) // some particles have left the original box: unwrapped positions
    }

    /// The 16-lane pair energies equal the scalar ones bit for bit, for x across the clamp, the
    /// ramp, the plain region and beyond the cutoff; where x ≥ rampStart the plain lanes agree too.
    @Test func lanesEqualScalarTerms() throws {
        let e = QuantizedPairEnergy(PairPotential())
        var rng = RandomStream(seed: 4, purpose: .testData)
        for _ in 0..<2000 {
            var x = SIMD16<Float>(), eps = SIMD16<Float>()
            for a in 0..<16 {
                x[a] = Float(exp(rng.uniform() * 18 - 15)) // 3×10⁻⁷ … 20: clamp, ramp, plain, beyond
                eps[a] = [0.5, 0.75, 1.0][Int(rng.next() % 3)]
            }
            let lanes = e.lanes(x: x, epsilon: eps), plain = e.plainLanes(x: x, epsilon: eps)
            for a in 0..<16 {
                let scalar = e.value(x: x[a], epsilon: eps[a])
                #expect(lanes[a].bitPattern == scalar.bitPattern, "x = \(x[a])")
                if x[a] >= QuantizedPairEnergy.rampStart { #expect(plain[a].bitPattern == scalar.bitPattern) }
            }
            #expect(e.anyClose(x) == (x.min() < QuantizedPairEnergy.rampStart))
        }
    }

    /// Hand values: the LJ minimum of an S–L pair (σ = ε = 1) at r = 2^(1/6), zero at the cutoff,
    /// and a repulsive core that keeps growing through the cap and ramp.
    @Test func handValuesOfThePairEnergy() throws {
        let v = PairPotential(), e = QuantizedPairEnergy(v)
        let t = PairPotential.pairType(.small, .large)
        let rMin = pow(2.0, 1.0 / 6)
        #expect(abs(QuantizedPairEnergy.energy(e.term(r2: rMin * rMin, type: t)) - v.energy(r: rMin, .small, .large)) < 1e-6)
        #expect(e.term(r2: 2.5 * 2.5, type: t) == 0)
        var previous = Int64.min
        for r in stride(from: 0.9, through: 0.01, by: -0.01) {
            let q = e.term(r2: r * r, type: t)
            #expect(q > previous, "r = \(r)") // strictly repulsive all the way in
            previous = q
        }
    }
}
