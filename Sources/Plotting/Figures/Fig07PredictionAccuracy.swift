/// ρ(p, p̂) against d = 1…n for the four selection methods (supervised II, unsupervised II, Lasso, random).
public struct PredictionAccuracy: Sendable {
    public var supervised: MeanStd
    public var unsupervised: MeanStd
    public var lasso: MeanStd
    public var random: MeanStd
    public init(supervised: MeanStd, unsupervised: MeanStd, lasso: MeanStd, random: MeanStd) {
        self.supervised = supervised; self.unsupervised = unsupervised; self.lasso = lasso; self.random = random
    }
    var methods: [MeanStd] { [supervised, unsupervised, lasso, random] }
}

/// Fig. 7 / Fig. 10 data: ours, optionally the published curves, and the time of p (markup).
public struct PredictionAccuracyData: Sendable {
    public var ours: PredictionAccuracy
    public var paper: PredictionAccuracy?
    /// E.g. "<i>t</i> = <i>τ</i><sub>α</sub>" (Fig. 7) or "<i>t</i> = 5 × 10<sup>4</sup>" (Fig. 10).
    public var timeLabel: String
    public init(ours: PredictionAccuracy, paper: PredictionAccuracy? = nil, timeLabel: String) {
        self.ours = ours; self.paper = paper; self.timeLabel = timeLabel
    }
}

extension PaperFigures {
    /// Fig. 7 (and Fig. 10 at the β time): ρ(p, p̂) vs d for the four methods with error bars.
    public static func predictionAccuracy(_ data: PredictionAccuracyData) -> Figure {
        var panel = accuracyPanel(data.ours, paper: data.paper, yLimits: nil, legend: false)
        panel.marks.append(.text(TextMark(data.timeLabel, x: 0.97, y: 0.04, anchor: Anchor(.right, .bottom), relative: true)))
        return Figure(width: Figure.singleColumn, height: 2.9, panels: [panel], legend: methodLegend(paper: data.paper != nil))
    }

    /// One accuracy panel; methods are offset slightly along d so their error bars do not overlap.
    static func accuracyPanel(_ ours: PredictionAccuracy, paper: PredictionAccuracy?, yLimits: ClosedRange<Double>?,
                              legend: Bool = true) -> Panel {
        var marks: [Mark] = []
        var extra: [LegendEntry] = []
        let offsets = [-0.15, -0.05, 0.05, 0.15]
        if let paper {
            for (k, m) in paper.methods.enumerated() {
                marks.append(Kit.paper(Kit.counts(m.mean.count).map { $0 + offsets[k] }, m, shape: Palette.methodMarkers[k]))
            }
            extra.append(Kit.paperEntry())
        }
        var n = 0
        for (k, m) in ours.methods.enumerated() {
            n = max(n, m.mean.count)
            marks.append(Kit.ours(Kit.counts(m.mean.count).map { $0 + offsets[k] }, m, color: Palette.methods[k],
                                  shape: Palette.methodMarkers[k], label: legend ? Notation.methods[k] : nil, size: 3.4))
        }
        let dTicks = [1.0] + stride(from: 4.0, through: Double(n), by: 4).map { $0 }
        return Panel(x: Axis(Notation.d, limits: 0.3...(Double(n) + 0.7), ticks: dTicks),
                     y: Axis(Notation.pearson(Notation.p, Notation.pHat), limits: yLimits),
                     marks: marks, legend: legend ? .auto : .none, extraLegend: legend ? extra : [])
    }

    /// Legend rows of the four methods (and the paper), for figure-level legends.
    static func methodLegend(paper: Bool) -> [LegendEntry] {
        var out = (0..<4).map { k in
            LegendEntry(Notation.methods[k], line: LineStyle(color: Palette.methods[k], width: 0.9),
                        marker: MarkerStyle(Palette.methodMarkers[k], size: 3.4, color: Palette.methods[k]))
        }
        if paper { out.append(Kit.paperEntry()) }
        return out
    }
}
