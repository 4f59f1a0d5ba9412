import Foundation
import Testing
@testable import Model
import TestSupport

@Suite struct ConfigurationTests {
    let v = PairPotential()

    @Test func twoParticlesAtKnownDistance() {
        let c = Configuration(boxLength: 10, x: [1, 2.1], y: [1, 1], species: [.small, .large])
        let r = 1.1, e = 1.0
        let expected = 4 * e * (pow(1 / r, 12) - pow(1 / r, 6)) + e * (v.c0 + v.c2 * r * r + v.c4 * pow(r, 4))
        #expect(abs(c.potentialEnergyBruteForce(v) - expected) < 1e-14)
    }

    @Test func pairAcrossThePeriodicBoundary() {
        let inside = Configuration(boxLength: 10, x: [5, 6.05], y: [5, 5], species: [.medium, .medium])
        let across = Configuration(boxLength: 10, x: [0.3, 9.25], y: [5, 5], species: [.medium, .medium])
        #expect(abs(inside.potentialEnergyBruteForce(v) - across.potentialEnergyBruteForce(v)) < 1e-13)
        #expect(across.potentialEnergyBruteForce(v) != 0)
    }

    @Test func speciesCountsOfThePaper() throws {
        #expect(try Mixture.paper.counts(n: 4000) == [1760, 800, 1440])
        #expect(throws: ModelError.self) { try Mixture.paper.counts(n: 4001) }
        #expect(abs(Mixture.paper.boxLength(n: 4000) - 62.5) < 1e-12)
    }

    @Test func minimumImageAndWrap() {
        #expect(minimumImage(9.0, 10) == -1.0)
        #expect(minimumImage(-6.0, 10) == 4.0)
        #expect(wrap(-0.5, 10) == 9.5 && wrap(23.0, 10) == 3.0)
    }

    @Test func neighbourListMatchesBruteForce() {
        expectNeighbourListMatchesBruteForce(Fixtures.randomMixture(n: 400, seed: 3), ratio: 1.4)
    }
}

@Suite struct SmallBoxNeighbourTests {
    @Test func boxSmallerThanThreeCutoffsFindsEveryPair() {
        // L ≈ 4.9 < 3 × (1.8 σ_LL): the cell list falls back to all pairs.
        expectNeighbourListMatchesBruteForce(Fixtures.randomMixture(n: 25, seed: 8), ratio: 1.8)
    }
}

/// Every pair closer than ratio·σ_αβ, by the obviously correct double loop, equals the cell list.
func expectNeighbourListMatchesBruteForce(_ c: Configuration, ratio: Double) {
    let list = NeighborList(c, cutoffRatio: ratio)
    for i in 0..<c.count {
        var expected: [Int] = []
        for j in 0..<c.count where j != i {
            let (dx, dy) = c.separation(i, j)
            let rc = ratio * Mixture.paper.sigma(c.species[i], c.species[j])
            if dx * dx + dy * dy < rc * rc { expected.append(j) }
        }
        #expect(list.neighbors(of: i).map(Int.init) == expected)
    }
}

/// Issue 14, item 10: coincident particles are found in O(N) with the same answer as all pairs.
@Suite struct CoincidentPairTests {
    func bruteForce(_ c: Configuration) -> (Int, Int)? {
        for i in 0..<c.count { for j in (i + 1)..<c.count {
            let (dx, dy) = c.separation(i, j)
            if dx * dx + dy * dy < Configuration.coincidenceDistance * Configuration.coincidenceDistance { return (i, j) }
        } }
        return nil
    }

    @Test func agreesWithAllPairsOnPlantedDuplicates() {
        for seed in UInt64(1)...20 {
            var c = Fixtures.randomMixture(n: 200, seed: seed)
            #expect(c.coincidentPair() == nil)
            let i = Int(seed * 7 % 200), j = Int(seed * 13 % 200)
            guard i != j else { continue }
            // A periodic image of the same place, unwrapped by whole boxes.
            c.x[j] = c.x[i] + c.boxLength * Double(seed % 3); c.y[j] = c.y[i] - c.boxLength * Double(seed % 2)
            let found = c.coincidentPair()
            #expect(found != nil && found! == bruteForce(c)!, "seed \(seed)")
        }
    }

    @Test func tinyAndDegenerateBoxesDoNotTrap() {
        let c = Configuration(boxLength: 1e-300, x: [0, 1e300, 5], y: [0, 0, 5], species: [.small, .small, .large])
        _ = c.coincidentPair() // must return, whatever the verdict
        let same = Configuration(boxLength: 1e308, x: [1, 1], y: [2, 2], species: [.small, .medium])
        #expect(same.coincidentPair()! == (0, 1))
    }
}
