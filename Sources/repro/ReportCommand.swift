import ArgumentParser
import Foundation
import Pipeline
import Reproduction

/// Options shared by the build-tool commands.
struct StudyOptions: ParsableArguments {
    @Option(help: "Profile of report/manifest.toml: smoke (CI, minutes), default (`make report`), paper (cluster).")
    var profile = "default"
    @Option(help: "Manifest file; its report.md, published/ and build/ are beside it (examples/minimal/manifest.toml: a minimal study).")
    var manifest = "report/manifest.toml"
    @Option(help: "Content-addressed cache directory.")
    var cache = ".cache"

    func validate() throws {
        // The profile names output directories: refuse a path before anything is built from it.
        guard Manifest.isValidName(profile) else { throw ValidationError("--profile '\(profile)': \(Manifest.nameRule("profile"))") }
    }

    func study(jobs: Int? = nil) -> Study {
        let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        return Study(root: root, profile: profile, manifest: URL(fileURLWithPath: manifest, relativeTo: root).standardizedFileURL,
                     cache: URL(fileURLWithPath: cache, relativeTo: root).standardizedFileURL, jobs: jobs)
    }
}

func fail(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    return ExitCode(2)
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Run every out-of-date experiment of the manifest, render the figures and write the report.",
        discussion: """
        Finished tasks are cached by content in --cache; an interrupted run (Ctrl-C, kill) resumes from its \
        checkpoints. Writes results/<profile>/, figures/<profile>/ and report/build/<profile>/. Exits 1 if a task \
        or an expectation fails (after writing the report), 2 on bad input, 130/143 when interrupted by SIGINT/SIGTERM.
        """)
    @OptionGroup var options: StudyOptions
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var jobs: Int?
    @OptionGroup var executor: ExecutorOptions
    @Option(help: ArgumentHelp("Recompute every task of this stage even if cached (repeatable).", valueName: "stage"))
    var rerun: [String] = []

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be ≥ 1, got \(jobs)") }
        for stage in rerun where !Manifest.isValidName(stage) {
            throw ValidationError("--rerun '\(stage)': \(Manifest.nameRule("stage"))")
        }
        // A manifest that does not load is reported by run(), with file, line and field.
        guard !rerun.isEmpty, let loaded = try? options.study().load() else { return }
        let stages = loaded.0.stages.map(\.name)
        for stage in rerun where !stages.contains(stage) {
            throw ValidationError("--rerun '\(stage)': no stage of that name in profile \(options.profile) of \(options.manifest); stages: \(stages.joined(separator: ", "))")
        }
    }

    func run() throws {
        let ok: Bool
        do {
            var study = options.study(jobs: jobs)
            study.executor = executor.choice
            study.rerun = Set(rerun)
            ok = try study.run(log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
        } catch { throw fail(error) }
        if !ok { throw ExitCode(CancellationToken.receivedSignal.map { 128 + $0 } ?? 1) } // 130 SIGINT, 143 SIGTERM
    }
}

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "List every task of a profile as done, stale or missing, with the reason, and what it costs.",
        discussion: """
        The cost estimate gives per stage the Monte Carlo trials, core-hours at the engine speed measured by \
        `make bench`, wall time on --cores cores, peak memory and disk per task and in total; with a Slurm \
        time limit in the profile's executor table it checks that every task reaches a checkpoint within it.
        """)
    @OptionGroup var options: StudyOptions
    @Option(parsing: .unconditional, help: "Cores in all for the wall-time estimate (default: the executor's cpus_per_task, else this machine's).")
    var cores: Int?

    func validate() throws {
        if let cores, cores < 1 { throw ValidationError("--cores must be ≥ 1, got \(cores)") }
    }

    func run() throws {
        do {
            let study = options.study()
            print(try study.status())
            print(try study.costEstimate(cores: cores))
        } catch { throw fail(error) }
    }
}
