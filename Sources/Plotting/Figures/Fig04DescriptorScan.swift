/// Correlation and information imbalance of the six descriptors with p, each a 6 × (number of ℓ)
/// table in the order ρ̄, φ̄, ū, Ψ̄₆, Θ̄, z̄.
public struct DescriptorScan: Sendable {
    public var pearson: [[Double]]
    public var deltaXToP: [[Double]]
    public var deltaPToX: [[Double]]
    public var deltaXToPStd: [[Double]]?
    public var deltaPToXStd: [[Double]]?

    public init(pearson: [[Double]], deltaXToP: [[Double]], deltaPToX: [[Double]],
                deltaXToPStd: [[Double]]? = nil, deltaPToXStd: [[Double]]? = nil) {
        precondition(pearson.count == 6 && deltaXToP.count == 6 && deltaPToX.count == 6,
                     "DescriptorScan: six rows (descriptors) per table")
        self.pearson = pearson; self.deltaXToP = deltaXToP; self.deltaPToX = deltaPToX
        self.deltaXToPStd = deltaXToPStd; self.deltaPToXStd = deltaPToXStd
    }
}

/// Fig. 4 data: the coarse-graining lengths ℓ, our scan and optionally the published one.
public struct DescriptorScanData: Sendable {
    public var ells: [Double]
    public var ours: DescriptorScan
    public var paper: DescriptorScan?
    public init(ells: [Double], ours: DescriptorScan, paper: DescriptorScan? = nil) {
        precondition(ours.pearson.allSatisfy { $0.count == ells.count }, "DescriptorScanData: one value per ℓ")
        self.ells = ells; self.ours = ours; self.paper = paper
    }
}

extension PaperFigures {
    /// Fig. 4: (a) |ρ(X, p)| vs ℓ, (b) Δ(X→p) vs Δ(p→X) with the diagonal, (c) 1/Δ(X→p), (d) 1/Δ(p→X) vs ℓ.
    public static func descriptorScan(_ data: DescriptorScanData) -> Figure {
        let ell = data.ells
        func curves(_ table: (DescriptorScan) -> [[Double]], _ f: (Double) -> Double) -> [Mark] {
            var marks: [Mark] = []
            if let paper = data.paper {
                for k in 0..<6 { marks.append(Kit.paper(ell, MeanStd(mean: table(paper)[k].map(f)), shape: Palette.descriptorMarkers[k])) }
            }
            for k in 0..<6 {
                marks.append(Kit.ours(ell, MeanStd(mean: table(data.ours)[k].map(f)), color: Palette.descriptors[k],
                                      shape: Palette.descriptorMarkers[k], label: nil))
            }
            return marks
        }
        let xEll = Axis(Notation.ell)
        let X = "<i>X</i>", p = Notation.p
        let a = Panel(x: xEll, y: Axis("|\(Notation.pearson(X, p))|"), marks: curves({ $0.pearson }, abs))
        let c = Panel(x: xEll, y: Axis("1/\(Notation.delta(X, p))"), marks: curves({ $0.deltaXToP }, { 1 / $0 }))
        let d = Panel(x: xEll, y: Axis("1/\(Notation.delta(p, X))"), marks: curves({ $0.deltaPToX }, { 1 / $0 }))
        var plane: [Mark] = [.reference(ReferenceLine(.diagonal, style: .dashed(.grey, width: 0.7)))]
        if let paper = data.paper {
            for k in 0..<6 {
                plane.append(.series(Series(x: paper.deltaXToP[k], y: paper.deltaPToX[k],
                                            marker: Kit.paperMarker(Palette.descriptorMarkers[k]))))
            }
        }
        for k in 0..<6 {
            plane.append(.series(Series(x: data.ours.deltaXToP[k], y: data.ours.deltaPToX[k],
                                        marker: MarkerStyle(Palette.descriptorMarkers[k], size: 3.6, color: Palette.descriptors[k]))))
        }
        // Same limits on both axes so the diagonal is at 45°.
        var all = data.ours.deltaXToP + data.ours.deltaPToX
        if let paper = data.paper { all += paper.deltaXToP + paper.deltaPToX }
        let lim = Kit.sharedLimits(all)
        let b = Panel(x: Axis(Notation.delta(X, p), limits: lim), y: Axis(Notation.delta(p, X), limits: lim),
                      marks: plane, equalAspect: true)
        var legend = (0..<6).map { k in
            LegendEntry(Notation.descriptors[k], line: LineStyle(color: Palette.descriptors[k], width: 0.9),
                        marker: MarkerStyle(Palette.descriptorMarkers[k], size: 3.6, color: Palette.descriptors[k]))
        }
        if data.paper != nil { legend.append(Kit.paperEntry()) }
        return Figure(width: Figure.doubleColumn, height: 5.0, rows: 2, columns: 2, panels: [a, b, c, d], legend: legend)
    }
}
