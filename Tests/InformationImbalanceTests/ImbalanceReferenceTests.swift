import Testing
@testable import InformationImbalance

@Suite struct ImbalanceReferenceTests {
    @Test(arguments: [(5, 1, 1), (17, 1, 3), (40, 3, 1), (64, 4, 2), (101, 2, 6)])
    func fastEqualsSortingReferenceOnRandomData(n: Int, ma: Int, mb: Int) throws {
        let a = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: ma, seed: 11))
        let b = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: mb, seed: 12))
        let fast = try informationImbalances(between: a, and: b)
        #expect(fast.forward == SlowReference.imbalance(from: a, to: b))
        #expect(fast.backward == SlowReference.imbalance(from: b, to: a))
    }

    /// With many ties the fast engine follows the documented stable-argsort rule exactly, in the
    /// vector path and in the sorted scalar path.
    @Test(arguments: [(30, 1, 1, 4), (50, 1, 1, 2), (45, 2, 1, 3), (60, 2, 3, 2)])
    func tiesFollowTheStableArgsortRule(n: Int, ma: Int, mb: Int, levels: Int) throws {
        let a = try FeatureSpace(columns: TestData.discreteColumns(points: n, features: ma, levels: levels, seed: 21))
        let b = try FeatureSpace(columns: TestData.discreteColumns(points: n, features: mb, levels: levels, seed: 22))
        let fast = try informationImbalances(between: a, and: b)
        #expect(fast.forward == SlowReference.imbalance(from: a, to: b, root: false))
        #expect(fast.backward == SlowReference.imbalance(from: b, to: a, root: false))
    }

    /// The sorted scalar path and the row-scanning path are two codings of one rule.
    @Test func scalarPathEqualsRowPathWithTies() throws {
        let cols = TestData.discreteColumns(points: 80, features: 2, levels: 5, seed: 5)
        let a = ScalarSpace(cols[0]), b = ScalarSpace(cols[1])
        let sa = try FeatureSpace(scalar: cols[0])
        for i in 0..<80 {
            let row = UnsafeMutablePointer<Double>.allocate(capacity: 80); defer { row.deallocate() }
            sa.columnMajor.withUnsafeBufferPointer { squaredDistances(from: i, columns: $0, points: 80, features: 1, into: row) }
            #expect(a.nearestNeighbour(of: i) == nearestInRow(row, of: i, points: 80))
            for j in 0..<80 where j != i { #expect(a.rank(of: j, from: i) == rankInRow(row, of: j, from: i, points: 80)) }
        }
        _ = b
    }

    /// One realistic size, N = 4000, scalar and vector spaces in both directions.
    @Test func fastEqualsReferenceAtN4000() throws {
        let data = TestData.correlated(points: 4000, features: 3, seed: 4000)
        let x = data.features.standardized()
        let p = try FeatureSpace(scalar: data.target)
        let x0 = try x.selecting(features: [0])
        for (a, b) in [(x, p), (x0, p)] {
            let fast = try informationImbalances(between: a, and: b)
            let slow = SlowReference.countingImbalances(a, b)
            #expect(abs(fast.forward - slow.forward) <= 1e-12)
            #expect(abs(fast.backward - slow.backward) <= 1e-12)
        }
    }

    @Test func resultDoesNotDependOnTheChunking() throws {
        let data = TestData.correlated(points: 300, features: 4, seed: 3)
        let p = try FeatureSpace(scalar: data.target)
        let one = try informationImbalances(between: data.features, and: p, chunks: 1)
        for chunks in [2, 7, 64, 300, 1000] {
            #expect(try informationImbalances(between: data.features, and: p, chunks: chunks) == one)
        }
    }
}
