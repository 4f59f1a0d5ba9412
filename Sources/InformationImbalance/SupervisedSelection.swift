/// The supervised selection of Sec. III B: X_d = (X^1st, …, X^dth) of Eq. (15) minimises
/// Δ(X_d → p) step by step.
public struct SupervisedSelection: Sendable, Equatable, Codable {
    /// Selected feature indices in order of selection (X^1st, X^2nd, …), d = 1 … maxD.
    public let order: [Int]
    /// Δ(X_d → target) for d = 1 … maxD (the minimised quantity).
    public let toTarget: [Double]
    /// Δ(target → X_d) for d = 1 … maxD.
    public let fromTarget: [Double]
    /// The d = maxD + 1 point: X_maxD plus one standardized Gaussian-noise feature
    /// (`forward` = Δ(X → target), `backward` = Δ(target → X)); nil without noise.
    public let withNoise: ImbalancePair?
}

extension GreedySelection {
    /// Runs the supervised selection against a scalar `target` (e.g. the propensity p, used as
    /// given: scaling a scalar does not change its ranks). `noise`, when given, is a Gaussian
    /// column drawn by the caller; it is standardized and appended after the last step.
    public func supervised(features: FeatureSpace, target: [Double], noise: [Double]? = nil) throws -> SupervisedSelection {
        let x = try prepared(features, supervised: true)
        let n = x.pointCount
        guard target.count == n else { throw InformationImbalanceError.targetLengthMismatch(points: n, target: target.count) }
        let targetSpace = try FeatureSpace(scalar: target)
        var noiseColumn: [Double]?
        if let noise {
            guard noise.count == n else { throw InformationImbalanceError.noiseLengthMismatch(points: n, noise: noise.count) }
            noiseColumn = try FeatureSpace(scalar: noise).standardized().columnMajor
        }
        let p = ScalarSpace(targetSpace.columnMajor)
        if k > 1 { return rankKSupervised(x, p, kNearestNeighbours(of: targetSpace, k: k, chunks: chunks), noise: noiseColumn) }
        let pNeighbours = (0..<n).map { p.nearestNeighbour(of: $0) }
        let distances = DistanceMatrix(zeroPoints: n)
        var remaining = Array(0..<x.featureCount)
        var order = [Int](), to = [Double](), from = [Double]()
        for _ in 1...maxD {
            // The previous winner joins X_d inside this step's pass over the rows, which also
            // gives its Δ(p → X_d).
            let sums = order.isEmpty
                ? evaluateFirstCandidates(features: x, candidates: remaining, reference: p,
                                          referenceNeighbours: pNeighbours, countFromReference: false, chunks: chunks)
                : evaluateCandidates(distances: distances, features: x, candidates: remaining, reference: p,
                                     referenceNeighbours: pNeighbours, countFromReference: false,
                                     adding: x.column(order[order.count - 1]), rankAfterAdding: true, chunks: chunks)
            if let added = sums.addedFromReference { from.append(imbalance(rankSum: added, points: n)) }
            let best = Self.firstMinimum(sums.toReference.map { imbalance(rankSum: $0, points: n) })
            let winner = remaining[best]
            // The winner's sum is that of X_d ∪ {winner}.
            order.append(winner); to.append(imbalance(rankSum: sums.toReference[best], points: n))
            remaining.removeAll { $0 == winner }
        }
        // The last winner joins X_d (its Δ(p → X_d)), then the noise column.
        let pairs = addFeaturesAndEvaluate(distances: distances, columns: [x.column(order[order.count - 1])] + (noiseColumn.map { [$0] } ?? []),
                                           reference: p, referenceNeighbours: pNeighbours, chunks: chunks)
        from.append(pairs[0].backward)
        let withNoise: ImbalancePair? = noiseColumn == nil ? nil : pairs[1]
        return SupervisedSelection(order: order, toTarget: to, fromTarget: from, withNoise: withNoise)
    }
}

extension GreedySelection {
    /// The same steps with rank k > 1: each step scores every candidate, then the winner joins X_d
    /// in a pass that also gives its Δ(p → X_d).
    func rankKSupervised(_ x: FeatureSpace, _ p: ScalarSpace, _ pNeighbours: [Int], noise: [Double]?) -> SupervisedSelection {
        let n = x.pointCount
        let distances = DistanceMatrix(zeroPoints: n)
        var remaining = Array(0..<x.featureCount)
        var order = [Int](), to = [Double](), from = [Double]()
        for _ in 1...maxD {
            let sums = evaluateCandidates(distances: distances, features: x, candidates: remaining, reference: p,
                                          referenceNeighbours: pNeighbours, k: k, countFromReference: false, chunks: chunks)
            let best = Self.firstMinimum(sums.toReference.map { imbalance(rankSum: $0, points: n, k: k) })
            let winner = remaining[best]
            order.append(winner); to.append(imbalance(rankSum: sums.toReference[best], points: n, k: k))
            remaining.removeAll { $0 == winner }
            from.append(addFeatures(distances: distances, columns: [x.column(winner)], reference: p, referenceNeighbours: pNeighbours,
                                    k: k, evaluate: true, chunks: chunks)[0].backward)
        }
        let withNoise = noise.map { addFeatures(distances: distances, columns: [$0], reference: p, referenceNeighbours: pNeighbours,
                                                k: k, evaluate: true, chunks: chunks)[0] }
        return SupervisedSelection(order: order, toTarget: to, fromTarget: from, withNoise: withNoise)
    }
}

/// Convenience for `GreedySelection(maxD:).supervised(features:target:noise:)`.
public func supervisedSelection(features: FeatureSpace, target: [Double], maxD: Int, noise: [Double]?, k: Int = 1,
                                standardize: Bool = true, chunks: Int = defaultChunkCount) throws -> SupervisedSelection {
    try GreedySelection(maxD: maxD, k: k, standardize: standardize, chunks: chunks).supervised(features: features, target: target, noise: noise)
}
