import InformationImbalance
import Randomness

// A deliberately slow reference, written like the authors' numpy code: full Euclidean distance
// matrices, a stable argsort of every row, the nearest neighbour at position 1 (position 0 is
// the point itself) and the rank as the position of j in the other space's argsort.
enum SlowReference {
    /// Full matrix of Euclidean distances, squared differences summed in column order then rooted
    /// like scipy's `pdist`. `root: false` keeps the squared distances: the engine's documented
    /// order, which refines the rooted one where √ maps two neighbouring doubles to one (a tie that
    /// numpy's unstable argsort would break arbitrarily). Only exactly tied data can tell them apart.
    static func distanceMatrix(_ x: FeatureSpace, root: Bool = true) -> [[Double]] {
        let n = x.pointCount
        var d = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for k in 0..<n {
                var s = 0.0
                for c in 0..<x.featureCount {
                    let diff = x[point: i, feature: c] - x[point: k, feature: c]
                    s = s + diff * diff
                }
                d[i][k] = root ? s.squareRoot() : s
            }
        }
        return d
    }

    /// Stable argsort of a row, with the point itself moved to the front (self excluded from ranks).
    static func argsort(_ row: [Double], selfIndex i: Int) -> [Int] {
        let others = row.indices.filter { $0 != i }.sorted { row[$0] < row[$1] || (row[$0] == row[$1] && $0 < $1) }
        return [i] + others
    }

    /// Δ(A→B) from distance matrices, exactly as Eq. (12) with DADApy's rank k:
    /// (2/(N·k·N)) Σ_i Σ_{q = 1…k} position of argsort_A(i)[q] in argsort_B(i).
    static func imbalance(from da: [[Double]], to db: [[Double]], k: Int = 1) -> Double {
        let n = da.count
        var sum = 0
        for i in 0..<n {
            let orderB = argsort(db[i], selfIndex: i)
            for j in argsort(da[i], selfIndex: i)[1...k] { sum += orderB.firstIndex(of: j)! }
        }
        return k == 1 ? Double(2 * sum) / (Double(n) * Double(n)) : Double(2 * sum) / (Double(n) * Double(k) * Double(n))
    }

    static func imbalance(from a: FeatureSpace, to b: FeatureSpace, root: Bool = true, k: Int = 1) -> Double {
        imbalance(from: distanceMatrix(a, root: root), to: distanceMatrix(b, root: root), k: k)
    }

    /// The same definition without sorting, for large N in a debug build: the rank of j is the
    /// number of points that a stable argsort puts before it, (d_ik, k) < (d_ij, j), self excluded.
    static func countingImbalances(_ a: FeatureSpace, _ b: FeatureSpace) -> (forward: Double, backward: Double) {
        let n = a.pointCount
        func row(_ x: FeatureSpace, _ i: Int) -> [Double] {
            var r = [Double](repeating: 0, count: n)
            for c in 0..<x.featureCount {
                let col = x.column(c)
                for k in 0..<n { let diff = col[i] - col[k]; r[k] = r[k] + diff * diff }
            }
            return r
        }
        func nearest(_ r: [Double], _ i: Int) -> Int {
            var j = -1
            for k in 0..<n where k != i && (j < 0 || r[k] < r[j]) { j = k }
            return j
        }
        func rank(_ r: [Double], _ i: Int, _ j: Int) -> Int {
            var before = 0
            for k in 0..<n where k != i && k != j && (r[k] < r[j] || (r[k] == r[j] && k < j)) { before += 1 }
            return before + 1
        }
        var f = 0, bw = 0
        for i in 0..<n {
            let ra = row(a, i), rb = row(b, i)
            f += rank(rb, i, nearest(ra, i))
            bw += rank(ra, i, nearest(rb, i))
        }
        let norm = Double(n) * Double(n)
        return (Double(2 * f) / norm, Double(2 * bw) / norm)
    }
}

/// Deterministic random test data.
enum TestData {
    static func gaussianColumns(points n: Int, features m: Int, seed: UInt64) -> [[Double]] {
        var r = RandomStream(seed: seed, purpose: .testData, indices: [UInt64(n), UInt64(m)])
        return (0..<m).map { _ in (0..<n).map { _ in r.gaussian() } }
    }

    /// Features sharing a few latent factors (like coarse-grained descriptors at nearby lengths),
    /// plus a target depending on two of those factors.
    static func correlated(points n: Int, features m: Int, seed: UInt64) -> (features: FeatureSpace, target: [Double]) {
        var r = RandomStream(seed: seed, purpose: .testData, indices: [UInt64(n), UInt64(m), 1])
        let latent = (0..<4).map { _ in (0..<n).map { _ in r.gaussian() } }
        var columns = [[Double]]()
        for c in 0..<m {
            let a = latent[c % 4], b = latent[(c + 1) % 4], w = Double(c % 5) / 5
            columns.append((0..<n).map { i in a[i] + w * b[i] + 0.5 * r.gaussian() })
        }
        let target = (0..<n).map { i in latent[0][i] - 0.7 * latent[2][i] + 0.8 * r.gaussian() }
        return (try! FeatureSpace(columns: columns), target)
    }

    /// Small integers: many exactly tied distances.
    static func discreteColumns(points n: Int, features m: Int, levels: Int, seed: UInt64) -> [[Double]] {
        var r = RandomStream(seed: seed, purpose: .testData, indices: [UInt64(n), UInt64(m), 2])
        return (0..<m).map { _ in (0..<n).map { _ in Double(Int(r.uniform() * Double(levels))) } }
    }
}
