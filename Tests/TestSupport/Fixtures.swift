import Model
import Randomness

/// Shared, seeded test configurations.
public enum Fixtures {
    /// A perfect triangular lattice of `rows × cols` identical particles with nearest-neighbour
    /// spacing `a`, in a periodic box. `rows` must be even and the box is square only when
    /// cols·a ≈ rows·a·√3/2; the box side is taken from the x period (the y period must match it
    /// for a perfect lattice, which holds for e.g. rows = 8, cols = 7 only approximately), so use
    /// `triangularLatticeSquare` when a square box is needed.
    public static func triangularLattice(cols: Int, rows: Int, spacing a: Double, species: Species = .large) -> Configuration {
        let h = a * 3.0.squareRoot() / 2
        var x = [Double](), y = [Double]()
        for r in 0..<rows { for c in 0..<cols {
            x.append((Double(c) + (r % 2 == 0 ? 0 : 0.5)) * a)
            y.append(Double(r) * h)
        } }
        return Configuration(boxLength: Double(cols) * a, x: x, y: y, species: Array(repeating: species, count: x.count))
    }

    /// A random mixture configuration at the paper's density after pushing overlapping particles
    /// apart is not needed for energy tests; this is an ideal-gas sample, seeded.
    public static func randomMixture(n: Int, seed: UInt64 = 1) -> Configuration {
        var s = RandomStream(seed: seed, purpose: .testData)
        return try! Configuration.random(n: n, stream: &s)
    }
}
