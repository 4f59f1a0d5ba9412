// One pass over the rows of X_d's distance matrix evaluates every remaining candidate feature c:
// for each point i it finds the nearest neighbour of i in X_d ∪ {c} and, when asked, the rank in
// X_d ∪ {c} of i's nearest neighbour in a fixed reference space.
//
// Pruning (exact): adding a feature only increases distances, d_ik + δ_c(i,k)² ≥ d_ik. If T bounds
// every quantity we need for row i (each candidate's nearest distance and rank threshold), only the
// points with d_ik ≤ T can matter; they are gathered once (in index order, so ties still go to the
// lowest index) and every candidate is scanned over them, four candidates per SIMD vector.

/// Candidate features laid out point-major (`values[k * stride + s]`) and padded to whole SIMD
/// blocks by repeating the last candidate, so one point's candidate values are contiguous.
final class CandidateBlock: @unchecked Sendable {
    let n: Int, count: Int, stride: Int
    let values: UnsafeMutablePointer<Double>

    init(space: FeatureSpace, features: [Int]) {
        precondition(!features.isEmpty)
        n = space.pointCount; count = features.count; stride = (features.count + 3) / 4 * 4
        values = .allocate(capacity: n * stride)
        space.columnMajor.withUnsafeBufferPointer { x in
            for s in 0..<stride {
                let c = features[min(s, count - 1)]
                for k in 0..<n { values[k * stride + s] = x[c * n + k] }
            }
        }
    }
    deinit { values.deallocate() }
}

/// Per-candidate rank sums of one pass.
struct CandidateSums {
    /// Σ_i r^ref_{i j(i)} with j(i) the nearest neighbour in X_d ∪ {c}: gives Δ(X_d ∪ {c} → ref).
    var toReference: [Int]
    /// Σ_i r^{X_d ∪ {c}}_{i j_ref(i)}: gives Δ(ref → X_d ∪ {c}); only when requested.
    var fromReference: [Int]?
}

@inline(__always) private func load4(_ p: UnsafePointer<Double>) -> SIMD4<Double> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<Double>.self)
}

/// Number of nearest points of X_d used as seeds for the pruning bound in the supervised pass.
private let seedCount = 8

/// Evaluates every candidate of `candidates` against X_d (`distances`) and `reference`.
/// `referenceNeighbours[i]` is the nearest neighbour of i in the reference space.
func evaluateCandidates<R: ReferenceSpace>(distances: DistanceMatrix, candidates cb: CandidateBlock,
                                           reference: R, referenceNeighbours: [Int],
                                           countFromReference: Bool, chunks: Int) -> CandidateSums {
    let n = distances.n, stride = cb.stride, count = cb.count
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2 * count)
    referenceNeighbours.withUnsafeBufferPointer { jr in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            let idx = UnsafeMutablePointer<Int>.allocate(capacity: n)
            let rf = UnsafeMutablePointer<Double>.allocate(capacity: n)
            let args = UnsafeMutablePointer<Int64>.allocate(capacity: stride)
            let cnts = UnsafeMutablePointer<Int64>.allocate(capacity: stride)
            let thresholds = UnsafeMutablePointer<Double>.allocate(capacity: stride)
            defer { idx.deallocate(); rf.deallocate(); args.deallocate(); cnts.deallocate(); thresholds.deallocate() }
            var toRef = [Int](repeating: 0, count: count), fromRef = [Int](repeating: 0, count: count)
            var seeds = [Int](); seeds.reserveCapacity(seedCount + 1)
            var cacheJ = [Int](), cacheR = [Int]()
            for i in rows {
                let r = distances.row(i)
                let xi = cb.values + i * stride
                let jRef = jr[i]
                // 1. The bound T.
                var bound = -Double.infinity
                if countFromReference {
                    // Rank thresholds t_c = d_{i jRef} in X_d ∪ {c}; they also bound each nearest distance.
                    let xj = cb.values + jRef * stride
                    for s in 0..<stride {
                        let d = xi[s] - xj[s]
                        thresholds[s] = r[jRef] + d * d
                        bound = max(bound, thresholds[s])
                    }
                } else {
                    smallestEntries(r, excluding: i, points: n, into: &seeds)
                    seeds.append(jRef)
                    for s in 0..<stride {
                        var b = Double.infinity
                        for k in seeds { let d = xi[s] - cb.values[k * stride + s]; b = min(b, r[k] + d * d) }
                        bound = max(bound, b)
                    }
                }
                // 2. Gather the points that can matter, in index order.
                var m = 0, qRef = -1
                for k in 0..<n {
                    if k == jRef { qRef = m }
                    idx[m] = k; rf[m] = r[k]
                    m &+= (r[k] <= bound && k != i) ? 1 : 0
                }
                // 3. Scan every candidate block over them.
                for b in Swift.stride(from: 0, to: stride, by: 4) {
                    let xib = load4(xi + b)
                    var best = SIMD4<Double>(repeating: .infinity)
                    var arg = SIMD4<Int64>(repeating: -1)
                    @inline(__always) func value(_ q: Int) -> (SIMD4<Double>, Int) {
                        let k = idx[q]
                        let d = xib - load4(cb.values + k * stride + b)
                        return (SIMD4<Double>(repeating: rf[q]) + d * d, k)
                    }
                    @inline(__always) func keepNearest(_ v: SIMD4<Double>, _ k: Int) {
                        let closer = v .< best
                        best.replace(with: v, where: closer)
                        arg.replace(with: SIMD4<Int64>(repeating: Int64(k)), where: closer)
                    }
                    if countFromReference {
                        // r = 1 + #{d < t} over all k, + #{d = t, k < jRef}: ≤ below jRef, < above.
                        let t = load4(thresholds + b)
                        var cnt = SIMD4<Int64>(repeating: 0)
                        let one = SIMD4<Int64>(repeating: 1)
                        for q in 0..<qRef {
                            let (v, k) = value(q); keepNearest(v, k)
                            cnt.replace(with: cnt &+ one, where: v .<= t)
                        }
                        let (v, k) = value(qRef); keepNearest(v, k)
                        for q in (qRef + 1)..<m {
                            let (v, k) = value(q); keepNearest(v, k)
                            cnt.replace(with: cnt &+ one, where: v .< t)
                        }
                        UnsafeMutableRawPointer(cnts + b).storeBytes(of: cnt, as: SIMD4<Int64>.self)
                    } else {
                        for q in 0..<m { let (v, k) = value(q); keepNearest(v, k) }
                    }
                    UnsafeMutableRawPointer(args + b).storeBytes(of: arg, as: SIMD4<Int64>.self)
                }
                // 4. Ranks of the nearest neighbours in the reference (few distinct ones per row).
                cacheJ.removeAll(keepingCapacity: true); cacheR.removeAll(keepingCapacity: true)
                for s in 0..<count {
                    let j = Int(args[s])
                    let r: Int
                    if let at = cacheJ.firstIndex(of: j) { r = cacheR[at] } else {
                        r = reference.rank(of: j, from: i); cacheJ.append(j); cacheR.append(r)
                    }
                    toRef[s] &+= r
                    if countFromReference { fromRef[s] &+= 1 &+ Int(cnts[s]) }
                }
            }
            for s in 0..<count {
                sums.add(toRef[s], chunk: chunk, slot: s)
                sums.add(fromRef[s], chunk: chunk, slot: count + s)
            }
        }
    }
    let t = sums.totals()
    return CandidateSums(toReference: Array(t[0..<count]), fromReference: countFromReference ? Array(t[count...]) : nil)
}

/// The (up to) `seedCount` points k ≠ i of smallest d_ik (any order; used only for a bound).
@inline(__always)
private func smallestEntries(_ r: UnsafePointer<Double>, excluding i: Int, points n: Int, into out: inout [Int]) {
    out.removeAll(keepingCapacity: true)
    var worst = Double.infinity, worstAt = -1
    for k in 0..<n where k != i {
        if out.count < seedCount {
            out.append(k)
            if out.count == seedCount { (worst, worstAt) = largest(r, out) }
        } else if r[k] < worst {
            out[worstAt] = k
            (worst, worstAt) = largest(r, out)
        }
    }
}

@inline(__always)
private func largest(_ r: UnsafePointer<Double>, _ ks: [Int]) -> (Double, Int) {
    var v = -Double.infinity, at = 0
    for (p, k) in ks.enumerated() where r[k] > v { v = r[k]; at = p }
    return (v, at)
}

/// Adds one feature to X_d in place (d_ik += (x_i − x_k)²) and returns Δ(X_d → ref) (`forward`)
/// and Δ(ref → X_d) (`backward`) of the grown X_d.
func addFeatureAndEvaluate<R: ReferenceSpace>(distances: DistanceMatrix, column: [Double], reference: R,
                                              referenceNeighbours: [Int], chunks: Int) -> ImbalancePair {
    let n = distances.n
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2)
    column.withUnsafeBufferPointer { x in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            var forward = 0, backward = 0
            for i in rows {
                let row = distances.row(i)
                addSquaredDifferences(from: i, column: x.baseAddress!, points: n, into: row)
                forward &+= reference.rank(of: nearestInRow(row, of: i, points: n), from: i)
                backward &+= rankInRow(row, of: referenceNeighbours[i], from: i, points: n)
            }
            sums.add(forward, chunk: chunk, slot: 0)
            sums.add(backward, chunk: chunk, slot: 1)
        }
    }
    let t = sums.totals()
    return ImbalancePair(forward: imbalance(rankSum: t[0], points: n), backward: imbalance(rankSum: t[1], points: n))
}
