/// The value keys a join can provide, declared as patterns so the manifest can reject an
/// expectation on a key nothing sets (a typo) before any task runs, and suggest the nearest one.
import Foundation

/// Keys written as patterns with alternatives: `{|beta.}{rho_bar|theta_bar}.peak_ell{|.sem}`
/// stands for the eight keys it expands to (an empty alternative is allowed).
public struct ValueKeySet: Sendable {
    /// Every key, sorted.
    public let keys: [String]
    private let set: Set<String>

    public init(patterns: [String]) {
        var all: [String] = []
        for p in patterns { all += Self.expand(p) }
        set = Set(all)
        keys = set.sorted()
    }

    /// Plain keys, no patterns (e.g. `ValueEncoding.keys(of:)`).
    public init(keys: some Sequence<String>) {
        set = Set(keys)
        self.keys = set.sorted()
    }

    public func contains(_ key: String) -> Bool { set.contains(key) }

    /// The declared key nearest to `key` by edit distance, when it is close enough to be a typo
    /// (at most a third of the key's length, at least 1 and at most 4 edits).
    public func suggestion(for key: String) -> String? {
        let limit = min(4, max(1, key.count / 3))
        var best: (String, Int)? = nil
        for k in keys where abs(k.count - key.count) <= limit {
            let d = editDistance(key, k)
            if d <= limit, d < (best?.1 ?? .max) { best = (k, d) }
        }
        return best?.0
    }

    /// `a{x|y}b{|c}` → [axb, axbc, ayb, aybc].
    static func expand(_ pattern: String) -> [String] {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern[open...].firstIndex(of: "}") else { return [pattern] }
        let head = String(pattern[..<open]), rest = expand(String(pattern[pattern.index(after: close)...]))
        let options = pattern[pattern.index(after: open)..<close].split(separator: "|", omittingEmptySubsequences: false)
        return options.flatMap { o in rest.map { head + o + $0 } }
    }
}

/// Edit distance over characters, counting a swap of neighbours as one edit (the commonest typo).
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
        }
    }
    return d[a.count][b.count]
}
