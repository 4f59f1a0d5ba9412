/// Compares two report builds (`report/build/<profile>/` directories): every value that changed
/// beyond `atol + rtol·|old|` (numpy's `isclose`) and every verdict that flipped. A verdict got
/// worse when it moved down pass/unexpected pass → known deviation → fail/missing.
/// Values come from `expectations.json` (each quantity and its `.sem`) and, when present, from
/// `values.json` (the value store the report was rendered from; tables are skipped).
import Foundation

public struct ReportDiff: Sendable {
    /// A value as read from a build.
    public enum Value: Sendable, Equatable, CustomStringConvertible {
        case number(Double)
        case text(String)
        public var description: String {
            switch self {
            case .number(let x): return x.isNaN ? "NaN" : String(x)
            case .text(let s): return s
            }
        }
    }

    /// What one build holds.
    public struct Build: Sendable {
        public var values: [String: Value] = [:]
        public var verdicts: [String: Verdict] = [:]
        public var details: [String: String] = [:]
    }

    public struct ValueChange: Sendable {
        public var key: String
        public var old: Value?
        public var new: Value?
        /// new − old, when both are numbers.
        public var difference: Double? {
            guard case .number(let a)? = old, case .number(let b)? = new else { return nil }
            return b - a
        }
    }

    public struct VerdictChange: Sendable {
        public var name: String
        public var old: Verdict?
        public var new: Verdict?
        public var detail: String?
        public var worse: Bool {
            guard let old, let new else { return false }
            return ReportDiff.rank(new) > ReportDiff.rank(old)
        }
    }

    public var values: [ValueChange]
    public var verdicts: [VerdictChange]
    public var rtol: Double
    public var atol: Double

    /// True when a verdict got worse (`repro diff` exits 1).
    public var worse: Bool { verdicts.contains { $0.worse } }

    static func rank(_ v: Verdict) -> Int {
        switch v {
        case .pass, .unexpectedPass: return 0
        case .knownDeviation: return 1
        case .fail, .missing: return 2
        }
    }

    public static func compare(old: Build, new: Build, rtol: Double = 1e-6, atol: Double = 1e-12) -> ReportDiff {
        var changes: [ValueChange] = []
        for key in Set(old.values.keys).union(new.values.keys).sorted() {
            let a = old.values[key], b = new.values[key]
            if !same(a, b, rtol: rtol, atol: atol) { changes.append(ValueChange(key: key, old: a, new: b)) }
        }
        var flips: [VerdictChange] = []
        for name in Set(old.verdicts.keys).union(new.verdicts.keys).sorted() where old.verdicts[name] != new.verdicts[name] {
            flips.append(VerdictChange(name: name, old: old.verdicts[name], new: new.verdicts[name], detail: new.details[name]))
        }
        return ReportDiff(values: changes, verdicts: flips, rtol: rtol, atol: atol)
    }

    static func same(_ a: Value?, _ b: Value?, rtol: Double, atol: Double) -> Bool {
        switch (a, b) {
        case let (.number(x)?, .number(y)?):
            if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
            if x.isInfinite || y.isInfinite { return x == y }
            return abs(y - x) <= atol + rtol * abs(x)
        default: return a == b
        }
    }

    /// Reads `expectations.json` (required) and `values.json` (optional) of a build directory.
    public static func load(_ directory: URL) throws -> Build {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw StoreError("\(directory.path): no such report build directory (expected report/build/<profile>/)")
        }
        let expectationsURL = directory.appendingPathComponent("expectations.json")
        guard let data = fm.contents(atPath: expectationsURL.path) else {
            throw StoreError("\(expectationsURL.path): missing; run `repro report` for that profile first")
        }
        let file: ExpectationsFile
        do { file = try JSONDecoder().decode(ExpectationsFile.self, from: data) } catch {
            throw StoreError("\(expectationsURL.path): not a report's expectations file (\(error))")
        }
        var build = Build()
        for e in file.expectations {
            build.verdicts[e.name] = e.verdict
            build.details[e.name] = e.detail
            if let v = e.value { build.values[e.quantity] = .number(v) } else if let s = e.ours { build.values[e.quantity] = .text(s) }
            if let s = e.standardError { build.values[e.quantity + ".sem"] = .number(s) }
        }
        let valuesURL = directory.appendingPathComponent("values.json")
        if fm.fileExists(atPath: valuesURL.path) {
            let store: ValueStore
            do { store = try ValueStore.load(valuesURL) } catch {
                throw StoreError("\(valuesURL.path): not a report's values file (\(error))")
            }
            for (key, v) in store.values {
                switch v {
                case .number(let x): build.values[key] = .number(x)
                case .integer(let i): build.values[key] = .number(Double(i))
                case .text(let t): build.values[key] = .text(t)
                case .table: continue  // formatted cells; the numbers behind them are values too
                }
            }
        }
        return build
    }

    /// Plain text for a terminal.
    public var text: String {
        var lines: [String] = []
        let tol = "rtol \(rtol), atol \(atol)"
        if values.isEmpty {
            lines.append("values: none changed beyond \(tol)")
        } else {
            lines.append("values: \(values.count) changed beyond \(tol)")
            let width = values.map(\.key.count).max()!
            for c in values {
                let delta = c.difference.map { "  (Δ \(Self.short($0))\(relative(c).map { ", \($0)" } ?? ""))" } ?? ""
                lines.append("  \(c.key.padding(toLength: width, withPad: " ", startingAt: 0))  \(Self.show(c.old)) → \(Self.show(c.new))\(delta)")
            }
        }
        if verdicts.isEmpty {
            lines.append("verdicts: none flipped")
        } else {
            lines.append("verdicts: \(verdicts.count) flipped")
            let width = verdicts.map(\.name.count).max()!
            for v in verdicts {
                lines.append("  \(v.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(v.old?.rawValue ?? "absent") → \(v.new?.rawValue ?? "absent")"
                             + (v.worse ? "  WORSE: \(v.detail ?? "")" : ""))
            }
        }
        lines.append(worse ? "a verdict got worse" : "no verdict got worse")
        return lines.joined(separator: "\n")
    }

    /// Tables to paste into a pull request.
    public var markdown: String {
        let e = ReportText.escape
        var lines = ["**Report diff:** \(values.count) value(s) changed beyond rtol \(rtol), atol \(atol); "
                     + "\(verdicts.count) verdict(s) flipped\(worse ? ", **\(verdicts.filter(\.worse).count) got worse**" : "").", ""]
        if !values.isEmpty {
            lines += ["| Quantity | Old | New | Δ | Relative |", "|---|---:|---:|---:|---:|"]
            for c in values {
                lines.append("| \(e(c.key)) | \(e(Self.show(c.old))) | \(e(Self.show(c.new))) | \(c.difference.map(Self.short) ?? "") | \(relative(c) ?? "") |")
            }
            lines.append("")
        }
        if !verdicts.isEmpty {
            lines += ["| Check | Old | New | |", "|---|---|---|---|"]
            for v in verdicts {
                lines.append("| \(e(v.name)) | \(v.old?.rawValue ?? "–") | \(v.new?.rawValue ?? "–") | \(v.worse ? "**worse**: " + e(v.detail ?? "") : "") |")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func relative(_ c: ValueChange) -> String? {
        guard let d = c.difference, case .number(let a)? = c.old, a != 0, d.isFinite else { return nil }
        return String(format: "%+.2g%%", 100 * d / abs(a))
    }

    static func show(_ v: Value?) -> String {
        switch v {
        case nil: return "–"
        case .number(let x)?: return short(x)
        case .text(let s)?: return s
        }
    }

    /// Eight significant figures: enough to see a change beyond the default tolerance.
    static func short(_ x: Double) -> String { x.isNaN ? "NaN" : String(format: "%.8g", x) }
}
