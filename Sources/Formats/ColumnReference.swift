import Foundation

/// An array argument as written on the command line: `FILE` (every column), `FILE:COLUMN`
/// (a 0-based index) or `FILE:NAME` (a name from `<stem>.names.json` beside the file, a JSON
/// array of strings, one per column).
///
/// The rule for ':' in paths: an argument that names an existing file is that file, whole;
/// otherwise it splits at its last ':'. So `run:2/p.npy` and `run:2/p.npy:0` both work.
public struct ColumnReference: Equatable, Sendable, CustomStringConvertible {
    public enum Column: Equatable, Sendable { case all, index(Int), name(String) }
    public let path: String
    public let column: Column
    /// The argument as the user wrote it.
    private let argument: String

    public init(parsing argument: String) throws(ColumnError) {
        self.argument = argument
        guard !argument.isEmpty else { throw ColumnError("an empty argument names no .npy file") }
        guard !FileManager.default.fileExists(atPath: argument), let colon = argument.lastIndex(of: ":") else {
            (path, column) = (argument, .all)
            return
        }
        path = String(argument[..<colon])
        let text = String(argument[argument.index(after: colon)...])
        guard !path.isEmpty else { throw ColumnError("'\(argument)' names no file before the ':'; write FILE:COLUMN, e.g. p.npy:0") }
        guard !text.isEmpty else { throw ColumnError("'\(argument)' names no column after the ':'; write FILE:COLUMN, e.g. \(path):0, or \(path) for every column") }
        if let i = Int(text) {
            guard i >= 0 else { throw ColumnError("\(path): column \(i) in '\(argument)': columns are numbered from 0") }
            column = .index(i)
        } else {
            column = .name(text)
        }
    }

    public var description: String { argument }

    /// The array, the 0-based indices of the selected columns in it, and the names of all its
    /// columns (nil when no names file sits beside the array). Errors name the file, the column
    /// and what is allowed.
    public func resolve() throws -> (array: NpyArray, columns: [Int], names: [String]?) {
        let array = try NpyArray.read(from: URL(fileURLWithPath: path))
        guard array.shape.count == 1 || array.shape.count == 2 else {
            throw ColumnError("\(path): expected a 1-D or 2-D array (rows = points, columns = quantities), got shape \(array.shape)")
        }
        let m = array.columnCount
        // A name needs the names file; otherwise it is read when present, for labels.
        let names: [String]?
        if case let .name(name) = column { names = try requiredNames(count: m, for: name) } else { names = try optionalNames(count: m) }
        switch column {
        case .all: return (array, Array(0..<m), names)
        case let .index(i):
            guard i < m else { throw ColumnError("\(path): no column \(i) (asked for as '\(argument)'); \(allowed(m, names))") }
            return (array, [i], names)
        case let .name(name):
            let names = names!, matches = names.indices.filter { names[$0] == name }
            guard matches.count <= 1 else {
                throw ColumnError("\(namesPath): the name '\(name)' labels columns \(matches.map(String.init).joined(separator: ", ")); give the index instead, e.g. \(path):\(matches[0])")
            }
            guard let i = matches.first else {
                let hint = Self.nearest(to: name, among: names).map { "did you mean '\($0)'? " } ?? ""
                throw ColumnError("\(path): no column named '\(name)' (asked for as '\(argument)'); \(hint)\(allowed(m, names))")
            }
            return (array, [i], names)
        }
    }

    /// The selected column as a vector (N values); `.all` requires a 1-D or N×1 array.
    public func loadVector() throws -> [Double] {
        let (array, columns, names) = try resolve()
        guard columns.count == 1 else {
            throw ColumnError("\(path): one column is needed, the array has \(columns.count); choose one as \(path):COLUMN (\(allowed(columns.count, names)))")
        }
        return array.column(columns[0])
    }

    /// The selected columns as rows (N × m, row-major), for feature matrices; `.all` = every column.
    public func loadMatrix() throws -> (rows: Int, columns: Int, values: [Double]) {
        let (array, columns, _) = try resolve()
        if columns.count == array.columnCount { return (array.rowCount, columns.count, array.values) }
        return (array.rowCount, 1, array.column(columns[0]))
    }

    /// The names of the selected columns (nil without a names file): what a table prints beside them.
    public func loadNames() throws -> [String]? {
        let (_, columns, names) = try resolve()
        return names.map { all in columns.map { all[$0] } }
    }

    /// `<stem>.names.json` beside the array.
    public var namesPath: String { URL(fileURLWithPath: path).deletingPathExtension().path + ".names.json" }

    private func optionalNames(count: Int) throws -> [String]? {
        FileManager.default.fileExists(atPath: namesPath) ? try requiredNames(count: count, for: nil) : nil
    }

    private func requiredNames(count: Int, for name: String?) throws -> [String] {
        let url = URL(fileURLWithPath: namesPath)
        if let problem = readProblem(url) {
            throw ColumnError("\(path): column '\(name ?? "")' is a name, but the names file \(namesPath) cannot be read (\(problem)); "
                              + "give a 0-based index 0…\(count - 1) instead, or write the names there (a JSON array of strings, one per column)")
        }
        guard let data = try? Data(contentsOf: url), let names = try? JSONDecoder().decode([String].self, from: data) else {
            throw ColumnError("\(namesPath): expected a JSON array of strings, one name per column of \(path)")
        }
        guard names.count == count else { throw ColumnError("\(namesPath): has \(names.count) names but \(path) has \(count) columns") }
        return names
    }

    /// What may follow the ':' for an array of `m` columns.
    private func allowed(_ m: Int, _ names: [String]?) -> String {
        guard m > 0 else { return "the array has no columns" }
        let indices = m == 1 ? "0" : "0…\(m - 1)"
        guard let names else { return "allowed: \(indices) (no names file \(namesPath))" }
        return "allowed: \(indices) or a name: " + names.joined(separator: ", ")
    }

    /// The name closest to `name` when it is close enough to be a typo: a case slip, or at most a
    /// third of its length (1…4) in single-character edits.
    static func nearest(to name: String, among names: [String]) -> String? {
        if let same = names.first(where: { $0.lowercased() == name.lowercased() }) { return same }
        let limit = min(4, max(1, name.count / 3))
        let scored = names.map { ($0, levenshtein(Array(name), Array($0))) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Single-row Levenshtein distance.
    static func levenshtein(_ a: [Character], _ b: [Character]) -> Int {
        var row = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var diagonal = row[0]
            row[0] = i + 1
            for (j, y) in b.enumerated() {
                let next = min(row[j + 1] + 1, row[j] + 1, diagonal + (x == y ? 0 : 1))
                diagonal = row[j + 1]
                row[j + 1] = next
            }
        }
        return row[b.count]
    }
}

/// A column argument that cannot be parsed or resolved, in plain words naming the file.
public struct ColumnError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
