import Foundation
import Model
import Randomness

extension MonteCarloSimulation {
    /// One sweep: N translational trials (plus swap trials when `swapFraction > 0`), then the
    /// sweep counter advances.
    public func performSweep() {
        translationTrials(count)
        let swaps = Int((parameters.swapFraction * Double(count)).rounded())
        if swaps > 0 { swapTrials(swaps) }
        sweep += 1
    }

    /// `trialCount` Metropolis trials: a random particle is displaced by a vector uniform in a
    /// square of side δ_max and the move is accepted with min(1, e^(−ΔE/T)).
    func translationTrials(_ trialCount: Int) {
        var rng = stream
        let n = UInt64(count)
        let delta = parameters.maxDisplacement, beta = 1 / parameters.temperature
        // Rebuild once a particle strays h from its list position, with 2h + δ/√2 = skin: a pair
        // then moves at most skin closer even with one partner at a trial position.
        let h = 0.5 * (list.skin - delta * 0.5.squareRoot())
        let threshold2 = h * h
        var view = list
        var accepted: UInt64 = 0
        for _ in 0..<trialCount {
            // Particle index by multiply-high (bias ≤ N/2⁶⁴), displacement from two 32-bit halves.
            let i = Int(rng.next().multipliedFullWidth(by: n).high)
            let r = rng.next()
            let dx = (Double(r >> 32) * 0x1p-32 - 0.5) * delta
            let dy = (Double(r & 0xFFFF_FFFF) * 0x1p-32 - 0.5) * delta
            let deltaE = energyChange(i, dx, dy, view)
            // NaN (overlapping particles at preparation) is rejected: both comparisons are false.
            if deltaE <= 0 || Double(rng.next() >> 11) * 0x1p-53 < exp(-deltaE * beta) {
                let xn = xy[2 * i] + dx, yn = xy[2 * i + 1] + dy
                xy[2 * i] = xn; xy[2 * i + 1] = yn
                accepted += 1
                let ex = xn - view.reference[2 * i], ey = yn - view.reference[2 * i + 1]
                if ex * ex + ey * ey > threshold2 { rebuildList(); view = list }
            }
        }
        stream = rng
        trials += UInt64(trialCount)
        acceptedMoves += accepted
    }

    /// E(new) − E(old) of moving particle i by (dx, dy): both energies in one pass over its
    /// neighbours, each summed in list order.
    @inline(__always)
    func energyChange(_ i: Int, _ dx: Double, _ dy: Double, _ view: VerletList) -> Double {
        let xy = self.xy, species = self.species, l = boxLength, invL = 1 / boxLength
        let xo = xy[2 * i], yo = xy[2 * i + 1]
        let row = table + 3 * Int(species[i])
        var k = i * view.stride
        let end = k + Int(view.counts[i])
        var old = 0.0, new = 0.0
        while k < end {
            let j = Int(view.index[k])
            let c = row[Int(species[j])]
            // Minimum image of the old separation; the new one shares its image (|d| ≪ L/2).
            var ox = xy[2 * j] - xo, oy = xy[2 * j + 1] - yo
            ox -= l * roundedToNearest(ox * invL); oy -= l * roundedToNearest(oy * invL)
            let nx = ox - dx, ny = oy - dy
            let ro = ox * ox + oy * oy, rn = nx * nx + ny * ny
            k += 1
            if min(ro, rn) >= c.cutoff2 { continue }
            // One division for both inverse squared distances.
            let inv = c.sigma2 / (ro * rn)
            let so = inv * rn, sn = inv * ro
            let so6 = so * so * so, sn6 = sn * sn * sn
            let vo = c.fourEpsilon * (so6 * so6 - so6) + c.c0 + ro * (c.c2 + ro * c.c4)
            let vn = c.fourEpsilon * (sn6 * sn6 - sn6) + c.c0 + rn * (c.c2 + rn * c.c4)
            // Selects, not branches: whether a neighbour is inside r_c is unpredictable.
            old += ro < c.cutoff2 ? vo : 0
            new += rn < c.cutoff2 ? vn : 0
        }
        return new - old
    }

    /// Σ_j v(r_ij) over the neighbours of i, as if i had species `s`, leaving out `excluded`.
    func particleEnergy(_ i: Int, species s: Int, excluding excluded: Int = -1) -> Double {
        let l = boxLength, invL = 1 / boxLength
        let xi = xy[2 * i], yi = xy[2 * i + 1], row = table + 3 * s
        var e = 0.0
        let base = i * list.stride
        for k in base..<(base + Int(list.counts[i])) {
            let j = Int(list.index[k])
            guard j != excluded else { continue }
            let c = row[Int(species[j])]
            var rx = xy[2 * j] - xi, ry = xy[2 * j + 1] - yi
            rx -= l * roundedToNearest(rx * invL); ry -= l * roundedToNearest(ry * invL)
            let r2 = rx * rx + ry * ry
            guard r2 < c.cutoff2 else { continue }
            let s2 = c.sigma2 / r2, s6 = s2 * s2 * s2
            e += c.fourEpsilon * (s6 * s6 - s6) + c.c0 + r2 * (c.c2 + r2 * c.c4)
        }
        return e
    }

    /// Total potential energy Σ_{i<j} v(r_ij), from the neighbour list in O(N).
    public var potentialEnergy: Double {
        var e = 0.0
        for i in 0..<count { e += particleEnergy(i, species: Int(species[i])) }
        return e / 2
    }
}
