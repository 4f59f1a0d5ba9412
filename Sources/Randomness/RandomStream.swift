/// Every random number in the project comes from a `RandomStream`, identified by the global seed,
/// a `StreamPurpose` and a list of task indices (configuration, run, …). A stream never depends on
/// thread count or task order, so a seed fixes every result bit for bit.
///
/// Generator: xoshiro256** (Blackman & Vigna 2018), seeded by hashing (seed, purpose, indices)
/// with SplitMix64. Its state is four words, which checkpoints store verbatim.
public struct RandomStream: RandomNumberGenerator, Sendable, Equatable, Codable {
    public var state: (UInt64, UInt64, UInt64, UInt64) {
        get { (s0, s1, s2, s3) }
        set { (s0, s1, s2, s3) = newValue }
    }
    // Inlinable so that hot loops in other modules inline `next()`.
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64, purpose: StreamPurpose, indices: [UInt64] = []) {
        var h = SplitMix64(state: seed ^ 0x6A09_E667_F3BC_C908)
        var key = h.next() ^ purpose.rawValue
        for i in indices {
            var m = SplitMix64(state: key ^ (i &* 0x9E37_79B9_7F4A_7C15))
            key = m.next() &+ m.next()
        }
        var sm = SplitMix64(state: key)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if (s0 | s1 | s2 | s3) == 0 { s0 = 1 } // the all-zero state is a fixed point
    }

    /// Restores a stream from its four state words (as stored in a checkpoint).
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        (s0, s1, s2, s3) = state
    }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal deviate (Box–Muller; one of the pair is discarded to keep the state simple).
    public mutating func gaussian() -> Double {
        var u = uniform()
        while u == 0 { u = uniform() }
        let v = uniform()
        return (-2 * _log(u)).squareRoot() * _cos(2 * Double.pi * v)
    }

    /// Uniform integer in 0..<n by Lemire's multiply-and-reject, written out so the draw does not
    /// depend on the standard library's implementation of `Int.random(in:using:)`.
    public mutating func index(below n: Int) -> Int {
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return Int(product.high)
    }

    /// `count` distinct integers of 0..<n, uniform without replacement (partial Fisher–Yates), in draw order.
    public mutating func sample(_ count: Int, of n: Int) -> [Int] {
        precondition(count >= 0 && count <= n, "sample: count must be in 0...n")
        var pool = Array(0..<n)
        for k in 0..<count { pool.swapAt(k, k + index(below: n - k)) }
        return Array(pool[0..<count])
    }

    public static func == (a: RandomStream, b: RandomStream) -> Bool {
        a.s0 == b.s0 && a.s1 == b.s1 && a.s2 == b.s2 && a.s3 == b.s3
    }

    @inlinable @inline(__always) func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// All stream identifiers of the project, in one place (after HOOMD-blue).
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
    case liquidPreparation = 1
    case equilibration = 2
    case isoconfigurationalRun = 3
    case relaxationRun = 4
    case noiseFeature = 5
    case randomSelection = 6
    case testData = 7
    case subsample = 8
}

struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
