import Testing
import Statistics

@Suite struct SpreadTests {
    @Test func populationSpreadOfHandCase() {
        // (2, 4, 4, 4, 5, 5, 7, 9): mean 5, Σ(x − 5)² = 32, σ = √(32/8) = 2
        let m = meanAndSpread([2, 4, 4, 4, 5, 5, 7, 9])
        #expect(m.mean == 5 && m.std == 2 && m.count == 8)
    }

    @Test func nonFiniteValuesAreSkipped() {
        let m = meanAndSpread([1, .nan, 3, .infinity])
        #expect(m.mean == 2 && m.std == 1 && m.count == 2)
        #expect(meanAndSpread([.nan]).mean.isNaN && meanAndSpread([]).count == 0)
    }

    @Test func rowsAreReducedElementWise() {
        let (m, s) = meanAndSpread(rows: [[1, .nan], [3, 2]])
        #expect(m == [2, 2] && s == [1, 0])
        #expect(meanAndSpread(rows: []).mean.isEmpty)
    }

    @Test func spearmanBrownLimits() {
        #expect(spearmanBrown(halfCorrelation: 1) == 1)
        #expect(spearmanBrown(halfCorrelation: 0) == 0)
        // Two halves correlated at 0.5: the full mean is reliable to 2/3.
        #expect(abs(spearmanBrown(halfCorrelation: 0.5) - 2.0 / 3.0) < 1e-15)
    }

    @Test func correlationRatioOfPureAndAbsentGroupEffects() {
        let groups = speciesGroups((0..<30).map { $0 % 3 }, count: 3)
        #expect(abs(correlationRatio((0..<30).map { [2.0, 1.0, 0.5][$0 % 3] }, groups: groups) - 1) < 1e-12)
        // The same values in every group: the label explains nothing.
        #expect(abs(correlationRatio((0..<30).map { Double($0 / 3) }, groups: groups)) < 1e-12)
        // Hand case: values (0, 2 | 4, 6): mean 3, total 20; group means 1 and 5 → between 2·4 + 2·4 = 16.
        #expect(abs(correlationRatio([0, 2, 4, 6], groups: [[0, 1], [2, 3]]) - 0.8) < 1e-15)
    }
}
