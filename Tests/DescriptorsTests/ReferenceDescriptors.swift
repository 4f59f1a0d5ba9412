import Foundation
import Model

/// The slow, obviously correct version of paper Eqs. 5–10: every pair by the minimum image of
/// `Configuration.separation`, angles by atan2, weights by Foundation's exp. No cell lists,
/// no SIMD, no shared code with the fast path beyond the pair potential and σ table.
struct ReferenceDescriptors {
    var u: [Double] = [], z: [Int] = [], psi6: [Double] = [], theta: [Double] = []
    /// Row-major N × 6|ℓ|, blocks ρ̄, φ̄, ū, Ψ̄6, Θ̄, z̄.
    var features: [Double] = []

    init(_ c: Configuration, mixture: Mixture = .paper, ells: [Double], radius: Double, ratio: Double = 1.5) {
        let n = c.count, potential = PairPotential(mixture: mixture)
        for i in 0..<n {
            var energy = 0.0
            var shell: [(angle: Double, j: Int)] = []
            for j in 0..<n where j != i {
                let (dx, dy) = c.separation(i, j)
                let r = (dx * dx + dy * dy).squareRoot()
                energy += potential.energy(r: r, c.species[i], c.species[j])
                if r < ratio * mixture.sigma(c.species[i], c.species[j]) { shell.append((atan2(dy, dx), j)) }
            }
            u.append(energy / 2)
            z.append(shell.count)
            let re = shell.map { cos(6 * $0.angle) }.reduce(0, +), im = shell.map { sin(6 * $0.angle) }.reduce(0, +)
            psi6.append(shell.isEmpty ? 0 : (re * re + im * im).squareRoot() / Double(shell.count))
            shell.sort { ($0.angle, $0.j) < ($1.angle, $1.j) }
            var sum = 0.0
            for a in shell.indices {
                let b = (a + 1) % shell.count
                let gap = b == 0 ? shell[0].angle + 2 * .pi - shell[a].angle : shell[b].angle - shell[a].angle
                let sij = mixture.sigma(c.species[i], c.species[shell[a].j])
                let sik = mixture.sigma(c.species[i], c.species[shell[b].j])
                let sjk = mixture.sigma(c.species[shell[a].j], c.species[shell[b].j])
                let reference = acos((sij * sij + sik * sik - sjk * sjk) / (2 * sij * sik))
                sum += abs(gap - reference)
            }
            theta.append(shell.isEmpty ? 0 : sum / Double(shell.count))
        }
        let fields = [u, psi6, theta, z.map(Double.init)]
        for i in 0..<n {
            var row = [Double](repeating: 0, count: 6 * ells.count)
            for (k, ell) in ells.enumerated() {
                var rho = 0.0, phi = 0.0, sums = [Double](repeating: 0, count: 4)
                for j in 0..<n {
                    let (dx, dy) = c.separation(i, j)
                    let r = (dx * dx + dy * dy).squareRoot()
                    guard r < radius else { continue }
                    let w = exp(-r / ell), s = mixture.sigma(c.species[i], c.species[j])
                    rho += w; phi += s * s * w
                    for f in 0..<4 { sums[f] += fields[f][j] * w }
                }
                row[k] = rho; row[ells.count + k] = phi
                for f in 0..<4 { row[(2 + f) * ells.count + k] = sums[f] / rho }
            }
            features += row
        }
    }
}
