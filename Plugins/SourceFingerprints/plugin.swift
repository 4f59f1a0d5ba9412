import Foundation
import PackagePlugin

/// Generates `SourceFingerprints.swift` for the target it is applied to: a hash of the sources of
/// every science module, so a cache entry records which code computed it (see Pipeline/README.md).
@main
struct SourceFingerprintsPlugin: BuildToolPlugin {
    static let modules = ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics", "Descriptors",
                          "InformationImbalance", "Statistics", "Regression", "Plotting", "Reproduction"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let sources = context.package.directoryURL.appending(path: "Sources")
        let output = context.pluginWorkDirectoryURL.appending(path: "SourceFingerprints.swift")
        let dirs = Self.modules.map { sources.appending(path: $0) }
        let inputs = dirs.flatMap { dir in
            (FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
                .filter { $0.hasSuffix(".swift") }.map { dir.appending(path: $0) }
        }
        return [.buildCommand(
            displayName: "Fingerprinting the sources of \(Self.modules.count) modules",
            executable: try context.tool(named: "fingerprint-sources").url,
            arguments: [output.path] + zip(Self.modules, dirs).map { "\($0)=\($1.path)" },
            inputFiles: inputs, outputFiles: [output])]
    }
}
