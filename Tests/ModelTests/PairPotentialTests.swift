import Foundation
import Testing
@testable import Model

@Suite struct PairPotentialTests {
    let v = PairPotential()

    @Test func smoothingCoefficientsMatchBarbotEtAl() {
        // Barbot et al., PRE 97, 033001 (2018) write v = 4ε[(σ/r)¹² − (σ/r)⁶ + c0 + c2 (r/σ)² + c4 (r/σ)⁴]
        // with c0 = 0.04049023795, c2 = −0.00970155098, c4 = 0.00062012616 for r_c = 2.5σ; our
        // coefficients sit outside the 4ε, so they are four times theirs: the same potential.
        #expect(abs(v.c0 - 4 * 0.04049023795) < 4e-11)
        #expect(abs(v.c2 + 4 * 0.00970155098) < 4e-11)
        #expect(abs(v.c4 - 4 * 0.00062012616) < 4e-11)
    }

    @Test(arguments: Species.allCases)
    func potentialAndTwoDerivativesVanishAtTheCutoff(a: Species) {
        for b in Species.allCases {
            let rc = 2.5 * Mixture.paper.sigma(a, b)
            let below = rc * (1 - 1e-12)
            #expect(abs(v.energy(r: below, a, b)) < 1e-12)
            #expect(abs(v.derivative(r: below, a, b)) < 1e-12)
            #expect(abs(v.secondDerivative(r: below, a, b)) < 1e-10)
            #expect(v.energy(r: rc, a, b) == 0 && v.energy(r: rc * 1.01, a, b) == 0)
        }
    }

    @Test func matchesPlainLennardJonesPlusPolynomial() {
        let m = Mixture.paper
        for (a, b) in [(Species.small, Species.large), (.medium, .medium), (.large, .large), (.small, .medium)] {
            let s = m.sigma(a, b), e = m.epsilon(a, b)
            for r in stride(from: 0.8 * s, to: 2.5 * s, by: 0.07 * s) {
                let lj = 4 * e * (pow(s / r, 12) - pow(s / r, 6))
                let poly = e * (v.c0 + v.c2 * pow(r / s, 2) + v.c4 * pow(r / s, 4))
                #expect(abs(v.energy(r: r, a, b) - (lj + poly)) < 1e-12 * max(1, abs(lj)))
            }
        }
    }

    @Test func derivativeMatchesFiniteDifference() {
        for r in [0.9, 1.1, 1.7, 2.3] {
            let h = 1e-6
            let fd = (v.energy(r: r + h, .small, .large) - v.energy(r: r - h, .small, .large)) / (2 * h)
            #expect(abs(fd - v.derivative(r: r, .small, .large)) < 1e-6)
        }
    }

    @Test func mixingRulesAreThoseOfThePaper() {
        let m = Mixture.paper
        #expect(abs(m.sigma(.large, .large) - 1.1755705045849463) < 1e-15)
        #expect(abs(m.sigma(.small, .small) - 0.6180339887498948) < 1e-15)
        #expect(m.sigma(.medium, .medium) == (m.sigma(.large, .large) + m.sigma(.small, .small)) / 2)
        #expect(m.sigma(.large, .medium) == (m.sigma(.large, .large) + 1) / 2)
        #expect(m.epsilon(.medium, .small) == 0.75 && m.epsilon(.medium, .medium) == 0.5 && m.epsilon(.large, .medium) == 0.75)
    }
}
