/// Ordinary least squares with intercept on the columns `columns`, solved from the training set's
/// standardized Gram matrix: the normal equations G_SS u = g_S by Cholesky in double precision,
/// then mapped back to raw-feature weights w_k = u_k/σ_k and intercept w⁽⁰⁾ = ȳ − Σ w_k μ_k.
/// Minimises the mean squared error of Eq. (17). Throws `singularSystem` when the columns are
/// (nearly) linearly dependent or constant, `invalidParameter` for repeated or out-of-range columns.
/// With `droppingDependentColumns`, dependent columns get weight 0 instead (listed in
/// `LinearModel.droppedColumns`), which reproduces the fitted values of numpy/sklearn's
/// minimum-norm solver on the paper's strongly collinear features (ρ̄ at neighbouring ℓ, …).
public func ordinaryLeastSquares(_ gram: StandardizedGram, columns: [Int], droppingDependentColumns: Bool = false) throws -> LinearModel {
    let m = gram.featureCount
    guard !columns.isEmpty, columns.allSatisfy({ $0 >= 0 && $0 < m }), Set(columns).count == columns.count else {
        throw RegressionError.invalidParameter(field: "columns", value: "\(columns)",
                                               allowed: "a non-empty list of distinct indices in 0..<\(m)")
    }
    let d = columns.count
    var a = [Double](repeating: 0, count: d * d)
    for (p, jp) in columns.enumerated() {
        for (q, jq) in columns.enumerated() { a[p * d + q] = gram.gram[jp * m + jq] }
    }
    var dropped: [Int] = []
    let u = try choleskySolve(a, columns.map { gram.gramTarget[$0] }, dimension: d, columns: columns,
                              dropDependent: droppingDependentColumns, dropped: &dropped)
    let w = (0..<d).map { u[$0] / gram.scale[columns[$0]] }
    var intercept = gram.targetMean
    for (k, j) in columns.enumerated() { intercept -= w[k] * gram.mean[j] }
    return LinearModel(columns: columns, standardizedWeights: u, weights: w, intercept: intercept, droppedColumns: dropped)
}

/// Ordinary least squares with intercept fitted directly to a row-major raw feature matrix
/// (all columns unless `columns` is given).
public func ordinaryLeastSquares(features: [Double], featureCount: Int, target: [Double],
                                 columns: [Int]? = nil) throws -> LinearModel {
    guard featureCount > 0, !target.isEmpty, features.count == target.count * featureCount else {
        throw RegressionError.invalidParameter(field: "features", value: "\(features.count) values",
                                               allowed: "target.count × featureCount = \(target.count) × \(featureCount)")
    }
    let gram = StandardizedGram(CentredMoments(features: features, featureCount: featureCount, target: target))
    return try ordinaryLeastSquares(gram, columns: columns ?? Array(0..<featureCount))
}
