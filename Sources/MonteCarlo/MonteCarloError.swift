/// Errors of the Monte Carlo engine; each names the offending field and what is allowed.
public enum MonteCarloError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(field: String, value: String, allowed: String)
    case corruptCheckpoint(path: String, reason: String)
    case checkpointMismatch(path: String, field: String, stored: String, expected: String)

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed):
            "invalid \(field) = \(value): expected \(allowed)"
        case let .corruptCheckpoint(path, reason):
            "\(path): corrupt checkpoint: \(reason)"
        case let .checkpointMismatch(path, field, stored, expected):
            "\(path): checkpoint was written with \(field) = \(stored), but this run has \(field) = \(expected)"
        }
    }
}
