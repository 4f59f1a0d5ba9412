/// First and centred second moments of a set of rows of a feature matrix and its target:
/// everything ordinary least squares, Lasso and the Pearson coefficient of a linear prediction
/// need, so a training set is summarised once and any column subset is solved from it.
public struct CentredMoments: Sendable, Equatable {
    /// Number of rows n.
    public let count: Int
    /// Number of feature columns M.
    public let featureCount: Int
    /// μ_j, the column means.
    public let featureMean: [Double]
    /// ȳ, the target mean.
    public let targetMean: Double
    /// Σ_i (x_i − μ)(x_i − μ)ᵀ, row-major M×M, symmetric.
    public let featureScatter: [Double]
    /// Σ_i (x_i − μ)(y_i − ȳ), length M.
    public let featureTargetScatter: [Double]
    /// Σ_i (y_i − ȳ)².
    public let targetScatter: Double

    /// Moments of the rows `rows` (all rows when nil) of a row-major matrix with `featureCount`
    /// columns. Two passes (means, then centred products) keep the scatter accurate.
    public init(features: [Double], featureCount m: Int, target: [Double], rows: [Int]? = nil) {
        precondition(m > 0 && features.count == target.count * m, "CentredMoments: features must be rows × featureCount")
        let rows = rows ?? Array(0..<target.count)
        let n = rows.count
        var mean = [Double](repeating: 0, count: m)
        var scatter = [Double](repeating: 0, count: m * m)
        var xy = [Double](repeating: 0, count: m)
        var ym = 0.0, yy = 0.0
        if n > 0 {
            features.withUnsafeBufferPointer { x in
                target.withUnsafeBufferPointer { y in
                    for i in rows { ym += y[i] }
                    ym /= Double(n)
                    mean.withUnsafeMutableBufferPointer { mu in
                        for i in rows { for j in 0..<m { mu[j] += x[i * m + j] } }
                        for j in 0..<m { mu[j] /= Double(n) }
                    }
                    var z = [Double](repeating: 0, count: m)
                    z.withUnsafeMutableBufferPointer { z in
                        mean.withUnsafeBufferPointer { mu in
                            scatter.withUnsafeMutableBufferPointer { s in
                                xy.withUnsafeMutableBufferPointer { sxy in
                                    for i in rows {
                                        let dy = y[i] - ym
                                        yy += dy * dy
                                        for j in 0..<m { z[j] = x[i * m + j] - mu[j] }
                                        for j in 0..<m {
                                            let zj = z[j]
                                            sxy[j] += zj * dy
                                            for k in j..<m { s[j * m + k] += zj * z[k] } // upper triangle
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for j in 0..<m { for k in 0..<j { scatter[j * m + k] = scatter[k * m + j] } }
        }
        self.init(count: n, featureCount: m, featureMean: mean, targetMean: ym,
                  featureScatter: scatter, featureTargetScatter: xy, targetScatter: yy)
    }

    /// Moments of the union of disjoint sets, combined exactly without revisiting the data
    /// (Chan, Golub & LeVeque): scatters add, plus n_c (μ_c − μ)(μ_c − μ)ᵀ for the shift of each
    /// part's mean. Parts are combined in the order given, so the result is deterministic.
    public init(pooling parts: [CentredMoments]) {
        precondition(!parts.isEmpty, "CentredMoments(pooling:) needs at least one part")
        let m = parts[0].featureCount
        precondition(parts.allSatisfy { $0.featureCount == m }, "CentredMoments(pooling:): feature counts differ")
        let n = parts.reduce(0) { $0 + $1.count }
        var mean = [Double](repeating: 0, count: m)
        var ym = 0.0
        for p in parts where p.count > 0 {
            let w = Double(p.count)
            ym += w * p.targetMean
            for j in 0..<m { mean[j] += w * p.featureMean[j] }
        }
        if n > 0 {
            ym /= Double(n)
            for j in 0..<m { mean[j] /= Double(n) }
        }
        var scatter = [Double](repeating: 0, count: m * m)
        var xy = [Double](repeating: 0, count: m)
        var yy = 0.0
        var shift = [Double](repeating: 0, count: m)
        for p in parts where p.count > 0 {
            let w = Double(p.count)
            let dy = p.targetMean - ym
            for j in 0..<m { shift[j] = p.featureMean[j] - mean[j] }
            yy += p.targetScatter + w * dy * dy
            for j in 0..<m {
                xy[j] += p.featureTargetScatter[j] + w * shift[j] * dy
                for k in 0..<m { scatter[j * m + k] += p.featureScatter[j * m + k] + w * shift[j] * shift[k] }
            }
        }
        self.init(count: n, featureCount: m, featureMean: mean, targetMean: ym,
                  featureScatter: scatter, featureTargetScatter: xy, targetScatter: yy)
    }

    init(count: Int, featureCount: Int, featureMean: [Double], targetMean: Double,
         featureScatter: [Double], featureTargetScatter: [Double], targetScatter: Double) {
        self.count = count
        self.featureCount = featureCount
        self.featureMean = featureMean
        self.targetMean = targetMean
        self.featureScatter = featureScatter
        self.featureTargetScatter = featureTargetScatter
        self.targetScatter = targetScatter
    }
}
