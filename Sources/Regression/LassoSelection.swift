/// The d features chosen by Lasso selection.
public struct LassoSelection: Sendable, Equatable {
    /// The penalty at which exactly d weights are non-zero.
    public let alpha: Double
    /// The selected columns, ordered by decreasing |standardized weight| (ties by index).
    public let columns: [Int]
    /// The Lasso solution at `alpha`.
    public let solution: LassoSolution
}

extension Lasso {
    /// Lasso selection: tunes α by bisection until exactly `d` weights are non-zero, as the authors
    /// do: α starts at α₀ and moves by a step that starts at α₀/2 and halves every iteration (up
    /// when more than d weights survive, down when fewer). α₀ = max(`initialAlpha`, α_max/2), i.e.
    /// the authors' α₀ = 1 whenever α_max ≤ 2, otherwise widened so the searched range (0, 2α₀)
    /// contains every α with a non-zero weight. Each solve is warm-started from the previous one.
    /// Returns nil when exactly d is not reached in `maximumIterations` (the number of non-zero
    /// weights need not be monotonic in α, and ties can make a count skip over d).
    public func lassoSelection(d: Int, initialAlpha: Double = 1, maximumIterations: Int = 100) throws -> LassoSelection? {
        let m = gram.featureCount
        guard d >= 1, d <= m else {
            throw RegressionError.invalidParameter(field: "d", value: "\(d)", allowed: "1...\(m)")
        }
        guard initialAlpha > 0, initialAlpha.isFinite else {
            throw RegressionError.invalidParameter(field: "initialAlpha", value: "\(initialAlpha)", allowed: "finite > 0")
        }
        guard maximumIterations > 0 else {
            throw RegressionError.invalidParameter(field: "maximumIterations", value: "\(maximumIterations)", allowed: "> 0")
        }
        var alpha = max(initialAlpha, alphaMax / 2)
        var step = alpha / 2
        var start: [Double]? = nil
        for _ in 0..<maximumIterations {
            let solution = try solve(alpha: alpha, start: start)
            let selected = solution.nonZeroColumns
            if selected.count == d {
                let ordered = selected.sorted { a, b in
                    let wa = abs(solution.weights[a]), wb = abs(solution.weights[b])
                    return wa != wb ? wa > wb : a < b
                }
                return LassoSelection(alpha: alpha, columns: ordered, solution: solution)
            }
            alpha += selected.count > d ? step : -step
            step /= 2
            start = solution.weights
        }
        return nil
    }
}
