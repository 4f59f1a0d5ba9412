import Pipeline

/// A stage kind of this study with what the pipeline does not know: the modules whose code its
/// results depend on, fingerprinted (from the build-time SourceFingerprints plugin), and its cost
/// model. The join's own glue is left out of the science stages' modules on purpose: an edit of
/// the report's values would otherwise flag every result.
struct StudyKind: Sendable {
    /// The pipeline's kind, with its fingerprint and its progress weight (the cost's trials) set.
    let kind: StageKind
    let modules: [String]
    let cost: TaskCosts.Model
    var name: String { kind.name }

    init(_ kind: StageKind, modules: [String], cost: @escaping TaskCosts.Model = TaskCosts.analysis) {
        var k = kind
        k.codeFingerprint = Self.fingerprint(modules)
        k.cost = { p, up in cost(p, up).trials }
        self.kind = k; self.modules = modules; self.cost = cost
    }

    /// The fingerprint of `modules`' sources: their hashes joined in the given order.
    static func fingerprint(_ modules: [String]) -> String {
        modules.map { "\($0):\(SourceFingerprints.byModule[$0] ?? "?")" }.joined(separator: ",")
    }
}
