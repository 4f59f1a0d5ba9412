import ArgumentParser
import Foundation
import Pipeline
import Reproduction

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Run the paper's analysis (features → Δ → selections → regression → Figs. 4–9 → checked report) on your own configurations and propensities.",
        discussion: """
        Each configuration (extended XYZ or LAMMPS text dump, any rectangular periodic box) comes with one \
        propensity column (.npy, FILE:COLUMN or FILE:NAME), one value per particle in the configuration's order \
        (a LAMMPS dump's atom-id order). Everything is validated before any computation. The tasks are cached \
        by content in --cache (an input is keyed by its SHA-256: an edited file re-runs what depends on it) and \
        a killed run resumes. Writes results/NAME/, figures/NAME/ and report/build/NAME/report.{md,html}; run \
        from the repository root (report/analyze.md is the report's template). With one configuration, \
        leave-one-configuration-out falls back to a seeded two-fold split of its particles (docs/cli.md). \
        Exits 1 when a check of the report fails, 2 on bad input.
        """)

    @Option(parsing: .upToNextOption, help: "Configurations: .xyz, .extxyz, .dump or .lammpstrj files.")
    var configurations: [String] = []
    @Option(parsing: .upToNextOption, help: "One propensity per configuration, same order: FILE.npy, FILE.npy:COLUMN or FILE.npy:NAME.")
    var propensity: [String] = []
    @Option(help: "Model file (TOML: species, σ_αβ, ε_αβ, potential, cutoff), e.g. models/ternary2d.toml (default: the paper's model).")
    var model: String?
    @Option(help: "Name of the analysis: results/NAME, figures/NAME, report/build/NAME ([A-Za-z0-9_-]+).")
    var name = "analysis"
    @Option(parsing: .unconditional, help: "Frame of multi-frame files: 0-based, negative counts from the end (default: the last).")
    var frame: Int?
    @Option(name: .customLong("k"), parsing: .unconditional, help: "Rank k of Δ (DADApy's definition; 1 is the paper's).")
    var k = 1
    @Option(parsing: .unconditional, help: "Compute Δ, ρ and the selections on M points per configuration (needs --seed).")
    var subsample: Int?
    @Option(parsing: .unconditional, help: "Seed of the --subsample draw.")
    var seed: Int?
    @Option(name: .customLong("max-d"), parsing: .unconditional, help: "Largest number of selected features d.")
    var maxD = 15
    @Option(help: "Content-addressed cache directory.")
    var cache = ".cache"
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var jobs: Int?
    @Flag(help: "List every task of this analysis as done, stale or missing, and run nothing.")
    var status = false

    func analysis() throws -> AnalysisRun {
        var request = AnalysisRequest(configurations: configurations, propensities: propensity)
        request.model = model; request.name = name; request.frame = frame
        request.k = k; request.subsample = subsample; request.seed = seed; request.maxD = maxD
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return try AnalysisRun(request, root: root, cache: URL(fileURLWithPath: cache, relativeTo: root).standardizedFileURL, jobs: jobs)
    }

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be ≥ 1, got \(jobs)") }
        do { _ = try analysis() } catch let error as AnalysisInputError { throw ValidationError(error.description) }
    }

    func run() throws {
        let ok: Bool
        do {
            var analysis = try analysis()
            analysis.handlesSignals = true
            if status { print(try analysis.status()); return }
            ok = try analysis.run(log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        } catch { throw fail(error) }
        if !ok { throw ExitCode(CancellationToken.receivedSignal.map { 128 + $0 } ?? 1) }
    }
}
