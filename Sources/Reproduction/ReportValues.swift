import Descriptors
import Dynamics
import Foundation
import Pipeline
import Regression
import Statistics

/// The numbers and tables the literate report quotes and the expectations check, each with its
/// standard error over configurations (`KEY.sem`) where one exists. Keys are documented in
/// report/report.md where they are used.
public enum ReportValues {

    static func collect(_ o: StudyOutputs, series: TemperatureSeries) throws -> ValueStore {
        var v = ValueStore()
        let c = o.configurations.count
        let sem = { (std: Double) in std / Double(c).squareRoot() }
        v.set("n", o.configurations[0].count)
        v.set("configurations", c)
        v.set("temperature", o.relaxation.temperature)
        v.set("tau_alpha", o.relaxation.tauAlpha ?? .nan)
        v.set("runs", o.propensities[0].times.runs)
        v.set("t_beta", try o.propensities[0].times.time("t_beta"))
        v.set("t_alpha_sweeps", try o.propensities[0].times.time("tau_alpha"))
        propensityTrials(o, into: &v)

        // Equilibrium checks.
        let drift = o.checks.map { $0.check.driftSignificance }
        v.set("equilibrium.max_drift_significance", drift.max() ?? .nan)
        v.set("equilibrium.energy", o.checks.map { $0.check.meanEnergyPerParticle }.reduce(0, +) / Double(c))
        v.set("equilibrium.acceptance", o.checks.map { $0.check.acceptanceRate }.reduce(0, +) / Double(c))
        let energies = meanAndSpread(rows: o.checks.map { [$0.check.meanEnergyPerParticle] })
        v.set("equilibrium.energy_spread", energies.std[0])
        swapStage(o, into: &v)
        // Second check (aging): F_s^CR from the earlier and the later half of the time origins.
        let r = RelaxationResult(times: o.relaxation.times, perOrigin: o.relaxation.perOrigin, waveNumber: o.relaxation.waveNumber)
        if o.relaxation.perOrigin.count >= 2, let early = relaxationTime(times: r.times, values: r.halves.early),
           let late = relaxationTime(times: r.times, values: r.halves.late) {
            v.set("relaxation.tau_alpha_early", early)
            v.set("relaxation.tau_alpha_late", late)
            v.set("relaxation.late_over_early", late / early)
            v.set("relaxation.max_half_difference", r.maxHalfDifference)
        }
        v.set("table.equilibrium", ReportTable(
            columns: ["configuration", "⟨u⟩ per particle", "drift per 10⁴ sweeps", "drift / SE", "acceptance", "swap acceptance"],
            rows: o.checks.enumerated().map { k, r in
                [String(k), f(r.check.meanEnergyPerParticle, "%.4f"), f(r.check.slopePerSweep * 1e4, "%.2e"),
                 f(r.check.driftSignificance, "%.1f"), f(r.check.acceptanceRate, "%.3f"), f(r.check.swapAcceptanceRate, "%.4f")]
            }))

        for label in ["tau_alpha", "t_beta"] {
            let a = try o.imbalance.timescale(label)
            let prefix = label == "tau_alpha" ? "" : "beta."
            try perFeature(a, ells: o.ells, prefix: prefix, sem: sem, into: &v)
            try selection(a, o: o, prefix: prefix, sem: sem, into: &v)
            if let r = o.regression.outcome(label) { prediction(r, prefix: prefix, sem: sem, into: &v) }
            if let r = o.regression.outcome(label, "leakage_free") { prediction(r, prefix: prefix + "leakage_free.", sem: sem, into: &v) }
        }
        if let a = v["prediction.supervised.dmax"]?.doubleValue, let b = v["beta.prediction.supervised.dmax"]?.doubleValue {
            v.set("beta.accuracy_drop", a - b)
        }
        if let a = v["supervised.first_ell_theta"]?.doubleValue, let b = v["beta.supervised.first_ell_theta"]?.doubleValue {
            v.set("beta.first_theta_ell_shift", b - a)
        }
        if let a = v["theta_bar.optimal_ell"]?.doubleValue, let b = v["beta.theta_bar.optimal_ell"]?.doubleValue {
            v.set("beta.theta_optimal_ell_shift", b - a)
        }
        unsupervised(o, sem: sem, into: &v)
        try diagnostics(o, sem: sem, into: &v)
        Self.series(series, into: &v)
        try PaperValues.collect(into: &v)
        return v
    }

    static func f(_ x: Double, _ format: String) -> String { x.isFinite ? String(format: format, x) : "—" }

    /// The ℓ scan of one descriptor out of a row over all 60 features (descriptor blocks of `l`).
    static func block(_ values: [Double], _ descriptor: Descriptor, _ l: Int) -> [Double] {
        let d = descriptor.rawValue
        return Array(values[(d * l)..<((d + 1) * l)])
    }

    static func perFeature(_ a: TimescaleAnalysis, ells: [Double], prefix: String, sem: (Double) -> Double, into v: inout ValueStore) throws {
        let l = ells.count
        let pearson = meanAndSpread(rows: a.pearson.map { $0.map(abs) }), to = meanAndSpread(rows: a.toTarget), from = meanAndSpread(rows: a.fromTarget)
        var best: [(Double, Descriptor)] = []
        for d in Descriptor.allCases {
            let stem = d.stem, curve = block(pearson.mean, d, l)
            let k = curve.indices.max { curve[$0] < curve[$1] }!
            v.set("\(prefix)\(stem).pearson_peak", curve[k], sem: sem(pearson.std[d.rawValue * l + k]))
            v.set("\(prefix)\(stem).peak_ell", ells[k])
            v.set("\(prefix)\(stem).optimal_ell", Analysis.optimalEll(ells: ells, values: curve))
            v.set("\(prefix)\(stem).delta_x_to_p_min", block(to.mean, d, l).min()!)
            v.set("\(prefix)\(stem).delta_x_to_p_mean", block(to.mean, d, l).reduce(0, +) / Double(l))
            v.set("\(prefix)\(stem).delta_p_to_x_mean", block(from.mean, d, l).reduce(0, +) / Double(l))
            best.append((curve[k], d))
        }
        best.sort { $0.0 > $1.0 }
        v.set("\(prefix)best_descriptor", best[0].1.symbol)
        let theta = best.first { $0.1 == .stericOrder }!.0, others = best.filter { $0.1 != .stericOrder }.map(\.0).max()!
        v.set("\(prefix)theta.pearson_margin", theta - others)
        let asym = zip(to.mean, from.mean).map { abs($0 - $1) }
        v.set("\(prefix)symmetry.max_abs_difference", asym.max()!)
        v.set("\(prefix)symmetry.mean_abs_difference", asym.reduce(0, +) / Double(asym.count))
        let q2p = meanAndSpread(rows: a.qToP.map { [$0] }), p2q = meanAndSpread(rows: a.pToQ.map { [$0] })
        v.set("\(prefix)pq.delta_q_to_p", q2p.mean[0], sem: sem(q2p.std[0]))
        v.set("\(prefix)pq.delta_p_to_q", p2q.mean[0], sem: sem(p2q.std[0]))
        // The paper's T = 0.30 peaks beside ours (τα only: the paper publishes no β-time coefficients).
        let paperPeak = paperPearson.map { curve in
            let k = curve.indices.max { curve[$0] < curve[$1] }!
            return (curve[k], PublishedValues.shared.ells[k])
        }
        v.set("\(prefix)table.descriptor_peaks", ReportTable(
            columns: ["descriptor", "max |ρ(X, p)|", "at ℓ", "paper (T = 0.30, τα)", "min Δ(X→p)", "mean Δ(X→p)", "mean Δ(p→X)"],
            rows: Descriptor.allCases.map { descriptor in
                let s = descriptor.stem, d = descriptor.rawValue
                return [descriptor.symbol, f(v["\(prefix)\(s).pearson_peak"]!.doubleValue!, "%.3f"), f(v["\(prefix)\(s).peak_ell"]!.doubleValue!, "%.1f"),
                        f(paperPeak[d].0, "%.3f") + " at " + f(paperPeak[d].1, "%.1f"),
                        f(v["\(prefix)\(s).delta_x_to_p_min"]!.doubleValue!, "%.3f"), f(v["\(prefix)\(s).delta_x_to_p_mean"]!.doubleValue!, "%.3f"),
                        f(v["\(prefix)\(s).delta_p_to_x_mean"]!.doubleValue!, "%.3f")]
            }))
    }

    static func selection(_ a: TimescaleAnalysis, o: StudyOutputs, prefix: String, sem: (Double) -> Double, into v: inout ValueStore) throws {
        let noise = a.supervised.compactMap(\.withNoise)
        let rise = zip(noise, a.supervised).map { $0.forward - $1.toTarget.last! }
        try selection(orders: a.supervised.map(\.order), toTarget: a.supervised.map(\.toTarget), fromTarget: a.supervised.map(\.fromTarget),
                      noiseRise: rise, names: o.imbalance.featureNames, prefix: prefix, sem: sem, into: &v)
    }

    /// The supervised selection's values from plain arrays ([configuration][d−1]; `noiseRise`: the
    /// rise of Δ(X→p) when a noise feature is appended, per configuration, possibly empty).
    static func selection(orders: [[Int]], toTarget: [[Double]], fromTarget: [[Double]], noiseRise: [Double], names: [String],
                          prefix: String, sem: (Double) -> Double, into v: inout ValueStore) throws {
        let to = meanAndSpread(rows: toTarget), from = meanAndSpread(rows: fromTarget)
        let dMax = to.mean.count
        v.set("\(prefix)supervised.delta_d1", to.mean[0], sem: sem(to.std[0]))
        v.set("\(prefix)supervised.delta_dmax", to.mean[dMax - 1], sem: sem(to.std[dMax - 1]))
        v.set("\(prefix)supervised.drop", to.mean[0] - to.mean[dMax - 1])
        // Saturation: share of the total drop achieved by d = 10.
        if dMax >= 10 { v.set("\(prefix)supervised.drop_share_by_d10", (to.mean[0] - to.mean[9]) / (to.mean[0] - to.mean[dMax - 1])) }
        if !noiseRise.isEmpty {
            let m = meanAndSpread(rows: noiseRise.map { [$0] })
            v.set("\(prefix)supervised.noise_rise", m.mean[0], sem: sem(m.std[0]))
        }
        v.set("\(prefix)supervised.reverse_range", (from.mean.max()! - from.mean.min()!))
        v.set("\(prefix)supervised.reverse_mean", from.mean.reduce(0, +) / Double(dMax))
        func feature(_ index: Int) throws -> FeatureName {
            guard let f = FeatureName(parsing: names[index]) else { throw ReproductionError.invalid("imbalance.json: unknown feature name '\(names[index])'") }
            return f
        }
        let firsts = try orders.map { try feature($0[0]) }, seconds = try orders.map { try feature($0[1]) }
        func isTheta(_ f: FeatureName) -> Bool { f.descriptor == .stericOrder }
        func isDensity(_ f: FeatureName) -> Bool { f.descriptor == .density || f.descriptor == .areaFraction }
        v.set("\(prefix)supervised.first_is_theta", Double(firsts.filter(isTheta).count) / Double(firsts.count))
        v.set("\(prefix)supervised.second_is_rho_or_phi", Double(seconds.filter(isDensity).count) / Double(seconds.count))
        let pairs = zip(firsts, seconds).filter { a, b in (isTheta(a) && isDensity(b)) || (isDensity(a) && isTheta(b)) }
        v.set("\(prefix)supervised.first_two_theta_and_density", Double(pairs.count) / Double(firsts.count))
        let thetaElls = firsts.filter(isTheta).map(\.ell)
        if !thetaElls.isEmpty { v.set("\(prefix)supervised.first_ell_theta", thetaElls.reduce(0, +) / Double(thetaElls.count)) }
        v.set("\(prefix)table.supervised_orders", ReportTable(
            columns: ["configuration"] + (1...min(5, dMax)).map { "X\($0)" },
            rows: orders.enumerated().map { c, order in [String(c)] + order.prefix(5).map { names[$0] } }))
    }

    static func prediction(_ r: RegressionOutcome, prefix: String, sem: (Double) -> Double, into v: inout ValueStore) {
        let p = prefix + "prediction."
        for m in r.methods {
            let key = "\(m.method)"  // the case name: supervised, unsupervised, lasso, random
            let last = m.mean.count - 1
            v.set("\(p)\(key).d1", m.mean[0], sem: sem(m.std[0]))
            if m.mean.count > 1 { v.set("\(p)\(key).d2", m.mean[1], sem: sem(m.std[1])) }
            v.set("\(p)\(key).dmax", m.mean[last], sem: sem(m.std[last]))
            for (s, name) in ["S", "M", "L"].enumerated() where s < m.speciesMean.count { v.set("\(p)\(key).species_\(name).dmax", m.speciesMean[s][last]) }
            v.set("\(p)max_d", last + 1)
        }
        if let s = r.method(.supervised) {
            v.set("\(p)supervised.d2_share", s.mean[1] / s.mean[s.mean.count - 1])
            let sp = s.speciesMean.map { $0[$0.count - 1] }
            if sp.count == 3 {  // the published curves have no species split
                v.set("\(p)species_order_s_m_l", sp[0] > sp[1] && sp[1] > sp[2] ? "S > M > L" : "not S > M > L")
                v.set("\(p)species_s_minus_l", sp[0] - sp[2])
            }
        }
        if let u = r.method(.unsupervised), let rnd = r.method(.random), u.mean.count >= 15 {
            let diff = (9..<15).map { u.mean[$0] - rnd.mean[$0] }
            v.set("\(p)unsupervised_minus_random_d10_15", diff.reduce(0, +) / Double(diff.count))
        }
    }

    static func unsupervised(_ o: StudyOutputs, sem: (Double) -> Double, into v: inout ValueStore) {
        let u = o.imbalance.unsupervised
        let supervised = (try? o.imbalance.timescale("tau_alpha"))?.supervised.map(\.order)
        unsupervised(symmetric: u.map(\.symmetric), orders: u.map(\.order), supervisedOrders: supervised, sem: sem, into: &v)
    }

    /// The unsupervised selection's values from plain arrays: Δ̄ per configuration and d, the
    /// selected orders per configuration, and the supervised orders (τα) to compare with.
    static func unsupervised(symmetric: [[Double]], orders: [[Int]], supervisedOrders: [[Int]]?, sem: (Double) -> Double, into v: inout ValueStore) {
        let sym = meanAndSpread(rows: symmetric)
        let last = sym.mean.count - 1
        v.set("unsupervised.symmetric_d1", sym.mean[0])
        v.set("unsupervised.symmetric_dmax", sym.mean[last])
        v.set("unsupervised.decades", log10(sym.mean[0] / sym.mean[last]))
        if let supervisedOrders, last >= 9 {
            let overlap = zip(supervisedOrders, orders).map { s, us in Double(Set(s.prefix(10)).intersection(us.prefix(10)).count) / 10 }
            let m = meanAndSpread(rows: overlap.map { [$0] })
            v.set("unsupervised.overlap_with_supervised_d10", m.mean[0], sem: sem(m.std[0]))
        }
    }

    /// The paper's |ρ(X, p)| at T = 0.30 (Fig. 4a, published means): [descriptor][ℓ].
    static let paperPearson: [[Double]] = {
        let p = PublishedValues.shared, l = p.ells.count
        return Descriptor.allCases.map { d in (0..<l).map { abs(p.fig4a_pearson_X_p_mean[d.rawValue * l + $0]) } }
    }()

    static func series(_ series: TemperatureSeries, into v: inout ValueStore) {
        let points = series.points
        guard !points.isEmpty else { return }
        func row(_ p: SeriesPoint, _ label: String, tau: String) -> [String] {
            [label, tau, String(p.configurations), f(p.optimalEllTheta, "%.2f"), f(p.best(.stericOrder), "%.3f"),
             f(p.best(.density), "%.3f"), p.bestDescriptor.symbol, p.halfPearson.map { f($0, "%.3f") } ?? "—",
             p.speciesShare.map { f($0, "%.3f") } ?? "—"]
        }
        v.set("table.series", ReportTable(
            columns: ["T", "τα (sweeps)", "configurations", "optimal ℓ of Θ̄", "max |ρ(Θ̄, p)|", "max |ρ(ρ̄, p)|", "best descriptor",
                      "ρ(p half, p half)", "species share of p (η²)"],
            rows: points.map { row($0, f($0.temperature, "%.3f"), tau: f($0.tauAlpha, "%.0f")) }
                + [row(series.paper, "0.30 (paper)", tau: "4×10⁶")]))
        let ells = points.map(\.optimalEllTheta)
        v.set("series.optimal_ell_hottest", ells.first!)
        v.set("series.optimal_ell_coldest", ells.last!)
        v.set("series.optimal_ell_growth", ells.last! - ells.first!)
        v.set("series.temperatures", points.map { f($0.temperature, "%.2f") }.joined(separator: ", "))
        let margins = points.map { $0.best(.stericOrder) - $0.best(.density) }
        v.set("series.theta_minus_rho_coldest", margins.last!)
        v.set("series.theta_minus_rho_hottest", margins.first!)
        if let hot = points.first?.halfPearson, let cold = points.last?.halfPearson {
            v.set("series.half_pearson_hottest", hot); v.set("series.half_pearson_coldest", cold)
        }
        if let hot = points.first?.speciesShare, let cold = points.last?.speciesShare {
            v.set("series.species_share_hottest", hot); v.set("series.species_share_coldest", cold)
        }
    }
}
