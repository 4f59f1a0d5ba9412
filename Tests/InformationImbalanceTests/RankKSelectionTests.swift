import Testing
import InformationImbalance

/// Issue 27 §4: the greedy selections with rank k > 1 against brute force (every candidate set
/// built as its own space and ranked by full sorts; the unsupervised cases are in SelectionTests).
@Suite struct RankKSelectionTests {
    @Test(arguments: [(40, 5, 3, 2, UInt64(1)), (50, 6, 4, 5, UInt64(2)), (30, 4, 4, 10, UInt64(3))])
    func supervisedMatchesBruteForce(n: Int, m: Int, maxD: Int, k: Int, seed: UInt64) throws {
        let data = TestData.correlated(points: n, features: m, seed: seed)
        let noise = TestData.gaussianColumns(points: n, features: 1, seed: seed)[0]
        let fast = try supervisedSelection(features: data.features, target: data.target, maxD: maxD, noise: noise, k: k, chunks: 3)
        let x = data.features.standardized(), y = try FeatureSpace(scalar: data.target)
        let slow = try BruteForceGreedy.supervised(x, y, maxD: maxD, root: false, k: k)
        #expect(fast.order == slow.order)
        #expect(fast.toTarget == slow.to)
        #expect(fast.fromTarget == slow.from)
        let withNoise = try x.selecting(features: slow.order).appending(feature: try FeatureSpace(scalar: noise).standardized().column(0))
        #expect(fast.withNoise == ImbalancePair(forward: SlowReference.imbalance(from: withNoise, to: y, root: false, k: k),
                                                backward: SlowReference.imbalance(from: y, to: withNoise, root: false, k: k)))
    }

    /// With exact ties (small integers) the candidate rows follow the stable-argsort rule too.
    @Test func tiedFeaturesMatchBruteForce() throws {
        let x = try FeatureSpace(columns: TestData.discreteColumns(points: 36, features: 4, levels: 3, seed: 8))
        let y = TestData.discreteColumns(points: 36, features: 1, levels: 4, seed: 9)[0]
        let fast = try supervisedSelection(features: x, target: y, maxD: 3, noise: nil, k: 3, standardize: false)
        let slow = try BruteForceGreedy.supervised(x, try FeatureSpace(scalar: y), maxD: 3, root: false, k: 3)
        #expect(fast.order == slow.order && fast.toTarget == slow.to && fast.fromTarget == slow.from)
        let un = try unsupervisedSelection(features: x, maxD: 3, k: 4, standardize: false)
        let unSlow = try BruteForceGreedy.unsupervised(x, maxD: 3, root: false, k: 4)
        #expect(un.order == unSlow.order && un.symmetric == unSlow.sym)
    }
}
