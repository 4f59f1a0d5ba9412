import Pipeline

/// The stage kinds of the paper's experiments, for the manifest (report/manifest.toml).
public enum PaperStages {
    static let kinds: [StudyKind] = [
        SimulationStages.equilibrate, SimulationStages.relaxation, SimulationStages.propensity,
        DescriptorsStage.kind, ImbalanceStage.kind, RegressionStage.kind,
        EllScanStages.scanKind, EllScanStages.seriesKind, SummaryStage.kind, FiguresStage.kind,
    ]

    public static func registry() -> StageRegistry {
        var r = StageRegistry(kinds.map(\.kind))
        r.graphChecks = [PaperChecks.coarseGrainingRadius, PaperChecks.distinctElls, PaperChecks.configurationCounts,
                         PaperChecks.selectionMemory]
        r.valueKeys = ReportSummary.keySet
        return r
    }

    /// The cost model of the kind registered as `name`.
    static func cost(of name: String) -> TaskCosts.Model {
        kinds.first { $0.kind.name == name }?.cost ?? TaskCosts.analysis
    }

    /// The kinds whose single task the report reads: the values it quotes and the figures it shows.
    static let summaryKind = SummaryStage.kind.name, figuresKind = FiguresStage.kind.name
}
