import Foundation

/// Tick placement for linear and logarithmic axes.
public enum Ticks {
    /// "Nice" linear ticks (steps 1, 2, 2.5 or 5 × 10ᵏ) inside [lo, hi], about `target` of them.
    public static func linear(_ lo: Double, _ hi: Double, target: Int = 5) -> [Double] {
        step(lo, hi, target: target).ticks
    }

    /// The nice step for [lo, hi] and the ticks it gives.
    static func step(_ lo: Double, _ hi: Double, target: Int) -> (step: Double, ticks: [Double]) {
        guard hi > lo, lo.isFinite, hi.isFinite else { return (1, [lo]) }
        let raw = (hi - lo) / Double(max(target, 1))
        let mag = pow(10, floor(log10(raw)))
        let candidates = [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * mag }
        let step = candidates.first { $0 >= raw * 0.999 } ?? 10 * mag
        let first = (lo / step - 1e-9).rounded(.up)
        let last = (hi / step + 1e-9).rounded(.down)
        guard last >= first else { return (step, []) }
        // Multiply integers by the step so 0.1·3 prints as 0.3, and snap −0 to 0.
        let ticks = stride(from: first, through: last, by: 1).map { k -> Double in
            let v = k * step
            return abs(v) < step * 1e-9 ? 0 : v
        }
        return (step, ticks)
    }

    /// Decades 10ᵏ inside [lo, hi] (lo > 0); every `every`-th decade when there are many.
    public static func logMajor(_ lo: Double, _ hi: Double, maxCount: Int = 8) -> [Double] {
        guard lo > 0, hi > lo else { return [] }
        let k0 = Int((log10(lo) - 1e-9).rounded(.up)), k1 = Int((log10(hi) + 1e-9).rounded(.down))
        guard k1 >= k0 else { return [] }
        let every = max(1, Int((Double(k1 - k0 + 1) / Double(maxCount)).rounded(.up)))
        return stride(from: k0, through: k1, by: 1).filter { ($0 - k0) % every == 0 }.map { pow(10, Double($0)) }
    }

    /// Minor log ticks m·10ᵏ (m = 2…9) inside [lo, hi].
    public static func logMinor(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi > lo else { return [] }
        var out: [Double] = []
        for k in Int(floor(log10(lo)))...Int(ceil(log10(hi))) {
            for m in 2...9 {
                let v = Double(m) * pow(10, Double(k))
                if v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12) { out.append(v) }
            }
        }
        return out
    }

    /// Label of a linear tick with the decimals the step needs and a true minus sign (U+2212).
    public static func linearLabel(_ v: Double, step: Double) -> String {
        let decimals = max(0, Int(ceil(-log10(step) - 1e-9)) + (isQuarter(step) ? 1 : 0))
        let s = String(format: "%.\(decimals)f", v)
        return s.replacingOccurrences(of: "-", with: "\u{2212}")
    }

    /// Steps like 0.25 or 2.5 need one more decimal than their magnitude.
    private static func isQuarter(_ step: Double) -> Bool {
        let m = step / pow(10, floor(log10(step)))
        return abs(m - 2.5) < 1e-6
    }

    /// Pango markup of a decade label: 10<sup>−3</sup>.
    public static func decadeLabel(_ v: Double) -> String {
        let k = Int(log10(v).rounded())
        let e = k < 0 ? "\u{2212}\(-k)" : "\(k)"
        return "10<sup>\(e)</sup>"
    }
}
