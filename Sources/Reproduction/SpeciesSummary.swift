import Descriptors
import Model
import Statistics

/// How much of p is the particle's own species rather than its structure (beyond the paper):
/// η² of p by species, the S/L mobility ratio, and every descriptor's |ρ(X, p)| within species.
struct SpeciesSummary: Codable, Sendable, Equatable {
    /// One descriptor's peak over ℓ of the pooled within-species |ρ|, and of each species' own.
    struct WithinSpecies: Codable, Sendable, Equatable {
        var descriptor: Descriptor
        var pearsonPeak: Double
        var peakEll: Double
        /// max over ℓ within each species, in `Species` order.
        var speciesPeaks: [Double]
    }

    /// η²: share of the variance of p explained by the species label.
    var pVarianceShare: Estimate
    /// Mean p of S over mean p of L, averaged over configurations.
    var pRatioSToL: Double
    /// In `Descriptor` order.
    var withinSpecies: [WithinSpecies]
    /// Θ̄'s within-species peak minus the best other descriptor's.
    var thetaMargin: Double
    var bestDescriptor: Descriptor

    init(_ o: StudyOutputs) throws {
        let ps = try o.propensities.map { try $0.p(.tauAlpha) }
        let species = Species.allCases.count, small = Int(Species.small.rawValue), large = Int(Species.large.rawValue)
        let groups = o.features.map { speciesGroups($0.species, count: species) }
        pVarianceShare = MeanCurve(rows: zip(ps, groups).map { [correlationRatio($0, groups: $1)] }).estimate(0, configurations: o.configurations.count)
        let ratio = zip(ps, groups).map { p, g -> Double in
            func mean(_ idx: [Int]) -> Double { idx.reduce(0) { $0 + p[$1] } / Double(idx.count) }
            return mean(g[small]) / mean(g[large])
        }
        pRatioSToL = ratio.reduce(0, +) / Double(ratio.count)

        let ells = o.ells, l = ells.count
        // [configuration][feature] pooled within-species |ρ|, and [species][configuration][feature].
        var pooled: [[Double]] = [], perSpecies = [[[Double]]](repeating: [], count: species)
        for ((data, p), g) in zip(zip(o.features, ps), groups) {
            let rows = (0..<data.featureCount).map { withinSpeciesPearson(data.column($0), p, groups: g) }
            pooled.append(rows.map { abs($0.pooled) })
            for s in 0..<species { perSpecies[s].append(rows.map { abs($0.perSpecies[s]) }) }
        }
        let pooledMean = meanAndSpread(rows: pooled).mean, speciesMean = perSpecies.map { meanAndSpread(rows: $0).mean }
        withinSpecies = Descriptor.allCases.map { d in
            let curve = d.block(pooledMean, ells: l)
            let best = curve.indices.max { curve[$0] < curve[$1] }!
            return WithinSpecies(descriptor: d, pearsonPeak: curve[best], peakEll: ells[best],
                                 speciesPeaks: speciesMean.map { d.block($0, ells: l).max()! })
        }
        let peaks = withinSpecies.map { ($0.pearsonPeak, $0.descriptor) }
        let theta = peaks.first { $0.1 == .stericOrder }!.0, others = peaks.filter { $0.1 != .stericOrder }.map(\.0).max()!
        thetaMargin = theta - others
        bestDescriptor = peaks.max { $0.0 < $1.0 }!.1
    }
}
