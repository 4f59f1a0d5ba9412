/// The four ways of choosing d features compared in Fig. 7.
public enum SelectionMethod: Int, CaseIterable, Sendable {
    /// The supervised information imbalance order given by the caller.
    case supervised = 0
    /// The unsupervised information imbalance order given by the caller.
    case unsupervised = 1
    /// Lasso selection on the training set, refitted by OLS.
    case lasso = 2
    /// d random features, averaged over realisations.
    case random = 3

    /// A short name for tables and legends.
    public var name: String {
        switch self {
        case .supervised: return "supervised II"
        case .unsupervised: return "unsupervised II"
        case .lasso: return "Lasso"
        case .random: return "random"
        }
    }
}
