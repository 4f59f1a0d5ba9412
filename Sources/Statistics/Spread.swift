/// Mean and population standard deviation (numpy's default, ddof = 0) of the finite values,
/// summed in order; NaN for both when there are none. Also the number of finite values.
public func meanAndSpread(_ values: [Double]) -> (mean: Double, std: Double, count: Int) {
    let finite = values.filter { $0.isFinite }
    guard !finite.isEmpty else { return (.nan, .nan, 0) }
    let n = Double(finite.count)
    let mean = finite.reduce(0, +) / n
    let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
    return (mean, variance.squareRoot(), finite.count)
}

/// Element-wise mean and spread over rows (one row per configuration), skipping non-finite values.
public func meanAndSpread(rows: [[Double]]) -> (mean: [Double], std: [Double]) {
    guard let width = rows.first?.count else { return ([], []) }
    var mean = [Double](repeating: .nan, count: width), std = mean
    for k in 0..<width {
        let m = meanAndSpread(rows.map { $0[k] })
        guard m.count > 0 else { continue }
        mean[k] = m.mean; std[k] = m.std
    }
    return (mean, std)
}

/// Spearman–Brown: the reliability of a mean over a full ensemble from the correlation r of two
/// half-ensembles. √R bounds |ρ(p, X)| for any X, however perfect a predictor X is.
public func spearmanBrown(halfCorrelation r: Double) -> Double { 2 * r / (1 + r) }

/// The correlation ratio η²: the share of the variance of `values` explained by the group label.
/// Groups are summed in their given order, so the result has the same bits in every process.
public func correlationRatio(_ values: [Double], groups: [[Int]]) -> Double {
    let n = Double(values.count), mean = values.reduce(0, +) / n
    let total = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    var between = 0.0
    for idx in groups where !idx.isEmpty {
        let m = idx.reduce(0) { $0 + values[$1] } / Double(idx.count)
        between += Double(idx.count) * (m - mean) * (m - mean)
    }
    return between / total
}
