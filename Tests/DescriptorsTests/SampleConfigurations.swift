import Model
import TestSupport

/// Liquid-like test input: the species of `Fixtures.randomMixture` on a triangular lattice at
/// the paper's density, each site displaced by up to ±0.15 spacing. The ideal-gas positions of the
/// fixture serve as the uniform random numbers for the displacements.
func jitteredMixture(n: Int, seed: UInt64 = 1) -> Configuration {
    let gas = Fixtures.randomMixture(n: n, seed: seed)
    let l = gas.boxLength
    let cols = Int((Double(n) * 2 / 3.0.squareRoot()).squareRoot().rounded())
    let rows = (n + cols - 1) / cols
    let ax = l / Double(cols), ay = l / Double(rows)
    var x = [Double](), y = [Double]()
    for k in 0..<n {
        let r = k / cols, c = k % cols
        let u1 = gas.x[k] / l, u2 = gas.y[k] / l
        x.append((Double(c) + (r % 2 == 0 ? 0 : 0.5) + 0.3 * (u1 - 0.5)) * ax)
        y.append((Double(r) + 0.3 * (u2 - 0.5)) * ay)
    }
    return Configuration(boxLength: l, x: x, y: y, species: gas.species)
}

/// |a − b| within `tolerance` relative to max(1, |a|, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
