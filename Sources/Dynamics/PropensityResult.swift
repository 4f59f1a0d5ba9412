/// Per-configuration dynamical result: propensities p and q at every requested time (arrays of
/// N, paper Eq. (3) and Eq. (4)) and the F_s^CR curve of the ensemble.
public struct PropensityResult: Sendable, Equatable {
    public let times: [Int]
    /// p[t][i] = ⟨|Δr_i^CR(times[t])|⟩_iso.
    public let p: [[Double]]
    /// q[t][i] = ⟨n_i(times[t]) / n_i(0)⟩_iso.
    public let q: [[Double]]
    /// pHalves[h][t][i]: p over the even-numbered (h = 0) and odd-numbered (h = 1) runs alone.
    /// Two independent half-ensembles measure how much of p is finite-run noise.
    public let pHalves: [[[Double]]]
    public let runs: Int
    /// F_s^CR(k, t) averaged over particles, both axes and runs, at `curveTimes`.
    public let curveTimes: [Int]
    public let fs: [Double]
    /// τα where `fs` crosses 1/e; nil if it does not within the run.
    public var tauAlpha: Double? { relaxationTime(times: curveTimes, values: fs) }

    init(ensemble e: IsoconfigurationalEnsemble, records: [IsoconfigurationalEnsemble.RunRecord], count n: Int) {
        times = e.times; runs = records.count; curveTimes = e.curveTimes
        // Sums in run order: the same bits whatever the thread count.
        func mean(_ pick: (IsoconfigurationalEnsemble.RunRecord) -> [Double], _ size: Int,
                  of subset: [IsoconfigurationalEnsemble.RunRecord]) -> [Double] {
            var s = [Double](repeating: 0, count: size)
            for r in subset { let v = pick(r); for i in 0..<size { s[i] += v[i] } }
            return s.map { $0 / Double(subset.count) }
        }
        p = (0..<e.times.count).map { t in mean({ $0.absoluteDisplacement[t] }, n, of: records) }
        let halves = [0, 1].map { h in records.enumerated().filter { $0.offset % 2 == h }.map(\.element) }
        pHalves = halves.map { half in
            (0..<e.times.count).map { t in half.isEmpty ? [] : mean({ $0.absoluteDisplacement[t] }, n, of: half) }
        }
        q = (0..<e.times.count).map { t in mean({ $0.bondSurvival[t] }, n, of: records) }
        fs = mean({ $0.fs }, e.curveTimes.count, of: records)
    }
}
