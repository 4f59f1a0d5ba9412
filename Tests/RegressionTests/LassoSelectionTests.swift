import Testing
@testable import Regression

@Suite struct LassoSelectionTests {
    @Test func returnsExactlyDOrNothing() throws {
        let problem = LassoTests.Problem(seed: 41, m: 10)
        let lasso = try Lasso(gram: problem.gram)
        var reached = 0
        for d in 1...10 {
            guard let selection = try lasso.lassoSelection(d: d) else { continue }
            reached += 1
            #expect(selection.columns.count == d)
            #expect(Set(selection.columns) == Set(selection.solution.nonZeroColumns))
            let magnitudes = selection.columns.map { abs(selection.solution.weights[$0]) }
            #expect(magnitudes == magnitudes.sorted(by: >))
            // the reported α is the one the solution was computed at
            #expect(try lasso.solve(alpha: selection.alpha).nonZeroColumns == selection.solution.nonZeroColumns)
        }
        #expect(reached >= 8) // a generic path passes through most counts
    }

    @Test func firstSelectedFeatureIsTheMostCorrelated() throws {
        let problem = LassoTests.Problem(seed: 42)
        let g = problem.gram.gramTarget
        let strongest = g.indices.max { abs(g[$0]) < abs(g[$1]) }!
        #expect(try Lasso(gram: problem.gram).lassoSelection(d: 1)?.columns == [strongest])
    }

    @Test func widensTheSearchWhenAlphaMaxExceedsTwo() throws {
        // scaling the target scales the path in α; with α_max ≫ 2 the authors' fixed range (0, 2)
        // would hold every feature, but the widened search still finds d = 1
        var data = TestData(43)
        let n = 100, m = 4
        let x = data.matrix(rows: n, columns: m)
        let noise = data.vector(n)
        let y = (0..<n).map { 1000 * x[$0 * m + 2] + 100 * noise[$0] }
        let lasso = try Lasso(gram: StandardizedGram(CentredMoments(features: x, featureCount: m, target: y)))
        #expect(lasso.alphaMax > 2)
        let selection = try #require(try lasso.lassoSelection(d: 1))
        #expect(selection.columns == [2])
        #expect(selection.alpha > 2)
    }

    @Test func reportsWhenExactlyDCannotBeReached() throws {
        // three constant columns can never be selected, so at most 2 of 5 weights are non-zero
        var data = TestData(44)
        let n = 80
        let base = data.matrix(rows: n, columns: 2)
        let x: [Double] = (0..<n).flatMap { (i: Int) -> [Double] in [base[2 * i], 1.0, base[2 * i + 1], 2.0, 3.0] }
        let y: [Double] = (0..<n).map { (i: Int) -> Double in base[2 * i] - base[2 * i + 1] + 0.1 * Double(i % 3) }
        let lasso = try Lasso(gram: StandardizedGram(CentredMoments(features: x, featureCount: 5, target: y)))
        #expect(try lasso.lassoSelection(d: 2)?.columns.sorted() == [0, 2])
        #expect(try lasso.lassoSelection(d: 3, maximumIterations: 60) == nil)
        #expect(throws: RegressionError.self) { try lasso.lassoSelection(d: 0) }
        #expect(throws: RegressionError.self) { try lasso.lassoSelection(d: 6) }
    }
}
