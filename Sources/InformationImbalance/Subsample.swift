import Randomness

/// Δ on M of the N points, as DADApy does for large N: the M points are drawn once, and every rank
/// is then a rank among the M chosen points (not among all N), so Δ is that of a data set of M points.
public enum Subsample {
    /// M distinct point indices out of N, uniform without replacement from the stream
    /// (seed, .subsample), in increasing order: the chosen points keep their relative order, so
    /// ties break by index as they would in the full data. The same (N, M, seed) give the same points.
    public static func indices(points n: Int, count m: Int, seed: UInt64) throws -> [Int] {
        guard m >= 2 && m <= n else { throw InformationImbalanceError.invalidSubsample(count: m, points: n) }
        var stream = RandomStream(seed: seed, purpose: .subsample, indices: [UInt64(n), UInt64(m)])
        return stream.sample(m, of: n).sorted()
    }
}

extension FeatureSpace {
    /// The sub-space of the given points, in the given order (every feature kept).
    public func selecting(points rows: [Int]) throws -> FeatureSpace {
        guard !rows.isEmpty else { throw InformationImbalanceError.emptySpace(points: 0, features: featureCount) }
        var cm = [Double]()
        cm.reserveCapacity(rows.count * featureCount)
        for c in 0..<featureCount {
            for i in rows {
                guard i >= 0, i < pointCount else { throw InformationImbalanceError.pointOutOfRange(index: i, pointCount: pointCount) }
                cm.append(columnMajor[c * pointCount + i])
            }
        }
        return FeatureSpace(trusted: cm, pointCount: rows.count, featureCount: featureCount)
    }

    /// M points drawn by `Subsample.indices(points:count:seed:)`; draw once and apply the same
    /// indices to every space compared (the same seed and sizes always give the same indices).
    public func subsampled(count m: Int, seed: UInt64) throws -> FeatureSpace {
        try selecting(points: Subsample.indices(points: pointCount, count: m, seed: seed))
    }
}
