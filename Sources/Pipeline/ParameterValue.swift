/// Parameter values as the pipeline sees them: a small closed set of JSON-like types,
/// with a canonical JSON form (sorted keys, shortest round-trip doubles) that cache keys hash.
import Foundation

/// One parameter value of a stage, an expectation or the manifest.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case double(Double)
    case string(String)
    case bool(Bool)
    case list([ParameterValue])
    case table([String: ParameterValue])

    /// Name of the type as written in error messages and schemas.
    public var typeName: String {
        switch self {
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        case .bool: return "bool"
        case .list: return "list"
        case .table: return "table"
        }
    }

    /// The value as a Double when it is numeric (ints widen).
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    public var intValue: Int? { if case .int(let i) = self { return i } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var listValue: [ParameterValue]? { if case .list(let l) = self { return l } else { return nil } }
    public var tableValue: [String: ParameterValue]? { if case .table(let t) = self { return t } else { return nil } }

    /// Canonical JSON: keys sorted, no whitespace, doubles in Swift's shortest round-trip form.
    /// Two equal values always give the same bytes, which is what cache keys need.
    public var canonicalJSON: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d):
            if d.isNaN { return "\"NaN\"" }
            if d.isInfinite { return d > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            // Mark doubles so that 1 (int) and 1.0 (double) hash differently but stably.
            var s = "\(d)"
            if !s.contains(".") && !s.contains("e") { s += ".0" }
            return s
        case .string(let s): return ParameterValue.jsonQuote(s)
        case .bool(let b): return b ? "true" : "false"
        case .list(let l): return "[" + l.map(\.canonicalJSON).joined(separator: ",") + "]"
        case .table(let t):
            return "{" + t.keys.sorted().map { ParameterValue.jsonQuote($0) + ":" + t[$0]!.canonicalJSON }
                .joined(separator: ",") + "}"
        }
    }

    /// Human-readable form used in status reasons ("temperature changed 0.45 → 0.4").
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .string(let s): return "\"\(s)\""
        case .bool(let b): return b ? "true" : "false"
        case .list(let l) where l.count > Self.longList:
            // A list of 10⁶ elements must not become a line of megabytes in a message or in `status`.
            return "[" + (l.prefix(5).map(\.description) + ["…"] + l.suffix(2).map(\.description)).joined(separator: ", ") + "] (\(l.count) elements)"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .table(let t): return "{" + t.keys.sorted().map { "\($0) = \(t[$0]!)" }.joined(separator: ", ") + "}"
        }
    }

    /// Lists longer than this are shown shortened (`description`).
    public static let longList = 20

    public static func jsonQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// Codable as plain JSON for metadata and records. An integral double may come back as an int;
/// comparisons that explain staleness therefore compare numbers by value (see `Staleness`).
extension ParameterValue: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int.self) { self = .int(i); return }
        if let d = try? c.decode(Double.self) { self = .double(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let l = try? c.decode([ParameterValue].self) { self = .list(l); return }
        if let t = try? c.decode([String: ParameterValue].self) { self = .table(t); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a parameter value")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .double(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .bool(let b): try c.encode(b)
        case .list(let l): try c.encode(l)
        case .table(let t): try c.encode(t)
        }
    }
}
