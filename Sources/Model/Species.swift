/// The three species of the ternary mixture, in the paper's notation.
public enum Species: UInt8, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case small = 0, medium = 1, large = 2

    /// The one-letter symbol used in files and figures.
    public var symbol: String { ["S", "M", "L"][Int(rawValue)] }
    public var description: String { symbol }

    public init?(symbol: String) {
        switch symbol {
        case "S": self = .small
        case "M": self = .medium
        case "L": self = .large
        default: return nil
        }
    }
}
