import Foundation

/// Pango markup of the paper's symbols, so every figure writes them the same way.
public enum Notation {
    /// Combining overbar U+0304: Noto places it over italic Latin and Greek letters.
    static func bar(_ s: String) -> String { "<i>\(s)\u{0304}</i>" }

    /// ρ̄, φ̄, ū, Ψ̄₆, Θ̄, z̄ in the paper's order.
    public static let descriptors: [String] = [
        bar("ρ"), bar("φ"), bar("u"), bar("Ψ") + "<sub>6</sub>", bar("Θ"), bar("z"),
    ]
    public static let p = "<i>p</i>"
    public static let pHat = "<i>p\u{0302}</i>"
    public static let ell = "<i>ℓ</i>"
    public static let d = "<i>d</i>"
    public static let tauAlpha = "<i>τ</i><sub>α</sub>"
    public static let xd = "<b><i>X</i></b><sub><i>d</i></sub>"
    public static let xFull = "<b><i>X</i></b><sub>full</sub>"
    public static let fsCR = "<i>F</i><sub>s</sub><sup>CR</sup>(<i>k</i>, <i>t</i>)"

    /// Δ(a → b).
    public static func delta(_ a: String, _ b: String) -> String { "Δ(\(a) → \(b))" }
    /// ρ(a, b).
    public static func pearson(_ a: String, _ b: String) -> String { "<i>ρ</i>(\(a), \(b))" }

    /// Legend text of the published curves.
    public static let paperLabel = "paper (<i>T</i> = 0.30)"
    /// Names of the selection methods of Figs. 7, 9, 10.
    public static let methods = ["supervised II", "unsupervised II", "Lasso", "random"]
    /// Species S, M, L.
    public static let species = ["S", "M", "L"]

    /// Decimal with a true minus sign.
    static func number(_ v: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", v).replacingOccurrences(of: "-", with: "\u{2212}")
    }
}
