import Foundation
import Pipeline
import Report
import Testing
@testable import Reproduction

/// The report's value keys (ReportSummary.keySet, from the encoding of the summary's prototype)
/// against the keys a real run sets: the manifest rejects expectations on keys outside the set,
/// so a key set but not listed would be unusable.
@Suite struct ValueKeysTests {
    /// The smoke profile shrunk to seconds in a debug build (N = 100, a few sweeps), every stage
    /// the report values read, the same kinds and code paths.
    static let micro = """
    [base]
    seed = 5
    n = 100
    temperature = 1.0
    configurations = 2
    max_d = 15
    [stage.equilibrate]
    replicas = "configurations"
    melt_sweeps = 20
    equilibration_window = 20
    max_swap_sweeps = 200
    check_sweeps = 20
    [stage.relaxation]
    inputs = { configuration = "equilibrate[0]" }
    max_lag = 200
    origins = 2
    [stage.propensity]
    replicas = "configurations"
    inputs = { configuration = "equilibrate", relaxation = "relaxation" }
    runs = 2
    tau_alpha = 20
    [stage.descriptors]
    replicas = "configurations"
    inputs = { configuration = "equilibrate" }
    coarse_graining_radius = 4.5
    [stage.imbalance]
    inputs = { descriptors = "descriptors[*]", propensity = "propensity[*]" }
    [stage.regression]
    inputs = { descriptors = "descriptors[*]", propensity = "propensity[*]", imbalance = "imbalance" }
    random_realisations = 3
    [stage.ell_scan]
    kind = "pearson_ell_scan"
    inputs = { configuration = "equilibrate[*]", propensity = "propensity[*]" }
    coarse_graining_radius = 4.5
    \(SeriesStagesTests.stages(maxLag: 50))
    [stage.summary]
    inputs = { equilibrate = "equilibrate[*]", relaxation = "relaxation", propensity = "propensity[*]", descriptors = "descriptors[*]", imbalance = "imbalance", regression = "regression", ell_scan = "ell_scan", series = "series[*]" }
    """

    /// Runs every task of a manifest (no profile) in a new cache in `dir`; nil (with the failure
    /// recorded) when a task fails.
    static func run(_ text: String, in dir: URL) throws -> (graph: TaskGraph, store: Store)? {
        let registry = PaperStages.registry()
        let graph = TaskGraph(manifest: try Manifest.parse(text: text, file: "micro.toml", profile: nil, registry: registry), registry: registry)
        let store = try Store(root: dir)
        var options = ExecutionOptions()
        options.progress = .none
        options.log = { _ in }
        options.toolchain = "test"
        let summary = LocalExecutor().run(graph: graph, store: store, options: options)
        #expect(summary.succeeded, "\(summary)")
        return summary.succeeded ? (graph, store) : nil
    }

    /// Runs the micro study; nil (with the failure recorded) when it fails.
    static func runMicro() throws -> (typed: ReportSummary, values: ValueStore)? {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("repro-valuekeys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let (graph, store) = try run(Self.micro, in: dir) else { return nil }
        let summaryTask = try #require(graph.tasks(ofStage: "summary").first)
        let values = try ValueStore.load(store.filesDirectory(summaryTask.key).appendingPathComponent(SummaryStage.fileName))
        return (try SummaryStage.read(from: store.filesDirectory(summaryTask.key)), values)
    }

    @Test func everyValueOfARunIsDeclared() throws {
        let registry = PaperStages.registry()
        guard let run = try Self.runMicro() else { return }
        let typed = run.typed
        var values = run.values
        // The summary stage's own output, plus what Study adds when it builds the report.
        values.set("profile", "micro")
        // values.json is the typed summary's keyed form, nothing more.
        #expect(try typed.keyedValues.values.keys.sorted() == values.values.keys.filter { $0 != "profile" }.sorted())
        try RunCost(totalSeconds: 2, propensitySeconds: 1, propensityCoreSeconds: 2, propensityTrials: typed.statePoint.propensityTrials).keyed(into: &values)
        let declared = registry.valueKeys!
        #expect(values.values.count > 100)
        let undeclared = values.values.keys.filter { !declared.contains($0) }.sorted()
        #expect(undeclared.isEmpty, "set but not in ReportSummary.keySet: \(undeclared)")
        // Spot checks that the run exercised the conditional keys the expectations use.
        for key in ["supervised.drop_share_by_d10", "prediction.unsupervised_minus_random_d10_15", "series.optimal_ell_growth",
                    "pq.delta_q_to_p_over_repeat", "cost.paper_propensity_core_hours"] {
            #expect(values[key] != nil, "\(key)")
        }
        // The constants Methods quotes come from the run: N/L², the species counts, the k used.
        #expect(abs((values["model.density"]?.doubleValue ?? 0) - 1.024) < 1e-9)
        #expect(values["model.composition"] == .text("44/20/36"))
        #expect(values["model.wave_number"]?.doubleValue == 6.3 && values["model.cage_ratio"]?.doubleValue == 1.4)
        #expect(values["model.coordination_ratio"]?.doubleValue == 1.5 && values["model.bond_breaking_ratio"]?.doubleValue == 1.8)
        #expect(values["unsupervised.random_overlap_d10"]?.doubleValue == 10.0 / 60 && values["paper.temperature"]?.doubleValue == 0.3)
        // Issue 26 §2: the series as a fan-out of the main stages gives the values the one-task
        // temperature_point gave the fixture, bit for bit.
        let fixture = try Artifact.readJSON(ReportSummary.self, from: ValueEncodingTests.summaryURL)
        #expect(typed.series == fixture.series)
        let before = try ValueStore.load(ValueEncodingTests.valuesURL)
        let seriesKeys = before.values.keys.filter { $0.hasPrefix("series.") }
        #expect(seriesKeys.count > 10)
        for key in seriesKeys { #expect("\(values[key].map { "\($0)" } ?? "nil")" == "\(before[key]!)", "\(key)") }
    }
}
