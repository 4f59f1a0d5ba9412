/// A training set in standardized coordinates z_j = (x_j − μ_j)/σ_j with centred target:
/// G = ZᵀZ/n and g = Zᵀ(y − ȳ)/n. σ_j is the population standard deviation of the training set
/// (like scikit-learn's StandardScaler); a constant column keeps σ_j = 1 (also like StandardScaler),
/// which leaves G_jj = 0 so Lasso never selects it and OLS reports it as singular.
public struct StandardizedGram: Sendable {
    /// Number of training rows n.
    public let count: Int
    /// Number of feature columns M.
    public let featureCount: Int
    /// Training means μ_j used for standardization.
    public let mean: [Double]
    /// Training standard deviations σ_j used for standardization.
    public let scale: [Double]
    /// Training mean of the target ȳ (the intercept in standardized coordinates).
    public let targetMean: Double
    /// G = ZᵀZ/n, row-major M×M (the correlation matrix of the training features).
    public let gram: [Double]
    /// g = Zᵀ(y − ȳ)/n, length M.
    public let gramTarget: [Double]
    /// Population variance of the training target.
    public let targetVariance: Double

    /// Standardizes the centred moments of a training set.
    public init(_ moments: CentredMoments) {
        let m = moments.featureCount
        let n = Double(moments.count)
        precondition(moments.count > 0, "StandardizedGram needs a non-empty training set")
        let scale: [Double] = (0..<m).map { j in
            let sd = (moments.featureScatter[j * m + j] / n).squareRoot()
            return sd > 0 ? sd : 1
        }
        var gram = [Double](repeating: 0, count: m * m)
        for j in 0..<m {
            for k in 0..<m { gram[j * m + k] = moments.featureScatter[j * m + k] / (n * scale[j] * scale[k]) }
        }
        self.count = moments.count
        self.featureCount = m
        self.mean = moments.featureMean
        self.scale = scale
        self.targetMean = moments.targetMean
        self.gram = gram
        self.gramTarget = (0..<m).map { moments.featureTargetScatter[$0] / (n * scale[$0]) }
        self.targetVariance = moments.targetScatter / n
    }
}
