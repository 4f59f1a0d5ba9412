import ArgumentParser
import Foundation
import Pipeline
import PipelineSlurm
import Reproduction
#if canImport(Glibc)
import Glibc
#endif

/// `repro run-task --key K`: runs one task of a profile's graph in this process. This is what
/// each element of a Slurm job array executes; the graph is built exactly as `repro report` does.
/// Exit status: 0 ran or already cached, 75 interrupted (checkpoint kept, run again to resume),
/// 1 the task failed, 2 bad input. SIGTERM/SIGINT/SIGUSR1 only request a clean stop: Slurm may
/// deliver SIGTERM twice (batch signal and scancel), and its SIGKILL follows anyway.
struct RunTaskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run-task",
        abstract: "Run one task of the manifest by cache key (used by the Slurm executor's job arrays).",
        shouldDisplay: false)
    @Option(help: "Cache key of the task (see the cache's entries/ and slurm/arrays/*.keys).")
    var key: String
    @OptionGroup var options: StudyOptions
    @Option(parsing: .unconditional, help: "Worker threads (default: $SLURM_CPUS_PER_TASK, else all cores).")
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be ≥ 1, got \(jobs)") }
    }

    func run() throws {
        let status = execute()
        SlurmBatchScript.recordExit(status)
        if status != 0 { throw ExitCode(status) }
    }

    private func execute() -> Int32 {
        let log = { (s: String) in FileHandle.standardError.write(Data(("run-task: " + s + "\n").utf8)) }
        do {
            let study = options.study()
            let (_, graph) = try study.load()
            let store = try Store(root: study.cacheURL)
            var o = ExecutionOptions()
            let slurmCPUs = ProcessInfo.processInfo.environment["SLURM_CPUS_PER_TASK"].flatMap { Int($0) }
            o.workers = max(1, jobs ?? slurmCPUs ?? ProcessInfo.processInfo.activeProcessorCount)
            o.progress = .none
            o.log = { log($0) }
            o.cancellation.installSignalHandlers(signals: [SIGTERM, SIGINT, SIGUSR1], exitOnRepeat: false) { log("signal \($0): checkpointing and stopping") }
            let task = graph.task(key: key)?.id.description ?? key
            log("\(task) with \(o.workers) worker(s)")
            switch try LocalExecutor.runTask(key: key, graph: graph, store: store, options: o) {
            case .ran(let s): log(String(format: "done %@ in %.2f s", task, s)); return 0
            case .cached: log("\(task) was already in the cache"); return 0
            case .cancelled: log("interrupted \(task); its checkpoint is kept"); return SlurmBatchScript.interruptedStatus
            case .failed(let m): log("FAILED \(task): \(m)"); return 1
            }
        } catch {
            log("\(error)")
            return 2
        }
    }
}


/// Executor flags of `repro report` (Slurm CLI concern, kept next to the worker command):
/// `--executor slurm --partition P --account A --time 24:00:00 --cpus-per-task 4
/// --sbatch-option=--mem=8G --max-retries 2`. They override the manifest's `[executor]` table.
struct ExecutorOptions: ParsableArguments {
    @Option(help: "Executor: local (default) or slurm; else $REPRO_EXECUTOR, else the manifest's [executor] type.")
    var executor: String?
    @Option(help: "Slurm partition.")
    var partition: String?
    @Option(help: "Slurm account.")
    var account: String?
    @Option(help: "Slurm time limit per job (e.g. 24:00:00); long tasks checkpoint and are resubmitted.")
    var time: String?
    @Option(parsing: .unconditional, help: "CPUs per Slurm task (default: the task's thread count).")
    var cpusPerTask: Int?
    @Option(parsing: .unconditionalSingleValue, help: "Extra sbatch option, repeatable (e.g. --sbatch-option=--mem=8G).")
    var sbatchOption: [String] = []
    @Option(parsing: .unconditional, help: "Times a failed Slurm task is resubmitted.")
    var maxRetries: Int?

    var choice: ExecutorChoice {
        var o: [String: ParameterValue] = [:]
        if let partition { o["partition"] = .string(partition) }
        if let account { o["account"] = .string(account) }
        if let time { o["time"] = .string(time) }
        if let cpusPerTask { o["cpus_per_task"] = .int(cpusPerTask) }
        if !sbatchOption.isEmpty { o["sbatch_options"] = .list(sbatchOption.map { .string($0) }) }
        if let maxRetries { o["max_retries"] = .int(maxRetries) }
        return ExecutorChoice(name: executor, overrides: o)
    }
}
