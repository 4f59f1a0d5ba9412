import Descriptors

/// The descriptor scan at one time (Fig. 4): |ρ(X, p)| and Δ between every descriptor and p
/// over ℓ, their peaks, and Δ between q and p. Built from the imbalance stage's per-feature
/// analysis; the paper's is built by the same function from its published means.
struct DescriptorScanSummary: Codable, Sendable, Equatable {
    /// One descriptor's peak of the mean |ρ(X, p)| over ℓ and its Δ over ℓ.
    struct Peak: Codable, Sendable, Equatable {
        var descriptor: Descriptor
        var pearsonPeak: Estimate
        var peakEll: Double
        /// ℓ at the parabola-refined maximum.
        var optimalEll: Double
        var deltaXToPMin: Double
        var deltaXToPMean: Double
        var deltaPToXMean: Double
    }

    var ells: [Double]
    /// In `Descriptor` order.
    var peaks: [Peak]
    var bestDescriptor: Descriptor
    /// Θ̄'s peak minus the best other descriptor's.
    var thetaPearsonMargin: Double
    /// max and mean over features of |Δ(X→p) − Δ(p→X)|.
    var symmetryMaxAbsDifference: Double
    var symmetryMeanAbsDifference: Double
    var deltaQToP: Estimate
    var deltaPToQ: Estimate
    /// Per feature (descriptor blocks of ℓ): the mean signed ρ(X, p), and Δ(X→p), Δ(p→X): Fig. 4's curves.
    var pearson: [Double]
    var toTarget: MeanCurve
    var fromTarget: MeanCurve

    func peak(_ d: Descriptor) -> Peak { peaks[d.rawValue] }

    init(_ a: TimescaleAnalysis, ells: [Double], configurations c: Int) {
        self.ells = ells
        let l = ells.count
        let absolute = MeanCurve(rows: a.pearson.map { $0.map(abs) })
        let to = MeanCurve(rows: a.toTarget), from = MeanCurve(rows: a.fromTarget)
        toTarget = to; fromTarget = from
        pearson = MeanCurve(rows: a.pearson).mean
        peaks = Descriptor.allCases.map { d in
            let curve = d.block(absolute.mean, ells: l)
            let k = curve.indices.max { curve[$0] < curve[$1] }!
            return Peak(descriptor: d, pearsonPeak: Estimate(value: curve[k], sem: absolute.std[d.rawValue * l + k] / Double(c).squareRoot()),
                        peakEll: ells[k], optimalEll: Analysis.optimalEll(ells: ells, values: curve),
                        deltaXToPMin: d.block(to.mean, ells: l).min()!,
                        deltaXToPMean: d.block(to.mean, ells: l).reduce(0, +) / Double(l),
                        deltaPToXMean: d.block(from.mean, ells: l).reduce(0, +) / Double(l))
        }
        let best = peaks.map { ($0.pearsonPeak.value, $0.descriptor) }.sorted { $0.0 > $1.0 }
        bestDescriptor = best[0].1
        let theta = best.first { $0.1 == .stericOrder }!.0, others = best.filter { $0.1 != .stericOrder }.map(\.0).max()!
        thetaPearsonMargin = theta - others
        let asymmetry = zip(to.mean, from.mean).map { abs($0 - $1) }
        symmetryMaxAbsDifference = asymmetry.max()!
        symmetryMeanAbsDifference = asymmetry.reduce(0, +) / Double(asymmetry.count)
        deltaQToP = MeanCurve(rows: a.qToP.map { [$0] }).estimate(0, configurations: c)
        deltaPToQ = MeanCurve(rows: a.pToQ.map { [$0] }).estimate(0, configurations: c)
    }
}
