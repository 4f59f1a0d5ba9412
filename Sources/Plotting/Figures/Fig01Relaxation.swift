import Foundation

/// Fig. 1 data: F_s^CR(k, t) for each temperature, and τα where it crosses 1/e.
public struct RelaxationData: Sendable {
    public var temperatures: [Double]
    /// times[i] and fs[i]: the curve at temperatures[i] (t in MC sweeps, > 0).
    public var times: [[Double]]
    public var fs: [[Double]]
    /// τα per temperature (NaN if the curve never reaches 1/e).
    public var tauAlpha: [Double]
    /// Wave number k of F_s^CR.
    public var k: Double

    public init(temperatures: [Double], times: [[Double]], fs: [[Double]], tauAlpha: [Double], k: Double) {
        precondition(times.count == temperatures.count && fs.count == temperatures.count && tauAlpha.count == temperatures.count,
                     "RelaxationData: one curve and one τα per temperature")
        self.temperatures = temperatures; self.times = times; self.fs = fs; self.tauAlpha = tauAlpha; self.k = k
    }
}

extension PaperFigures {
    /// Fig. 1: F_s^CR(k, t) against log t, one colour per temperature (viridis, dark = cold),
    /// the 1/e line and τα marked on it.
    public static func relaxation(_ data: RelaxationData) -> Figure {
        let order = data.temperatures.indices.sorted { data.temperatures[$0] > data.temperatures[$1] }
        var marks: [Mark] = [.reference(ReferenceLine(.horizontal(exp(-1)), style: .dotted(.black)))]
        let n = max(order.count - 1, 1)
        for (rank, i) in order.enumerated() {
            // Hot (rank 0) light, cold dark; stop before viridis' pale yellow end.
            let color = Colormap.viridis.color(at: 0.85 * (1 - Double(rank) / Double(n)))
            marks.append(.series(Series(x: data.times[i], y: data.fs[i], line: LineStyle(color: color, width: 1),
                                        label: "<i>T</i> = \(Notation.number(data.temperatures[i], 2))")))
            if data.tauAlpha[i].isFinite {
                marks.append(.series(Series(x: [data.tauAlpha[i]], y: [exp(-1)],
                                            marker: MarkerStyle(.circle, size: 3.6, color: color))))
            }
        }
        // Label the 1/e line just inside the left edge, where every curve is still near 1.
        let allT = data.times.joined().filter { $0 > 0 }
        let tMin = allT.min() ?? 1, tMax = allT.max() ?? 10
        let lx = pow(10, log10(tMin) + 0.02 * (log10(tMax) - log10(tMin)))
        marks.append(.text(TextMark("1/<i>e</i>", x: lx, y: exp(-1), anchor: Anchor(.left, .bottom), dy: -1)))
        marks.append(.text(TextMark("<i>k</i> = \(Notation.number(data.k, 1))",
                                    x: 0.03, y: 0.05, anchor: Anchor(.left, .bottom), relative: true)))
        let tauEntry = LegendEntry(Notation.tauAlpha, marker: MarkerStyle(.circle, size: 3.6, color: .black))
        let panel = Panel(x: Axis("<i>t</i> (MC sweeps)", scale: .log),
                          y: Axis(Notation.fsCR, limits: -0.03...1.03), marks: marks, extraLegend: [tauEntry])
        return Figure(width: Figure.singleColumn, height: 2.6, panels: [panel])
    }
}
