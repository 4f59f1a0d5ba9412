import Model

/// The smoothed-LJ coefficients of one pair type packed in one cache line, so the inner loop
/// loads everything it needs for a neighbour with a single index.
@usableFromInline
struct PairCoefficients {
    @usableFromInline var sigma2: Double, cutoff2: Double, fourEpsilon: Double
    @usableFromInline var c0: Double, c2: Double, c4: Double
    @usableFromInline var listCutoff2: Double, pad: Double
}

extension PairCoefficients {
    /// Table indexed by pair type t = 3α + β; `listCutoff2` is (r_c + skin)², or the largest
    /// one for every pair when `uniform` (needed while swap moves change pair types).
    static func table(_ v: PairPotential, skin: Double, uniform: Bool) -> [PairCoefficients] {
        let rmax = v.maximumCutoff + skin
        return (0..<9).map { t in
            let rc = v.cutoff2[t].squareRoot() + skin
            return PairCoefficients(sigma2: v.sigma2[t], cutoff2: v.cutoff2[t], fourEpsilon: v.fourEpsilon[t],
                                    c0: v.c0Epsilon[t], c2: v.c2EpsilonOverSigma2[t], c4: v.c4EpsilonOverSigma4[t],
                                    listCutoff2: uniform ? rmax * rmax : rc * rc, pad: 0)
        }
    }
}
