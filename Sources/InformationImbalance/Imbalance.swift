/// Δ(A→B) and Δ(B→A) of one pair of spaces (the two coordinates of the information imbalance plane).
public struct ImbalancePair: Sendable, Equatable, Codable {
    /// Δ(A→B): how well A predicts B (0 = perfectly, 1 = not at all).
    public let forward: Double
    /// Δ(B→A).
    public let backward: Double
    public init(forward: Double, backward: Double) { self.forward = forward; self.backward = backward }
}

/// The information imbalance Δ(A→B) of Eq. (12), with rank k as in DADApy:
/// Δ(A→B) = (2/(N·k·N)) Σ_i Σ_{j among the k nearest neighbours of i in A} r^B_ij, where r^B_ij is
/// the rank of j by distance from i in B (1 = nearest, self excluded). k = 1 is the paper's
/// Eq. (12), (2/N²) Σ_i r^B_{i j(i)} with j(i) the nearest neighbour of i in A (Euclidean, self
/// excluded). DADApy (sissa-data-science/DADApy, `dadapy/_utils/metric_comparisons.py`,
/// `_return_ranks` and `_return_imbalance`, used by `MetricComparisons.return_inf_imb_matrix_of_ranks`)
/// takes the ranks of neighbours 1 … k of every point and returns mean(ranks) / (N/2); it draws a
/// random rank for a neighbour beyond its `maxk` list, whereas here every rank is exact.
///
/// Ties: the nearest neighbour is the point of smallest distance with the lowest index, and the
/// rank is 1 + #{k ≠ i: d_ik < d_ij} + #{k ∉ {i, j}: d_ik = d_ij, k < j}, i.e. the position in a
/// stable argsort. With distinct distances this is exactly the argsort-based definition the
/// authors use; with ties numpy's default (unstable) quicksort order is unspecified, and the
/// stable order is the reproducible choice closest to it. For k > 1 the same order extends: the k
/// nearest neighbours of i in A are the first k points of A's stable argsort of row i (smallest
/// (d_ij, j) first), and each one's rank in B is its position in B's stable argsort. Distances are compared as squared
/// Euclidean distances (features summed in column order), never rooted: the order is the same,
/// except that √ can map two doubles one ulp apart to one value, a tie numpy would break arbitrarily.
/// Spaces are used as given: standardize them first (`standardized()`) to follow the paper.
/// To subsample, pass `subsampled(count:seed:)` of both spaces: ranks are then ranks among the
/// M chosen points, as in DADApy.
///
/// Cost: k = 1 takes O(N log N) between scalar spaces and O(N² (m_A + m_B)) otherwise; k > 1 takes
/// O(N² (m_A + m_B + 2k)) for every pair of spaces. Memory is O(N) per thread (one distance row per
/// space), never N × N.
public func informationImbalance(from a: FeatureSpace, to b: FeatureSpace, k: Int = 1, chunks: Int = defaultChunkCount) throws -> Double {
    try informationImbalances(between: a, and: b, k: k, chunks: chunks).forward
}

/// Δ(A→B) (`forward`) and Δ(B→A) (`backward`) in one pass over the points. Exact integer rank
/// sums make the result independent of `chunks` and of the thread count.
public func informationImbalances(between a: FeatureSpace, and b: FeatureSpace, k: Int = 1,
                                  chunks: Int = defaultChunkCount) throws -> ImbalancePair {
    guard a.pointCount == b.pointCount else { throw InformationImbalanceError.pointCountMismatch(first: a.pointCount, second: b.pointCount) }
    guard a.pointCount >= 2 else { throw InformationImbalanceError.tooFewPoints(count: a.pointCount) }
    guard chunks >= 1 else { throw InformationImbalanceError.invalidChunkCount(chunks) }
    try requireRank(k, points: a.pointCount)
    if k > 1 { return rowImbalances(a, b, k: k, chunks: chunks) }
    if a.featureCount == 1 && b.featureCount == 1 {
        return scalarImbalances(ScalarSpace(a.columnMajor), ScalarSpace(b.columnMajor), chunks: chunks)
    }
    if b.featureCount == 1 { return vectorScalarImbalances(a, ScalarSpace(b.columnMajor), chunks: chunks) }
    if a.featureCount == 1 {
        let p = vectorScalarImbalances(b, ScalarSpace(a.columnMajor), chunks: chunks)
        return ImbalancePair(forward: p.backward, backward: p.forward)
    }
    return rowImbalances(a, b, k: 1, chunks: chunks)
}

/// Both directions between two scalar spaces in O(N log N).
func scalarImbalances(_ a: ScalarSpace, _ b: ScalarSpace, chunks: Int) -> ImbalancePair {
    let n = a.values.count
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2)
    forEachChunk(of: n, chunks: chunks) { rows, chunk in
        var forward = 0, backward = 0
        for i in rows {
            forward &+= b.rank(of: a.nearestNeighbour(of: i), from: i)
            backward &+= a.rank(of: b.nearestNeighbour(of: i), from: i)
        }
        sums.add(forward, chunk: chunk, slot: 0)
        sums.add(backward, chunk: chunk, slot: 1)
    }
    let t = sums.totals()
    return ImbalancePair(forward: imbalance(rankSum: t[0], points: n), backward: imbalance(rankSum: t[1], points: n))
}

/// Δ(V→S) (`forward`) and Δ(S→V) between a vector space and a scalar one: only V's distance rows
/// are computed; the scalar side answers from its sorted values.
func vectorScalarImbalances(_ v: FeatureSpace, _ s: ScalarSpace, chunks: Int) -> ImbalancePair {
    let n = v.pointCount
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2)
    v.columnMajor.withUnsafeBufferPointer { xv in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            let row = UnsafeMutablePointer<Double>.allocate(capacity: n)
            defer { row.deallocate() }
            var forward = 0, backward = 0
            for i in rows {
                squaredDistances(from: i, columns: xv, points: n, features: v.featureCount, into: row)
                forward &+= s.rank(of: nearestInRow(row, of: i, points: n), from: i)
                backward &+= rankInRow(row, of: s.nearestNeighbour(of: i), from: i, points: n)
            }
            sums.add(forward, chunk: chunk, slot: 0)
            sums.add(backward, chunk: chunk, slot: 1)
        }
    }
    let t = sums.totals()
    return ImbalancePair(forward: imbalance(rankSum: t[0], points: n), backward: imbalance(rankSum: t[1], points: n))
}

/// Both directions on distance rows: per row, the k nearest of each space and their k ranks in the
/// other. Used between two vector spaces, and for k > 1 between any spaces, scalar ones included.
func rowImbalances(_ a: FeatureSpace, _ b: FeatureSpace, k: Int, chunks: Int) -> ImbalancePair {
    let n = a.pointCount
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2)
    a.columnMajor.withUnsafeBufferPointer { xa in
        b.columnMajor.withUnsafeBufferPointer { xb in
            forEachChunk(of: n, chunks: chunks) { rows, chunk in
                let ra = UnsafeMutablePointer<Double>.allocate(capacity: n)
                let rb = UnsafeMutablePointer<Double>.allocate(capacity: n)
                let nn = UnsafeMutablePointer<Int>.allocate(capacity: k)
                defer { ra.deallocate(); rb.deallocate(); nn.deallocate() }
                var forward = 0, backward = 0
                for i in rows {
                    squaredDistances(from: i, columns: xa, points: n, features: a.featureCount, into: ra)
                    squaredDistances(from: i, columns: xb, points: n, features: b.featureCount, into: rb)
                    if k == 1 {
                        forward &+= rankInRow(rb, of: nearestInRow(ra, of: i, points: n), from: i, points: n)
                        backward &+= rankInRow(ra, of: nearestInRow(rb, of: i, points: n), from: i, points: n)
                        continue
                    }
                    nearestInRow(ra, of: i, points: n, count: k, into: nn)
                    forward &+= rankSumInRow(rb, of: nn, count: k, from: i, points: n)
                    nearestInRow(rb, of: i, points: n, count: k, into: nn)
                    backward &+= rankSumInRow(ra, of: nn, count: k, from: i, points: n)
                }
                sums.add(forward, chunk: chunk, slot: 0)
                sums.add(backward, chunk: chunk, slot: 1)
            }
        }
    }
    let t = sums.totals()
    return ImbalancePair(forward: imbalance(rankSum: t[0], points: n, k: k), backward: imbalance(rankSum: t[1], points: n, k: k))
}

/// k must be in 1 … N − 1 (a point has N − 1 neighbours).
func requireRank(_ k: Int, points n: Int) throws {
    guard k >= 1 && k < n else { throw InformationImbalanceError.invalidRank(k: k, points: n) }
}
