import Descriptors
import Pipeline
import Regression

/// Every key the report values may hold (`ReportSummary.keyedValues` and `RunCost`, named in
/// SummaryKeys.swift), as `ValueKeySet` patterns. The manifest rejects an expectation whose quantity matches none, before anything
/// runs; ValueKeysTests runs a small study and checks every key it sets is declared here.
/// When you add a value, add its key here.
enum ValueKeys {
    static var patterns: [String] {
        let stem = "{" + Descriptor.allCases.map(\.stem).joined(separator: "|") + "}"
        let method = "{" + SelectionMethod.allCases.map { "\($0)" }.joined(separator: "|") + "}"
        let timescale = "{|beta.}"  // τα unprefixed, t_β under "beta."
        return [
            "{profile|n|configurations|temperature|tau_alpha|runs|t_beta|t_alpha_sweeps}",
            "model.{density|composition|wave_number|cage_ratio|bond_breaking_ratio|coordination_ratio}",
            "equilibrium.{max_drift_significance|energy|acceptance|energy_spread|window_over_tau_alpha}",
            "equilibrium.{windows_max|swap_sweeps_max|window_sweeps|window_drift_max|swap_pairs}",
            "equilibrium.swap_acceptance_{unlike|sm|ml|sl}",
            "relaxation.{tau_alpha_early|tau_alpha_late|late_over_early|max_half_difference}",
            "table.{equilibrium|swap_stage|within_species|series}",
            // DescriptorScanSummary (and its table)
            "\(timescale)\(stem).pearson_peak{|.sem}",
            "\(timescale)\(stem).{peak_ell|optimal_ell|delta_x_to_p_min|delta_x_to_p_mean|delta_p_to_x_mean}",
            "\(timescale){best_descriptor|theta.pearson_margin|symmetry.max_abs_difference|symmetry.mean_abs_difference}",
            "\(timescale)pq.{delta_q_to_p|delta_p_to_q}{|.sem}",
            "\(timescale)table.{descriptor_peaks|supervised_orders}",
            // SelectionSummary
            "\(timescale)supervised.{delta_d1|delta_dmax|noise_rise}{|.sem}",
            "\(timescale)supervised.{drop|drop_share_by_d10|reverse_range|reverse_mean|first_is_theta|second_is_rho_or_phi|first_two_theta_and_density|first_ell_theta}",
            // PredictionSummary, for both protocols; BetaTimeSummary
            "\(timescale){|leakage_free.}prediction.\(method).{d1|d2|dmax}{|.sem}",
            "\(timescale){|leakage_free.}prediction.\(method).species_{S|M|L}.dmax",
            "\(timescale){|leakage_free.}prediction.{max_d|supervised.d2_share|species_order_s_m_l|species_s_minus_l|unsupervised_minus_random_d10_15}",
            "beta.{accuracy_drop|first_theta_ell_shift|theta_optimal_ell_shift}",
            // UnsupervisedSummary
            "unsupervised.{symmetric_d1|symmetric_dmax|decades}",
            "unsupervised.overlap_with_supervised_d10{|.sem}",
            "{|paper.}unsupervised.random_overlap_d10",
            // NoiseSummary, SpeciesSummary
            "noise.{half_pearson|delta_half}{|.sem}",
            "noise.{reliability|pearson_ceiling}",
            "pq.delta_q_to_p_over_repeat",
            "species.p_variance_share{|.sem}",
            "species.p_ratio_s_to_l",
            "within_species.\(stem).{pearson_peak|peak_ell|peak_S|peak_M|peak_L}",
            "within_species.{theta_margin|best_descriptor}",
            // TemperatureSeries
            "series.{optimal_ell_hottest|optimal_ell_coldest|optimal_ell_growth|temperatures|min_window_over_tau_alpha}",
            "series.{theta_minus_rho|half_pearson|species_share}_{hottest|coldest}",
            // PaperSummary: the paper's numbers from the published values, by the same functions
            "paper.{tau_alpha|t_beta|configurations}",
            "paper.temperature",
            "paper.\(stem).{pearson_peak|peak_ell|optimal_ell|delta_x_to_p_min|delta_x_to_p_mean|delta_p_to_x_mean}",
            "paper.{best_descriptor|theta.pearson_margin|symmetry.max_abs_difference|symmetry.mean_abs_difference}",
            "paper.pq.{delta_q_to_p|delta_p_to_q}",
            "paper.supervised.{delta_d1|delta_dmax|noise_rise|drop|drop_share_by_d10|reverse_range|reverse_mean}",
            "paper.supervised.{first_is_theta|second_is_rho_or_phi|first_two_theta_and_density|first_ell_theta}",
            "paper.unsupervised.{symmetric_d1|symmetric_dmax|decades|overlap_with_supervised_d10}",
            "paper.prediction.\(method).{d1|d2|dmax}",
            "paper.prediction.{max_d|supervised.d2_share|unsupervised_minus_random_d10_15}",
            // RunCost
            "cost.{propensity_trials|task_minutes|propensity_minutes|trials_per_core_second|paper_propensity_core_hours}",
        ]
    }

    static let set = ValueKeySet(patterns: patterns)
}
