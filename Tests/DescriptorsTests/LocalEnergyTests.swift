import Foundation
import Model
import Testing
@testable import Descriptors

@Suite struct LocalEnergyTests {
    let m = Mixture.paper

    func pair(_ a: Species, _ b: Species, distance r: Double) throws -> LocalDescriptors {
        let c = Configuration(boxLength: 20, x: [3, 3 + r], y: [4, 4], species: [a, b])
        return try StructuralDescriptors(coarseGrainingRadius: 5).localDescriptors(c)
    }

    /// u_i = ½ v(r) written out from the paper's formula with the smoothing coefficients.
    @Test func twoParticlesByHand() throws {
        let (c0, c2, c4) = PairPotential.smoothingCoefficients(cutoffRatio: 2.5)
        for (a, b, r) in [(Species.large, Species.large, 1.3), (.small, .large, 0.97), (.medium, .small, 2.0)] {
            let s = m.sigma(a, b), e = m.epsilon(a, b), x = r / s
            let v = 4 * e * (pow(x, -12) - pow(x, -6)) + e * (c0 + c2 * x * x + c4 * pow(x, 4))
            let d = try pair(a, b, distance: r)
            #expect(abs(d.energy[0] - v / 2) < 1e-12 * max(1, abs(v)))
            #expect(d.energy[1] == d.energy[0])
        }
        #expect(try pair(.large, .large, distance: 2.5 * m.sigmaLL + 1e-9).energy[0] == 0)
    }

    /// z counts r < 1.5 σ_αβ with the pair's own σ.
    @Test func coordinationCutoffIsSpeciesDependent() throws {
        let s = m.sigma(.small, .large)
        #expect(try pair(.small, .large, distance: 1.499 * s).coordination == [1, 1])
        #expect(try pair(.small, .large, distance: 1.501 * s).coordination == [0, 0])
        #expect(try pair(.small, .small, distance: 1.2 * s).coordination == [0, 0]) // 1.2 σ_LS > 1.5 σ_SS
    }
}
