import Foundation
import Pipeline

/// The report's values as a cached stage: every number, string and table the report quotes and
/// the expectations check, computed once from the analysis outputs and stored as `values.json`
/// (exported to `results/<profile>/values.json`), and the typed temperature series
/// (`series.json`) that the values and Fig. S2 both read. A no-op run reads it from the cache; nothing
/// downstream recomputes a value. Run-time facts (profile name, cost, figure paths) are added by
/// `Study` when the report is built, since they are not functions of the inputs.
enum SummaryStage {
    static let fileName = "values.json"

    static let kind = StageKind(
        "summary", version: 3,  // 2: the paper.* values in values.json; 3: series.json
        inputs: [InputSpec("equilibrate"), InputSpec("relaxation"), InputSpec("propensity"), InputSpec("descriptors"),
                 InputSpec("imbalance"), InputSpec("regression"),
                 InputSpec("ell_scan", required: false), InputSpec("series", required: false)],
        exports: { _ in [ExportItem(file: fileName, as: fileName), ExportItem(file: TemperatureSeries.fileName, as: "analysis/series.json")] },
        run: run)

    @Sendable static func run(_ context: TaskContext) throws {
        let outputs = try StudyOutputs(context)
        let series = TemperatureSeries(outputs)
        try ReportValues.collect(outputs, series: series).write(to: context.outputDirectory.appendingPathComponent(fileName))
        try Artifact.writeJSON(series, to: context.output(TemperatureSeries.fileName))
    }
}
