import Foundation
import Pipeline
import PipelineSlurm

/// The stage kinds of the paper's experiments, for the manifest (report/manifest.toml).
public enum PaperStages {
    static let kinds: [StudyKind] = [
        SimulationStages.equilibrate, SimulationStages.relaxation, SimulationStages.propensity,
        DescriptorsStage.kind, ImbalanceStage.kind, RegressionStage.kind,
        EllScanStages.scanKind, SummaryStage.kind, FiguresStage.kind,
    ]

    /// `directory`: where the `command` kind finds the files a manifest names (the manifest's
    /// directory; the current directory when nil).
    public static func registry(directory: URL? = nil) -> StageRegistry {
        var r = StageRegistry(kinds.map(\.kind))
        r.graphChecks = [PaperChecks.coarseGrainingRadius, PaperChecks.distinctElls, PaperChecks.configurationCounts,
                         PaperChecks.selectionMemory]
        CommandStage.register(in: &r, directory: directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        r.valueKeys = ReportSummary.keySet
        r.executorChecks = [ExecutorChoice.problems]
        // The paper's numbers (`paper.*`, from the bundled published values) are the reference.
        r.reference = ReferenceValues(prefix: "paper.", label: "Paper", example: "pq.delta_q_to_p", renamedKeys: ["paper": "reference"])
        return r
    }

    /// Whether `name` is one of the paper's kinds, which have cost models (`command` has none).
    static func hasCostModel(_ name: String) -> Bool { kinds.contains { $0.kind.name == name } }

    /// The cost model of the kind registered as `name`.
    static func cost(of name: String) -> TaskCosts.Model {
        kinds.first { $0.kind.name == name }?.cost ?? TaskCosts.analysis
    }

    /// The kinds whose single task the report reads: the values it quotes and the figures it shows.
    static let summaryKind = SummaryStage.kind.name, figuresKind = FiguresStage.kind.name
}
