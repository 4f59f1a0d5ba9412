import ArgumentParser
import Reproduction

/// --k, --subsample and --seed of `imbalance` and `select`: checked alone in validate(), against
/// the number of rows once the arrays are read, always before any compute.
struct RankOptions: ParsableArguments {
    // parsing: .unconditional lets negative numbers through to validate() (a plain message there).
    @Option(name: .customLong("k"), parsing: .unconditional,
            help: "Rank k: Δ averages the ranks of each point's k nearest neighbours (DADApy's definition), 1 … N − 1; 1 is the paper's Eq. (12).")
    var k: Int = 1
    @Option(parsing: .unconditional,
            help: "Compute on M of the N points, drawn without replacement with --seed, 2 … N; ranks are then ranks among the M points, as in DADApy (default: all points).")
    var subsample: Int?
    @Option(parsing: .unconditional, help: "Seed of the --subsample draw (required with --subsample).")
    var seed: UInt64?

    func validate() throws {
        guard k >= 1 else { throw ValidationError("--k must be a whole number in 1…N−1 (N = number of points), got \(k)") }
        if let m = subsample, m < 2 { throw ValidationError("--subsample must be a whole number of points in 2…N (N = number of rows), got \(m)") }
        if subsample != nil && seed == nil { throw ValidationError("--subsample needs --seed S (the draw of the M points is fixed by the seed)") }
        if subsample == nil && seed != nil { throw ValidationError("--seed needs --subsample M (it seeds the draw of the M points)") }
    }

    /// The rows to keep (nil: all), after checking M ≤ N and k < M (or k < N) for `file`'s `n` rows.
    func rows(points n: Int, file: String) throws -> [Int]? {
        if let m = subsample, m > n {
            throw ImbalanceInput.Problem("\(file): --subsample \(m) exceeds its \(n) rows; allowed 2…\(n)")
        }
        let used = subsample ?? n
        guard k < used else {
            let of = subsample == nil ? "its \(n) rows" : "the --subsample of \(used) points"
            throw ImbalanceInput.Problem("\(file): --k \(k) needs more points than k; allowed 1…\(used - 1) for \(of)")
        }
        guard let m = subsample, let seed else { return nil }
        return try Subsample.indices(points: n, count: m, seed: seed)
    }

    /// Header text: what Δ was computed on.
    func describe(points n: Int) -> String {
        let on = subsample.map { "\($0) of \(n) points drawn with seed \(seed!)" } ?? "\(n) points"
        return "k = \(k), \(on)"
    }
}
