import Foundation

/// A mean curve with an optional standard deviation per point (over configurations).
public struct MeanStd: Sendable {
    public var mean: [Double]
    public var std: [Double]?
    public init(mean: [Double], std: [Double]? = nil) {
        precondition(std.map { $0.count == mean.count } ?? true, "MeanStd: std must have one value per mean")
        self.mean = mean; self.std = std
    }
}

/// Building blocks shared by the paper's figures: our style and the muted style of published data.
enum Kit {
    static func ours(_ x: [Double], _ y: MeanStd, color: RGBA, shape: MarkerShape, label: String?,
                     line: Bool = true, size: Double = 3.6) -> Mark {
        .series(Series(x: x, y: y.mean, yError: y.std, line: line ? LineStyle(color: color, width: 0.9) : nil,
                       marker: MarkerStyle(shape, size: size, color: color), label: label))
    }

    static let paperLine = LineStyle.dashed(Palette.paper, width: 0.7)
    static func paperMarker(_ shape: MarkerShape, size: Double = 3.6) -> MarkerStyle {
        MarkerStyle(shape, size: size, color: Palette.paper, filled: false, lineWidth: 0.6)
    }

    /// Published data: grey, dashed, open markers, no legend entry of its own (see `paperEntry`).
    static func paper(_ x: [Double], _ y: MeanStd, shape: MarkerShape, line: Bool = true) -> Mark {
        .series(Series(x: x, y: y.mean, yError: y.std, line: line ? paperLine : nil, marker: paperMarker(shape)))
    }

    static func paperEntry(_ shape: MarkerShape = .circle, line: Bool = true) -> LegendEntry {
        LegendEntry(Notation.paperLabel, line: line ? paperLine : nil, marker: paperMarker(shape))
    }

    static func counts(_ n: Int, from start: Int = 1) -> [Double] { (0..<n).map { Double(start + $0) } }

    /// The q-th quantile (0…1) of the finite values, by sorting.
    static func quantile(_ v: [Double], _ q: Double) -> Double {
        let s = v.filter(\.isFinite).sorted()
        guard !s.isEmpty else { return 0 }
        return s[min(s.count - 1, max(0, Int((q * Double(s.count - 1)).rounded())))]
    }

    /// A colour range covering the central 98 % of the values, so a few outliers do not wash out the map.
    static func robustRange(_ v: [Double]) -> ClosedRange<Double> {
        let lo = quantile(v, 0.01), hi = quantile(v, 0.99)
        return hi > lo ? lo...hi : (lo - 0.5)...(lo + 0.5)
    }

    /// The limits [lo, hi] of several value lists (for shared axes), padded by `fraction` of the span.
    static func sharedLimits(_ lists: [[Double]], pad fraction: Double = 0.04) -> ClosedRange<Double> {
        let all = lists.joined().filter(\.isFinite)
        guard let lo = all.min(), let hi = all.max(), hi > lo else { return 0...1 }
        let pad = fraction * (hi - lo)
        return (lo - pad)...(hi + pad)
    }
}
