import Testing
import Statistics
import InformationImbalance

@Suite struct FeatureAnalysisTests {
    @Test func everyColumnMatchesTheReferenceAndPearson() throws {
        let data = TestData.correlated(points: 120, features: 5, seed: 40)
        let analysis = try featureAnalysis(features: data.features, target: data.target)
        let x = data.features.standardized()
        let p = try FeatureSpace(scalar: data.target)
        for c in 0..<5 {
            let xc = try x.selecting(features: [c])
            #expect(analysis.toTarget[c] == SlowReference.imbalance(from: xc, to: p))
            #expect(analysis.fromTarget[c] == SlowReference.imbalance(from: p, to: xc))
            #expect(abs(analysis.pearson[c] - pearson(data.features.column(c), data.target)) < 1e-12)
        }
    }
}
