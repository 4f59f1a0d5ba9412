import Testing
@testable import Regression

@Suite struct RandomSelectionTests {
    @Test func reproducibleDistinctAndInRange() {
        for realisation in 0..<50 {
            let a = randomSelection(featureCount: 60, d: 15, seed: 5, configuration: 3, realisation: realisation)
            #expect(a == randomSelection(featureCount: 60, d: 15, seed: 5, configuration: 3, realisation: realisation))
            #expect(a.count == 15 && Set(a).count == 15 && a.allSatisfy { (0..<60).contains($0) })
        }
        let first = randomSelection(featureCount: 60, d: 15, seed: 5, configuration: 3, realisation: 0)
        #expect(first != randomSelection(featureCount: 60, d: 15, seed: 5, configuration: 3, realisation: 1))
        #expect(first != randomSelection(featureCount: 60, d: 15, seed: 6, configuration: 3, realisation: 0))
        #expect(first != randomSelection(featureCount: 60, d: 15, seed: 5, configuration: 4, realisation: 0))
        #expect(randomSelection(featureCount: 60, d: 60, seed: 5, configuration: 0, realisation: 0).sorted() == Array(0..<60))
    }

    @Test func everyFeatureIsEquallyLikely() {
        // each of 6 features appears in a 2-subset with probability 1/3; 6000 draws → 2000 ± 36.5 (σ)
        var counts = [Int](repeating: 0, count: 6)
        for r in 0..<6000 {
            for j in randomSelection(featureCount: 6, d: 2, seed: 1, configuration: 0, realisation: r) { counts[j] += 1 }
        }
        #expect(counts.allSatisfy { abs($0 - 2000) < 183 })
    }
}
