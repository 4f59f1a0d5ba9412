import Foundation

/// The figure data the authors published (T = 0.30, 10 configurations), bundled as a resource;
/// see report/reference/README.md. Used only to overlay and compare, never to compute.
struct PublishedValues: Decodable, Sendable {
    var feature_names: [String]
    var ells: [Double]
    var fig4a_pearson_X_p_mean: [Double]
    var fig4_delta_X_to_p_mean: [Double]
    var fig4_delta_X_to_p_std: [Double]
    var fig4_delta_p_to_X_mean: [Double]
    var fig4_delta_p_to_X_std: [Double]
    var fig5_supervised_delta_Xd_to_p_mean: [Double]
    var fig5_supervised_delta_Xd_to_p_std: [Double]
    var fig5_supervised_delta_p_to_Xd_mean: [Double]
    var fig5_supervised_delta_p_to_Xd_std: [Double]
    var fig5_supervised_selected_indices_per_config: [[Int]]
    var fig6_unsupervised_selected_indices_per_config: [[Int]]
    var fig6_symmetric_delta_mean: [Double]
    var fig6_symmetric_delta_std: [Double]
    var fig6_delta_full_to_Xd_mean: [Double]
    var fig6_delta_full_to_Xd_std: [Double]
    var fig6_delta_Xd_to_full_mean: [Double]
    var fig6_delta_Xd_to_full_std: [Double]
    var fig7_supervised_ii_pearson_mean: [Double]
    var fig7_supervised_ii_pearson_std: [Double]
    var fig7_unsupervised_ii_pearson_mean: [Double]
    var fig7_unsupervised_ii_pearson_std: [Double]
    var fig7_lasso_pearson_mean: [Double]
    var fig7_lasso_pearson_std: [Double]
    var fig7_random_pearson_mean: [Double]
    var fig7_random_pearson_std: [Double]
    var text_values: TextValues

    /// Numbers the paper states in its text but no published array holds (the "~0.56 near l=2"
    /// kind of entry is prose, not read).
    struct TextValues: Decodable, Sendable {
        var delta_q_to_p: Double
        var delta_p_to_q: Double
        var tau_alpha_T030: Double
        var t_beta: Double
        /// The state point of every published number.
        var temperature: Double
    }

    static let shared: PublishedValues = {
        guard let url = Bundle.module.url(forResource: "published_values", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let values = try? JSONDecoder().decode(PublishedValues.self, from: data) else {
            fatalError("the bundled published_values.json is missing or unreadable: the build is broken")
        }
        return values
    }()
}

extension PublishedValues {
    /// Fig. 5's largest d: the length of its selected orders.
    var fig5MaxD: Int { fig5_supervised_selected_indices_per_config.map(\.count).max() ?? 0 }

    /// A Fig. 5 array split into its curve over d = 1…max_d and the noise point appended after
    /// it (nil without one).
    func fig5Split(_ values: [Double]) -> (curve: [Double], noise: Double?) {
        let d = fig5MaxD
        return (Array(values.prefix(d)), values.count > d ? values[d] : nil)
    }
}
