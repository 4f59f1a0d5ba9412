import ArgumentParser
import Descriptors
import Formats
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
    @Option(parsing: .unconditional, help: "Comma-separated coarse-graining lengths ℓ > 0, in column order, at most 100 (default: 0.5,1.0,…,5.0).")
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
                throw ValidationError("--ells must be comma-separated lengths ℓ > 0, got '\(part)' in '\(ells.count > 80 ? ells.prefix(60) + "…" : ells)'")
            }
            values.append(v)
        }
        return values
    }

    /// The descriptors the options ask for (ℓ count, distinct ℓ, R_N checked there).
    func calculator() throws -> StructuralDescriptors {
        do { return try StructuralDescriptors(ells: parsedElls(), coarseGrainingRadius: radius) } catch let error as DescriptorError {
            throw ValidationError(optionMessage(error))
        }
    }

    func validate() throws {
        if let radius { guard radius.isFinite, radius > 0 else { throw ValidationError("--radius must be a finite R_N > 0, got \(radius)") } }
        _ = try calculator()
        guard out.hasSuffix(".npy") else { throw ValidationError("--out must name a .npy file, got '\(out)'") }
        let features = URL(fileURLWithPath: out), companions = DescriptorFiles.companions(of: features)
        try OutputCheck.require("--out", files: [features, companions.names, companions.species])
    }

    func run() throws {
        let descriptors = try calculator()
        let c = try ExtendedXYZ.read(from: URL(fileURLWithPath: configuration))
        let result: DescriptorResult
        do { result = try descriptors.compute(c, parallel: !serial) } catch let error as DescriptorError {
            throw CommandFailure("\(configuration): \(optionMessage(error))")
        }
        let written = try FileProblem.translatingErrors { try DescriptorFiles.write(result, to: URL(fileURLWithPath: out)) }
        print("descriptors: \(result.particleCount) particles × \(result.featureCount) features → \(written.map(\.path).joined(separator: ", "))")
    }

    /// The error in terms of the command-line option that controls the field.
    private func optionMessage(_ error: DescriptorError) -> String {
        let option = ["ells": "--ells", "coarseGrainingRadius": "--radius"][error.field]
        return option.map { "\($0): \(error)" } ?? "\(error)"
    }
}
