import Foundation
import Pipeline
import Report

/// `repro analyze`: the analysis half of the study on the user's files, through the pipeline
/// (cached by content, resumable, `--status`), published like a profile of the study under its
/// name: results/NAME/, figures/NAME/, report/build/NAME/ (from report/analyze.md).
public struct AnalysisRun {
    public var root: URL
    public var cacheURL: URL
    public var jobs: Int?
    /// Ctrl-C / SIGTERM stop the run at the next checkpoint (the CLI; once per process).
    public var handlesSignals = false
    let request: AnalysisRequest.Validated

    /// Validates `request` (relative paths against `root`); throws `AnalysisInputError`.
    public init(_ request: AnalysisRequest, root: URL, cache: URL? = nil, jobs: Int? = nil) throws {
        self.request = try request.validate(relativeTo: root)
        self.root = root
        cacheURL = cache ?? root.appendingPathComponent(".cache")
        self.jobs = jobs
    }

    public var name: String { request.name }
    /// The study's paths for a profile of this name: results/NAME, figures/NAME, report/build/NAME.
    var outputs: Study { Study(root: root, profile: name, cache: cacheURL) }
    var templateURL: URL { root.appendingPathComponent("report/analyze.md") }

    public static func registry() -> StageRegistry {
        var r = StageRegistry([
            AnalysisStages.configuration, AnalysisStages.propensity, AnalysisStages.split, DescriptorsStage.kind, ImbalanceStage.kind,
            RegressionStage.kind, AnalysisSummaryStage.kind, AnalysisFiguresStage.kind,
        ].map(\.kind))
        r.valueKeys = AnalysisSummary.keySet
        // The paper's numbers are a labelled reference only: the user's system is another state point.
        r.reference = ReferenceValues(prefix: "paper.", label: "Paper (reference)", example: "supervised.drop")
        return r
    }

    /// The manifest and its task graph, and the template checked against the values it may quote.
    func load() throws -> (Manifest, TaskGraph) {
        let registry = Self.registry()
        let manifest = try Manifest.parse(text: request.manifestText, file: "repro analyze (\(name))", profile: nil, registry: registry)
        guard let text = try? String(contentsOf: templateURL, encoding: .utf8) else {
            throw ReproductionError.invalid("\(templateURL.path): the analysis report template is missing or unreadable; run repro from the repository root")
        }
        let problems = Study.unknownReferences(in: text, file: templateURL.path, keys: registry.valueKeys,
                                               expectations: manifest.declaredExpectationNames)
        if !problems.isEmpty { throw ManifestErrors(errors: problems) }
        return (manifest, TaskGraph(manifest: manifest, registry: registry))
    }

    /// Every task's state (nothing written).
    public func status() throws -> String { Status.render(try taskStatuses()) }

    func taskStatuses() throws -> [TaskStatus] {
        let (_, graph) = try load()
        return Status.evaluate(graph: graph, store: try Store(root: cacheURL, writable: false))
    }

    /// Runs every stale task, then publishes figures and the report. False when a task or a check failed.
    public func run(log: @escaping @Sendable (String) -> Void) throws -> Bool {
        let (manifest, graph) = try load()
        let study = outputs
        let store = try Store(root: cacheURL)
        var options = ExecutionOptions()
        if let jobs { options.workers = jobs }
        options.exportDirectory = study.resultsURL
        options.log = log
        if handlesSignals {
            options.cancellation.installSignalHandlers { _ in
                log("interrupted: finishing checkpoints; finished tasks are kept. Run again to resume (a second Ctrl-C exits at once).")
            }
        }
        let summary = LocalExecutor().run(graph: graph, store: store, options: options)
        guard summary.succeeded else {
            log("analyze: \(summary.failed.count) task(s) failed; nothing published for '\(name)'")
            return false
        }
        let summaryTask = try study.reportTask(ofKind: AnalysisSummaryStage.kind.name, in: graph)
        let figures = try study.reportTask(ofKind: AnalysisFiguresStage.kind.name, in: graph)
        try FileManager.default.createDirectory(at: study.reportURL, withIntermediateDirectories: true)
        return try Publishing.withLock(for: study.reportURL, log: log) {
            var values = try ValueStore.load(store.filesDirectory(summaryTask.key).appendingPathComponent(SummaryStage.fileName))
            values.set("profile", name)
            try study.publishFigures(store.filesDirectory(figures.key), store: store, key: figures.key, into: &values)
            var provenance = Provenance.collect(repository: root, profile: name, globalSeed: manifest.seed, stageSeconds: summary.recordedSecondsPerStage)
            provenance.software = "repro \(ReproVersion.number)"
            provenance.buildCommit = ReproVersion.commit
            let outcome = try ReportBuilder.build(source: templateURL, profile: name, values: values, expectations: manifest.expectations,
                                                  declaredExpectations: manifest.declaredExpectationNames, provenance: provenance,
                                                  outputDirectory: study.reportURL)
            log(outcome.summary)
            return !outcome.failed
        }
    }
}
