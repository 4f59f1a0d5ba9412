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
