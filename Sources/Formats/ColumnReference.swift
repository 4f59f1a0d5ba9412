import Foundation

/// An array argument `FILE`, `FILE:INDEX` or `FILE:NAME` (a name from `<stem>.names.json`
/// beside the file). Minimal version for `repro analyze`: the columns engineer's file replaces it.
public struct ColumnReference: Equatable, Sendable, CustomStringConvertible {
    public enum Column: Equatable, Sendable { case all, index(Int), name(String) }
    public let path: String
    public let column: Column

    public init(parsing argument: String) throws {
        // The last ':' separates the column, unless what follows could be part of a path.
        if let colon = argument.lastIndex(of: ":"), argument[argument.index(after: colon)...].allSatisfy({ $0 != "/" }) {
            let file = String(argument[..<colon]), spec = String(argument[argument.index(after: colon)...])
            guard !file.isEmpty, !spec.isEmpty else {
                throw FileProblem(path: argument, reason: "expected FILE, FILE:INDEX or FILE:NAME (e.g. p.npy:0)")
            }
            path = file
            if let i = Int(spec) {
                guard i >= 0 else { throw FileProblem(path: file, reason: "column \(i): a column index is a whole number ≥ 0") }
                column = .index(i)
            } else {
                column = .name(spec)
            }
        } else {
            guard !argument.isEmpty else { throw FileProblem(path: argument, reason: "expected FILE, FILE:INDEX or FILE:NAME (e.g. p.npy:0)") }
            path = argument; column = .all
        }
    }

    public var description: String {
        switch column {
        case .all: path
        case .index(let i): "\(path):\(i)"
        case .name(let n): "\(path):\(n)"
        }
    }

    /// The selected column (or the whole 1-D array, or a one-column matrix).
    public func loadVector() throws -> [Double] {
        let a = try NpyArray.read(from: URL(fileURLWithPath: path))
        guard a.shape.count <= 2 else { throw FileProblem(path: path, reason: "shape \(a.shape): expected a 1-D array or an N × K matrix") }
        switch column {
        case .all:
            guard a.columnCount == 1 else {
                throw FileProblem(path: path, reason: "\(a.rowCount) × \(a.columnCount) matrix: name a column, e.g. \(path):0 (0 … \(a.columnCount - 1))")
            }
            return a.values
        case .index(let i):
            guard i < a.columnCount else {
                throw FileProblem(path: path, reason: "column \(i) does not exist; allowed: 0 … \(a.columnCount - 1)")
            }
            return a.column(i)
        case .name(let name):
            let names = try columnNames(count: a.columnCount)
            guard let i = names.firstIndex(of: name) else {
                throw FileProblem(path: path, reason: "no column named '\(name)'; allowed: \(names.joined(separator: ", "))")
            }
            return a.column(i)
        }
    }

    /// The whole array as rows × columns (a 1-D array is one column), or the selected column.
    public func loadMatrix() throws -> (rows: Int, columns: Int, values: [Double]) {
        if column != .all {
            let v = try loadVector()
            return (v.count, 1, v)
        }
        let a = try NpyArray.read(from: URL(fileURLWithPath: path))
        guard a.shape.count <= 2 else { throw FileProblem(path: path, reason: "shape \(a.shape): expected a 1-D array or an N × K matrix") }
        return (a.rowCount, a.columnCount, a.values)
    }

    /// `<stem>.names.json` beside the file: a JSON array of `count` strings.
    private func columnNames(count: Int) throws -> [String] {
        let url = URL(fileURLWithPath: path), stem = url.deletingPathExtension().lastPathComponent
        let namesURL = url.deletingLastPathComponent().appendingPathComponent(stem + ".names.json")
        guard let data = try? Data(contentsOf: namesURL),
              let names = try? JSONDecoder().decode([String].self, from: data), names.count == count else {
            throw FileProblem(path: namesURL.path, reason: "a named column needs this file: a JSON array of the \(count) column names")
        }
        return names
    }
}
