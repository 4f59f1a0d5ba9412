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
    /// Stages recomputed even when cached (`ExecutionOptions.rerun`).
    public var rerun: Set<String> = []

    public init(root: URL, profile: String, manifest: URL? = nil, cache: URL? = nil, jobs: Int? = nil) {
        self.root = root; self.profile = profile
        manifestURL = manifest ?? root.appendingPathComponent("report/manifest.toml")
        cacheURL = cache ?? root.appendingPathComponent(".cache")
        self.jobs = jobs
    }

    public var resultsURL: URL { root.appendingPathComponent("results/\(profile)") }
    public var figuresURL: URL { root.appendingPathComponent("figures/\(profile)") }
    public var reportURL: URL { root.appendingPathComponent("report/build/\(profile)") }
    var reportSource: URL { root.appendingPathComponent("report/report.md") }

    /// Loads and validates the manifest, and checks the report source exists (it is read only
    /// after every task ran); throws `ManifestErrors` naming file, line and field.
    public func load() throws -> (Manifest, TaskGraph) {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw ReproductionError.invalid("no manifest at \(manifestURL.path): run repro from the repository root (the directory holding report/manifest.toml)")
        }
        let registry = PaperStages.registry()
        var problems: [ManifestError] = []
        let source = reportSource
        let text = try? String(contentsOf: source, encoding: .utf8)  // nil also for a directory
        if text == nil {
            problems.append(ManifestError(file: source.path, line: nil, field: "(file)",
                                          message: "the report source is missing or unreadable; it is rendered after every task ran"))
        }
        let manifest: Manifest
        do { manifest = try Manifest.load(url: manifestURL, profile: profile, registry: registry) } catch let e as ManifestErrors {
            throw ManifestErrors(errors: e.errors + problems)
        }
        let published = PublishedBaselines(reportSource: source)
        if let text {
            problems = Self.unknownReferences(in: text, file: source.path, keys: registry.valueKeys,
                                              expectations: manifest.declaredExpectationNames, published: published, profiles: Set(manifest.profiles))
        }
        problems += Self.reasonProblems(expectationsOfEveryProfile(manifest, registry: registry), file: manifestURL.path, keys: registry.valueKeys,
                                        published: published, profiles: Set(manifest.profiles))
        if !problems.isEmpty { throw ManifestErrors(errors: problems) }
        return (manifest, TaskGraph(manifest: manifest, registry: registry))
    }

    public func status() throws -> String {
        let (_, graph) = try load()
        return Status.render(Status.evaluate(graph: graph, store: try Store(root: cacheURL)))
    }

    /// The profile's cost per stage on `cores` cores (default: the executor's cpus_per_task, else
    /// this machine's), with the check of its Slurm time limit when the executor table sets one.
    public func costEstimate(cores: Int? = nil) throws -> String {
        let (manifest, graph) = try load()
        let table = manifest.executor.merging(executor.overrides) { _, new in new }
        let slurm = try SlurmOptions(workerCommand: [], table: table)
        let perTask = slurm.cpusPerTask ?? cores ?? ProcessInfo.processInfo.activeProcessorCount
        let estimate = CostEstimate(graph: graph, cores: cores ?? perTask, coresPerTask: perTask)
        var text = estimate.render()
        if let limit = slurm.timeLimit {
            let problems = estimate.timeLimitProblems(limitSeconds: try SlurmTimeLimit.seconds(limit), signalSeconds: slurm.signalSeconds)
            text += problems.isEmpty ? "\nSlurm time limit \(limit): every task reaches a checkpoint within it."
                                     : "\n" + problems.map { "error: \($0)" }.joined(separator: "\n")
        }
        return text
    }

    /// Refuses a Slurm run whose tasks cannot reach a checkpoint within the time limit (they would
    /// be resubmitted until max_interruptions without progress).
    func checkTimeLimit(manifest: Manifest, graph: TaskGraph) throws {
        let table = manifest.executor.merging(executor.overrides) { _, new in new }
        guard try executor.resolvedName(table: table) == "slurm" else { return }
        let slurm = try SlurmOptions(workerCommand: [], table: table)
        guard let limit = slurm.timeLimit else { return }
        let perTask = slurm.cpusPerTask ?? ProcessInfo.processInfo.activeProcessorCount
        let problems = CostEstimate(graph: graph, cores: perTask, coresPerTask: perTask)
            .timeLimitProblems(limitSeconds: try SlurmTimeLimit.seconds(limit), signalSeconds: slurm.signalSeconds)
        if !problems.isEmpty { throw SlurmError(problems.joined(separator: "\n")) }
    }

    /// Runs every stale task, then renders figures and the report. Returns false when a task or
    /// an expectation failed (the report is still written in the latter case).
    public func run(log: @escaping @Sendable (String) -> Void) throws -> Bool {
        let (manifest, graph) = try load()
        try checkTimeLimit(manifest: manifest, graph: graph)
        let store = try Store(root: cacheURL)
        var options = ExecutionOptions()
        if let jobs { options.workers = jobs }
        options.exportDirectory = resultsURL
        options.rerun = rerun
        options.log = log
        options.cancellation.installSignalHandlers { _ in
            log("interrupted: finishing checkpoints; finished tasks are kept. Run again to resume (a second Ctrl-C exits at once).")
        }
        for name in store.removeOrphans() { log("removed orphaned temporary entry tmp/\(name) (its process is gone)") }
        let summary = try executor.make(manifest: manifest, manifestURL: manifestURL, cacheURL: cacheURL).run(graph: graph, store: store, options: options)
        guard summary.succeeded else { return false }

        let summaryTask = try reportTask(ofKind: PaperStages.summaryKind, in: graph)
        let figures = try reportTask(ofKind: PaperStages.figuresKind, in: graph)
        // Figures and report under one lock per profile (report/build/.<profile>.lock): a
        // concurrent run waits, then rewrites the same bytes, each file renamed into place.
        try FileManager.default.createDirectory(at: reportURL, withIntermediateDirectories: true)
        return try Publishing.withLock(for: reportURL, log: log) {
            try publish(summaryTask, figures, manifest: manifest, graph: graph, store: store, summary: summary, log: log)
        }
    }

    private func publish(_ summaryTask: TaskNode, _ figures: TaskNode, manifest: Manifest, graph: TaskGraph, store: Store,
                         summary: RunSummary, log: @escaping @Sendable (String) -> Void) throws -> Bool {
        let summaryDirectory = store.filesDirectory(summaryTask.key)
        var values = try ValueStore.load(summaryDirectory.appendingPathComponent(SummaryStage.fileName))
        values.set("profile", profile)
        let propensityStages = Set(graph.tasks.filter { $0.kind.name == SimulationStages.propensity.name }.map(\.id.stage))
        RunCost(totalSeconds: summary.recordedSecondsPerStage.values.reduce(0, +),
                propensitySeconds: propensityStages.reduce(0.0) { $0 + (summary.recordedSecondsPerStage[$1] ?? 0) },
                propensityCoreSeconds: propensityStages.reduce(0.0) { $0 + (summary.recordedCoreSecondsPerStage[$1] ?? 0) },
                propensityTrials: try SummaryStage.read(from: summaryDirectory).statePoint.propensityTrials).keyed(into: &values)
        try publishFigures(from: store.filesDirectory(figures.key), into: &values)
        var provenance = Provenance.collect(repository: root, profile: profile, globalSeed: manifest.seed,
                                            stageSeconds: summary.recordedSecondsPerStage)
        provenance.codeChanged = graph.tasks.filter { store.metadata($0.key)?.codeChanged(for: $0.kind) == true }.map(\.id.description)
        if !provenance.codeChanged.isEmpty {
            log("note: \(provenance.codeChanged.count) cached result(s) were computed by different code than this build (version unchanged): "
                + provenance.codeChanged.joined(separator: ", "))
        }
        let outcome = try ReportBuilder.build(source: reportSource, profile: profile, values: values,
                                              expectations: manifest.expectations, declaredExpectations: manifest.declaredExpectationNames, knownProfiles: Set(manifest.profiles),
                                              provenance: provenance, outputDirectory: reportURL)
        log(outcome.summary)
        return !outcome.failed
    }

    /// Copies the rendered figures to figures/<profile>/ (what users publish) and registers them.
    /// Each is copied to a temporary name and renamed; call holding the profile's publishing lock.
    func publishFigures(from directory: URL, into values: inout ValueStore) throws {
        let fm = FileManager.default
        try fm.createDirectory(at: figuresURL, withIntermediateDirectories: true)
        Publishing.removeTemporaries(in: figuresURL)
        for file in try fm.contentsOfDirectory(atPath: directory.path).sorted() {
            let target = figuresURL.appendingPathComponent(file)
            try Publishing.copyAtomically(from: directory.appendingPathComponent(file), to: target)
            if file.hasSuffix(".png") { values.setFigure(String(file.dropLast(4)), target) }
        }
    }

    /// Values, tables and checks the report quotes that nothing provides: a typo found now, not
    /// after every task ran.
    static func unknownReferences(in text: String, file: String, keys: ValueKeySet?, expectations: Set<String>,
                                  published: PublishedBaselines = .init(directory: nil), profiles: Set<String> = []) -> [ManifestError] {
        ReportRenderer.references(in: text).compactMap { r in
            switch r.kind {
            case .value where PublishedBaselines.split(r.name) != nil:
                return published.problem(with: r.name, knownProfiles: profiles).map {
                    ManifestError(file: file, line: r.line, field: "{{value \(r.name)}}", message: $0)
                }
            case .value, .table:
                guard let keys, !keys.contains(r.name) else { return nil }
                let hint = keys.suggestion(for: r.name).map { "; did you mean '\($0)'?" } ?? ""
                return ManifestError(file: file, line: r.line, field: "{{\(r.kind.rawValue) \(r.name)}}",
                                     message: "no stage or report value provides '\(r.name)'\(hint) (keys: Sources/Reproduction/ValueKeys.swift)")
            case .check:
                guard !expectations.contains(r.name) else { return nil }
                return ManifestError(file: file, line: r.line, field: "{{check \(r.name)}}",
                                     message: "no expectation named '\(r.name)' in the manifest")
            }
        }
    }

    /// The one task of a kind the report reads (the manifest has exactly one such stage).
    func reportTask(ofKind kind: String, in graph: TaskGraph) throws -> TaskNode {
        let nodes = graph.tasks.filter { $0.kind.name == kind }
        guard nodes.count == 1 else {
            throw ReproductionError.invalid("\(manifestURL.path): the report needs exactly one task of stage kind '\(kind)'; the profile '\(profile)' has \(nodes.count)")
        }
        return nodes[0]
    }
}
