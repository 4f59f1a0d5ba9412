import Randomness

/// Particles in a periodic rectangular box [0, Lx) × [0, Ly), stored as a struct of arrays.
/// Positions may be unwrapped (outside the box); every distance goes through the minimum image
/// along each axis. The simulation uses square boxes only (`boxLength`); analysis takes any.
public struct Configuration: Sendable, Equatable {
    /// Box sides along x and y.
    public var lx: Double, ly: Double
    public var x: [Double]
    public var y: [Double]
    public var species: [Species]

    public init(boxLength: Double, x: [Double], y: [Double], species: [Species]) {
        self.init(lx: boxLength, ly: boxLength, x: x, y: y, species: species)
    }

    public init(lx: Double, ly: Double, x: [Double], y: [Double], species: [Species]) {
        precondition(x.count == y.count && x.count == species.count, "Configuration: x, y and species must have equal length")
        self.lx = lx; self.ly = ly; self.x = x; self.y = y; self.species = species
    }

    /// Side L of a square box. Square-only code (the Monte Carlo, dynamics) reads this and must
    /// first check `isSquare`; a rectangular box here is a programming error.
    public var boxLength: Double {
        get {
            precondition(isSquare, "Configuration.boxLength: the box is \(lx) × \(ly), not square; this code takes square boxes only")
            return lx
        }
        set { lx = newValue; ly = newValue }
    }

    public var isSquare: Bool { lx == ly }

    /// Throws unless the box is square, as simulation needs; `path` names the file it came from.
    public func requireSquare(path: String) throws {
        guard isSquare else {
            throw ModelError.malformedFile(path: path, line: 0, reason: "the box is \(lx) × \(ly); simulation takes square boxes only (Lx = Ly), "
                                                                   + "rectangular ones are read for analysis (repro descriptors)")
        }
    }

    public var count: Int { x.count }

    /// Minimum-image separation vector r_j − r_i.
    @inline(__always)
    public func separation(_ i: Int, _ j: Int) -> (dx: Double, dy: Double) {
        (minimumImage(x[j] - x[i], lx), minimumImage(y[j] - y[i], ly))
    }

    /// Positions folded into [0, Lx) × [0, Ly).
    public func wrapped() -> Configuration {
        var c = self
        for i in 0..<count {
            c.x[i] = wrap(x[i], lx)
            c.y[i] = wrap(y[i], ly)
        }
        return c
    }

    /// A random (ideal-gas) configuration of the mixture, species shuffled, as a starting point
    /// for a high-temperature liquid.
    public static func random(n: Int, mixture: Mixture = .paper, stream: inout RandomStream) throws -> Configuration {
        let counts = try mixture.counts(n: n)
        var species = [Species]()
        for (s, k) in zip(Species.allCases, counts) { species += Array(repeating: s, count: k) }
        for i in stride(from: n - 1, to: 0, by: -1) { // Fisher–Yates with our own stream
            let j = Int(stream.next() % UInt64(i + 1))
            species.swapAt(i, j)
        }
        let l = mixture.boxLength(n: n)
        let x = (0..<n).map { _ in stream.uniform() * l }
        let y = (0..<n).map { _ in stream.uniform() * l }
        return Configuration(boxLength: l, x: x, y: y, species: species)
    }

    /// The mixture's species on a triangular lattice at its density, each site displaced by up
    /// to ±0.15 of the spacing: a liquid-like configuration without overlaps, for tests and
    /// benchmarks that need realistic neighbour shells without a simulation.
    public static func jitteredLattice(n: Int, mixture: Mixture = .paper, stream: inout RandomStream) throws -> Configuration {
        let random = try Configuration.random(n: n, mixture: mixture, stream: &stream)
        let l = random.boxLength
        let cols = Int((Double(n) * 2 / 3.0.squareRoot()).squareRoot().rounded())
        let rows = (n + cols - 1) / cols
        let ax = l / Double(cols), ay = l / Double(rows)
        var x = [Double](), y = [Double]()
        for k in 0..<n {
            let r = k / cols, c = k % cols
            x.append((Double(c) + (r % 2 == 0 ? 0 : 0.5) + 0.3 * (stream.uniform() - 0.5)) * ax)
            y.append((Double(r) + 0.3 * (stream.uniform() - 0.5)) * ay)
        }
        return Configuration(boxLength: l, x: x, y: y, species: random.species)
    }

    /// Particles closer than this (in σ) count as coincident: at distance 0 every pair energy,
    /// bond angle and descriptor is NaN, and just above it r⁻¹² overflows.
    public static let coincidenceDistance = 1e-8

    /// The lexicographically first pair i < j closer than `coincidenceDistance` (minimum image),
    /// or nil. O(N) on any liquid: a cell grid of about one particle per cell, 3×3 stencil.
    public func coincidentPair() -> (Int, Int)? {
        let n = count, d = Configuration.coincidenceDistance
        guard n >= 2 else { return nil }
        // Cells at least d wide (so a coincident pair sits in neighbouring cells) and at least 3
        // per side (so the stencil visits no cell twice); otherwise one cell holding everyone.
        // About √N cells along each axis, scaled by the aspect ratio.
        func cells(_ l: Double, _ other: Double) -> Int {
            let side = min((Double(n) * l / other).squareRoot(), l / d).rounded(.down)
            return side >= 3 && side.isFinite ? Int(side) : 1
        }
        let mx = cells(lx, ly), my = cells(ly, lx)
        func cell(_ v: Double, _ l: Double, _ m: Int) -> Int {
            let f = wrap(v, l) / (l / Double(m))
            return f.isFinite ? Int(Swift.min(Double(m - 1), Swift.max(0, f))) : 0
        }
        var head = [Int](repeating: -1, count: mx * my), next = [Int](repeating: -1, count: n), cellOf = [Int](repeating: 0, count: n)
        for i in (0..<n).reversed() { // lists in increasing index order
            cellOf[i] = cell(y[i], ly, my) * mx + cell(x[i], lx, mx)
            next[i] = head[cellOf[i]]; head[cellOf[i]] = i
        }
        let stencilX = mx == 1 ? 0...0 : -1...1, stencilY = my == 1 ? 0...0 : -1...1
        for i in 0..<n {
            let cx = cellOf[i] % mx, cy = cellOf[i] / mx
            var best = Int.max
            for oy in stencilY { for ox in stencilX {
                var j = head[((cy + oy + my) % my) * mx + (cx + ox + mx) % mx]
                while j >= 0 {
                    if j > i && j < best {
                        let (sx, sy) = separation(i, j)
                        if sx * sx + sy * sy < d * d { best = j }
                    }
                    j = next[j]
                }
            } }
            if best != Int.max { return (i, best) }
        }
        return nil
    }

    /// Total potential energy Σ_{i<j} v(r_ij), by the obviously correct O(N²) double loop.
    /// For tests and small systems; the Monte Carlo engine uses cell lists.
    public func potentialEnergyBruteForce(_ potential: PairPotential) -> Double {
        var e = 0.0
        for i in 0..<count {
            for j in (i + 1)..<count {
                let (dx, dy) = separation(i, j)
                e += potential.energy(r2: dx * dx + dy * dy, type: PairPotential.pairType(species[i], species[j]))
            }
        }
        return e
    }
}

/// Branch-free minimum image of a separation in a periodic box of side `l`.
@inline(__always)
public func minimumImage(_ d: Double, _ l: Double) -> Double {
    d - l * (d / l).rounded(.toNearestOrEven)
}

/// `v` folded into [0, l).
@inline(__always)
public func wrap(_ v: Double, _ l: Double) -> Double {
    let w = v - l * (v / l).rounded(.down)
    return w >= l ? w - l : w
}
