import Foundation
import PackagePlugin

/// Generates `SourceFingerprints.swift` for the target it is applied to: a hash of the sources of
/// every science module, so a cache entry records which code computed it (see Pipeline/README.md);
/// and `BuildCommit.swift`: the commit of the checkout, read from git's files (GitHead), so
/// `repro --version` and the report name it without running git.
@main
struct SourceFingerprintsPlugin: BuildToolPlugin {
    static let modules = ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics", "Descriptors",
                          "InformationImbalance", "Statistics", "Regression", "Plotting", "Reproduction"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let sources = root.appending(path: "Sources")
        let tool = try context.tool(named: "fingerprint-sources").url
        let output = context.pluginWorkDirectoryURL.appending(path: "SourceFingerprints.swift")
        let dirs = Self.modules.map { sources.appending(path: $0) }
        let inputs = dirs.flatMap { dir in
            (FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".swift") }.map { dir.appending(path: $0) }
        }
        let commit = context.pluginWorkDirectoryURL.appending(path: "BuildCommit.swift")
        return [.buildCommand(
            displayName: "Fingerprinting the sources of \(Self.modules.count) modules",
            executable: tool,
            arguments: [output.path] + zip(Self.modules, dirs).map { "\($0)=\($1.path)" },
            inputFiles: inputs, outputFiles: [output]),
                .buildCommand(displayName: "Reading the commit of the checkout", executable: tool,
                              arguments: ["--commit", commit.path, root.path],
                              inputFiles: Self.gitFiles(root: root), outputFiles: [commit])]
    }

    /// The files whose change moves HEAD's commit: `.git` (a file in a worktree), HEAD, the
    /// packed refs and the loose refs. Only paths are resolved here; GitHead reads the commit.
    static func gitFiles(root: URL) -> [URL] {
        let fm = FileManager.default
        let dotGit = root.appending(path: ".git")
        var git = dotGit
        if let line = try? String(contentsOf: dotGit, encoding: .utf8), line.hasPrefix("gitdir:") {
            let path = line.dropFirst("gitdir:".count).trimmingCharacters(in: .whitespacesAndNewlines)
            git = path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appending(path: path)
        }
        let commondir = (try? String(contentsOf: git.appending(path: "commondir"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let common = commondir.map { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : git.appending(path: $0) } ?? git
        let refs = common.appending(path: "refs/heads")
        let loose = (fm.enumerator(atPath: refs.path)?.compactMap { $0 as? String } ?? []).map { refs.appending(path: $0) }
        return ([dotGit, git.appending(path: "HEAD"), common.appending(path: "packed-refs")] + loose)
            .filter { var d: ObjCBool = false; return fm.fileExists(atPath: $0.path, isDirectory: &d) && !d.boolValue }
    }
}
