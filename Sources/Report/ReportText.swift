/// Text that enters the report from data (manifest names, descriptions, profile names, value
/// store strings): escaped so it renders literally and can never become markup, an image, a
/// link or raw HTML. Also the anchors of summary rows and the number formats of the report.
import Foundation
import Pipeline

public enum ReportText {
    /// Backslash-escapes every character with meaning in pandoc markdown inline text (pandoc's
    /// `all_symbols_escapable`), so `<script>` is text and `![x](/etc/passwd)` is not an image.
    /// Newlines become spaces: the text always sits inside one line or table cell.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "\n", "\r", "\t": out.append(" ")
            case "\\", "`", "*", "_", "{", "}", "[", "]", "<", ">", "!", "|", "$", "~", "^", "&", "@", "#":
                out.append("\\"); out.append(c)
            default: out.append(c)
            }
        }
        return out
    }

    /// Text from a file made safe for a terminal: control and format characters (escape
    /// sequences, newlines, bidirectional overrides) are shown as `\u{1B}`, so they can neither
    /// act on the terminal nor start a line of their own.
    public static func visible(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator:
                out.append(contentsOf: "\\u{\(String(u.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// An HTML id from arbitrary text: ASCII letters, digits, '-' and '_' (others become '-'),
    /// so `fig01_relaxation` keeps its documented anchor `#fig-fig01_relaxation`.
    public static func anchor(_ s: String) -> String {
        let mapped = s.unicodeScalars.map { u -> Character in
            (u.isASCII && (CharacterSet.alphanumerics.contains(u) || u == "-" || u == "_")) ? Character(u) : "-"
        }
        return String(mapped)
    }

    /// `value ± error` with the error to two significant figures and the value to the same
    /// decimal place ("0.457 ± 0.011"). A zero or non-finite error falls back to three
    /// significant figures for the value ("0.457 ± 0").
    public static func withError(_ x: Double, _ e: Double) -> String {
        guard x.isFinite else { return "\(threeSignificant(x)) ± \(e.isFinite ? threeSignificant(e) : "?")" }
        guard e.isFinite, e > 0 else { return "\(threeSignificant(x)) ± \(e == 0 ? "0" : "?")" }
        var d = Int(floor(log10(e)))
        // Two significant figures of e may carry into the next decade (0.0996 → 0.10).
        if roundTo(e, decimals: 1 - d) >= pow(10, Double(d + 1)) { d += 1 }
        let decimals = 1 - d
        return "\(fixed(x, decimals: decimals)) ± \(fixed(e, decimals: decimals))"
    }

    /// Three significant figures; exact integers (counts stored as doubles) stay integers.
    public static func threeSignificant(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x > 0 ? "∞" : "−∞") }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let a = abs(x)
        if a < 1e-3 || a >= 1e6 { return String(format: "%.2e", x) }
        return fixed(x, decimals: 2 - Int(floor(log10(a))))
    }

    /// `x` rounded half away from zero to `decimals` places (negative: tens, hundreds…), no "-0".
    static func fixed(_ x: Double, decimals: Int) -> String {
        let r = roundTo(x, decimals: decimals)
        let text = String(format: "%.\(max(0, decimals))f", r)
        return Double(text) == 0 && text.hasPrefix("-") ? String(text.dropFirst()) : text
    }

    static func roundTo(_ x: Double, decimals: Int) -> Double {
        // Scale by a power of ten computed exactly for either sign of `decimals` (1.05 → 1.1).
        if decimals >= 0 {
            let s = pow(10, Double(decimals))
            return (x * s).rounded(.toNearestOrAwayFromZero) / s
        }
        let s = pow(10, Double(-decimals))
        return (x / s).rounded(.toNearestOrAwayFromZero) * s
    }
}
