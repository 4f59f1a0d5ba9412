/// Expectations: what a reproduced quantity should be, declared in the manifest's
/// `[[expectation]]` tables and checked against the value store by `ExpectationChecker`.
import Foundation

/// How far a measured value may stray from its target.
public enum Tolerance: Sendable, Hashable, Codable, CustomStringConvertible {
    case absolute(Double)
    case relative(Double)
    /// k standard errors, read from the value `<quantity>.sem`.
    case standardErrors(Double)

    public var description: String {
        switch self {
        case .absolute(let x): return "± \(fmt(x))"
        case .relative(let x): return "± \(fmt(100 * x))%"
        case .standardErrors(let k): return "± \(fmt(k)) SE"
        }
    }
}

/// The target of an expectation.
public enum ExpectationTarget: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A number, within the tolerance.
    case value(Double)
    /// Between bounds (either may be open), widened by the tolerance.
    case range(Double?, Double?)
    /// Exactly this string or bool (e.g. the name of the best descriptor).
    case equals(ParameterValue)

    public var description: String {
        switch self {
        case .value(let x): return fmt(x)
        case let .range(lo?, hi?): return "[\(fmt(lo)), \(fmt(hi))]"
        case let .range(lo?, nil): return "≥ \(fmt(lo))"
        case let .range(nil, hi?): return "≤ \(fmt(hi))"
        case .range(nil, nil): return "any"
        case .equals(let v): return v.stringValue ?? v.description
        }
    }
}

/// One declared expectation.
public struct Expectation: Sendable, Hashable, Codable {
    public var name: String
    /// Key in the value store.
    public var quantity: String
    public var target: ExpectationTarget
    public var tolerance: Tolerance
    /// Profiles it applies to; nil = all.
    public var profiles: [String]?
    /// The value key (starting with the study's reference prefix) holding the reference value
    /// ours is compared with; shown beside ours, never checked. One source: no number is typed
    /// into the manifest.
    public var reference: String?
    public var description: String?
    /// Set when the deviation is expected and explained (xfail), for the loaded profile.
    public var knownDeviation: String?
    /// `known_deviation = { profile = "reason" }`: per-profile reasons, resolved into
    /// `knownDeviation` when the manifest is loaded for a profile.
    public var knownDeviations: [String: String]?
    /// Line in the manifest, for messages.
    public var line: Int?

    public init(name: String, quantity: String, target: ExpectationTarget, tolerance: Tolerance = .absolute(0),
                profiles: [String]? = nil, reference: String? = nil, description: String? = nil,
                knownDeviation: String? = nil, knownDeviations: [String: String]? = nil, line: Int? = nil) {
        self.name = name
        self.quantity = quantity
        self.target = target
        self.tolerance = tolerance
        self.profiles = profiles
        self.reference = reference
        self.description = description
        self.knownDeviation = knownDeviation
        self.knownDeviations = knownDeviations
        self.line = line
    }

    /// The expectation as checked under `profile`: a per-profile deviation applies to its profile only.
    public func resolved(for profile: String?) -> Expectation {
        guard let table = knownDeviations else { return self }
        var e = self
        e.knownDeviation = profile.flatMap { table[$0] }
        return e
    }

    /// Whether the expectation is checked under `profile`.
    public func applies(to profile: String?) -> Bool {
        guard let ps = profiles else { return true }
        return profile.map(ps.contains) ?? false
    }

    static let keys: Set<String> = ["name", "quantity", "expected", "range", "min", "max", "tolerance", "tolerance_mode",
                                    "profiles", "reference", "description", "known_deviation"]

    /// Parses one `[[expectation]]` table, reporting problems at `path`; `reference` says which
    /// keys `reference` may name and which old key names were renamed.
    static func parse(_ t: [String: ParameterValue], path: [String], line: Int?, reference: ReferenceValues,
                      errors: inout ErrorCollector) -> Expectation? {
        let before = errors.errors.count
        for k in t.keys.sorted() where !keys.contains(k) {
            if let new = reference.renamedKeys[k] {
                errors.add(path + [k], "renamed: write \(new) = \(t[k]!) (the key '\(k)' is no longer read)")
            } else {
                errors.add(path + [k], "unknown key; allowed: \(keys.sorted().joined(separator: ", "))")
            }
        }
        func string(_ k: String, required: Bool) -> String? {
            guard let v = t[k] else {
                if required { errors.add(path + [k], "missing required field") }
                return nil
            }
            guard let s = v.stringValue else { errors.add(path + [k], "expected string, got \(v.typeName) \(v)"); return nil }
            return s
        }
        func number(_ k: String) -> Double? {
            guard let v = t[k] else { return nil }
            guard let d = v.doubleValue else { errors.add(path + [k], "expected a number, got \(v.typeName) \(v)"); return nil }
            return d
        }
        let name = string("name", required: true)
        let quantity = string("quantity", required: true)
        var target: ExpectationTarget? = nil
        var forms = 0
        if let e = t["expected"] {
            forms += 1
            switch e {
            case .int, .double: target = .value(e.doubleValue!)
            case .string, .bool: target = .equals(e)
            default: errors.add(path + ["expected"], "expected a number, string or bool, got \(e.typeName)")
            }
        }
        if let r = t["range"] {
            forms += 1
            if let l = r.listValue, l.count == 2, let lo = l[0].doubleValue, let hi = l[1].doubleValue, lo <= hi {
                target = .range(lo, hi)
            } else {
                errors.add(path + ["range"], "expected [low, high] with low ≤ high, got \(r)")
            }
        }
        let lo = number("min"), hi = number("max")
        if t["min"] != nil || t["max"] != nil {
            forms += 1
            // Bounds that no value can meet would only fail: refused like `range = [1, 0]`.
            if let b = [("min", lo), ("max", hi)].first(where: { $0.1?.isNaN == true }) {
                errors.add(path + [b.0], "expected a number, got nan")
            } else if let lo, let hi, lo > hi {
                errors.add(path + ["max"], "expected min ≤ max, got min = \(fmt(lo)), max = \(fmt(hi))")
            } else {
                target = .range(lo, hi)
            }
        }
        if forms != 1 {
            errors.add(path, "give exactly one of expected, range, or min/max")
        }
        var tolerance = Tolerance.absolute(0)
        let tol = number("tolerance") ?? 0
        if tol < 0 { errors.add(path + ["tolerance"], "\(tol) out of range: must be ≥ 0") }
        switch string("tolerance_mode", required: false) ?? "absolute" {
        case "absolute": tolerance = .absolute(tol)
        case "relative": tolerance = .relative(tol)
        case "sem": tolerance = .standardErrors(tol)
        case let m: errors.add(path + ["tolerance_mode"], "\"\(m)\" not allowed; allowed values: absolute, relative, sem")
        }
        var profiles: [String]? = nil
        if let p = t["profiles"] {
            if let l = p.listValue, l.allSatisfy({ $0.stringValue != nil }) {
                profiles = l.map { $0.stringValue! }
            } else {
                errors.add(path + ["profiles"], "expected list of strings, got \(p)")
            }
        }
        let description = string("description", required: false)
        var known: String? = nil
        var knownByProfile: [String: String]? = nil
        switch t["known_deviation"] {
        case nil: break
        case .string(let s)?: known = s
        case .table(let table)? where !table.isEmpty && table.values.allSatisfy({ $0.stringValue != nil }):
            knownByProfile = table.mapValues { $0.stringValue! }
        case let v?:
            errors.add(path + ["known_deviation"], "expected a string (all profiles) or a table of profile = \"reason\", got \(v.typeName) \(v)")
        }
        var referenceKey: String? = nil
        if let p = t["reference"] {
            let prefix = reference.prefix
            if let s = p.stringValue, s.hasPrefix(prefix), s.count > prefix.count {
                referenceKey = s
            } else {
                errors.add(path + ["reference"], "expected the name of a \(reference.label.lowercased()) value, a key starting with "
                           + "'\(prefix)' such as \"\(prefix)\(reference.example)\" (numbers are not accepted), got \(p.typeName) \(p)")
            }
        }
        guard errors.errors.count == before, let name, let quantity, let target else { return nil }
        return Expectation(name: name, quantity: quantity, target: target, tolerance: tolerance, profiles: profiles,
                           reference: referenceKey, description: description, knownDeviation: known, knownDeviations: knownByProfile, line: line)
    }
}

/// Compact number formatting for tables and messages (also the report's).
public func fmt(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
    return String(format: "%.4g", x)
}
