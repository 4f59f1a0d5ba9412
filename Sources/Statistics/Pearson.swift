/// Pearson's coefficient of Eq. (13), ρ_{A,B} = (1/N) Σ (A_i − μ_A)(B_i − μ_B) / (σ_A σ_B), with
/// population standard deviations. Two passes (means first) for accuracy. NaN when either variable
/// is constant or there are no points: ρ is undefined then, and a NaN cannot pass for a number.
public func pearson(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "pearson: arrays of different lengths \(a.count) and \(b.count)")
    return pearson(a, b, over: a.indices)
}

/// ρ over the points `indices` only (a species, a half of the data).
public func pearson<Indices: Sequence<Int>>(_ a: [Double], _ b: [Double], over indices: Indices) -> Double {
    var n = 0, sa = 0.0, sb = 0.0
    for i in indices { n += 1; sa += a[i]; sb += b[i] }
    guard n > 0 else { return .nan }
    let ma = sa / Double(n), mb = sb / Double(n)
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in indices {
        let da = a[i] - ma, db = b[i] - mb
        sab += da * db; saa += da * da; sbb += db * db
    }
    let denominator = (saa * sbb).squareRoot()
    return denominator > 0 ? sab / denominator : .nan
}

/// ρ(A, B) within each species: element s is ρ over the particles with `species[i] == s`
/// (0 = S, 1 = M, 2 = L in the paper), for s in 0..<speciesCount; NaN for an absent species.
public func pearsonBySpecies(_ a: [Double], _ b: [Double], species: [Int], speciesCount: Int = 3) -> [Double] {
    precondition(a.count == b.count && a.count == species.count, "pearsonBySpecies: arrays of different lengths")
    return speciesGroups(species, count: speciesCount).map { pearson(a, b, over: $0) }
}

/// ρ(x, p) within each species group (NaN where a group has fewer than 3 particles or x is
/// constant in it), and their average weighted by the group sizes: the part of the correlation
/// that the species label alone does not explain.
public func withinSpeciesPearson(_ x: [Double], _ p: [Double], groups: [[Int]]) -> (pooled: Double, perSpecies: [Double]) {
    var per = [Double](repeating: .nan, count: groups.count), weighted = 0.0, weight = 0.0
    for (s, idx) in groups.enumerated() where idx.count >= 3 {
        let r = pearson(x, p, over: idx)
        guard r.isFinite else { continue }
        per[s] = r
        weighted += Double(idx.count) * r; weight += Double(idx.count)
    }
    return (weight > 0 ? weighted / weight : .nan, per)
}

/// Particle indices of each species code 0..<count, ascending (empty for an absent code).
public func speciesGroups(_ species: [Int], count: Int) -> [[Int]] {
    var groups = [[Int]](repeating: [], count: count)
    for (i, s) in species.enumerated() where s >= 0 && s < count { groups[s].append(i) }
    return groups
}
