import Randomness
@testable import Regression

/// Reproducible Gaussian data for the tests.
struct TestData {
    var stream: RandomStream

    init(_ seed: UInt64) { stream = RandomStream(seed: seed, purpose: .testData, indices: [seed]) }

    /// rows × columns row-major matrix; column j has mean `offset`·j and scale 1 + j/4, and
    /// neighbouring columns share a common component (`coupling`) so they are correlated.
    mutating func matrix(rows: Int, columns: Int, offset: Double = 1, coupling: Double = 0.5) -> [Double] {
        var x = [Double](repeating: 0, count: rows * columns)
        for i in 0..<rows {
            var previous = stream.gaussian()
            for j in 0..<columns {
                let own = stream.gaussian()
                x[i * columns + j] = offset * Double(j) + (1 + Double(j) / 4) * (own + coupling * previous)
                previous = own
            }
        }
        return x
    }

    mutating func vector(_ n: Int) -> [Double] { (0..<n).map { _ in stream.gaussian() } }

    mutating func labels(_ n: Int, count: Int = 3) -> [Int] { (0..<n).map { _ in Int(stream.next() % UInt64(count)) } }
}

/// Solves A x = b (n×n row-major) by Gaussian elimination with partial pivoting — the plain reference.
func gaussianElimination(_ a: [Double], _ b: [Double], _ n: Int) -> [Double] {
    var a = a, b = b
    for k in 0..<n {
        let p = (k..<n).max { abs(a[$0 * n + k]) < abs(a[$1 * n + k]) }!
        if p != k {
            for j in 0..<n { a.swapAt(k * n + j, p * n + j) }
            b.swapAt(k, p)
        }
        for i in (k + 1)..<max(n, k + 1) {
            let f = a[i * n + k] / a[k * n + k]
            for j in k..<n { a[i * n + j] -= f * a[k * n + j] }
            b[i] -= f * b[k]
        }
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
        var s = b[i]
        for j in (i + 1)..<max(n, i + 1) { s -= a[i * n + j] * x[j] }
        x[i] = s / a[i * n + i]
    }
    return x
}

/// Naive OLS with intercept on raw data: normal equations of [1, X_S] solved by Gaussian
/// elimination. Returns (weights on the columns, intercept).
func naiveLeastSquares(_ x: [Double], columns m: Int, target y: [Double], subset: [Int]) -> (weights: [Double], intercept: Double) {
    let d = subset.count + 1, n = y.count
    var a = [Double](repeating: 0, count: d * d), b = [Double](repeating: 0, count: d)
    for i in 0..<n {
        let row = [1.0] + subset.map { x[i * m + $0] }
        for p in 0..<d {
            b[p] += row[p] * y[i]
            for q in 0..<d { a[p * d + q] += row[p] * row[q] }
        }
    }
    let beta = gaussianElimination(a, b, d)
    return (Array(beta[1...]), beta[0])
}

/// Naive prediction Σ w_k x[subset[k]] + intercept for every row.
func naivePredict(_ x: [Double], columns m: Int, subset: [Int], weights: [Double], intercept: Double) -> [Double] {
    (0..<(x.count / m)).map { i in
        var s = intercept
        for (k, j) in subset.enumerated() { s += weights[k] * x[i * m + j] }
        return s
    }
}

func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}
