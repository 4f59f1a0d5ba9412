/// Pairs closer than a species-dependent cutoff, found with a cell list: the one neighbour layer
/// shared by the analyses (cage neighbours, bonds, descriptors). Compressed rows: the neighbours
/// of i are `neighbors[offsets[i] ..< offsets[i+1]]`, with minimum-image separations r_j − r_i.
public struct NeighborList: Sendable {
    public let offsets: [Int]
    public let neighbors: [Int32]
    public let dx: [Double]
    public let dy: [Double]

    /// Neighbours j ≠ i with r_ij < ratio · σ_{α_i β_j}.
    public init(_ c: Configuration, mixture: Mixture = .paper, cutoffRatio ratio: Double) {
        var table = [Double](repeating: 0, count: 9)
        for a in Species.allCases { for b in Species.allCases {
            let r = ratio * mixture.sigma(a, b)
            table[PairPotential.pairType(a, b)] = r * r
        } }
        self.init(c, squaredCutoffs: table)
    }

    /// Neighbours j ≠ i with r_ij < r (the same for all pairs).
    public init(_ c: Configuration, cutoff r: Double) {
        self.init(c, squaredCutoffs: [Double](repeating: r * r, count: 9))
    }

    /// General form: `squaredCutoffs[3α+β]`.
    public init(_ c: Configuration, squaredCutoffs: [Double]) {
        let n = c.count, l = c.boxLength
        let rmax = squaredCutoffs.max()!.squareRoot()
        // Cells no smaller than the cutoff, and at least 3 per side so the 3×3 stencil never visits a
        // cell twice; a box too small for that is searched as a single cell (all pairs).
        let fit = Int((l / rmax).rounded(.down))
        let m = fit >= 3 ? fit : 1
        let cellSize = l / Double(m)
        var head = [Int](repeating: -1, count: m * m), next = [Int](repeating: -1, count: n)
        var cellOf = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let cx = min(m - 1, Int(wrap(c.x[i], l) / cellSize)), cy = min(m - 1, Int(wrap(c.y[i], l) / cellSize))
            cellOf[i] = cy * m + cx
            next[i] = head[cellOf[i]]; head[cellOf[i]] = i
        }
        var offsets = [0], nb = [Int32](), ddx = [Double](), ddy = [Double]()
        for i in 0..<n {
            let ci = cellOf[i], cx = ci % m, cy = ci / m
            var found: [(Int, Double, Double)] = []
            let stencil = m == 1 ? 0...0 : -1...1
            for oy in stencil { for ox in stencil {
                let cell = ((cy + oy + m) % m) * m + (cx + ox + m) % m
                var j = head[cell]
                while j >= 0 {
                    if j != i {
                        let (sx, sy) = c.separation(i, j)
                        let r2 = sx * sx + sy * sy
                        if r2 < squaredCutoffs[PairPotential.pairType(c.species[i], c.species[j])] { found.append((j, sx, sy)) }
                    }
                    j = next[j]
                }
            } }
            found.sort { $0.0 < $1.0 } // deterministic order, independent of cell layout
            for (j, sx, sy) in found { nb.append(Int32(j)); ddx.append(sx); ddy.append(sy) }
            offsets.append(nb.count)
        }
        self.offsets = offsets; neighbors = nb; dx = ddx; dy = ddy
    }

    public func count(of i: Int) -> Int { offsets[i + 1] - offsets[i] }
    public func neighbors(of i: Int) -> ArraySlice<Int32> { neighbors[offsets[i]..<offsets[i + 1]] }
}
