import Formats
import Foundation
import Model
import Pipeline

/// What `repro analyze` is asked (issue 27 §3), validated as a whole before anything is computed,
/// and the manifest it runs: the user's files imported by SHA-256, then the study's own stage
/// kinds (descriptors, imbalance, regression) and the analysis summary and figures.
public struct AnalysisRequest: Sendable {
    public var configurations: [String]
    /// `FILE`, `FILE:INDEX` or `FILE:NAME`, one per configuration.
    public var propensities: [String]
    public var model: String?
    public var name = "analysis"
    public var frame: Int?
    public var k = 1
    public var subsample: Int?
    public var seed: Int?
    public var maxD = 15

    public init(configurations: [String], propensities: [String]) {
        self.configurations = configurations; self.propensities = propensities
    }

    /// The global seed of every analysis (the noise feature, the random selections, the split).
    static let globalSeed: UInt64 = 20240823
    /// Names the study's own outputs use: an analysis must not overwrite them.
    public static let reservedNames: Set<String> = ["smoke", "ci", "default", "cold", "paper"]
    /// The fewest particles one analysed configuration (a half, after the split) may have.
    static let minimumParticles = 20
    /// How one configuration is analysed (docs/cli.md, "repro analyze").
    public static let splitRule = "one configuration given: its particles are split in two by a seeded draw "
        + "(half 0: ⌊N/2⌋ particles drawn uniformly, half 1: the rest); the features are computed on the whole "
        + "configuration first, and the regression trains on one half and predicts the other"

    /// One configuration and its propensity after validation.
    struct Input {
        var path: String, sha256: String, format: ConfigurationFormat, n: Int, shorterSide: Double
        var propensityPath: String, column: String, propensitySha256: String
    }

    /// The checked request: absolute paths, SHA-256s and what the manifest needs.
    public struct Validated: Sendable {
        var name: String
        var inputs: [Input]
        var model: (path: String, sha256: String, mixture: Mixture)?
        var frame: Int
        var k: Int
        var subsample: Int
        var seed: Int
        var maxD: Int
        var radius: Double
    }

    /// Every problem with the request, each naming the option, file and allowed values.
    public func validate(relativeTo directory: URL) throws -> Validated {
        var problems: [String] = []
        func absolute(_ path: String) -> String {
            (path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)).standardizedFileURL.path
        }
        if !Manifest.isValidName(name) { problems.append("--name '\(name)': \(Manifest.nameRule("analysis"))") }
        if Self.reservedNames.contains(name) {
            problems.append("--name '\(name)': the study's profile \(name) writes results/\(name)/; choose another name")
        }
        if configurations.isEmpty { problems.append("--configurations: give at least one configuration file (.xyz, .extxyz, .dump, .lammpstrj)") }
        if propensities.count != configurations.count {
            problems.append("--propensity: \(propensities.count) given for \(configurations.count) configuration(s); give one FILE:COLUMN per configuration, in the same order")
        }
        if !(1...60).contains(maxD) { problems.append("--max-d must be in 1 … 60 (the 60 features), got \(maxD)") }
        if maxD < 2 { problems.append("--max-d must be ≥ 2 (the report reads the first two selected features), got \(maxD)") }
        if k < 1 { problems.append("--k must be a whole number ≥ 1, got \(k)") }
        if let m = subsample, m < 2 { problems.append("--subsample must be a whole number of points ≥ 2, got \(m)") }
        if (subsample == nil) != (seed == nil) { problems.append("--subsample M and --seed S go together (the seed fixes which M points are drawn)") }
        if let seed, seed < 0 { problems.append("--seed must be ≥ 0, got \(seed)") }

        var model: (path: String, sha256: String, mixture: Mixture)?, speciesMap = SpeciesMap.paper
        if let m = self.model {
            let path = absolute(m)
            do {
                let file = try ModelFile.read(from: URL(fileURLWithPath: path))
                model = (path, try Store.sha256(path: path), file.mixture); speciesMap = file.speciesMap
            } catch { problems.append("--model: \(error)") }
        }
        if self.model != nil && model == nil { throw AnalysisInputError(problems: problems) }  // every configuration would fail to map

        var inputs: [Input] = []
        for (i, c) in configurations.enumerated() {
            let path = absolute(c)
            if let problem = readProblem(URL(fileURLWithPath: path)) { problems.append("--configurations \(c): cannot read file (\(problem))"); continue }
            guard let format = ConfigurationFormat(path: path) else {
                problems.append("--configurations \(c): cannot tell the format from the extension; allowed: "
                                + ConfigurationFormat.extensions.keys.sorted().map { "." + $0 }.joined(separator: ", "))
                continue
            }
            let configuration: Configuration
            do { configuration = try format.read(from: URL(fileURLWithPath: path), frame: frame, speciesMap: speciesMap) } catch {
                problems.append("--configurations \(c): \(error)" + (self.model == nil ? " (species are read with the paper's model: S, M, L or types 1, 2, 3; give --model for others)" : ""))
                continue
            }
            guard i < propensities.count else { continue }
            let argument = propensities[i]
            let p: [Double], reference: ColumnReference
            do {
                reference = try ColumnReference(parsing: argument)
                let resolved = try ColumnReference(parsing: absolute(reference.path) + columnSuffix(reference))
                p = try resolved.loadVector()
            } catch { problems.append("--propensity \(argument): \(error)"); continue }
            if p.count != configuration.count {
                problems.append("--propensity \(argument): \(p.count) values, but configuration \(c) has N = \(configuration.count) particles; "
                                + "the propensity must have one row per particle, in the configuration's order")
            }
            if let bad = p.firstIndex(where: { !$0.isFinite }) {
                problems.append("--propensity \(argument): row \(bad) holds \(p[bad]); every value must be finite")
            } else if let first = p.first, p.allSatisfy({ $0 == first }) {
                problems.append("--propensity \(argument): every value is \(first); ρ and Δ need a propensity that varies between particles (is it the right column?)")
            }
            let column = String(columnSuffix(reference).dropFirst())
            do {
                inputs.append(Input(path: path, sha256: try Store.sha256(path: path), format: format, n: configuration.count,
                                    shorterSide: min(configuration.lx, configuration.ly), propensityPath: absolute(reference.path),
                                    column: column, propensitySha256: try Store.sha256(path: absolute(reference.path))))
            } catch { problems.append("--configurations \(c): \(error)") }
        }
        if inputs.count == configurations.count, let smallest = inputs.map(\.n).min() {
            let analysed = configurations.count == 1 ? smallest / 2 : smallest
            if analysed < Self.minimumParticles {
                problems.append("--configurations: \(analysed) particles per analysed configuration\(configurations.count == 1 ? " (half of the one given)" : ""); at least \(Self.minimumParticles) are needed")
            }
            let points = subsample ?? analysed
            if let m = subsample, m > analysed { problems.append("--subsample \(m): more than the \(analysed) particles of the smallest analysed configuration") }
            if k >= points { problems.append("--k \(k): must be below the number of points, \(points)") }
            if maxD >= analysed / 2 { problems.append("--max-d \(maxD): too many features for \(analysed) particles per configuration") }
        }
        if !problems.isEmpty { throw AnalysisInputError(problems: problems) }
        let sigmaLS = model?.mixture.sigmaLS ?? Mixture.paper.sigmaLS
        let radius = min(20 * sigmaLS, 0.49 * inputs.map(\.shorterSide).min()!)
        return Validated(name: name, inputs: inputs, model: model, frame: frame ?? -1, k: k, subsample: subsample ?? 0, seed: seed ?? 0,
                         maxD: maxD, radius: radius)
    }

    private func columnSuffix(_ r: ColumnReference) -> String {
        switch r.column {
        case .all: ""
        case .index(let i): ":\(i)"
        case .name(let n): ":\(n)"
        }
    }
}

/// Bad input to `repro analyze`: every problem found, one per line.
public struct AnalysisInputError: Error, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

extension AnalysisRequest.Validated {
    /// The manifest of this analysis (TOML, the format of report/manifest.toml).
    var manifestText: String {
        // A JSON string is a TOML basic string.
        func q(_ s: String) -> String { ParameterValue.jsonQuote(s) }
        func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
        let c = inputs.count, split = c == 1
        let features = split ? "split" : "descriptors", dynamics = split ? "split" : "propensity"
        var t = """
        # Generated by `repro analyze` for the analysis '\(name)'.
        [base]
        seed = \(AnalysisRequest.globalSeed)
        configurations = \(c)
        max_d = \(maxD)

        [stage.configuration]
        kind = "analysis_configuration"
        foreach = "path"
        path = \(list(inputs.map { q($0.path) }))
        sha256 = \(list(inputs.map { q($0.sha256) }))
        format = \(list(inputs.map { q($0.format.rawValue) }))
        frame = \(frame)
        model_path = \(q(model?.path ?? ""))
        model_sha256 = \(q(model?.sha256 ?? ""))

        [stage.propensity]
        kind = "analysis_propensity"
        foreach = "path"
        path = \(list(inputs.map { q($0.propensityPath) }))
        column = \(list(inputs.map { q($0.column) }))
        sha256 = \(list(inputs.map { q($0.propensitySha256) }))

        [stage.descriptors]
        replicas = "configurations"
        inputs = { configuration = "configuration" }
        coarse_graining_radius = \(radius)

        """
        if split {
            t += """

            [stage.split]
            kind = "analysis_split"
            replicas = 2
            inputs = { descriptors = "descriptors[0]", propensity = "propensity[0]" }

            """
        }
        t += """

        [stage.imbalance]
        inputs = { descriptors = "\(features)[*]", propensity = "\(dynamics)[*]" }
        k = \(k)
        subsample = \(subsample)
        subsample_seed = \(seed)

        [stage.regression]
        inputs = { descriptors = "\(features)[*]", propensity = "\(dynamics)[*]", imbalance = "imbalance" }

        [stage.summary]
        kind = "analysis_summary"
        model = \(q(model.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "the paper's ternary model (built in)"))
        inputs = { configuration = "configuration[*]", propensity = "propensity[*]", descriptors = "\(features)[*]", imbalance = "imbalance", regression = "regression" }

        [stage.figures]
        kind = "analysis_figures"
        inputs = { regression = "regression", summary = "summary" }

        """
        return t + AnalysisRequest.expectations(maxD: maxD)
    }
}

extension AnalysisRequest {
    /// The checks that hold whatever the state point (thresholds from the definition of Δ, not
    /// from any run); the paper's value of each is shown beside it as a reference only.
    static func expectations(maxD: Int) -> String {
        var t = """

        [[expectation]]
        name = "delta-nonnegative"
        quantity = "bounds.delta_min"
        min = 0.0
        description = "smallest Δ over every per-feature, supervised and unsupervised curve (Δ ≥ 0 by definition)"

        [[expectation]]
        name = "delta-below-two"
        quantity = "bounds.delta_max"
        max = 2.0
        description = "largest Δ over the same curves: Δ = 2⟨r⟩/N with ranks r ≤ N − 1, so Δ < 2 (about 1 when one space says nothing of the other)"

        [[expectation]]
        name = "supervised-delta-decreases"
        quantity = "supervised.drop"
        min = 0.0
        description = "Δ(X_d→p) decreases from d = 1 to the largest d (Fig. 5a)"
        reference = "paper.supervised.drop"

        [[expectation]]
        name = "unsupervised-delta-falls"
        quantity = "unsupervised.decades"
        min = 0.0
        description = "decades by which Δ̄(X_full, X_d) falls from d = 1 to the largest d (Fig. 6a)"
        reference = "paper.unsupervised.decades"

        [[expectation]]
        name = "single-feature-symmetry"
        quantity = "symmetry.max_abs_difference"
        max = 0.1
        description = "max over the features of |Δ(X→p) − Δ(p→X)|: two scalars that share information do so both ways (Fig. 4b)"
        reference = "paper.symmetry.max_abs_difference"

        """
        if maxD >= 10 {
            t += """

            [[expectation]]
            name = "supervised-saturates-by-d10"
            quantity = "supervised.drop_share_by_d10"
            min = 0.8
            description = "share of the drop of Δ(X_d→p) from d = 1 to the largest d reached by d = 10 (Fig. 5a)"
            reference = "paper.supervised.drop_share_by_d10"

            """
        }
        return t
    }
}
