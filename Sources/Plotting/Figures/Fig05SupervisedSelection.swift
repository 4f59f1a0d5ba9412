/// Supervised selection curves for d = 1…n, plus optionally the point after appending a noise feature.
public struct SupervisedSelection: Sendable {
    public var deltaXdToP: MeanStd
    public var deltaPToXd: MeanStd
    /// Δ(X_d → p) and Δ(p → X_d) after appending one Gaussian-noise feature (drawn at d = n + 1).
    public var noiseXdToP: (mean: Double, std: Double)?
    public var noisePToXd: (mean: Double, std: Double)?

    public init(deltaXdToP: MeanStd, deltaPToXd: MeanStd,
                noiseXdToP: (mean: Double, std: Double)? = nil, noisePToXd: (mean: Double, std: Double)? = nil) {
        precondition(deltaXdToP.mean.count == deltaPToXd.mean.count, "SupervisedSelection: both curves need one value per d")
        self.deltaXdToP = deltaXdToP; self.deltaPToXd = deltaPToXd
        self.noiseXdToP = noiseXdToP; self.noisePToXd = noisePToXd
    }
}

/// Fig. 5 data: ours and optionally the published curves.
public struct SupervisedSelectionData: Sendable {
    public var ours: SupervisedSelection
    public var paper: SupervisedSelection?
    public init(ours: SupervisedSelection, paper: SupervisedSelection? = nil) { self.ours = ours; self.paper = paper }
}

extension PaperFigures {
    /// Fig. 5: (a) Δ(X_d→p) and Δ(p→X_d) vs d with error bars and the noise point (triangle);
    /// (b) the same in the Δ plane with d written inside each marker.
    public static func supervisedSelection(_ data: SupervisedSelectionData) -> Figure {
        let forward = Palette.blue, backward = Palette.vermillion
        let fwdLabel = Notation.delta(Notation.xd, Notation.p), bwdLabel = Notation.delta(Notation.p, Notation.xd)
        func noise(_ v: (mean: Double, std: Double)?, at d: Int, _ marker: MarkerStyle) -> [Mark] {
            guard let v else { return [] }
            return [.series(Series(x: [Double(d)], y: [v.mean], yError: [v.std], marker: marker))]
        }
        var a: [Mark] = []
        var extra: [LegendEntry] = []
        if let paper = data.paper {
            let x = Kit.counts(paper.deltaXdToP.mean.count)
            a += [Kit.paper(x, paper.deltaXdToP, shape: .circle), Kit.paper(x, paper.deltaPToXd, shape: .square)]
            a += noise(paper.noiseXdToP, at: x.count + 1, Kit.paperMarker(.triangle))
            a += noise(paper.noisePToXd, at: x.count + 1, Kit.paperMarker(.triangle))
            extra.append(Kit.paperEntry())
        }
        let n = data.ours.deltaXdToP.mean.count
        let x = Kit.counts(n)
        a += [Kit.ours(x, data.ours.deltaXdToP, color: forward, shape: .circle, label: fwdLabel),
              Kit.ours(x, data.ours.deltaPToXd, color: backward, shape: .square, label: bwdLabel)]
        a += noise(data.ours.noiseXdToP, at: n + 1, MarkerStyle(.triangle, size: 4.4, color: forward))
        a += noise(data.ours.noisePToXd, at: n + 1, MarkerStyle(.triangle, size: 4.4, color: backward))
        if data.ours.noiseXdToP != nil || data.paper?.noiseXdToP != nil {
            extra.append(LegendEntry("with noise feature", marker: MarkerStyle(.triangle, size: 4.4, color: .black)))
        }
        let step = n > 10 ? 4.0 : 2.0
        let dTicks = [1.0] + stride(from: step, through: Double(n + 1), by: step).map { $0 }
        let panelA = Panel(x: Axis(Notation.d, limits: 0.3...(Double(n) + 1.7), ticks: dTicks),
                           y: Axis("Δ"), marks: a, legend: .none)
        let panelB = deltaPlane(ours: (data.ours.deltaXdToP.mean, data.ours.deltaPToXd.mean),
                                paper: data.paper.map { ($0.deltaXdToP.mean, $0.deltaPToXd.mean) },
                                x: fwdLabel, y: bwdLabel, includeOrigin: false)
        let legend = [LegendEntry(fwdLabel, line: LineStyle(color: forward, width: 0.9), marker: MarkerStyle(.circle, size: 3.6, color: forward)),
                      LegendEntry(bwdLabel, line: LineStyle(color: backward, width: 0.9), marker: MarkerStyle(.square, size: 3.6, color: backward))]
        return Figure(width: Figure.doubleColumn, height: 3.0, columns: 2, panels: [panelA, panelB], legend: legend + extra)
    }

    /// A Δ plane of a selection path: markers numbered with d, joined in order, diagonal dashed.
    static func deltaPlane(ours: ([Double], [Double]), paper: ([Double], [Double])?, x: String, y: String,
                           includeOrigin: Bool) -> Panel {
        var marks: [Mark] = [.reference(ReferenceLine(.diagonal, style: .dashed(.grey, width: 0.7)))]
        var extra: [LegendEntry] = []
        if let paper {
            marks.append(.series(Series(x: paper.0, y: paper.1, line: Kit.paperLine,
                                        marker: Kit.paperMarker(.circle, size: 7.5),
                                        markerText: paper.0.indices.map { "\($0 + 1)" })))
            extra.append(LegendEntry(Notation.paperLabel, line: Kit.paperLine, marker: Kit.paperMarker(.circle, size: 5)))
        }
        marks.append(.series(Series(x: ours.0, y: ours.1, line: LineStyle(color: Palette.blue, width: 0.7),
                                    marker: MarkerStyle(.circle, size: 7.5, color: Palette.blue),
                                    markerText: ours.0.indices.map { "\($0 + 1)" })))
        extra.insert(LegendEntry("this work", line: LineStyle(color: Palette.blue, width: 0.7),
                                 marker: MarkerStyle(.circle, size: 5, color: Palette.blue)), at: 0)
        let lim = Kit.sharedLimits([ours.0, ours.1, paper?.0 ?? [], paper?.1 ?? [], includeOrigin ? [0] : []], pad: 0.08)
        return Panel(x: Axis(x, limits: lim), y: Axis(y, limits: lim), marks: marks,
                     extraLegend: paper == nil ? [] : extra, equalAspect: true)
    }
}
