/// Checks expectations against the value store. Verdicts: pass, fail, known deviation (failed as
/// declared, like pytest's xfail: does not fail the build), unexpected pass (declared deviation
/// that passed: reported, does not fail), missing (no value: fails the build).
import Foundation
import Pipeline

/// The verdict on one expectation.
public enum Verdict: String, Sendable, Codable {
    case pass
    case fail
    case knownDeviation = "known deviation"
    case unexpectedPass = "unexpected pass"
    case missing

    /// Whether this verdict fails `make report`.
    public var failsBuild: Bool { self == .fail || self == .missing }

    /// Short label for tables.
    public var label: String {
        switch self {
        case .pass: return "✔ pass"
        case .fail: return "✘ FAIL"
        case .knownDeviation: return "known deviation"
        case .unexpectedPass: return "unexpected pass"
        case .missing: return "✘ MISSING"
        }
    }
}

/// The outcome of checking one expectation.
public struct ExpectationResult: Sendable, Codable {
    public var expectation: Expectation
    /// Our value, formatted; nil when missing.
    public var ours: String?
    public var value: Double?
    public var standardError: Double?
    /// The reference value (named by `expectation.reference`), formatted like ours; nil when
    /// the expectation names none or the value store lacks it.
    public var reference: String?
    public var verdict: Verdict
    /// How the verdict was reached, e.g. "|0.51 − 0.56| = 0.05 > 2 SE (0.04)".
    public var detail: String

    /// Expected value or range with tolerance, as text.
    public var expectedText: String {
        let e = expectation
        switch (e.target, e.tolerance) {
        case (.equals, _): return e.target.description
        case (_, .absolute(0)): return e.target.description
        default: return "\(e.target) \(e.tolerance)"
        }
    }

    public var referenceText: String { reference ?? "–" }
}

/// Checks expectations against a value store.
public struct ExpectationChecker: Sendable {
    public var values: ValueStore
    public init(values: ValueStore) { self.values = values }

    public func check(_ expectations: [Expectation]) -> [ExpectationResult] { expectations.map(check) }

    /// True when any result fails the build.
    public static func failed(_ results: [ExpectationResult]) -> Bool { results.contains { $0.verdict.failsBuild } }

    /// A value as the summary table shows it: numbers to three significant figures.
    static func formatted(_ v: ReportValue) -> String? {
        switch v {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .number(let x): return ReportText.threeSignificant(x)
        case .table: return nil
        }
    }

    public func check(_ e: Expectation) -> ExpectationResult {
        var r = ExpectationResult(expectation: e, ours: nil, value: nil, standardError: nil, reference: nil, verdict: .missing, detail: "")
        r.reference = e.reference.flatMap { values[$0] }.flatMap(Self.formatted)
        guard let v = values[e.quantity] else {
            r.detail = "no value '\(e.quantity)' in the value store"
            return r
        }
        let sem = values[e.quantity + ".sem"]?.doubleValue
        r.standardError = sem
        var passed: Bool
        switch (e.target, v) {
        case (.equals(let want), _):
            let ours: String
            switch v {
            case .text(let s): ours = s
            case .integer(let i): ours = String(i)
            case .number(let x): ours = fmt(x)
            case .table: ours = "(table)"
            }
            r.ours = ours
            passed = ours == (want.stringValue ?? want.description)
            r.detail = passed ? "equal" : "\(ours) ≠ \(want.stringValue ?? want.description)"
        case (_, .table), (_, .text):
            r.detail = "'\(e.quantity)' is not a number"
            return r
        default:
            let x = v.doubleValue!
            r.value = x
            r.ours = sem.map { ReportText.withError(x, $0) } ?? ReportText.threeSignificant(x)
            if case .standardErrors = e.tolerance, sem == nil {
                r.detail = "tolerance in standard errors needs the value '\(e.quantity).sem'"
                return r
            }
            func slack(_ reference: Double) -> Double {
                switch e.tolerance {
                case .absolute(let a): return a
                case .relative(let q): return q * abs(reference)
                case .standardErrors(let k): return k * sem!
                }
            }
            switch e.target {
            case .value(let t):
                let s = slack(t)
                passed = abs(x - t) <= s
                r.detail = "|\(fmt(x)) − \(fmt(t))| = \(fmt(abs(x - t))) \(passed ? "≤" : ">") \(fmt(s))"
            case .range(let lo, let hi):
                let okLo = lo.map { x >= $0 - slack($0) } ?? true
                let okHi = hi.map { x <= $0 + slack($0) } ?? true
                passed = okLo && okHi
                r.detail = "\(fmt(x)) \(passed ? "within" : "outside") \(e.target)\(slack(lo ?? hi ?? 0) > 0 ? " \(e.tolerance)" : "")"
            case .equals:
                passed = false
            }
            if x.isNaN { passed = false; r.detail = "value is NaN" }
        }
        if e.knownDeviation != nil {
            r.verdict = passed ? .unexpectedPass : .knownDeviation
        } else {
            r.verdict = passed ? .pass : .fail
        }
        return r
    }
}
