/// Everything that can go wrong in the Regression module, with enough context to act on it.
public enum RegressionError: Error, Equatable, CustomStringConvertible {
    /// A parameter is outside its allowed values.
    case invalidParameter(field: String, value: String, allowed: String)
    /// The normal equations of these columns are singular or too ill-conditioned to solve.
    case singularSystem(columns: [Int], pivotRatio: Double)
    /// Coordinate descent did not reach the tolerance within the allowed sweeps.
    case lassoNotConverged(alpha: Double, sweeps: Int)

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed):
            return "invalid \(field) = \(value); allowed: \(allowed)"
        case let .singularSystem(columns, ratio):
            return "singular or ill-conditioned least-squares system for columns \(columns) "
                + "(Cholesky pivot ratio \(ratio) below \(choleskyPivotTolerance)); "
                + "the selected features are (nearly) linearly dependent or constant"
        case let .lassoNotConverged(alpha, sweeps):
            return "Lasso coordinate descent at α = \(alpha) did not converge in \(sweeps) sweeps"
        }
    }
}
