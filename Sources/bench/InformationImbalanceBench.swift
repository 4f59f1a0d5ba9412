import InformationImbalance
import Randomness

/// Synthetic stand-in for one configuration of the paper: 60 standardized-later features that share
/// a few latent fields (as coarse-grained descriptors at neighbouring lengths do) and a target.
private func syntheticConfiguration(_ config: Int, points n: Int = 4000, features m: Int = 60) throws -> (FeatureSpace, [Double], [Double]) {
    var r = RandomStream(seed: 2408_12705, purpose: .testData, indices: [UInt64(config)])
    let latent = (0..<6).map { _ in (0..<n).map { _ in r.gaussian() } }
    var columns = [[Double]]()
    for c in 0..<m {
        let a = latent[c % 6], b = latent[(c / 6) % 6], w = Double(c % 10) / 10
        columns.append((0..<n).map { i in a[i] + w * b[i] + 0.6 * r.gaussian() })
    }
    let target = (0..<n).map { i in latent[0][i] - 0.5 * latent[3][i] + r.gaussian() }
    var noiseStream = RandomStream(seed: 2408_12705, purpose: .noiseFeature, indices: [UInt64(config)])
    let noise = (0..<n).map { _ in noiseStream.gaussian() }
    return (try FeatureSpace(columns: columns), target, noise)
}

/// The authors' algorithm for one Δ: full sort of every distance row, rank by position.
private func naiveImbalance(_ a: FeatureSpace, _ b: FeatureSpace) -> Double {
    let n = a.pointCount
    func row(_ x: FeatureSpace, _ i: Int) -> [Double] {
        var r = [Double](repeating: 0, count: n)
        for c in 0..<x.featureCount { for k in 0..<n { let d = x[point: i, feature: c] - x[point: k, feature: c]; r[k] += d * d } }
        return r
    }
    var sum = 0
    for i in 0..<n {
        let ra = row(a, i), rb = row(b, i)
        let orderA = ra.indices.sorted { (ra[$0], $0) < (ra[$1], $1) }
        let orderB = rb.indices.sorted { (rb[$0], $0) < (rb[$1], $1) }
        let j = orderA[0] == i ? orderA[1] : orderA[0]
        sum += orderB.filter { $0 != i }.firstIndex(of: j)! + 1
    }
    return Double(2 * sum) / Double(n * n)
}

func benchInformationImbalance() throws {
    let (features, target, noise) = try syntheticConfiguration(0)
    let x15 = try features.standardized().selecting(features: Array(0..<15))
    let p = try FeatureSpace(scalar: target)
    var pair = ImbalancePair(forward: 0, backward: 0)
    let fast = (0..<3).map { _ in seconds { pair = try! informationImbalances(between: x15, and: p) } }.min()!
    report("ii.delta_eval_ms_n4000_d15", 1000 * fast, "ms")
    var naive = 0.0
    let naiveTime = seconds { naive = naiveImbalance(x15, p) }
    precondition(naive == pair.forward, "naive and fast Δ disagree: \(naive) vs \(pair.forward)")
    report("ii.naive_delta_eval_ms_n4000_d15", 1000 * naiveTime, "ms")
    report("ii.naive_over_fast_ratio", naiveTime / fast, "x")
    // Rank k (issue 27): the same Δ at k = 10, and at k = 1 on a subsample of M = 1000 (cost ∝ N²).
    let k10 = (0..<3).map { _ in seconds { _ = try! informationImbalances(between: x15, and: p, k: 10) } }.min()!
    report("ii.delta_eval_ms_n4000_d15_k10", 1000 * k10, "ms")
    let (xs, ps) = (try x15.subsampled(count: 1000, seed: 1), try p.subsampled(count: 1000, seed: 1))
    let sub = (0..<3).map { _ in seconds { _ = try! informationImbalances(between: xs, and: ps) } }.min()!
    report("ii.delta_eval_ms_m1000_of_4000_d15", 1000 * sub, "ms")

    let configurations = 10
    var supervisedTime = 0.0, unsupervisedTime = 0.0
    for config in 0..<configurations {
        let (x, y, z) = config == 0 ? (features, target, noise) : try syntheticConfiguration(config)
        supervisedTime += try seconds { _ = try supervisedSelection(features: x, target: y, maxD: 15, noise: z) }
        unsupervisedTime += try seconds { _ = try unsupervisedSelection(features: x, maxD: 15) }
    }
    report("ii.supervised_seconds_10x4000", supervisedTime, "s")
    report("ii.unsupervised_seconds_10x4000", unsupervisedTime, "s")
    report("ii.protocol_seconds_10x4000", supervisedTime + unsupervisedTime, "s")
}
