import Foundation
import Pipeline

/// The whole reproduction for one profile: manifest → task graph → cache → figures → report.
/// Paths are relative to the repository root (the working directory of `make report`).
public struct Study {
    public var root: URL
    public var profile: String
    public var manifestURL: URL
    public var cacheURL: URL
    public var jobs: Int?
    /// Which executor runs the tasks (local by default; see `ExecutorChoice`).
    public var executor = ExecutorChoice()

    public init(root: URL, profile: String, manifest: URL? = nil, cache: URL? = nil, jobs: Int? = nil) {
        self.root = root; self.profile = profile
        manifestURL = manifest ?? root.appendingPathComponent("report/manifest.toml")
        cacheURL = cache ?? root.appendingPathComponent(".cache")
        self.jobs = jobs
    }

    public var resultsURL: URL { root.appendingPathComponent("results/\(profile)") }
    public var figuresURL: URL { root.appendingPathComponent("figures/\(profile)") }
    public var reportURL: URL { root.appendingPathComponent("report/build/\(profile)") }

    /// Loads and validates the manifest; throws `ManifestErrors` naming file, line and field.
    public func load() throws -> (Manifest, TaskGraph) {
        let registry = PaperStages.registry()
        let manifest = try Manifest.load(url: manifestURL, profile: profile, registry: registry)
        return (manifest, TaskGraph(manifest: manifest, registry: registry))
    }

    public func status() throws -> String {
        let (_, graph) = try load()
        return Status.render(Status.evaluate(graph: graph, store: try Store(root: cacheURL)))
    }

    /// Runs every stale task, then renders figures and the report. Returns false when a task or
    /// an expectation failed (the report is still written in the latter case).
    public func run(log: @escaping @Sendable (String) -> Void) throws -> Bool {
        let (manifest, graph) = try load()
        let store = try Store(root: cacheURL)
        var options = ExecutionOptions()
        if let jobs { options.workers = jobs }
        options.exportDirectory = resultsURL
        options.log = log
        options.cancellation.installSignalHandlers { _ in
            log("interrupted: finishing checkpoints; finished tasks are kept. Run again to resume (a second Ctrl-C exits at once).")
        }
        let summary = try executor.make(manifest: manifest, manifestURL: manifestURL, cacheURL: cacheURL).run(graph: graph, store: store, options: options)
        guard summary.succeeded else { return false }

        guard let figures = graph.tasks(ofStage: PaperStages.figuresStage).first else {
            throw ReproductionError.invalid("\(manifestURL.path): no stage named '\(PaperStages.figuresStage)'")
        }
        let outputs = try studyOutputs(figures, graph: graph, store: store)
        var values = try ReportValues.collect(outputs, profile: profile)
        ReportValues.cost(outputs, stageSeconds: summary.recordedSecondsPerStage,
                          cores: ProcessInfo.processInfo.activeProcessorCount, into: &values)
        try publishFigures(from: store.filesDirectory(figures.key), into: &values)
        let provenance = Provenance.collect(repository: root, profile: profile, globalSeed: manifest.seed,
                                            stageSeconds: summary.recordedSecondsPerStage)
        let outcome = try ReportBuilder.build(source: root.appendingPathComponent("report/report.md"), profile: profile, values: values,
                                              expectations: manifest.expectations, declaredExpectations: manifest.declaredExpectationNames, knownProfiles: Set(manifest.profiles),
                                              provenance: provenance, outputDirectory: reportURL)
        log(outcome.summary)
        return !outcome.failed
    }

    /// Copies the rendered figures to figures/<profile>/ (what users publish) and registers them.
    func publishFigures(from directory: URL, into values: inout ValueStore) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: figuresURL, withIntermediateDirectories: true)
        for file in try fm.contentsOfDirectory(atPath: directory.path).sorted() {
            let target = figuresURL.appendingPathComponent(file)
            try? fm.removeItem(at: target)
            try fm.copyItem(at: directory.appendingPathComponent(file), to: target)
            if file.hasSuffix(".png") { values.setFigure(String(file.dropLast(4)), target) }
        }
    }

    func studyOutputs(_ figures: TaskNode, graph: TaskGraph, store: Store) throws -> StudyOutputs {
        func dirs(_ name: String) -> [URL] { (figures.inputs[name] ?? []).map { store.filesDirectory(graph.task($0)!.key) } }
        func one(_ name: String) throws -> URL {
            guard let d = dirs(name).first else { throw ReproductionError.invalid("the figures stage needs an input '\(name)'") }
            return d
        }
        return try StudyOutputs(equilibrate: dirs("equilibrate"), relaxation: one("relaxation"), propensity: dirs("propensity"),
                                descriptors: dirs("descriptors"), imbalance: one("imbalance"), regression: one("regression"),
                                profile: dirs("profile").first, series: dirs("series"))
    }
}
