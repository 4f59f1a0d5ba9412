import Testing
@testable import Regression

@Suite struct PearsonTests {
    @Test func handComputedValues() {
        #expect(abs(pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-14)
        #expect(abs(pearson([1, 2, 3, 4], [8, 6, 4, 2]) + 1) < 1e-14)
        // deviations (−1, 0, 1) and (−1, 1, 0): Σab = 1, Σa² = Σb² = 2 → ρ = 1/2
        #expect(abs(pearson([1, 2, 3], [1, 3, 2]) - 0.5) < 1e-14)
        // (−3, −1, 1, 3)·(1, −1, −1, 1) = 0 → uncorrelated
        #expect(abs(pearson([1, 3, 5, 7], [2, 0, 0, 2])) < 1e-14)
    }

    @Test func constantOrEmptyIsNaN() {
        #expect(pearson([1, 1, 1], [1, 2, 3]).isNaN)
        #expect(pearson([], []).isNaN)
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
        // all particles: means 13/8 and 3; Σab = 30 − 39 = −9, Σa² = 29 − 169/8 = 63/8, Σb² = 102 − 72 = 30
        let expected = -9 / (63.0 / 8 * 30).squareRoot()
        #expect(abs(pearson(a, b) - expected) < 1e-14)
    }

    @Test func invariantUnderAffineMaps() {
        var data = TestData(3)
        let a = data.vector(100), b = data.vector(100)
        let r = pearson(a, b)
        #expect(abs(pearson(a.map { 3 * $0 - 7 }, b.map { 0.5 * $0 + 100 }) - r) < 1e-13)
        #expect(abs(pearson(a.map { -$0 }, b) + r) < 1e-13)
    }
}
