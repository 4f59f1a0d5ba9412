import Model

/// Verlet neighbour list with a fixed stride per particle: the neighbours of i are
/// `index[i·stride ..< i·stride + counts[i]]`, all j with r_ij < r_c(α_i β_j) + skin at the last
/// build. Valid while no particle has moved more than (skin − δ_max/√2)/2 since then, so that
/// even a trial position of one partner is covered.
///
/// Rows are sorted by j and a pair beyond its cutoff contributes exactly +0.0 to an energy sum,
/// so every sum is independent of when the list was built: resumed and uninterrupted runs
/// agree bit for bit, and the skin changes speed only.
struct VerletList {
    var stride = 0
    var skin = 0.0
    var counts: UnsafeMutablePointer<Int32>
    var index: UnsafeMutablePointer<Int32>
    /// Positions (interleaved) at the last build.
    var reference: UnsafeMutablePointer<Double>

    init(count n: Int) {
        counts = .allocate(capacity: n)
        reference = .allocate(capacity: 2 * n)
        index = .allocate(capacity: 1)
    }

    mutating func resize(count n: Int, stride s: Int) {
        index.deallocate()
        stride = s
        index = .allocate(capacity: n * s)
    }

    func deallocate() { counts.deallocate(); reference.deallocate(); index.deallocate() }
}

/// Branch-free round-to-nearest for |v| < 2⁵¹ (adding and removing 1.5·2⁵²), avoiding a libm call.
@inline(__always)
func roundedToNearest(_ v: Double) -> Double {
    let magic = 6_755_399_441_055_744.0
    return (v + magic) - magic
}

extension MonteCarloSimulation {
    /// Rebuilds the Verlet list from the current positions with a cell list (cells at least as
    /// large as the list cutoff, particles copied into cell order), so the build is O(N).
    func rebuildList() {
        rebuilds += 1
        let n = count, l = boxLength, invL = 1 / l
        var reach2 = 0.0
        for t in 0..<9 { reach2 = max(reach2, table[t].listCutoff2) }
        // At least 3 cells per side so the 3×3 stencil never visits a cell twice; with fewer,
        // one cell holds everything and each pair is tested once with its minimum image.
        let cells = Int((l / reach2.squareRoot()).rounded(.down))
        let m = cells >= 3 ? cells : 1
        let size = l / Double(m)
        var cellOf = [Int](repeating: 0, count: n), cellStart = [Int](repeating: 0, count: m * m + 1)
        var wx = [Double](repeating: 0, count: n), wy = [Double](repeating: 0, count: n)
        for i in 0..<n {
            wx[i] = wrap(xy[2 * i], l); wy[i] = wrap(xy[2 * i + 1], l)
            let cx = min(m - 1, Int(wx[i] / size)), cy = min(m - 1, Int(wy[i] / size))
            cellOf[i] = cy * m + cx; cellStart[cellOf[i] + 1] += 1
        }
        for c in 0..<(m * m) { cellStart[c + 1] += cellStart[c] }
        var fill = Array(cellStart.dropLast())
        var sx = [Double](repeating: 0, count: n), sy = [Double](repeating: 0, count: n), member = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let p = fill[cellOf[i]]; fill[cellOf[i]] += 1
            sx[p] = wx[i]; sy[p] = wy[i]; member[p] = i
        }
        if list.stride == 0 { list.resize(count: n, stride: 64) }
        let xy = self.xy, species = self.species, table = self.table
        while true {
            let v = list, cap = v.stride
            var maxCount = 0
            for i in 0..<n {
                let xi = wx[i], yi = wy[i], row = table + 3 * Int(species[i]), base = i * cap
                let cx = cellOf[i] % m, cy = cellOf[i] / m
                var k = 0
                for oy in -1...1 { for ox in -1...1 {
                    if m == 1 && (ox != 0 || oy != 0) { continue }
                    // Whole-cell periodic shift: no per-pair minimum image in the scan.
                    let gx = cx + ox, gy = cy + oy
                    let shx = m == 1 ? 0 : (gx < 0 ? -l : (gx >= m ? l : 0))
                    let shy = m == 1 ? 0 : (gy < 0 ? -l : (gy >= m ? l : 0))
                    let c = ((gy + m) % m) * m + (gx + m) % m
                    for q in cellStart[c]..<cellStart[c + 1] {
                        var dx = sx[q] + shx - xi, dy = sy[q] + shy - yi
                        if m == 1 { dx -= l * roundedToNearest(dx * invL); dy -= l * roundedToNearest(dy * invL) }
                        let j = member[q]
                        guard dx * dx + dy * dy < row[Int(species[j])].listCutoff2, j != i else { continue }
                        if k < cap {
                            var p = base + k // insertion keeps the row sorted by j
                            while p > base && Int(v.index[p - 1]) > j { v.index[p] = v.index[p - 1]; p -= 1 }
                            v.index[p] = Int32(j)
                        }
                        k += 1
                    }
                } }
                v.counts[i] = Int32(k)
                maxCount = max(maxCount, k)
                v.reference[2 * i] = xy[2 * i]; v.reference[2 * i + 1] = xy[2 * i + 1]
            }
            if maxCount <= cap { return }
            // A row overflowed: widen with room to spare and build again.
            list.resize(count: n, stride: (maxCount * 5 / 4 + 7) / 8 * 8)
        }
    }
}

extension MonteCarloSimulation {
    /// Diagnostic for benchmarks: forces a neighbour-list rebuild.
    public func _rebuildForBenchmark() { rebuildList() }
    /// Mean number of list entries per particle (diagnostic).
    public var meanListLength: Double { Double((0..<count).reduce(0) { $0 + Int(list.counts[$1]) }) / Double(count) }
}
