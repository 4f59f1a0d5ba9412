/// Unsupervised selection curves for d = 1…n.
public struct UnsupervisedSelection: Sendable {
    /// Δ̄(X_full, X_d), the symmetric imbalance that is minimised.
    public var symmetric: MeanStd
    public var fullToXd: MeanStd
    public var xdToFull: MeanStd
    public init(symmetric: MeanStd, fullToXd: MeanStd, xdToFull: MeanStd) {
        precondition(symmetric.mean.count == fullToXd.mean.count && fullToXd.mean.count == xdToFull.mean.count,
                     "UnsupervisedSelection: all curves need one value per d")
        self.symmetric = symmetric; self.fullToXd = fullToXd; self.xdToFull = xdToFull
    }
}

/// Fig. 6 data: ours and optionally the published curves.
public struct UnsupervisedSelectionData: Sendable {
    public var ours: UnsupervisedSelection
    public var paper: UnsupervisedSelection?
    public init(ours: UnsupervisedSelection, paper: UnsupervisedSelection? = nil) { self.ours = ours; self.paper = paper }
}

extension PaperFigures {
    /// Fig. 6: (a) Δ̄, Δ(X_full→X_d), Δ(X_d→X_full) vs d on a log axis; (b) the Δ plane with d in the markers.
    public static func unsupervisedSelection(_ data: UnsupervisedSelectionData) -> Figure {
        let full = Notation.xFull, xd = Notation.xd
        let labels = ["Δ\u{0304}(\(full), \(xd))", Notation.delta(full, xd), Notation.delta(xd, full)]
        let colors = [RGBA.black, Palette.blue, Palette.vermillion]
        let shapes: [MarkerShape] = [.circle, .square, .triangle]
        func curves(_ s: UnsupervisedSelection) -> [MeanStd] { [s.symmetric, s.fullToXd, s.xdToFull] }
        var a: [Mark] = []
        var extra: [LegendEntry] = []
        if let paper = data.paper {
            let x = Kit.counts(paper.symmetric.mean.count)
            for (k, c) in curves(paper).enumerated() { a.append(Kit.paper(x, c, shape: shapes[k])) }
            extra.append(Kit.paperEntry())
        }
        let n = data.ours.symmetric.mean.count
        for (k, c) in curves(data.ours).enumerated() {
            a.append(Kit.ours(Kit.counts(n), c, color: colors[k], shape: shapes[k], label: labels[k]))
        }
        let dTicks = [1.0] + stride(from: 4.0, through: Double(n), by: 4).map { $0 }
        let panelA = Panel(x: Axis(Notation.d, limits: 0.3...(Double(n) + 0.7), ticks: dTicks),
                           y: Axis("Δ", scale: .log), marks: a, legend: .none)
        let panelB = deltaPlane(ours: (data.ours.fullToXd.mean, data.ours.xdToFull.mean),
                                paper: data.paper.map { ($0.fullToXd.mean, $0.xdToFull.mean) },
                                x: labels[1], y: labels[2], includeOrigin: true)
        let legend = (0..<3).map { k in
            LegendEntry(labels[k], line: LineStyle(color: colors[k], width: 0.9), marker: MarkerStyle(shapes[k], size: 3.6, color: colors[k]))
        }
        return Figure(width: Figure.doubleColumn, height: 3.0, columns: 2, panels: [panelA, panelB], legend: legend + extra)
    }
}
