/// Fig. 9 data: species-wise ρ(p, p̂) against d for the four methods.
public struct SpeciesAccuracyData: Sendable {
    /// Small, medium and large particles, in that order.
    public var species: [PredictionAccuracy]
    public init(small: PredictionAccuracy, medium: PredictionAccuracy, large: PredictionAccuracy) {
        species = [small, medium, large]
    }
}

extension PaperFigures {
    /// Fig. 9: ρ(p, p̂) vs d computed for (a) small, (b) medium, (c) large particles, shared y axis.
    public static func speciesAccuracy(_ data: SpeciesAccuracyData) -> Figure {
        let all = data.species.flatMap { s in s.methods.map { m in zip(m.mean, m.std ?? m.mean.map { _ in 0 }).flatMap { [$0 - $1, $0 + $1] } } }
        let lim = Kit.sharedLimits(all)
        let names = ["small (S)", "medium (M)", "large (L)"]
        let panels = data.species.enumerated().map { k, s -> Panel in
            var p = accuracyPanel(s, paper: nil, yLimits: lim, legend: false)
            p.marks.append(.text(TextMark(names[k], x: 0.96, y: 0.05, anchor: Anchor(.right, .bottom), relative: true)))
            return p
        }
        return Figure(width: Figure.doubleColumn, height: 2.5, columns: 3, panels: panels,
                      legend: methodLegend(paper: false))
    }
}
