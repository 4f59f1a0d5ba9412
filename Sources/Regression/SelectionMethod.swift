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

    /// The stable machine name, as written in `regression.json`: `supervised_ii`, `unsupervised_ii`,
    /// `lasso`, `random`.
    public var code: String {
        switch self {
        case .supervised: return "supervised_ii"
        case .unsupervised: return "unsupervised_ii"
        case .lasso: return "lasso"
        case .random: return "random"
        }
    }

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

/// Coded by `code`, so files stay readable and stable if the cases are ever reordered.
extension SelectionMethod: Codable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer(), code = try c.decode(String.self)
        guard let m = Self.allCases.first(where: { $0.code == code }) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription:
                "unknown selection method '\(code)'; allowed: \(Self.allCases.map(\.code).joined(separator: ", "))")
        }
        self = m
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}
