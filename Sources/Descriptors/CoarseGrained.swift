import Statistics
import Model

/// Coarse-grained fields at every ℓ: ρ̄_i(ℓ) = Σ_j e^{−r_ij/ℓ} (Eq. (8)),
/// φ̄_i(ℓ) = Σ_j σ²_{α_iβ_j} e^{−r_ij/ℓ} (Eq. (9)) and x̄_i(ℓ) = ρ̄_i⁻¹ Σ_j x_j e^{−r_ij/ℓ} (Eq. (10)) for each input
/// field x, over j with r_ij < R_N, i itself included (r_ii = 0, σ_{α_iα_i}²).
///
/// `matrix` is row-major N × (2 + F)·|ℓ|: per particle the block ρ̄ (one column per ℓ), then φ̄,
/// then one block per field in the order given.
public struct CoarseGrained: Sendable {
    public let particleCount: Int
    public let ells: [Double]
    public let fieldCount: Int
    public let matrix: [Double]
    public var columnCount: Int { (2 + fieldCount) * ells.count }

    /// Value of block `block` (0 = ρ̄, 1 = φ̄, 2 + f = field f) at ℓ index `k` for particle i.
    public func value(particle i: Int, block: Int, ell k: Int) -> Double {
        matrix[i * columnCount + block * ells.count + k]
    }

    init(fields: [[Double]], configuration c: Configuration, mixture: Mixture, ells: [Double], radius: Double, parallel: Bool) {
        let n = c.count, nf = fields.count, nl = ells.count, columns = (2 + nf) * nl
        particleCount = n; self.ells = ells; fieldCount = nf
        // reach 3: cells of side ≥ R_N/3, so the 7×7 stencil hugs the R_N circle.
        let grid = CellGrid(c, radius: radius, reach: 3)
        let species = c.species.map { Int($0.rawValue) }
        var sigma2 = [Double](repeating: 0, count: 9)
        for a in Species.allCases { for b in Species.allCases {
            sigma2[PairPotential.pairType(a, b)] = mixture.sigma(a, b) * mixture.sigma(a, b)
        } }
        // Fields in cell order, so the gather reads them alongside the positions.
        var sortedFields = [Double](repeating: 0, count: nf * n)
        for f in 0..<nf { for s in 0..<n { sortedFields[f * n + s] = fields[f][Int(grid.sorted[s])] } }
        let negInverseElls = ells.map { -1 / $0 }
        let radius2 = radius * radius

        var out = [Double](repeating: 0, count: n * columns)
        let chunk = 64
        out.withUnsafeMutableBufferPointer { outBuffer in
            let out = outBuffer
            parallelFor((n + chunk - 1) / chunk, workers: parallel ? (n + chunk - 1) / chunk : 1) { block in
                // Columns of one particle's R_N neighbourhood, padded to a multiple of 4 lanes;
                // raw memory so the same bytes are written as Double and read as SIMD4<Double>.
                let capacity = (n + 3) & ~3, columnBytes = capacity * 8
                let scratch = UnsafeMutableRawPointer.allocate(byteCount: (3 + nf) * columnBytes, alignment: 32)
                defer { scratch.deallocate() }
                let r = scratch, s2 = scratch + columnBytes, w = scratch + 2 * columnBytes, x = scratch + 3 * columnBytes
                for i in (block * chunk)..<min(n, (block + 1) * chunk) {
                    let xi = wrap(c.x[i], c.lx), yi = wrap(c.y[i], c.ly)
                    let si = 3 * species[i]
                    var count = 0
                    for range in grid.stencil(of: i) {
                        for slot in range {
                            let dx = grid.imageX(grid.xs[slot] - xi), dy = grid.imageY(grid.ys[slot] - yi)
                            let d2 = dx * dx + dy * dy
                            guard d2 < radius2 else { continue }
                            r.storeBytes(of: d2.squareRoot(), toByteOffset: 8 * count, as: Double.self)
                            s2.storeBytes(of: sigma2[si + species[Int(grid.sorted[slot])]], toByteOffset: 8 * count, as: Double.self)
                            for f in 0..<nf { x.storeBytes(of: sortedFields[f * n + slot], toByteOffset: f * columnBytes + 8 * count, as: Double.self) }
                            count += 1
                        }
                    }
                    let padded = (count + 3) & ~3
                    for p in count..<padded { // padding lanes: weight 0 and values 0
                        r.storeBytes(of: 0.0, toByteOffset: 8 * p, as: Double.self)
                        s2.storeBytes(of: 0.0, toByteOffset: 8 * p, as: Double.self)
                        for f in 0..<nf { x.storeBytes(of: 0.0, toByteOffset: f * columnBytes + 8 * p, as: Double.self) }
                    }
                    let row = out.baseAddress! + i * columns
                    // Lanes of the last vector that lie beyond `count` get weight 0.
                    let tail = padded - 4
                    var mask = SIMD4<Double>(repeating: 1)
                    for lane in 0..<4 where tail + lane >= count { mask[lane] = 0 }
                    for k in 0..<nl {
                        let a = negInverseElls[k]
                        var rho = SIMD4<Double>(), phi = SIMD4<Double>()
                        var q = 0
                        while q < padded {
                            var weight = exp4(r.load(fromByteOffset: 8 * q, as: SIMD4<Double>.self) * a)
                            if q == tail { weight *= mask }
                            w.storeBytes(of: weight, toByteOffset: 8 * q, as: SIMD4<Double>.self)
                            rho += weight
                            phi += weight * s2.load(fromByteOffset: 8 * q, as: SIMD4<Double>.self)
                            q += 4
                        }
                        let density = rho.sum()
                        row[k] = density
                        row[nl + k] = phi.sum()
                        for f in 0..<nf {
                            let xf = x + f * columnBytes
                            var acc = SIMD4<Double>()
                            var q = 0
                            while q < padded {
                                acc += w.load(fromByteOffset: 8 * q, as: SIMD4<Double>.self) * xf.load(fromByteOffset: 8 * q, as: SIMD4<Double>.self)
                                q += 4
                            }
                            row[(2 + f) * nl + k] = acc.sum() / density
                        }
                    }
                }
            }
        }
        matrix = out
    }
}
