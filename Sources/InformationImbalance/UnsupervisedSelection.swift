/// The unsupervised selection of Sec. III C: X_d minimises the symmetric imbalance
/// Δ̄ = [Δ(X_full → X_d) + Δ(X_d → X_full)]/√2 (Eq. (16)) step by step.
public struct UnsupervisedSelection: Sendable, Equatable, Codable {
    /// Selected feature indices in order of selection, d = 1 … maxD.
    public let order: [Int]
    /// Δ(X_full → X_d) for d = 1 … maxD.
    public let fullToSubset: [Double]
    /// Δ(X_d → X_full) for d = 1 … maxD.
    public let subsetToFull: [Double]
    /// Δ̄(X_full, X_d) for d = 1 … maxD (the minimised quantity).
    public let symmetric: [Double]
}

/// Eq. (16), in the authors' order of operations.
@inline(__always) func symmetricImbalance(_ fullToSubset: Double, _ subsetToFull: Double) -> Double {
    (fullToSubset + subsetToFull) / 2.0.squareRoot()
}

extension GreedySelection {
    /// Runs the unsupervised selection; X_full is all features of `features` (in column order).
    public func unsupervised(features: FeatureSpace) throws -> UnsupervisedSelection {
        let x = try prepared(features, supervised: false)
        let n = x.pointCount
        let full = DenseSpace(space: x, chunks: chunks)
        let distances = DistanceMatrix(zeroPoints: n)
        var remaining = Array(0..<x.featureCount)
        var order = [Int](), fullTo = [Double](), toFull = [Double](), sym = [Double]()
        let fullNeighbours = k > 1 ? kNearestNeighbours(of: x, k: k, chunks: chunks) : []
        for _ in 1...maxD {
            // The previous winner joins X_d inside this step's pass over the rows (k = 1) or in a
            // pass of its own (k > 1).
            if k > 1, let last = order.last {
                _ = addFeatures(distances: distances, columns: [x.column(last)], reference: full, referenceNeighbours: fullNeighbours,
                                k: k, evaluate: false, chunks: chunks)
            }
            let sums = k > 1
                ? evaluateCandidates(distances: distances, features: x, candidates: remaining, reference: full,
                                     referenceNeighbours: fullNeighbours, k: k, countFromReference: true, chunks: chunks)
                : order.isEmpty
                ? evaluateFirstCandidates(features: x, candidates: remaining, reference: full,
                                          referenceNeighbours: full.neighbours, countFromReference: true, chunks: chunks)
                : evaluateCandidates(distances: distances, features: x, candidates: remaining, reference: full,
                                     referenceNeighbours: full.neighbours, countFromReference: true,
                                     adding: x.column(order[order.count - 1]), chunks: chunks)
            let scores = zip(sums.fromReference!, sums.toReference).map {
                symmetricImbalance(imbalance(rankSum: $0, points: n, k: k), imbalance(rankSum: $1, points: n, k: k))
            }
            let best = Self.firstMinimum(scores)
            let winner = remaining[best]
            // The winner's two sums are those of X_d ∪ {winner}: no separate pass is needed.
            let forward = imbalance(rankSum: sums.toReference[best], points: n, k: k)
            let backward = imbalance(rankSum: sums.fromReference![best], points: n, k: k)
            order.append(winner); toFull.append(forward); fullTo.append(backward)
            sym.append(scores[best])
            remaining.removeAll { $0 == winner }
        }
        return UnsupervisedSelection(order: order, fullToSubset: fullTo, subsetToFull: toFull, symmetric: sym)
    }
}

/// Convenience for `GreedySelection(maxD:).unsupervised(features:)`.
public func unsupervisedSelection(features: FeatureSpace, maxD: Int, k: Int = 1, standardize: Bool = true,
                                  chunks: Int = defaultChunkCount) throws -> UnsupervisedSelection {
    try GreedySelection(maxD: maxD, k: k, standardize: standardize, chunks: chunks).unsupervised(features: features)
}
