/// Fig. 12 data (report): energy per particle against MC sweeps for several runs.
public struct EquilibrationData: Sendable {
    public var sweeps: [[Double]]
    public var energy: [[Double]]
    public var labels: [String]
    /// Log axis for sweeps (needs sweeps > 0).
    public var logSweeps: Bool
    public init(sweeps: [[Double]], energy: [[Double]], labels: [String], logSweeps: Bool = true) {
        precondition(sweeps.count == energy.count && energy.count == labels.count, "EquilibrationData: one label per run")
        self.sweeps = sweeps; self.energy = energy; self.labels = labels; self.logSweeps = logSweeps
    }
}

extension PaperFigures {
    /// Fig. 12: energy per particle e = E/N against sweeps, one line per run.
    public static func equilibration(_ data: EquilibrationData) -> Figure {
        let marks: [Mark] = data.sweeps.indices.map { i in
            let color = Palette.descriptors[i % Palette.descriptors.count]
            return .series(Series(x: data.sweeps[i], y: data.energy[i], line: LineStyle(color: color, width: 0.9),
                                  label: data.labels[i]))
        }
        let panel = Panel(x: Axis("MC sweeps", scale: data.logSweeps ? .log : .linear),
                          y: Axis("<i>E</i>/<i>N</i> (<i>ε</i>)"), marks: marks)
        return Figure(width: Figure.singleColumn, height: 2.5, panels: [panel])
    }
}
