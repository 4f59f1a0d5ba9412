/// The value store the join fills after a run: computed numbers, strings, tables and figures
/// by key, which report directives and expectations read. Knows nothing of what they mean.
/// It is Codable (plain JSON: numbers, strings, table objects, figure paths), so tasks can
/// write their values as an output file and the join merges them.
import Foundation
import Pipeline

/// A table for `{{table NAME}}`: header and rows of already formatted cells.
public struct ReportTable: Sendable, Hashable, Codable {
    public var columns: [String]
    public var rows: [[String]]
    public var caption: String?
    public init(columns: [String], rows: [[String]], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }
}

/// One stored value.
public enum ReportValue: Sendable, Hashable {
    case number(Double)
    case integer(Int)
    case text(String)
    case table(ReportTable)

    public var doubleValue: Double? {
        switch self {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        default: return nil
        }
    }
}

/// Key → value, plus figure name → image file.
public struct ValueStore: Sendable {
    public var values: [String: ReportValue] = [:]
    public var figures: [String: URL] = [:]

    public init() {}

    public subscript(key: String) -> ReportValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    public mutating func set(_ key: String, _ x: Double) { values[key] = .number(x) }
    /// Sets a value and its standard error (`KEY.sem`, read by `tolerance_mode = "sem"`).
    public mutating func set(_ key: String, _ x: Double, sem: Double) {
        values[key] = .number(x)
        values[key + ".sem"] = .number(sem)
    }
    public mutating func set(_ key: String, _ i: Int) { values[key] = .integer(i) }
    public mutating func set(_ key: String, _ s: String) { values[key] = .text(s) }
    public mutating func set(_ key: String, _ t: ReportTable) { values[key] = .table(t) }
    public mutating func setFigure(_ name: String, _ url: URL) { figures[name] = url }

    /// Adds every value and figure of `other` (its entries win).
    public mutating func merge(_ other: ValueStore) {
        values.merge(other.values) { _, b in b }
        figures.merge(other.figures) { _, b in b }
    }

    /// Reads a store written by `write(to:)`.
    public static func load(_ url: URL) throws -> ValueStore {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFinite.decoding
        return try decoder.decode(ValueStore.self, from: Data(contentsOf: url))
    }

    /// An undefined statistic (ρ of a constant, τα of a curve that never decays) is NaN; JSON has
    /// no NaN, so it is written as the string "nan" (as every stage artifact writes it), which
    /// says so to every reader.
    static let nonFinite = (encoding: JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
                                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"),
                            decoding: JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
                                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"))

    /// Writes the store as sorted, indented JSON.
    public func write(to url: URL) throws {
        try encoded().write(to: url, options: .atomic)
    }

    /// The store as sorted, indented JSON (what `write(to:)` writes).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFinite.encoding
        return try encoder.encode(self)
    }
}

extension ValueStore: Codable {
    private enum Keys: String, CodingKey { case values, figures }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        values = try c.decodeIfPresent([String: ReportValue].self, forKey: .values) ?? [:]
        figures = (try c.decodeIfPresent([String: String].self, forKey: .figures) ?? [:]).mapValues { URL(fileURLWithPath: $0) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(values, forKey: .values)
        try c.encode(figures.mapValues(\.path), forKey: .figures)
    }
}

/// JSON: an integer, a number, a string, or a table object.
extension ReportValue: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { self = .integer(i) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let s = try? c.decode(String.self) { self = .text(s) }
        else { self = .table(try c.decode(ReportTable.self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let x): try c.encode(x)
        case .integer(let i): try c.encode(i)
        case .text(let s): try c.encode(s)
        case .table(let t): try c.encode(t)
        }
    }
}
