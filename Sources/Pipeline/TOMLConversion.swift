/// Converts TOMLKit's tables into plain `ParameterValue`s once, so the rest of the module never
/// touches TOMLKit. Dates and times are kept as their TOML text.
import Foundation
import TOMLKit

enum TOMLConversion {
    static func table(_ t: TOMLTable) -> [String: ParameterValue] {
        var out: [String: ParameterValue] = [:]
        for key in t.keys {
            if let v = t[key] { out[key] = value(v) }
        }
        return out
    }

    static func value(_ v: TOMLValueConvertible) -> ParameterValue {
        switch v.type {
        case .int: return .int(v.int ?? 0)
        case .double: return .double(v.double ?? .nan)
        case .string: return .string(v.string ?? "")
        case .bool: return .bool(v.bool ?? false)
        case .array: return .list((v.array.map { Array($0) } ?? []).map(value))
        case .table: return .table(v.table.map(table) ?? [:])
        case .date, .time, .dateTime: return .string(v.tomlValue.debugDescription)
        }
    }
}
