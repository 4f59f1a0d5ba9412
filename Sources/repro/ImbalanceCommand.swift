import ArgumentParser
import Foundation
import Reproduction

struct ImbalanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imbalance",
        abstract: "Information imbalance Δ(A→B) and Δ(B→A) between two arrays (paper Eq. (12); rank k as in DADApy).",
        discussion: """
        A and B are .npy arrays with one row per point (1-D arrays are one column) and the same number \
        of rows. Distances are Euclidean over the chosen columns; each column is standardized (zero mean, \
        unit population variance) first unless --no-standardize. Ties: the nearest neighbour is the lowest \
        index among equidistant points, and ranks follow a stable argsort (with --k, the k nearest are the first k \
        of that order). Constant (zero-variance) columns are refused: leave them out with --columns-a/-b. With \
        --subsample the M rows are drawn first and standardized among themselves. Prints both values in full precision.

        Cost: time O(N² (m_A + m_B + 2k)) for N points and m_A, m_B columns (O(N log N) when k = 1 and both \
        spaces have one column); memory O(N) per thread besides the arrays, never N × N. N = 4000, 15 columns \
        against one took 0.17 s at k = 1 and 0.25 s at k = 10 (make bench, 2 loaded cores); time grows as N², \
        so --subsample M cuts it by (N/M)².
        """)

    @Argument(help: "Space A (.npy, float64/int32/int64/uint8, 1-D or 2-D).")
    var a: String
    @Argument(help: "Space B (.npy, same number of rows as A).")
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
        var spaceA = try ImbalanceInput.load(a, columns: columnsA)
        var spaceB = try ImbalanceInput.load(b, columns: columnsB)
        guard spaceA.pointCount == spaceB.pointCount else {
            throw ImbalanceInput.Problem("\(a) has \(spaceA.pointCount) rows but \(b) has \(spaceB.pointCount); both need one row per point")
        }
        points = spaceA.pointCount
        if let rows = try rank.rows(points: spaceA.pointCount, file: a) {
            spaceA = try spaceA.selecting(points: rows); spaceB = try spaceB.selecting(points: rows)
        }
        try ImbalanceInput.requireVarying(spaceA, file: a, columns: columnsA, wayOut: "choose the others with --columns-a")
        try ImbalanceInput.requireVarying(spaceB, file: b, columns: columnsB, wayOut: "choose the others with --columns-b")
        if !noStandardize { spaceA = spaceA.standardized(); spaceB = spaceB.standardized() }
        return try informationImbalances(between: spaceA, and: spaceB, k: rank.k)
    }
}

/// Reading .npy inputs into feature spaces, with errors that name the file and the problem.
enum ImbalanceInput {
    struct Problem: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Loads a 1-D or 2-D array as a space (rows = points), optionally keeping only some columns
    /// (`"0,3,5"`). Rejects unreadable files, other shapes, fewer than 2 rows, non-finite values.
    static func load(_ path: String, columns: String? = nil) throws -> FeatureSpace {
        let array: NpyArray
        do { array = try NpyArray.read(from: URL(fileURLWithPath: path)) } catch let e as NpyError {
            throw Problem(e.description)
        }
        guard array.shape.count == 1 || array.shape.count == 2 else {
            throw Problem("\(path): expected a 1-D or 2-D array (rows = points), got shape \(array.shape)")
        }
        let n = array.rowCount, m = array.columnCount
        guard n >= 2 else { throw Problem("\(path): information imbalance needs at least 2 rows (points), got \(n)") }
        guard m >= 1 else { throw Problem("\(path): the array has no columns") }
        let space: FeatureSpace
        do { space = try FeatureSpace(rowMajor: array.values, pointCount: n, featureCount: m) } catch let e as InformationImbalanceError {
            throw Problem("\(path): \(e.description)")
        }
        guard let columns else { return space }
        let indices = try parseColumns(columns, file: path)
        do { return try space.selecting(features: indices) } catch let e as InformationImbalanceError {
            throw Problem("\(path): \(e.description)")
        }
    }

    /// Refuses constant (zero-variance) columns before any compute, numbered as in the file
    /// (`columns`: the --columns text the space was selected with).
    static func requireVarying(_ space: FeatureSpace, file: String, columns: String? = nil, names: [String]? = nil, wayOut: String) throws {
        let chosen = try columns.map { try parseColumns($0, file: file) }
        let constant = space.constantFeatures.map { chosen?[$0] ?? $0 }
        guard !constant.isEmpty else { return }
        throw Problem("\(file): \(InformationImbalanceError.constantFeatures(columns: constant, names: names)) (\(wayOut))")
    }

    static func parseColumns(_ text: String, file: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.map { part in
            guard let v = Int(part), v >= 0 else { throw Problem("\(file): bad column index '\(part)' in '\(text)'; use 0-based integers like 0,3,5") }
            return v
        }
    }
}
