/// Fig. 11 data (report): per temperature, the optimal ℓ of Θ̄ and the best |ρ(X, p)| of each descriptor.
public struct TemperatureSeriesData: Sendable {
    public var temperatures: [Double]
    /// ℓ at the peak of |ρ(Θ̄, p)| per temperature.
    public var optimalEllTheta: [Double]
    /// bestPearson[k][t]: max over ℓ of |ρ(X_k, p)| at temperatures[t], descriptors in the paper's order.
    public var bestPearson: [[Double]]
    public init(temperatures: [Double], optimalEllTheta: [Double], bestPearson: [[Double]]) {
        precondition(optimalEllTheta.count == temperatures.count, "TemperatureSeriesData: one optimal ℓ per temperature")
        precondition(bestPearson.count == 6 && bestPearson.allSatisfy { $0.count == temperatures.count },
                     "TemperatureSeriesData: bestPearson is 6 descriptors × temperatures")
        self.temperatures = temperatures; self.optimalEllTheta = optimalEllTheta; self.bestPearson = bestPearson
    }
}

extension PaperFigures {
    /// Fig. 11: (a) optimal ℓ of Θ̄ vs T; (b) best |ρ(X, p)| of each descriptor vs T.
    public static func temperatureSeries(_ data: TemperatureSeriesData) -> Figure {
        let t = data.temperatures
        let theta = 4
        let a = Panel(x: Axis("<i>T</i>"), y: Axis("optimal \(Notation.ell) of \(Notation.descriptors[theta])"),
                      marks: [Kit.ours(t, MeanStd(mean: data.optimalEllTheta), color: Palette.descriptors[theta],
                                       shape: Palette.descriptorMarkers[theta], label: nil)], legend: .none)
        let b = Panel(x: Axis("<i>T</i>"), y: Axis("max<sub>\(Notation.ell)</sub> |\(Notation.pearson("<i>X</i>", Notation.p))|"),
                      marks: (0..<6).map { k in
                          Kit.ours(t, MeanStd(mean: data.bestPearson[k]), color: Palette.descriptors[k],
                                   shape: Palette.descriptorMarkers[k], label: nil)
                      }, legend: .none)
        let legend = (0..<6).map { k in
            LegendEntry(Notation.descriptors[k], line: LineStyle(color: Palette.descriptors[k], width: 0.9),
                        marker: MarkerStyle(Palette.descriptorMarkers[k], size: 3.6, color: Palette.descriptors[k]))
        }
        return Figure(width: Figure.doubleColumn, height: 2.6, columns: 2, panels: [a, b], legend: legend)
    }
}
