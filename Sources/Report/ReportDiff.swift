/// Compares two report builds (`report/build/<profile>/` directories): every value that changed
/// beyond `atol + rtol·|old|` (numpy's `isclose`) and every verdict that flipped. A verdict got
/// worse when it moved down pass/unexpected pass → known deviation → fail/missing/absent: a check
/// that vanished from the new build counts as worse, so an empty build never passes for a good one.
/// Values come from `expectations.json` (each quantity and its `.sem`) and, when present, from
/// `values.json` (the value store the report was rendered from; tables are skipped).
import Foundation
import Pipeline

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
        /// The profile the build was made for (from its `expectations.json`).
        public var profile: String = ""
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
        public var worse: Bool { ReportDiff.rank(new) > ReportDiff.rank(old) }
    }

    public var values: [ValueChange]
    public var verdicts: [VerdictChange]
    public var rtol: Double
    public var atol: Double
    /// Profiles of the old and new build.
    public var profiles: (old: String, new: String) = ("", "")

    /// True when a verdict got worse (`repro diff` exits 1).
    public var worse: Bool { verdicts.contains { $0.worse } }

    /// Absent (nil) ranks with missing: a new check is no worse than none, a vanished one is.
    static func rank(_ v: Verdict?) -> Int {
        switch v {
        case .pass?, .unexpectedPass?: return 0
        case .knownDeviation?: return 1
        case .fail?, .missing?, nil: return 2
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
            let detail = new.verdicts[name] == nil ? "not in the new build" : new.details[name]
            flips.append(VerdictChange(name: name, old: old.verdicts[name], new: new.verdicts[name], detail: detail))
        }
        return ReportDiff(values: changes, verdicts: flips, rtol: rtol, atol: atol, profiles: (old.profile, new.profile))
    }

    /// Why two builds are not comparable, or nil: builds of different profiles differ by design
    /// (sizes, temperatures, checks), so their diff is no regression test.
    public static func profileChange(old: Build, new: Build, oldPath: String, newPath: String) -> String? {
        guard old.profile != new.profile else { return nil }
        let v = ReportText.visible
        return "\(v(oldPath)) is a build of profile '\(v(old.profile))' but \(v(newPath)) of '\(v(new.profile))': their values and checks differ by design"
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
        var build = Build(profile: file.profile)
        for e in file.expectations {
            // A second entry of a name would silently win (a failing check hidden by a passing one).
            guard build.verdicts[e.name] == nil else {
                throw StoreError("\(expectationsURL.path): expectation '\(ReportText.visible(e.name))' appears more than once; "
                                 + "a report build lists each expectation once, so this build is malformed")
            }
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
}
