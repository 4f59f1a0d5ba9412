import Statistics
import Foundation
import Model

/// Per-particle descriptors before coarse graining (paper Eq. (5), Eq. (6) and Eq. (7)).
public struct LocalDescriptors: Sendable, Equatable {
    /// u_i = ½ Σ_{j≠i} v_{α_iβ_j}(r_ij) (Eq. (5)), the smoothed potential cut at 2.5 σ_αβ.
    public let energy: [Double]
    /// z_i: neighbours with r_ij < 1.5 σ_αβ.
    public let coordination: [Int]
    /// Ψ6,i = |Σ_j e^{6iθ_ij}| / z_i (Eq. (6)) over those neighbours; 0 when z_i = 0.
    public let bondOrder: [Double]
    /// Θ_i, Tong–Tanaka steric order in radians; see `StericOrder` for z_i < 3 (0 when z_i = 0).
    public let stericOrder: [Double]

    public init(energy: [Double], coordination: [Int], bondOrder: [Double], stericOrder: [Double]) {
        self.energy = energy; self.coordination = coordination; self.bondOrder = bondOrder; self.stericOrder = stericOrder
    }

    init(_ c: Configuration, mixture: Mixture, neighbourCutoffRatio ratio: Double, parallel: Bool) {
        let n = c.count
        let potential = PairPotential(mixture: mixture)
        var neighbour2 = [Double](repeating: 0, count: 9)
        for a in Species.allCases { for b in Species.allCases {
            let r = ratio * mixture.sigma(a, b)
            neighbour2[PairPotential.pairType(a, b)] = r * r
        } }
        let search = max(potential.maximumCutoff, neighbour2.max()!.squareRoot())
        let grid = CellGrid(c, radius: search, reach: 1)
        let steric = StericOrder(mixture: mixture)
        let species = c.species.map { Int($0.rawValue) }

        var u = [Double](repeating: 0, count: n), z = [Int](repeating: 0, count: n)
        var psi = [Double](repeating: 0, count: n), theta = [Double](repeating: 0, count: n)
        let chunk = 256
        u.withUnsafeMutableBufferPointer { uBuffer in z.withUnsafeMutableBufferPointer { zBuffer in
        psi.withUnsafeMutableBufferPointer { psiBuffer in theta.withUnsafeMutableBufferPointer { thetaBuffer in
            let u = uBuffer, z = zBuffer, psi = psiBuffer, theta = thetaBuffer
            parallelFor((n + chunk - 1) / chunk, workers: parallel ? (n + chunk - 1) / chunk : 1) { block in
                // Scratch for one particle's neighbour shell (any count up to N).
                let angle = UnsafeMutablePointer<Double>.allocate(capacity: n)
                let kind = UnsafeMutablePointer<Int>.allocate(capacity: n)
                let index = UnsafeMutablePointer<Int32>.allocate(capacity: n)
                defer { angle.deallocate(); kind.deallocate(); index.deallocate() }
                for i in (block * chunk)..<min(n, (block + 1) * chunk) {
                    let si = species[i], xi = wrap(c.x[i], c.lx), yi = wrap(c.y[i], c.ly)
                    var energy = 0.0, count = 0, re = 0.0, im = 0.0
                    for range in grid.stencil(of: i) {
                        for slot in range {
                            let j = Int(grid.sorted[slot])
                            if j == i { continue }
                            let dx = grid.imageX(grid.xs[slot] - xi), dy = grid.imageY(grid.ys[slot] - yi)
                            let r2 = dx * dx + dy * dy
                            let t = 3 * si + species[j]
                            energy += potential.energy(r2: r2, type: t)
                            if r2 < neighbour2[t] {
                                // e^{6iθ} = (unit vector as a complex number)^6, no trigonometry.
                                let inv = 1 / r2.squareRoot()
                                let cr = dx * inv, ci = dy * inv
                                let c2r = cr * cr - ci * ci, c2i = 2 * cr * ci
                                let c4r = c2r * c2r - c2i * c2i, c4i = 2 * c2r * c2i
                                re += c4r * c2r - c4i * c2i; im += c4r * c2i + c4i * c2r
                                angle[count] = atan2(dy, dx); kind[count] = species[j]; index[count] = Int32(j)
                                count += 1
                            }
                        }
                    }
                    u[i] = 0.5 * energy
                    z[i] = count
                    psi[i] = count > 0 ? (re * re + im * im).squareRoot() / Double(count) : 0
                    theta[i] = steric.theta(centre: si, z: count, angle: angle, species: kind, index: index)
                }
            }
        } } } }
        energy = u; coordination = z; bondOrder = psi; stericOrder = theta
    }
}
