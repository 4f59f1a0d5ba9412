import Testing
@testable import Descriptors

@Suite struct StandardisationTests {
    @Test func zeroMeanUnitVariancePerColumn() {
        // Columns: 1…5, a constant, and 5 values of a wide spread.
        let rows = 5, columns = 3
        var m = [Double]()
        for r in 0..<rows { m += [Double(r + 1), 7, [1e6, -3, 0.5, 2, 9][r]] }
        let s = Standardisation.standardised(m, rows: rows, columns: columns)
        for c in [0, 2] {
            let col = (0..<rows).map { s[$0 * columns + c] }
            let mean = col.reduce(0, +) / Double(rows)
            let variance = col.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(rows)
            #expect(abs(mean) < 1e-12)
            #expect(abs(variance - 1) < 1e-12)
        }
        // Column 0 by hand: mean 3, population sd √2.
        #expect(abs(s[0] - (1 - 3) / 2.0.squareRoot()) < 1e-15)
        #expect((0..<rows).allSatisfy { s[$0 * columns + 1] == 0 }) // constant column → zeros, not NaN
    }
}
