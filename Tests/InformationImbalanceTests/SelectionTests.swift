import Testing
import InformationImbalance

/// Greedy selections by brute force with the slow reference: every candidate set X_{d−1} ∪ {c}
/// is built as its own space and compared from scratch.
enum BruteForceGreedy {
    static func supervised(_ x: FeatureSpace, _ y: FeatureSpace, maxD: Int, root: Bool = true, k: Int = 1) throws -> (order: [Int], to: [Double], from: [Double]) {
        let dy = SlowReference.distanceMatrix(y, root: root)
        var order = [Int](), to = [Double](), from = [Double]()
        for _ in 0..<maxD {
            var best: (c: Int, score: Double, back: Double)?
            for c in 0..<x.featureCount where !order.contains(c) {
                let dx = SlowReference.distanceMatrix(try x.selecting(features: order + [c]), root: root)
                let score = SlowReference.imbalance(from: dx, to: dy, k: k)
                if best == nil || score < best!.score { best = (c, score, SlowReference.imbalance(from: dy, to: dx, k: k)) }
            }
            order.append(best!.c); to.append(best!.score); from.append(best!.back)
        }
        return (order, to, from)
    }

    static func unsupervised(_ x: FeatureSpace, maxD: Int, root: Bool = true, k: Int = 1) throws -> (order: [Int], fullTo: [Double], toFull: [Double], sym: [Double]) {
        let dFull = SlowReference.distanceMatrix(x, root: root)
        var order = [Int](), fullTo = [Double](), toFull = [Double](), sym = [Double]()
        for _ in 0..<maxD {
            var best: (c: Int, sym: Double, fullTo: Double, toFull: Double)?
            for c in 0..<x.featureCount where !order.contains(c) {
                let dx = SlowReference.distanceMatrix(try x.selecting(features: order + [c]), root: root)
                let f = SlowReference.imbalance(from: dFull, to: dx, k: k), t = SlowReference.imbalance(from: dx, to: dFull, k: k)
                let s = (f + t) / 2.0.squareRoot()
                if best == nil || s < best!.sym { best = (c, s, f, t) }
            }
            order.append(best!.c); fullTo.append(best!.fullTo); toFull.append(best!.toFull); sym.append(best!.sym)
        }
        return (order, fullTo, toFull, sym)
    }
}

@Suite struct SelectionTests {
    @Test(arguments: [(60, 7, 4, UInt64(1)), (90, 6, 6, UInt64(2)), (45, 9, 3, UInt64(3))])
    func supervisedMatchesBruteForce(n: Int, m: Int, maxD: Int, seed: UInt64) throws {
        let data = TestData.correlated(points: n, features: m, seed: seed)
        let fast = try supervisedSelection(features: data.features, target: data.target, maxD: maxD, noise: nil)
        let slow = try BruteForceGreedy.supervised(data.features.standardized(), try FeatureSpace(scalar: data.target), maxD: maxD)
        #expect(fast.order == slow.order)
        #expect(fast.toTarget == slow.to)
        #expect(fast.fromTarget == slow.from)
        #expect(fast.withNoise == nil)
    }

    /// k > 1 (issue 27) runs its own kernel (RankKKernel.swift).
    @Test(arguments: [(60, 7, 4, UInt64(4), 1), (80, 8, 8, UInt64(5), 1), (40, 5, 2, UInt64(6), 1),
                      (40, 5, 3, UInt64(4), 2), (50, 6, 5, UInt64(5), 7)])
    func unsupervisedMatchesBruteForce(n: Int, m: Int, maxD: Int, seed: UInt64, k: Int) throws {
        let data = TestData.correlated(points: n, features: m, seed: seed)
        let fast = try unsupervisedSelection(features: data.features, maxD: maxD, k: k, chunks: 3)
        let slow = try BruteForceGreedy.unsupervised(data.features.standardized(), maxD: maxD, k: k)
        #expect(fast.order == slow.order)
        #expect(fast.fullToSubset == slow.fullTo)
        #expect(fast.subsetToFull == slow.toFull)
        #expect(fast.symmetric == slow.sym)
    }

    /// Discrete features: candidate and neighbour ties everywhere; both engines apply the documented
    /// rules on squared distances.
    @Test func selectionsMatchBruteForceWithTies() throws {
        let x = try FeatureSpace(columns: TestData.discreteColumns(points: 50, features: 5, levels: 3, seed: 9))
        let y = TestData.discreteColumns(points: 50, features: 1, levels: 4, seed: 10)[0]
        let sup = try supervisedSelection(features: x, target: y, maxD: 4, noise: nil)
        let slowSup = try BruteForceGreedy.supervised(x.standardized(), try FeatureSpace(scalar: y), maxD: 4, root: false)
        #expect(sup.order == slowSup.order)
        #expect(sup.toTarget == slowSup.to)
        #expect(sup.fromTarget == slowSup.from)
        let uns = try unsupervisedSelection(features: x, maxD: 4)
        let slowUns = try BruteForceGreedy.unsupervised(x.standardized(), maxD: 4, root: false)
        #expect(uns.order == slowUns.order)
        #expect(uns.fullToSubset == slowUns.fullTo)
        #expect(uns.subsetToFull == slowUns.toFull)
        #expect(uns.symmetric == slowUns.sym)
    }

    /// The noise point is X_maxD plus the standardized noise column, in that column order.
    @Test func noisePointIsTheSelectedSetPlusStandardizedNoise() throws {
        let data = TestData.correlated(points: 70, features: 6, seed: 12)
        let noise = TestData.gaussianColumns(points: 70, features: 1, seed: 13)[0].map { 5 * $0 + 2 }
        let fast = try supervisedSelection(features: data.features, target: data.target, maxD: 3, noise: noise)
        let withNoise = try data.features.standardized().selecting(features: fast.order)
            .appending(feature: try FeatureSpace(scalar: noise).standardized().column(0))
        let p = try FeatureSpace(scalar: data.target)
        #expect(fast.withNoise == ImbalancePair(forward: SlowReference.imbalance(from: withNoise, to: p),
                                                backward: SlowReference.imbalance(from: p, to: withNoise)))
    }

    /// The first supervised step and the per-feature analysis compute the same Δ(X → p).
    @Test func firstStepAgreesWithFeatureAnalysis() throws {
        let data = TestData.correlated(points: 200, features: 8, seed: 14)
        let analysis = try featureAnalysis(features: data.features, target: data.target)
        let sel = try supervisedSelection(features: data.features, target: data.target, maxD: 1, noise: nil)
        let best = analysis.toTarget.indices.min { analysis.toTarget[$0] < analysis.toTarget[$1] }!
        #expect(sel.order == [best])
        #expect(sel.toTarget[0] == analysis.toTarget[best])
        #expect(sel.fromTarget[0] == analysis.fromTarget[best])
    }

    @Test func selectionsDoNotDependOnTheChunking() throws {
        let data = TestData.correlated(points: 150, features: 7, seed: 15)
        let noise = TestData.gaussianColumns(points: 150, features: 1, seed: 16)[0]
        let sup1 = try supervisedSelection(features: data.features, target: data.target, maxD: 5, noise: noise, chunks: 1)
        let uns1 = try unsupervisedSelection(features: data.features, maxD: 5, chunks: 1)
        for chunks in [3, 64, 150] {
            #expect(try supervisedSelection(features: data.features, target: data.target, maxD: 5, noise: noise, chunks: chunks) == sup1)
            #expect(try unsupervisedSelection(features: data.features, maxD: 5, chunks: chunks) == uns1)
        }
    }

    @Test func rejectsBadParameters() throws {
        let data = TestData.correlated(points: 20, features: 3, seed: 17)
        #expect(throws: InformationImbalanceError.invalidMaxD(maxD: 4, featureCount: 3)) {
            try supervisedSelection(features: data.features, target: data.target, maxD: 4, noise: nil)
        }
        #expect(throws: InformationImbalanceError.invalidMaxD(maxD: 0, featureCount: nil)) { try GreedySelection(maxD: 0) }
        #expect(throws: InformationImbalanceError.invalidChunkCount(0)) { try GreedySelection(maxD: 1, chunks: 0) }
        #expect(throws: InformationImbalanceError.targetLengthMismatch(points: 20, target: 3)) {
            try supervisedSelection(features: data.features, target: [1, 2, 3], maxD: 1, noise: nil)
        }
        #expect(throws: InformationImbalanceError.noiseLengthMismatch(points: 20, noise: 2)) {
            try supervisedSelection(features: data.features, target: data.target, maxD: 1, noise: [1, 2])
        }
    }
}
