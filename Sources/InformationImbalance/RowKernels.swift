// The two primitives of Eq. (12) on one row of squared distances d_i· (self included, d_ii = 0):
// the nearest neighbour j(i) and the rank r_ij. Squared distances give the same order as
// distances (the square root is monotone), so no square root is ever taken.
//
// Tie rule (documented in `informationImbalance(from:to:)`): among equal distances the lower
// point index comes first, i.e. the order of a stable argsort.

/// Squared Euclidean distances from point `i` to every point of a column-major space, summing
/// features in column order: d_ik = ((0 + δ_0²) + δ_1²) + …, with δ_c = x_ic − x_kc.
@inline(__always)
func squaredDistances(from i: Int, columns x: UnsafeBufferPointer<Double>, points n: Int, features m: Int,
                      into row: UnsafeMutablePointer<Double>) {
    row.update(repeating: 0, count: n)
    for c in 0..<m { addSquaredDifferences(from: i, column: x.baseAddress! + c * n, points: n, into: row) }
}

/// row[k] += (x_i − x_k)² for one feature column.
@inline(__always)
func addSquaredDifferences(from i: Int, column x: UnsafePointer<Double>, points n: Int, into row: UnsafeMutablePointer<Double>) {
    let xi = x[i]
    for k in 0..<n {
        let d = xi - x[k]
        row[k] = row[k] + d * d
    }
}

/// Eight row entries at once (the SIMD width of the row scans).
typealias RowLanes = SIMD8<Double>

@inline(__always) func rowLanes(_ p: UnsafePointer<Double>) -> RowLanes {
    UnsafeRawPointer(p).loadUnaligned(as: RowLanes.self)
}

/// The smallest of row[lo ..< hi] (+∞ when empty).
@inline(__always)
func minimumInRow(_ row: UnsafePointer<Double>, _ lo: Int, _ hi: Int) -> Double {
    var k = lo
    var acc = RowLanes(repeating: .infinity)
    while k + 8 <= hi { acc = pointwiseMin(acc, rowLanes(row + k)); k += 8 }
    var m = acc.min()
    while k < hi { m = min(m, row[k]); k += 1 }
    return m
}

/// #{k ∈ lo ..< hi : row[k] < t} (or ≤ t with `orEqual`).
@inline(__always)
func countBelow(_ row: UnsafePointer<Double>, _ lo: Int, _ hi: Int, _ t: Double, orEqual: Bool) -> Int {
    var k = lo
    var acc = SIMD8<Int64>(repeating: 0)
    let tv = RowLanes(repeating: t)
    if orEqual {
        while k + 8 <= hi { acc &-= unsafeBitCast(rowLanes(row + k) .<= tv, to: SIMD8<Int64>.self); k += 8 }
    } else {
        while k + 8 <= hi { acc &-= unsafeBitCast(rowLanes(row + k) .< tv, to: SIMD8<Int64>.self); k += 8 }
    }
    var c = Int(acc.wrappedSum())
    while k < hi { c &+= (orEqual ? row[k] <= t : row[k] < t) ? 1 : 0; k += 1 }
    return c
}

/// j(i): the point k ≠ i of smallest squared distance, the lowest index among equals.
@inline(__always)
func nearestInRow(_ row: UnsafePointer<Double>, of i: Int, points n: Int) -> Int {
    let best = min(minimumInRow(row, 0, i), minimumInRow(row, i + 1, n))
    var k = 0
    while k < n && (k == i || row[k] != best) { k += 1 }
    return k
}

/// r_ij: 1 + #{k ≠ i : d_ik < d_ij} + #{k ∉ {i, j} : d_ik = d_ij, k < j} (stable-argsort rank, self excluded).
@inline(__always)
func rankInRow(_ row: UnsafePointer<Double>, of j: Int, from i: Int, points n: Int) -> Int {
    let t = row[j]
    var count = countBelow(row, 0, j, t, orEqual: true) &+ countBelow(row, j + 1, n, t, orEqual: false)
    // Remove the self term d_ii = 0 if it was counted.
    if i < j || row[i] < t { count &-= 1 }
    return 1 + count
}

/// Δ from an integer rank sum: (2/N²) Σ_i r_ij(i), rounded once.
@inline(__always)
func imbalance(rankSum: Int, points n: Int) -> Double {
    Double(2 * rankSum) / (Double(n) * Double(n))
}

/// The k points k' ≠ i of smallest (d_ik', k'), nearest first, into `out[0 ..< k]`: the first k
/// entries of a stable argsort of the row (self excluded). For k = 1 this is `nearestInRow`.
/// Blocks of 8 entries none of which reaches the current k-th distance are skipped whole.
@inline(__always)
func nearestInRow(_ row: UnsafePointer<Double>, of i: Int, points n: Int, count k: Int, into out: UnsafeMutablePointer<Int>) {
    var filled = 0
    var worst = Double.infinity
    var k0 = 0
    while k0 < n {
        let k1 = min(n, k0 + 8)
        if filled < k || k1 - k0 < 8 || any(rowLanes(row + k0) .< RowLanes(repeating: worst)) {
            for q in k0..<k1 where q != i {
                let d = row[q]
                // Equal distances keep index order: a later q goes after its equals.
                if filled == k && d >= worst { continue }
                var at = min(filled, k - 1)
                while at > 0 && row[out[at - 1]] > d { out[at] = out[at - 1]; at -= 1 }
                out[at] = q
                if filled < k { filled += 1 }
                if filled == k { worst = row[out[k - 1]] }
            }
        }
        k0 = k1
    }
}

/// Σ over `count` points `js` of r_ij (`rankInRow`).
@inline(__always)
func rankSumInRow(_ row: UnsafePointer<Double>, of js: UnsafePointer<Int>, count k: Int, from i: Int, points n: Int) -> Int {
    var sum = 0
    for q in 0..<k { sum &+= rankInRow(row, of: js[q], from: i, points: n) }
    return sum
}

/// Δ from an integer rank sum over k neighbours per point: (2/(N·k·N)) Σ_i Σ_j r_ij, rounded once.
/// For k = 1 the same operations as `imbalance(rankSum:points:)`.
@inline(__always)
func imbalance(rankSum: Int, points n: Int, k: Int) -> Double {
    k == 1 ? imbalance(rankSum: rankSum, points: n) : Double(2 * rankSum) / (Double(n) * Double(k) * Double(n))
}
