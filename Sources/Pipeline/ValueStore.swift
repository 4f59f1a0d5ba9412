/// The value store the join fills after a run: computed numbers, strings, tables and figures
/// by key, which report directives and expectations read. Knows nothing of what they mean.
import Foundation

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
}
