import Foundation
import Testing
@testable import Formats

/// Issue 14, item 6: a few thousand seeded mutations of valid `.npy` files never crash the
/// reader; each one is either a consistent array or an error that names the file.
@Suite struct NpyFuzzTests {
    @Test func mutatedFilesNeverCrashTheReader() {
        let seeds: [Data] = [
            NpyArray(shape: [3, 4], values: (0..<12).map(Double.init)).encoded(),
            NpyArray(int32: [1, -2, 3]).encoded(),
            NpyArray(shape: [2, 2], dtype: .int64, values: [1, 2, 3, 4]).encoded(),
            NpyArray(shape: [5], dtype: .uint8, values: [0, 1, 2, 3, 255]).encoded(),
            NpyArray(shape: [], values: [7]).encoded(),
        ]
        var rng = SplitMix(seed: 14)
        var decoded = 0, rejected = 0
        for k in 0..<4000 {
            var bytes = [UInt8](seeds[k % seeds.count])
            for _ in 0...rng.below(3) { mutate(&bytes, &rng) }
            let path = "fuzz-\(k).npy"
            do {
                let a = try NpyArray.decode(Data(bytes), path: path)
                #expect(a.values.count == a.shape.reduce(1, *), "mutation \(k)")
                decoded += 1
            } catch {
                #expect("\(error)".hasPrefix(path + ":"), "mutation \(k): \(error)")
                rejected += 1
            }
        }
        #expect(decoded > 0 && rejected > 1000) // both paths were exercised
    }

    /// Byte flips, truncations, insertions and edits of the header's digits.
    func mutate(_ b: inout [UInt8], _ rng: inout SplitMix) {
        guard !b.isEmpty else { b = [0x93]; return }
        switch rng.below(5) {
        case 0: b[rng.below(b.count)] ^= UInt8(1 << rng.below(8))
        case 1: b.removeLast(rng.below(b.count))
        case 2: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: rng.below(b.count + 1))
        case 3: b[rng.below(b.count)] = UInt8(truncatingIfNeeded: rng.next())
        default:
            // Replace a run of digits in the header with a random (often huge) number.
            let digits = b.indices.filter { $0 < min(b.count, 128) && (0x30...0x39).contains(b[$0]) }
            guard let i = digits.randomElement(using: &rng) else { return }
            var j = i
            while j < b.count, (0x30...0x39).contains(b[j]) { j += 1 }
            let big = ["0", "1", "9223372036854775807", "4611686018427387904", "18446744073709551616", "99999999999",
                       "\(rng.next())", "-3"][rng.below(8)]
            b.replaceSubrange(i..<j, with: Array(big.utf8))
        }
    }
}

/// A tiny seeded generator (SplitMix64), so every run tries the same mutations.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
}
