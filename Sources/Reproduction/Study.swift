import Foundation
import Pipeline
import PipelineSlurm
import Report

/// The whole reproduction for one profile: manifest → task graph → cache → figures → report.
/// Paths are relative to the repository root (the working directory of `make report`). The report
/// source (`report.md`), its published baselines (`published/`) and its builds (`build/<profile>/`)
/// sit beside the manifest. The paper's study (report/manifest.toml) writes results/ and figures/
/// at the root; any other study (e.g. examples/minimal) beside its manifest. A study without the
/// paper's summary and figures stages quotes the values its stages declare (`CommandValues`).
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
        manifestURL = manifest ?? root.appendingPathComponent(Self.paperManifest)
        cacheURL = cache ?? root.appendingPathComponent(".cache")
        self.jobs = jobs
    }

    static let paperManifest = "report/manifest.toml"
    /// The manifest's directory: report source, published baselines and report builds.
    var studyDirectory: URL { manifestURL.deletingLastPathComponent() }
    /// Where results/ and figures/ go: the root for the paper's study, else the study directory.
    var outputRoot: URL {
        studyDirectory.standardizedFileURL == root.appendingPathComponent(Self.paperManifest).deletingLastPathComponent().standardizedFileURL
            ? root : studyDirectory
    }
    public var resultsURL: URL { outputRoot.appendingPathComponent("results/\(profile)") }
    public var figuresURL: URL { outputRoot.appendingPathComponent("figures/\(profile)") }
    public var reportURL: URL { studyDirectory.appendingPathComponent("build/\(profile)") }
    var reportSource: URL { studyDirectory.appendingPathComponent("report.md") }

    /// The paper's stage kinds and the `command` kind, its files resolved in the study directory.
    var registry: StageRegistry { PaperStages.registry(directory: studyDirectory) }

    /// Loads and validates the manifest, and checks the report source (its references, directives
    /// and links; it is rendered after every task ran); throws `ManifestErrors` naming file, line
    /// and field.
    public func load() throws -> (Manifest, TaskGraph) {
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw ReproductionError.invalid("no manifest at \(manifestURL.path): run repro from the repository root (the directory holding report/manifest.toml)")
        }
        let registry = self.registry
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
            problems = Self.unknownReferences(in: text, file: source.path, keys: manifest.valueKeys,
                                              expectations: manifest.declaredExpectationNames, published: published, profiles: Set(manifest.profiles))
            // Links and directives too: a forbidden image is refused now, at its line in the source.
            let resources = ResourceGuard(allowed: [reportURL, figuresURL], base: reportURL)
            problems += ReportRenderer.validate(source: text, file: source.path, knownProfiles: Set(manifest.profiles), resources: resources,
                                                published: published)
                .map { ManifestError(file: $0.file, line: $0.line, field: $0.directive, message: $0.message) }
        }
        problems += Self.reasonProblems(expectationsOfEveryProfile(manifest, registry: registry), file: manifestURL.path, keys: manifest.valueKeys,
                                        published: published, profiles: Set(manifest.profiles))
        if !problems.isEmpty { throw ManifestErrors(errors: problems) }
        return (manifest, TaskGraph(manifest: manifest, registry: registry))
    }

    /// Every task's state; writes nothing (not even the cache's skeleton).
    public func status() throws -> String {
        let (_, graph) = try load()
        let store = try Store(root: cacheURL, writable: false)
        let text = Status.render(Status.evaluate(graph: graph, store: store))
        return store.exists ? text : "the cache \(store.root.path) does not exist: nothing is computed yet\n" + text
    }

    /// Cores one task gets: the executor's cpus_per_task; else, under Slurm or when the table sets
    /// max_cpus_per_task, `cores` capped by it (a Slurm element asks for no more); else `cores`.
    static func coresPerTask(_ slurm: SlurmOptions, table: [String: ParameterValue], slurmRun: Bool, cores: Int) -> Int {
        if let fixed = slurm.cpusPerTask { return fixed }
        return slurmRun || table["max_cpus_per_task"] != nil ? slurm.cpus(forThreads: cores) : cores
    }

    /// The profile's cost per stage on `cores` cores (default: the executor's cpus_per_task, else
    /// this machine's), with the check of its Slurm time limit when the executor table sets one.
    public func costEstimate(cores: Int? = nil) throws -> String {
        let (manifest, graph) = try load()
        // Only the paper's stage kinds have cost models; a table of zeros would say "free".
        let kinds = Set(graph.tasks.map(\.kind.name))
        guard kinds.contains(where: PaperStages.hasCostModel) else {
            return "Cost estimate: none of this study's stage kinds (\(kinds.sorted().joined(separator: ", "))) has a cost model; "
                + "only the paper's stages are estimated"
        }
        let table = manifest.executor.merging(executor.overrides) { _, new in new }
        let slurm = try SlurmOptions(workerCommand: [], table: table)
        let all = cores ?? slurm.cpusPerTask ?? ProcessInfo.processInfo.activeProcessorCount
        let perTask = Self.coresPerTask(slurm, table: table, slurmRun: try executor.resolvedName(table: table) == "slurm", cores: all)
        let estimate = CostEstimate(graph: graph, cores: all, coresPerTask: perTask)
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
        let perTask = Self.coresPerTask(slurm, table: table, slurmRun: true, cores: ProcessInfo.processInfo.activeProcessorCount)
        let problems = CostEstimate(graph: graph, cores: perTask, coresPerTask: perTask)
            .timeLimitProblems(limitSeconds: try SlurmTimeLimit.seconds(limit), signalSeconds: slurm.signalSeconds)
        if !problems.isEmpty { throw SlurmError(problems.joined(separator: "\n")) }
    }

    /// Runs every stale task, then renders figures and the report. Returns false when a task or
    /// an expectation failed; the report is written in both cases (after failed tasks, the report
    /// that lists them, unless the report's own tasks are done).
    public func run(log: @escaping @Sendable (String) -> Void) throws -> Bool {
        let (manifest, graph) = try load()
        try checkTimeLimit(manifest: manifest, graph: graph)
        let paperStudy = graph.tasks.contains { [PaperStages.summaryKind, PaperStages.figuresKind].contains($0.kind.name) }
        let summaryTask = paperStudy ? try reportTask(ofKind: PaperStages.summaryKind, in: graph) : nil
        let figures = paperStudy ? try reportTask(ofKind: PaperStages.figuresKind, in: graph) : nil
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
        let taskFailed = !summary.failed.isEmpty && !summary.cancelled
        guard summary.succeeded || taskFailed else { return false }
        let done = Set(summary.ran + summary.cached)

        // Figures and report under one lock per profile (report/build/.<profile>.lock): a
        // concurrent run waits, then rewrites the same bytes, each file renamed into place.
        try FileManager.default.createDirectory(at: reportURL, withIntermediateDirectories: true)
        return try Publishing.withLock(for: reportURL, log: log) {
            // Without the paper's stages the report quotes every task's declared values.
            let quoted = summaryTask.map { [$0.id] } ?? graph.tasks.map(\.id)
            guard quoted.allSatisfy(done.contains), figures.map({ done.contains($0.id) }) ?? true else {
                publishFailure(quoted, figures: figures.flatMap { done.contains($0.id) ? $0 : nil }, manifest: manifest, graph: graph,
                               store: store, summary: summary, log: log)
                return false
            }
            let ok = try publish(summaryTask, figures, manifest: manifest, graph: graph, store: store, summary: summary, log: log)
            if taskFailed { log("report: \(summary.failed.count) task(s) failed outside what the report quotes; the report is complete") }
            return ok && !taskFailed
        }
    }

    /// After failed tasks: figures of this run only, and the report that lists the failures in
    /// place of the previous one (or, if that cannot be written, no report). Says which happened.
    private func publishFailure(_ quoted: [TaskID], figures: TaskNode?, manifest: Manifest, graph: TaskGraph, store: Store,
                                summary: RunSummary, log: @escaping @Sendable (String) -> Void) {
        var unused = ValueStore()
        if figures != nil || FileManager.default.fileExists(atPath: figuresURL.path) {
            do { try publishFigures(figures.map { store.filesDirectory($0.key) }, store: store, key: figures?.key, into: &unused) } catch {
                log("figures: \(error)")
            }
        }
        let failed = "\(summary.failed.count) task(s) failed"
        do {
            let outcome = try ReportBuilder.buildFailed(graph: graph, summary: summary, valuesTasks: quoted, profile: profile,
                                                        expectations: manifest.expectations, outputDirectory: reportURL)
            log(outcome.summary)
            log("report: \(failed), so the report lists them and marks its \(outcome.results.count) expectations not checked "
                + "(it replaces the previous report): \((outcome.html ?? outcome.markdown).path)")
        } catch {
            let kept = ReportBuilder.removeReport(in: reportURL)
            log("report: \(failed), and the report that lists them could not be written (\(error)); "
                + (kept.isEmpty ? "removed the previous report so that its verdicts are not read as current"
                                : "could not remove the previous report, which is stale: \(kept.joined(separator: ", "))"))
        }
    }

    private func publish(_ summaryTask: TaskNode?, _ figures: TaskNode?, manifest: Manifest, graph: TaskGraph, store: Store,
                         summary: RunSummary, log: @escaping @Sendable (String) -> Void) throws -> Bool {
        var values = try StageValues.collect(graph: graph, store: store)
        if let summaryTask, let figures {
            let summaryDirectory = store.filesDirectory(summaryTask.key)
            values.merge(try ValueStore.load(summaryDirectory.appendingPathComponent(SummaryStage.fileName)))
            let propensityStages = Set(graph.tasks.filter { $0.kind.name == SimulationStages.propensity.name }.map(\.id.stage))
            try RunCost(totalSeconds: summary.recordedSecondsPerStage.values.reduce(0, +),
                    propensitySeconds: propensityStages.reduce(0.0) { $0 + (summary.recordedSecondsPerStage[$1] ?? 0) },
                    propensityCoreSeconds: propensityStages.reduce(0.0) { $0 + (summary.recordedCoreSecondsPerStage[$1] ?? 0) },
                    propensityTrials: try SummaryStage.read(from: summaryDirectory).statePoint.propensityTrials).keyed(into: &values)
            try publishFigures(store.filesDirectory(figures.key), store: store, key: figures.key, into: &values)
        }
        values.set("profile", profile)
        var provenance = Provenance.collect(repository: root, profile: profile, globalSeed: manifest.seed,
                                            stageSeconds: summary.recordedSecondsPerStage)
        provenance.software = "repro \(ReproVersion.number)"
        provenance.buildCommit = ReproVersion.commit
        provenance.codeChanged = graph.tasks.filter { store.metadata($0.key)?.codeChanged(for: $0.kind) == true }.map(\.id.description)
        if !provenance.codeChanged.isEmpty {
            log("note: \(provenance.codeChanged.count) cached result(s) were computed by different code than this build (version unchanged): "
                + provenance.codeChanged.joined(separator: ", "))
        }
        let outcome = try ReportBuilder.build(source: reportSource, profile: profile, values: values,
                                              expectations: manifest.expectations, declaredExpectations: manifest.declaredExpectationNames, knownProfiles: Set(manifest.profiles),
                                              referenceLabel: manifest.reference.label, provenance: provenance, outputDirectory: reportURL,
                                              resourceDirectories: figures == nil ? [] : nil)
        log(outcome.summary)
        return !outcome.failed
    }

    /// Copies the rendered figures of entry `key` in `directory` to figures/<profile>/ (what users
    /// publish) and registers them; removes the figures an earlier run published there and this
    /// one does not (none when `key` is nil). Call holding the profile's publishing lock.
    func publishFigures(_ directory: URL?, store: Store, key: String?, into values: inout ValueStore) throws {
        Publishing.removeTemporaries(in: figuresURL)
        var files: [PublishedFile] = []
        if let directory, let key {
            guard let meta = store.metadata(key) else { throw ReproductionError.invalid("the figures entry \(key) has no readable metadata") }
            files = meta.files.map { PublishedFile(path: $0.name, source: directory.appendingPathComponent($0.name), sha256: $0.sha256, bytes: $0.bytes) }
        }
        let errors = Publishing.publishTree(files, in: figuresURL)
        if !errors.isEmpty { throw ReproductionError.invalid(errors.joined(separator: "\n")) }
        for f in files where f.path.hasSuffix(".png") { values.setFigure(String(f.path.dropLast(4)), figuresURL.appendingPathComponent(f.path)) }
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
                                     message: "no stage or report value provides '\(r.name)'\(hint) (keys: the fields of ReportSummary, Sources/Reproduction/SummaryValues.swift, and <stage>.<key> for each key a stage declares in values = [...])")
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
