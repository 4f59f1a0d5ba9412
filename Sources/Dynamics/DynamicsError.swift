import MonteCarlo

/// Errors of the dynamical observables; each names the offending field and what is allowed.
public enum DynamicsError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(field: String, value: String, allowed: String)
    /// The run was stopped by its cancellation flag; every trajectory left a checkpoint.
    case cancelled

    /// Throws `.invalidParameter` unless `value` lies in `low…high` (a range of `EngineLimits`).
    static func check(_ field: String, _ value: Int, in low: Int, _ high: Int) throws {
        guard value >= low, value <= high else {
            throw DynamicsError.invalidParameter(field: field, value: "\(value)", allowed: "a whole number in \(EngineLimits.range(low, high))")
        }
    }

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed): "invalid \(field) = \(value): expected \(allowed)"
        case .cancelled: "cancelled; checkpoints were written, run again with the same arguments to resume"
        }
    }
}
