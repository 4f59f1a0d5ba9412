/// The greedy feature selections of Sec. III B–C, validated once (freud style) and run per configuration.
///
/// At every step each remaining feature is tried as the next one, with the previous ones kept;
/// the best is kept. Ties between candidates go to the lowest feature (column) index, as in the
/// authors' loop over features with a strict `<`.
public struct GreedySelection: Sendable {
    /// The number of features to select, d = 1 … maxD (15 in the paper).
    public let maxD: Int
    /// The paper's d range (Figs. 5–8): the selections, and the regressions on them, stop at 15.
    public static let paperMaxD = 15
    /// Rank k of Δ (`informationImbalance(from:to:k:)`); 1 in the paper. k > 1 evaluates every
    /// candidate's full distance row (RankKKernel.swift), which is slower than the pruned k = 1 kernel.
    public let k: Int
    /// Standardize every feature (population variance) before any distance is taken, as the paper does.
    public let standardize: Bool
    /// Fixed partition of rows for parallel work; results do not depend on it.
    public let chunks: Int
    /// Bytes the selection may hold (`memoryBytes`); a larger input is refused before any compute.
    public let memoryLimit: Double

    public init(maxD: Int, k: Int = 1, standardize: Bool = true, chunks: Int = defaultChunkCount,
                memoryLimit: Double = GreedySelection.defaultMemoryLimit) throws {
        guard maxD >= 1 else { throw InformationImbalanceError.invalidMaxD(maxD: maxD, featureCount: nil) }
        guard k >= 1 else { throw InformationImbalanceError.invalidRank(k: k, points: nil) }
        guard chunks >= 1 else { throw InformationImbalanceError.invalidChunkCount(chunks) }
        self.maxD = maxD; self.k = k; self.standardize = standardize; self.chunks = chunks; self.memoryLimit = memoryLimit
    }

    func prepared(_ features: FeatureSpace, supervised: Bool) throws -> FeatureSpace {
        guard features.pointCount >= 2 else { throw InformationImbalanceError.tooFewPoints(count: features.pointCount) }
        try requireRank(k, points: features.pointCount)
        guard maxD <= features.featureCount else {
            throw InformationImbalanceError.invalidMaxD(maxD: maxD, featureCount: features.featureCount)
        }
        try Self.checkMemory(points: features.pointCount, features: features.featureCount, supervised: supervised, limit: memoryLimit)
        try features.requireVaryingFeatures()
        return standardize ? features.standardized() : features
    }

    /// Index (into `candidates`) of the smallest score, the first one among equals.
    static func firstMinimum(_ scores: [Double]) -> Int {
        var best = 0
        for s in scores.indices where scores[s] < scores[best] { best = s }
        return best
    }
}
