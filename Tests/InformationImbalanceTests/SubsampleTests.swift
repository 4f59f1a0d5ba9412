import Testing
import InformationImbalance

/// Issue 27 §4: Δ on M of the N points, drawn from the seed.
@Suite struct SubsampleTests {
    @Test func theDrawIsDistinctSortedAndFixedByTheSeed() throws {
        let rows = try Subsample.indices(points: 1000, count: 100, seed: 7)
        #expect(rows.count == 100 && Set(rows).count == 100 && rows == rows.sorted())
        #expect(rows.allSatisfy { (0..<1000).contains($0) })
        #expect(try Subsample.indices(points: 1000, count: 100, seed: 7) == rows)
        #expect(try Subsample.indices(points: 1000, count: 100, seed: 8) != rows)
        #expect(try Subsample.indices(points: 30, count: 30, seed: 1) == Array(0..<30))
        #expect(throws: InformationImbalanceError.invalidSubsample(count: 31, points: 30)) { try Subsample.indices(points: 30, count: 31, seed: 1) }
        #expect(throws: InformationImbalanceError.invalidSubsample(count: 1, points: 30)) { try Subsample.indices(points: 30, count: 1, seed: 1) }
    }

    /// The option's result equals brute force on the explicitly subsampled arrays: ranks are
    /// ranks among the M points.
    @Test(arguments: [1, 4])
    func subsampledDeltaEqualsBruteForceOnTheChosenRows(k: Int) throws {
        let data = TestData.correlated(points: 400, features: 3, seed: 12)
        let p = try FeatureSpace(scalar: data.target)
        let rows = try Subsample.indices(points: 400, count: 60, seed: 99)
        let pick = { (x: FeatureSpace) in try FeatureSpace(columns: (0..<x.featureCount).map { c in rows.map { x.column(c)[$0] } }) }
        let a = try pick(data.features), b = try pick(p)
        let fast = try informationImbalances(between: data.features.subsampled(count: 60, seed: 99), and: p.subsampled(count: 60, seed: 99), k: k)
        #expect(fast.forward == SlowReference.imbalance(from: a, to: b, k: k))
        #expect(fast.backward == SlowReference.imbalance(from: b, to: a, k: k))
        // Not the same as the full data's Δ (ranks among 60, not 400).
        #expect(fast != (try informationImbalances(between: data.features, and: p, k: k)))
    }

    @Test func selectingPointsChecksTheRange() throws {
        let x = try FeatureSpace(columns: [[1, 2, 3], [4, 5, 6]])
        #expect(try x.selecting(points: [2, 0]).column(1) == [6, 4])
        #expect(throws: InformationImbalanceError.pointOutOfRange(index: 3, pointCount: 3)) { try x.selecting(points: [3]) }
    }
}
