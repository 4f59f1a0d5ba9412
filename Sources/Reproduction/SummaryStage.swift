import Foundation
import Pipeline

/// The report's values as a cached stage: every number, string and table the report quotes and
/// the expectations check, computed once from the analysis outputs and stored as `values.json`
/// (exported to `results/<profile>/values.json`). A no-op run reads it from the cache; nothing
/// downstream recomputes a value. Run-time facts (profile name, cost, figure paths) are added by
/// `Study` when the report is built, since they are not functions of the inputs.
enum SummaryStage {
    static let fileName = "values.json"

    static let kind = StageKind(
        "summary", version: 2,  // 2: the paper.* values (PaperValues) are part of values.json
        inputs: [InputSpec("equilibrate"), InputSpec("relaxation"), InputSpec("propensity"), InputSpec("descriptors"),
                 InputSpec("imbalance"), InputSpec("regression"),
                 InputSpec("ell_scan", required: false), InputSpec("series", required: false)],
        exports: { _ in [ExportItem(file: fileName, as: fileName)] },
        run: run)

    @Sendable static func run(_ context: TaskContext) throws {
        let values = try ReportValues.collect(try StudyOutputs(context))
        try values.write(to: context.outputDirectory.appendingPathComponent(fileName))
    }
}
