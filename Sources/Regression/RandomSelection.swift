import Randomness

/// Random selection: `d` distinct columns out of `featureCount`, uniform without replacement
/// (partial Fisher–Yates), from the stream (seed, .randomSelection, [configuration, d, realisation]).
/// The columns come in draw order; the same arguments always give the same columns.
public func randomSelection(featureCount: Int, d: Int, seed: UInt64, configuration: Int, realisation: Int) -> [Int] {
    precondition(d >= 0 && d <= featureCount, "randomSelection: d must be in 0...featureCount")
    var stream = RandomStream(seed: seed, purpose: .randomSelection,
                              indices: [UInt64(configuration), UInt64(d), UInt64(realisation)])
    return stream.sample(d, of: featureCount)
}
