import Pipeline

/// The stage kinds of the paper's experiments, for the manifest (report/manifest.toml).
public enum PaperStages {
    public static func registry() -> StageRegistry {
        var r = StageRegistry([
            SimulationStages.equilibrate, SimulationStages.relaxation, SimulationStages.propensity,
            DescriptorsStage.kind, ImbalanceStage.kind, RegressionStage.kind,
            EllScanStages.scanKind, SummaryStage.kind, FiguresStage.kind,
        ].map { kind in
            var k = CodeFingerprints.stamped(kind)
            k.cost = TaskCosts.of(k.name)
            return k
        })
        r.graphChecks = [PaperChecks.coarseGrainingRadius, PaperChecks.distinctElls, PaperChecks.configurationCounts,
                         PaperChecks.selectionMemory]
        r.valueKeys = ReportSummary.keySet
        return r
    }

    /// The kinds whose single task the report reads: the values it quotes and the figures it shows.
    static let summaryKind = SummaryStage.kind.name, figuresKind = FiguresStage.kind.name
}
