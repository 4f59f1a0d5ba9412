import Descriptors
import Pipeline

/// The one place that names the report's keys: the typed summary → the flat key → value map of
/// `values.json` that report.md, the expectations and `repro diff` read. Keys are declared in
/// ValueKeys.swift and documented in report/report.md where they are used.
extension ReportSummary {
    var keyedValues: ValueStore {
        var v = ValueStore()
        statePoint.keyed(into: &v)
        model.keyed(into: &v)
        equilibrium.keyed(into: &v)
        alpha.keyed(prefix: "", paper: paper.scan, into: &v)
        beta.keyed(prefix: "beta.", paper: paper.scan, into: &v)
        betaTime.keyed(into: &v)
        unsupervised.keyed(into: &v)
        noise.keyed(into: &v)
        species.keyed(into: &v)
        series.keyed(into: &v)
        paper.keyed(into: &v)
        return v
    }
}

extension ValueStore {
    mutating func set(_ key: String, _ e: Estimate) { set(key, e.value, sem: e.sem) }
    mutating func set(_ key: String, _ x: Double?) { if let x { set(key, x) } }
    mutating func set(_ key: String, _ e: Estimate?) { if let e { set(key, e) } }
}

extension StatePoint {
    func keyed(into v: inout ValueStore) {
        v.set("n", n); v.set("configurations", configurations); v.set("temperature", temperature)
        v.set("tau_alpha", tauAlpha); v.set("runs", runs); v.set("t_beta", tBeta); v.set("t_alpha_sweeps", tAlphaSweeps)
        v.set("cost.propensity_trials", propensityTrials)
    }
}

extension ModelSummary {
    func keyed(into v: inout ValueStore) {
        v.set("model.density", density); v.set("model.composition", composition); v.set("model.wave_number", waveNumber)
        v.set("model.cage_ratio", cageRatio); v.set("model.bond_breaking_ratio", bondBreakingRatio)
        v.set("model.coordination_ratio", coordinationRatio)
    }
}

extension EquilibriumSummary {
    func keyed(into v: inout ValueStore) {
        v.set("equilibrium.max_drift_significance", maxDriftSignificance)
        v.set("equilibrium.energy", energy)
        v.set("equilibrium.acceptance", acceptance)
        v.set("equilibrium.energy_spread", energySpread)
        if let r = windowOverTauAlpha { v.set("equilibrium.window_over_tau_alpha", r) }
        if let aging {
            v.set("relaxation.tau_alpha_early", aging.tauAlphaEarly)
            v.set("relaxation.tau_alpha_late", aging.tauAlphaLate)
            v.set("relaxation.late_over_early", aging.lateOverEarly)
            v.set("relaxation.max_half_difference", aging.maxHalfDifference)
        }
        v.set("table.equilibrium", table)
        swapStage.keyed(into: &v)
    }
}

extension TimescaleSummary {
    /// `prefix`: "" at τα, "beta." at t_β; `paper`: the paper's scan, beside ours in the peaks table.
    func keyed(prefix: String, paper: DescriptorScanSummary, into v: inout ValueStore) {
        scan.keyed(prefix: prefix, into: &v)
        v.set("\(prefix)table.descriptor_peaks", scan.peaksTable(paper: paper))
        selection.keyed(prefix: prefix, into: &v)
        v.set("\(prefix)table.supervised_orders", selection.ordersTable)
        prediction?.keyed(prefix: prefix + "prediction.", into: &v)
        leakageFreePrediction?.keyed(prefix: prefix + "leakage_free.prediction.", into: &v)
    }
}

extension DescriptorScanSummary {
    func keyed(prefix: String, into v: inout ValueStore) {
        for p in peaks {
            let key = prefix + p.descriptor.stem
            v.set("\(key).pearson_peak", p.pearsonPeak)
            v.set("\(key).peak_ell", p.peakEll)
            v.set("\(key).optimal_ell", p.optimalEll)
            v.set("\(key).delta_x_to_p_min", p.deltaXToPMin)
            v.set("\(key).delta_x_to_p_mean", p.deltaXToPMean)
            v.set("\(key).delta_p_to_x_mean", p.deltaPToXMean)
        }
        v.set("\(prefix)best_descriptor", bestDescriptor.symbol)
        v.set("\(prefix)theta.pearson_margin", thetaPearsonMargin)
        v.set("\(prefix)symmetry.max_abs_difference", symmetryMaxAbsDifference)
        v.set("\(prefix)symmetry.mean_abs_difference", symmetryMeanAbsDifference)
        v.set("\(prefix)pq.delta_q_to_p", deltaQToP)
        v.set("\(prefix)pq.delta_p_to_q", deltaPToQ)
    }
}

extension SelectionSummary {
    func keyed(prefix: String, into v: inout ValueStore) {
        let p = prefix + "supervised."
        v.set("\(p)delta_d1", deltaD1)
        v.set("\(p)delta_dmax", deltaDmax)
        v.set("\(p)drop", drop)
        v.set("\(p)drop_share_by_d10", dropShareByD10)
        v.set("\(p)noise_rise", noiseRise)
        v.set("\(p)reverse_range", reverseRange)
        v.set("\(p)reverse_mean", reverseMean)
        v.set("\(p)first_is_theta", firstIsTheta)
        v.set("\(p)second_is_rho_or_phi", secondIsRhoOrPhi)
        v.set("\(p)first_two_theta_and_density", firstTwoThetaAndDensity)
        v.set("\(p)first_ell_theta", firstEllTheta)
    }
}

extension PredictionSummary {
    /// `prefix` ends in "prediction.".
    func keyed(prefix p: String, into v: inout ValueStore) {
        for m in methods {
            let key = "\(p)\(m.method)"  // the case name: supervised, unsupervised, lasso, random
            v.set("\(key).d1", m.d1)
            v.set("\(key).d2", m.d2)
            v.set("\(key).dmax", m.dmax)
            for (s, name) in ["S", "M", "L"].enumerated() where s < m.speciesDmax.count { v.set("\(key).species_\(name).dmax", m.speciesDmax[s]) }
        }
        if let maxD { v.set("\(p)max_d", maxD) }
        v.set("\(p)supervised.d2_share", supervisedD2Share)
        if let speciesOrderSML { v.set("\(p)species_order_s_m_l", speciesOrderSML) }
        v.set("\(p)species_s_minus_l", speciesSMinusL)
        v.set("\(p)unsupervised_minus_random_d10_15", unsupervisedMinusRandomD10To15)
    }
}

extension BetaTimeSummary {
    func keyed(into v: inout ValueStore) {
        v.set("beta.accuracy_drop", accuracyDrop)
        v.set("beta.first_theta_ell_shift", firstThetaEllShift)
        v.set("beta.theta_optimal_ell_shift", thetaOptimalEllShift)
    }
}

extension UnsupervisedSummary {
    func keyed(into v: inout ValueStore) {
        v.set("unsupervised.symmetric_d1", symmetricD1)
        v.set("unsupervised.symmetric_dmax", symmetricDmax)
        v.set("unsupervised.decades", decades)
        v.set("unsupervised.overlap_with_supervised_d10", overlapWithSupervisedD10)
        v.set("unsupervised.random_overlap_d10", randomOverlapD10)
    }
}

extension NoiseSummary {
    func keyed(into v: inout ValueStore) {
        v.set("noise.half_pearson", halfPearson)
        v.set("noise.reliability", reliability)
        v.set("noise.pearson_ceiling", pearsonCeiling)
        v.set("noise.delta_half", deltaHalf)
        v.set("pq.delta_q_to_p_over_repeat", deltaQToPOverRepeat)
    }
}

extension SpeciesSummary {
    func keyed(into v: inout ValueStore) {
        v.set("species.p_variance_share", pVarianceShare)
        v.set("species.p_ratio_s_to_l", pRatioSToL)
        for w in withinSpecies {
            let key = "within_species.\(w.descriptor.stem)"
            v.set("\(key).pearson_peak", w.pearsonPeak)
            v.set("\(key).peak_ell", w.peakEll)
            for (s, name) in ["S", "M", "L"].enumerated() { v.set("\(key).peak_\(name)", w.speciesPeaks[s]) }
        }
        v.set("within_species.theta_margin", thetaMargin)
        v.set("within_species.best_descriptor", bestDescriptor.symbol)
        v.set("table.within_species", table)
    }
}

extension TemperatureSeries {
    func keyed(into v: inout ValueStore) {
        guard !points.isEmpty else { return }
        v.set("table.series", table)
        let ells = points.map(\.optimalEllTheta)
        v.set("series.optimal_ell_hottest", ells.first!)
        v.set("series.optimal_ell_coldest", ells.last!)
        v.set("series.optimal_ell_growth", ells.last! - ells.first!)
        if let r = minimumWindowOverTauAlpha { v.set("series.min_window_over_tau_alpha", r) }
        v.set("series.temperatures", points.map { SummaryTables.f($0.temperature, "%.2f") }.joined(separator: ", "))
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

extension PaperSummary {
    static let prefix = "paper."

    /// Under `paper.`, by the same key functions as ours; spreads and tables left out.
    func keyed(into v: inout ValueStore) {
        for (key, value) in ours.values where !key.hasSuffix(".sem") {
            if case .table = value { continue }
            v.values[Self.prefix + key] = value
        }
    }

    /// The paper's values under our own keys (no prefix).
    var ours: ValueStore {
        var all = ValueStore()
        scan.keyed(prefix: "", into: &all)
        selection.keyed(prefix: "", into: &all)
        unsupervised.keyed(into: &all)
        prediction.keyed(prefix: "prediction.", into: &all)
        all.set("temperature", temperature)
        all.set("tau_alpha", tauAlpha)
        all.set("t_beta", tBeta)
        all.set("configurations", configurations)
        return all
    }
}

extension RunCost {
    func keyed(into v: inout ValueStore) {
        v.set("cost.task_minutes", taskMinutes)
        guard let propensity else { return }
        v.set("cost.propensity_minutes", propensity.minutes)
        v.set("cost.trials_per_core_second", propensity.trialsPerCoreSecond)
        v.set("cost.paper_propensity_core_hours", propensity.paperCoreHours)
    }
}
