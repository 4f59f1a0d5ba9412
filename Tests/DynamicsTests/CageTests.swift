import Foundation
import Model
@testable import Dynamics
import Randomness
import TestSupport
import Testing

@Suite struct CageTests {
    @Test func rigidTranslationGivesNoCageRelativeMotion() {
        let c = Fixtures.randomMixture(n: 200, seed: 2)
        let cage = Cage(c)
        let x = c.x.map { $0 + 3.7 }, y = c.y.map { $0 - 12.25 }
        let d = cage.cageRelativeDisplacements(x: x, y: y)
        #expect(d.dx.allSatisfy { abs($0) < 1e-12 } && d.dy.allSatisfy { abs($0) < 1e-12 })
        #expect(cage.bondSurvival(x: x, y: y).allSatisfy { $0 == 1 })
        #expect(abs(selfScattering(dx: d.dx, dy: d.dy) - 1) < 1e-12)
    }

    @Test func selfScatteringAtTimeZeroIsOne() {
        let c = Fixtures.randomMixture(n: 100, seed: 4)
        let d = Cage(c).cageRelativeDisplacements(x: c.x, y: c.y)
        #expect(selfScattering(dx: d.dx, dy: d.dy) == 1)
    }

    @Test func singleDisplacedParticleByHand() {
        // Particle 0 moves by a along x. After the centre-of-mass correction it moves by a
        // relative to its cage, each of its 4 neighbours by −a/4, everybody else by 0.
        let c = squareLattice(), n = c.count, a = 0.37, k = 6.3
        var x = c.x
        x[0] += a
        let d = Cage(c).cageRelativeDisplacements(x: x, y: c.y)
        #expect(abs(d.dx[0] - a) < 1e-12)
        let neighbours = [1, 9, 10, 90]
        for j in neighbours { #expect(abs(d.dx[j] + a / 4) < 1e-12) }
        #expect(abs(d.dx[55]) < 1e-12 && d.dy.allSatisfy { abs($0) < 1e-12 })
        let expected = ((cos(k * a) + 1) / 2 + 4 * (cos(k * a / 4) + 1) / 2 + Double(n - 5)) / Double(n)
        #expect(abs(selfScattering(dx: d.dx, dy: d.dy, k: k) - expected) < 1e-12)
    }

    @Test func bondBreakingByHand() {
        // 1.8 σ_LL ≈ 2.116: moving particle 0 by 1.0 puts its left neighbour at 2.2 (broken),
        // the others stay bonded; by 0.8 nothing breaks.
        let c = squareLattice()
        var x = c.x
        x[0] += 1.0
        let q = Cage(c).bondSurvival(x: x, y: c.y)
        #expect(q[0] == 0.75 && q[9] == 0.75)
        #expect(q[1] == 1 && q[10] == 1 && q[90] == 1 && q[55] == 1)
        x[0] = c.x[0] + 0.8
        #expect(Cage(c).bondSurvival(x: x, y: c.y).allSatisfy { $0 == 1 })
    }

    @Test func matchesANaiveReference() {
        // Random displacements; reference recomputes neighbours by brute force.
        let c = Fixtures.randomMixture(n: 150, seed: 8), mix = Mixture.paper
        var rng = RandomStream(seed: 3, purpose: .testData)
        let x = c.x.map { $0 + rng.gaussian() * 0.3 }, y = c.y.map { $0 + rng.gaussian() * 0.3 }
        let d = Cage(c).cageRelativeDisplacements(x: x, y: y)
        let n = c.count
        let mx = (0..<n).map { x[$0] - c.x[$0] }.reduce(0, +) / Double(n)
        let my = (0..<n).map { y[$0] - c.y[$0] }.reduce(0, +) / Double(n)
        for i in 0..<n {
            var sx = 0.0, sy = 0.0, m = 0
            for j in 0..<n where j != i {
                let (rx, ry) = c.separation(i, j)
                let s = 1.4 * mix.sigma(c.species[i], c.species[j])
                if rx * rx + ry * ry < s * s { sx += x[j] - c.x[j] - mx; sy += y[j] - c.y[j] - my; m += 1 }
            }
            let ex = x[i] - c.x[i] - mx - (m > 0 ? sx / Double(m) : 0)
            let ey = y[i] - c.y[i] - my - (m > 0 ? sy / Double(m) : 0)
            #expect(abs(d.dx[i] - ex) < 1e-12 && abs(d.dy[i] - ey) < 1e-12)
        }
    }
}
