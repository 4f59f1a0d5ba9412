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
    /// The paper's value, for reference only.
    public var paper: ParameterValue?
    public var description: String?
    /// Set when the deviation is expected and explained (xfail).
    public var knownDeviation: String?
    /// Line in the manifest, for messages.
    public var line: Int?

    public init(name: String, quantity: String, target: ExpectationTarget, tolerance: Tolerance = .absolute(0),
                profiles: [String]? = nil, paper: ParameterValue? = nil, description: String? = nil,
                knownDeviation: String? = nil, line: Int? = nil) {
        self.name = name
        self.quantity = quantity
        self.target = target
        self.tolerance = tolerance
        self.profiles = profiles
        self.paper = paper
        self.description = description
        self.knownDeviation = knownDeviation
        self.line = line
    }

    /// Whether the expectation is checked under `profile`.
    public func applies(to profile: String?) -> Bool {
        guard let ps = profiles else { return true }
        return profile.map(ps.contains) ?? false
    }

    static let keys: Set<String> = ["name", "quantity", "expected", "range", "min", "max", "tolerance", "tolerance_mode",
                                    "profiles", "paper", "description", "known_deviation"]

    /// Parses one `[[expectation]]` table, reporting problems at `path`.
    static func parse(_ t: [String: ParameterValue], path: [String], line: Int?, errors: inout ErrorCollector) -> Expectation? {
        let before = errors.errors.count
        for k in t.keys.sorted() where !keys.contains(k) {
            errors.add(path + [k], "unknown key; allowed: \(keys.sorted().joined(separator: ", "))")
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
            target = .range(lo, hi)
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
        let known = string("known_deviation", required: false)
        guard errors.errors.count == before, let name, let quantity, let target else { return nil }
        return Expectation(name: name, quantity: quantity, target: target, tolerance: tolerance, profiles: profiles,
                           paper: t["paper"], description: description, knownDeviation: known, line: line)
    }
}

/// Compact number formatting for tables and messages.
func fmt(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
    return String(format: "%.4g", x)
}
