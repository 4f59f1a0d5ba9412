/// `repro diff`'s output. Every string read from a build (keys, names, text values, details) is
/// shown through `ReportText.visible`, so an escape sequence never reaches the terminal and a
/// newline cannot forge a line such as the summary.
import Foundation
import Pipeline

extension ReportDiff {
    /// Keys longer than this are not padded to: one long key must not widen every line.
    static let maxPadding = 60

    /// Plain text for a terminal.
    public var text: String {
        let v = ReportText.visible
        var lines: [String] = []
        if profiles.old != profiles.new { lines.append("profiles differ: \(v(profiles.old)) → \(v(profiles.new))") }
        let tol = "rtol \(rtol), atol \(atol)"
        if values.isEmpty {
            lines.append("values: none changed beyond \(tol)")
        } else {
            let vanished = values.filter { $0.old != nil && $0.new == nil }.count
            lines.append("values: \(values.count) changed beyond \(tol)" + (vanished > 0 ? " (\(vanished) absent from the new build)" : ""))
            let keys = values.map { v($0.key) }
            let width = min(keys.map(\.count).max()!, Self.maxPadding)
            for (c, key) in zip(values, keys) {
                let delta = c.difference.map { "  (Δ \(Self.short($0))\(relative(c).map { ", \($0)" } ?? ""))" } ?? ""
                lines.append("  \(Self.pad(key, width))  \(v(Self.show(c.old, absent: "absent"))) → \(v(Self.show(c.new, absent: "absent")))\(delta)")
            }
        }
        if verdicts.isEmpty {
            lines.append("verdicts: none flipped")
        } else {
            lines.append("verdicts: \(verdicts.count) flipped")
            let names = verdicts.map { v($0.name) }
            let width = min(names.map(\.count).max()!, Self.maxPadding)
            for (c, name) in zip(verdicts, names) {
                lines.append("  \(Self.pad(name, width))  \(c.old?.rawValue ?? "absent") → \(c.new?.rawValue ?? "absent")"
                             + (c.worse ? "  WORSE: \(v(c.detail ?? ""))" : ""))
            }
        }
        lines.append(worse ? "a verdict got worse" : "no verdict got worse")
        return lines.joined(separator: "\n")
    }

    /// Tables to paste into a pull request.
    public var markdown: String {
        let e = { ReportText.escape(ReportText.visible($0)) }
        var lines = ["**Report diff:** \(values.count) value(s) changed beyond rtol \(rtol), atol \(atol); "
                     + "\(verdicts.count) verdict(s) flipped\(worse ? ", **\(verdicts.filter(\.worse).count) got worse**" : "").", ""]
        if profiles.old != profiles.new { lines.insert("**Profiles differ:** \(e(profiles.old)) → \(e(profiles.new)).", at: 1) }
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

    /// `s` padded with spaces to `width` characters (never cut: `padding(toLength:)` would).
    static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

    static func show(_ v: Value?, absent: String = "–") -> String {
        switch v {
        case nil: return absent
        case .number(let x)?: return short(x)
        case .text(let s)?: return s
        }
    }

    /// Eight significant figures: enough to see a change beyond the default tolerance.
    static func short(_ x: Double) -> String { x.isNaN ? "NaN" : String(format: "%.8g", x) }
}
