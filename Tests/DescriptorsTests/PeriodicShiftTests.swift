import Model
import Testing
@testable import Descriptors

/// Translating every particle (across the periodic boundary) changes no feature.
@Suite struct PeriodicShiftTests {
    @Test func shiftedConfigurationGivesTheSameFeatures() throws {
        let c = jitteredMixture(n: 400, seed: 3)
        let l = c.boxLength
        // Shift by a non-lattice vector; fold half of the particles back into the box and leave
        // the rest unwrapped, so both representations are exercised.
        var shifted = c
        for i in 0..<c.count {
            shifted.x[i] = c.x[i] + 0.37 * l
            shifted.y[i] = c.y[i] - 0.81 * l
            if i % 2 == 0 { shifted.x[i] = wrap(shifted.x[i], l); shifted.y[i] = wrap(shifted.y[i], l) }
        }
        let descriptors = try StructuralDescriptors(coarseGrainingRadius: 8)
        let a = try descriptors.compute(c), b = try descriptors.compute(shifted)
        #expect(a.local.coordination == b.local.coordination)
        for i in 0..<c.count {
            #expect(close(a.local.energy[i], b.local.energy[i], 1e-12))
            #expect(close(a.local.stericOrder[i], b.local.stericOrder[i], 1e-12))
        }
        for k in 0..<a.features.count {
            #expect(close(a.features[k], b.features[k], 1e-12), "\(a.names[k % a.featureCount]) of particle \(k / a.featureCount)")
        }
    }
}
