import Model

/// A cell list specialised for one search radius: particles sorted by cell, with wrapped
/// positions stored contiguously in that order so a neighbour search streams through memory.
/// Cells have side ≥ radius / reach, so the (2·reach+1)² stencil covers the search circle.
struct CellGrid {
    /// Box sides.
    let lx: Double, ly: Double
    /// Cells along x and y.
    let mx: Int, my: Int
    let reach: Int
    /// Particles of cell c are sorted[cellStart[c] ..< cellStart[c+1]].
    let cellStart: [Int]
    /// Particle indices in cell order (ascending index within a cell).
    let sorted: [Int32]
    /// Wrapped coordinates in cell order.
    let xs: [Double]
    let ys: [Double]
    /// Cell of each particle (by particle index).
    let cellOf: [Int32]

    init(_ c: Configuration, radius: Double, reach: Int) {
        let n = c.count
        lx = c.lx; ly = c.ly
        self.reach = reach
        let mx = max(1, Int((lx * Double(reach) / radius).rounded(.down))), my = max(1, Int((ly * Double(reach) / radius).rounded(.down)))
        self.mx = mx; self.my = my
        let sizeX = lx / Double(mx), sizeY = ly / Double(my)
        var cellOf = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: mx * my + 1)
        var wx = [Double](repeating: 0, count: n), wy = [Double](repeating: 0, count: n)
        for i in 0..<n {
            wx[i] = wrap(c.x[i], lx); wy[i] = wrap(c.y[i], ly)
            let cx = min(mx - 1, Int(wx[i] / sizeX)), cy = min(my - 1, Int(wy[i] / sizeY))
            cellOf[i] = Int32(cy * mx + cx)
            counts[Int(cellOf[i]) + 1] += 1
        }
        for k in 0..<(mx * my) { counts[k + 1] += counts[k] }
        var fill = counts
        var sorted = [Int32](repeating: 0, count: n), xs = wx, ys = wy
        for i in 0..<n { // ascending i → ascending index within each cell
            let slot = fill[Int(cellOf[i])]
            fill[Int(cellOf[i])] += 1
            sorted[slot] = Int32(i); xs[slot] = wx[i]; ys[slot] = wy[i]
        }
        cellStart = counts; self.sorted = sorted; self.xs = xs; self.ys = ys; self.cellOf = cellOf
    }

    /// Stencil cell coordinates along one axis around `c`: each cell at most once, so a small
    /// box (fewer than 2·reach+1 cells) falls back to every cell.
    @inline(__always)
    func axisCells(_ c: Int, _ m: Int) -> [Int] {
        if 2 * reach + 1 <= m { return (-reach...reach).map { (c + $0 + m) % m } }
        return Array(0..<m)
    }

    /// The half-open slot ranges (into `sorted`, `xs`, `ys`) of the cells around particle i.
    func stencil(of i: Int) -> [Range<Int>] {
        let ci = Int(cellOf[i]), cx = ci % mx, cy = ci / mx
        let columns = axisCells(cx, mx), rows = axisCells(cy, my)
        var ranges = [Range<Int>]()
        ranges.reserveCapacity(columns.count * rows.count)
        for y in rows {
            for x in columns {
                let cell = y * mx + x
                let lo = cellStart[cell], hi = cellStart[cell + 1]
                guard lo < hi else { continue }
                // Neighbouring cells of a row are adjacent in slot order: merge their ranges.
                if let last = ranges.last, last.upperBound == lo { ranges[ranges.count - 1] = last.lowerBound..<hi } else { ranges.append(lo..<hi) }
            }
        }
        return ranges
    }

    /// Minimum image of a difference of two wrapped x coordinates (both in [0, Lx)).
    @inline(__always)
    func imageX(_ d: Double) -> Double { Self.image(d, lx) }

    /// Minimum image of a difference of two wrapped y coordinates (both in [0, Ly)).
    @inline(__always)
    func imageY(_ d: Double) -> Double { Self.image(d, ly) }

    @inline(__always)
    static func image(_ d: Double, _ l: Double) -> Double {
        let h = 0.5 * l
        return d > h ? d - l : (d < -h ? d + l : d)
    }
}
