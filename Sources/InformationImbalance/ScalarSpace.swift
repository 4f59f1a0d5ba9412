/// A one-feature space sorted once, so that nearest neighbours and ranks are found in O(log N)
/// instead of O(N). The squared distance is computed exactly as in the vector code,
/// (x_i − x_k)², so both paths order points identically, ties included.
struct ScalarSpace: Sendable {
    let values: [Double]
    /// Point indices sorted by (value, index).
    let order: [Int]
    /// position[i]: where point i sits in `order`.
    let position: [Int]
    /// values in sorted order.
    let sorted: [Double]

    init(_ values: [Double]) {
        self.values = values
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var position = [Int](repeating: 0, count: values.count)
        for (p, i) in order.enumerated() { position[i] = p }
        self.order = order
        self.position = position
        self.sorted = order.map { values[$0] }
    }

    @inline(__always) private func sq(_ vi: Double, _ q: Int) -> Double {
        let d = vi - sorted[q]
        return d * d
    }

    /// j(i) with the lowest index among equidistant points. Distances grow monotonically away
    /// from i's sorted position on each side, so the nearest points are adjacent runs.
    func nearestNeighbour(of i: Int) -> Int {
        let n = sorted.count, p = position[i], vi = values[i]
        let left = p > 0 ? sq(vi, p - 1) : .infinity
        let right = p + 1 < n ? sq(vi, p + 1) : .infinity
        let t = min(left, right)
        var best = Int.max
        var q = p - 1
        while q >= 0 && sq(vi, q) == t { best = min(best, order[q]); q -= 1 }
        q = p + 1
        while q < n && sq(vi, q) == t { best = min(best, order[q]); q += 1 }
        return best
    }

    /// r_ij with the stable-argsort tie rule (see `rank(in:of:from:points:)`).
    func rank(of j: Int, from i: Int) -> Int {
        let n = sorted.count, p = position[i], vi = values[i]
        let t: Double = { let d = vi - values[j]; return d * d }()
        // Right of p squared distances are non-decreasing: first q with sq ≥ t.
        var lo = p + 1, hi = n
        while lo < hi { let mid = (lo + hi) / 2; if sq(vi, mid) >= t { hi = mid } else { lo = mid + 1 } }
        var count = lo - (p + 1)
        var q = lo
        while q < n && sq(vi, q) == t { if order[q] < j { count += 1 }; q += 1 }
        // Left of p they are non-increasing in q: first q with sq < t.
        lo = 0; hi = p
        while lo < hi { let mid = (lo + hi) / 2; if sq(vi, mid) < t { hi = mid } else { lo = mid + 1 } }
        count += p - lo
        q = lo - 1
        while q >= 0 && sq(vi, q) == t { if order[q] < j { count += 1 }; q -= 1 }
        return 1 + count
    }
}
