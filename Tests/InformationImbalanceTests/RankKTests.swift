import Testing
@testable import InformationImbalance

/// Issue 27 §4: rank k (DADApy's definition) against the sorting reference.
@Suite struct RankKTests {
    @Test(arguments: [(5, 1, 1, 2), (17, 1, 3, 4), (40, 3, 1, 5), (64, 4, 2, 10), (101, 2, 6, 3), (30, 2, 2, 29)])
    func rankKEqualsTheSortingReference(n: Int, ma: Int, mb: Int, k: Int) throws {
        let a = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: ma, seed: 31))
        let b = try FeatureSpace(columns: TestData.gaussianColumns(points: n, features: mb, seed: 32))
        let fast = try informationImbalances(between: a, and: b, k: k)
        #expect(fast.forward == SlowReference.imbalance(from: a, to: b, k: k))
        #expect(fast.backward == SlowReference.imbalance(from: b, to: a, k: k))
        #expect(try informationImbalance(from: a, to: b, k: k) == fast.forward)
    }

    /// Ties: the k nearest are the first k of the stable argsort, in scalar and vector spaces.
    @Test(arguments: [(30, 1, 1, 4, 3), (50, 1, 1, 2, 7), (45, 2, 1, 3, 2), (60, 2, 3, 2, 10)])
    func rankKTiesFollowTheStableArgsortRule(n: Int, ma: Int, mb: Int, levels: Int, k: Int) throws {
        let a = try FeatureSpace(columns: TestData.discreteColumns(points: n, features: ma, levels: levels, seed: 41))
        let b = try FeatureSpace(columns: TestData.discreteColumns(points: n, features: mb, levels: levels, seed: 42))
        let fast = try informationImbalances(between: a, and: b, k: k)
        #expect(fast.forward == SlowReference.imbalance(from: a, to: b, root: false, k: k))
        #expect(fast.backward == SlowReference.imbalance(from: b, to: a, root: false, k: k))
    }

    /// The row path at k = 1 gives the sorted scalar paths' values bit for bit (scalar, mixed, vector).
    @Test func theRowPathAtKOneEqualsTheScalarPaths() throws {
        let data = TestData.correlated(points: 300, features: 4, seed: 9)
        let p = try FeatureSpace(scalar: data.target)
        let x0 = try data.features.selecting(features: [0])
        for (a, b) in [(data.features, p), (x0, p), (p, data.features), (data.features, data.features.standardized())] {
            #expect(rowImbalances(a, b, k: 1, chunks: 7) == (try informationImbalances(between: a, and: b)))
        }
    }

    /// DADApy returns mean(ranks)/(N/2); the engine's (2/(N·k·N)) Σ r differs by rounding at most.
    @Test func equalsDADApysMeanOverNAndKUpToRounding() throws {
        let a = try FeatureSpace(columns: TestData.gaussianColumns(points: 50, features: 2, seed: 5))
        let b = try FeatureSpace(columns: TestData.gaussianColumns(points: 50, features: 1, seed: 6))
        let da = SlowReference.distanceMatrix(a), db = SlowReference.distanceMatrix(b)
        var ranks = [Double]()
        for i in 0..<50 {
            let orderB = SlowReference.argsort(db[i], selfIndex: i)
            for j in SlowReference.argsort(da[i], selfIndex: i)[1...5] { ranks.append(Double(orderB.firstIndex(of: j)!)) }
        }
        let dadapy = (ranks.reduce(0, +) / Double(ranks.count)) / (50 / 2.0)
        #expect(abs(try informationImbalance(from: a, to: b, k: 5) - dadapy) <= 1e-15)
    }

    @Test func resultDoesNotDependOnTheChunking() throws {
        let data = TestData.correlated(points: 200, features: 3, seed: 4)
        let p = try FeatureSpace(scalar: data.target)
        let one = try informationImbalances(between: data.features, and: p, k: 6, chunks: 1)
        for chunks in [2, 7, 200, 1000] { #expect(try informationImbalances(between: data.features, and: p, k: 6, chunks: chunks) == one) }
    }

    @Test func kOutsideOneToNMinusOneIsRefused() throws {
        let a = try FeatureSpace(columns: TestData.gaussianColumns(points: 10, features: 2, seed: 1))
        #expect(throws: InformationImbalanceError.invalidRank(k: 10, points: 10)) { try informationImbalances(between: a, and: a, k: 10) }
        #expect(throws: InformationImbalanceError.invalidRank(k: 0, points: 10)) { try informationImbalances(between: a, and: a, k: 0) }
        #expect(InformationImbalanceError.invalidRank(k: 10, points: 10).description
                == "k: rank k = 10 is outside the allowed 1…9 (each of the 10 points has 9 neighbours)")
        #expect(throws: InformationImbalanceError.invalidRank(k: 0, points: nil)) { try GreedySelection(maxD: 1, k: 0) }
        #expect(throws: InformationImbalanceError.invalidRank(k: 10, points: 10)) {
            try GreedySelection(maxD: 1, k: 10).unsupervised(features: a)
        }
    }

    /// Per feature with k > 1 equals the pairwise Δ of each standardized column.
    @Test func featureAnalysisTakesK() throws {
        let data = TestData.correlated(points: 80, features: 3, seed: 2)
        let result = try featureAnalysis(features: data.features, target: data.target, k: 4)
        let p = try FeatureSpace(scalar: data.target)
        for c in 0..<3 {
            let x = try data.features.standardized().selecting(features: [c])
            #expect(result.toTarget[c] == SlowReference.imbalance(from: x, to: p, root: false, k: 4))
            #expect(result.fromTarget[c] == SlowReference.imbalance(from: p, to: x, root: false, k: 4))
        }
    }
}
