/// Pearson correlation coefficient ρ_{A,B} of Eq. (13),
/// (1/N) Σ (A_i − μ_A)(B_i − μ_B) / (σ_A σ_B), with population standard deviations.
/// Computed in two passes (means first) for accuracy. NaN when either variable is constant or empty.
public func pearson(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "pearson: arrays of different lengths \(a.count) and \(b.count)")
    return pearson(a, b, where: { _ in true })
}

/// ρ(A, B) restricted to each species separately: element s is ρ over the particles with
/// `species[i] == s` (labels 0 = S, 1 = M, 2 = L in the paper), for s in 0..<speciesCount.
public func pearsonBySpecies(_ a: [Double], _ b: [Double], species: [Int], speciesCount: Int = 3) -> [Double] {
    precondition(a.count == b.count && a.count == species.count,
                 "pearsonBySpecies: arrays of different lengths")
    return (0..<speciesCount).map { s in pearson(a, b, where: { species[$0] == s }) }
}

private func pearson(_ a: [Double], _ b: [Double], where keep: (Int) -> Bool) -> Double {
    var n = 0, sa = 0.0, sb = 0.0
    for i in a.indices where keep(i) { n += 1; sa += a[i]; sb += b[i] }
    guard n > 0 else { return .nan }
    let ma = sa / Double(n), mb = sb / Double(n)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices where keep(i) {
        let da = a[i] - ma, db = b[i] - mb
        sab += da * db; saa += da * da; sbb += db * db
    }
    let denominator = (saa * sbb).squareRoot()
    return denominator > 0 ? sab / denominator : .nan
}
