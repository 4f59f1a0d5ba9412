import Model

/// Verlet neighbour list with a fixed stride per particle: the neighbours of i are
/// `index[i·stride ..< i·stride + counts[i]]`, all j with r_ij < r_c(α_i β_j) + skin at the last
/// build, with the pair's 1/σ² and ε stored alongside (kept in step by swap moves). Valid while no particle has moved more than
/// (skin − δ_max/√2)/2 since then, so that even a trial position of one partner is covered. Each
/// row is padded up to a multiple of `lanes` with entries for the dummy particle N with ε = 0, so
/// the energy kernel runs whole SIMD blocks.
///
/// Rows are in no particular order: energies are exact fixed-point sums (`QuantizedPairEnergy`)
/// and a pair beyond its cutoff adds exactly 0, so no result depends on row order or on when the
/// list was built; resumed and uninterrupted runs agree bit for bit, and the skin changes speed only.
struct VerletList {
    var stride = 0
    var skin = 0.0
    var counts: UnsafeMutablePointer<Int32>
    var index: UnsafeMutablePointer<Int32>
    /// 1/σ² and ε of each entry's pair (Float32; see `dummyInverseSigma2` for padding).
    var inverseSigma2: UnsafeMutablePointer<Float>
    var epsilon: UnsafeMutablePointer<Float>
    /// Positions (interleaved) at the last build.
    var reference: UnsafeMutablePointer<Double>
    /// 1 where a row has a partner across the periodic boundary (unwrapped separation not its
    /// minimum image), else 0: most rows have none, and the kernel skips the image there.
    var needsImage: UnsafeMutablePointer<UInt8>

    init(count n: Int) {
        counts = .allocate(capacity: n)
        needsImage = .allocate(capacity: n)
        reference = .allocate(capacity: 2 * n)
        index = .allocate(capacity: 1)
        inverseSigma2 = .allocate(capacity: 1); epsilon = .allocate(capacity: 1)
    }

    /// `s` must be a multiple of `lanes`.
    mutating func resize(count n: Int, stride s: Int) {
        index.deallocate(); inverseSigma2.deallocate(); epsilon.deallocate()
        stride = s
        index = .allocate(capacity: n * s)
        inverseSigma2 = .allocate(capacity: n * s); epsilon = .allocate(capacity: n * s)
    }

    func deallocate() {
        counts.deallocate(); needsImage.deallocate(); reference.deallocate(); index.deallocate(); inverseSigma2.deallocate(); epsilon.deallocate()
    }

    /// Lane width of the energy kernel: a row of `count` entries is scanned up to
    /// `padded(count)`, the entries past `count` naming the dummy particle (slot N, ε = 0).
    static let lanes = 16
    @inline(__always) static func padded(_ count: Int) -> Int { (count + lanes - 1) & ~(lanes - 1) }
    /// Padding entries: ε = 0, and an x = r²·10³⁰ beyond any cutoff unless the particle sits
    /// exactly on the dummy, where the kernel's clamped path gives 0 too.
    static let dummyInverseSigma2: Float = 1e30
    /// A stride with room to spare for `count` entries.
    static func stride(for count: Int) -> Int { padded(count * 5 / 4 + 1) }
}

/// 1.5·2⁵²: adding and removing it rounds any |v| < 2⁵¹ to the nearest integer.
let roundingMagic = 6_755_399_441_055_744.0

/// Branch-free round-to-nearest for |v| < 2⁵¹, avoiding a libm call.
@inline(__always)
func roundedToNearest(_ v: Double) -> Double { (v + roundingMagic) - roundingMagic }

/// The same, lane by lane.
@inline(__always)
func roundedToNearest(_ v: SIMD4<Double>) -> SIMD4<Double> { (v + roundingMagic) - roundingMagic }

@inline(__always)
func roundedToNearest(_ v: SIMD8<Double>) -> SIMD8<Double> { (v + roundingMagic) - roundingMagic }

extension MonteCarloSimulation {
    /// Rebuilds the Verlet list from the current positions with a cell list (cells at least as
    /// large as the list cutoff, particles copied into cell order), so the build is O(N). Each
    /// particle's 3×3 cells are scanned and candidates appended branch-free (whether one is in
    /// reach is unpredictable); a row that overflows widens the stride and the build restarts.
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
        let cellOf = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        let cellStart = UnsafeMutablePointer<Int>.allocate(capacity: m * m + 1)
        let fill = UnsafeMutablePointer<Int>.allocate(capacity: m * m)
        // Cell-ordered copies: wrapped x, y (interleaved), species and slot of each member.
        let sxy = UnsafeMutablePointer<Double>.allocate(capacity: 2 * n)
        let member = UnsafeMutablePointer<Int32>.allocate(capacity: n), ss = UnsafeMutablePointer<Int32>.allocate(capacity: n)
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
        let reachTable = UnsafeMutablePointer<Double>.allocate(capacity: 9)
        defer {
            cellOf.deallocate(); cellStart.deallocate(); fill.deallocate()
            sxy.deallocate(); member.deallocate(); ss.deallocate(); scratch.deallocate(); reachTable.deallocate()
        }
        for t in 0..<9 { reachTable[t] = table[t].listCutoff2 }
        cellStart.initialize(repeating: 0, count: m * m + 1)
        for i in 0..<n {
            let wx = wrap(xy[2 * i], l), wy = wrap(xy[2 * i + 1], l)
            let cx = min(m - 1, Int(wx / size)), cy = min(m - 1, Int(wy / size))
            cellOf[i] = Int32(cy * m + cx); cellStart[cy * m + cx + 1] += 1
        }
        for c in 0..<(m * m) { cellStart[c + 1] += cellStart[c]; fill[c] = cellStart[c] }
        for i in 0..<n {
            let c = Int(cellOf[i]), p = fill[c]
            fill[c] = p + 1
            sxy[2 * p] = wrap(xy[2 * i], l); sxy[2 * p + 1] = wrap(xy[2 * i + 1], l)
            member[p] = Int32(i); ss[p] = species[i]
        }
        if list.stride == 0 { list.resize(count: n, stride: 64) }
        let xy = self.xy
        while true {
            let v = list, cap = v.stride
            var maxCount = 0
            // Particles in cell order, so consecutive rows scan the same cells.
            for p in 0..<n {
                let i = Int(member[p]), xi = sxy[2 * p], yi = sxy[2 * p + 1]
                let reach = reachTable + 3 * Int(ss[p])
                // Candidates by cell-order position; the scan finds i itself too (dropped below).
                var k = 0
                // 1 when r² < reach (the sign bit of r² − reach): no branch.
                @inline(__always) func inside(_ dx: Double, _ dy: Double, _ q: Int) -> Int {
                    Int(truncatingIfNeeded: (dx * dx + dy * dy - reach[Int(ss[q])]).bitPattern >> 63)
                }
                if m == 1 {
                    for q in 0..<n {
                        var dx = sxy[2 * q] - xi, dy = sxy[2 * q + 1] - yi
                        dx -= l * roundedToNearest(dx * invL); dy -= l * roundedToNearest(dy * invL)
                        scratch[k] = Int32(q)
                        k += inside(dx, dy, q)
                    }
                } else {
                    let cell = Int(cellOf[i]), cx = cell % m, cy = cell / m
                    for oy in -1...1 {
                        // Whole-cell periodic shift: no per-pair minimum image in the scan.
                        var gy = cy + oy, shy = 0.0
                        if gy < 0 { gy += m; shy = -l } else if gy >= m { gy -= m; shy = l }
                        for ox in -1...1 {
                            var gx = cx + ox, shx = 0.0
                            if gx < 0 { gx += m; shx = -l } else if gx >= m { gx -= m; shx = l }
                            let c = gy * m + gx, x0 = xi - shx, y0 = yi - shy
                            for q in cellStart[c]..<cellStart[c + 1] {
                                scratch[k] = Int32(q)
                                k += inside(sxy[2 * q] - x0, sxy[2 * q + 1] - y0, q)
                            }
                        }
                    }
                }
                maxCount = max(maxCount, k - 1)
                guard k - 1 <= cap else { continue }
                let base = i * cap, pairRow = 3 * Int(ss[p])
                var kept = 0
                var image = 0.0
                for a in 0..<k where Int(scratch[a]) != p {
                    let q = Int(scratch[a]), j = Int(member[q])
                    // The kernel's image of the pair; it stays the same until the next build,
                    // since partners stay far closer than L/2.
                    image += abs(roundedToNearest((xy[2 * j] - xy[2 * i]) * invL)) + abs(roundedToNearest((xy[2 * j + 1] - xy[2 * i + 1]) * invL))
                    v.index[base + kept] = member[q]
                    v.inverseSigma2[base + kept] = energy.inverseSigma2[pairRow + Int(ss[q])]
                    v.epsilon[base + kept] = energy.epsilon[pairRow + Int(ss[q])]
                    kept += 1
                }
                for a in kept..<VerletList.padded(kept) { v.index[base + a] = Int32(n); v.inverseSigma2[base + a] = VerletList.dummyInverseSigma2; v.epsilon[base + a] = 0 }
                v.counts[i] = Int32(kept)
                v.needsImage[i] = image == 0 ? 0 : 1
            }
            if maxCount > cap {
                list.resize(count: n, stride: VerletList.stride(for: maxCount))
                continue
            }
            for i in 0..<(2 * n) { v.reference[i] = xy[i] }
            return
        }
    }
}

extension MonteCarloSimulation {
    /// Mean number of list entries per particle (diagnostic).
    public var meanListLength: Double { Double((0..<count).reduce(0) { $0 + Int(list.counts[$1]) }) / Double(count) }
    /// Fraction of rows whose kernel skips the periodic image (diagnostic).
    public var rowsWithoutImage: Double { Double((0..<count).filter { list.needsImage[$0] == 0 }.count) / Double(count) }
}
