/// Fig. 12 data (report): energy per particle against MC sweeps for several runs.
public struct EquilibrationData: Sendable {
    public var sweeps: [[Double]]
    public var energy: [[Double]]
    public var labels: [String]
    /// Log axis for sweeps (needs sweeps > 0).
    public var logSweeps: Bool
    public var sweepsLabel: String
    public init(sweeps: [[Double]], energy: [[Double]], labels: [String], logSweeps: Bool = true, sweepsLabel: String = "MC sweeps") {
        precondition(sweeps.count == energy.count && energy.count == labels.count, "EquilibrationData: one label per run")
        self.sweeps = sweeps; self.energy = energy; self.labels = labels; self.logSweeps = logSweeps; self.sweepsLabel = sweepsLabel
    }
}

extension PaperFigures {
    /// Fig. 12: energy per particle e = E/N against sweeps, one line per run.
    /// Thin lines and the legend above the panel: the traces are noisy and fill the whole panel.
    public static func equilibration(_ data: EquilibrationData) -> Figure {
        let style = { (i: Int) in LineStyle(color: Palette.descriptors[i % Palette.descriptors.count], width: 0.5) }
        let marks: [Mark] = data.sweeps.indices.map { i in
            .series(Series(x: data.sweeps[i], y: data.energy[i], line: style(i), label: nil))
        }
        let panel = Panel(x: Axis(data.sweepsLabel, scale: data.logSweeps ? .log : .linear),
                          y: Axis("<i>E</i>/<i>N</i> (<i>ε</i>)"), marks: marks, legend: .none)
        let legend = data.labels.indices.map { LegendEntry(data.labels[$0], line: style($0)) }
        return Figure(width: Figure.doubleColumn * 0.75, height: 2.6, panels: [panel], legend: legend)
    }
}
