/// Accuracy of the four selection methods under leave-one-configuration-out. Arrays are indexed
/// by `SelectionMethod.rawValue`, configuration, species and d − 1. NaN marks a value that does not
/// exist (method skipped, Lasso could not reach exactly d, or a species absent from a configuration).
public struct LeaveOneConfigurationOutResult: Sendable {
    /// The feature counts d = 1…maximumDimension.
    public let dimensions: [Int]
    public let configurationCount: Int
    public let speciesCount: Int
    /// ρ(p, p̂) over all particles of held-out configuration c: [method][c][d − 1].
    /// For random selection, the mean over realisations.
    public let pearsonAll: [[[Double]]]
    /// ρ(p, p̂) per species: [method][c][species][d − 1].
    public let pearsonBySpecies: [[[[Double]]]]
    /// Mean over configurations (finite values only): [method][d − 1].
    public let meanAll: [[Double]]
    /// Population standard deviation over configurations (ddof = 0, numpy's default): [method][d − 1].
    public let stdAll: [[Double]]
    /// Mean over configurations per species: [method][species][d − 1].
    public let meanBySpecies: [[[Double]]]
    /// Population standard deviation per species: [method][species][d − 1].
    public let stdBySpecies: [[[Double]]]
    /// Configurations contributing to meanAll/stdAll: [method][d − 1].
    public let contributingConfigurations: [[Int]]
    /// Lasso-selected columns for held-out configuration c: [c][d − 1], ordered by decreasing
    /// |standardized weight|; empty when exactly d non-zero weights were not reached.
    public let lassoColumns: [[[Int]]]
    /// The α of each Lasso selection: [c][d − 1]; NaN when not reached.
    public let lassoAlpha: [[Double]]
    /// The configuration whose predictions are kept.
    public let keptConfiguration: Int
    /// Per-particle p̂ of `keptConfiguration` (trained on the others) at d = maximumDimension:
    /// [method][particle]; empty for random selection and for unavailable methods.
    public let keptPredictions: [[Double]]

    /// Mean ρ over configurations of one method, by d − 1.
    public func mean(_ method: SelectionMethod) -> [Double] { meanAll[method.rawValue] }
    /// Standard deviation of ρ over configurations of one method, by d − 1.
    public func std(_ method: SelectionMethod) -> [Double] { stdAll[method.rawValue] }
}
