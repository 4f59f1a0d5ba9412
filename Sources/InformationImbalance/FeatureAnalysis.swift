import Statistics

/// Per-feature comparison with a scalar target (Sec. III A, Fig. 4): for each feature X,
/// the Pearson coefficient ρ(X, y) (Eq. (13)), Δ(X → y) and Δ(y → X).
public struct FeatureAnalysis: Sendable, Equatable, Codable {
    /// ρ(X_c, y) per feature (NaN for a constant feature).
    public let pearson: [Double]
    /// Δ(X_c → y) per feature.
    public let toTarget: [Double]
    /// Δ(y → X_c) per feature.
    public let fromTarget: [Double]
}

/// Analyses every feature against `target`. Features are standardized first when `standardize`
/// (as in the selections, so Δ(X_1 → p) of a selection equals the entry of its feature here).
/// Rank k as in `informationImbalance(from:to:k:)`: k = 1 costs O(N log N) per feature, k > 1 O(N²).
public func featureAnalysis(features: FeatureSpace, target: [Double], k: Int = 1, standardize: Bool = true,
                            chunks: Int = defaultChunkCount) throws -> FeatureAnalysis {
    guard chunks >= 1 else { throw InformationImbalanceError.invalidChunkCount(chunks) }
    let n = features.pointCount
    guard target.count == n else { throw InformationImbalanceError.targetLengthMismatch(points: n, target: target.count) }
    guard n >= 2 else { throw InformationImbalanceError.tooFewPoints(count: n) }
    try requireRank(k, points: n)
    let targetSpace = try FeatureSpace(scalar: target)
    let y = ScalarSpace(targetSpace.columnMajor)
    let x = standardize ? features.standardized() : features
    var rho = [Double](), to = [Double](), from = [Double]()
    for c in 0..<x.featureCount {
        let column = x.column(c)
        rho.append(pearson(column, target))
        let pair = k == 1 ? scalarImbalances(ScalarSpace(column), y, chunks: chunks)
            : rowImbalances(try x.selecting(features: [c]), targetSpace, k: k, chunks: chunks)
        to.append(pair.forward); from.append(pair.backward)
    }
    return FeatureAnalysis(pearson: rho, toTarget: to, fromTarget: from)
}
