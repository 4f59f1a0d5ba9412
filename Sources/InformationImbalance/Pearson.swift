/// The Pearson coefficient of Eq. (13), ρ = (1/N) Σ (A_i − μ_A)(B_i − μ_B) / (σ_A σ_B), with
/// population standard deviations. Returns NaN when either variable is constant (ρ is undefined).
public func pearsonCoefficient(_ a: [Double], _ b: [Double]) throws -> Double {
    guard a.count == b.count else { throw InformationImbalanceError.pointCountMismatch(first: a.count, second: b.count) }
    guard a.count >= 2 else { throw InformationImbalanceError.tooFewPoints(count: a.count) }
    let (ma, sa) = FeatureSpace.meanAndStandardDeviation(a[...])
    let (mb, sb) = FeatureSpace.meanAndStandardDeviation(b[...])
    guard sa > 0, sb > 0 else { return .nan }
    var s = 0.0
    for i in 0..<a.count { s += (a[i] - ma) * (b[i] - mb) }
    return s / Double(a.count) / (sa * sb)
}
