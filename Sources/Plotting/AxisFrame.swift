import Foundation

/// An axis resolved for drawing: limits, major ticks with their labels, and minor ticks.
public struct AxisFrame: Sendable {
    public let scale: Scale
    public let lo: Double
    public let hi: Double
    public let majors: [Double]
    public let labels: [String]
    public let minors: [Double]

    /// Position of `v` along the axis as a fraction 0…1 of its length (outside for values off the axis).
    public func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v - lo) / (hi - lo)
        case .log: return (log10(v) - log10(lo)) / (log10(hi) - log10(lo))
        }
    }

    init(axis: Axis, marks: [Mark], alongX: Bool) {
        scale = axis.scale
        let (a, b) = axis.limits.map { ($0.lowerBound, $0.upperBound) }
            ?? DataBounds.padded(DataBounds.range(of: marks, alongX: alongX, scale: axis.scale), scale: axis.scale)
        lo = a; hi = b > a ? b : a + 1
        if let t = axis.ticks {
            majors = t
            labels = axis.tickLabels ?? AxisFrame.defaultLabels(t, scale: axis.scale)
            minors = axis.scale == .log ? Ticks.logMinor(lo, hi).filter { !t.contains($0) } : []
            return
        }
        switch axis.scale {
        case .linear:
            let (step, t) = Ticks.step(lo, hi, target: 5)
            majors = t
            labels = t.map { Ticks.linearLabel($0, step: step) }
            // Minor ticks: four per 2·10ᵏ step, five otherwise.
            let mantissa = step / pow(10, floor(log10(step) + 1e-9))
            let sub = step / (abs(mantissa - 2) < 1e-6 ? 4 : 5)
            let k0 = (lo / sub - 1e-9).rounded(.up), k1 = (hi / sub + 1e-9).rounded(.down)
            minors = k0 <= k1 ? stride(from: k0, through: k1, by: 1).map { $0 * sub }
                .filter { m in !t.contains { abs($0 - m) < sub * 1e-6 } } : []
        case .log:
            let decades = Ticks.logMajor(lo, hi)
            if decades.count >= 2 {
                majors = decades
                labels = decades.map(Ticks.decadeLabel)
                minors = Ticks.logMinor(lo, hi)
            } else {
                // Less than about a decade: label 1, 2, 5 × 10ᵏ instead.
                let all = Ticks.logMinor(lo, hi) + Ticks.logMajor(lo, hi)
                let m = all.filter { v in let d = v / pow(10, floor(log10(v) + 1e-9)); return [1, 2, 5].contains { abs(d - $0) < 1e-6 } }.sorted()
                majors = m
                labels = m.map { Ticks.linearLabel($0, step: pow(10, floor(log10($0) + 1e-9))) }
                minors = all.filter { !m.contains($0) }
            }
        }
    }

    static func defaultLabels(_ t: [Double], scale: Scale) -> [String] {
        switch scale {
        case .log: return t.map(Ticks.decadeLabel)
        case .linear:
            let step = zip(t, t.dropFirst()).map { abs($1 - $0) }.filter { $0 > 0 }.min() ?? 1
            return t.map { Ticks.linearLabel($0, step: step) }
        }
    }
}
