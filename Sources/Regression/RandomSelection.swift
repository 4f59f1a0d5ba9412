import Randomness

/// Random selection: `d` distinct columns out of `featureCount`, uniform without replacement
/// (partial Fisher–Yates), from the stream (seed, .randomSelection, [configuration, d, realisation]).
/// The columns come in draw order; the same arguments always give the same columns.
public func randomSelection(featureCount: Int, d: Int, seed: UInt64, configuration: Int, realisation: Int) -> [Int] {
    precondition(d >= 0 && d <= featureCount, "randomSelection: d must be in 0...featureCount")
    var stream = RandomStream(seed: seed, purpose: .randomSelection,
                              indices: [UInt64(configuration), UInt64(d), UInt64(realisation)])
    var pool = Array(0..<featureCount)
    for k in 0..<d {
        let pick = k + uniformIndex(below: featureCount - k, using: &stream)
        pool.swapAt(k, pick)
    }
    return Array(pool[0..<d])
}

/// Uniform integer in 0..<n by Lemire's multiply-and-reject, written out so the draw does not
/// depend on the standard library's implementation of `Int.random(in:using:)`.
func uniformIndex(below n: Int, using stream: inout RandomStream) -> Int {
    let bound = UInt64(n)
    var product = stream.next().multipliedFullWidth(by: bound)
    if product.low < bound {
        let threshold = (0 &- bound) % bound
        while product.low < threshold { product = stream.next().multipliedFullWidth(by: bound) }
    }
    return Int(product.high)
}
