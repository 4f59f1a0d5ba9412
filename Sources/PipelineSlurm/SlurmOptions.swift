/// Options of the Slurm executor, read from the manifest's `[executor]` table (overridable per
/// profile and from the command line). Unknown keys are errors naming the allowed ones; the
/// manifest loader reports them at their line whatever the executor, so a typo in a cluster
/// setting fails when the manifest loads.
import Foundation
import Pipeline

/// How the Slurm executor submits and follows tasks.
public struct SlurmOptions: Sendable, Equatable {
    /// The worker command before `--key K`, e.g. `[repro, run-task, --profile, P, --manifest, M, --cache, C]`.
    public var workerCommand: [String]
    /// `sbatch --partition`.
    public var partition: String?
    /// `sbatch --account`.
    public var account: String?
    /// `sbatch --time` (Slurm syntax: "MM", "HH:MM:SS", "D-HH:MM").
    public var timeLimit: String?
    /// CPUs of every array element; nil (the default) = the task's thread count, capped by
    /// `maxCpusPerTask`, so a single-threaded task (equilibrate, relaxation) asks for one CPU.
    public var cpusPerTask: Int?
    /// Cap on the CPUs requested per task when `cpusPerTask` is nil; nil (the default) = the cores
    /// of the machine that plans the run, at most 8. A request larger than every node pends
    /// forever (reason PartitionConfig), so the default never asks for more than the driver has;
    /// set it to the compute nodes' size when the driver runs on a smaller machine.
    public var maxCpusPerTask: Int?
    /// Extra `sbatch` arguments, verbatim (e.g. `["--qos=long", "--mem=4G"]`).
    public var extraOptions: [String] = []
    /// Times a failed task is resubmitted before it counts as failed.
    public var maxRetries = 2
    /// Times an interrupted task (time limit, scancel, preemption) is resubmitted to resume.
    public var maxInterruptions = 20
    /// Seconds before the time limit at which Slurm signals the job to checkpoint.
    public var signalSeconds = 120
    /// Seconds between `squeue` polls.
    public var pollSeconds = 15.0
    /// Largest array submitted at once (clusters cap `MaxArraySize`).
    public var maxArraySize = 1000
    /// `sbatch --job-name`.
    public var jobName = "repro"
    /// Directory holding `sbatch`, `squeue`, `sacct`, `scancel`; nil = found on PATH.
    public var commandDirectory: String?

    public init(workerCommand: [String]) { self.workerCommand = workerCommand }

    /// Keys of the `[executor]` table understood here (besides `type`).
    public static let keys = ["partition", "account", "time", "cpus_per_task", "max_cpus_per_task", "sbatch_options",
                              "max_retries", "max_interruptions", "signal_seconds", "poll_seconds", "max_array_size",
                              "job_name", "worker", "commands"]

    /// Reads the options from an `[executor]` table; `type` is ignored (it selects the executor).
    /// `worker`, when present, replaces the first element of `workerCommand` (the binary path on
    /// the compute nodes).
    public init(workerCommand: [String], table: [String: ParameterValue]) throws {
        var problems: [(key: String, message: String)] = []
        self.init(workerCommand: workerCommand, table: table, problems: &problems)
        if !problems.isEmpty { throw SlurmError(problems.map { "executor.\($0.key): \($0.message)" }.joined(separator: "\n")) }
    }

    /// Problems of an `[executor]` table by key (unknown keys, wrong types, out of range), so the
    /// manifest loader can report each at its line before anything runs.
    static func problems(in table: [String: ParameterValue]) -> [(key: String, message: String)] {
        var problems: [(key: String, message: String)] = []
        _ = SlurmOptions(workerCommand: [], table: table, problems: &problems)
        return problems
    }

    private init(workerCommand: [String], table: [String: ParameterValue], problems: inout [(key: String, message: String)]) {
        self.init(workerCommand: workerCommand)
        var found: [(key: String, message: String)] = []
        func string(_ k: String) -> String? {
            guard let v = table[k] else { return nil }
            if let s = v.stringValue { return s }
            if let i = v.intValue, k == "time" { return String(i) }  // minutes
            found.append((k, "expected a string, got \(v.typeName)")); return nil
        }
        func int(_ k: String, min lo: Int) -> Int? {
            guard let v = table[k] else { return nil }
            guard let i = v.intValue, i >= lo else { found.append((k, "expected an int ≥ \(lo), got \(v)")); return nil }
            return i
        }
        for k in table.keys.sorted() where k != "type" && !Self.keys.contains(k) {
            found.append((k, "unknown key; allowed: type, \(Self.keys.joined(separator: ", "))"))
        }
        partition = string("partition")
        account = string("account")
        timeLimit = string("time")
        if let t = timeLimit, (try? SlurmTimeLimit.seconds(t)) == nil {
            found.append(("time", "'\(t)' is not a Slurm time limit; use MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS"))
        }
        jobName = string("job_name") ?? jobName
        commandDirectory = string("commands")
        if let w = string("worker"), !workerCommand.isEmpty { self.workerCommand[0] = w }
        cpusPerTask = int("cpus_per_task", min: 1)
        maxCpusPerTask = int("max_cpus_per_task", min: 1) ?? maxCpusPerTask
        maxRetries = int("max_retries", min: 0) ?? maxRetries
        maxInterruptions = int("max_interruptions", min: 0) ?? maxInterruptions
        signalSeconds = int("signal_seconds", min: 1) ?? signalSeconds
        maxArraySize = int("max_array_size", min: 1) ?? maxArraySize
        if let v = table["poll_seconds"] {
            if let d = v.doubleValue, d > 0, d.isFinite { pollSeconds = d } else { found.append(("poll_seconds", "expected a number > 0, got \(v)")) }
        }
        if let v = table["sbatch_options"] {
            if let s = v.stringValue {
                extraOptions = s.split(separator: " ").map(String.init)
            } else if let l = v.listValue, l.allSatisfy({ $0.stringValue != nil }) {
                extraOptions = l.compactMap(\.stringValue)
            } else {
                found.append(("sbatch_options", "expected a list of strings, got \(v)"))
            }
        }
        problems = found
    }

    /// The cap without `max_cpus_per_task`: this machine's cores, at most 8.
    public static var defaultMaxCpusPerTask: Int { min(8, ProcessInfo.processInfo.activeProcessorCount) }

    /// CPUs requested for a task that wants `threads` workers.
    public func cpus(forThreads threads: Int) -> Int {
        if let cpusPerTask { return cpusPerTask }
        return max(1, min(threads, maxCpusPerTask ?? Self.defaultMaxCpusPerTask))
    }
}

/// A problem with the Slurm executor: bad options, or a Slurm command that failed.
public struct SlurmError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}
