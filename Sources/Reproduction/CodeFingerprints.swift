import Pipeline

/// Which modules' code each stage kind's results depend on, and the fingerprint of that code
/// (from the build-time SourceFingerprints plugin). The join's own glue is left out of the
/// science stages on purpose: an edit of the report's values would otherwise flag every result.
enum CodeFingerprints {
    static let dependencies: [String: [String]] = [
        "equilibrate": ["Formats", "Randomness", "Model", "MonteCarlo"],
        "relaxation": ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics"],
        "propensity": ["Formats", "Randomness", "Model", "MonteCarlo", "Dynamics"],
        "descriptors": ["Formats", "Model", "Statistics", "Descriptors"],
        "imbalance": ["Randomness", "Statistics", "InformationImbalance"],
        "regression": ["Randomness", "Statistics", "Regression"],
        "pearson_ell_scan": ["Model", "Statistics", "Descriptors", "Dynamics", "InformationImbalance"],
        "summary": ["Model", "Statistics", "Dynamics", "Descriptors", "InformationImbalance", "Regression", "Reproduction"],
        "figures": ["Model", "Statistics", "Plotting", "Reproduction"],
    ]

    /// The fingerprint of `modules`' sources: their hashes joined in the given order.
    static func of(_ modules: [String]) -> String {
        modules.map { "\($0):\(SourceFingerprints.byModule[$0] ?? "?")" }.joined(separator: ",")
    }

    /// `kind` with its fingerprint set; every registered kind must be listed above.
    static func stamped(_ kind: StageKind) -> StageKind {
        var k = kind
        guard let modules = dependencies[kind.name] else { preconditionFailure("no code dependencies declared for stage kind '\(kind.name)'") }
        k.codeFingerprint = of(modules)
        return k
    }
}
