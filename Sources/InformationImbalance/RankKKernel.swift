// The greedy selections with rank k > 1. The pruned k = 1 kernel (CandidateKernel.swift) bounds
// each candidate by one nearest distance; here every candidate's row of X_d ∪ {c} is formed in
// full: per step O(N² · candidates · (1 + 2k)) time, and no memory beyond X_d's N × N distances
// (and X_full's rank table) but N × k neighbour indices.

/// The k nearest neighbours of every point of `space` (N × k, point-major, nearest first).
func kNearestNeighbours(of space: FeatureSpace, k: Int, chunks: Int) -> [Int] {
    let n = space.pointCount
    var out = [Int](repeating: 0, count: n * k)
    out.withUnsafeMutableBufferPointer { nn in
        let nn = nn.baseAddress!
        space.columnMajor.withUnsafeBufferPointer { x in
            forEachChunk(of: n, chunks: chunks) { rows, _ in
                let row = UnsafeMutablePointer<Double>.allocate(capacity: n)
                defer { row.deallocate() }
                for i in rows {
                    squaredDistances(from: i, columns: x, points: n, features: space.featureCount, into: row)
                    nearestInRow(row, of: i, points: n, count: k, into: nn + i * k)
                }
            }
        }
    }
    return out
}

/// Every candidate against X_d (`distances`) and `reference` with rank k: `toReference` sums the
/// reference ranks of the k nearest in X_d ∪ {c}; `fromReference` (when asked) sums the ranks in
/// X_d ∪ {c} of the reference's k nearest (`referenceNeighbours`, N × k).
func evaluateCandidates<R: ReferenceSpace>(distances: DistanceMatrix, features x: FeatureSpace, candidates: [Int],
                                           reference: R, referenceNeighbours: [Int], k: Int,
                                           countFromReference: Bool, chunks: Int) -> CandidateSums {
    let n = distances.n, count = candidates.count
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2 * count)
    x.columnMajor.withUnsafeBufferPointer { xs in referenceNeighbours.withUnsafeBufferPointer { jr in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            let row = UnsafeMutablePointer<Double>.allocate(capacity: n)
            let nn = UnsafeMutablePointer<Int>.allocate(capacity: k)
            defer { row.deallocate(); nn.deallocate() }
            var toRef = [Int](repeating: 0, count: count), fromRef = [Int](repeating: 0, count: count)
            for i in rows {
                let d = distances.row(i)
                for (s, c) in candidates.enumerated() {
                    row.update(from: d, count: n)
                    addSquaredDifferences(from: i, column: xs.baseAddress! + c * n, points: n, into: row)
                    nearestInRow(row, of: i, points: n, count: k, into: nn)
                    for q in 0..<k { toRef[s] &+= reference.rank(of: nn[q], from: i) }
                    if countFromReference { fromRef[s] &+= rankSumInRow(row, of: jr.baseAddress! + i * k, count: k, from: i, points: n) }
                }
            }
            for s in 0..<count {
                sums.add(toRef[s], chunk: chunk, slot: s)
                sums.add(fromRef[s], chunk: chunk, slot: count + s)
            }
        }
    } }
    let t = sums.totals()
    return CandidateSums(toReference: Array(t[0..<count]), fromReference: countFromReference ? Array(t[count...]) : nil)
}

/// Adds features to X_d in place, one after the other, and with `evaluate` returns Δ(X_d → ref)
/// (`forward`) and Δ(ref → X_d) (`backward`) with rank k after each addition (else no pairs).
func addFeatures<R: ReferenceSpace>(distances: DistanceMatrix, columns: [[Double]], reference: R,
                                    referenceNeighbours: [Int], k: Int, evaluate: Bool, chunks: Int) -> [ImbalancePair] {
    let n = distances.n, m = columns.count
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2 * m)
    let flat = columns.flatMap { $0 }
    flat.withUnsafeBufferPointer { x in referenceNeighbours.withUnsafeBufferPointer { jr in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            let nn = UnsafeMutablePointer<Int>.allocate(capacity: k)
            defer { nn.deallocate() }
            var forward = [Int](repeating: 0, count: m), backward = [Int](repeating: 0, count: m)
            for i in rows {
                let row = distances.row(i)
                for c in 0..<m {
                    addSquaredDifferences(from: i, column: x.baseAddress! + c * n, points: n, into: row)
                    guard evaluate else { continue }
                    nearestInRow(row, of: i, points: n, count: k, into: nn)
                    for q in 0..<k { forward[c] &+= reference.rank(of: nn[q], from: i) }
                    backward[c] &+= rankSumInRow(row, of: jr.baseAddress! + i * k, count: k, from: i, points: n)
                }
            }
            for c in 0..<m {
                sums.add(forward[c], chunk: chunk, slot: 2 * c)
                sums.add(backward[c], chunk: chunk, slot: 2 * c + 1)
            }
        }
    } }
    guard evaluate else { return [] }
    let t = sums.totals()
    return (0..<m).map { ImbalancePair(forward: imbalance(rankSum: t[2 * $0], points: n, k: k),
                                       backward: imbalance(rankSum: t[2 * $0 + 1], points: n, k: k)) }
}
