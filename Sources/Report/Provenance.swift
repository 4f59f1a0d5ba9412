/// Provenance of a report: the software's version and build commit, the checkout's git commit and
/// dirty flag, toolchain, profile, seed, time per stage, machine. Collected by running git, swift and uname; rendered as a markdown section.
import Foundation
import Pipeline

public struct Provenance: Sendable, Codable {
    public var gitCommit: String?
    public var gitDirty: Bool?
    public var toolchain: String
    public var profile: String?
    public var globalSeed: UInt64
    /// Seconds per stage, from the entries' metadata.
    public var stageSeconds: [String: Double]
    public var machine: String
    public var cores: Int
    public var date: String
    /// Tasks whose cached result was computed by different code than this build's (their kind's
    /// code fingerprint moved while its version did not).
    public var codeChanged: [String] = []
    /// The tool's name and version, and the commit its binary was built from (set by the caller,
    /// which knows them; nil renders no row).
    public var software: String?
    public var buildCommit: String?

    public init(gitCommit: String?, gitDirty: Bool?, toolchain: String, profile: String?, globalSeed: UInt64,
                stageSeconds: [String: Double], machine: String, cores: Int, date: String) {
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.toolchain = toolchain
        self.profile = profile
        self.globalSeed = globalSeed
        self.stageSeconds = stageSeconds
        self.machine = machine
        self.cores = cores
        self.date = date
    }

    /// Collects provenance for the repository at `repository`.
    public static func collect(repository: URL, profile: String?, globalSeed: UInt64, stageSeconds: [String: Double]) -> Provenance {
        let commit = run(["git", "-C", repository.path, "rev-parse", "HEAD"])
        let dirty = run(["git", "-C", repository.path, "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty }
        return Provenance(gitCommit: commit, gitDirty: commit == nil ? nil : dirty, toolchain: Toolchain.version, profile: profile,
                          globalSeed: globalSeed, stageSeconds: stageSeconds, machine: run(["uname", "-srvmo"]) ?? "unknown",
                          cores: ProcessInfo.processInfo.activeProcessorCount, date: ISO8601DateFormatter().string(from: Date()))
    }

    /// A "## Provenance" section.
    public var markdown: String {
        let e = ReportText.escape
        var lines: [String] = ["## Provenance", "",
                     "| | |", "|---|---|",
                     software.map { "| Software | \(e($0))\(buildCommit.map { ", built from commit `\(e($0))`" } ?? "") |" },
                     "| Commit | \(gitCommit.map { "`\($0)`" } ?? "unknown")\(gitDirty == true ? " (working tree dirty)" : "") |",
                     "| Toolchain | \(e(toolchain)) |",
                     "| Profile | \(e(profile ?? "base")) |",
                     "| Global seed | \(globalSeed) (each task's seed derives from it and the task id) |",
                     "| Machine | \(e(machine)), \(cores) cores |",
                     "| Built | \(e(date)) |", ""].compactMap { $0 }
        if !codeChanged.isEmpty {
            lines += ["**Code changed since these results** (version unchanged; `repro report --rerun STAGE` recomputes a stage): "
                      + codeChanged.map(e).joined(separator: ", "), ""]
        }
        if !stageSeconds.isEmpty {
            lines += ["| Stage | Compute time (s) |", "|---|---:|"]
            for s in stageSeconds.keys.sorted() { lines.append(String(format: "| %@ | %.1f |", e(s), stageSeconds[s]!)) }
            lines.append(String(format: "| total | %.1f |", stageSeconds.values.reduce(0, +)))
        }
        return lines.joined(separator: "\n")
    }

    /// Output of a command (trimmed), or nil if it failed.
    static func run(_ args: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = Pipe()
        guard (try? p.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
