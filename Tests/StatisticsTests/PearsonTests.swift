import Foundation
import Testing
import Statistics

@Suite struct PearsonTests {
    @Test func perfectCorrelationAndAntiCorrelation() {
        #expect(abs(pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-15)
        #expect(abs(pearson([1, 2, 3, 4], [8, 6, 4, 2]) + 1) < 1e-15)
    }

    /// Deviations (−1.5, −.5, .5, 1.5) and (−1.5, .5, −.5, 1.5): Σab = 4, Σa² = Σb² = 5 → ρ = 0.8.
    @Test func handComputedValues() {
        #expect(abs(pearson([1, 2, 3, 4], [1, 3, 2, 4]) - 0.8) < 1e-15)
        // deviations (−1, 0, 1) and (−1, 1, 0): Σab = 1, Σa² = Σb² = 2 → ρ = 1/2
        #expect(abs(pearson([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-15)
        // (−3, −1, 1, 3)·(1, −1, −1, 1) = 0 → uncorrelated
        #expect(abs(pearson([1, 3, 5, 7], [2, 0, 0, 2])) < 1e-15)
    }

    @Test func constantOrEmptyIsNaN() {
        #expect(pearson([1, 1, 1], [1, 2, 3]).isNaN)
        #expect(pearson([], []).isNaN)
    }

    @Test func invariantUnderAffineMaps() {
        let a = (0..<100).map { sin(Double($0) * 1.3) }, b = (0..<100).map { cos(Double($0) * 0.7) + 0.01 * Double($0) }
        let r = pearson(a, b)
        #expect(abs(pearson(a.map { 3 * $0 - 7 }, b.map { 0.5 * $0 + 100 }) - r) < 1e-13)
        #expect(abs(pearson(a.map { -$0 }, b) + r) < 1e-13)
    }

    @Test func speciesSplit() {
        let a: [Double] = [1, 1, 2, 2, 3, 3, 0, 1]
        let b: [Double] = [1, 3, 3, 2, 2, 1, 5, 7]
        let species = [0, 1, 0, 1, 0, 1, 2, 2]
        // species 0: a = (1,2,3), b = (1,3,2) → 1/2; species 1: b = (3,2,1) → −1; species 2: two points → 1
        let rho = pearsonBySpecies(a, b, species: species, speciesCount: 4)
        #expect(abs(rho[0] - 0.5) < 1e-14)
        #expect(abs(rho[1] + 1) < 1e-14)
        #expect(abs(rho[2] - 1) < 1e-14)
        #expect(rho[3].isNaN) // no particles of species 3
        // all particles: means 13/8 and 3; Σab = −9, Σa² = 63/8, Σb² = 30
        #expect(abs(pearson(a, b) - (-9 / (63.0 / 8 * 30).squareRoot())) < 1e-14)
    }

    @Test func withinSpeciesPearsonRemovesTheSpeciesOffset() {
        // x follows p exactly inside each species, with offsets that wreck the overall correlation.
        let species = (0..<60).map { $0 % 3 }
        let p = (0..<60).map { Double($0 / 3) }
        let x = zip(p, species).map { $0 + [0.0, -40, 25][$1] }
        let r = withinSpeciesPearson(x, p, groups: speciesGroups(species, count: 3))
        #expect(abs(r.pooled - 1) < 1e-12 && r.perSpecies.allSatisfy { abs($0 - 1) < 1e-12 })
        #expect(pearson(x, p) < 0.9)
    }

    /// Pooled = size-weighted mean of the per-species values; groups under 3 points are skipped.
    @Test func withinSpeciesPearsonWeightsBySize() {
        // group 0: (1,2,3) vs (1,3,2) → 0.5 (3 points); group 1: 4 points, ρ = −1; group 2: 2 points → NaN
        let x: [Double] = [1, 2, 3, 1, 2, 3, 4, 5, 6]
        let p: [Double] = [1, 3, 2, 4, 3, 2, 1, 0, 9]
        let r = withinSpeciesPearson(x, p, groups: [[0, 1, 2], [3, 4, 5, 6], [7, 8]])
        #expect(abs(r.perSpecies[0] - 0.5) < 1e-14 && abs(r.perSpecies[1] + 1) < 1e-14 && r.perSpecies[2].isNaN)
        #expect(abs(r.pooled - (3 * 0.5 + 4 * -1) / 7) < 1e-14)
    }

    @Test func speciesGroupsAreAscendingIndices() {
        #expect(speciesGroups([2, 0, 2, 1, 0], count: 4) == [[1, 4], [3], [0, 2], []])
    }
}
