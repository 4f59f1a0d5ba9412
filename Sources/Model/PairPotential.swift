/// The smoothed Lennard-Jones pair potential of paper Sec. II A:
///
///   v(r) = 4ε[(σ/r)¹² − (σ/r)⁶] + ε[c₀ + c₂ (r/σ)² + c₄ (r/σ)⁴]  for r < r_c = 2.5σ, 0 beyond,
///
/// with c₀, c₂, c₄ fixed so that v, v′ and v″ vanish at r_c (twice continuously differentiable,
/// as in Barbot et al. 2018). Everything is a function of r², so the hot loop takes no square root.
/// Coefficients are stored per species pair (row-major 3×3) as plain arrays for the inner loops.
public struct PairPotential: Sendable, Equatable {
    public let mixture: Mixture
    /// Smoothing coefficients in units of ε, functions of the cutoff ratio only.
    public let c0: Double, c2: Double, c4: Double
    /// Per pair type t = 3·α + β.
    public let sigma2: [Double], cutoff2: [Double], fourEpsilon: [Double]
    public let c0Epsilon: [Double], c2EpsilonOverSigma2: [Double], c4EpsilonOverSigma4: [Double]

    public init(mixture: Mixture = .paper) {
        self.mixture = mixture
        (c0, c2, c4) = PairPotential.smoothingCoefficients(cutoffRatio: mixture.cutoffRatio)
        var s2 = [Double](), rc2 = [Double](), fe = [Double](), a0 = [Double](), a2 = [Double](), a4 = [Double]()
        for a in Species.allCases {
            for b in Species.allCases {
                let s = mixture.sigma(a, b), e = mixture.epsilon(a, b)
                s2.append(s * s)
                rc2.append(mixture.cutoffRatio * mixture.cutoffRatio * s * s)
                fe.append(4 * e)
                a0.append(e * c0)
                a2.append(e * c2 / (s * s))
                a4.append(e * c4 / (s * s * s * s))
            }
        }
        sigma2 = s2; cutoff2 = rc2; fourEpsilon = fe
        c0Epsilon = a0; c2EpsilonOverSigma2 = a2; c4EpsilonOverSigma4 = a4
    }

    /// c₀, c₂, c₄ solving v(x_c) = v′(x_c) = v″(x_c) = 0 for the reduced LJ 4(x⁻¹² − x⁻⁶), x = r/σ.
    public static func smoothingCoefficients(cutoffRatio xc: Double) -> (Double, Double, Double) {
        let lj = 4 * (pow(xc, -12) - pow(xc, -6))
        let d1 = 4 * (-12 * pow(xc, -13) + 6 * pow(xc, -7))
        let d2 = 4 * (156 * pow(xc, -14) - 42 * pow(xc, -8))
        // 2c₂x + 4c₄x³ = −d1 and 2c₂ + 12c₄x² = −d2.
        let c4 = (d1 - d2 * xc) / (8 * xc * xc * xc)
        let c2 = (-d2 - 12 * c4 * xc * xc) / 2
        let c0 = -(lj + c2 * xc * xc + c4 * xc * xc * xc * xc)
        return (c0, c2, c4)
    }

    @inline(__always) public static func pairType(_ a: Species, _ b: Species) -> Int { 3 * Int(a.rawValue) + Int(b.rawValue) }

    /// v(r) for a pair of type `t` at squared distance `r2`.
    @inline(__always)
    public func energy(r2: Double, type t: Int) -> Double {
        guard r2 < cutoff2[t] else { return 0 }
        let s2 = sigma2[t] / r2
        let s6 = s2 * s2 * s2
        return fourEpsilon[t] * (s6 * s6 - s6) + c0Epsilon[t] + r2 * (c2EpsilonOverSigma2[t] + r2 * c4EpsilonOverSigma4[t])
    }

    public func energy(r: Double, _ a: Species, _ b: Species) -> Double {
        energy(r2: r * r, type: PairPotential.pairType(a, b))
    }

    /// dv/dr, for tests of smoothness and for anyone computing forces or pressure.
    public func derivative(r: Double, _ a: Species, _ b: Species) -> Double {
        let t = PairPotential.pairType(a, b)
        guard r * r < cutoff2[t] else { return 0 }
        let s = sigma2[t].squareRoot(), x = s / r
        let e = fourEpsilon[t] / 4
        return e / s * (4 * (-12 * pow(x, 13) + 6 * pow(x, 7))) + 2 * c2EpsilonOverSigma2[t] * r + 4 * c4EpsilonOverSigma4[t] * r * r * r
    }

    /// d²v/dr².
    public func secondDerivative(r: Double, _ a: Species, _ b: Species) -> Double {
        let t = PairPotential.pairType(a, b)
        guard r * r < cutoff2[t] else { return 0 }
        let s = sigma2[t].squareRoot(), x = s / r
        let e = fourEpsilon[t] / 4
        return e / (s * s) * (4 * (156 * pow(x, 14) - 42 * pow(x, 8))) + 2 * c2EpsilonOverSigma2[t] + 12 * c4EpsilonOverSigma4[t] * r * r
    }

    /// The largest cutoff over all pairs (2.5 σ_LL).
    public var maximumCutoff: Double { cutoff2.max()!.squareRoot() }
}

import Foundation
