import Descriptors
import Regression

/// The paper's numbers, computed from the bundled published values (`PublishedValues`) by the
/// same functions that compute ours, so the manifest, the tables and the prose quote one source.
/// The authors publish means over their 10 configurations, not the per-configuration curves our
/// functions average: each published mean enters as the one "configuration" (or as every
/// configuration, where per-configuration orders are published), so means are exact and spreads
/// are meaningless: its keyed form (`paper.*`) has no `.sem` and no tables.
struct PaperSummary: Codable, Sendable, Equatable {
    var temperature: Double
    var tauAlpha: Double
    var tBeta: Double
    var configurations: Int
    var scan: DescriptorScanSummary
    var selection: SelectionSummary
    var unsupervised: UnsupervisedSummary
    var prediction: PredictionSummary

    init(_ p: PublishedValues = .shared) throws {
        let names = FeatureName.all(ells: p.ells).map(\.name)  // the published column order is ours
        // Fig. 4: per-feature means; Δ(q↔p) are stated only in the text.
        let perFeature = TimescaleAnalysis(
            label: .tauAlpha, time: 0, pearson: [p.fig4a_pearson_X_p_mean], toTarget: [p.fig4_delta_X_to_p_mean],
            fromTarget: [p.fig4_delta_p_to_X_mean], qToP: [p.text_values.delta_q_to_p], pToQ: [p.text_values.delta_p_to_q], supervised: [])
        scan = DescriptorScanSummary(perFeature, ells: p.ells, configurations: 1)
        // Fig. 5: the orders are published per configuration, the Δ curves as means (the entry
        // after max_d is the noise point), so every configuration gets the mean curves.
        let orders = p.fig5_supervised_selected_indices_per_config
        let (to, noise) = p.fig5Split(p.fig5_supervised_delta_Xd_to_p_mean), from = p.fig5Split(p.fig5_supervised_delta_p_to_Xd_mean).curve
        let rise = noise.map { [$0 - to[to.count - 1]] } ?? []
        selection = try SelectionSummary(orders: orders, toTarget: orders.map { _ in to }, fromTarget: orders.map { _ in from },
                                         noiseRise: rise, names: names, configurations: orders.count)
        // Fig. 6: Δ̄ as means, orders per configuration.
        unsupervised = UnsupervisedSummary(symmetric: [p.fig6_symmetric_delta_mean], orders: p.fig6_unsupervised_selected_indices_per_config,
                                           supervisedOrders: orders, configurations: 1, features: names.count)
        // Fig. 7: ρ(p, p̂) means per method; no species split is published.
        func method(_ m: SelectionMethod, _ mean: [Double], _ std: [Double]) -> MethodAccuracy {
            MethodAccuracy(method: m, perConfiguration: [mean], mean: mean, std: std, speciesMean: [], speciesStd: [])
        }
        prediction = PredictionSummary(RegressionOutcome(
            timescale: .tauAlpha, protocolName: .paper,
            methods: [method(.supervised, p.fig7_supervised_ii_pearson_mean, p.fig7_supervised_ii_pearson_std),
                      method(.unsupervised, p.fig7_unsupervised_ii_pearson_mean, p.fig7_unsupervised_ii_pearson_std),
                      method(.lasso, p.fig7_lasso_pearson_mean, p.fig7_lasso_pearson_std),
                      method(.random, p.fig7_random_pearson_mean, p.fig7_random_pearson_std)],
            keptConfiguration: 0, keptPropensity: [], keptPrediction: [], keptSpecies: []), configurations: 1)
        // The state point, from the text.
        temperature = p.text_values.temperature
        tauAlpha = p.text_values.tau_alpha_T030
        tBeta = p.text_values.t_beta
        configurations = orders.count
    }
}
