/// Choosing the executor of a run: `local` (default) or `slurm`, from the command line, then the
/// `REPRO_EXECUTOR` environment variable, then the manifest's `[executor] type`. Command-line
/// options override keys of the `[executor]` table.
import Foundation
import Pipeline

/// Which executor brings a study up to date, and command-line overrides of its options.
public struct ExecutorChoice: Sendable {
    /// "local" or "slurm"; nil = `$REPRO_EXECUTOR`, then `[executor] type`, then "local".
    public var name: String?
    /// Keys overriding the manifest's `[executor]` table (see `SlurmOptions.keys`).
    public var overrides: [String: ParameterValue]

    public static let names = ["local", "slurm"]

    /// Problems of a merged `[executor]` table (its `type` and every Slurm key), whatever the
    /// executor, for `StageRegistry.executorChecks`.
    @Sendable public static func problems(in table: [String: ParameterValue]) -> [(key: String, message: String)] {
        var out: [(key: String, message: String)] = []
        if let t = table["type"], !(t.stringValue.map(names.contains) ?? false) {
            out.append(("type", "unknown executor \(t); allowed: \(names.joined(separator: ", "))"))
        }
        return out + SlurmOptions.problems(in: table)
    }

    public init(name: String? = nil, overrides: [String: ParameterValue] = [:]) {
        self.name = name
        self.overrides = overrides
    }

    /// The executor's name after the fallbacks; throws on an unknown name.
    public func resolvedName(table: [String: ParameterValue],
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let env = environment["REPRO_EXECUTOR"].flatMap { $0.isEmpty ? nil : $0 }
        let chosen = name ?? env ?? table["type"]?.stringValue ?? "local"
        guard Self.names.contains(chosen) else {
            throw SlurmError("executor: unknown executor '\(chosen)'; allowed: \(Self.names.joined(separator: ", "))")
        }
        return chosen
    }

    /// Builds the executor for a loaded manifest. Slurm workers run
    /// `<worker> run-task --profile P --manifest M --cache C --key K`; `worker` defaults to this
    /// process's executable (override with `[executor] worker` when compute nodes see another path).
    public func make(manifest: Manifest, manifestURL: URL, cacheURL: URL, worker: String? = nil,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any Executor {
        let table = manifest.executor.merging(overrides) { _, new in new }
        guard try resolvedName(table: table, environment: environment) == "slurm" else { return LocalExecutor() }
        var command = [worker ?? Self.currentExecutable(), "run-task"]
        if let p = manifest.profile { command += ["--profile", p] }
        command += ["--manifest", manifestURL.standardizedFileURL.path, "--cache", cacheURL.standardizedFileURL.path]
        return SlurmExecutor(options: try SlurmOptions(workerCommand: command, table: table))
    }

    /// Absolute path of the running binary.
    static func currentExecutable() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return Bundle.main.executablePath ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}
