import Statistics

/// A mean over configurations with its standard error (σ/√c): a value the report quotes with
/// `KEY.sem` beside it.
struct Estimate: Codable, Sendable, Equatable {
    var value: Double
    var sem: Double
}

/// A curve averaged over configurations (one row per configuration), point by point: what the
/// summary reads its numbers from and a figure plots with error bars.
struct MeanCurve: Codable, Sendable, Equatable {
    var mean: [Double]
    var std: [Double]

    init(mean: [Double], std: [Double]) { self.mean = mean; self.std = std }

    init(rows: [[Double]]) {
        (mean, std) = meanAndSpread(rows: rows)
    }

    /// The point `k` with its standard error over `configurations`.
    func estimate(_ k: Int, configurations c: Int) -> Estimate {
        Estimate(value: mean[k], sem: std[k] / Double(c).squareRoot())
    }
}
