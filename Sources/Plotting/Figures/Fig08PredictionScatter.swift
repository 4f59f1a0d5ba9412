/// Fig. 8 data: ground truth p and prediction p̂ per particle, with species 0 (S), 1 (M), 2 (L).
public struct PredictionScatterData: Sendable {
    public var p: [Double]
    public var pHat: [Double]
    public var species: [Int]
    /// ρ(p, p̂) for all, S, M, L, printed in the panels when given.
    public var pearson: [Double]?
    public init(p: [Double], pHat: [Double], species: [Int], pearson: [Double]? = nil) {
        precondition(p.count == pHat.count && p.count == species.count, "PredictionScatterData: one p̂ and species per p")
        precondition(pearson.map { $0.count == 4 } ?? true, "PredictionScatterData: pearson needs 4 values (all, S, M, L)")
        self.p = p; self.pHat = pHat; self.species = species; self.pearson = pearson
    }
}

extension PaperFigures {
    /// Fig. 8: p̂ against p for (a) all particles and (b–d) species S, M, L, on shared axes.
    public static func predictionScatter(_ data: PredictionScatterData) -> Figure {
        let xLim = Kit.sharedLimits([data.p]), yLim = Kit.sharedLimits([data.pHat])
        let groups: [(String, [Int])] = [("all", Array(data.p.indices))] + (0..<3).map { s in
            (Notation.species[s], data.p.indices.filter { data.species[$0] == s })
        }
        let panels = groups.enumerated().map { g, group -> Panel in
            let (name, idx) = group
            var marks: [Mark] = []
            // Draw species in a fixed order so colours mean the same in every panel.
            for s in 0..<3 {
                let sel = idx.filter { data.species[$0] == s }
                guard !sel.isEmpty else { continue }
                marks.append(.series(Series(x: sel.map { data.p[$0] }, y: sel.map { data.pHat[$0] },
                                            marker: MarkerStyle(.circle, size: 1.6, color: Palette.species[s].withAlpha(0.45)))))
            }
            var caption = name
            if let r = data.pearson?[g] { caption += ",  \(Notation.pearson(Notation.p, Notation.pHat)) = \(Notation.number(r, 2))" }
            marks.append(.text(TextMark(caption, x: 0.04, y: 0.96, anchor: Anchor(.left, .top), relative: true)))
            return Panel(x: Axis(Notation.p, limits: xLim), y: Axis(Notation.pHat, limits: yLim), marks: marks, legend: .none)
        }
        let legend = (0..<3).map { s in
            LegendEntry(["small (S)", "medium (M)", "large (L)"][s], marker: MarkerStyle(.circle, size: 3.5, color: Palette.species[s]))
        }
        return Figure(width: Figure.doubleColumn, height: 5.5, rows: 2, columns: 2, panels: panels, legend: legend)
    }
}
