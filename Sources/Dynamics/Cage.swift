import Model

/// The reference state of a time origin: positions at t = 0, the cage neighbours (within
/// 1.4 σ_αβ, paper Eq. (2)) and, for bond breaking, the squared 1.8 σ_αβ distance of every
/// cage bond (paper Eq. (4)).
public struct Cage: Sendable {
    public static let neighbourRatio = 1.4
    public static let bondBreakingRatio = 1.8

    public let x0: [Double], y0: [Double]
    public let boxLength: Double
    public let neighbours: NeighborList
    /// (1.8 σ_ij)² per neighbour entry, aligned with `neighbours.neighbors`.
    public let bondCutoff2: [Double]

    public init(_ c: Configuration, mixture: Mixture = .paper) {
        x0 = c.x; y0 = c.y; boxLength = c.boxLength
        neighbours = NeighborList(c, mixture: mixture, cutoffRatio: Cage.neighbourRatio)
        var cut = [Double](repeating: 0, count: neighbours.neighbors.count)
        for i in 0..<c.count {
            for k in neighbours.offsets[i]..<neighbours.offsets[i + 1] {
                let s = Cage.bondBreakingRatio * mixture.sigma(c.species[i], c.species[Int(neighbours.neighbors[k])])
                cut[k] = s * s
            }
        }
        bondCutoff2 = cut
    }

    public var count: Int { x0.count }

    /// Cage-relative displacements Δr_i^CR = Δr_i − (1/n_i) Σ_{j∈NN_i} Δr_j (paper Eq. (2)), with
    /// Δr_i = r_i(t) − r_i(0) taken on unwrapped positions minus the centre-of-mass drift.
    /// A particle without cage neighbours keeps its plain displacement.
    public func cageRelativeDisplacements(x: [Double], y: [Double]) -> (dx: [Double], dy: [Double]) {
        let n = count
        var dx = [Double](repeating: 0, count: n), dy = [Double](repeating: 0, count: n)
        var cx = 0.0, cy = 0.0
        for i in 0..<n { dx[i] = x[i] - x0[i]; dy[i] = y[i] - y0[i]; cx += dx[i]; cy += dy[i] }
        cx /= Double(n); cy /= Double(n)
        for i in 0..<n { dx[i] -= cx; dy[i] -= cy }
        var rx = [Double](repeating: 0, count: n), ry = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let lo = neighbours.offsets[i], hi = neighbours.offsets[i + 1]
            var sx = 0.0, sy = 0.0
            for k in lo..<hi { let j = Int(neighbours.neighbors[k]); sx += dx[j]; sy += dy[j] }
            let m = Double(hi - lo)
            rx[i] = hi > lo ? dx[i] - sx / m : dx[i]
            ry[i] = hi > lo ? dy[i] - sy / m : dy[i]
        }
        return (rx, ry)
    }

    /// n_i(t)/n_i(0): the fraction of initial cage neighbours still within 1.8 σ_ij at time t
    /// (paper Eq. (4)). A particle without initial neighbours counts as 1 (nothing was broken).
    public func bondSurvival(x: [Double], y: [Double]) -> [Double] {
        (0..<count).map { i in
            let lo = neighbours.offsets[i], hi = neighbours.offsets[i + 1]
            guard hi > lo else { return 1 }
            var kept = 0
            for k in lo..<hi {
                let j = Int(neighbours.neighbors[k])
                let sx = minimumImage(x[j] - x[i], boxLength), sy = minimumImage(y[j] - y[i], boxLength)
                if sx * sx + sy * sy < bondCutoff2[k] { kept += 1 }
            }
            return Double(kept) / Double(hi - lo)
        }
    }
}
