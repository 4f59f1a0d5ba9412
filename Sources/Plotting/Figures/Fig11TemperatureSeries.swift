/// Fig. 11 data (report): per temperature, the optimal ℓ of Θ̄ and the best |ρ(X, p)| of each descriptor.
public struct TemperatureSeriesData: Sendable {
    public var temperatures: [Double]
    /// ℓ at the peak of |ρ(Θ̄, p)| per temperature.
    public var optimalEllTheta: [Double]
    /// bestPearson[k][t]: max over ℓ of |ρ(X_k, p)| at temperatures[t], descriptors in the paper's order.
    public var bestPearson: [[Double]]
    /// The paper's point for comparison (open grey markers): its temperature, the optimal ℓ of Θ̄
    /// and the best |ρ| of each descriptor from its published coefficients.
    public var paper: (temperature: Double, optimalEllTheta: Double, bestPearson: [Double])?
    public init(temperatures: [Double], optimalEllTheta: [Double], bestPearson: [[Double]],
                paper: (temperature: Double, optimalEllTheta: Double, bestPearson: [Double])? = nil) {
        precondition(optimalEllTheta.count == temperatures.count, "TemperatureSeriesData: one optimal ℓ per temperature")
        precondition(bestPearson.count == 6 && bestPearson.allSatisfy { $0.count == temperatures.count },
                     "TemperatureSeriesData: bestPearson is 6 descriptors × temperatures")
        precondition(paper.map { $0.bestPearson.count == 6 } ?? true, "TemperatureSeriesData: the paper's point has 6 descriptors")
        self.temperatures = temperatures; self.optimalEllTheta = optimalEllTheta; self.bestPearson = bestPearson
        self.paper = paper
    }
}

extension PaperFigures {
    /// Fig. 11: (a) optimal ℓ of Θ̄ vs T; (b) best |ρ(X, p)| of each descriptor vs T; the paper's
    /// point, when given, as open markers in each descriptor's shape.
    public static func temperatureSeries(_ data: TemperatureSeriesData) -> Figure {
        let t = data.temperatures
        let theta = 4
        func paperPoint(_ y: Double, _ k: Int) -> [Mark] {
            guard let p = data.paper else { return [] }
            return [Kit.paper([p.temperature], MeanStd(mean: [y]), shape: Palette.descriptorMarkers[k], line: false)]
        }
        // Half a step of margin on each side so no point sits on the frame.
        let all = t + (data.paper.map { [$0.temperature] } ?? [])
        let lo = all.min() ?? 0, hi = all.max() ?? 1, pad = max(0.025, 0.05 * (hi - lo))
        let temperature = Axis("<i>T</i>", limits: (lo - pad)...(hi + pad))
        let a = Panel(x: temperature, y: Axis("optimal \(Notation.ell) of \(Notation.descriptors[theta])"),
                      marks: [Kit.ours(t, MeanStd(mean: data.optimalEllTheta), color: Palette.descriptors[theta],
                                       shape: Palette.descriptorMarkers[theta], label: nil)]
                          + paperPoint(data.paper?.optimalEllTheta ?? .nan, theta), legend: .none)
        let b = Panel(x: temperature, y: Axis("max<sub>\(Notation.ell)</sub> |\(Notation.pearson("<i>X</i>", Notation.p))|"),
                      marks: (0..<6).flatMap { k in
                          [Kit.ours(t, MeanStd(mean: data.bestPearson[k]), color: Palette.descriptors[k],
                                    shape: Palette.descriptorMarkers[k], label: nil)]
                              + paperPoint(data.paper?.bestPearson[k] ?? .nan, k)
                      }, legend: .none)
        var legend = (0..<6).map { k in
            LegendEntry(Notation.descriptors[k], line: LineStyle(color: Palette.descriptors[k], width: 0.9),
                        marker: MarkerStyle(Palette.descriptorMarkers[k], size: 3.6, color: Palette.descriptors[k]))
        }
        if data.paper != nil { legend.append(Kit.paperEntry(.circle, line: false)) }
        return Figure(width: Figure.doubleColumn, height: 2.6, columns: 2, panels: [a, b], legend: legend)
    }
}
