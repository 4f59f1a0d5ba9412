import Testing
import Statistics
@testable import Regression

@Suite struct CentredMomentsTests {
    private func expectClose(_ a: CentredMoments, _ b: CentredMoments, _ tolerance: Double) {
        #expect(a.count == b.count)
        #expect(abs(a.targetMean - b.targetMean) < tolerance)
        #expect(maxAbsDifference(a.featureMean, b.featureMean) < tolerance)
        #expect(maxAbsDifference(a.featureScatter, b.featureScatter) < tolerance * a.featureScatter.map(abs).max()!)
        #expect(maxAbsDifference(a.featureTargetScatter, b.featureTargetScatter) < tolerance * a.targetScatter)
        #expect(abs(a.targetScatter - b.targetScatter) < tolerance * a.targetScatter)
    }

    @Test func pooledPartsEqualTheMomentsOfTheConcatenation() {
        var data = TestData(11)
        let m = 5
        let parts = [40, 73, 1, 25].enumerated().map { (k, n) in
            (x: data.matrix(rows: n, columns: m, offset: Double(k + 1)), y: data.vector(n).map { $0 + Double(k) })
        }
        let pooled = CentredMoments(pooling: parts.map { CentredMoments(features: $0.x, featureCount: m, target: $0.y) })
        let direct = CentredMoments(features: parts.flatMap(\.x), featureCount: m, target: parts.flatMap(\.y))
        expectClose(pooled, direct, 1e-12)
    }

    @Test func rowSubsetEqualsTheExtractedRows() {
        var data = TestData(12)
        let m = 4, n = 60
        let x = data.matrix(rows: n, columns: m), y = data.vector(n)
        let rows = stride(from: 1, to: n, by: 3).map { $0 }
        let subset = CentredMoments(features: x, featureCount: m, target: y, rows: rows)
        let extracted = CentredMoments(features: rows.flatMap { x[($0 * m)..<($0 * m + m)] }, featureCount: m,
                                       target: rows.map { y[$0] })
        expectClose(subset, extracted, 1e-13)
    }

    @Test func scatterIsTheHandComputedSum() {
        // x = (1, 2, 3), y = (2, 2, 5): μ = 2, ȳ = 3; Σ(x−μ)² = 2, Σ(x−μ)(y−ȳ) = 3, Σ(y−ȳ)² = 6
        let moments = CentredMoments(features: [1, 2, 3], featureCount: 1, target: [2, 2, 5])
        #expect(moments.featureMean == [2])
        #expect(moments.targetMean == 3)
        #expect(moments.featureScatter == [2])
        #expect(moments.featureTargetScatter == [3])
        #expect(moments.targetScatter == 6)
    }

    @Test func standardizedGramIsTheCorrelationMatrix() {
        var data = TestData(13)
        let m = 3, n = 200
        let x = data.matrix(rows: n, columns: m), y = data.vector(n)
        let gram = StandardizedGram(CentredMoments(features: x, featureCount: m, target: y))
        for j in 0..<m {
            #expect(abs(gram.gram[j * m + j] - 1) < 1e-14)
            let column = (0..<n).map { x[$0 * m + j] }
            for k in 0..<m {
                let other = (0..<n).map { x[$0 * m + k] }
                #expect(abs(gram.gram[j * m + k] - pearson(column, other)) < 1e-13)
            }
            // g_j = cov(z_j, y) = ρ(x_j, y)·σ_y
            #expect(abs(gram.gramTarget[j] - pearson(column, y) * gram.targetVariance.squareRoot()) < 1e-13)
        }
    }
}
