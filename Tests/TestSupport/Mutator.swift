import Randomness

/// Seeded mutations of a valid file for fuzz tests of the readers: bit flips, truncations,
/// insertions, overwritten bytes, and a run of digits replaced by an extreme number. Every run
/// of a test tries the same mutations.
public struct Mutator {
    public var rng: RandomStream
    /// Bytes an insertion picks from (nil: any byte).
    let insertions: [UInt8]?
    /// Numbers that replace a run of digits (and '.' when `decimals`).
    let numbers: [String]
    let decimals: Bool
    /// Only digits among the first `digitWindow` bytes are replaced (e.g. a binary file's header).
    let digitWindow: Int

    public init(seed: UInt64, insertions: [UInt8]? = nil, numbers: [String], decimals: Bool = false, digitWindow: Int = .max) {
        rng = RandomStream(seed: seed, purpose: .testData)
        self.insertions = insertions; self.numbers = numbers; self.decimals = decimals; self.digitWindow = digitWindow
    }

    /// A uniform integer in 0..<n (0 when n ≤ 1).
    public mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }

    /// Applies one to three mutations.
    public mutating func mutate(_ b: inout [UInt8]) {
        for _ in 0...below(3) { mutateOnce(&b) }
    }

    mutating func mutateOnce(_ b: inout [UInt8]) {
        guard !b.isEmpty else { b = [0x32]; return }
        switch below(5) {
        case 0: b[below(b.count)] ^= UInt8(1 << below(8))
        case 1: b.removeLast(below(b.count))
        case 2: b.insert(insertions.map { $0[below($0.count)] } ?? UInt8(truncatingIfNeeded: rng.next()), at: below(b.count + 1))
        case 3: b[below(b.count)] = UInt8(truncatingIfNeeded: rng.next())
        default:
            func digit(_ x: UInt8) -> Bool { (0x30...0x39).contains(x) }
            let candidates = b.indices.filter { $0 < digitWindow && digit(b[$0]) }
            guard !candidates.isEmpty else { return }
            let i = candidates[below(candidates.count)]
            var j = i
            while j < b.count, digit(b[j]) || (decimals && b[j] == 0x2E) { j += 1 }
            b.replaceSubrange(i..<j, with: Array(numbers[below(numbers.count)].utf8))
        }
    }
}
