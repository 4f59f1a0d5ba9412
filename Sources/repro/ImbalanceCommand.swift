import ArgumentParser
import Foundation
import Reproduction

struct ImbalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imbalance",
        abstract: "Information imbalance Δ(A→B) and Δ(B→A) between two arrays (paper Eq. (12); rank k as in DADApy).",
        discussion: """
        A and B are .npy arrays with one row per point (1-D arrays are one column) and the same number \
        of rows. FILE:COLUMN takes one column, by 0-based index or by a name listed in FILE.names.json \
        beside the file (an argument that names an existing file is that file, whole; any other splits at \
        its last ':'). Distances are Euclidean over the chosen columns; each column is standardized (zero mean, \
        unit population variance) first unless --no-standardize. Ties: the nearest neighbour is the lowest \
        index among equidistant points, and ranks follow a stable argsort (with --k, the k nearest are the first k \
        of that order). Constant (zero-variance) columns are refused: leave them out with --columns-a/-b. With \
        --subsample the M rows are drawn first and standardized among themselves. Prints both values in full precision.

        Cost: time O(N² (m_A + m_B + 2k)) for N points and m_A, m_B columns (O(N log N) when k = 1 and both \
        spaces have one column); memory O(N) per thread besides the arrays, never N × N. N = 4000, 15 columns \
        against one took 0.17 s at k = 1 and 0.25 s at k = 10 (make bench, 2 loaded cores); time grows as N², \
        so --subsample M cuts it by (N/M)².
        """)

    @Argument(help: "Space A: FILE.npy (1-D or 2-D, any numeric dtype), or one column of it as FILE.npy:COLUMN (0-based index, or a name from FILE.names.json).")
    var a: String
    @Argument(help: "Space B, as A (same number of rows as A).")
    var b: String
    // parsing: .unconditional: "-1" reaches parseColumns (a plain message there), not "Missing value".
    @Option(name: .customLong("columns-a"), parsing: .unconditional, help: "Comma-separated 0-based columns of A to use (default: all columns).")
    var columnsA: String?
    @Option(name: .customLong("columns-b"), parsing: .unconditional, help: "Comma-separated 0-based columns of B to use (default: all columns).")
    var columnsB: String?
    @Flag(name: .customLong("no-standardize"), help: "Use the values as given instead of standardizing each column (default: standardize).")
    var noStandardize = false
    @OptionGroup var rank: RankOptions

    func run() throws {
        var points = 0
        let pair = try compute(points: &points)
        print("Δ(A→B) = \(pair.forward)    (A = \(a), B = \(b))")
        print("Δ(B→A) = \(pair.backward)")
        if rank.k != 1 || rank.subsample != nil { print("(\(rank.describe(points: points)))") }
    }

    /// Both values, every input checked before any compute; `points` gets N (all rows).
    func compute(points: inout Int) throws -> ImbalancePair {
        let inputA = try ImbalanceInput.read(a, columns: columnsA, option: "--columns-a")
        let inputB = try ImbalanceInput.read(b, columns: columnsB, option: "--columns-b")
        var spaceA = inputA.space, spaceB = inputB.space
        guard spaceA.pointCount == spaceB.pointCount else {
            throw ImbalanceInput.Problem("\(a) has \(spaceA.pointCount) rows but \(b) has \(spaceB.pointCount); both need one row per point")
        }
        points = spaceA.pointCount
        if let rows = try rank.rows(points: spaceA.pointCount, file: inputA.path) {
            spaceA = try spaceA.selecting(points: rows); spaceB = try spaceB.selecting(points: rows)
        }
        try ImbalanceInput.requireVarying(spaceA, of: inputA, wayOut: "choose the others with --columns-a")
        try ImbalanceInput.requireVarying(spaceB, of: inputB, wayOut: "choose the others with --columns-b")
        if !noStandardize { spaceA = spaceA.standardized(); spaceB = spaceB.standardized() }
        return try informationImbalances(between: spaceA, and: spaceB, k: rank.k)
    }
}

/// Reading array arguments (`FILE`, `FILE:COLUMN`, `FILE:NAME`; see `ColumnReference`) into
/// feature spaces, with errors that name the file and the problem.
enum ImbalanceInput {
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// A space read from an argument: its columns as numbered in the file, and the file's names.
    struct Input {
        var path: String
        var space: FeatureSpace
        var columns: [Int]
        var names: [String]?
    }

    /// Loads a 1-D or 2-D array as a space (rows = points), keeping the argument's column or, with
    /// `columns` (`"0,3,5"`), those. Rejects unreadable files, other shapes, fewer than 2 rows,
    /// non-finite values, a column given both ways, and with `oneColumn` more than one column.
    static func read(_ argument: String, columns: String? = nil, option: String = "--columns", oneColumn: Bool = false) throws -> Input {
        let array: NpyArray, chosen: [Int], names: [String]?
        let reference: ColumnReference
        do {
            reference = try ColumnReference(parsing: argument)
            if columns != nil && reference.column != .all {
                throw Problem("\(argument): give the columns either as FILE:COLUMN or with \(option), not both")
            }
            (array, chosen, names) = try reference.resolve()
            if oneColumn && chosen.count != 1 { _ = try reference.loadVector() } // throws, naming the allowed columns
        } catch let e as ColumnError { throw Problem(e.description) } catch let e as NpyError { throw Problem(e.description) }
        let path = reference.path
        let n = array.rowCount, m = array.columnCount
        guard n >= 2 else { throw Problem("\(path): information imbalance needs at least 2 rows (points), got \(n)") }
        guard m >= 1 else { throw Problem("\(path): the array has no columns") }
        let indices = try columns.map { try parseColumns($0, file: path) } ?? chosen
        do {
            let space = try FeatureSpace(rowMajor: array.values, pointCount: n, featureCount: m)
            return Input(path: path, space: indices == Array(0..<m) ? space : try space.selecting(features: indices), columns: indices, names: names)
        } catch let e as InformationImbalanceError {
            throw Problem("\(path): \(e.description)")
        }
    }

    static func load(_ argument: String, columns: String? = nil) throws -> FeatureSpace { try read(argument, columns: columns).space }

    /// Refuses constant (zero-variance) columns of `space` (`input`'s, perhaps subsampled) before
    /// any compute, numbered as in the file and named by `labels` (one per chosen column).
    static func requireVarying(_ space: FeatureSpace, of input: Input, labels: [String]? = nil, wayOut: String) throws {
        let constant = space.constantFeatures
        guard !constant.isEmpty else { return }
        // The error lists names by file column.
        let byColumn = labels.map { labels in
            var all = [String](repeating: "", count: (input.columns.max() ?? 0) + 1)
            for (j, c) in input.columns.enumerated() { all[c] = labels[j] }
            return all
        }
        let columns = constant.map { input.columns[$0] }
        throw Problem("\(input.path): \(InformationImbalanceError.constantFeatures(columns: columns, names: byColumn)) (\(wayOut))")
    }

    static func parseColumns(_ text: String, file: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let v = Int(part), v >= 0 else { throw Problem("\(file): bad column index '\(part)' in '\(text)'; use 0-based integers like 0,3,5") }
            return v
        }
    }
}
