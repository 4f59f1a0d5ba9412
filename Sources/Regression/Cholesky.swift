/// A Cholesky pivot L_kk² smaller than this fraction of A_kk marks the system as singular:
/// the column is (nearly) a linear combination of the previous ones.
public let choleskyPivotTolerance = 1e-10

/// Solves A u = b for symmetric positive-definite A (row-major d×d) by Cholesky factorisation
/// A = L Lᵀ. Throws `singularSystem` (naming `columns`) when a pivot fails the ratio test.
///
/// With `dropDependent`, a column failing the test is instead left out (weight 0, listed in
/// `dropped`): the solution on a maximal independent subset in column order. Its fitted values
/// equal those of a minimum-norm least-squares solver (numpy's lstsq, sklearn's
/// LinearRegression) up to the dependence tolerance, because the dropped columns lie in the span
/// of the kept ones to that accuracy.
func choleskySolve(_ a: [Double], _ b: [Double], dimension d: Int, columns: [Int], dropDependent: Bool = false,
                   dropped: inout [Int]) throws -> [Double] {
    var l = [Double](repeating: 0, count: d * d)
    var skip = [Bool](repeating: false, count: d)
    for k in 0..<d {
        var pivot = a[k * d + k]
        for p in 0..<k { pivot -= l[k * d + p] * l[k * d + p] }
        let ratio = a[k * d + k] > 0 ? pivot / a[k * d + k] : 0
        guard ratio > choleskyPivotTolerance, pivot.isFinite else {
            guard dropDependent, pivot.isFinite else { throw RegressionError.singularSystem(columns: columns, pivotRatio: ratio) }
            skip[k] = true
            dropped.append(columns[k])
            continue
        }
        let lkk = pivot.squareRoot()
        l[k * d + k] = lkk
        for i in (k + 1)..<max(d, k + 1) {
            var s = a[i * d + k]
            for p in 0..<k { s -= l[i * d + p] * l[k * d + p] }
            l[i * d + k] = s / lkk
        }
    }
    var u = b
    for i in 0..<d where skip[i] { u[i] = 0 }
    for i in 0..<d where !skip[i] { // L v = b
        var s = u[i]
        for p in 0..<i { s -= l[i * d + p] * u[p] }
        u[i] = s / l[i * d + i]
    }
    for i in stride(from: d - 1, through: 0, by: -1) where !skip[i] { // Lᵀ u = v
        var s = u[i]
        for p in (i + 1)..<max(d, i + 1) { s -= l[p * d + i] * u[p] }
        u[i] = s / l[i * d + i]
    }
    return u
}

func choleskySolve(_ a: [Double], _ b: [Double], dimension d: Int, columns: [Int]) throws -> [Double] {
    var dropped: [Int] = []
    return try choleskySolve(a, b, dimension: d, columns: columns, dropped: &dropped)
}
