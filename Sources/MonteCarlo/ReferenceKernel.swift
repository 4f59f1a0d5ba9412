import Foundation
import Model

/// The previous engine's translational trials (Double pair energies in lanes of 4, summed in
/// list order), kept as the reference the quantized kernel is tested and benchmarked against.
extension MonteCarloSimulation {
    func referenceTranslationTrials(_ trialCount: Int) {
        var rng = stream
        let n = UInt64(count)
        let delta = parameters.maxDisplacement, beta = 1 / parameters.temperature
        let threshold2 = rebuildThreshold2
        var view = list
        var accepted: UInt64 = 0
        for _ in 0..<trialCount {
            let i = Int(rng.next().multipliedFullWidth(by: n).high)
            let r = rng.next()
            let dx = (Double(r >> 32) * 0x1p-32 - 0.5) * delta
            let dy = (Double(r & 0xFFFF_FFFF) * 0x1p-32 - 0.5) * delta
            let deltaE = referenceEnergyChange(i, dx, dy, view)
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

    /// E(new) − E(old) of moving particle i by (dx, dy) with Double pair energies of the
    /// unquantized potential, four neighbours at a time.
    func referenceEnergyChange(_ i: Int, _ dx: Double, _ dy: Double, _ view: VerletList) -> Double {
        let xy = UnsafeRawPointer(self.xy), species = self.species, l = boxLength, invL = 1 / boxLength
        let xo = self.xy[2 * i], yo = self.xy[2 * i + 1]
        let pairs = self.pairs + 9 * Int(species[i])
        var k = i * view.stride
        let count = Int(view.counts[i]), end = k + count
        var old = 0.0, new = 0.0
        // Whole blocks of 4, then the rest one by one (the padding is not read).
        while k + 4 <= end {
            let j0 = Int(view.index[k]), j1 = Int(view.index[k + 1]), j2 = Int(view.index[k + 2]), j3 = Int(view.index[k + 3])
            let p0 = xy.load(fromByteOffset: 16 * j0, as: SIMD2<Double>.self), p1 = xy.load(fromByteOffset: 16 * j1, as: SIMD2<Double>.self)
            let p2 = xy.load(fromByteOffset: 16 * j2, as: SIMD2<Double>.self), p3 = xy.load(fromByteOffset: 16 * j3, as: SIMD2<Double>.self)
            let a = pairs + 3 * Int(species[j0]), b = pairs + 3 * Int(species[j1])
            let c = pairs + 3 * Int(species[j2]), d = pairs + 3 * Int(species[j3])
            var ox = SIMD4(p0.x, p1.x, p2.x, p3.x) - xo, oy = SIMD4(p0.y, p1.y, p2.y, p3.y) - yo
            ox -= l * roundedToNearest(ox * invL); oy -= l * roundedToNearest(oy * invL)
            let nx = ox - dx, ny = oy - dy
            let ro = ox * ox + oy * oy, rn = nx * nx + ny * ny
            let a0 = a[0], b0 = b[0], c0 = c[0], d0 = d[0]
            let a1 = a[1], b1 = b[1], c1 = c[1], d1 = d[1]
            let a2 = a[2], b2 = b[2], c2 = c[2], d2 = d[2]
            let sigma2 = SIMD4(a0.x, b0.x, c0.x, d0.x), cutoff2 = SIMD4(a0.y, b0.y, c0.y, d0.y)
            let fourEpsilon = SIMD4(a1.x, b1.x, c1.x, d1.x), e0 = SIMD4(a1.y, b1.y, c1.y, d1.y)
            let e2 = SIMD4(a2.x, b2.x, c2.x, d2.x), e4 = SIMD4(a2.y, b2.y, c2.y, d2.y)
            let inv = sigma2 / (ro * rn)
            let so = inv * rn, sn = inv * ro
            let so6 = so * so * so, sn6 = sn * sn * sn
            let vo = fourEpsilon * (so6 * so6 - so6) + e0 + ro * (e2 + ro * e4)
            let vn = fourEpsilon * (sn6 * sn6 - sn6) + e0 + rn * (e2 + rn * e4)
            let zero = SIMD4<Double>(repeating: 0)
            let to = vo.replacing(with: zero, where: .!(ro .< cutoff2))
            let tn = vn.replacing(with: zero, where: .!(rn .< cutoff2))
            old += to[0]; old += to[1]; old += to[2]; old += to[3]
            new += tn[0]; new += tn[1]; new += tn[2]; new += tn[3]
            k += 4
        }
        while k < end {
            let j = Int(view.index[k])
            let c = pairs + 3 * Int(species[j])
            var ox = self.xy[2 * j] - xo, oy = self.xy[2 * j + 1] - yo
            ox -= l * roundedToNearest(ox * invL); oy -= l * roundedToNearest(oy * invL)
            let nx = ox - dx, ny = oy - dy
            let ro = ox * ox + oy * oy, rn = nx * nx + ny * ny
            let so = c[0].x / ro, sn = c[0].x / rn
            let so6 = so * so * so, sn6 = sn * sn * sn
            if ro < c[0].y { old += c[1].x * (so6 * so6 - so6) + c[1].y + ro * (c[2].x + ro * c[2].y) }
            if rn < c[0].y { new += c[1].x * (sn6 * sn6 - sn6) + c[1].y + rn * (c[2].x + rn * c[2].y) }
            k += 1
        }
        return new - old
    }
}
