/// One configuration's data for regression: raw features, propensity and species per particle.
public struct RegressionConfiguration: Sendable {
    /// N_c, the number of particles.
    public let particleCount: Int
    /// M, the number of feature columns.
    public let featureCount: Int
    /// Raw features, row-major N_c × M (particle i's features at i·M ..< (i+1)·M).
    public let features: [Double]
    /// The target (dynamic propensity p_i), length N_c.
    public let propensity: [Double]
    /// Species label per particle (0 = S, 1 = M, 2 = L), length N_c.
    public let species: [Int]

    public init(features: [Double], featureCount: Int, propensity: [Double], species: [Int]) throws {
        guard featureCount > 0 else {
            throw RegressionError.invalidParameter(field: "featureCount", value: "\(featureCount)", allowed: "> 0")
        }
        guard !propensity.isEmpty else {
            throw RegressionError.invalidParameter(field: "propensity", value: "empty", allowed: "at least one particle")
        }
        guard features.count == propensity.count * featureCount else {
            throw RegressionError.invalidParameter(
                field: "features", value: "\(features.count) values",
                allowed: "propensity.count × featureCount = \(propensity.count) × \(featureCount)")
        }
        guard species.count == propensity.count else {
            throw RegressionError.invalidParameter(field: "species", value: "\(species.count) labels",
                                                   allowed: "one per particle (\(propensity.count))")
        }
        self.particleCount = propensity.count
        self.featureCount = featureCount
        self.features = features
        self.propensity = propensity
        self.species = species
    }
}
