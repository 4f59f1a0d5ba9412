import Descriptors
import Foundation
import Pipeline
import Report

/// What `repro analyze`'s report quotes (its keys as the study's where the quantity is the same:
/// `theta_bar.peak_ell`, `supervised.drop`, `prediction.supervised.dmax`, …), computed once from
/// the imbalance and regression outputs of the user's data by the `analysis_summary` stage.
struct AnalysisSummary: Codable, Sendable, Equatable {
    static let fileName = "summary.json"

    struct Given: Codable, Sendable, Equatable {
        /// Configurations given, and how many the analysis used (2 after the one-configuration split).
        var configurations: Int
        var analysed: Int
        /// "leave one configuration out", or the split used with one configuration.
        var protocolText: String
        var nTotal: Int
        var model: String
        var rankK: Int
        /// Points Δ was computed on per configuration (0: all).
        var subsample: Int
        var maxD: Int
        var features: Int
    }

    /// Bounds every Δ must respect: 0 ≤ Δ, and at most about 1 (the value of independent spaces).
    struct Bounds: Codable, Sendable, Equatable {
        var deltaMin: Double
        var deltaMax: Double
    }

    var given: Given
    var timescale: TimescaleSummary
    var unsupervised: UnsupervisedSummary
    var bounds: Bounds
    var configurations: [ConfigurationRecord]
    var propensities: [PropensityRecord]

    init(given: Given, imbalance: ImbalanceArtifact, regression: RegressionArtifact, ells: [Double],
         configurations: [ConfigurationRecord], propensities: [PropensityRecord]) throws {
        let c = given.analysed
        self.given = given
        timescale = try TimescaleSummary(imbalance: imbalance, regression: regression, ells: ells, configurations: c, time: AnalysisStages.label)
        let u = imbalance.unsupervised
        unsupervised = UnsupervisedSummary(symmetric: u.map(\.symmetric), orders: u.map(\.order),
                                           supervisedOrders: imbalance.timescales.first?.supervised.map(\.order), configurations: c,
                                           features: imbalance.featureNames.count)
        unsupervised.fullToSubset = MeanCurve(rows: u.map(\.fullToSubset)); unsupervised.subsetToFull = MeanCurve(rows: u.map(\.subsetToFull))
        let a = try imbalance.timescale(AnalysisStages.label)
        let all = (a.toTarget + a.fromTarget + a.supervised.map(\.toTarget) + a.supervised.map(\.fromTarget)
                   + u.map(\.fullToSubset) + u.map(\.subsetToFull)).joined().filter { !$0.isNaN }
        bounds = Bounds(deltaMin: all.min() ?? .nan, deltaMax: all.max() ?? .nan)
        self.configurations = configurations; self.propensities = propensities
    }
}

/// One `--propensity FILE:COLUMN` as given.
struct PropensityRecord: Codable, Sendable, Equatable {
    var path: String
    var column: String
    var sha256: String
}

extension AnalysisSummary: ValueKeyed, DerivedValues {
    static let valueKeyNames: [String: String?] = ["timescale": "", "given": "", "configurations": nil, "propensities": nil]

    /// Every key the analysis report may quote: the summary's, and the paper's as a reference.
    static let keySet: ValueKeySet = {
        do { return ValueKeySet(keys: try ValueEncoding.keys(of: AnalysisSummary.self).union(try PaperSummary().keyedValues.keys).union(["profile"])) } catch {
            fatalError("the analysis report's value keys cannot be listed: \(error)")
        }
    }()

    var keyedValues: ValueStore {
        get throws { try PaperSummary().keyed(besides: self) }
    }

    struct Derived: Codable {
        struct Tables: Codable {
            var inputs: ReportTable
            var descriptorPeaks: ReportTable
            var supervisedOrders: ReportTable
        }
        var table: Tables
    }

    var derivedValues: Derived {
        Derived(table: .init(inputs: inputsTable, descriptorPeaks: timescale.scan.peaksTable(paper: (try? PaperSummary())?.scan ?? timescale.scan),
                             supervisedOrders: timescale.selection.ordersTable))
    }

    /// Each file given: path, SHA-256, N, species, box, frame, and its propensity column.
    var inputsTable: ReportTable {
        let f = SummaryTables.f
        return ReportTable(
            columns: ["configuration", "format", "frame", "N", "S / M / L", "box Lx × Ly", "SHA-256", "propensity", "SHA-256 "],
            rows: zip(configurations, propensities).map { c, p in
                [URL(fileURLWithPath: c.path).lastPathComponent, c.format, c.frame == -1 ? "last" : String(c.frame), String(c.n),
                 c.speciesCounts.map(String.init).joined(separator: " / "), f(c.lx, "%.4g") + " × " + f(c.ly, "%.4g"),
                 String(c.sha256.prefix(16)) + "…", URL(fileURLWithPath: p.path).lastPathComponent + (p.column.isEmpty ? "" : ":" + p.column),
                 String(p.sha256.prefix(16)) + "…"]
            })
    }
}

/// The `analysis_summary` stage: `AnalysisSummary` as `summary.json` and its keyed form as
/// `values.json` (exported to `results/NAME/`).
enum AnalysisSummaryStage {
    static let kind = StudyKind(StageKind(
        "analysis_summary", version: 1,
        fields: [
            FieldSpec("configurations", .int, minimum: 1, help: "configurations given"),
            FieldSpec("model", .string, help: "the model, as the report names it"),
        ],
        inputs: [InputSpec("configuration"), InputSpec("propensity"), InputSpec("descriptors"), InputSpec("imbalance"), InputSpec("regression")],
        exports: { _ in [ExportItem(file: SummaryStage.fileName, as: SummaryStage.fileName),
                         ExportItem(file: AnalysisSummary.fileName, as: "analysis/summary.json")] },
        run: run),
        modules: ["Model", "Statistics", "Descriptors", "InformationImbalance", "Regression", "Reproduction"])

    @Sendable static func run(_ context: TaskContext) throws {
        let p = context.parameters
        let records = try (context.inputs["configuration"] ?? []).map {
            try Artifact.readJSON(ConfigurationRecord.self, from: $0.url(AnalysisStages.recordFile))
        }
        let propensities = (context.inputs["propensity"] ?? []).map {
            PropensityRecord(path: $0.parameters.string("path"), column: $0.parameters.string("column"), sha256: $0.parameters.string("sha256"))
        }
        let descriptors = context.inputs["descriptors"] ?? []
        let features = try FeatureData.read(from: descriptors[0].directory)
        let ells = features.names.compactMap(FeatureName.init(parsing:)).filter { $0.descriptor == .density }.map(\.ell)
        let imbalance = try Artifact.readJSON(ImbalanceArtifact.self, from: context.input("imbalance").url("imbalance.json"))
        let regression = try Artifact.readJSON(RegressionArtifact.self, from: context.input("regression").url("regression.json"))
        let ip = context.input("imbalance").parameters
        let split = p.int("configurations") == 1
        let given = AnalysisSummary.Given(
            configurations: p.int("configurations"), analysed: descriptors.count,
            protocolText: split ? AnalysisRequest.splitRule : "leave one configuration out",
            nTotal: records.map(\.n).reduce(0, +), model: p.string("model"), rankK: ip.int("k"),
            subsample: ip.int("subsample"), maxD: regression.maxD, features: imbalance.featureNames.count)
        let summary = try AnalysisSummary(given: given, imbalance: imbalance, regression: regression, ells: ells,
                                          configurations: records, propensities: propensities)
        try Artifact.writeJSON(summary, to: context.output(AnalysisSummary.fileName))
        try summary.keyedValues.write(to: context.output(SummaryStage.fileName))
    }
}
