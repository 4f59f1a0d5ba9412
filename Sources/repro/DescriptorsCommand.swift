import ArgumentParser
import Descriptors
import Foundation
import Model

struct DescriptorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "descriptors",
        abstract: "Compute the structural features of paper Sec. II B for every particle of a configuration.",
        discussion: """
        Six descriptors — local density ρ̄, area fraction φ̄, energy ū, bond order Ψ̄6, steric order Θ̄ and \
        coordination z̄ — each coarse-grained at every length in --ells (paper: 6 × 10 = 60 columns, in that \
        block order). Writes, raw (not standardised): the --out file (N × F float64 .npy), \
        <stem>.names.json (column names such as theta_bar(l=2.0)) and species.npy (int32: 0 = S, 1 = M, 2 = L) \
        in the same directory.
        """)

    @Argument(help: "Configuration in extended XYZ (as written by repro simulate).")
    var configuration: String
    @Option(help: "Output feature matrix (.npy); names and species are written beside it.")
    var out: String = "features.npy"
    // parsing: .unconditional lets negative numbers through to validate() (a plain message there).
    @Option(parsing: .unconditional, help: "Comma-separated coarse-graining lengths ℓ > 0, in column order (default: 0.5,1.0,…,5.0).")
    var ells: String?
    @Option(parsing: .unconditional, help: "Coarse-graining radius R_N; must be below half the box side (default: 20 σ_LS = 20).")
    var radius: Double?
    @Flag(help: "Use one thread (results are identical either way).")
    var serial = false

    func parsedElls() throws -> [Double] {
        guard let ells else { return StructuralDescriptors.paperElls }
        let parts = ells.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values = [Double]()
        for part in parts {
            guard let v = Double(part), v.isFinite, v > 0 else {
                throw ValidationError("--ells must be comma-separated lengths ℓ > 0, got '\(part)' in '\(ells)'")
            }
            values.append(v)
        }
        return values
    }

    func validate() throws {
        _ = try parsedElls()
        if let radius { guard radius.isFinite, radius > 0 else { throw ValidationError("--radius must be a finite R_N > 0, got \(radius)") } }
        guard out.hasSuffix(".npy") else { throw ValidationError("--out must name a .npy file, got '\(out)'") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--out must name a .npy file, but '\(out)' is a directory")
        }
    }

    func run() throws {
        let descriptors: StructuralDescriptors
        do {
            descriptors = try StructuralDescriptors(ells: parsedElls(), coarseGrainingRadius: radius)
        } catch let error as DescriptorError {
            throw ValidationError(optionMessage(error))
        }
        let c = try ExtendedXYZ.read(from: URL(fileURLWithPath: configuration))
        let result: DescriptorResult
        do { result = try descriptors.compute(c, parallel: !serial) } catch let error as DescriptorError {
            throw DescriptorsFailure(description: "\(configuration): \(optionMessage(error))")
        }
        let written = try DescriptorFiles.write(result, to: URL(fileURLWithPath: out))
        print("descriptors: \(result.particleCount) particles × \(result.featureCount) features → \(written.map(\.path).joined(separator: ", "))")
    }

    /// The error in terms of the command-line option that controls the field.
    private func optionMessage(_ error: DescriptorError) -> String {
        let option = ["ells": "--ells", "coarseGrainingRadius": "--radius"][error.field]
        return option.map { "\($0): \(error)" } ?? "\(error)"
    }
}

/// A failure once the options parsed (e.g. R_N too large for this file's box): message, exit 1.
private struct DescriptorsFailure: Error, CustomStringConvertible {
    let description: String
}
