import Foundation
import InformationImbalance
import Statistics

/// How much of p is finite-run noise, from two independent half-ensembles per configuration
/// (beyond the paper: it says why our |ρ| cannot reach the paper's).
struct NoiseSummary: Codable, Sendable, Equatable {
    /// ρ(p_even, p_odd).
    var halfPearson: Estimate
    /// Spearman–Brown reliability of the full ensemble, and √ of it: the ceiling of |ρ(X, p)|.
    var reliability: Double
    var pearsonCeiling: Double
    /// (Δ(p_even→p_odd) + Δ(p_odd→p_even)) / 2.
    var deltaHalf: Estimate
    /// Δ(q→p) at τα over `deltaHalf`: q against a repeat of the same measurement.
    var deltaQToPOverRepeat: Double

    init(_ o: StudyOutputs, deltaQToP: Double) throws {
        let halves = try o.propensities.map { try Self.halfEnsembleAgreement($0.pHalves(.tauAlpha).even, $0.pHalves(.tauAlpha).odd) }
        let c = o.configurations.count
        let r = MeanCurve(rows: halves.map { [$0.pearson] }), d = MeanCurve(rows: halves.map { [($0.forward + $0.backward) / 2] })
        halfPearson = r.estimate(0, configurations: c)
        reliability = spearmanBrown(halfCorrelation: r.mean[0])
        pearsonCeiling = reliability.squareRoot()
        deltaHalf = d.estimate(0, configurations: c)
        deltaQToPOverRepeat = deltaQToP / d.mean[0]
    }

    /// ρ(p_even, p_odd), Δ(p_even→p_odd), Δ(p_odd→p_even) of one configuration.
    static func halfEnsembleAgreement(_ even: [Double], _ odd: [Double]) throws -> (pearson: Double, forward: Double, backward: Double) {
        let d = try informationImbalances(between: FeatureSpace(scalar: even), and: FeatureSpace(scalar: odd))
        return (pearson(even, odd), d.forward, d.backward)
    }
}
