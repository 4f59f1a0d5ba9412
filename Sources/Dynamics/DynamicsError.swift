/// Errors of the dynamical observables; each names the offending field and what is allowed.
public enum DynamicsError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(field: String, value: String, allowed: String)
    /// The run was stopped by its cancellation flag; every trajectory left a checkpoint.
    case cancelled

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed): "invalid \(field) = \(value): expected \(allowed)"
        case .cancelled: "cancelled; checkpoints were written, run again with the same arguments to resume"
        }
    }
}
