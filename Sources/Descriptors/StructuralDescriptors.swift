import Model

/// The 60 structural features of paper Sec. II B (6 descriptors × 10 coarse-graining lengths),
/// computed for every particle of a configuration: row i is X_Full,i of Eq. (11). Parameters are
/// validated once here; `compute` returns an immutable `DescriptorResult` holding raw
/// (unstandardised) values.
///
///     let descriptors = try StructuralDescriptors()            // the paper's settings
///     let result = try descriptors.compute(configuration)
///     result.features      // N × 60, row-major
public struct StructuralDescriptors: Sendable {
    /// The paper's coarse-graining lengths ℓ = 0.5, 1.0, …, 5.0.
    public static let paperElls: [Double] = (1...10).map { Double($0) * 0.5 }
    /// Longest ℓ list accepted: 6 columns each, and every column is a pass over all particles.
    public static let maxElls = 100
    /// The paper's R_N in units of σ_LS.
    public static let paperRadiusInSigmaLS = 20.0

    /// R_N when none is given: 20 σ_LS of `mixture` (20 for the paper's, whose σ_LS is 1).
    public static func defaultRadius(_ mixture: Mixture) -> Double { paperRadiusInSigmaLS * mixture.sigmaLS }

    /// Potential, σ_αβ tables and species.
    public let mixture: Mixture
    /// Coarse-graining lengths ℓ, in the order of the feature columns within each block.
    public let ells: [Double]
    /// R_N: particles j with r_ij < R_N enter the coarse-grained sums (paper: 20 σ_LS).
    public let coarseGrainingRadius: Double
    /// Neighbours for z, Ψ6 and Θ: r_ij < ratio · σ_αβ (paper: 1.5).
    public let neighbourCutoffRatio: Double

    /// - Parameters:
    ///   - ells: any non-empty list of finite ℓ > 0 (default: the paper's ten).
    ///   - coarseGrainingRadius: R_N > 0; `nil` means 20 σ_LS of `mixture`. It must also be
    ///     below half the shorter box side of every configuration passed to `compute`.
    ///   - neighbourCutoffRatio: > 0 (default 1.5).
    public init(mixture: Mixture = .paper, ells: [Double] = StructuralDescriptors.paperElls,
                coarseGrainingRadius: Double? = nil, neighbourCutoffRatio: Double = 1.5) throws {
        guard !ells.isEmpty else {
            throw DescriptorError.invalidParameter(field: "ells", value: "[]", allowed: "at least one coarse-graining length ℓ > 0")
        }
        if let bad = ells.first(where: { !($0 > 0 && $0.isFinite) }) {
            throw DescriptorError.invalidParameter(field: "ells", value: "\(bad)", allowed: "finite coarse-graining lengths ℓ > 0")
        }
        guard ells.count <= Self.maxElls else {
            throw DescriptorError.invalidParameter(field: "ells", value: "a list of \(ells.count) lengths",
                                                   allowed: "at most \(Self.maxElls) (the paper uses \(Self.paperElls.count)); each ℓ adds 6 feature columns")
        }
        guard Set(ells).count == ells.count else {
            let repeated = Dictionary(grouping: ells, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            throw DescriptorError.invalidParameter(field: "ells", value: "a list repeating \(repeated.prefix(5).map { "\($0)" }.joined(separator: ", "))\(repeated.count > 5 ? ", …" : "")",
                                                   allowed: "distinct coarse-graining lengths (each column name must be unique)")
        }
        let radius = coarseGrainingRadius ?? Self.defaultRadius(mixture)
        guard radius > 0, radius.isFinite else {
            throw DescriptorError.invalidParameter(field: "coarseGrainingRadius", value: "\(radius)", allowed: "a finite radius R_N > 0")
        }
        guard neighbourCutoffRatio > 0, neighbourCutoffRatio.isFinite else {
            throw DescriptorError.invalidParameter(field: "neighbourCutoffRatio", value: "\(neighbourCutoffRatio)", allowed: "a finite ratio > 0 (paper: 1.5)")
        }
        self.mixture = mixture; self.ells = ells
        self.coarseGrainingRadius = radius; self.neighbourCutoffRatio = neighbourCutoffRatio
    }

    /// Column names, in feature-matrix order.
    public var featureNames: [FeatureName] { FeatureName.all(ells: ells) }

    /// Per-particle u, z, Ψ6, Θ (no coarse graining).
    public func localDescriptors(_ c: Configuration, parallel: Bool = true) throws -> LocalDescriptors {
        try validate(c)
        return LocalDescriptors(c, mixture: mixture, neighbourCutoffRatio: neighbourCutoffRatio, parallel: parallel)
    }

    /// Every feature of every particle. `parallel` spreads particles over threads; results are
    /// bit-identical either way (each particle's sums are formed by one thread in a fixed order).
    public func compute(_ c: Configuration, parallel: Bool = true) throws -> DescriptorResult {
        let local = try localDescriptors(c, parallel: parallel)
        let grained = try coarseGrain(fields: [local.energy, local.bondOrder, local.stericOrder, local.coordination.map(Double.init)],
                                      in: c, parallel: parallel)
        // Blocks ρ̄, φ̄, then the fields in the order given above: ū, Ψ̄6, Θ̄, z̄.
        return DescriptorResult(species: c.species, local: local, ells: ells, features: grained.matrix,
                                featureNames: featureNames)
    }

    /// Coarse-grains arbitrary per-particle fields: returns, per particle, ρ̄(ℓ), φ̄(ℓ) and
    /// x̄_f(ℓ) = ρ̄⁻¹ Σ_j x_f,j e^{−r_ij/ℓ} over j with r_ij < R_N, i included.
    public func coarseGrain(fields: [[Double]], in c: Configuration, parallel: Bool = true) throws -> CoarseGrained {
        try validate(c)
        if let bad = fields.firstIndex(where: { $0.count != c.count }) {
            throw DescriptorError.invalidParameter(field: "fields[\(bad)]", value: "\(fields[bad].count) values",
                                                   allowed: "one value per particle (\(c.count))")
        }
        return CoarseGrained(fields: fields, configuration: c, mixture: mixture, ells: ells,
                             radius: coarseGrainingRadius, parallel: parallel)
    }

    private func validate(_ c: Configuration) throws {
        // L: the shorter side of the box (the only side of a square one).
        let l = min(c.lx, c.ly), side = c.isSquare ? "L" : "min(Lx, Ly)"
        guard c.lx > 0, c.ly > 0, c.lx.isFinite, c.ly.isFinite else {
            throw DescriptorError.invalidParameter(field: "boxLength", value: c.isSquare ? "\(c.lx)" : "\(c.lx) × \(c.ly)",
                                                   allowed: "finite box sides Lx, Ly > 0")
        }
        // A circle of radius R_N must not reach its own periodic image, or j would count twice.
        guard 2 * coarseGrainingRadius < l else {
            throw DescriptorError.invalidParameter(field: "coarseGrainingRadius", value: "\(coarseGrainingRadius)",
                                                   allowed: "R_N < \(side)/2 = \(l / 2) for this box")
        }
        let reach = max(mixture.cutoffRatio, neighbourCutoffRatio) * maxSigma
        guard 2 * reach < l else {
            throw DescriptorError.invalidParameter(field: "boxLength", value: "\(l)",
                                                   allowed: "\(side) > \(2 * reach) (twice the largest interaction cutoff)")
        }
        if let (i, j) = c.coincidentPair() { // their energies and bond angles would be NaN
            throw DescriptorError.invalidParameter(field: "positions", value: "particles \(i) and \(j) at the same place",
                                                   allowed: "no two particles closer than \(Configuration.coincidenceDistance)")
        }
    }

    private var maxSigma: Double {
        Species.allCases.flatMap { a in Species.allCases.map { mixture.sigma(a, $0) } }.max()!
    }
}
