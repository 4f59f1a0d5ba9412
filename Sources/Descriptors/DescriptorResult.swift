import Model

/// Everything `StructuralDescriptors.compute` produces for one configuration. Raw values:
/// standardise explicitly with `standardised()` when an analysis needs it.
public struct DescriptorResult: Sendable {
    /// Species of every particle, in input order.
    public let species: [Species]
    /// Per-particle u, z, Ψ6, Θ before coarse graining.
    public let local: LocalDescriptors
    /// The coarse-graining lengths, in column order within each block.
    public let ells: [Double]
    /// Row-major N × F matrix, F = 6·|ℓ|: blocks ρ̄, φ̄, ū, Ψ̄6, Θ̄, z̄, ℓ ascending as given.
    public let features: [Double]
    /// Column descriptions, `featureNames[c]` for column c.
    public let featureNames: [FeatureName]

    public init(species: [Species], local: LocalDescriptors, ells: [Double], features: [Double], featureNames: [FeatureName]) {
        precondition(features.count == species.count * featureNames.count, "DescriptorResult: matrix size does not match N × F")
        self.species = species; self.local = local; self.ells = ells; self.features = features; self.featureNames = featureNames
    }

    public var particleCount: Int { species.count }
    public var featureCount: Int { featureNames.count }
    /// Stable column names, e.g. `theta_bar(l=2.0)`.
    public var names: [String] { featureNames.map(\.name) }

    /// Column index of a descriptor at ℓ index k (0-based into `ells`).
    public func column(_ d: Descriptor, ell k: Int) -> Int { d.rawValue * ells.count + k }

    /// One feature for every particle.
    public func values(_ d: Descriptor, ell k: Int) -> [Double] {
        let c = column(d, ell: k), f = featureCount
        return (0..<particleCount).map { features[$0 * f + c] }
    }

    /// The feature matrix with every column at zero mean and unit variance over the particles.
    public func standardised() -> [Double] {
        Standardisation.standardised(features, rows: particleCount, columns: featureCount)
    }
}
