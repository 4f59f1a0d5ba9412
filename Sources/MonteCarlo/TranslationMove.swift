import Foundation
import Model
import Randomness

/// Which ΔE kernel translational trials use. `.reference` is the previous engine (Double
/// pair energies summed in list order), kept for the statistical comparison in the tests and
/// the speed ratio in `make bench`; it samples the unquantized potential.
public enum TranslationKernel: Sendable {
    case quantized, reference
}

extension MonteCarloSimulation {
    /// One sweep: N translational trials (plus swap trials when `swapFraction > 0`), then the
    /// sweep counter advances.
    public func performSweep() {
        sweepOfTranslations()
        let swaps = Int((parameters.swapFraction * Double(count)).rounded())
        if swaps > 0 { swapTrials(swaps) }
        sweep += 1
    }

    /// N translational trials with the selected kernel.
    func sweepOfTranslations() {
        switch kernel {
        case .quantized: translationTrials(count)
        case .reference: referenceTranslationTrials(count)
        }
    }

    /// Rebuild once a particle strays h from its list position, with 2h + δ/√2 = skin: a pair
    /// then moves at most skin closer even with one partner at a trial position.
    var rebuildThreshold2: Double {
        let h = 0.5 * (list.skin - parameters.maxDisplacement * 0.5.squareRoot())
        return h * h
    }

    /// `trialCount` Metropolis trials: a random particle is displaced by a vector uniform in a
    /// square of side δ_max and the move is accepted with min(1, e^(−ΔE/T)).
    func translationTrials(_ trialCount: Int) {
        var rng = stream
        let n = UInt64(count)
        let delta = parameters.maxDisplacement, beta = 1 / parameters.temperature
        let threshold2 = rebuildThreshold2
        var view = list
        var accepted: UInt64 = 0
        for _ in 0..<trialCount {
            // Particle index by multiply-high (bias ≤ N/2⁶⁴).
            let i = Int(rng.next().multipliedFullWidth(by: n).high)
            let (dx, dy) = MonteCarloSimulation.displacement(rng.next(), delta)
            let xn = xy[2 * i] + dx, yn = xy[2 * i + 1] + dy
            let dq = energyChange(i, xn, yn)
            // The uniform is drawn only when ΔE > 0; for ΔE ≤ 0 the move is always accepted.
            if dq <= 0 || Double(rng.next() >> 11) * 0x1p-53 < exp(-QuantizedPairEnergy.energy(dq) * beta) {
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

    /// A displacement uniform in a square of side δ from the two 32-bit halves of `r`, centred
    /// so that the proposal of −d is exactly as likely as that of d.
    @inline(__always)
    static func displacement(_ r: UInt64, _ delta: Double) -> (Double, Double) {
        (((Double(r >> 32) + 0.5) * 0x1p-32 - 0.5) * delta, ((Double(r & 0xFFFF_FFFF) + 0.5) * 0x1p-32 - 0.5) * delta)
    }

    /// E(new) − E(old) in fixed-point units when particle i moves to (xn, yn): both energies in
    /// one pass over its Verlet row, 16 neighbours at a time.
    ///
    /// Separations are Double (positions are unwrapped Doubles); both use the periodic image of
    /// the old one, so the new separation is exactly the one a later trial of the partner, or
    /// the reverse move, computes. Pair energies are Float32 lanes, summed exactly in fixed point
    /// (see `QuantizedPairEnergy`). Dummy entries (ε = 0) and pairs beyond the cutoff add 0.
    // Not inlined into the trial loop: inlining it there measured no faster.
    @inline(never)
    func energyChange(_ i: Int, _ xn: Double, _ yn: Double) -> Int64 {
        // The list is read here, not passed: a struct argument is copied to the stack per call.
        let view = list
        let xy = UnsafeRawPointer(self.xy), l = boxLength, invL = 1 / boxLength
        let xo = self.xy[2 * i], yo = self.xy[2 * i + 1]
        var k = i * view.stride
        let end = k + VerletList.padded(Int(view.counts[i]))
        // Offsets of the biased units cancel lane by lane between the new and old terms.
        var sum = SIMD8<Int64>()
        if view.needsImage[i] == 0 {
            while k < end { sum &+= blockChange(xy, view, k, xo, yo, xn, yn, l, invL, periodic: false); k += 16 }
        } else {
            while k < end { sum &+= blockChange(xy, view, k, xo, yo, xn, yn, l, invL, periodic: true); k += 16 }
        }
        return sum.wrappedSum()
    }

    /// E(new) − E(old) of the 16 row entries from k, lane-wise, in biased fixed-point units.
    @inline(__always)
    func blockChange(_ xy: UnsafeRawPointer, _ view: VerletList, _ k: Int, _ xo: Double, _ yo: Double,
                     _ xn: Double, _ yn: Double, _ l: Double, _ invL: Double, periodic: Bool) -> SIMD8<Int64> {
        let e = energy
        let (roA, rnA) = squaredDistances(xy, view.index + k, xo, yo, xn, yn, l, invL, periodic: periodic)
        let (roB, rnB) = squaredDistances(xy, view.index + k + 8, xo, yo, xn, yn, l, invL, periodic: periodic)
        let inv = UnsafeRawPointer(view.inverseSigma2 + k).loadUnaligned(as: SIMD16<Float>.self)
        let eps = UnsafeRawPointer(view.epsilon + k).loadUnaligned(as: SIMD16<Float>.self)
        let xOld = SIMD16(lowHalf: narrowed(roA), highHalf: narrowed(roB)) * inv
        let xNew = SIMD16(lowHalf: narrowed(rnA), highHalf: narrowed(rnB)) * inv
        // Overlaps (x < rampStart) occur only while a random start is melted: the clamped
        // formula then, which gives the same terms wherever both apply.
        let vo = e.anyClose(xOld) ? e.lanes(x: xOld, epsilon: eps) : e.plainLanes(x: xOld, epsilon: eps)
        let vn = e.anyClose(xNew) ? e.lanes(x: xNew, epsilon: eps) : e.plainLanes(x: xNew, epsilon: eps)
        return QuantizedPairEnergy.biasedFixedPoint(vn) &- QuantizedPairEnergy.biasedFixedPoint(vo)
    }

    /// Squared old and new separations of 8 neighbours, new ones with the old periodic image.
    /// Without `periodic` (a row whose images are all 0) the image is left out: x − 0 = x, so
    /// the separations are the same bit for bit.
    @inline(__always)
    func squaredDistances(_ xy: UnsafeRawPointer, _ j: UnsafeMutablePointer<Int32>, _ xo: Double, _ yo: Double,
                          _ xn: Double, _ yn: Double, _ l: Double, _ invL: Double,
                          periodic: Bool) -> (SIMD8<Double>, SIMD8<Double>) {
        var px = SIMD8<Double>(), py = SIMD8<Double>()
        for a in 0..<8 {
            let p = xy.load(fromByteOffset: 16 * Int(j[a]), as: SIMD2<Double>.self)
            px[a] = p.x; py[a] = p.y
        }
        guard periodic else {
            let ox = px - xo, oy = py - yo, nx = px - xn, ny = py - yn
            return (ox * ox + oy * oy, nx * nx + ny * ny)
        }
        let ix = l * roundedToNearest((px - xo) * invL), iy = l * roundedToNearest((py - yo) * invL)
        let ox = (px - xo) - ix, oy = (py - yo) - iy
        let nx = (px - xn) - ix, ny = (py - yn) - iy
        return (ox * ox + oy * oy, nx * nx + ny * ny)
    }

    /// Σ_j v(r_ij) over the neighbours of i in fixed-point units, as if i had species `s`,
    /// leaving out `excluded`: the same pair energies as the kernel's.
    func particleEnergy(_ i: Int, species s: Int, excluding excluded: Int = -1) -> Int64 {
        let e = energy, species = self.species
        return neighbourSum(i, excluding: excluded) { j, r2 in e.term(r2: r2, type: 3 * s + Int(species[j])) }
    }

    /// Σ over the Verlet neighbours j ≠ `excluded` of i of `term(j, r²_ij)`, with the minimum image.
    @inline(__always)
    func neighbourSum(_ i: Int, excluding excluded: Int, _ term: (Int, Double) -> Int64) -> Int64 {
        let view = list, l = boxLength, invL = 1 / boxLength
        let xi = xy[2 * i], yi = xy[2 * i + 1]
        var sum: Int64 = 0
        let base = i * view.stride
        for k in base..<(base + Int(view.counts[i])) {
            let j = Int(view.index[k])
            guard j != excluded else { continue }
            var rx = xy[2 * j] - xi, ry = xy[2 * j + 1] - yi
            rx -= l * roundedToNearest(rx * invL); ry -= l * roundedToNearest(ry * invL)
            sum &+= term(j, rx * rx + ry * ry)
        }
        return sum
    }

    /// Total potential energy Σ_{i<j} v(r_ij) of the sampled (quantized) potential, in O(N).
    public var potentialEnergy: Double {
        var e: Int64 = 0
        for i in 0..<count { e &+= particleEnergy(i, species: Int(species[i])) }
        return QuantizedPairEnergy.energy(e) / 2
    }
}

extension MonteCarloSimulation {
    /// For `make bench`: `evaluations` energy changes of random displacements, never accepted,
    /// of one particle (its row and neighbours stay in L1: the kernel's arithmetic alone) or of
    /// random particles (plus the memory traffic of a trial). Nothing is moved; returns a sum
    /// of the changes so the work cannot be optimised away.
    public func energyChangeThroughputProbe(evaluations: Int, oneParticle: Bool) -> Int64 {
        var rng = stream
        let n = UInt64(count), delta = parameters.maxDisplacement
        var total: Int64 = 0
        for _ in 0..<evaluations {
            let i = oneParticle ? 0 : Int(rng.next().multipliedFullWidth(by: n).high)
            let (dx, dy) = MonteCarloSimulation.displacement(rng.next(), delta)
            total &+= energyChange(i, xy[2 * i] + dx, xy[2 * i + 1] + dy)
        }
        return total
    }
}
