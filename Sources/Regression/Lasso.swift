/// Lasso on a standardized training set: minimises (1/2n)‖y − ȳ − Zw‖² + α‖w‖₁ over the
/// standardized weights w (intercept ȳ unpenalised) by cyclic coordinate descent with covariance
/// updates on the Gram matrix, so a solve costs O(M²) per sweep whatever the number of rows.
/// (The paper writes the penalty as α/2 Σ|w| on an MSE with 1/2N, i.e. its α is twice this one;
/// only the selected features matter, so the convention is immaterial.)
public struct Lasso: Sendable {
    /// The standardized training set.
    public let gram: StandardizedGram
    /// Converged when a full sweep changes no weight by more than `tolerance` × max|w|.
    public let tolerance: Double
    /// Upper bound on coordinate sweeps (full and active-set) per solve.
    public let maximumSweeps: Int

    public init(gram: StandardizedGram, tolerance: Double = 1e-12, maximumSweeps: Int = 1_000_000) throws {
        guard tolerance > 0, tolerance < 1 else {
            throw RegressionError.invalidParameter(field: "tolerance", value: "\(tolerance)", allowed: "0 < tolerance < 1")
        }
        guard maximumSweeps > 0 else {
            throw RegressionError.invalidParameter(field: "maximumSweeps", value: "\(maximumSweeps)", allowed: "> 0")
        }
        self.gram = gram
        self.tolerance = tolerance
        self.maximumSweeps = maximumSweeps
    }

    /// The smallest α at which every weight is zero: max_j |g_j| = max_j |Z_jᵀ(y − ȳ)|/n.
    public var alphaMax: Double { gram.gramTarget.reduce(0) { max($0, abs($1)) } }

    /// The Lasso weights at penalty `alpha` ≥ 0, optionally warm-started from `start`.
    /// Strategy: a full sweep over all coordinates, then sweeps over the non-zero ones only until
    /// they settle, repeated until a full sweep changes nothing beyond the tolerance. Every
    /// `activeSetSolveInterval` active sweeps an active-set step moves towards the exact solution
    /// for the current signs (G_AA w_A = g_A − α s_A) as far as the signs allow; every step lowers
    /// the objective, and convergence is only ever declared by a full coordinate sweep.
    public func solve(alpha: Double, start: [Double]? = nil) throws -> LassoSolution {
        let m = gram.featureCount
        guard alpha >= 0, alpha.isFinite else {
            throw RegressionError.invalidParameter(field: "alpha", value: "\(alpha)", allowed: "finite α ≥ 0")
        }
        var w = start ?? [Double](repeating: 0, count: m)
        guard w.count == m else {
            throw RegressionError.invalidParameter(field: "start", value: "\(w.count) weights", allowed: "\(m) weights")
        }
        var sweeps = 0
        var converged = false
        gram.gram.withUnsafeBufferPointer { g in
            gram.gramTarget.withUnsafeBufferPointer { c in
                w.withUnsafeMutableBufferPointer { w in
                    var r = [Double](repeating: 0, count: m) // r = g − G w, the correlation with the residual
                    var active = [Int]()
                    r.withUnsafeMutableBufferPointer { r in
                        while sweeps < maximumSweeps {
                            residualCorrelation(g, c, w, r, m)
                            let change = sweep(over: nil, g, w, r, m, alpha)
                            sweeps += 1
                            if change <= tolerance * maxAbs(w, m) { converged = true; break }
                            active = (0..<m).filter { w[$0] != 0 }
                            var inner = 0
                            while sweeps < maximumSweeps {
                                let activeChange = active.withUnsafeBufferPointer { sweep(over: $0, g, w, r, m, alpha) }
                                sweeps += 1
                                inner += 1
                                if activeChange <= tolerance * maxAbs(w, m) { break }
                                // Ill-conditioned active sets make coordinate descent crawl: jump towards
                                // the exact solution for the current signs, then resume with a full sweep.
                                if inner % activeSetSolveInterval == 0 { activeSetStep(g, c, w, m, alpha); break }
                            }
                        }
                    }
                }
            }
        }
        guard converged else { throw RegressionError.lassoNotConverged(alpha: alpha, sweeps: sweeps) }
        return LassoSolution(alpha: alpha, weights: w, sweeps: sweeps)
    }
}

/// Active sweeps between attempts at the exact active-set solution.
let activeSetSolveInterval = 10

/// One step of the active-set method (Osborne, Presnell & Turlach 2000) on the current support
/// A = {j : w_j ≠ 0} with signs s: u = G_AA⁻¹(g_A − α s_A) minimises the objective on that orthant
/// face, so moving w_A towards u decreases the objective. The move stops where the first weight
/// would change sign (that weight becomes exactly zero); if none does, w_A = u, which is the Lasso
/// solution when the off-support conditions |r_j| ≤ α hold (the next full sweep checks them).
/// Leaves w alone when G_AA is singular.
private func activeSetStep(_ g: UnsafeBufferPointer<Double>, _ c: UnsafeBufferPointer<Double>,
                           _ w: UnsafeMutableBufferPointer<Double>, _ m: Int, _ alpha: Double) {
    let support = (0..<m).filter { w[$0] != 0 }
    guard !support.isEmpty else { return }
    let k = support.count
    var a = [Double](repeating: 0, count: k * k)
    for (p, jp) in support.enumerated() { for (q, jq) in support.enumerated() { a[p * k + q] = g[jp * m + jq] } }
    let b = support.map { c[$0] - alpha * (w[$0] > 0 ? 1 : -1) }
    guard let u = try? choleskySolve(a, b, dimension: k, columns: support) else { return }
    var t = 1.0, crossing = -1
    for (p, j) in support.enumerated() where (u[p] > 0) != (w[j] > 0) || u[p] == 0 {
        let tp = w[j] / (w[j] - u[p]) // where w_j + t(u_p − w_j) = 0, in (0, 1]
        if tp < t { t = tp; crossing = j }
    }
    for (p, j) in support.enumerated() { w[j] += t * (u[p] - w[j]) }
    if crossing >= 0 { w[crossing] = 0 }
}

/// r = c − G w.
@inline(__always)
private func residualCorrelation(_ g: UnsafeBufferPointer<Double>, _ c: UnsafeBufferPointer<Double>,
                                 _ w: UnsafeMutableBufferPointer<Double>, _ r: UnsafeMutableBufferPointer<Double>, _ m: Int) {
    for j in 0..<m { r[j] = c[j] }
    for k in 0..<m where w[k] != 0 {
        let wk = w[k]
        for j in 0..<m { r[j] -= g[k * m + j] * wk }
    }
}

/// One cyclic pass of soft-thresholded coordinate updates over `set` (all coordinates when nil),
/// keeping r = c − G w current on the coordinates it will read. Returns the largest |Δw_j|.
@inline(__always)
private func sweep(over set: UnsafeBufferPointer<Int>?, _ g: UnsafeBufferPointer<Double>,
                   _ w: UnsafeMutableBufferPointer<Double>, _ r: UnsafeMutableBufferPointer<Double>,
                   _ m: Int, _ alpha: Double) -> Double {
    var change = 0.0
    let count = set?.count ?? m
    for t in 0..<count {
        let j = set?[t] ?? t
        let gjj = g[j * m + j]
        guard gjj > 0 else { continue } // constant column: weight stays zero
        let old = w[j]
        let z = r[j] + gjj * old
        let new = z > alpha ? (z - alpha) / gjj : (z < -alpha ? (z + alpha) / gjj : 0)
        let delta = new - old
        if delta != 0 {
            w[j] = new
            change = max(change, abs(delta))
            if let set {
                for u in 0..<set.count { let k = set[u]; r[k] -= g[j * m + k] * delta }
            } else {
                for k in 0..<m { r[k] -= g[j * m + k] * delta }
            }
        }
    }
    return change
}

@inline(__always)
private func maxAbs(_ w: UnsafeMutableBufferPointer<Double>, _ m: Int) -> Double {
    var a = 0.0
    for j in 0..<m { a = max(a, abs(w[j])) }
    return a
}

/// A converged Lasso solution.
public struct LassoSolution: Sendable, Equatable {
    /// The penalty α.
    public let alpha: Double
    /// Weights on the standardized features, length M; exact zeros for unselected features.
    public let weights: [Double]
    /// Coordinate sweeps used.
    public let sweeps: Int
    /// Columns with non-zero weight, in increasing index order.
    public var nonZeroColumns: [Int] { weights.indices.filter { weights[$0] != 0 } }
}
