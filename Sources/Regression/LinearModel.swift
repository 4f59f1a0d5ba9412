/// The linear model of Eq. (17), p̂ = wᵀX_d + w⁽⁰⁾, on a subset of feature columns.
public struct LinearModel: Sendable, Equatable {
    /// The feature columns X_d, in the order the weights refer to.
    public let columns: [Int]
    /// Weights on the standardized features z_j = (x_j − μ_j)/σ_j of the training set.
    public let standardizedWeights: [Double]
    /// Weights w on the raw features: p̂ = Σ_k weights[k]·x[columns[k]] + intercept.
    public let weights: [Double]
    /// The intercept w⁽⁰⁾ on the raw features.
    public let intercept: Double
    /// Columns left out (weight 0) as linearly dependent on earlier ones; empty unless asked for.
    public var droppedColumns: [Int] = []

    /// p̂ for every row of a row-major raw feature matrix with `featureCount` columns.
    public func predict(features: [Double], featureCount m: Int) -> [Double] {
        precondition(m > 0 && features.count % m == 0, "predict: features must be rows × featureCount")
        let rows = features.count / m
        var prediction = [Double](repeating: intercept, count: rows)
        features.withUnsafeBufferPointer { x in
            for i in 0..<rows {
                var s = intercept
                for (k, j) in columns.enumerated() { s += weights[k] * x[i * m + j] }
                prediction[i] = s
            }
        }
        return prediction
    }

    /// ρ(y, p̂) over the rows summarised by `moments` (e.g. a held-out configuration or one species
    /// of it), without forming p̂: ρ = wᵀ s_xy / √(s_yy · wᵀ S_xx w) with the centred scatters,
    /// which equals Eq. (13) applied to (y, p̂) because ρ ignores the intercept. NaN if undefined.
    public func pearson(on moments: CentredMoments) -> Double {
        let m = moments.featureCount
        var covariance = 0.0, variance = 0.0
        for (a, ja) in columns.enumerated() {
            covariance += weights[a] * moments.featureTargetScatter[ja]
            var row = 0.0
            for (b, jb) in columns.enumerated() { row += moments.featureScatter[ja * m + jb] * weights[b] }
            variance += weights[a] * row
        }
        let denominator = (variance * moments.targetScatter).squareRoot()
        return denominator > 0 ? covariance / denominator : .nan
    }
}
