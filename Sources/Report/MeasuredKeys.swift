/// Values that are measured, not computed: wall times and engine speeds (`cost.*`) move with the
/// machine and its load, so a comparison with a published baseline leaves them out.
extension ReportDiff {
    /// Key prefixes of measured values.
    public static let measuredKeyPrefixes = ["cost."]

    /// This diff without the value changes whose key starts with one of `prefixes` (verdicts,
    /// and so `worse`, are unchanged).
    public func ignoring(prefixes: [String]) -> ReportDiff {
        var d = self
        d.values.removeAll { change in prefixes.contains { change.key.hasPrefix($0) } }
        return d
    }
}
