import Descriptors
import Foundation
import InformationImbalance
import Pipeline
import Statistics

/// Two diagnostics beyond the paper that say why a number differs from the paper's:
/// how much of p is finite-run noise (two independent half-ensembles), and how much of p is
/// the particle's own species (which ρ̄ at small ℓ encodes) rather than its structure.
enum Diagnostics {
    /// ρ(p_even, p_odd), Δ(p_even→p_odd), Δ(p_odd→p_even) of one configuration.
    static func halfEnsembleAgreement(_ even: [Double], _ odd: [Double]) throws -> (pearson: Double, forward: Double, backward: Double) {
        let d = try informationImbalances(between: FeatureSpace(scalar: even), and: FeatureSpace(scalar: odd))
        return (pearson(even, odd), d.forward, d.backward)
    }
}

extension ReportValues {
    static func diagnostics(_ o: StudyOutputs, sem: (Double) -> Double, into v: inout ValueStore) throws {
        // Finite-run noise of p at τα.
        let halves = try o.propensities.map { try Diagnostics.halfEnsembleAgreement($0.pHalves("tau_alpha").even, $0.pHalves("tau_alpha").odd) }
        let r = meanAndSpread(rows: halves.map { [$0.pearson] }), d = meanAndSpread(rows: halves.map { [($0.forward + $0.backward) / 2] })
        let reliability = spearmanBrown(halfCorrelation: r.mean[0])
        v.set("noise.half_pearson", r.mean[0], sem: sem(r.std[0]))
        v.set("noise.reliability", reliability)
        v.set("noise.pearson_ceiling", reliability.squareRoot())
        v.set("noise.delta_half", d.mean[0], sem: sem(d.std[0]))
        if let q2p = v["pq.delta_q_to_p"]?.doubleValue { v.set("pq.delta_q_to_p_over_repeat", q2p / d.mean[0]) }

        // Species: mobility contrast and the within-species Pearson of every descriptor.
        let ps = try o.propensities.map { try $0.p("tau_alpha") }
        let groups = o.features.map { speciesGroups($0.species, count: 3) }
        let eta = meanAndSpread(rows: zip(ps, groups).map { [correlationRatio($0, groups: $1)] })
        v.set("species.p_variance_share", eta.mean[0], sem: sem(eta.std[0]))
        let ratio = zip(ps, groups).map { p, g -> Double in
            func mean(_ idx: [Int]) -> Double { idx.reduce(0) { $0 + p[$1] } / Double(idx.count) }
            return mean(g[0]) / mean(g[2])
        }
        v.set("species.p_ratio_s_to_l", ratio.reduce(0, +) / Double(ratio.count))

        let ells = o.ells, l = ells.count
        // [configuration][feature] pooled within-species ρ, and [species][configuration][feature].
        var pooled: [[Double]] = [], perSpecies = [[[Double]]](repeating: [], count: 3)
        for ((data, p), g) in zip(zip(o.features, ps), groups) {
            let rows = (0..<data.featureCount).map { withinSpeciesPearson(data.column($0), p, groups: g) }
            pooled.append(rows.map { abs($0.pooled) })
            for s in 0..<3 { perSpecies[s].append(rows.map { abs($0.perSpecies[s]) }) }
        }
        let pooledMean = meanAndSpread(rows: pooled).mean, speciesMean = perSpecies.map { meanAndSpread(rows: $0).mean }
        var peaks: [(Double, Descriptor)] = []
        var rows: [[String]] = []
        for k in Descriptor.allCases {
            let stem = k.stem
            let curve = block(pooledMean, k, l)
            let best = curve.indices.max { curve[$0] < curve[$1] }!
            v.set("within_species.\(stem).pearson_peak", curve[best])
            v.set("within_species.\(stem).peak_ell", ells[best])
            peaks.append((curve[best], k))
            for (sp, name) in ["S", "M", "L"].enumerated() {
                v.set("within_species.\(stem).peak_\(name)", block(speciesMean[sp], k, l).max()!)
            }
            rows.append([k.symbol, f(curve[best], "%.3f"), f(ells[best], "%.1f")]
                        + (0..<3).map { s in f(block(speciesMean[s], k, l).max()!, "%.3f") })
        }
        let theta = peaks.first { $0.1 == .stericOrder }!.0, others = peaks.filter { $0.1 != .stericOrder }.map(\.0).max()!
        v.set("within_species.theta_margin", theta - others)
        v.set("within_species.best_descriptor", peaks.max { $0.0 < $1.0 }!.1.symbol)
        v.set("table.within_species", ReportTable(
            columns: ["descriptor", "max_ℓ |ρ| within species", "at ℓ", "S only", "M only", "L only"], rows: rows))
    }
}
