import ArgumentParser
import Foundation
import Reproduction

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

        Input: extended XYZ (.xyz, .extxyz; as written by repro simulate) or a LAMMPS text dump \
        (.dump, .lammpstrj), or as --format says. The box may be any rectangle (periodic in x and y). \
        Rows follow the file's particle order; for a LAMMPS dump they follow the atom ids in increasing \
        order, whatever order the dump lists them in.
        """)

    @Argument(help: "Configuration: extended XYZ (.xyz, .extxyz) or LAMMPS text dump (.dump, .lammpstrj).")
    var configuration: String
    @Option(help: "Input format: extxyz or lammps (default: from the file extension).")
    var format: ConfigurationFormat?
    @Option(parsing: .unconditional, help: "Frame of a multi-frame file: 0-based, negative counts from the end (default: the last, -1).")
    var frame: Int?
    @Option(help: "Species of numeric types (LAMMPS types, or numbers in the XYZ species column), e.g. 1=S,2=M,3=L (the default; with --model, the model's types and names).")
    var types: String?
    @Option(help: "Model file (TOML: species, σ_αβ, ε_αβ, potential, cutoff), e.g. models/ternary2d.toml (default: the paper's model, built in). Two species are written to species.npy as 0 and 2.")
    var model: String?
    @Option(help: "Output feature matrix (.npy); names and species are written beside it.")
    var out: String = "features.npy"
    // parsing: .unconditional lets negative numbers through to validate() (a plain message there).
    @Option(parsing: .unconditional, help: "Comma-separated coarse-graining lengths ℓ > 0, in column order, at most 100 (default: 0.5,1.0,…,5.0).")
    var ells: String?
    @Option(parsing: .unconditional, help: "Coarse-graining radius R_N; must be below half the shorter box side (default: 20 σ_LS of the model; \(DescriptorsStage.radius.doubleDefault) for the paper's, as the descriptors stage's coarse_graining_radius).")
    var radius: Double?
    @Flag(help: "Use one thread (results are identical either way).")
    var serial = false

    func parsedElls() throws -> [Double] {
        guard let ells else { return StructuralDescriptors.paperElls }
        let parts = ells.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        var values = [Double]()
        for part in parts {
            guard let v = Double(part), v.isFinite else {
                throw ValidationError("--ells must be comma-separated lengths ℓ > 0, got '\(part)' in '\(ells.count > 80 ? ells.prefix(60) + "…" : ells)'")
            }
            values.append(v)
        }
        // The manifest's checks and messages (the descriptors stage's `ells`).
        try checkField("--ells", DescriptorsStage.ells, .list(values.map { .double($0) }))
        if let problem = DescriptorsStage.tooManyElls(values.count) ?? DescriptorsStage.repeatedElls(values) {
            throw ValidationError("--ells: \(problem)")
        }
        return values
    }

    /// The descriptors the options ask for (ℓ count, distinct ℓ, R_N checked there).
    func calculator() throws -> StructuralDescriptors {
        do { return try StructuralDescriptors(mixture: modelFile()?.mixture ?? .paper, ells: parsedElls(), coarseGrainingRadius: radius) } catch let error as DescriptorError {
            throw ValidationError(optionMessage(error))
        }
    }

    /// The format asked for, else the one the extension names.
    func inputFormat() throws -> ConfigurationFormat {
        if let format { return format }
        guard let f = ConfigurationFormat(path: configuration) else {
            // A directory or missing file is the problem to name, not its extension.
            if let problem = readProblem(URL(fileURLWithPath: configuration)) { throw ValidationError("\(configuration): cannot read file (\(problem))") }
            throw ValidationError("cannot tell the format of '\(configuration)' from its extension; "
                                  + "use .xyz, .extxyz, .dump or .lammpstrj, or give --format extxyz or --format lammps")
        }
        return f
    }

    /// The --model file read, or nil for the built-in paper model.
    func modelFile() throws -> ModelFile? {
        guard let model else { return nil }
        do { return try ModelFile.read(from: URL(fileURLWithPath: model)) } catch let error as ModelError { throw ValidationError("--model: \(error)") }
    }

    /// `--types 1=S,2=M,3=L`: the model's names (default S, M, L) with these numeric types.
    func speciesMap() throws -> SpeciesMap {
        let base = try modelFile()?.speciesMap ?? .paper
        guard let types else { return base }
        var map = SpeciesMap(names: base.names, types: [:])
        let names = base.names.sorted { ($0.value.rawValue, $0.key) < ($1.value.rawValue, $1.key) }.map(\.key).joined(separator: ", ")
        for part in types.split(separator: ",", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let t = Int(pair[0]), let s = base.names[pair[1]], map.types[t] == nil else {
                throw ValidationError("--types must be distinct TYPE=SPECIES pairs with SPECIES one of \(names) (e.g. 1=\(base.names.min { $0.value.rawValue < $1.value.rawValue }!.key)), got '\(part)' in '\(types.prefix(80))'")
            }
            map.types[t] = s
        }
        return map
    }

    func validate() throws {
        _ = try inputFormat()
        _ = try speciesMap()
        if let radius { try checkField("--radius", DescriptorsStage.radius, .double(radius)) }
        _ = try calculator()
        guard out.hasSuffix(".npy") else { throw ValidationError("--out must name a .npy file, got '\(out)'") }
        let features = URL(fileURLWithPath: out), companions = DescriptorFiles.companions(of: features)
        try OutputCheck.require("--out", files: [features, companions.names, companions.species])
    }

    func run() throws {
        let descriptors = try calculator()
        let c = try inputFormat().read(from: URL(fileURLWithPath: configuration), frame: frame, speciesMap: speciesMap())
        let result: DescriptorResult
        do { result = try descriptors.compute(c, parallel: !serial) } catch let error as DescriptorError {
            throw CommandFailure("\(configuration): \(optionMessage(error))")
        }
        let written = try FileProblem.translatingErrors { try DescriptorFiles.write(result, to: URL(fileURLWithPath: out)) }
        let order = try inputFormat() == .lammps ? " (rows in atom-id order)" : ""
        print("descriptors: \(result.particleCount) particles\(order) × \(result.featureCount) features → \(written.map(\.path).joined(separator: ", "))")
    }

    /// The error in terms of the command-line option that controls the field.
    private func optionMessage(_ error: DescriptorError) -> String {
        let option = ["ells": "--ells", "coarseGrainingRadius": "--radius"][error.field]
        return option.map { "\($0): \(error)" } ?? "\(error)"
    }
}

extension ConfigurationFormat: ExpressibleByArgument {}
