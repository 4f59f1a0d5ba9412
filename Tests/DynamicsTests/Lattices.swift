import Model

/// A square lattice of large particles with spacing 1.2: exactly 4 cage neighbours each
/// (1.2 < 1.4 σ_LL ≈ 1.646 < 1.2·√2).
func squareLattice(side: Int = 10, spacing a: Double = 1.2) -> Configuration {
    var x = [Double](), y = [Double]()
    for r in 0..<side { for c in 0..<side { x.append(Double(c) * a + 0.3); y.append(Double(r) * a + 0.3) } }
    return Configuration(boxLength: Double(side) * a, x: x, y: y, species: Array(repeating: .large, count: x.count))
}
