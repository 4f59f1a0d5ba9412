import Foundation

/// The unsupervised selection (Fig. 6): Δ̄ over d, its decades, and the overlap of its first ten
/// (`SelectionSummary.saturationD`) features with the supervised selection's at τα. The paper's
/// is built by the same function.
struct UnsupervisedSummary: Codable, Sendable, Equatable {
    /// Δ̄(full, X_d), Δ(full→X_d), Δ(X_d→full) over d (the last two empty for the paper's).
    var symmetric: MeanCurve
    var fullToSubset: MeanCurve
    var subsetToFull: MeanCurve
    var symmetricD1: Double
    var symmetricDmax: Double
    var decades: Double
    /// Shared share of the first ten features (nil without supervised orders or with a smaller max_d).
    var overlapWithSupervisedD10: Estimate?
    /// What two random sets of ten features share on average, 10 / features: the overlap's
    /// chance level (nil without the feature count or with a smaller max_d).
    var randomOverlapD10: Double?

    init(_ o: StudyOutputs) {
        let u = o.imbalance.unsupervised
        let supervised = (try? o.imbalance.timescale(.tauAlpha))?.supervised.map(\.order)
        self.init(symmetric: u.map(\.symmetric), orders: u.map(\.order), supervisedOrders: supervised, configurations: o.configurations.count,
                  features: o.features.first?.names.count)
        fullToSubset = MeanCurve(rows: u.map(\.fullToSubset)); subsetToFull = MeanCurve(rows: u.map(\.subsetToFull))
    }

    /// From plain arrays: Δ̄ per configuration and d, the selected orders per configuration, and
    /// the supervised orders (τα) to compare with.
    init(symmetric: [[Double]], orders: [[Int]], supervisedOrders: [[Int]]?, configurations c: Int, features: Int? = nil) {
        let sym = MeanCurve(rows: symmetric)
        self.symmetric = sym
        fullToSubset = MeanCurve(mean: [], std: []); subsetToFull = fullToSubset
        let last = sym.mean.count - 1
        symmetricD1 = sym.mean[0]
        symmetricDmax = sym.mean[last]
        decades = log10(sym.mean[0] / sym.mean[last])
        let d = SelectionSummary.saturationD
        guard sym.mean.count >= d else { return }
        if let supervisedOrders {
            let overlap = zip(supervisedOrders, orders).map { s, us in Double(Set(s.prefix(d)).intersection(us.prefix(d)).count) / Double(d) }
            overlapWithSupervisedD10 = MeanCurve(rows: overlap.map { [$0] }).estimate(0, configurations: c)
        }
        if let features, features > 0 { randomOverlapD10 = Double(d) / Double(features) }
    }
}
