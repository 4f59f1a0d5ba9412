import Foundation
import Pipeline

/// The report's values as a cached stage: `ReportSummary` (every number, string and table the
/// report quotes and the expectations check, as typed groups) computed once from the analysis
/// outputs and stored as `summary.json`, which the figures read; its keyed form as `values.json`
/// (exported to `results/<profile>/values.json`); and the temperature series alone as
/// `series.json`. A no-op run reads them from the cache; nothing downstream recomputes a value.
/// Run-time facts (profile name, cost, figure paths) are added by `Study` when the report is built.
enum SummaryStage {
    static let fileName = "values.json"

    static let kind = StudyKind(StageKind(
        "summary", version: 7,  // 2: the paper.* values in values.json; 3: series.json; 4: the typed summary.json; 5: window / τα; 6: series windows / τα; 7: paper.temperature, random overlap, model.*
        inputs: [InputSpec("equilibrate"), InputSpec("relaxation"), InputSpec("propensity"), InputSpec("descriptors"),
                 InputSpec("imbalance"), InputSpec("regression"),
                 InputSpec("ell_scan", required: false), InputSpec("series", required: false)],
        exports: { _ in [ExportItem(file: fileName, as: fileName), ExportItem(file: ReportSummary.fileName, as: "analysis/summary.json"),
                         ExportItem(file: TemperatureSeries.fileName, as: "analysis/series.json")] },
        run: run),
        modules: ["Model", "Statistics", "Dynamics", "Descriptors", "InformationImbalance", "Regression", "Reproduction"])

    @Sendable static func run(_ context: TaskContext) throws {
        let summary = try ReportSummary(StudyOutputs(context))
        try Artifact.writeJSON(summary, to: context.output(ReportSummary.fileName))
        try summary.keyedValues.write(to: context.output(fileName))
        try Artifact.writeJSON(summary.series, to: context.output(TemperatureSeries.fileName))
    }

    /// The typed summary of a finished summary task (its output directory).
    static func read(from directory: URL) throws -> ReportSummary {
        try Artifact.readJSON(ReportSummary.self, from: directory.appendingPathComponent(ReportSummary.fileName))
    }
}
