import Model
import Randomness
import TestSupport

/// Liquid-like test input: `Configuration.jitteredLattice`, seeded.
func jitteredMixture(n: Int, seed: UInt64 = 1) -> Configuration {
    var stream = RandomStream(seed: seed, purpose: .testData, indices: [3])
    return try! Configuration.jitteredLattice(n: n, stream: &stream)
}

/// |a − b| within `tolerance` relative to max(1, |a|, |b|).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(a), abs(b))
}
