/// Errors of the Monte Carlo engine; each names the offending field and what is allowed.
public enum MonteCarloError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(field: String, value: String, allowed: String)
    case corruptCheckpoint(path: String, reason: String)
    case checkpointMismatch(path: String, field: String, stored: String, expected: String)
    /// A long run (the preparation) stopped by its cancellation flag, after writing its checkpoint if it had one.
    case cancelled(sweep: Int)

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed):
            "invalid \(field) = \(value): expected \(allowed)"
        case let .corruptCheckpoint(path, reason):
            "\(path): corrupt checkpoint: \(reason)"
        case let .checkpointMismatch(path, field, stored, expected):
            "\(path): checkpoint was written with \(field) = \(stored), but this run has \(field) = \(expected)"
        case let .cancelled(sweep):
            "cancelled at sweep \(sweep); run again with the same arguments to resume from the checkpoint, if one was written"
        }
    }
}
