/// A Cholesky pivot L_kk² smaller than this fraction of A_kk marks the system as singular:
/// the column is (nearly) a linear combination of the previous ones.
public let choleskyPivotTolerance = 1e-10

/// Solves A u = b for symmetric positive-definite A (row-major d×d) by Cholesky factorisation
/// A = L Lᵀ. Throws `singularSystem` (naming `columns`) when a pivot fails the ratio test.
func choleskySolve(_ a: [Double], _ b: [Double], dimension d: Int, columns: [Int]) throws -> [Double] {
    var l = [Double](repeating: 0, count: d * d)
    for k in 0..<d {
        var pivot = a[k * d + k]
        for p in 0..<k { pivot -= l[k * d + p] * l[k * d + p] }
        let ratio = a[k * d + k] > 0 ? pivot / a[k * d + k] : 0
        guard ratio > choleskyPivotTolerance, pivot.isFinite else {
            throw RegressionError.singularSystem(columns: columns, pivotRatio: ratio)
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
    for i in 0..<d { // L v = b
        var s = u[i]
        for p in 0..<i { s -= l[i * d + p] * u[p] }
        u[i] = s / l[i * d + i]
    }
    for i in stride(from: d - 1, through: 0, by: -1) { // Lᵀ u = v
        var s = u[i]
        for p in (i + 1)..<max(d, i + 1) { s -= l[p * d + i] * u[p] }
        u[i] = s / l[i * d + i]
    }
    return u
}
