/// Δ(A→B) and Δ(B→A) of one pair of spaces (the two coordinates of the information imbalance plane).
public struct ImbalancePair: Sendable, Equatable, Codable {
    /// Δ(A→B): how well A predicts B (0 = perfectly, 1 = not at all).
    public let forward: Double
    /// Δ(B→A).
    public let backward: Double
    public init(forward: Double, backward: Double) { self.forward = forward; self.backward = backward }
}

/// The information imbalance Δ(A→B) of Eq. (12) with k = 1:
/// Δ(A→B) = (2/N²) Σ_i r^B_{i j(i)}, where j(i) is the nearest neighbour of i in A (Euclidean, self
/// excluded) and r^B_{ij} the rank of j by distance from i in B (1 = nearest, self excluded).
///
/// Ties: the nearest neighbour is the point of smallest distance with the lowest index, and the
/// rank is 1 + #{k ≠ i: d_ik < d_ij} + #{k ∉ {i, j}: d_ik = d_ij, k < j}, i.e. the position in a
/// stable argsort. With distinct distances this is exactly the argsort-based definition the
/// authors use; with ties numpy's default (unstable) quicksort order is unspecified, and the
/// stable order is the reproducible choice closest to it. Distances are compared as squared
/// Euclidean distances (features summed in column order), never rooted: the order is the same,
/// except that √ can map two doubles one ulp apart to one value, a tie numpy would break arbitrarily.
/// Spaces are used as given: standardize them first (`standardized()`) to follow the paper.
public func informationImbalance(from a: FeatureSpace, to b: FeatureSpace, chunks: Int = defaultChunkCount) throws -> Double {
    try informationImbalances(between: a, and: b, chunks: chunks).forward
}

/// Δ(A→B) (`forward`) and Δ(B→A) (`backward`) in one pass over the points. Exact integer rank
/// sums make the result independent of `chunks` and of the thread count.
public func informationImbalances(between a: FeatureSpace, and b: FeatureSpace, chunks: Int = defaultChunkCount) throws -> ImbalancePair {
    guard a.pointCount == b.pointCount else { throw InformationImbalanceError.pointCountMismatch(first: a.pointCount, second: b.pointCount) }
    guard a.pointCount >= 2 else { throw InformationImbalanceError.tooFewPoints(count: a.pointCount) }
    guard chunks >= 1 else { throw InformationImbalanceError.invalidChunkCount(chunks) }
    let n = a.pointCount
    if a.featureCount == 1 && b.featureCount == 1 {
        return scalarImbalances(ScalarSpace(a.columnMajor), ScalarSpace(b.columnMajor), chunks: chunks)
    }
    if b.featureCount == 1 { return vectorScalarImbalances(a, ScalarSpace(b.columnMajor), chunks: chunks) }
    if a.featureCount == 1 {
        let p = vectorScalarImbalances(b, ScalarSpace(a.columnMajor), chunks: chunks)
        return ImbalancePair(forward: p.backward, backward: p.forward)
    }
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2)
    a.columnMajor.withUnsafeBufferPointer { xa in
        b.columnMajor.withUnsafeBufferPointer { xb in
            forEachChunk(of: n, chunks: chunks) { rows, chunk in
                let ra = UnsafeMutablePointer<Double>.allocate(capacity: n)
                let rb = UnsafeMutablePointer<Double>.allocate(capacity: n)
                defer { ra.deallocate(); rb.deallocate() }
                var forward = 0, backward = 0
                for i in rows {
                    squaredDistances(from: i, columns: xa, points: n, features: a.featureCount, into: ra)
                    squaredDistances(from: i, columns: xb, points: n, features: b.featureCount, into: rb)
                    forward &+= rankInRow(rb, of: nearestInRow(ra, of: i, points: n), from: i, points: n)
                    backward &+= rankInRow(ra, of: nearestInRow(rb, of: i, points: n), from: i, points: n)
                }
                sums.add(forward, chunk: chunk, slot: 0)
                sums.add(backward, chunk: chunk, slot: 1)
            }
        }
    }
    let t = sums.totals()
    return ImbalancePair(forward: imbalance(rankSum: t[0], points: n), backward: imbalance(rankSum: t[1], points: n))
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
