import Foundation
import Model
import Testing
import TestSupport
@testable import Descriptors

@Suite struct CoarseGrainingTests {
    @Test func constantFieldCoarseGrainsToItself() throws {
        let c = jitteredMixture(n: 300)
        let ells = [0.3, 0.5, 1.0, 2.25, 5.0, 7.0]
        let grained = try StructuralDescriptors(ells: ells, coarseGrainingRadius: 6)
            .coarseGrain(fields: [Array(repeating: 3.7, count: c.count), Array(repeating: -1e-3, count: c.count)], in: c)
        for i in 0..<c.count { for k in ells.indices {
            #expect(abs(grained.value(particle: i, block: 2, ell: k) - 3.7) < 1e-13 * 3.7)
            #expect(abs(grained.value(particle: i, block: 3, ell: k) + 1e-3) < 1e-13 * 1e-3)
        } }
    }

    /// Two particles alone in a large box: ρ̄ = 1 + e^{−r/ℓ}, φ̄ = σ_ii² + σ_ij² e^{−r/ℓ}, and a
    /// field x coarse-grains to (x_i + x_j e^{−r/ℓ}) / ρ̄; beyond R_N only the self term remains.
    @Test func twoParticlesByHand() throws {
        let m = Mixture.paper, r = 2.7
        let c = Configuration(boxLength: 30, x: [1, 1 + r], y: [5, 5], species: [.small, .large])
        let grained = try StructuralDescriptors(ells: [0.5, 2.0], coarseGrainingRadius: 3).coarseGrain(fields: [[10, -4]], in: c)
        for (k, ell) in [0.5, 2.0].enumerated() {
            let w = exp(-r / ell)
            #expect(close(grained.value(particle: 0, block: 0, ell: k), 1 + w, 1e-14))
            #expect(close(grained.value(particle: 0, block: 1, ell: k), m.sigmaSS * m.sigmaSS + m.sigmaLS * m.sigmaLS * w, 1e-14))
            #expect(close(grained.value(particle: 1, block: 1, ell: k), m.sigmaLL * m.sigmaLL + m.sigmaLS * m.sigmaLS * w, 1e-14))
            #expect(close(grained.value(particle: 1, block: 2, ell: k), (-4 + 10 * w) / (1 + w), 1e-14))
        }
        let apart = try StructuralDescriptors(ells: [1.0], coarseGrainingRadius: 2.5).coarseGrain(fields: [[10, -4]], in: c)
        #expect(apart.value(particle: 0, block: 0, ell: 0) == 1)
        #expect(apart.value(particle: 0, block: 2, ell: 0) == 10)
    }

    @Test func fastExponentialMatchesLibm() {
        var worst = 0.0
        for k in 0...20000 {
            let x = -Double(k) * 0.0349 // [−698, 0]
            let v = exp4(SIMD4<Double>(x, x * 0.5, x * 0.01, -x * 1e-9 * 0))
            for (lane, arg) in [x, x * 0.5, x * 0.01, 0].enumerated() {
                worst = max(worst, abs(v[lane] - exp(arg)) / exp(arg))
            }
        }
        #expect(worst < 1e-15, "largest relative error \(worst)")
        #expect(exp4(SIMD4<Double>(repeating: 0))[0] == 1)
        #expect(exp4(SIMD4<Double>(repeating: -1e6))[0] >= 0)
    }
}
