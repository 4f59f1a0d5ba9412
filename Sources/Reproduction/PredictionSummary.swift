import Model
import Regression
import Statistics

/// The prediction of p from the selected features at one time and protocol (Fig. 7–10): ρ(p, p̂)
/// of each selection method at d = 1, 2 and max_d, by species, and the kept configuration's
/// ρ(p, p̂) (Fig. 8). The paper's is built by the same function from its published means.
struct PredictionSummary: Codable, Sendable, Equatable {
    struct Method: Codable, Sendable, Equatable {
        var method: SelectionMethod
        var d1: Estimate
        var d2: Estimate?
        var dmax: Estimate
        /// ρ(p, p̂) at max_d within each species (in `Species` order), when split.
        var speciesDmax: [Double]
    }

    /// The largest d (nil without methods).
    var maxD: Int?
    var methods: [Method]
    /// Supervised ρ at d = 2 over ρ at max_d (nil for max_d = 1).
    var supervisedD2Share: Double?
    /// "S > M > L" or "not S > M > L", and ρ_S − ρ_L, of the supervised selection at max_d.
    var speciesOrderSML: String?
    var speciesSMinusL: Double?
    /// Mean over d = `SelectionSummary.saturationD`…max_d of unsupervised minus random (the paper's d = 10…15).
    var unsupervisedMinusRandomD10To15: Double?
    /// ρ(p, p̂) of the kept configuration, over all particles then per species (S, M, L); empty
    /// when no particle was kept.
    var keptPearson: [Double]

    init(_ r: RegressionOutcome, configurations c: Int) {
        methods = r.methods.map { m in
            let curve = MeanCurve(mean: m.mean, std: m.std), last = m.mean.count - 1
            return Method(method: m.method, d1: curve.estimate(0, configurations: c),
                          d2: m.mean.count > 1 ? curve.estimate(1, configurations: c) : nil,
                          dmax: curve.estimate(last, configurations: c), speciesDmax: m.speciesMean.map { $0[last] })
        }
        maxD = r.methods.last.map(\.mean.count)
        if let s = r.method(.supervised) {
            if s.mean.count > 1 { supervisedD2Share = s.mean[1] / s.mean[s.mean.count - 1] }
            let sp = s.speciesMean.map { $0[$0.count - 1] }
            if sp.count == Species.allCases.count {  // the published curves have no species split
                let order = Species.allCases.map(\.symbol).joined(separator: " > ")
                speciesOrderSML = zip(sp, sp.dropFirst()).allSatisfy { $0 > $1 } ? order : "not " + order
                speciesSMinusL = sp[Int(Species.small.rawValue)] - sp[Int(Species.large.rawValue)]
            }
        }
        if let u = r.method(.unsupervised), let rnd = r.method(.random) {
            let from = SelectionSummary.saturationD - 1, dMax = min(u.mean.count, rnd.mean.count)
            if dMax > from {
                let diff = (from..<dMax).map { u.mean[$0] - rnd.mean[$0] }
                unsupervisedMinusRandomD10To15 = diff.reduce(0, +) / Double(diff.count)
            }
        }
        keptPearson = r.keptPropensity.isEmpty ? []
            : [pearson(r.keptPropensity, r.keptPrediction)]
                + pearsonBySpecies(r.keptPropensity, r.keptPrediction, species: r.keptSpecies, speciesCount: Species.allCases.count)
    }

    func method(_ m: SelectionMethod) -> Method? { methods.first { $0.method == m } }
}
