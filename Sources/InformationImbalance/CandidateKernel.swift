// One pass over the rows of X_d's distance matrix evaluates every remaining candidate feature c:
// for each point i it finds the nearest neighbour of i in X_d ∪ {c} and, when asked, the rank in
// X_d ∪ {c} of i's nearest neighbour in a fixed reference space.
//
// Pruning (exact): adding a feature only increases distances, d_ik + δ_c(i,k)² ≥ d_ik. For each
// candidate a limit L_c bounds what matters (its nearest distance, or its rank threshold), so only
// points with d_ik ≤ L_c are visited. The points of row i with d_ik ≤ max_c L_c are gathered once
// into buckets of increasing d_ik (index order inside a bucket); each candidate scans buckets until
// the smallest d_ik of the next bucket exceeds its limit. Ties between equal distances are resolved
// explicitly by index, so the visiting order never changes a result.

/// Per-candidate rank sums of one pass.
struct CandidateSums {
    /// Σ_i r^ref_{i j(i)} with j(i) the nearest neighbour in X_d ∪ {c}: gives Δ(X_d ∪ {c} → ref).
    var toReference: [Int]
    /// Σ_i r^{X_d ∪ {c}}_{i j_ref(i)}: gives Δ(ref → X_d ∪ {c}); only when requested.
    var fromReference: [Int]?
    /// Σ_i r^{X_d}_{i j_ref(i)} after the pending feature was added; only when requested.
    var addedFromReference: Int? = nil
}

/// Number of nearest points of X_d used as seeds for the gathering bound in the supervised pass.
private let seedCount = 8
/// Number of distance buckets per row.
private let bucketCount = 128

/// Candidates evaluated together: one SIMD vector of lanes per visited point.
private let blockWidth = 8
private typealias Lanes = SIMD8<Double>

/// Evaluates every candidate (feature indices into `x`) against X_d (`distances`) and `reference`.
/// `referenceNeighbours[i]` is the nearest neighbour of i in the reference space.
///
/// `adding`, when given, is the feature chosen at the previous step: each row first gets its
/// squared differences (d_ik += (x_i − x_k)², as `addFeature` does), so X_d grows in the same pass
/// that reads it; `rankAfterAdding` then also sums Δ(ref → X_d) of the grown X_d.
///
/// Candidates are processed in blocks of `blockWidth` SIMD lanes: each gathered point k is loaded
/// once per block, and every lane updates its own nearest neighbour (tie: lower index) and, when
/// asked, its count of points closer than the reference neighbour. All comparisons are exact
/// Double comparisons of the same sums d_ik + (x_i − x_k)² as the scalar rule.
func evaluateCandidates<R: ReferenceSpace>(distances: DistanceMatrix, features x: FeatureSpace, candidates: [Int],
                                           reference: R, referenceNeighbours: [Int],
                                           countFromReference: Bool, adding: [Double]? = nil, rankAfterAdding: Bool = false,
                                           chunks: Int) -> CandidateSums {
    let n = distances.n, count = candidates.count
    let added = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 1)
    let pending = adding ?? []
    let blocks = (count + blockWidth - 1) / blockWidth
    let stride = blocks * blockWidth
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2 * count)
    // Block-major copy, padded lanes zero: candidate s = blk * 8 + l of point k sits at
    // values[(blk * n + k) * 8 + l], so one block of one point is one aligned cache line and a
    // block's scan stays within its own n * 64 bytes.
    let raw = UnsafeMutableRawPointer.allocate(byteCount: n * stride * MemoryLayout<Double>.stride, alignment: 64)
    defer { raw.deallocate() }
    let values = raw.bindMemory(to: Double.self, capacity: n * stride)
    values.initialize(repeating: 0, count: n * stride)
    @inline(__always) func at(_ k: Int, _ s: Int) -> Int { ((s / blockWidth) * n + k) * blockWidth + s % blockWidth }
    x.columnMajor.withUnsafeBufferPointer { xs in
        for (s, c) in candidates.enumerated() { for k in 0..<n { values[at(k, s)] = xs[c * n + k] } }
    }
    @inline(__always) func lanes(_ p: UnsafeMutablePointer<Double>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }
    referenceNeighbours.withUnsafeBufferPointer { jr in pending.withUnsafeBufferPointer { pend in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            var addedSum = 0
            let bIdx = UnsafeMutablePointer<Int>.allocate(capacity: n)
            let bR = UnsafeMutablePointer<Double>.allocate(capacity: n)
            let bucketOf = UnsafeMutablePointer<Int32>.allocate(capacity: n)
            let gathered = UnsafeMutablePointer<Int>.allocate(capacity: n)
            let limits = UnsafeMutablePointer<Double>.allocate(capacity: stride)
            defer { bIdx.deallocate(); bR.deallocate(); bucketOf.deallocate(); gathered.deallocate(); limits.deallocate() }
            // Bucket b holds q in start[b] ..< start[b + 1]; the points k < jRef come first (up to split[b]).
            var start = [Int](repeating: 0, count: bucketCount + 1)
            var split = [Int](repeating: 0, count: bucketCount)
            var bucketMin = [Double](repeating: 0, count: bucketCount)
            var toRef = [Int](repeating: 0, count: count), fromRef = [Int](repeating: 0, count: count)
            var seeds = [Int](); seeds.reserveCapacity(seedCount + 1)
            var cacheJ = [Int](), cacheR = [Int]()
            for i in rows {
                let r = distances.row(i)
                let jRef = jr[i]
                if let p = pend.baseAddress {
                    addSquaredDifferences(from: i, column: p, points: n, into: r)
                    if rankAfterAdding { addedSum &+= rankInRow(r, of: jRef, from: i, points: n) }
                }
                // 1. Limits: rank thresholds t_c = d_{i jRef} in X_d ∪ {c} (which also bound each
                //    nearest distance), or nearest-distance bounds from a few seed points.
                if !countFromReference { smallestEntries(r, excluding: i, points: n, into: &seeds); seeds.append(jRef) }
                var bound = -Double.infinity
                for s in 0..<count {
                    let xi = values[at(i, s)]
                    var l: Double
                    if countFromReference {
                        let d = xi - values[at(jRef, s)]; l = r[jRef] + d * d
                    } else {
                        l = .infinity
                        for k in seeds { let d = xi - values[at(k, s)]; l = min(l, r[k] + d * d) }
                    }
                    limits[s] = l
                    bound = max(bound, l)
                }
                for s in count..<stride { limits[s] = -.infinity }
                // 2. Gather the points k ≠ i with d_ik ≤ bound (index order), then bucket them by d_ik,
                //    keeping index order inside each bucket.
                var m = 0
                let boundLanes = RowLanes(repeating: bound)
                var k0 = 0
                while k0 < n {
                    let k1 = min(n, k0 + 8)
                    // Blocks of 8 with no entry ≤ bound are skipped whole.
                    if k1 - k0 < 8 || any(rowLanes(r + k0) .<= boundLanes) {
                        for k in k0..<k1 {
                            gathered[m] = k
                            m &+= (r[k] <= bound && k != i) ? 1 : 0
                        }
                    }
                    k0 = k1
                }
                let scale = bound > 0 ? Double(bucketCount) / bound : 0
                for b in 0..<bucketCount { start[b] = 0; split[b] = 0; bucketMin[b] = .infinity }
                start[bucketCount] = 0
                for q in 0..<m {
                    let k = gathered[q], rk = r[k]
                    let b = min(bucketCount - 1, Int(rk * scale))
                    bucketOf[q] = Int32(b)
                    start[b + 1] &+= 1
                    split[b] &+= k < jRef ? 1 : 0
                    bucketMin[b] = min(bucketMin[b], rk)
                }
                for b in 0..<bucketCount { start[b + 1] += start[b]; split[b] += start[b] }
                var fill = start
                for q in 0..<m {
                    let b = Int(bucketOf[q]), k = gathered[q]
                    bIdx[fill[b]] = k; bR[fill[b]] = r[k]; fill[b] &+= 1
                }
                // 3. Each block of candidates scans buckets while they can still matter.
                cacheJ.removeAll(keepingCapacity: true); cacheR.removeAll(keepingCapacity: true)
                for blk in 0..<blocks {
                    let s0 = blk * blockWidth
                    let block = values + blk * n * blockWidth
                    let xi = lanes(block + i * blockWidth)
                    let t = lanes(limits + s0)
                    var tUp = t
                    for l in 0..<blockWidth { tUp[l] = t[l].nextUp }
                    var blockLimit = -Double.infinity
                    for l in 0..<blockWidth { blockLimit = max(blockLimit, t[l]) }
                    var best = Lanes(repeating: .infinity), arg = Lanes(repeating: .infinity)
                    var below = SIMD8<Int64>(repeating: 0)
                    @inline(__always) func visit(_ q: Int, _ thr: Lanes) {
                        let k = bIdx[q]
                        let d = xi - lanes(block + k * blockWidth)
                        let v = Lanes(repeating: bR[q]) + d * d
                        let kd = Lanes(repeating: Double(k))
                        let upd = (v .< best) .| ((v .== best) .& (kd .< arg))
                        best.replace(with: v, where: upd)
                        arg.replace(with: kd, where: upd)
                        if countFromReference { below &-= unsafeBitCast(v .< thr, to: SIMD8<Int64>.self) }
                    }
                    @inline(__always) func countOnly(_ q: Int, _ thr: Lanes) {
                        let d = xi - lanes(block + bIdx[q] * blockWidth)
                        let v = Lanes(repeating: bR[q]) + d * d
                        below &-= unsafeBitCast(v .< thr, to: SIMD8<Int64>.self)
                    }
                    // Buckets that can still hold a nearer neighbour for some lane: full update.
                    // Points of later buckets have d_ik > every lane's best, so only the counts change.
                    var b = 0
                    while b < bucketCount {
                        if start[b] < start[b + 1] {
                            if bucketMin[b] > best.max() { break }
                            // k < jRef counts on v ≤ t (v < nextUp(t)), k ≥ jRef on v < t.
                            for q in start[b]..<split[b] { visit(q, tUp) }
                            for q in split[b]..<start[b + 1] { visit(q, t) }
                        }
                        b += 1
                    }
                    if countFromReference {
                        while b < bucketCount {
                            if start[b] < start[b + 1] {
                                if bucketMin[b] > blockLimit { break }
                                for q in start[b]..<split[b] { countOnly(q, tUp) }
                                for q in split[b]..<start[b + 1] { countOnly(q, t) }
                            }
                            b += 1
                        }
                    }
                    // 4. Rank of each lane's nearest neighbour in the reference (few distinct ones per row).
                    for l in 0..<min(blockWidth, count - s0) {
                        let a = Int(arg[l])
                        let rank: Int
                        if let at = cacheJ.firstIndex(of: a) { rank = cacheR[at] } else {
                            rank = reference.rank(of: a, from: i); cacheJ.append(a); cacheR.append(rank)
                        }
                        toRef[s0 + l] &+= rank
                        if countFromReference { fromRef[s0 + l] &+= 1 &+ Int(below[l]) }
                    }
                }
            }
            for s in 0..<count {
                sums.add(toRef[s], chunk: chunk, slot: s)
                sums.add(fromRef[s], chunk: chunk, slot: count + s)
            }
            added.add(addedSum, chunk: chunk, slot: 0)
        }
    } }
    let t = sums.totals()
    return CandidateSums(toReference: Array(t[0..<count]), fromReference: countFromReference ? Array(t[count...]) : nil,
                         addedFromReference: rankAfterAdding ? added.totals()[0] : nil)
}

/// The first step (X_0 is empty, every d_ik = 0): each candidate alone is a scalar space, so
/// nearest neighbours and ranks come from its sorted values in O(log N).
func evaluateFirstCandidates<R: ReferenceSpace>(features x: FeatureSpace, candidates: [Int], reference: R,
                                                referenceNeighbours: [Int], countFromReference: Bool,
                                                chunks: Int) -> CandidateSums {
    let n = x.pointCount, count = candidates.count
    let spaces = candidates.map { ScalarSpace(x.column($0)) }
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2 * count)
    forEachChunk(of: n, chunks: chunks) { rows, chunk in
        for (s, space) in spaces.enumerated() {
            var to = 0, from = 0
            for i in rows {
                to &+= reference.rank(of: space.nearestNeighbour(of: i), from: i)
                if countFromReference { from &+= space.rank(of: referenceNeighbours[i], from: i) }
            }
            sums.add(to, chunk: chunk, slot: s)
            sums.add(from, chunk: chunk, slot: count + s)
        }
    }
    let t = sums.totals()
    return CandidateSums(toReference: Array(t[0..<count]), fromReference: countFromReference ? Array(t[count...]) : nil)
}

/// The (up to) `seedCount` points k ≠ i of smallest d_ik (any order; used only for a bound).
/// Blocks of 8 entries none of which beats the current worst seed are skipped whole.
@inline(__always)
private func smallestEntries(_ r: UnsafePointer<Double>, excluding i: Int, points n: Int, into out: inout [Int]) {
    out.removeAll(keepingCapacity: true)
    var worst = Double.infinity, worstAt = -1
    var k0 = 0
    while k0 < n {
        let k1 = min(n, k0 + 8)
        if out.count < seedCount || k1 - k0 < 8 || any(rowLanes(r + k0) .< RowLanes(repeating: worst)) {
            for k in k0..<k1 where k != i {
                if out.count < seedCount {
                    out.append(k)
                    if out.count == seedCount { (worst, worstAt) = largest(r, out) }
                } else if r[k] < worst {
                    out[worstAt] = k
                    (worst, worstAt) = largest(r, out)
                }
            }
        }
        k0 = k1
    }
}

@inline(__always)
private func largest(_ r: UnsafePointer<Double>, _ ks: [Int]) -> (Double, Int) {
    var v = -Double.infinity, at = 0
    for (p, k) in ks.enumerated() where r[k] > v { v = r[k]; at = p }
    return (v, at)
}

/// Adds features to X_d in place, one after the other (d_ik += (x_i − x_k)² per column), and
/// returns Δ(X_d → ref) (`forward`) and Δ(ref → X_d) (`backward`) after each addition.
func addFeaturesAndEvaluate<R: ReferenceSpace>(distances: DistanceMatrix, columns: [[Double]], reference: R,
                                               referenceNeighbours: [Int], chunks: Int) -> [ImbalancePair] {
    let n = distances.n, m = columns.count
    let sums = ChunkSums(chunks: effectiveChunks(n, chunks), slots: 2 * m)
    let flat = columns.flatMap { $0 }
    flat.withUnsafeBufferPointer { x in
        forEachChunk(of: n, chunks: chunks) { rows, chunk in
            var forward = [Int](repeating: 0, count: m), backward = [Int](repeating: 0, count: m)
            for i in rows {
                let row = distances.row(i)
                for c in 0..<m {
                    addSquaredDifferences(from: i, column: x.baseAddress! + c * n, points: n, into: row)
                    forward[c] &+= reference.rank(of: nearestInRow(row, of: i, points: n), from: i)
                    backward[c] &+= rankInRow(row, of: referenceNeighbours[i], from: i, points: n)
                }
            }
            for c in 0..<m {
                sums.add(forward[c], chunk: chunk, slot: 2 * c)
                sums.add(backward[c], chunk: chunk, slot: 2 * c + 1)
            }
        }
    }
    let t = sums.totals()
    return (0..<m).map { ImbalancePair(forward: imbalance(rankSum: t[2 * $0], points: n), backward: imbalance(rankSum: t[2 * $0 + 1], points: n)) }
}
