import Foundation

/// The leave-one-configuration-out protocol of Sec. III D: for each held-out configuration c,
/// pool the other C − 1 configurations (all particles, all species) as the training set,
/// standardize with the training mean and variance (the test set gets the same transform), choose
/// d = 1…maximumDimension features by each `SelectionMethod`, fit p̂ = wᵀX_d + w⁽⁰⁾ by OLS and score
/// ρ(p, p̂) on the held-out configuration, for all particles and per species.
///
/// The information imbalance orders arrive as plain column orders, one per configuration
/// (`orders[c]` is used when c is held out). The paper selects them on the test configuration
/// itself; the leakage-free variant is simply the caller passing orders computed on training data.
public struct LeaveOneConfigurationOut: Sendable {
    public let configurations: [RegressionConfiguration]
    /// Feature orders of the supervised information imbalance, one per configuration, or nil to skip.
    public let supervisedOrders: [[Int]]?
    /// Feature orders of the unsupervised information imbalance, one per configuration, or nil to skip.
    public let unsupervisedOrders: [[Int]]?
    /// Largest number of features d (15 in the paper); d runs over 1...maximumDimension.
    public let maximumDimension: Int
    /// Random-selection realisations per configuration and d (1000 in the paper; 0 skips the method).
    public let randomRealisations: Int
    /// Seed of the random-selection streams.
    public let seed: UInt64
    /// Number of species labels (3: S, M, L).
    public let speciesCount: Int
    /// The configuration whose per-particle p̂ at d = maximumDimension is kept for maps and scatter plots.
    public let keptConfiguration: Int
    /// Whether to run Lasso selection.
    public let runLasso: Bool
    /// Coordinate-descent tolerance of the Lasso solves.
    public let lassoTolerance: Double
    /// Bisection iterations allowed to reach exactly d non-zero Lasso weights.
    public let lassoMaximumIterations: Int
    /// Worker threads; results are bit-identical for any value.
    public let threads: Int

    /// Random feature sets per configuration and d of the paper's baseline (App. B).
    public static let paperRandomRealisations = 1000

    public init(configurations: [RegressionConfiguration], supervisedOrders: [[Int]]?, unsupervisedOrders: [[Int]]?,
                maximumDimension: Int, randomRealisations: Int = paperRandomRealisations, seed: UInt64, speciesCount: Int = 3,
                keptConfiguration: Int = 0, runLasso: Bool = true, lassoTolerance: Double = 1e-12,
                lassoMaximumIterations: Int = 100,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        let c = configurations.count
        guard c >= 2 else {
            throw RegressionError.invalidParameter(
                field: "configurations", value: "\(c)",
                allowed: "at least 2 (leave-one-configuration-out needs a configuration to train on besides the held-out one)")
        }
        let m = configurations[0].featureCount
        guard configurations.allSatisfy({ $0.featureCount == m }) else {
            throw RegressionError.invalidParameter(field: "configurations.featureCount",
                                                   value: "\(configurations.map(\.featureCount))", allowed: "the same for all")
        }
        guard maximumDimension >= 1, maximumDimension <= m else {
            throw RegressionError.invalidParameter(field: "maximumDimension", value: "\(maximumDimension)", allowed: "1...\(m)")
        }
        guard speciesCount >= 1 else {
            throw RegressionError.invalidParameter(field: "speciesCount", value: "\(speciesCount)", allowed: ">= 1")
        }
        for (index, configuration) in configurations.enumerated() {
            if let bad = configuration.species.first(where: { $0 < 0 || $0 >= speciesCount }) {
                throw RegressionError.invalidParameter(field: "configurations[\(index)].species", value: "\(bad)",
                                                       allowed: "0..<\(speciesCount)")
            }
        }
        for (field, orders) in [("supervisedOrders", supervisedOrders), ("unsupervisedOrders", unsupervisedOrders)] {
            guard let orders else { continue }
            guard orders.count == c else {
                throw RegressionError.invalidParameter(field: field, value: "\(orders.count) orders", allowed: "one per configuration (\(c))")
            }
            for (index, order) in orders.enumerated() {
                let prefix = order.prefix(maximumDimension)
                guard prefix.count == maximumDimension, prefix.allSatisfy({ $0 >= 0 && $0 < m }),
                      Set(prefix).count == maximumDimension else {
                    throw RegressionError.invalidParameter(
                        field: "\(field)[\(index)]", value: "\(order)",
                        allowed: "at least \(maximumDimension) distinct columns in 0..<\(m)")
                }
            }
        }
        guard randomRealisations >= 0 else {
            throw RegressionError.invalidParameter(field: "randomRealisations", value: "\(randomRealisations)", allowed: ">= 0")
        }
        guard keptConfiguration >= 0, keptConfiguration < c else {
            throw RegressionError.invalidParameter(field: "keptConfiguration", value: "\(keptConfiguration)", allowed: "0..<\(c)")
        }
        guard lassoTolerance > 0, lassoTolerance < 1 else {
            throw RegressionError.invalidParameter(field: "lassoTolerance", value: "\(lassoTolerance)", allowed: "0 < tolerance < 1")
        }
        guard lassoMaximumIterations >= 1 else {
            throw RegressionError.invalidParameter(field: "lassoMaximumIterations", value: "\(lassoMaximumIterations)", allowed: ">= 1")
        }
        guard threads >= 1 else {
            throw RegressionError.invalidParameter(field: "threads", value: "\(threads)", allowed: ">= 1")
        }
        self.configurations = configurations
        self.supervisedOrders = supervisedOrders
        self.unsupervisedOrders = unsupervisedOrders
        self.maximumDimension = maximumDimension
        self.randomRealisations = randomRealisations
        self.seed = seed
        self.speciesCount = speciesCount
        self.keptConfiguration = keptConfiguration
        self.runLasso = runLasso
        self.lassoTolerance = lassoTolerance
        self.lassoMaximumIterations = lassoMaximumIterations
        self.threads = threads
    }
}
