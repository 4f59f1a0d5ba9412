/// Invalid parameters or inputs of the descriptor computation; every case names the offending
/// field and what would have been accepted.
public enum DescriptorError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(field: String, value: String, allowed: String)

    public var description: String {
        switch self {
        case let .invalidParameter(field, value, allowed): "invalid \(field) = \(value): expected \(allowed)"
        }
    }

    /// The field named by the error (for callers that map it onto a command-line option).
    public var field: String {
        switch self { case let .invalidParameter(field, _, _): field }
    }
}
