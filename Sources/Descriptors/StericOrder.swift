import Foundation
import Model

/// Tong–Tanaka steric bond order Θ_i (paper Eq. (7)) from the neighbours of one particle.
///
/// Neighbours are sorted by polar angle around i (ties by particle index). Each consecutive pair
/// (j, k), the wrap-around pair included, contributes |θ_jk − θ_jk^ref|, where θ_jk is the
/// angular gap from j to k counter-clockwise, in [0, 2π], so the z gaps always sum to 2π; θ_jk^ref
/// is the angle at i of the touching triangle with sides σ_ij, σ_ik, σ_jk (cosine law).
/// Θ_i is the sum divided by z_i.
///
/// Conventions for few neighbours (the formula itself stays finite):
/// - z = 0: Θ = 0 (empty sum; an isolated particle gets no steric penalty).
/// - z = 1: the one pair is (j, j) with gap 2π and the reference of a triangle i, j, j′ of
///   species β_j, so Θ = 2π − θ^ref_{jj}.
/// - z = 2: the two gaps g and 2π − g, each against the same reference θ^ref_{jk}.
struct StericOrder {
    /// θ^ref for (α_i, β_j, β_k), index 9α_i + 3β_j + β_k.
    let reference: [Double]

    init(mixture: Mixture) {
        var table = [Double](repeating: 0, count: 27)
        for a in Species.allCases { for b in Species.allCases { for c in Species.allCases {
            table[9 * Int(a.rawValue) + 3 * Int(b.rawValue) + Int(c.rawValue)] =
                StericOrder.referenceAngle(ij: mixture.sigma(a, b), ik: mixture.sigma(a, c), jk: mixture.sigma(b, c))
        } } }
        reference = table
    }

    /// Angle at i of the triangle with sides σ_ij, σ_ik, σ_jk (cosine law), clamped to a real angle.
    static func referenceAngle(ij: Double, ik: Double, jk: Double) -> Double {
        let cosine = (ij * ij + ik * ik - jk * jk) / (2 * ij * ik)
        return acos(min(1, max(-1, cosine)))
    }

    /// Θ for a centre of species `centre` with `z` neighbours given as polar angles, species and
    /// particle indices in the first `z` slots of the scratch buffers (sorted in place).
    @inline(__always)
    func theta(centre: Int, z: Int, angle: UnsafeMutablePointer<Double>, species: UnsafeMutablePointer<Int>,
               index: UnsafeMutablePointer<Int32>) -> Double {
        guard z > 0 else { return 0 }
        // Insertion sort: z is ~6, and ties are broken by index so the order is deterministic.
        if z > 1 {
            for a in 1..<z {
                let ka = angle[a], sa = species[a], ia = index[a]
                var b = a - 1
                while b >= 0 && (angle[b] > ka || (angle[b] == ka && index[b] > ia)) {
                    angle[b + 1] = angle[b]; species[b + 1] = species[b]; index[b + 1] = index[b]
                    b -= 1
                }
                angle[b + 1] = ka; species[b + 1] = sa; index[b + 1] = ia
            }
        }
        let base = 9 * centre
        var sum = 0.0
        for a in 0..<z {
            let next = a + 1 == z ? 0 : a + 1
            let gap = next == 0 ? angle[0] + 2 * Double.pi - angle[a] : angle[next] - angle[a]
            sum += abs(gap - reference[base + 3 * species[a] + species[next]])
        }
        return sum / Double(z)
    }
}
